"""Purchase limits set at publish or update_item are shown on the item and hold test orders to them."""
from __future__ import annotations

from typing import Any

import pytest

from emulator.domains.product.limits import ABOVE_MAX, BELOW_MIN
from tests.conftest import ok
from tests.console.helpers import message
from tests.domains.product_support import add_item, publish_body


def limited_copy(client: Any, http: Any, mart_id: int, outlet_id: int, low: int, high: int) -> int:
    body = publish_body(add_item(client, http, mart_id)["item_id"], outlet_id, [0], stock=50)
    body["publish_item"]["purchase_limit_info"] = {"min_purchase_limit": low, "max_purchase_limit": {"purchase_limit": high}}
    return int(ok(client.call("v2.product.publish_item_to_outlet_shop", shop_id=mart_id, body=body))["item_id"])


def order(http: Any, outlet_id: int, item_id: int, quantity: int) -> Any:
    return http.post("/_emulator/orders", json={"shop_id": outlet_id, "items": [{"item_id": item_id, "model_id": 0, "quantity": quantity}]})


@pytest.mark.parametrize(("quantity", "template", "limit"), [(6, ABOVE_MAX, 5), (1, BELOW_MIN, 2)])
def test_a_test_order_outside_the_published_limits_is_refused_and_reserves_nothing(
        shopee, shopee_client, shopee_http, mart_id, outlet_id, quantity, template, limit):
    copy = limited_copy(shopee_client, shopee_http, mart_id, outlet_id, 2, 5)
    answer = order(shopee_http, outlet_id, copy, quantity)
    assert answer.status_code == 400
    assert answer.json() == {"error": "error_purchase_limit", "message": template.format(item_id=copy, limit=limit, quantity=quantity)}
    assert shopee.products.find(copy)["models"][0]["reserved"] == 0
    assert order(shopee_http, outlet_id, copy, 5).status_code == 200


def test_limits_changed_by_update_item_are_shown_and_enforced(shopee_client, shopee_http, mart_id, outlet_id):
    client = shopee_client
    copy = limited_copy(client, shopee_http, mart_id, outlet_id, 1, 10)
    ok(client.call("v2.product.update_item", shop_id=outlet_id, body={
        "item_id": copy, "purchase_limit_info": {"min_purchase_limit": 1, "max_purchase_limit": {"purchase_limit": 3}}}))
    shown = ok(client.call("v2.product.get_item_base_info", shop_id=outlet_id, params={"item_id_list": [copy]}))["item_list"][0]
    assert shown["purchase_limit_info"] == {"min_purchase_limit": 1, "max_purchase_limit": {"purchase_limit": 3}}
    assert order(shopee_http, outlet_id, copy, 4).json()["error"] == "error_purchase_limit"
    assert order(shopee_http, outlet_id, copy, 3).status_code == 200


def test_the_limit_counts_every_line_of_the_item_in_one_order(shopee_client, shopee_http, mart_id, outlet_id):
    copy = limited_copy(shopee_client, shopee_http, mart_id, outlet_id, 1, 3)
    line = {"item_id": copy, "model_id": 0, "quantity": 2}
    answer = shopee_http.post("/_emulator/orders", json={"shop_id": outlet_id, "items": [line, line]})
    assert answer.json()["message"] == ABOVE_MAX.format(item_id=copy, limit=3, quantity=4)


def test_the_console_test_order_shows_the_limit_refusal(shopee_client, shopee_http, mart_id, outlet_id):
    copy = limited_copy(shopee_client, shopee_http, mart_id, outlet_id, 1, 2)
    sent = shopee_http.post("/console/orders", data={"shop_id": str(outlet_id), f"qty:{copy}:0": "3", "payment": "online"})
    assert sent.status_code == 303
    landed = shopee_http.get(sent.headers["location"])
    assert message(landed, "error") == ABOVE_MAX.format(item_id=copy, limit=2, quantity=3)
