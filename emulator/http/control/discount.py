"""Control-plane routes for discounts: create one with its items in a single call, list them.

    POST /_emulator/discounts   {"shop_id", "name"?, "starts_in"? (seconds, default 0: now),
                                 "duration"? (seconds, default a day),
                                 "items": [{"item_id", "model_id"?, "price", "purchase_limit"?, "promotion_stock"?}]}
    GET  /_emulator/discounts?shop_id=   an Outlet's discounts with their status now

The rules are the API's, except that a discount may start at once (scenarios and the console
need one running without waiting an hour of virtual time).
"""
from __future__ import annotations

from typing import Any

from starlette.routing import Route

from emulator.http.control.plane import ControlCall, ControlError, NotFoundError, control, json_body, number, whole_number

DAY = 86400
LONGEST = 180 * DAY



def _outlet(emulator: Any, shop_id: int) -> int:
    if emulator.shops.find(shop_id) is None:
        raise NotFoundError(f"shop {shop_id} does not exist")
    return shop_id


def _entries(raw: Any) -> list[dict[str, Any]]:
    """The body's items as add_discount_item entries: one per item, its models grouped."""
    if not isinstance(raw, list) or not raw or not all(isinstance(i, dict) for i in raw):
        raise ControlError("items must be a non-empty list of {item_id, model_id?, price, purchase_limit?, promotion_stock?}")
    entries: dict[int, dict[str, Any]] = {}
    for line in raw:
        item_id = whole_number(line, "item_id", 1, 2**63 - 1)
        model_id = whole_number(line, "model_id", 0, 2**63 - 1, default=0)
        price = number(line, "price")
        limit = whole_number(line, "purchase_limit", 0, 2**31 - 1, default=0)
        stock = whole_number(line, "promotion_stock", 0, 2**31 - 1, default=0)
        entry = entries.setdefault(item_id, {"item_id": item_id, "purchase_limit": limit, "model_list": []})
        entry["model_list"].append({"model_id": model_id, "model_promotion_price": price, "model_promotion_stock": stock or None})
    return list(entries.values())


def view(emulator: Any, doc: dict[str, Any]) -> dict[str, Any]:
    return {"discount_id": doc["discount_id"], "shop_id": doc["shop_id"], "discount_name": doc["discount_name"],
            "status": emulator.discounts.status(doc), "start_time": doc["start_time"], "end_time": doc["end_time"],
            "items": [{"item_id": item_id, **model} for item_id, model in emulator.discounts.models(doc)]}


@control
async def discounts(call: ControlCall) -> dict[str, Any]:
    emulator = call.emulator
    if call.method == "GET":
        raw = call.query.get("shop_id", "")
        if not (raw.isascii() and raw.isdigit() and len(raw) < 19):
            raise ControlError("shop_id must be a shop's id, a whole number")
        shop_id = _outlet(emulator, int(raw))
        with emulator.transaction():
            return {"discounts": [view(emulator, d) for d in emulator.discounts.of_shop(shop_id)]}
    body = await json_body(call)
    shop_id = _outlet(emulator, whole_number(body, "shop_id", 0, 2**63 - 1))
    name = body.get("name", "Test discount")
    if not isinstance(name, str):
        raise ControlError("name must be a string")
    starts_in = whole_number(body, "starts_in", 0, LONGEST, default=0)
    duration = whole_number(body, "duration", 3600, LONGEST, default=DAY)
    entries = _entries(body.get("items"))
    with emulator.transaction():
        start = emulator.clock.now() + starts_in
        doc = emulator.discounts.create(shop_id, name, start, start + duration, lead=0)
        count, refusals = emulator.discounts.items.add(shop_id, doc["discount_id"], entries)
        if refusals:
            # all or nothing: a scenario step that names a wrong item should fail, not half-create
            raise ControlError("items refused: " + "; ".join(f"{r.item_id}/{r.model_id} {r.fail_error}" for r in refusals))
        return {**view(emulator, doc), "count": count}


def routes() -> list[Route]:
    return [Route("/_emulator/discounts", discounts, methods=["GET", "POST"])]
