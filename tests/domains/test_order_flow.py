"""One order through every status, checked through get_order_list and get_order_detail."""
from __future__ import annotations

from tests.conftest import ok
from tests.domains.order_helpers import act, detail, listed_status, outlet_item, place, ship, stock_of


def _check(shopee, shopee_client, outlet_id, order_sn, status, logistics):
    assert listed_status(shopee, shopee_client, outlet_id, order_sn) == status
    order = detail(shopee_client, outlet_id, order_sn)
    assert order["order_status"] == status
    assert order["package_list"][0]["logistics_status"] == logistics
    assert order["update_time"] == shopee.clock.now()
    return order


def test_order_flow_walks_every_status_to_completed(shopee, shopee_http, shopee_client, outlet_id):
    item = outlet_item(shopee, outlet_id)
    before = stock_of(shopee, item["item_id"])
    stock, reserved, sold = before["stock"], before["reserved"], before["sold"]
    order_sn = place(shopee_http, outlet_id, item, quantity=2)["order_sn"]
    _check(shopee, shopee_client, outlet_id, order_sn, "UNPAID", "LOGISTICS_NOT_START")
    assert stock_of(shopee, item["item_id"])["reserved"] == reserved + 2
    shopee.advance(60)
    act(shopee_http, order_sn, "pay")
    order = _check(shopee, shopee_client, outlet_id, order_sn, "READY_TO_SHIP", "LOGISTICS_READY")
    shopee.advance(60)
    ok(ship(shopee_client, outlet_id, order_sn))
    _check(shopee, shopee_client, outlet_id, order_sn, "PROCESSED", "LOGISTICS_REQUEST_CREATED")
    shopee.advance(60)
    act(shopee_http, order_sn, "pickup")
    order = _check(shopee, shopee_client, outlet_id, order_sn, "SHIPPED", "LOGISTICS_PICKUP_DONE")
    after_pickup = stock_of(shopee, item["item_id"])
    assert (after_pickup["stock"], after_pickup["reserved"], after_pickup["sold"]) == (stock - 2, reserved, sold + 2)
    shopee.advance(60)
    act(shopee_http, order_sn, "deliver")
    _check(shopee, shopee_client, outlet_id, order_sn, "TO_CONFIRM_RECEIVE", "LOGISTICS_DELIVERY_DONE")
    shopee.advance(60)
    act(shopee_http, order_sn, "confirm_receipt")
    order = _check(shopee, shopee_client, outlet_id, order_sn, "COMPLETED", "LOGISTICS_DELIVERY_DONE")
    assert order["item_list"][0]["model_quantity_purchased"] == 2


def test_order_flow_publishes_status_changes(shopee, shopee_http, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)["order_sn"]
    changes = [(e.data["old"], e.data["new"]) for e in shopee.bus.recent if e.name == "order.status_changed" and e.data["order_sn"] == order_sn]
    assert changes == [(None, "UNPAID"), ("UNPAID", "READY_TO_SHIP")]


def test_order_flow_auto_completes_after_confirm_period(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), cod=True)["order_sn"]
    for action in ("ship", "pickup", "deliver"):
        act(shopee_http, order_sn, action)
    shopee.advance(3 * 86400 - 1)
    assert detail(shopee_client, outlet_id, order_sn)["order_status"] == "TO_CONFIRM_RECEIVE"
    shopee.advance(1)
    assert detail(shopee_client, outlet_id, order_sn)["order_status"] == "COMPLETED"


def test_order_flow_unpaid_cancels_after_payment_window(shopee, shopee_http, shopee_client, outlet_id):
    item = outlet_item(shopee, outlet_id)
    unpaid_seeded = sum(
        line["quantity"] for doc in shopee.store.collection("orders").values() if doc["order_status"] == "UNPAID"
        for line in doc["items"] if line["item_id"] == item["item_id"]
    )
    reserved = stock_of(shopee, item["item_id"])["reserved"] - unpaid_seeded
    order_sn = place(shopee_http, outlet_id, item)["order_sn"]
    shopee.advance(86400)
    order = detail(shopee_client, outlet_id, order_sn, "cancel_by,cancel_reason,package_list")
    assert (order["order_status"], order["cancel_by"], order["cancel_reason"]) == ("CANCELLED", "system", "Unpaid Order")
    assert order["package_list"][0]["logistics_status"] == "LOGISTICS_INVALID"
    assert stock_of(shopee, item["item_id"])["reserved"] == reserved


def test_order_flow_cod_order_starts_ready_to_ship(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), cod=True)["order_sn"]
    order = detail(shopee_client, outlet_id, order_sn, "payment_method,package_list")
    assert (order["order_status"], order["cod"], order["payment_method"]) == ("READY_TO_SHIP", True, "Cash on Delivery")


