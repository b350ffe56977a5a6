"""Control-plane routes for returns: what the buyer, the return courier and Shopee do.

    POST /_emulator/returns                        the buyer requests a return -> {"return_sn", ...}
    POST /_emulator/returns/{return_sn}/{action}   ship_back, receive, accept_offer, reject_offer, cancel, judge
    GET  /_emulator/returns/{return_sn}            the whole return as the emulator holds it
"""
from __future__ import annotations

from typing import Any

from starlette.routing import Route

from emulator.http.control.plane import ControlCall, ControlError, NotFoundError, control, json_body, number

ACTION_OPTIONS: dict[str, tuple[str, ...]] = {
    "ship_back": ("tracking_number",), "reject_offer": ("solution", "amount"), "judge": ("winner",),
}
TEXT_OPTIONS = ("tracking_number", "solution", "winner")



def summary(doc: dict[str, Any]) -> dict[str, Any]:
    return {
        "return_sn": doc["return_sn"],
        "order_sn": doc["order_sn"],
        "shop_id": doc["shop_id"],
        "status": doc["status"],
        "solution": doc["solution"],
        "refund_amount": doc["refund_amount"],
        "negotiation_status": doc["negotiation"]["status"],
        "logistics_status": doc["logistics_status"],
        "due_date": doc["due_date"],
        "update_time": doc["update_time"],
    }


def _text(body: dict[str, Any], key: str) -> str:
    value = body.get(key, "")
    if not isinstance(value, str):
        raise ControlError(f"{key} must be a string")
    return value


def _items(body: dict[str, Any]) -> list[dict[str, Any]] | None:
    items = body.get("items", body.get("item_list"))
    if items is None:
        return None
    if not isinstance(items, list):
        raise ControlError('items is a list: [{"item_id", "model_id", "quantity"}]')
    for entry in items:
        if not isinstance(entry, dict):
            raise ControlError("each item is an object with item_id, model_id and quantity")
        for key, required in (("item_id", True), ("model_id", False), ("quantity", False)):
            value = number(entry, key, required=required)
            if value is not None and not isinstance(value, int):
                raise ControlError(f"{key} must be a whole number")
    return items


@control
async def request_return(call: ControlCall) -> dict[str, Any]:
    body = await json_body(call)
    order_sn = _text(body, "order_sn")
    if not order_sn:
        raise ControlError("order_sn is required")
    images = body.get("images", [])
    if not isinstance(images, list) or not all(isinstance(i, str) for i in images):
        raise ControlError("images must be a list of strings")
    items, reason, text_reason, solution = _items(body), _text(body, "reason"), _text(body, "text_reason"), _text(body, "solution")
    emulator = call.emulator
    if emulator.orders.find(order_sn) is None:
        raise NotFoundError(f"order {order_sn} does not exist")
    doc = emulator.returns.request(order_sn, items, reason=reason, text_reason=text_reason, solution=solution or None, images=images)
    return summary(doc)


@control
async def return_action(call: ControlCall) -> dict[str, Any]:
    emulator = call.emulator
    return_sn, action = call.path_params["return_sn"], call.path_params["action"]
    if emulator.returns.find(return_sn) is None:
        raise NotFoundError(f"return {return_sn} does not exist")
    body = await json_body(call)
    options = {k: body[k] for k in ACTION_OPTIONS.get(action, ()) if k in body}
    for key in TEXT_OPTIONS:
        if key in options:
            _text(options, key)
    if "amount" in options:
        number(options, "amount")
    return summary(emulator.returns.act(return_sn, action, **options))


@control
async def get_return(call: ControlCall) -> dict[str, Any]:
    doc = call.emulator.returns.find(call.path_params["return_sn"])
    if doc is None:
        raise NotFoundError(f"return {call.path_params['return_sn']} does not exist")
    return {**summary(doc), "return": doc}


def routes() -> list[Route]:
    return [
        Route("/_emulator/returns", request_return, methods=["POST"]),
        Route("/_emulator/returns/{return_sn}", get_return, methods=["GET"]),
        Route("/_emulator/returns/{return_sn}/{action}", return_action, methods=["POST"]),
    ]
