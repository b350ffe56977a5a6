"""Orders their buyer collects at the Outlet: update_self_collection_order_logistics and the
order, package, stock, push and escrow effects of its two steps."""
from __future__ import annotations

from typing import Any

import pytest

from emulator.domains.order.lifecycle import CONFIRM_PERIOD
from tests.conftest import ok
from tests.domains.order_helpers import detail, outlet_item, place, stock_of
from tests.domains.product_support import image_id

API = "v2.logistics.update_self_collection_order_logistics"


def _collect_order(shopee: Any, shopee_http: Any, outlet_id: int, **extra: Any) -> dict[str, Any]:
    return place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), cod=True, self_collection=True, **extra)


def _update(shopee_client: Any, outlet_id: int, package_number: str, action: str, **body: Any) -> dict[str, Any]:
    answer: dict[str, Any] = shopee_client.call(API, shop_id=outlet_id, body={
        "package_number": package_number, "self_collection_logistics_action": action, **body})
    return answer


def test_buyer_collects_at_the_outlet_from_ready_to_completed(shopee, shopee_http, shopee_client, outlet_id):
    item = outlet_item(shopee, outlet_id)
    model_id = item["models"][0]["model_id"]
    before = dict(stock_of(shopee, item["item_id"], model_id))
    order = _collect_order(shopee, shopee_http, outlet_id)
    assert order["self_collection"] is True and order["order_status"] == "READY_TO_SHIP"
    package = order["package_number"]

    answer = _update(shopee_client, outlet_id, package, "ready_for_collection")
    assert answer["error"] == "" and answer["message"] == ""
    shown = detail(shopee_client, outlet_id, order["order_sn"])
    assert shown["order_status"] == "PROCESSED" and shown["is_buyer_shop_collection"] is True
    assert shown["package_list"][0]["logistics_status"] == "LOGISTICS_REQUEST_CREATED"
    assert shown["buyer_proof_of_collection"] == []

    photo = image_id(shopee_client, shopee_http, outlet_id)
    ok(_update(shopee_client, outlet_id, package, "order_collected", epoc_image_list=[photo]))
    shown = detail(shopee_client, outlet_id, order["order_sn"])
    assert shown["order_status"] == "TO_CONFIRM_RECEIVE"
    assert shown["package_list"][0]["logistics_status"] == "LOGISTICS_DELIVERY_DONE"
    assert len(shown["buyer_proof_of_collection"]) == 1 and shown["buyer_proof_of_collection"][0].endswith(photo)
    after = stock_of(shopee, item["item_id"], model_id)
    assert after["stock"] == before["stock"] - 1 and after["reserved"] == before["reserved"]

    packages = ok(shopee_client.call("v2.order.get_package_detail", shop_id=outlet_id, params={"package_number_list": package}))
    assert packages["package_list"][0]["is_buyer_shop_collection"] is True
    assert packages["package_list"][0]["buyer_proof_of_collection"] == shown["buyer_proof_of_collection"]
    steps = ok(shopee_client.call("v2.logistics.get_tracking_info", shop_id=outlet_id, params={"order_sn": order["order_sn"]}))
    assert [s["logistics_status"] for s in steps["tracking_info"]][:2] == ["DELIVERED", "PICKUP_PENDING"]

    shopee.advance(CONFIRM_PERIOD + 1)
    assert shopee.orders.get(order["order_sn"])["order_status"] == "COMPLETED"
    escrow = ok(shopee_client.call("v2.payment.get_escrow_detail", shop_id=outlet_id, params={"order_sn": order["order_sn"]}))
    assert escrow["order_income"]["escrow_amount"] > 0


def test_a_collected_order_owes_no_shipping_fee_and_sends_no_driver(shopee, shopee_http, shopee_client, outlet_id):
    order = _collect_order(shopee, shopee_http, outlet_id)
    doc = shopee.orders.get(order["order_sn"])
    assert doc["estimated_shipping_fee"] == "0"
    assert sum(float(line["model_discounted_price"]) * line["quantity"] for line in doc["items"]) == float(doc["total_amount"])
    ok(_update(shopee_client, outlet_id, order["package_number"], "ready_for_collection"))
    shopee.advance(3600)
    package = shopee.orders.get(order["order_sn"])["packages"][0]
    assert not package.get("rider") and shopee.orders.get(order["order_sn"])["order_status"] == "PROCESSED"


