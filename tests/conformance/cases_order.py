"""Conformance cases: the order APIs (v2.order.*)."""
from __future__ import annotations

from typing import Any

from emulator.domains.order import errors as e
from emulator.domains.logistics.riders import ALLOCATE_SECONDS, DEPART_SECONDS
from tests.conformance.cases import Call, Cases, World

CASES = Cases()
# APIs of this domain with no case yet; each case added removes its API from here.
PENDING: dict[str, str] = {}

DETAIL_FIELDS = (
    "buyer_user_id,buyer_username,estimated_shipping_fee,recipient_address,actual_shipping_fee,goods_to_declare,note,"
    "note_update_time,item_list,pay_time,dropshipper,dropshipper_phone,split_up,buyer_cancel_reason,cancel_by,"
    "cancel_reason,actual_shipping_fee_confirmed,buyer_cpf_id,fulfillment_flag,pickup_done_time,package_list,"
    "shipping_carrier,payment_method,total_amount,invoice_data,order_chargeable_weight_gram,return_request_due_date,"
    "edt,payment_info,international_label"
)
GEOLOCATION = "channel 90026 only (decisions: Documented fields)"


# -- state set-ups shared with the logistics and returns cases ---------------------------------
def outlet_item(world: World, with_variants: bool = False) -> dict[str, Any]:
    items = world.emulator.store.collection("items").values()
    mine = [d for d in items if d["kind"] == "outlet" and d["shop_id"] == world.outlet_id]
    return next(d for d in mine if (d["models"][0]["model_id"] != 0) == with_variants)


def place(world: World, quantity: int = 1, **extra: Any) -> str:
    """A new order on the first Outlet; ``paid=True`` pays it, ``cod=True`` makes it COD."""
    item = outlet_item(world, with_variants=True)
    line = {"item_id": item["item_id"], "model_id": item["models"][0]["model_id"], "quantity": quantity}
    answer = world.http.post("/_emulator/orders", json={"shop_id": world.outlet_id, "items": [line], **extra})
    assert answer.status_code == 200, answer.text
    return str(answer.json()["order_sn"])


def act(world: World, order_sn: str, *actions: str) -> None:
    for action in actions:
        answer = world.http.post(f"/_emulator/orders/{order_sn}/{action}", json={})
        assert answer.status_code == 200, answer.text


def package_number(world: World, order_sn: str) -> str:
    return str(world.emulator.orders.get(order_sn)["packages"][0]["package_number"])


def pickup(world: World, order_sn: str) -> dict[str, Any]:
    """The first offered address and slot, as ship_order takes them."""
    found = world.ok("v2.logistics.get_shipping_parameter", world.outlet_id, order_sn=order_sn)
    address = found["pickup"]["address_list"][0]
    return {"address_id": address["address_id"], "pickup_time_id": address["time_slot_list"][0]["pickup_time_id"]}


def arranged(world: World, **extra: Any) -> str:
    """A paid order whose pickup the seller has arranged (PROCESSED)."""
    order_sn = place(world, paid=True, **extra)
    world.ok("v2.logistics.ship_order", world.outlet_id, order_sn=order_sn, pickup=pickup(world, order_sn))
    return order_sn


def delivered(world: World, quantity: int = 2) -> str:
    order_sn = place(world, quantity=quantity, paid=True)
    act(world, order_sn, "ship", "pickup", "deliver")
    return order_sn


def _detail(order_sn: str, **extra: Any) -> dict[str, Any]:
    # pending_terms (and its descriptions) are answered only to a caller that asks for them
    return {"order_sn_list": order_sn, "response_optional_fields": DETAIL_FIELDS, "request_order_status_pending": True, **extra}


# -- cases --------------------------------------------------------------------------------------
DETAIL_OPTIONAL = {
    "response.order_list[].recipient_address.geolocation": GEOLOCATION,
}


@CASES.case("v2.order.get_order_detail", optional=DETAIL_OPTIONAL)
def unpaid_order(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params=_detail(place(world)))


@CASES.case("v2.order.get_order_detail", optional=DETAIL_OPTIONAL)
def order_delivered_with_an_open_return(world: World) -> Call:
    order_sn = delivered(world)
    answer = world.http.post("/_emulator/returns", json={"order_sn": order_sn, "reason": "ITEM_DAMAGED"})
    assert answer.status_code == 200, answer.text
    world.ok("v2.order.set_note", world.outlet_id, order_sn=order_sn, note="fragile")
    return Call(shop_id=world.outlet_id, params=_detail(order_sn))


@CASES.case("v2.order.get_order_detail", optional=DETAIL_OPTIONAL)
def order_cancelled_by_the_buyer(world: World) -> Call:
    order_sn = place(world, paid=True)
    act(world, order_sn, "buyer_cancel")
    world.ok("v2.order.handle_buyer_cancellation", world.outlet_id, order_sn=order_sn, operation="ACCEPT")
    return Call(shop_id=world.outlet_id, params=_detail(order_sn))


