"""Shipping parameters, arranging shipment, tracking numbers and tracking history."""
from __future__ import annotations

import pytest

from tests.conftest import ok
from tests.domains.order_helpers import act, outlet_item, place, ship


def _ready(shopee, shopee_http, outlet_id):
    return place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), cod=True)


def test_get_shipping_parameter_pickup_address_and_slots(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = _ready(shopee, shopee_http, outlet_id)["order_sn"]
    params = ok(shopee_client.call("v2.logistics.get_shipping_parameter", shop_id=outlet_id, params={"order_sn": order_sn}))
    assert params["info_needed"] == {"pickup": ["address_id", "pickup_time_id"]}
    address = params["pickup"]["address_list"][0]
    assert "pickup_address" in address["address_flag"] and address["region"] == "ID"
    slots = address["time_slot_list"]
    assert slots[0]["flags"] == ["recommended"] and all(int(s["pickup_time_id"]) > shopee.clock.now() for s in slots)


def test_get_shipping_parameter_unknown_order(shopee, shopee_client, outlet_id):
    answer = shopee_client.call("v2.logistics.get_shipping_parameter", shop_id=outlet_id, params={"order_sn": "260101NOSUCH00"})
    assert answer["error"] == "error_not_found"
    assert answer["message"] == "Wrong parameters, detail: the order is not found."


def test_ship_order_moves_to_processed_with_tracking_number(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = _ready(shopee, shopee_http, outlet_id)["order_sn"]
    ok(ship(shopee_client, outlet_id, order_sn))
    tracking = ok(shopee_client.call("v2.logistics.get_tracking_number", shop_id=outlet_id, params={"order_sn": order_sn}))
    assert tracking["tracking_number"] and tracking["pickup_code"]
    assert shopee.orders.get(order_sn)["order_status"] == "PROCESSED"


def test_ship_order_unpaid_not_ready(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id))["order_sn"]
    slot = shopee.orders.fulfilment.time_slots(shopee.clock.now())[0]["pickup_time_id"]
    address_id = shopee.orders.fulfilment.address(outlet_id)["address_id"]
    answer = shopee_client.call("v2.logistics.ship_order", shop_id=outlet_id, body={
        "order_sn": order_sn, "pickup": {"address_id": address_id, "pickup_time_id": slot}})
    assert answer["error"] == "logistics.ship_order_not_ready_to_ship"
    assert answer["message"] == "The order is not ready to ship."


def test_ship_order_twice_already_shipped(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = _ready(shopee, shopee_http, outlet_id)["order_sn"]
    ok(ship(shopee_client, outlet_id, order_sn))
    answer = shopee_client.call("v2.logistics.ship_order", shop_id=outlet_id, body={"order_sn": order_sn, "pickup": {"address_id": 1, "pickup_time_id": "1"}})
    assert answer["error"] == "logistics.package_already_shipped"
    assert answer["message"] == "This package has already been arranged shipment and you can't call this API again."


def test_ship_order_dropoff_unsupported(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = _ready(shopee, shopee_http, outlet_id)["order_sn"]
    answer = shopee_client.call("v2.logistics.ship_order", shop_id=outlet_id, body={"order_sn": order_sn, "dropoff": {}})
    assert answer["error"] == "logistics.ship_order_unsupport_dropoff"
    assert answer["message"] == "This order does not support ship with dropoff."


def test_ship_order_two_methods_refused(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = _ready(shopee, shopee_http, outlet_id)["order_sn"]
    answer = shopee_client.call("v2.logistics.ship_order", shop_id=outlet_id, body={"order_sn": order_sn, "dropoff": {}, "pickup": {"address_id": 1}})
    assert answer["error"] == "logistics.ship_order_only_support_one_type"
    assert answer["message"] == "Please select just one way to ship order: pickup or dropoff or non_integrated."


def test_ship_order_without_pickup_time(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = _ready(shopee, shopee_http, outlet_id)["order_sn"]
    answer = shopee_client.call("v2.logistics.ship_order", shop_id=outlet_id, body={"order_sn": order_sn, "pickup": {"address_id": 1}})
    assert answer["error"] == "logistics.ship_order_need_address_pickup_time"
    assert answer["message"] == "Parameter address_id and pickup_time_id are required."


def test_ship_order_wrong_address(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = _ready(shopee, shopee_http, outlet_id)["order_sn"]
    answer = shopee_client.call("v2.logistics.ship_order", shop_id=outlet_id, body={"order_sn": order_sn, "pickup": {"address_id": 1, "pickup_time_id": "1800"}})
    assert answer["error"] == "logistics.address_not_found"
    assert answer["message"] == "Address is not found."


@pytest.mark.parametrize("spelling", ["9" * 5000, "0" * 5000, "padded"])
def test_ship_order_slot_id_only_as_written(shopee, shopee_http, shopee_client, outlet_id, spelling):
    order_sn = _ready(shopee, shopee_http, outlet_id)["order_sn"]
    address_id = ok(shopee_client.call("v2.logistics.get_shipping_parameter", shop_id=outlet_id, params={"order_sn": order_sn}))["pickup"]["address_list"][0]["address_id"]
    slot = shopee.orders.fulfilment.time_slots(shopee.clock.now())[0]["pickup_time_id"]
    time_id = "000" + slot if spelling == "padded" else spelling
    answer = shopee_client.call("v2.logistics.ship_order", shop_id=outlet_id, body={"order_sn": order_sn, "pickup": {"address_id": address_id, "pickup_time_id": time_id}})
    assert answer["error"] == "logistics.ship_order_pickup_time_invalid", answer
    assert shopee.orders.get(order_sn)["order_status"] == "READY_TO_SHIP"


def test_mass_ship_order_ships_listed_packages(shopee, shopee_http, shopee_client, outlet_id):
    orders = [_ready(shopee, shopee_http, outlet_id) for _ in range(3)]
    packages = [{"package_number": o["package_number"]} for o in orders]
    params = ok(shopee_client.call("v2.logistics.get_mass_shipping_parameter", shop_id=outlet_id, body={"package_list": packages}))
    assert len(params["success_list"]) == 3
    address = params["pickup"]["address_list"][0]
    pickup = {"address_id": address["address_id"], "pickup_time_id": address["time_slot_list"][0]["pickup_time_id"]}
    result = ok(shopee_client.call("v2.logistics.mass_ship_order", shop_id=outlet_id, body={
        "package_list": packages + [{"package_number": "OFG0"}], "pickup": pickup}))
    assert sorted(p["package_number"] for p in result["success_list"]) == sorted(p["package_number"] for p in packages)
    assert result["fail_list"] == [{"package_number": "OFG0", "fail_reason": "The package is not exist."}]
    mass = ok(shopee_client.call("v2.logistics.get_mass_tracking_number", shop_id=outlet_id, body={
        "package_list": packages, "response_optional_fields": "first_mile_tracking_number"}))
    assert all(p["tracking_number"] for p in mass["success_list"])


def test_mass_ship_order_duplicate_packages(shopee, shopee_http, shopee_client, outlet_id):
    order = _ready(shopee, shopee_http, outlet_id)
    answer = shopee_client.call("v2.logistics.mass_ship_order", shop_id=outlet_id, body={
        "package_list": [{"package_number": order["package_number"]}] * 2, "pickup": {"address_id": 1}})
    assert answer["error"] == "logistics.error_param"
    assert answer["message"] == "Duplicate package number"


@pytest.mark.parametrize("api, body, said", [
    ("v2.logistics.mass_ship_order", {"package_list": [], "pickup": {"address_id": 1}}, "package_list should contain 1 to 50 packages"),
    ("v2.logistics.get_mass_shipping_parameter", {"package_list": []}, "package_list should contain 1 to 50 packages"),
    ("v2.logistics.get_mass_tracking_number", {"package_list": []}, "package_list should contain 1 to 50 packages"),
    ("v2.logistics.batch_ship_order", {"order_list": [], "pickup": {"address_id": 1}}, "order_list should contain 1 to 50 orders"),
])
def test_mass_calls_with_an_empty_list_refused(shopee_client, outlet_id, api, body, said):
    answer = shopee_client.call(api, shop_id=outlet_id, body=body)
    assert (answer["error"], answer["message"]) == ("error_param", f"Wrong parameters, detail: {said}.")


def test_batch_ship_order_all_failed(shopee, shopee_http, shopee_client, outlet_id):
    answer = shopee_client.call("v2.logistics.batch_ship_order", shop_id=outlet_id, body={
        "order_list": [{"order_sn": "260101NOSUCH00"}], "pickup": {"address_id": 1, "pickup_time_id": "1"}})
    assert answer["error"] == "common.batch_api_all_failed"
    assert answer["message"] == "Failed, please check result_list for more details."
    assert answer["response"]["result_list"][0]["fail_error"] == "error_not_found"


def test_get_tracking_info_grows_as_the_courier_acts(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = _ready(shopee, shopee_http, outlet_id)["order_sn"]
    ok(ship(shopee_client, outlet_id, order_sn))

    def history():
        info = ok(shopee_client.call("v2.logistics.get_tracking_info", shop_id=outlet_id, params={"order_sn": order_sn}))
        return info["logistics_status"], [step["logistics_status"] for step in info["tracking_info"]]

    assert history() == ("LOGISTICS_REQUEST_CREATED", ["PICKUP_REQUESTED", "ORDER_CREATED"])
    shopee.advance(120)  # a rider is assigned and on the way
    assert history()[1][0] == "PICKUP_PENDING"
    act(shopee_http, order_sn, "pickup")
    assert history()[1][:3] == ["DELIVERY_PENDING", "PICKED_UP", "PICKUP_PENDING"]
    shopee.advance(1200)
    act(shopee_http, order_sn, "deliver")
    status, steps = history()
    assert status == "LOGISTICS_DELIVERY_DONE" and steps[:3] == ["DELIVERED", "DELIVERY_PENDING", "PICKED_UP"]
    assert len(steps) == 6


def test_get_tracking_info_unknown_order(shopee, shopee_client, outlet_id):
    answer = shopee_client.call("v2.logistics.get_tracking_info", shop_id=outlet_id, params={"order_sn": "260101NOSUCH00"})
    assert answer["error"] == "logistics.invalid_error"
    assert answer["message"] == "The order is not exist."


def test_update_shipping_order_after_failed_pickup(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = _ready(shopee, shopee_http, outlet_id)["order_sn"]
    act(shopee_http, order_sn, "ship")
    act(shopee_http, order_sn, "fail_pickup")
    shopee.advance(3600)
    fulfilment = shopee.orders.fulfilment
    pickup = {"address_id": fulfilment.address(outlet_id)["address_id"], "pickup_time_id": fulfilment.time_slots(shopee.clock.now())[1]["pickup_time_id"]}
    ok(shopee_client.call("v2.logistics.update_shipping_order", shop_id=outlet_id, body={"order_sn": order_sn, "pickup": pickup}))
    assert shopee.orders.get(order_sn)["order_status"] == "PROCESSED"


def test_update_shipping_order_not_retry_ship(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = _ready(shopee, shopee_http, outlet_id)["order_sn"]
    answer = shopee_client.call("v2.logistics.update_shipping_order", shop_id=outlet_id, body={"order_sn": order_sn, "pickup": {"address_id": 1, "pickup_time_id": "1"}})
    assert answer["error"] == "logistics.error_limit"
    assert answer["message"] == "Order status not support update logistics."


def test_split_order_without_permission(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = _ready(shopee, shopee_http, outlet_id)["order_sn"]
    answer = shopee_client.call("v2.order.split_order", shop_id=outlet_id, body={"order_sn": order_sn, "package_list": [{"item_list": [{"item_id": 1, "model_id": 0}]}]})
    assert answer["error"] == "order.order_cannot_split"
    assert answer["message"] == "You don’t have the permission to split order."


def test_get_shipping_document_data_info_self_design_not_allowed(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = _ready(shopee, shopee_http, outlet_id)["order_sn"]
    answer = shopee_client.call("v2.logistics.get_shipping_document_data_info", shop_id=outlet_id, body={"order_sn": order_sn})
    assert answer["error"] == "error_param"
    assert answer["message"] == "Not allowed to self design AWB"


NOT_READY = "Shipping parameters can only be obtained when package is ready to be shipped"


def test_get_shipping_parameter_unpaid_order_refused(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id))["order_sn"]  # UNPAID, LOGISTICS_NOT_START
    answer = shopee_client.call("v2.logistics.get_shipping_parameter", shop_id=outlet_id, params={"order_sn": order_sn})
    assert (answer["error"], answer["message"]) == ("error_param", NOT_READY)


def test_get_shipping_parameter_after_arranging_refused(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = _ready(shopee, shopee_http, outlet_id)["order_sn"]
    ok(ship(shopee_client, outlet_id, order_sn))
    answer = shopee_client.call("v2.logistics.get_shipping_parameter", shop_id=outlet_id, params={"order_sn": order_sn})
    assert (answer["error"], answer["message"]) == ("error_param", NOT_READY)


def test_get_shipping_parameter_offers_slots_again_in_retry_ship(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = _ready(shopee, shopee_http, outlet_id)["order_sn"]
    ok(ship(shopee_client, outlet_id, order_sn))
    act(shopee_http, order_sn, "fail_pickup")
    assert shopee.orders.get(order_sn)["order_status"] == "RETRY_SHIP"
    params = ok(shopee_client.call("v2.logistics.get_shipping_parameter", shop_id=outlet_id, params={"order_sn": order_sn}))
    assert params["pickup"]["address_list"][0]["time_slot_list"]


def _pickup(shopee_client, outlet_id, order_sn):
    params = ok(shopee_client.call("v2.logistics.get_shipping_parameter", shop_id=outlet_id, params={"order_sn": order_sn}))
    address = params["pickup"]["address_list"][0]
    return {"address_id": address["address_id"], "pickup_time_id": address["time_slot_list"][0]["pickup_time_id"]}


def test_ship_order_empty_package_number_refused(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = _ready(shopee, shopee_http, outlet_id)["order_sn"]
    body = {"order_sn": order_sn, "package_number": "", "pickup": _pickup(shopee_client, outlet_id, order_sn)}
    answer = shopee_client.call("v2.logistics.ship_order", shop_id=outlet_id, body=body)
    assert (answer["error"], answer["message"]) == ("logistics.package_not_exist", "The package is not exist.")
    assert shopee.orders.get(order_sn)["order_status"] == "READY_TO_SHIP"


def test_ship_order_pickup_fields_keep_their_declared_types(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = _ready(shopee, shopee_http, outlet_id)["order_sn"]
    pickup = _pickup(shopee_client, outlet_id, order_sn)
    for wrong, detail in (({"address_id": str(pickup["address_id"])}, "pickup.address_id should be an integer"),
                          ({"pickup_time_id": int(pickup["pickup_time_id"])}, "pickup.pickup_time_id should be a string")):
        answer = shopee_client.call("v2.logistics.ship_order", shop_id=outlet_id, body={"order_sn": order_sn, "pickup": {**pickup, **wrong}})
        assert (answer["error"], answer["message"]) == ("error_param", f"Wrong parameters, detail: {detail}.")
    assert shopee.orders.get(order_sn)["order_status"] == "READY_TO_SHIP"
    ok(shopee_client.call("v2.logistics.ship_order", shop_id=outlet_id, body={"order_sn": order_sn, "pickup": pickup}))
