"""Conformance cases: Outlet discounts (v2.discount.*), get_item_promotion, and what a discount prices."""
from __future__ import annotations

from typing import Any

from tests.conformance.cases import Call, Cases, World
from tests.conformance.cases_order import DETAIL_OPTIONAL, _detail, act
from tests.conformance.cases_payment import _escrow_optional

CASES = Cases()
# APIs of this domain with no case yet; each case added removes its API from here.
PENDING: dict[str, str] = {}

HOUR = 3600
DAY = 86400
CROSS_BORDER = "cross-border shops' local prices only; a local ID/TH Outlet's discount has none (decisions: Discounts)"
LOCAL_PRICES = ("local_price", "local_promotion_price", "local_price_inflated", "local_promotion_price_inflated")
DETAIL_LOCAL = {
    **{f"response.item_list[].item_{name}": CROSS_BORDER for name in LOCAL_PRICES},
    **{f"response.item_list[].model_list[].model_{name}": CROSS_BORDER for name in LOCAL_PRICES},
}
NESTED_STOCK = {
    "response.success_list[].promotion[].promotion_stock_info_v2.total_reserved_stock":
        "the page's table puts it beside summary_info; its example nests it inside, as answered (decisions: Discounts)",
}


def _items(world: World, with_variants: bool) -> dict[str, Any]:
    held = {int(i) for d in world.emulator.store.collection("discounts").values() for i in d["items"]}
    return next(d for d in world.emulator.products.items_of_shop(world.outlet_id)
                if (d["models"][0]["model_id"] != 0) == with_variants and d["item_id"] not in held)


def _discount(world: World, starts_in: int = 2 * HOUR) -> int:
    start = world.emulator.clock.now() + starts_in
    return int(world.ok("v2.discount.add_discount", world.outlet_id, discount_name="Weekend", start_time=start, end_time=start + DAY)["discount_id"])


def _entries(world: World) -> list[dict[str, Any]]:
    plain, variants = _items(world, False), _items(world, True)
    return [
        {"item_id": plain["item_id"], "item_promotion_price": float(plain["models"][0]["original_price"]) - 1,
         "item_promotion_stock": 3, "purchase_limit": 2},
        {"item_id": variants["item_id"], "purchase_limit": 0,
         "model_list": [{"model_id": m["model_id"], "model_promotion_price": float(m["original_price"]) - 1, "model_promotion_stock": 2}
                        for m in variants["models"]]},
    ]


def _with_items(world: World, starts_in: int = 2 * HOUR) -> tuple[int, list[dict[str, Any]]]:
    """A discount holding a plain item and an item with variations; returns it and its entries."""
    discount_id, entries = _discount(world, starts_in), _entries(world)
    world.ok("v2.discount.add_discount_item", world.outlet_id, discount_id=discount_id, item_list=entries)
    return discount_id, entries


@CASES.case("v2.discount.add_discount")
def new_discount(world: World) -> Call:
    start = world.emulator.clock.now() + 2 * HOUR
    return Call(shop_id=world.outlet_id, params={"discount_name": "Weekend", "start_time": start, "end_time": start + DAY})


@CASES.case("v2.discount.add_discount_item")
def items_one_failing(world: World) -> Call:
    entries = [*_entries(world), {"item_id": 1, "item_promotion_price": 1.0, "purchase_limit": 0}]
    return Call(shop_id=world.outlet_id, params={"discount_id": _discount(world), "item_list": entries})


@CASES.case("v2.discount.update_discount_item")
def repriced_one_failing(world: World) -> Call:
    discount_id, (plain, _) = _with_items(world)
    entries = [{**plain, "item_promotion_price": plain["item_promotion_price"] - 1, "purchase_limit": 1},
               {"item_id": 1, "item_promotion_price": 1.0}]
    return Call(shop_id=world.outlet_id, params={"discount_id": discount_id, "item_list": entries})


@CASES.case("v2.discount.delete_discount_item")
def model_not_in_discount(world: World) -> Call:
    discount_id, (_, variants) = _with_items(world)
    return Call(shop_id=world.outlet_id, params={"discount_id": discount_id, "item_id": variants["item_id"], "model_id": 1})


@CASES.case("v2.discount.get_discount", optional=DETAIL_LOCAL)
def upcoming_with_items(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={"discount_id": _with_items(world)[0], "page_no": 1, "page_size": 50})


@CASES.case("v2.discount.get_discount_list", values={"discount_status": "all", "page_no": 1, "page_size": 100},
            no_fill={"update_time_from": "every update time", "update_time_to": "every update time"})
def every_status(world: World) -> Call:
    _discount(world)
    return Call(shop_id=world.outlet_id, params={"discount_status": "all", "page_no": 1, "page_size": 100})


@CASES.case("v2.discount.update_discount")
def upcoming_renamed_and_moved(world: World) -> Call:
    discount_id = _discount(world)
    doc = world.emulator.discounts.get(world.outlet_id, discount_id)
    return Call(shop_id=world.outlet_id, params={"discount_id": discount_id, "discount_name": "Long weekend",
                                                 "start_time": doc["start_time"] + HOUR, "end_time": doc["end_time"] + HOUR})


@CASES.case("v2.discount.end_discount")
def ongoing(world: World) -> Call:
    discount_id, _ = _with_items(world)
    world.emulator.advance(4 * HOUR)
    return Call(shop_id=world.outlet_id, params={"discount_id": discount_id})


@CASES.case("v2.discount.delete_discount")
def upcoming(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={"discount_id": _with_items(world)[0]})


@CASES.case("v2.product.get_item_promotion", optional=NESTED_STOCK)
def item_in_a_discount_and_an_unknown_one(world: World) -> Call:
    _, (plain, _) = _with_items(world)
    return Call(shop_id=world.outlet_id, params={"item_id_list": [plain["item_id"], 1]})


def _discounted_order(world: World) -> str:
    _, (plain, _) = _with_items(world, starts_in=2 * HOUR)
    world.emulator.advance(2 * HOUR)
    answer = world.http.post("/_emulator/orders", json={"shop_id": world.outlet_id, "paid": True,
                                                        "items": [{"item_id": plain["item_id"], "model_id": 0, "quantity": 2}]})
    assert answer.status_code == 200, answer.text
    return str(answer.json()["order_sn"])


def _completed_discounted_order(world: World) -> str:
    order_sn = _discounted_order(world)
    act(world, order_sn, "ship", "pickup", "deliver", "confirm_receipt")
    return order_sn


@CASES.case("v2.order.get_order_detail", optional=DETAIL_OPTIONAL)
def order_at_a_promotion_price(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params=_detail(_discounted_order(world)))


@CASES.case("v2.payment.get_escrow_detail", optional={
    **_escrow_optional("response"),
    "response.order_income.order_adjustment": "only once the order has an adjustment"})
def completed_order_at_a_promotion_price(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={"order_sn": _completed_discounted_order(world)})


@CASES.case("v2.payment.get_escrow_detail_batch", optional={
    **_escrow_optional("response[].escrow_detail"),
    "response[].escrow_detail.order_income.order_adjustment": "only once the order has an adjustment"})
def completed_orders_at_a_promotion_price(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={"order_sn_list": [_completed_discounted_order(world)]})
