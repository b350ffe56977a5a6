"""A running discount's promotion stock is reserved from the Outlet's seller stock: product reads
count it as reserved, normal-price orders cannot take it, promotion-price orders draw on it, and
it returns to sale when the discount ends."""
from __future__ import annotations

from typing import Any

from emulator.domains.push.sink import PushSink
from emulator.world import Emulator
from tests.conftest import no_order_history, ok
from tests.domains.discount_helpers import DAY, HOUR, add_plain, call, new_discount, plain_item, variant_item
from tests.domains.order_helpers import act, detail, place

pytestmark = no_order_history
BELOW_RESERVED = "Can not update item with stock less than reserve stock"


def summary(shopee_client: Any, shop_id: int, item_id: int) -> tuple[int, int, int]:
    """(seller stock, total_reserved_stock, total_available_stock) of an item without models."""
    info = ok(shopee_client.call("v2.product.get_item_base_info", shop_id=shop_id, params={"item_id_list": [item_id]}))["item_list"][0]
    stock = info["stock_info_v2"]
    return stock["seller_stock"][0]["stock"], stock["summary_info"]["total_reserved_stock"], stock["summary_info"]["total_available_stock"]


def promotion_reserve(shopee_client: Any, shop_id: int, item_id: int) -> list[int]:
    answer = ok(call(shopee_client, "v2.product.get_item_promotion", shop_id, item_id_list=[item_id]))["success_list"][0]
    return [p["promotion_stock_info_v2"]["summary_info"]["total_reserved_stock"] for p in answer["promotion"]]


def set_stock(shopee_client: Any, shop_id: int, item_id: int, stock: int, model_id: int = 0) -> dict[str, Any]:
    body = {"item_id": item_id, "stock_list": [{"model_id": model_id, "seller_stock": [{"stock": stock}]}]}
    return dict(shopee_client.call("v2.product.update_stock", shop_id=shop_id, body=body))


def order(shopee_http: Any, shop_id: int, item: dict[str, Any], quantity: int) -> Any:
    body = {"shop_id": shop_id, "items": [{"item_id": item["item_id"], "model_id": item["models"][0]["model_id"], "quantity": quantity}]}
    return shopee_http.post("/_emulator/orders", json=body)


def test_promotion_stock_is_reserved_while_the_discount_runs_and_orders_draw_the_right_stock(
    shopee: Emulator, shopee_http: Any, shopee_client: Any, outlet_id: int
) -> None:
    item = plain_item(shopee, outlet_id)
    item_id, original = item["item_id"], float(item["models"][0]["original_price"])
    ok(set_stock(shopee_client, outlet_id, item_id, 20))
    discount_id = new_discount(shopee, shopee_client, outlet_id, starts_in=2 * HOUR, lasts=DAY)
    add_plain(shopee_client, outlet_id, discount_id, item, 1000, item_promotion_stock=5)

    # upcoming: the promotion stock is named but nothing is taken from the seller stock yet
    assert summary(shopee_client, outlet_id, item_id) == (20, 0, 20)
    assert promotion_reserve(shopee_client, outlet_id, item_id) == [5]

    shopee.advance(2 * HOUR)
    assert summary(shopee_client, outlet_id, item_id) == (20, 5, 15)
    refused = set_stock(shopee_client, outlet_id, item_id, 4)
    assert refused["response"]["failure_list"][0]["failed_reason"] == BELOW_RESERVED
    assert summary(shopee_client, outlet_id, item_id) == (20, 5, 15)

    # a promotion-price order uses up the promotion's reserve: nothing more is taken from normal sale
    promoted = place(shopee_http, outlet_id, item, quantity=2)["order_sn"]
    assert detail(shopee_client, outlet_id, promoted)["item_list"][0]["model_discounted_price"] == 1000
    assert summary(shopee_client, outlet_id, item_id) == (18, 3, 15)
    assert promotion_reserve(shopee_client, outlet_id, item_id) == [3]

    # a normal-price order may take what is for sale, not the promotion's reserve
    too_many = order(shopee_http, outlet_id, item, 16)
    assert too_many.status_code == 400 and "15 available, 16 requested" in too_many.text, too_many.text
    normal = place(shopee_http, outlet_id, item, quantity=15, paid=True)["order_sn"]
    assert detail(shopee_client, outlet_id, normal)["item_list"][0]["model_discounted_price"] == original
    assert summary(shopee_client, outlet_id, item_id) == (3, 3, 0)

    # cancelled before shipping, promotion-price units go back to the promotion
    act(shopee_http, promoted, "buyer_cancel")
    assert promotion_reserve(shopee_client, outlet_id, item_id) == [5]
    assert summary(shopee_client, outlet_id, item_id) == (5, 5, 0)

    # the discount ended, its reserve is for sale again
    shopee.advance(HOUR)
    ok(call(shopee_client, "v2.discount.end_discount", outlet_id, discount_id=discount_id))
    assert summary(shopee_client, outlet_id, item_id) == (5, 0, 5)
    ok(set_stock(shopee_client, outlet_id, item_id, 0))


