"""The v2.push APIs: the app's push settings and its lost pushes. All are partner-level."""
from __future__ import annotations

from typing import Any

from emulator.context import RequestContext
from emulator.spec.requests import (
    V2PushConfirmConsumedLostPushMessageRequest,
    V2PushGetAppPushConfigRequest,
    V2PushGetLostPushMessageRequest,
    V2PushSetAppPushConfigRequest,
)
from emulator.registry import operation


@operation("v2.push.set_app_push_config")
def set_app_push_config(ctx: RequestContext, req: V2PushSetAppPushConfigRequest) -> dict[str, Any]:
    """Callback URL, push codes switched on and off, blocked shops."""
    ctx.emulator.pushes.settings.set_app_push_config(
        ctx.partner_id, req.callback_url, req.set_push_config_on, req.set_push_config_off, req.blocked_shop_id_list
    )
    return {"result": "success"}


@operation("v2.push.get_app_push_config")
def get_app_push_config(ctx: RequestContext, req: V2PushGetAppPushConfigRequest) -> dict[str, Any]:
    """The app's current push settings."""
    return ctx.emulator.pushes.settings.view(ctx.partner_id)


@operation("v2.push.get_lost_push_message")
def get_lost_push_message(ctx: RequestContext, req: V2PushGetLostPushMessageRequest) -> dict[str, Any]:
    """The earliest 100 pushes that exhausted their retries in the last 3 days, unconfirmed."""
    return ctx.emulator.pushes.lost_page(ctx.partner_id)


@operation("v2.push.confirm_consumed_lost_push_message")
def confirm_consumed_lost_push_message(ctx: RequestContext, req: V2PushConfirmConsumedLostPushMessageRequest) -> None:
    """Confirm the lost pushes up to last_message_id as consumed."""
    ctx.emulator.pushes.confirm_consumed(ctx.partner_id, req.last_message_id)
