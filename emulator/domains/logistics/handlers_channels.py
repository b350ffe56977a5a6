"""Instant channel APIs: what an Outlet may ship with, and switching channels on and off."""
from __future__ import annotations

from typing import Any

from emulator.context import RequestContext
from emulator.spec.requests import V2LogisticsGetChannelListRequest, V2LogisticsUpdateChannelRequest
from emulator.registry import operation


@operation("v2.logistics.get_channel_list")
def get_channel_list(ctx: RequestContext, req: V2LogisticsGetChannelListRequest) -> dict[str, Any]:
    """Mask channels and their fulfilment channels, with this shop's enabled flags."""
    return {"logistics_channel_list": ctx.emulator.logistics.channel_list(ctx.signed_shop_id)}


@operation("v2.logistics.update_channel")
def update_channel(ctx: RequestContext, req: V2LogisticsUpdateChannelRequest) -> dict[str, Any]:
    """Toggle a channel (2-hour and 4-hour twins follow, the last Instant channel stays on) and its Auto Call Driver."""
    setting = req.auto_call_driver_setting
    auto_call = None if setting is None else (setting.auto_call_driver_enabled, setting.preparation_time)
    return ctx.emulator.logistics.update_channel(ctx.signed_shop_id, req.logistics_channel_id, req.enabled, req.cod_enabled, auto_call)