def test_a_model_without_promotion_stock_reserves_nothing(shopee: Emulator, shopee_client: Any, outlet_id: int) -> None:
    item = variant_item(shopee, outlet_id)
    first, second = item["models"][0], item["models"][1]
    for model in (first, second):
        ok(set_stock(shopee_client, outlet_id, item["item_id"], 10, model["model_id"]))
    discount_id = new_discount(shopee, shopee_client, outlet_id)
    entry = {"item_id": item["item_id"], "purchase_limit": 0, "model_list": [
        {"model_id": first["model_id"], "model_promotion_price": float(first["original_price"]) - 1, "model_promotion_stock": 4},
        {"model_id": second["model_id"], "model_promotion_price": float(second["original_price"]) - 1}]}
    ok(call(shopee_client, "v2.discount.add_discount_item", outlet_id, discount_id=discount_id, item_list=[entry]))
    shopee.advance(2 * HOUR)
    models = ok(shopee_client.call("v2.product.get_model_list", shop_id=outlet_id, params={"item_id": item["item_id"]}))["model"]
    shown = {m["model_id"]: m["stock_info_v2"]["summary_info"] for m in models}
    assert shown[first["model_id"]] == {"total_reserved_stock": 4, "total_available_stock": 6}
    assert shown[second["model_id"]] == {"total_reserved_stock": 0, "total_available_stock": 10}
    listed = ok(call(shopee_client, "v2.discount.get_discount", outlet_id, discount_id=discount_id, page_no=1, page_size=10))
    normal = {m["model_id"]: m["model_normal_stock"] for m in listed["item_list"][0]["model_list"]}
    assert normal == {first["model_id"]: 6, second["model_id"]: 10}


def test_orders_placed_before_the_start_leave_the_promotion_what_is_left(
    shopee: Emulator, shopee_http: Any, shopee_client: Any, outlet_id: int
) -> None:
    item = plain_item(shopee, outlet_id)
    ok(set_stock(shopee_client, outlet_id, item["item_id"], 20))
    discount_id = new_discount(shopee, shopee_client, outlet_id, starts_in=2 * HOUR, lasts=DAY)
    add_plain(shopee_client, outlet_id, discount_id, item, 1000, item_promotion_stock=5)
    place(shopee_http, outlet_id, item, quantity=18, paid=True)
    shopee.advance(2 * HOUR)
    # only 2 units are left: the promotion reserves them, and sells them at its price
    assert summary(shopee_client, outlet_id, item["item_id"]) == (2, 2, 0)
    assert order(shopee_http, outlet_id, item, 3).status_code == 400
    promoted = place(shopee_http, outlet_id, item, quantity=2, paid=True)["order_sn"]
    assert detail(shopee_client, outlet_id, promoted)["item_list"][0]["model_discounted_price"] == 1000
    assert summary(shopee_client, outlet_id, item["item_id"]) == (0, 0, 0)


def pushed(shopee: Emulator, sink: PushSink, item_id: int) -> list[tuple[str, int, int]]:
    """The item's pushes 8 so far: (action, old, new) of its reserved stock."""
    shopee.advance(0)
    changes = [p.json["data"] for p in sink.of_code(8) if p.json["data"]["item_id"] == item_id]
    return [(d["action"], d["changed_values"][0]["old"], d["changed_values"][0]["new"]) for d in changes]


