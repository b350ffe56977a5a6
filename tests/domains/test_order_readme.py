"""The README's order snippet, run as written."""
from __future__ import annotations


def test_readme_ship_a_test_order(shopee, shopee_client):
    outlet = shopee.shops.marts()[0]["outlet_shop_ids"][0]
    item = next(d for d in shopee.store.collection("items").values() if d["kind"] == "outlet" and d["shop_id"] == outlet)
    order = shopee.orders.create(outlet, [{"item_id": item["item_id"], "model_id": item["models"][0]["model_id"], "quantity": 2}], paid=True)
    shopee.orders.act(order["order_sn"], "ship")
    shopee.orders.act(order["order_sn"], "pickup")
    shopee.orders.act(order["order_sn"], "deliver")
    shopee.advance(3 * 86400)
    assert shopee.orders.get(order["order_sn"])["order_status"] == "COMPLETED"
