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