def test_status_pushes_follow_both_steps(shopee, shopee_http, shopee_client, outlet_id):
    order = _collect_order(shopee, shopee_http, outlet_id)
    seen: list[str] = []
    shopee.bus.subscribe("order.status_changed", lambda event: seen.append(event.data["new"]))
    ok(_update(shopee_client, outlet_id, order["package_number"], "ready_for_collection"))
    photo = image_id(shopee_client, shopee_http, outlet_id)
    ok(_update(shopee_client, outlet_id, order["package_number"], "order_collected", epoc_image_list=[photo]))
    assert seen == ["PROCESSED", "TO_CONFIRM_RECEIVE"]


def test_an_order_delivered_by_courier_is_not_collected(shopee, shopee_http, shopee_client, outlet_id):
    order = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), cod=True)
    answer = _update(shopee_client, outlet_id, order["package_number"], "ready_for_collection")
    assert answer["error"] == "logistics.not_available_for_self_collection"
    assert answer["message"] == "Buyer self collection unavailable for this order"
    assert detail(shopee_client, outlet_id, order["order_sn"])["is_buyer_shop_collection"] is False


def test_collected_before_it_is_ready(shopee, shopee_http, shopee_client, outlet_id):
    order = _collect_order(shopee, shopee_http, outlet_id)
    photo = image_id(shopee_client, shopee_http, outlet_id)
    answer = _update(shopee_client, outlet_id, order["package_number"], "order_collected", epoc_image_list=[photo])
    assert answer["error"] == "logistics.not_ready_for_self_collection"
    assert answer["message"] == "Parcel is not ready for collection yet"
    assert shopee.orders.get(order["order_sn"])["order_status"] == "READY_TO_SHIP"


def test_ready_for_collection_needs_a_paid_open_order(shopee, shopee_http, shopee_client, outlet_id):
    unpaid = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), self_collection=True)
    answer = _update(shopee_client, outlet_id, unpaid["package_number"], "ready_for_collection")
    assert answer["error"] == "logistics.self_collect_outbound_failed"
    assert answer["message"] == "Prepare order for buyer collection"
    order = _collect_order(shopee, shopee_http, outlet_id)
    ok(_update(shopee_client, outlet_id, order["package_number"], "ready_for_collection"))
    again = _update(shopee_client, outlet_id, order["package_number"], "ready_for_collection")
    assert again["error"] == "logistics.self_collect_outbound_failed"


@pytest.mark.parametrize(("images", "message"), [
    (None, "epoc_image_list is required when self_collection_logistics_action is order_collected"),
    ([], "epoc_image_list is required when self_collection_logistics_action is order_collected"),
    (["a", "b", "c", "d"], "epoc_image_list should have at most 3 images"),
    (["not-uploaded"], "epoc_image_list: not-uploaded is not an image uploaded with v2.media.upload_image"),
])
def test_proof_of_collection_is_required_and_checked(shopee, shopee_http, shopee_client, outlet_id, images, message):
    order = _collect_order(shopee, shopee_http, outlet_id)
    ok(_update(shopee_client, outlet_id, order["package_number"], "ready_for_collection"))
    body = {} if images is None else {"epoc_image_list": images}
    answer = _update(shopee_client, outlet_id, order["package_number"], "order_collected", **body)
    assert answer["error"] == "error_param"
    assert answer["message"] == f"Wrong parameters, detail: {message}."
    assert shopee.orders.get(order["order_sn"])["order_status"] == "PROCESSED"


def test_the_orders_pin_must_be_given(shopee, shopee_http, shopee_client, outlet_id):
    order = _collect_order(shopee, shopee_http, outlet_id, collection_pin="482913")
    ok(_update(shopee_client, outlet_id, order["package_number"], "ready_for_collection"))
    photo = image_id(shopee_client, shopee_http, outlet_id)
    for pin in ({}, {"pin": "000000"}):
        answer = _update(shopee_client, outlet_id, order["package_number"], "order_collected", epoc_image_list=[photo], **pin)
        assert answer["error"] == "logistics.self_collection_pin_invalid"
        assert answer["message"] == "Invalid collection PIN. Please verify and try again."
    ok(_update(shopee_client, outlet_id, order["package_number"], "order_collected", epoc_image_list=[photo], pin="482913"))
    assert shopee.orders.get(order["order_sn"])["order_status"] == "TO_CONFIRM_RECEIVE"


