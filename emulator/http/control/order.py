"""Control-plane routes for orders: the console's Test Order page, and airway-bill settings.

    POST /_emulator/orders                      create a test order -> {"order_sn", ...}
    POST /_emulator/orders/{order_sn}/{action}  pay, ship, pickup, fail_pickup, deliver, ...
    GET  /_emulator/orders/{order_sn}           the whole order as the emulator holds it
    GET/POST /_emulator/shipping_documents      {"delay_seconds", "fail_next"} of airway-bill tasks
"""
from __future__ import annotations

from typing import Any, overload

from starlette.routing import Route

from emulator.http.control.plane import ControlCall, ControlError, NotFoundError, control, json_body, number
from emulator.domains.order.fields import BUYER_PREFERENCES, CANCEL_ENTIRE_ORDER

ACTION_OPTIONS = {"buyer_cancel": ("reason",), "fail_pickup": ("final",)}



def summary(doc: dict[str, Any]) -> dict[str, Any]:
    package = doc["packages"][0]
    return {
        "order_sn": doc["order_sn"],
        "shop_id": doc["shop_id"],
        "order_status": doc["order_status"],
        "update_time": doc["update_time"],
        "package_number": package["package_number"],
        "logistics_status": package["logistics_status"],
        "tracking_number": package["tracking_number"],
        "total_amount": doc["total_amount"],
        "cod": doc["cod"],
        "logistics_channel_id": doc["logistics_channel_id"],
        "self_collection": bool(doc.get("self_collection")),
    }


@overload
def whole(body: dict[str, Any], key: str) -> int: ...
@overload
def whole(body: dict[str, Any], key: str, required: bool) -> int | None: ...
def whole(body: dict[str, Any], key: str, required: bool = True) -> int | None:
    """A whole number field (ids and quantities); JSON's NaN or 1.5 are refused, not crashed on."""
    value = number(body, key, required=required)
    if value is None:
        return None
    if not isinstance(value, int):
        raise ControlError(f"{key} must be a whole number")
    return value


def _items(body: dict[str, Any]) -> list[dict[str, Any]]:
    items = body.get("items", body.get("item_list"))
    if not isinstance(items, list) or not items:
        raise ControlError('items is required: [{"item_id", "model_id", "quantity"}]')
    for entry in items:
        if not isinstance(entry, dict):
            raise ControlError("each item is an object with item_id, model_id and quantity")
        whole(entry, "item_id")
        whole(entry, "model_id", required=False)
        whole(entry, "quantity", required=False)
    return items


def _preference(body: dict[str, Any]) -> int:
    """The buyer's out-of-stock choice at checkout: 0 ship what is available, 1 (default) cancel it all."""
    value = whole(body, "buyer_preference_for_partial_cancellation", required=False)
    if value is None:
        return CANCEL_ENTIRE_ORDER
    if value not in BUYER_PREFERENCES:
        raise ControlError("buyer_preference_for_partial_cancellation must be 0 or 1")
    return value


@control
async def create_order(call: ControlCall) -> dict[str, Any]:
    body = await json_body(call)
    shop_id = whole(body, "shop_id")
    items = _items(body)
    channel = whole(body, "logistics_channel_id", required=False)
    for flag in ("cod", "paid", "self_collection"):
        if flag in body and not isinstance(body[flag], bool):
            raise ControlError(f"{flag} must be true or false")
    message = body.get("message_to_seller", "")
    if not isinstance(message, str):
        raise ControlError("message_to_seller must be a string")
    pin = body.get("collection_pin", "")
    if not isinstance(pin, str) or not (pin == "" or (pin.isascii() and pin.isdigit() and len(pin) <= 12)):
        raise ControlError("collection_pin must be a string of up to 12 digits")
    emulator = call.emulator
    if emulator.shops.find(int(shop_id)) is None:
        raise NotFoundError(f"shop {shop_id} does not exist")
    doc = emulator.orders.create(
        int(shop_id), items, cod=bool(body.get("cod", False)), paid=bool(body.get("paid", False)),
        logistics_channel_id=None if channel is None else int(channel),
        payment_method=body.get("payment_method") if isinstance(body.get("payment_method"), str) else None,
        message_to_seller=message,
        buyer_preference=_preference(body),
        self_collection=bool(body.get("self_collection", False)),
        collection_pin=pin,
    )
    return summary(doc)


@control
async def order_action(call: ControlCall) -> dict[str, Any]:
    emulator = call.emulator
    order_sn, action = call.path_params["order_sn"], call.path_params["action"]
    if emulator.orders.find(order_sn) is None:
        raise NotFoundError(f"order {order_sn} does not exist")
    body = await json_body(call)
    options = {k: body[k] for k in ACTION_OPTIONS.get(action, ()) if k in body}
    if "final" in options and not isinstance(options["final"], bool):
        raise ControlError("final must be true or false")
    if "reason" in options and not isinstance(options["reason"], str):
        raise ControlError("reason must be a string")
    doc = emulator.orders.act(order_sn, action, **options)
    return summary(doc)


@control
async def get_order(call: ControlCall) -> dict[str, Any]:
    emulator = call.emulator
    doc = emulator.orders.find(call.path_params["order_sn"])
    if doc is None:
        raise NotFoundError(f"order {call.path_params['order_sn']} does not exist")
    return {**summary(doc), "order": doc}


@control
async def shipping_documents(call: ControlCall) -> dict[str, Any]:
    emulator = call.emulator
    if call.method == "GET":
        return dict(emulator.orders.documents.settings())
    body = await json_body(call)
    delay = number(body, "delay_seconds", required=False)
    fail_next = number(body, "fail_next", required=False)
    if delay is not None and delay < 0:
        raise ControlError("delay_seconds must not be negative")
    if delay is not None and not delay < float("inf"):
        raise ControlError("delay_seconds must be a finite number")
    if fail_next is not None and (not isinstance(fail_next, int) or fail_next < 0):
        raise ControlError("fail_next must be a whole number, 0 or more")
    with emulator.transaction():
        return dict(emulator.orders.documents.configure(delay, fail_next))


def routes() -> list[Route]:
    return [
        Route("/_emulator/orders", create_order, methods=["POST"]),
        Route("/_emulator/shipping_documents", shipping_documents, methods=["GET", "POST"]),
        Route("/_emulator/orders/{order_sn}", get_order, methods=["GET"]),
        Route("/_emulator/orders/{order_sn}/{action}", order_action, methods=["POST"]),
    ]
