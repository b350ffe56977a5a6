"""Conformance cases: the logistics APIs (v2.logistics.*)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from emulator.domains.logistics.pause import EFFECT_DELAY
from emulator.domains.logistics.errors import SELF_DESIGN_NOT_ALLOWED
from emulator.domains.product.media import solid_png
from tests.conformance.cases import Call, Cases, World
from tests.conformance.cases_order import act, arranged, package_number, pickup, place

CASES = Cases()
# APIs of this domain with no case yet; each case added removes its API from here.
PENDING: dict[str, str] = {}

PICKUP_ONLY = "Instant channels are pickup-only: info_needed lists pickup only (decisions: Documented fields)"
SHIPPING_OPTIONAL = {
    "response.info_needed.dropoff": PICKUP_ONLY,
    "response.info_needed.non_integrated": PICKUP_ONLY,
    "response.dropoff": PICKUP_ONLY,
}
NO_SIZES = "fee type SIZE_INPUT: size_list is for SIZE_SELECTION channels only"
NO_WAREHOUSES = "no Outlet is a multi-warehouse seller, so no warehouse is unsupported"
NO_FAILURE = "every package of the call succeeds"
RETURN_CODE = "only once a driver starts a return to the seller (decisions: Documented fields)"
NOT_CROSS_BORDER = "the cross-border return segment does not occur for a local Instant parcel"


def _order_list(order_sn: str) -> dict[str, Any]:
    return {"order_list": [{"order_sn": order_sn}]}


def _tracking(world: World, order_sn: str) -> str:
    return str(world.emulator.orders.get(order_sn)["packages"][0]["tracking_number"])


def _document_created(world: World) -> str:
    order_sn = arranged(world)
    world.ok("v2.logistics.create_shipping_document", world.outlet_id,
             order_list=[{"order_sn": order_sn, "tracking_number": _tracking(world, order_sn)}])
    world.emulator.advance(5)
    return order_sn


def _tomorrow(world: World) -> str:
    when = dt.datetime.fromtimestamp(world.emulator.clock.now(), dt.timezone(dt.timedelta(hours=7)))
    return (when + dt.timedelta(days=2)).strftime("%Y-%m-%d")


def _special_hours(world: World, name: str) -> dict[str, Any]:
    day = _tomorrow(world)
    return {"special_operating_hour": {
        "name": name, "start_date": day, "end_date": day,
        "operating_hours": [{"date": day, "start_time": "08:00", "end_time": "14:00", "enable": True}],
    }}


@CASES.case("v2.logistics.get_channel_list", optional={"response.logistics_channel_list[].size_list[]": NO_SIZES})
def outlet_channels(world: World) -> Call:
    return Call(shop_id=world.outlet_id)


@CASES.case("v2.logistics.get_channel_list", optional={"response.logistics_channel_list[].size_list[]": NO_SIZES})
def mart_channels(world: World) -> Call:
    return Call(shop_id=world.mart_id)


@CASES.case("v2.logistics.update_channel",
            optional={"response.updated_channels[].unsupport_warehouse[]": NO_WAREHOUSES})
def turn_off_a_paired_channel(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={"logistics_channel_id": 80054, "enabled": False,
                                                 "auto_call_driver_setting": {"auto_call_driver_enabled": False}})


@CASES.case("v2.logistics.update_channel",
            optional={"response.updated_channels[].unsupport_warehouse[]": NO_WAREHOUSES})
def call_drivers_automatically(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={"logistics_channel_id": 80044, "enabled": True,
                                                 "auto_call_driver_setting": {"auto_call_driver_enabled": True,
                                                                              "preparation_time": 15}})


@CASES.case("v2.logistics.get_pause_status")
def outlet_paused(world: World) -> Call:
    world.ok("v2.logistics.set_pause_status", world.outlet_id, is_paused=True)
    world.emulator.advance(EFFECT_DELAY)
    return Call(shop_id=world.outlet_id)


@CASES.case("v2.logistics.get_pause_status")
def outlet_taking_orders(world: World) -> Call:
    return Call(shop_id=world.outlet_id)


@CASES.case("v2.logistics.set_pause_status")
def pause_the_outlet(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={"is_paused": True})


@CASES.case("v2.logistics.get_address_list")
def outlet_addresses(world: World) -> Call:
    return Call(shop_id=world.outlet_id)


@CASES.case("v2.logistics.get_mart_packaging_info")
def packaging_fee_charged(world: World) -> Call:
    world.ok("v2.logistics.set_mart_packaging_info", world.outlet_id, enable=True,
             dimension={"length": 20, "width": 15, "height": 10}, packaging_fee={"value": 2000})
    return Call(shop_id=world.outlet_id)


@CASES.case("v2.logistics.set_mart_packaging_info")
def charge_a_packaging_fee(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={
        "enable": True, "dimension": {"length": 20, "width": 15, "height": 10}, "packaging_fee": {"value": 2000}})


@CASES.case("v2.logistics.get_operating_hours")
def outlet_hours_with_a_special_day(world: World) -> Call:
    world.ok("v2.logistics.update_operating_hours", world.outlet_id, **_special_hours(world, "Stock take"))
    # closed days are left out: open the pickup hours on every day the page lists
    days = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "public_holiday")
    every_day = {day: {"start_time": "08:00", "end_time": "17:00"} for day in days}
    world.ok("v2.logistics.update_operating_hours", world.outlet_id, regular_operating_hour=every_day)
    return Call(shop_id=world.outlet_id)


@CASES.case("v2.logistics.get_operating_hour_restrictions")
def outlet_hour_rules(world: World) -> Call:
    return Call(shop_id=world.outlet_id)


ONLY_GIVEN = "result_list reports the hour sets the request gives (decisions: Logistics set-up)"
WEEKLY_SETS = ("regular_operating_hour", "instant_operating_hour", "shop_collection_operating_hour")


@CASES.case("v2.logistics.update_operating_hours",
            optional={f"response.result_list.{name}": ONLY_GIVEN for name in WEEKLY_SETS})
def set_a_special_day(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params=_special_hours(world, "Stock take"))


@CASES.case("v2.logistics.update_operating_hours", optional={"response.result_list.special_operating_hour": ONLY_GIVEN})
def set_every_weekly_hour_set(world: World) -> Call:
    hours = world.ok("v2.logistics.get_operating_hours", world.outlet_id)
    return Call(shop_id=world.outlet_id, params={name: hours[name] for name in WEEKLY_SETS})


@CASES.case("v2.logistics.delete_special_operating_hour")
def remove_the_special_day(world: World) -> Call:
    world.ok("v2.logistics.update_operating_hours", world.outlet_id, **_special_hours(world, "Stock take"))
    return Call(shop_id=world.outlet_id, params={"name": "Stock take"})


@CASES.case("v2.logistics.get_shipping_parameter", optional=SHIPPING_OPTIONAL)
def paid_order_to_ship(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={"order_sn": place(world, paid=True)})


@CASES.case("v2.logistics.get_mass_shipping_parameter",
            optional={**SHIPPING_OPTIONAL, "response.fail_list[]": NO_FAILURE})
def packages_to_ship(world: World) -> Call:
    numbers = [package_number(world, place(world, paid=True)) for _ in range(2)]
    return Call(shop_id=world.outlet_id, params={"package_list": [{"package_number": n} for n in numbers]})


@CASES.case("v2.logistics.ship_order")
def arrange_pickup(world: World) -> Call:
    order_sn = place(world, paid=True)
    return Call(shop_id=world.outlet_id, params={"order_sn": order_sn, "pickup": pickup(world, order_sn)})


@CASES.case("v2.logistics.batch_ship_order",
            optional={"response.result_list[].fail_error": NO_FAILURE, "response.result_list[].fail_message": NO_FAILURE})
def arrange_two_pickups(world: World) -> Call:
    orders = [place(world, paid=True) for _ in range(2)]
    return Call(shop_id=world.outlet_id, params={"order_list": [{"order_sn": sn} for sn in orders],
                                                 "pickup": pickup(world, orders[0])})


@CASES.case("v2.logistics.mass_ship_order", optional={"response.fail_list[]": NO_FAILURE})
def mass_arrange_pickups(world: World) -> Call:
    orders = [place(world, paid=True) for _ in range(2)]
    return Call(shop_id=world.outlet_id, params={"package_list": [{"package_number": package_number(world, sn)} for sn in orders],
                                                 "pickup": pickup(world, orders[0])})


@CASES.case("v2.logistics.update_shipping_order")
def rearrange_after_a_failed_pickup(world: World) -> Call:
    order_sn = arranged(world)
    act(world, order_sn, "fail_pickup")
    world.emulator.advance(1800)
    return Call(shop_id=world.outlet_id, params={"order_sn": order_sn, "pickup": pickup(world, order_sn)})


@CASES.case("v2.logistics.get_tracking_number")
def tracking_number_of_an_arranged_order(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={
        "order_sn": arranged(world), "response_optional_fields": "plp_number,first_mile_tracking_number,last_mile_tracking_number"})


@CASES.case("v2.logistics.get_mass_tracking_number", optional={"response.fail_list[]": NO_FAILURE})
def tracking_numbers_of_arranged_packages(world: World) -> Call:
    numbers = [package_number(world, arranged(world)) for _ in range(2)]
    return Call(shop_id=world.outlet_id, params={
        "package_list": [{"package_number": n} for n in numbers],
        "response_optional_fields": "plp_number,first_mile_tracking_number,last_mile_tracking_number"})


@CASES.case("v2.logistics.get_tracking_info", optional={
    "response.tracking_info[].return_code": RETURN_CODE, "response.reversed_tracking_info[]": NOT_CROSS_BORDER})
def delivered_parcel_history(world: World) -> Call:
    order_sn = arranged(world)
    act(world, order_sn, "pickup", "deliver")
    return Call(shop_id=world.outlet_id, params={"order_sn": order_sn})


@CASES.case("v2.logistics.get_tracking_info", optional={
    "response.tracking_info[].return_code": "only on the step where the rider starts the return",
    "response.reversed_tracking_info[]": NOT_CROSS_BORDER})
def parcel_returning_to_the_outlet(world: World) -> Call:
    order_sn = arranged(world)
    act(world, order_sn, "pickup", "fail_delivery")
    return Call(shop_id=world.outlet_id, params={"order_sn": order_sn})


DOCUMENT_OPTIONAL = {"response.result_list[].fail_error": NO_FAILURE, "response.result_list[].fail_message": NO_FAILURE}


@CASES.case("v2.logistics.get_shipping_document_parameter", optional=DOCUMENT_OPTIONAL)
def airway_bill_choices(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params=_order_list(arranged(world)))


@CASES.case("v2.logistics.create_shipping_document", optional=DOCUMENT_OPTIONAL)
def create_airway_bill(world: World) -> Call:
    order_sn = arranged(world)
    return Call(shop_id=world.outlet_id, params={"order_list": [
        {"order_sn": order_sn, "tracking_number": _tracking(world, order_sn), "shipping_document_type": "THERMAL_AIR_WAYBILL"}]})


@CASES.case("v2.logistics.get_shipping_document_result", optional=DOCUMENT_OPTIONAL)
def airway_bill_ready(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params=_order_list(_document_created(world)))


@CASES.case("v2.logistics.download_shipping_document", optional={"waybill": "the answer is the PDF itself, not JSON"})
def download_airway_bill(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params=_order_list(_document_created(world)))


def _job(world: World, wait: bool = True) -> str:
    numbers = [package_number(world, arranged(world)) for _ in range(2)]
    job = world.ok("v2.logistics.create_shipping_document_job", world.outlet_id,
                   shipping_document_type="THERMAL_AIR_WAYBILL", package_list=numbers)
    if wait:
        world.emulator.advance(5)
    return str(job["job_id"])


@CASES.case("v2.logistics.create_shipping_document_job",
            optional={"response.fail_list[]": NO_FAILURE},
            no_fill={"unpackaged_sku_requests": "given with package_list, the call is refused (one or the other)"},
            values={"shipping_document_type": "THERMAL_AIR_WAYBILL"})
def print_labels_of_two_packages(world: World) -> Call:
    numbers = [package_number(world, arranged(world)) for _ in range(2)]
    return Call(shop_id=world.outlet_id, params={"shipping_document_type": "THERMAL_AIR_WAYBILL", "package_list": numbers})


@CASES.case("v2.logistics.create_shipping_document_job",
            optional={"response.fail_list[]": NO_FAILURE},
            no_fill={"unpackaged_sku_requests": "given with package_list, the call is refused (one or the other)"})
def print_labels_with_one_unknown_package(world: World) -> Call:
    number = package_number(world, arranged(world))
    return Call(shop_id=world.outlet_id, params={"shipping_document_type": "NORMAL_AIR_WAYBILL",
                                                 "package_list": [number, "OFG000NOSUCH"]})


@CASES.case("v2.logistics.get_shipping_document_job_status")
def job_ready(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={"job_id": _job(world)})


@CASES.case("v2.logistics.download_shipping_document_job", optional={"file": "the answer is the PDF itself, not JSON"})
def download_job_labels(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={"job_id": _job(world)})


# Instant packages allow no self-designed airway bill (decisions: Orders and fulfilment)
@CASES.case("v2.logistics.get_shipping_document_data_info", refusal=("error_param", SELF_DESIGN_NOT_ALLOWED))
def self_designed_airway_bill(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={"order_sn": arranged(world)})


def _address_ids(world: World) -> tuple[int, int]:
    """The Outlet's seeded address (every role) and a new one with none."""
    seeded = world.emulator.logistics.address_list(world.outlet_id)["address_list"][0]["address_id"]
    answer = world.http.post(f"/_emulator/shops/{world.outlet_id}/addresses", json={"address": "Jl. Melati 7", "city": "Depok"})
    assert answer.status_code == 200, answer.text
    return int(seeded), int(answer.json()["address_id"])


