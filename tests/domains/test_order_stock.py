"""Stock under concurrent test orders: reserved atomically, never oversold."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from emulator.domains.product.stock import OutOfStock
from tests.domains.order_helpers import outlet_item, stock_of


def _stock_20(shopee, outlet_id):
    item = outlet_item(shopee, outlet_id)
    model = stock_of(shopee, item["item_id"])
    with shopee.transaction():
        shopee.products.stock.set_stock(outlet_id, item["item_id"], 0, 20)  # the seller stock: what orders do not hold
    return item, model["reserved"]


def _ordered_quantity(shopee, outlet_id, item_id, order_sns):
    return sum(
        line["quantity"] for sn in order_sns for line in shopee.orders.get(sn)["items"] if line["item_id"] == item_id
    )


def test_create_order_50_concurrent_http_orders_sell_exactly_stock_20(shopee, shopee_http, outlet_id):
    item, reserved_before = _stock_20(shopee, outlet_id)
    start = threading.Barrier(50)
    body = {"shop_id": outlet_id, "cod": True, "items": [{"item_id": item["item_id"], "model_id": 0, "quantity": 1}]}

    def order(_: int):
        start.wait()
        return shopee_http.post("/_emulator/orders", json=body)

    with ThreadPoolExecutor(50) as pool:
        answers = list(pool.map(order, range(50)))
    created = [a.json()["order_sn"] for a in answers if a.status_code == 200]
    refused = [a.json() for a in answers if a.status_code != 200]
    assert len(created) == 20 and len(refused) == 30
    assert {r["error"] for r in refused} == {"error_stock_not_enough"}
    model = stock_of(shopee, item["item_id"])
    assert model["stock"] - model["reserved"] == 0
    assert model["reserved"] - reserved_before == 20
    assert _ordered_quantity(shopee, outlet_id, item["item_id"], created) == 20


def test_create_order_50_concurrent_model_orders_with_mixed_quantities(shopee, outlet_id):
    item, _ = _stock_20(shopee, outlet_id)
    start = threading.Barrier(50)

    def order(n: int):
        start.wait()
        try:
            return shopee.orders.create(outlet_id, [{"item_id": item["item_id"], "model_id": 0, "quantity": 1 + n % 3}], cod=True)["order_sn"]
        except OutOfStock:
            return None

    with ThreadPoolExecutor(50) as pool:
        created = [sn for sn in pool.map(order, range(50)) if sn]
    model = stock_of(shopee, item["item_id"])
    assert model["stock"] - model["reserved"] >= 0
    assert _ordered_quantity(shopee, outlet_id, item["item_id"], created) == 20 - (model["stock"] - model["reserved"])


def test_create_order_out_of_stock_reserves_nothing(shopee, shopee_http, outlet_id):
    item, reserved_before = _stock_20(shopee, outlet_id)
    other = outlet_item(shopee, outlet_id, with_variants=True)
    other_reserved = stock_of(shopee, other["item_id"], other["models"][0]["model_id"])["reserved"]
    body = {"shop_id": outlet_id, "items": [
        {"item_id": other["item_id"], "model_id": other["models"][0]["model_id"], "quantity": 1},
        {"item_id": item["item_id"], "model_id": 0, "quantity": 21},
    ]}
    answer = shopee_http.post("/_emulator/orders", json=body)
    assert answer.status_code == 400
    assert answer.json()["error"] == "error_stock_not_enough"
    assert stock_of(shopee, item["item_id"])["reserved"] == reserved_before
    assert stock_of(shopee, other["item_id"], other["models"][0]["model_id"])["reserved"] == other_reserved
