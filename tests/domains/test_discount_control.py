"""POST/GET /_emulator/discounts: a discount with its items in one call, for scenarios and the console."""
from __future__ import annotations

from tests.domains.discount_helpers import HOUR, plain_item


def test_control_creates_a_running_discount_at_once(shopee, shopee_http, outlet_id):
    item = plain_item(shopee, outlet_id)
    body = {"shop_id": outlet_id, "items": [{"item_id": item["item_id"], "price": 1000, "purchase_limit": 2}]}
    created = shopee_http.post("/_emulator/discounts", json=body).json()
    assert (created["status"], created["count"], created["start_time"]) == ("ongoing", 1, shopee.clock.now())
    assert shopee.discounts.current(item["item_id"], 0) == (created["discount_id"], "1000")
    listed = shopee_http.get("/_emulator/discounts", params={"shop_id": outlet_id}).json()["discounts"]
    assert [d["discount_id"] for d in listed] == [created["discount_id"]]


def test_control_refuses_a_wrong_item_and_creates_nothing(shopee, shopee_http, outlet_id):
    body = {"shop_id": outlet_id, "starts_in": HOUR, "items": [{"item_id": 1, "price": 1000}]}
    answer = shopee_http.post("/_emulator/discounts", json=body)
    assert answer.status_code == 400 and "discount.item_id_not_exist" in answer.text, answer.text
    assert shopee.discounts.of_shop(outlet_id) == []


def test_control_discount_on_a_mart_refused(shopee_http, mart_id, shopee, outlet_id):
    item = plain_item(shopee, outlet_id)
    answer = shopee_http.post("/_emulator/discounts", json={"shop_id": mart_id, "items": [{"item_id": item["item_id"], "price": 1}]})
    assert answer.status_code >= 400 and "No permission to current api." in answer.text, answer.text


def test_control_discount_unknown_shop_is_404(shopee_http):
    answer = shopee_http.post("/_emulator/discounts", json={"shop_id": 1, "items": [{"item_id": 1, "price": 1}]})
    assert answer.status_code == 404