def test_buyer_cancel_request_accepted_by_seller_cancels_and_releases(shopee, shopee_http, shopee_client, outlet_id):
    item = outlet_item(shopee, outlet_id)
    reserved = stock_of(shopee, item["item_id"])["reserved"]
    order_sn = place(shopee_http, outlet_id, item, paid=True)["order_sn"]
    shopee.advance(30)
    act(shopee_http, order_sn, "buyer_cancel", reason="Change of mind / others")
    order = _check(shopee, shopee_client, outlet_id, order_sn, "IN_CANCEL", "LOGISTICS_READY")
    shopee.advance(30)
    answer = ok(shopee_client.call("v2.order.handle_buyer_cancellation", shop_id=outlet_id, body={"order_sn": order_sn, "operation": "ACCEPT"}))
    assert answer["update_time"] == shopee.clock.now()
    order = detail(shopee_client, outlet_id, order_sn, "cancel_by,cancel_reason,buyer_cancel_reason,package_list")
    assert (order["order_status"], order["cancel_by"], order["buyer_cancel_reason"]) == ("CANCELLED", "buyer", "Change of mind / others")
    assert order["package_list"][0]["logistics_status"] == "LOGISTICS_INVALID"
    assert listed_status(shopee, shopee_client, outlet_id, order_sn) == "CANCELLED"
    assert stock_of(shopee, item["item_id"])["reserved"] == reserved


def test_buyer_cancel_request_rejected_returns_to_previous_status(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), cod=True)["order_sn"]
    act(shopee_http, order_sn, "ship")
    act(shopee_http, order_sn, "buyer_cancel")
    assert listed_status(shopee, shopee_client, outlet_id, order_sn) == "IN_CANCEL"
    shopee.advance(10)
    ok(shopee_client.call("v2.order.handle_buyer_cancellation", shop_id=outlet_id, body={"order_sn": order_sn, "operation": "REJECT"}))
    _check(shopee, shopee_client, outlet_id, order_sn, "PROCESSED", "LOGISTICS_REQUEST_CREATED")


def test_buyer_cancel_unanswered_is_accepted_after_window(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), cod=True)["order_sn"]
    act(shopee_http, order_sn, "buyer_cancel")
    shopee.advance(2 * 86400)
    assert detail(shopee_client, outlet_id, order_sn)["order_status"] == "CANCELLED"


def test_buyer_cancel_unpaid_order_cancels_at_once(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id))["order_sn"]
    act(shopee_http, order_sn, "buyer_cancel")
    assert detail(shopee_client, outlet_id, order_sn)["order_status"] == "CANCELLED"


def test_handle_buyer_cancellation_not_in_cancel(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), cod=True)["order_sn"]
    answer = shopee_client.call("v2.order.handle_buyer_cancellation", shop_id=outlet_id, body={"order_sn": order_sn, "operation": "ACCEPT"})
    assert answer["error"] == "order.cancel_order_invalid_status"
    assert answer["message"] == "Invalid order_status.The order status should be IN_CANCEL."


def test_fail_pickup_asks_to_arrange_again_then_cancels(shopee, shopee_http, shopee_client, outlet_id):
    item = outlet_item(shopee, outlet_id)
    reserved = stock_of(shopee, item["item_id"])["reserved"]
    order_sn = place(shopee_http, outlet_id, item, cod=True)["order_sn"]
    act(shopee_http, order_sn, "ship")
    act(shopee_http, order_sn, "fail_pickup")
    _check(shopee, shopee_client, outlet_id, order_sn, "RETRY_SHIP", "LOGISTICS_PICKUP_RETRY")
    assert ok(ship(shopee_client, outlet_id, order_sn)) is not None
    _check(shopee, shopee_client, outlet_id, order_sn, "PROCESSED", "LOGISTICS_REQUEST_CREATED")
    act(shopee_http, order_sn, "fail_pickup")
    order = detail(shopee_client, outlet_id, order_sn, "cancel_reason,package_list")
    assert (order["order_status"], order["cancel_reason"]) == ("CANCELLED", "3PL pickup Fail")
    assert order["package_list"][0]["logistics_status"] == "LOGISTICS_PICKUP_FAILED"
    assert stock_of(shopee, item["item_id"])["reserved"] == reserved


def test_fail_delivery_cancels_and_restocks(shopee, shopee_http, shopee_client, outlet_id):
    item = outlet_item(shopee, outlet_id)
    before = stock_of(shopee, item["item_id"])
    order_sn = place(shopee_http, outlet_id, item, cod=True)["order_sn"]
    for action in ("ship", "pickup", "fail_delivery"):
        act(shopee_http, order_sn, action)
    order = detail(shopee_client, outlet_id, order_sn, "cancel_reason,package_list")
    assert (order["order_status"], order["cancel_reason"]) == ("CANCELLED", "Failed Delivery")
    after = stock_of(shopee, item["item_id"])
    assert (after["stock"], after["reserved"], after["sold"]) == (before["stock"], before["reserved"], before["sold"])


def test_order_action_not_allowed_in_status(shopee, shopee_http, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id))["order_sn"]
    answer = shopee_http.post(f"/_emulator/orders/{order_sn}/deliver")
    assert answer.status_code == 400
    assert answer.json()["error"] == "error_order_status"


def test_order_python_helpers_drive_the_same_flow(shopee, outlet_id):
    item = outlet_item(shopee, outlet_id)
    doc = shopee.orders.create(outlet_id, [{"item_id": item["item_id"], "model_id": 0, "quantity": 1}], paid=True)
    for action in ("ship", "pickup", "deliver", "confirm_receipt"):
        shopee.orders.act(doc["order_sn"], action)
    assert shopee.orders.get(doc["order_sn"])["order_status"] == "COMPLETED"