@CASES.case("v2.logistics.update_address", values={"region": "ID", "geo_info": ""})
def outlet_updates_its_address(world: World) -> Call:
    seeded, _ = _address_ids(world)
    return Call(shop_id=world.outlet_id, params={"address_id": seeded, "region": "ID", "city": "Bogor", "zipcode": "16111",
                                                 "geo_info": '{"region": {"latitude": -6.6, "longitude": 106.8}}'})


@CASES.case("v2.logistics.delete_address")
def outlet_deletes_an_address_without_a_role(world: World) -> Call:
    _, added = _address_ids(world)
    return Call(shop_id=world.outlet_id, params={"address_id": added})


@CASES.case("v2.logistics.set_address_config")
def outlet_moves_its_return_address(world: World) -> Call:
    _, added = _address_ids(world)
    return Call(shop_id=world.outlet_id, params={"show_pickup_address": True,
                                                 "address_type_config": {"address_id": added, "address_type": ["RETURN_ADDRESS"]}})


def _collected_at_outlet(world: World) -> str:
    """A paid order its buyer collects at the Outlet, as package_number."""
    return package_number(world, place(world, paid=True, self_collection=True))


@CASES.case("v2.logistics.update_self_collection_order_logistics")
def parcel_ready_at_the_counter(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={
        "package_number": _collected_at_outlet(world), "self_collection_logistics_action": "ready_for_collection"})


@CASES.case("v2.logistics.update_self_collection_order_logistics")
def buyer_took_the_parcel(world: World) -> Call:
    number = _collected_at_outlet(world)
    world.ok("v2.logistics.update_self_collection_order_logistics", world.outlet_id,
             package_number=number, self_collection_logistics_action="ready_for_collection")
    method, path, query = world.client.signed_query("v2.media_space.upload_image", None)
    photo = world.http.post(path, params=query, files=[("image", ("proof.png", solid_png((20, 20, 20)), "image/png"))]).json()
    proof = [str(photo["response"]["image_info"]["image_id"])]
    return Call(shop_id=world.outlet_id, params={
        "package_number": number, "self_collection_logistics_action": "order_collected", "epoc_image_list": proof})
