"""Pausing an Outlet's Instant channels: no new orders on them for as long as the day's quota lasts."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from emulator.registry import operation

if TYPE_CHECKING:
    from emulator.pipeline import RequestContext


@operation("v2.logistics.get_pause_status")
def get_pause_status(ctx: RequestContext, req: Any) -> dict[str, Any]:
    """The pause in force and its end, or the quota left today."""
    return ctx.emulator.logistics.pauses.status(ctx.shop_id)


@operation("v2.logistics.set_pause_status")
def set_pause_status(ctx: RequestContext, req: Any) -> dict[str, Any]:
    """Pause or resume; the change applies after the platform's delay."""
    return ctx.emulator.logistics.pauses.set_status(ctx.shop_id, req.is_paused)