def test_unknown_action_and_package(shopee, shopee_http, shopee_client, outlet_id):
    order = _collect_order(shopee, shopee_http, outlet_id)
    answer = _update(shopee_client, outlet_id, order["package_number"], "handed_over")
    assert answer["error"] == "error_param"
    assert "ready_for_collection or order_collected" in answer["message"]
    missing = _update(shopee_client, outlet_id, "OFG000000000000000", "ready_for_collection")
    assert missing["error"] == "logistics.package_not_exist"
    other_outlet = [s for s in shopee.shops.outlets_of(shopee.shops.marts()[0]["shop_id"]) if s["shop_id"] != outlet_id][0]
    foreign = _update(shopee_client, int(other_outlet["shop_id"]), order["package_number"], "ready_for_collection")
    assert foreign["error"] == "logistics.package_not_exist"


def test_no_courier_step_applies_to_a_collected_order(shopee, shopee_http, shopee_client, outlet_id):
    order = _collect_order(shopee, shopee_http, outlet_id)
    params = ok(shopee_client.call("v2.logistics.get_shipping_parameter", shop_id=outlet_id, params={"order_sn": order["order_sn"]}))
    assert params["pickup"]["address_list"][0]["time_slot_list"] == []  # no pickup slot to offer
    pickup = {"address_id": params["pickup"]["address_list"][0]["address_id"],
              "pickup_time_id": shopee.orders.fulfilment.time_slots(shopee.clock.now())[0]["pickup_time_id"]}
    answer = shopee_client.call("v2.logistics.ship_order", shop_id=outlet_id, body={"order_sn": order["order_sn"], "pickup": pickup})
    assert answer["error"] == "logistics.ship_order_not_ready_to_ship"
    mass = ok(shopee_client.call("v2.logistics.get_mass_shipping_parameter", shop_id=outlet_id, body={
        "package_list": [{"package_number": order["package_number"]}]}))
    assert mass["success_list"] == [] and mass["fail_list"][0]["fail_reason"] == "The order is not ready to ship."
    refused = shopee_http.post(f"/_emulator/orders/{order['order_sn']}/ship", json={})
    assert refused.status_code >= 400 and "collected by its buyer at the Outlet" in refused.text
    ok(_update(shopee_client, outlet_id, order["package_number"], "ready_for_collection"))
    picked = shopee_http.post(f"/_emulator/orders/{order['order_sn']}/pickup", json={})
    assert picked.status_code >= 400 and "collected by its buyer at the Outlet" in picked.text


def test_a_ready_order_can_still_be_cancelled_and_its_stock_returns(shopee, shopee_http, shopee_client, outlet_id):
    item = outlet_item(shopee, outlet_id)
    model_id = item["models"][0]["model_id"]
    reserved = stock_of(shopee, item["item_id"], model_id)["reserved"]
    order = _collect_order(shopee, shopee_http, outlet_id)
    ok(_update(shopee_client, outlet_id, order["package_number"], "ready_for_collection"))
    ok(shopee_client.call("v2.order.cancel_order", shop_id=outlet_id, body={
        "order_sn": order["order_sn"], "cancel_reason": "CUSTOMER_REQUEST"}))
    assert shopee.orders.get(order["order_sn"])["order_status"] == "CANCELLED"
    assert stock_of(shopee, item["item_id"], model_id)["reserved"] == reserved


def test_control_plane_checks_the_collection_options(shopee, shopee_http, outlet_id):
    item = outlet_item(shopee, outlet_id)
    line = [{"item_id": item["item_id"], "model_id": item["models"][0]["model_id"]}]
    for body, wording in (
        ({"self_collection": "yes"}, "self_collection must be true or false"),
        ({"self_collection": True, "collection_pin": 1234}, "collection_pin must be a string of up to 12 digits"),
        ({"collection_pin": "1234"}, "collection_pin is for an order its buyer collects at the Outlet"),
    ):
        answer = shopee_http.post("/_emulator/orders", json={"shop_id": outlet_id, "items": line, **body})
        assert answer.status_code == 400 and wording in answer.text, answer.text