@CASES.case("v2.order.get_order_list")
def orders_of_the_last_day(world: World) -> Call:
    place(world)
    now = world.emulator.clock.now()
    params = {"time_range_field": "create_time", "time_from": now - 86400, "time_to": now, "page_size": 20,
              "response_optional_fields": "order_status"}
    return Call(shop_id=world.outlet_id, params=params)


@CASES.case("v2.order.get_shipment_list")
def orders_to_ship(world: World) -> Call:
    place(world, paid=True)
    return Call(shop_id=world.outlet_id, params={"page_size": 20})


@CASES.case("v2.order.search_package_list")
def packages_to_ship(world: World) -> Call:
    place(world, paid=True)
    arranged(world)
    return Call(shop_id=world.outlet_id, params={"filter": {"package_status": 0}, "pagination": {"page_size": 20}})


PACKAGE_OPTIONAL = {"response.package_list[].recipient_address.geolocation": GEOLOCATION}


@CASES.case("v2.order.get_package_detail", optional=PACKAGE_OPTIONAL)
def package_waiting_for_arrangement(world: World) -> Call:
    order_sn = place(world, paid=True)
    return Call(shop_id=world.outlet_id, params={"package_number_list": package_number(world, order_sn)})


@CASES.case("v2.order.get_package_detail", optional=PACKAGE_OPTIONAL)
def package_picked_up(world: World) -> Call:
    order_sn = arranged(world)
    act(world, order_sn, "pickup")
    return Call(shop_id=world.outlet_id, params={"package_number_list": package_number(world, order_sn)})


@CASES.case("v2.order.get_package_detail", optional=PACKAGE_OPTIONAL)
def package_with_its_rider_on_the_way(world: World) -> Call:
    order_sn = arranged(world)
    world.emulator.advance(ALLOCATE_SECONDS + DEPART_SECONDS)
    return Call(shop_id=world.outlet_id, params={"package_number_list": package_number(world, order_sn)})


@CASES.case("v2.order.get_package_detail", optional=PACKAGE_OPTIONAL)
def package_waiting_for_auto_call_driver(world: World) -> Call:
    world.ok("v2.logistics.update_channel", world.outlet_id, logistics_channel_id=80044,
             auto_call_driver_setting={"auto_call_driver_enabled": True, "preparation_time": 10})
    order_sn = place(world, paid=True, logistics_channel_id=80044)
    return Call(shop_id=world.outlet_id, params={"package_number_list": package_number(world, order_sn)})


@CASES.case("v2.order.cancel_order")
def seller_cancels_a_paid_order(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={"order_sn": place(world, paid=True), "cancel_reason": "CUSTOMER_REQUEST"})


def _partially_cancellable(world: World) -> tuple[str, dict[str, Any]]:
    order_sn = place(world, quantity=3, paid=True, buyer_preference_for_partial_cancellation=0)
    line = world.emulator.orders.get(order_sn)["items"][0]
    return order_sn, line


@CASES.case("v2.order.cancel_order", values={"partial_cancel_item_list.promotion_group_id": 0})
def seller_cancels_some_units(world: World) -> Call:
    order_sn, line = _partially_cancellable(world)
    entry = {"item_id": line["item_id"], "model_id": line["model_id"], "model_quantity": 1, "order_item_id": line["item_id"],
             "promotion_group_id": 0}
    return Call(shop_id=world.outlet_id, params={"order_sn": order_sn, "cancel_reason": "OUT_OF_STOCK",
                                                 "partial_cancel_item_list": [entry]})


@CASES.case("v2.order.handle_buyer_cancellation")
def seller_rejects_the_buyers_request(world: World) -> Call:
    order_sn = place(world, paid=True)
    act(world, order_sn, "buyer_cancel")
    return Call(shop_id=world.outlet_id, params={"order_sn": order_sn, "operation": "REJECT"})


@CASES.case("v2.order.set_note")
def seller_notes_an_order(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={"order_sn": place(world), "note": "call before pickup"})


# Test shops lack the split permission, so the page's refusals are their answers (decisions: Orders)
def _split_request(world: World) -> dict[str, Any]:
    order_sn = place(world, quantity=2, paid=True)
    line = world.emulator.orders.get(order_sn)["items"][0]
    item = {"item_id": line["item_id"], "model_id": line["model_id"], "model_quantity": 1}
    return {"order_sn": order_sn, "package_list": [{"item_list": [item]}, {"item_list": [item]}]}


@CASES.case("v2.order.split_order", refusal=("order.order_cannot_split", e.CANNOT_SPLIT))
def split_without_the_permission(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params=_split_request(world))


@CASES.case("v2.order.unsplit_order", refusal=("order.order_cannot_undo_split", e.CANNOT_UNDO_SPLIT))
def unsplit_an_order_never_split(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={"order_sn": place(world, paid=True)})
