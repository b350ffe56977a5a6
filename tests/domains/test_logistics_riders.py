"""Riders of Instant orders: Auto Call Driver, the rider's steps on the clock, and what happens when
no rider is found or the rider cancels."""
from __future__ import annotations

from typing import Any

from emulator.domains.logistics import riders as r
from tests.conftest import ok
from tests.domains.order_helpers import act, outlet_item, place, ship

PREPARATION = 15  # minutes


def _auto_call(shopee_client: Any, shop_id: int, channel_id: int = 80044) -> None:
    ok(shopee_client.call("v2.logistics.update_channel", shop_id=shop_id, body={
        "logistics_channel_id": channel_id,
        "auto_call_driver_setting": {"auto_call_driver_enabled": True, "preparation_time": PREPARATION}}))


def _package(shopee_client: Any, shop_id: int, order_sn: str) -> dict[str, Any]:
    answer = shopee_client.call("v2.order.get_package_detail", shop_id=shop_id, params={"package_number_list": _number(shopee_client, shop_id, order_sn)})
    return ok(answer)["package_list"][0]


def _number(shopee_client: Any, shop_id: int, order_sn: str) -> str:
    answer = shopee_client.call("v2.order.get_order_detail", shop_id=shop_id,
                                params={"order_sn_list": order_sn, "response_optional_fields": "package_list"})
    return str(ok(answer)["order_list"][0]["package_list"][0]["package_number"])


def _tracking(shopee_client: Any, shop_id: int, order_sn: str) -> list[dict[str, Any]]:
    info = ok(shopee_client.call("v2.logistics.get_tracking_info", shop_id=shop_id, params={"order_sn": order_sn}))
    return list(info["tracking_info"])


def _order(shopee: Any, shopee_http: Any, outlet_id: int, channel_id: int = 80044) -> str:
    placed = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True, logistics_channel_id=channel_id)
    return str(placed["order_sn"])


def test_auto_call_driver_takes_an_order_from_ready_to_delivered_on_the_clock(shopee, shopee_client, shopee_http, outlet_id):
    _auto_call(shopee_client, outlet_id)
    order_sn = _order(shopee, shopee_http, outlet_id)
    paid_at = shopee.clock.now()
    seen = _package(shopee_client, outlet_id, order_sn)
    deadline = paid_at + PREPARATION * 60
    assert (seen["fulfillment_status"], seen["is_shipment_arranged"]) == ("LOGISTICS_READY", False)
    assert seen["preparation_end_time"] == deadline
    assert seen["status_info_tag"] == {"tag_id": 2, "timestamp": deadline}
    assert seen["driver_info"]["driver_status"] == "" and seen["driver_info"]["driver_name"] == ""

    # the preparation time is over: shipment is arranged by itself and a rider is looked for
    shopee.set_time(deadline)
    seen = _package(shopee_client, outlet_id, order_sn)
    assert (seen["fulfillment_status"], seen["is_shipment_arranged"]) == ("LOGISTICS_REQUEST_CREATED", True)
    assert seen["tracking_number"] and seen["status_info_tag"] == {"tag_id": 0, "timestamp": 0}
    assert seen["driver_info"] == r.no_driver(r.ALLOCATING)
    steps = len(_tracking(shopee_client, outlet_id, order_sn))

    shopee.advance(r.ALLOCATE_SECONDS)
    driver = _package(shopee_client, outlet_id, order_sn)["driver_info"]
    assert driver["driver_status"] == "Driver assigned"
    assert driver["driver_name"] and driver["driver_phone"] and driver["license_plate"]
    assert driver["vehicle_type"] == "Motorcycle" and driver["courier_photo"].startswith("https://")
    assert shopee.clock.now() < driver["eta_start_time"] < driver["eta_end_time"]
    tracking = _tracking(shopee_client, outlet_id, order_sn)
    assert len(tracking) == steps + 1 and driver["driver_name"] in tracking[0]["description"]

    shopee.advance(r.DEPART_SECONDS)
    assert _package(shopee_client, outlet_id, order_sn)["driver_info"]["driver_status"] == "Driver is on the way"

    shopee.set_time(driver["eta_start_time"])
    seen = _package(shopee_client, outlet_id, order_sn)
    assert seen["driver_info"]["driver_status"] == "Driver is arrived"
    assert _tracking(shopee_client, outlet_id, order_sn)[0]["description"] == r.TRACK_ARRIVED

    shopee.advance(r.HANDOVER_SECONDS)
    seen = _package(shopee_client, outlet_id, order_sn)
    assert seen["fulfillment_status"] == "LOGISTICS_PICKUP_DONE" and seen["pickup_done_time"] == shopee.clock.now()
    assert [t["logistics_status"] for t in _tracking(shopee_client, outlet_id, order_sn)[:2]] == ["DELIVERY_PENDING", "PICKED_UP"]

    shopee.advance(30 * 60)
    seen = _package(shopee_client, outlet_id, order_sn)
    assert seen["fulfillment_status"] == "LOGISTICS_DELIVERY_DONE"
    assert shopee.orders.get(order_sn)["order_status"] == "TO_CONFIRM_RECEIVE"
    assert seen["driver_info"]["driver_name"] == driver["driver_name"]
    statuses = [t["logistics_status"] for t in reversed(_tracking(shopee_client, outlet_id, order_sn))]
    assert statuses == ["ORDER_CREATED", "PICKUP_REQUESTED", "PICKUP_PENDING", "PICKUP_PENDING", "PICKED_UP",
                        "DELIVERY_PENDING", "DELIVERED"]
    # every status the rider moved the order through was announced (order status push, code 3)
    changes = [e.data["new"] for e in shopee.bus.recent if e.name == "order.status_changed" and e.data["order_sn"] == order_sn]
    assert changes[-3:] == ["PROCESSED", "SHIPPED", "TO_CONFIRM_RECEIVE"]
    assert any(e.name == "order.tracking_number" and e.data["order_sn"] == order_sn for e in shopee.bus.recent)


