"""Push code 8 (Reserved Stock Change): stock reserved for a promotion, used up by orders at its
price and given back when they are cancelled; orders at the normal price leave it alone."""
from __future__ import annotations

from typing import Any

from emulator.domains.push.sink import PushSink
from emulator.world import Emulator
from tests.domains.discount_helpers import DAY, HOUR, add_plain, new_discount, plain_item
from tests.domains.order_helpers import act, place


def _normal_order(shopee: Emulator, http: Any, outlet_id: int, quantity: int) -> str:
    item = shopee.products.items_of_shop(outlet_id)[0]
    return str(place(http, outlet_id, item, quantity=quantity)["order_sn"])


def test_orders_at_the_normal_price_push_no_reserved_stock_change(shopee, shopee_http, shopee_push_sink: PushSink, outlet_id):
    cancelled = _normal_order(shopee, shopee_http, outlet_id, 3)
    act(shopee_http, cancelled, "buyer_cancel")
    shipped = _normal_order(shopee, shopee_http, outlet_id, 2)
    for action in ("pay", "ship", "pickup"):
        act(shopee_http, shipped, action)
    shopee.advance(0)
    assert shopee_push_sink.of_code(8) == []
    assert shopee_push_sink.of_code(3), "the orders themselves were pushed"


def test_a_promotion_price_order_uses_the_reserve_and_a_cancellation_gives_it_back_signed(
    shopee, shopee_http, shopee_client, shopee_push_sink: PushSink, outlet_id
):
    item = plain_item(shopee, outlet_id)
    body = {"item_id": item["item_id"], "stock_list": [{"model_id": 0, "seller_stock": [{"stock": 20}]}]}
    assert shopee_client.call("v2.product.update_stock", shop_id=outlet_id, body=body)["error"] == ""
    discount_id = new_discount(shopee, shopee_client, outlet_id, starts_in=2 * HOUR, lasts=DAY)
    add_plain(shopee_client, outlet_id, discount_id, item, 1000, item_promotion_stock=5)
    shopee.advance(2 * HOUR)
    order_sn = str(place(shopee_http, outlet_id, item, quantity=3)["order_sn"])
    act(shopee_http, order_sn, "buyer_cancel")
    shopee.advance(0)
    pushes = [p for p in shopee_push_sink.of_code(8) if p.json["data"]["item_id"] == item["item_id"]]
    bodies = [p.json for p in pushes]
    assert [b["data"]["action"] for b in bodies] == ["promo_lock_stock", "reserve", "release"]
    assert [b["data"]["changed_values"] for b in bodies] == [
        [{"name": "reserved_stock", "old": 0, "new": 5}],
        [{"name": "reserved_stock", "old": 5, "new": 2}],
        [{"name": "reserved_stock", "old": 2, "new": 5}],
    ]
    assert all(b["shop_id"] == outlet_id and b["data"]["variation_id"] == 0 for b in bodies)
    assert all(shopee_push_sink.verifies(p, shopee.auth.default_partner()["partner_key"]) for p in pushes)
