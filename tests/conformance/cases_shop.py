"""Conformance cases: the shop APIs (v2.shop.*)."""
from __future__ import annotations

from tests.conformance.cases import Call, Cases, World

CASES = Cases()
PENDING: dict[str, str] = {}


# a local ID/TH Instant Mart shop is neither SIP, cross-border nor linked to a direct shop
LOCAL = {
    "sip_affi_shops[]": "answered []: a local shop has no SIP affiliates",
    "linked_direct_shop_list[]": "answered []: a local shop is linked to no cross-border direct shop",
}


@CASES.case("v2.shop.get_shop_info", optional={**LOCAL, "mart_shop_id": "only for an Outlet"})
def mart(world: World) -> Call:
    return Call(shop_id=world.mart_id)


@CASES.case("v2.shop.get_shop_info", optional={**LOCAL, "outlet_shop_info_list": "only for a Mart"})
def outlet(world: World) -> Call:
    return Call(shop_id=world.outlet_id)


@CASES.case("v2.shop.get_profile", optional={"response.invoice_issuer": "BR CNPJ sellers only"})
def profile(world: World) -> Call:
    return Call(shop_id=world.mart_id)


@CASES.case("v2.shop.update_profile")
def rename(world: World) -> Call:
    return Call(shop_id=world.mart_id, params={"shop_name": "Mart Renamed"})


@CASES.case("v2.shop.get_shop_notification")
def notifications(world: World) -> Call:
    return Call(shop_id=world.mart_id)


@CASES.case("v2.shop.get_warehouse_detail")
def warehouse_outlet(world: World) -> Call:
    answer = world.http.post(f"/_emulator/shops/{world.mart_id}/structure", json={"structure": "warehouse"})
    assert answer.status_code == 200, answer.text
    return Call(shop_id=world.outlet_id, params={"warehouse_type": 1})


@CASES.case("v2.shop.get_warehouse_detail", refusal=("warehouse.error_not_in_whitelist", "Your shop is not in multi-warehouse whitelist."))
def normal_outlet(world: World) -> Call:
    return Call(shop_id=world.outlet_id)


@CASES.case("v2.shop.get_shop_info", optional={**LOCAL, "mart_shop_id": "only for an Outlet"})
def warehouse_mart(world: World) -> Call:
    world.http.post(f"/_emulator/shops/{world.mart_id}/structure", json={"structure": "warehouse"}).raise_for_status()
    return Call(shop_id=world.mart_id)


HOUR = 3600


def _period(world: World) -> dict[str, int]:
    start = (world.emulator.clock.now() // HOUR + 1) * HOUR
    return {"holiday_mode_start_time": start, "holiday_mode_end_time": start + 24 * HOUR - 1}


@CASES.case("v2.shop.get_shop_holiday_mode")
def holiday_ahead(world: World) -> Call:
    world.ok("v2.shop.set_shop_holiday_mode", world.outlet_id, holiday_mode_on=True, holiday_mode_type=1,
             holiday_mode_description="Spring Festival", **_period(world))
    return Call(shop_id=world.outlet_id)


@CASES.case("v2.shop.set_shop_holiday_mode")
def plan_a_holiday(world: World) -> Call:
    period = _period(world)
    return Call(shop_id=world.outlet_id, params={"holiday_mode_on": True, "holiday_mode_type": 0,
                                                 "holiday_mode_description": "Spring Festival", **period})