def test_auto_call_finding_no_rider_leaves_the_package_to_the_seller(shopee, shopee_client, shopee_http, outlet_id):
    _auto_call(shopee_client, outlet_id)
    assert shopee_http.post("/_emulator/riders", json={"fail_next": 1}).json()["fail_next"] == 1
    order_sn = _order(shopee, shopee_http, outlet_id)
    deadline = _package(shopee_client, outlet_id, order_sn)["preparation_end_time"]
    shopee.set_time(deadline + 3600)
    seen = _package(shopee_client, outlet_id, order_sn)
    assert (seen["fulfillment_status"], seen["is_shipment_arranged"]) == ("LOGISTICS_READY", False)
    assert seen["driver_info"]["driver_status"] == ""
    # the seller arranges shipment by hand, and a rider comes
    ok(ship(shopee_client, outlet_id, order_sn))
    shopee.advance(r.ALLOCATE_SECONDS)
    assert _package(shopee_client, outlet_id, order_sn)["driver_info"]["driver_status"] == "Driver assigned"


def test_no_rider_found_after_arranging_asks_the_seller_to_arrange_again(shopee, shopee_client, shopee_http, outlet_id):
    order_sn = _order(shopee, shopee_http, outlet_id)
    assert _package(shopee_client, outlet_id, order_sn)["preparation_end_time"] == 0  # Auto Call Driver is off
    ok(ship(shopee_client, outlet_id, order_sn))
    act(shopee_http, order_sn, "no_rider")
    seen = _package(shopee_client, outlet_id, order_sn)
    assert seen["fulfillment_status"] == "LOGISTICS_PICKUP_RETRY" and seen["driver_info"]["driver_name"] == ""
    assert _tracking(shopee_client, outlet_id, order_sn)[1]["description"] == r.TRACK_NO_RIDER
    shopee.advance(3600)  # the first rider's jobs do nothing any more
    assert shopee.orders.get(order_sn)["order_status"] == "RETRY_SHIP"


def test_rider_cancels_and_another_is_assigned(shopee, shopee_client, shopee_http, outlet_id):
    order_sn = _order(shopee, shopee_http, outlet_id)
    ok(ship(shopee_client, outlet_id, order_sn))
    first = act(shopee_http, order_sn, "rider_assign")
    assert first["order_status"] == "PROCESSED"
    name = _package(shopee_client, outlet_id, order_sn)["driver_info"]["driver_name"]
    act(shopee_http, order_sn, "rider_cancel")
    assert _package(shopee_client, outlet_id, order_sn)["driver_info"] == r.no_driver(r.ALLOCATING)
    assert _tracking(shopee_client, outlet_id, order_sn)[0]["description"] == r.TRACK_CANCELLED
    shopee.advance(r.ALLOCATE_SECONDS)
    assert _package(shopee_client, outlet_id, order_sn)["driver_info"]["driver_status"] == "Driver assigned"
    act(shopee_http, order_sn, "rider_reassign")
    again = _package(shopee_client, outlet_id, order_sn)["driver_info"]
    assert again["driver_status"] == "Driver assigned" and again["eta_start_time"] > shopee.clock.now() - 1
    act(shopee_http, order_sn, "rider_arrive")
    assert _package(shopee_client, outlet_id, order_sn)["driver_info"]["driver_status"] == "Driver is arrived"
    refused = shopee_http.post(f"/_emulator/orders/{order_sn}/rider_assign", json={})
    assert refused.status_code == 400 and refused.json()["error"] == "error_order_status"
    assert name  # a rider had been drawn before the cancellation


def test_scheduled_channel_tells_when_the_rider_comes(shopee, shopee_client, shopee_http, outlet_id):
    order_sn = _order(shopee, shopee_http, outlet_id, channel_id=80054)
    ok(ship(shopee_client, outlet_id, order_sn))
    shopee.advance(r.ALLOCATE_SECONDS)
    status = _package(shopee_client, outlet_id, order_sn)["driver_info"]["driver_status"]
    assert status.startswith("Driver should arrive by ") and " - " in status
