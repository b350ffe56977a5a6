"""Control plane for the logistics set-up: an Outlet's channel whitelist and enabled channels.

``GET  /_emulator/logistics/channels?shop_id=...``  the Outlet's whitelist and enabled flags
``POST /_emulator/logistics/channels``  ``{"shop_id", "whitelist": [ids]?, "enabled": [ids]?}``
replaces either list (``enabled`` is the exact set switched on), as Shopee's whitelisting does.
``GET/POST /_emulator/riders``  ``{"delay_seconds", "fail_next"}``: how long a rider search takes, and
how many of the next searches find no rider
"""
from __future__ import annotations

from typing import Any

from starlette.routing import Route

from emulator.http.control.plane import ControlCall, ControlError, NotFoundError, control, json_body, number
from emulator.errors import ShopeeError


def _ids(body: dict[str, Any], key: str) -> list[int] | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        raise ControlError(f"{key} must be a list of channel ids")
    return value


def _view(emulator: Any, shop_id: int) -> dict[str, Any]:
    doc = emulator.logistics.shop_channels(shop_id)
    return {
        "shop_id": shop_id,
        "whitelist": list(doc["whitelist"]),
        "enabled": emulator.logistics.enabled_channel_ids(shop_id),
    }


@control
async def channels(call: ControlCall) -> dict[str, Any]:
    emulator = call.emulator
    if call.method == "GET":
        raw = call.query.get("shop_id", "")
        if not (raw.isascii() and raw.isdigit()) or len(raw) > 19:
            raise ControlError("shop_id is required")
        shop_id = int(raw)
        emulator.shops.get(shop_id)
        return _view(emulator, shop_id)
    body = await json_body(call)
    shop_id = int(number(body, "shop_id"))
    whitelist, enabled = _ids(body, "whitelist"), _ids(body, "enabled")
    try:
        with emulator.transaction():
            emulator.logistics.set_shop_channels(shop_id, whitelist, enabled)
    except ValueError as exc:
        raise ControlError(str(exc)) from None
    except ShopeeError as exc:
        raise NotFoundError(exc.message) from None
    return _view(emulator, shop_id)


@control
async def riders(call: ControlCall) -> dict[str, Any]:
    settings = call.emulator.logistics.riders.settings
    if call.method == "GET":
        return dict(settings.current())
    body = await json_body(call)
    delay = number(body, "delay_seconds", required=False)
    fail_next = number(body, "fail_next", required=False)
    if delay is not None and not 0 <= delay < float("inf"):
        raise ControlError("delay_seconds must be a finite number, 0 or more")
    if fail_next is not None and (not isinstance(fail_next, int) or fail_next < 0):
        raise ControlError("fail_next must be a whole number, 0 or more")
    with call.emulator.transaction():
        return dict(settings.configure(delay, fail_next))


def routes() -> list[Route]:
    return [
        Route("/_emulator/logistics/channels", channels, methods=["GET", "POST"]),
        Route("/_emulator/riders", riders, methods=["GET", "POST"]),
    ]
