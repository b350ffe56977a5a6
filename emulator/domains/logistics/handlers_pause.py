"""Pausing an Outlet's Instant channels: no new orders on them for as long as the day's quota lasts."""
from __future__ import annotations

from typing import Any

from emulator.context import RequestContext
from emulator.registry import operation
from emulator.spec.requests import V2LogisticsGetPauseStatusRequest, V2LogisticsSetPauseStatusRequest


@operation("v2.logistics.get_pause_status")
def get_pause_status(ctx: RequestContext, req: V2LogisticsGetPauseStatusRequest) -> dict[str, Any]:
    """The pause in force and its end, or the quota left today."""
    return ctx.emulator.logistics.pauses.status(ctx.signed_shop_id)


@operation("v2.logistics.set_pause_status")
def set_pause_status(ctx: RequestContext, req: V2LogisticsSetPauseStatusRequest) -> dict[str, Any]:
    """Pause or resume; the change applies after the platform's delay."""
    return ctx.emulator.logistics.pauses.set_status(ctx.signed_shop_id, req.is_paused)
