"""The control plane's order endpoints: bad input answers 4xx, never 500."""
from __future__ import annotations

import pytest

from tests.conftest import JSON, ok
from tests.domains.order_helpers import outlet_item, place


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"shop_id": "x", "items": []},
        {"items": [{"item_id": 1}]},
        {"shop_id": 1, "items": [{"item_id": 1}]},
        {"shop_id": 1, "items": "nope"},
        {"shop_id": 1, "items": [1]},
        {"shop_id": 1.5, "items": [{"item_id": 1}]},
        {"shop_id": 1, "items": [{"item_id": 1, "quantity": 1.5}]},
    ],
)
def test_create_order_bad_body_is_a_4xx(shopee_http, body):
    answer = shopee_http.post("/_emulator/orders", json=body)
    assert 400 <= answer.status_code < 500


def test_create_order_on_mart_refused(shopee, shopee_http, mart_id, outlet_id):
    item = outlet_item(shopee, outlet_id)
    answer = shopee_http.post("/_emulator/orders", json={"shop_id": mart_id, "items": [{"item_id": item["item_id"]}]})
    assert answer.status_code == 400
    assert answer.json()["message"] == "Wrong parameters, detail: test orders are placed on an Outlet shop, not on the Mart."


def test_create_order_bad_quantity_refused(shopee, shopee_http, outlet_id):
    item = outlet_item(shopee, outlet_id)
    answer = shopee_http.post("/_emulator/orders", json={"shop_id": outlet_id, "items": [{"item_id": item["item_id"], "quantity": 0}]})
    assert answer.status_code == 400


def test_create_order_channel_not_enabled_refused(shopee, shopee_http, outlet_id):
    item = outlet_item(shopee, outlet_id)
    answer = shopee_http.post("/_emulator/orders", json={"shop_id": outlet_id, "logistics_channel_id": 1, "items": [{"item_id": item["item_id"]}]})
    assert answer.status_code == 400


def test_get_order_control_view(shopee, shopee_http, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id))["order_sn"]
    answer = shopee_http.get(f"/_emulator/orders/{order_sn}")
    assert answer.json()["order"]["order_sn"] == order_sn
    assert shopee_http.get("/_emulator/orders/NOSUCH").status_code == 404


def test_order_action_unknown(shopee, shopee_http, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id))["order_sn"]
    answer = shopee_http.post(f"/_emulator/orders/{order_sn}/teleport")
    assert answer.status_code == 400 and "unknown action" in answer.json()["message"]


def test_order_variant_model_line(shopee, shopee_http, shopee_client, outlet_id):
    item = outlet_item(shopee, outlet_id, with_variants=True)
    model = item["models"][-1]
    order_sn = place(shopee_http, outlet_id, {"item_id": item["item_id"], "models": [model]})["order_sn"]
    line = ok(shopee_client.call("v2.order.get_order_detail", shop_id=outlet_id,
                                 params={"order_sn_list": order_sn, "response_optional_fields": "item_list"}))["order_list"][0]["item_list"][0]
    assert line["model_id"] == model["model_id"] and line["model_name"]


@pytest.mark.shopee_world("th")
def test_order_th_world_has_history_and_thb(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), cod=True)["order_sn"]
    order = ok(shopee_client.call("v2.order.get_order_detail", shop_id=outlet_id,
                                  params={"order_sn_list": order_sn, "response_optional_fields": "recipient_address"}))["order_list"][0]
    assert (order["currency"], order["recipient_address"]["region"]) == ("THB", "TH")
    assert shopee.orders.index.count(outlet_id) > 10


def test_create_order_nan_shop_id_is_a_4xx(shopee_http):
    answer = shopee_http.post("/_emulator/orders", content=b'{"shop_id": NaN, "items": [{"item_id": Infinity}]}', headers=JSON)
    assert answer.status_code == 400


def test_reset_forgets_test_orders_and_their_index(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id))["order_sn"]
    assert shopee_http.post("/_emulator/reset").status_code == 200
    now = shopee.clock.now()
    listed = ok(shopee_client.call("v2.order.get_order_list", shop_id=outlet_id, params={
        "time_range_field": "create_time", "time_from": now - 86400, "time_to": now, "page_size": 100}))
    assert order_sn not in [o["order_sn"] for o in listed["order_list"]]


def test_snapshot_import_rebuilds_the_order_index(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id))["order_sn"]
    state = shopee_http.get("/_emulator/snapshot").json()
    shopee_http.post("/_emulator/reset")
    assert shopee_http.post("/_emulator/snapshot", json=state).status_code == 200
    now = shopee.clock.now()
    listed = ok(shopee_client.call("v2.order.get_order_list", shop_id=outlet_id, params={
        "time_range_field": "update_time", "time_from": now - 60, "time_to": now, "page_size": 100}))
    assert order_sn in [o["order_sn"] for o in listed["order_list"]]


def test_seeded_history_is_the_same_for_a_seed(outlet_id):
    from emulator.world import _BUILT, Emulator

    first = Emulator(seed=7)
    _BUILT.clear()  # build the second world from scratch, not from the first's copy
    second = Emulator(seed=7)
    try:
        assert first.store.collection("orders") == second.store.collection("orders")
        assert len(first.store.collection("orders")) == 75
    finally:
        first.close()
        second.close()