def test_push_8_follows_total_reserved_stock_as_the_promotion_reserve_moves(
    shopee: Emulator, shopee_http: Any, shopee_client: Any, shopee_push_sink: PushSink, outlet_id: int
) -> None:
    item = plain_item(shopee, outlet_id)
    item_id = item["item_id"]
    ok(set_stock(shopee_client, outlet_id, item_id, 20))
    discount_id = new_discount(shopee, shopee_client, outlet_id, starts_in=2 * HOUR, lasts=DAY)
    add_plain(shopee_client, outlet_id, discount_id, item, 1000, item_promotion_stock=5)
    assert pushed(shopee, shopee_push_sink, item_id) == []  # upcoming: nothing reserved yet

    shopee.advance(2 * HOUR)
    assert pushed(shopee, shopee_push_sink, item_id) == [("promo_lock_stock", 0, 5)]
    assert summary(shopee_client, outlet_id, item_id)[1] == 5

    # a promotion-price order uses up part of the promotion's reserve
    promoted = place(shopee_http, outlet_id, item, quantity=2)["order_sn"]
    assert summary(shopee_client, outlet_id, item_id)[1] == 3
    assert pushed(shopee, shopee_push_sink, item_id)[-1] == ("reserve", 5, 3)
    place(shopee_http, outlet_id, item, quantity=4)  # more than the promotion has left: the normal price, the reserve whole
    assert len(pushed(shopee, shopee_push_sink, item_id)) == 2
    # cancelled, the promotion-price units go back to the reserve
    act(shopee_http, promoted, "buyer_cancel")
    assert summary(shopee_client, outlet_id, item_id)[1] == 5
    assert pushed(shopee, shopee_push_sink, item_id)[-1] == ("release", 3, 5)

    shopee.advance(HOUR)
    ok(call(shopee_client, "v2.discount.end_discount", outlet_id, discount_id=discount_id))
    assert pushed(shopee, shopee_push_sink, item_id)[-1] == ("promo_cancelled", 5, 0)
    assert summary(shopee_client, outlet_id, item_id)[1] == 0


def test_push_8_when_the_discount_expires_a_model_leaves_it_or_more_stock_lets_it_reserve(
    shopee: Emulator, shopee_http: Any, shopee_client: Any, shopee_push_sink: PushSink, outlet_id: int
) -> None:
    item, other = plain_item(shopee, outlet_id), variant_item(shopee, outlet_id)
    model = other["models"][0]
    ok(set_stock(shopee_client, outlet_id, item["item_id"], 20))
    ok(set_stock(shopee_client, outlet_id, other["item_id"], 10, model["model_id"]))
    discount_id = new_discount(shopee, shopee_client, outlet_id, starts_in=2 * HOUR, lasts=DAY)
    add_plain(shopee_client, outlet_id, discount_id, item, 1000, item_promotion_stock=5)
    entry = {"item_id": other["item_id"], "purchase_limit": 0, "model_list": [
        {"model_id": model["model_id"], "model_promotion_price": float(model["original_price"]) - 1, "model_promotion_stock": 4}]}
    ok(call(shopee_client, "v2.discount.add_discount_item", outlet_id, discount_id=discount_id, item_list=[entry]))
    place(shopee_http, outlet_id, item, quantity=18, paid=True)
    shopee.advance(2 * HOUR)
    # orders before the start left 2 units: the promotion reserves those
    assert pushed(shopee, shopee_push_sink, item["item_id"])[-1] == ("promo_lock_stock", 0, 2)
    ok(set_stock(shopee_client, outlet_id, item["item_id"], 25))
    assert pushed(shopee, shopee_push_sink, item["item_id"])[-1] == ("update_stock", 2, 5)
    assert summary(shopee_client, outlet_id, item["item_id"]) == (25, 5, 20)

    ok(call(shopee_client, "v2.discount.delete_discount_item", outlet_id, discount_id=discount_id,
            item_id=other["item_id"], model_id=model["model_id"]))
    assert pushed(shopee, shopee_push_sink, other["item_id"]) == [("promo_lock_stock", 0, 4), ("promo_cancelled", 4, 0)]

    shopee.advance(DAY)
    assert pushed(shopee, shopee_push_sink, item["item_id"])[-1] == ("promo_end", 5, 0)
    assert summary(shopee_client, outlet_id, item["item_id"]) == (25, 0, 25)
