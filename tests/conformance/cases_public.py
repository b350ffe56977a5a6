"""Conformance cases: the public (partner-level and authorization) APIs (v2.public.*)."""
from __future__ import annotations

from tests.conformance.cases import Call, Cases, World

CASES = Cases()
PENDING: dict[str, str] = {}


@CASES.case("v2.public.get_access_token", values={"main_account_id": None}, no_fill={"main_account_id": "a code is for a shop or a main account, not both"})
def shop_code(world: World) -> Call:
    with world.emulator.transaction():
        code = world.emulator.auth.issue_code(world.partner_id, shop_id=world.outlet_id)
    return Call(params={"code": code, "partner_id": world.partner_id, "shop_id": world.outlet_id})


@CASES.case("v2.public.get_access_token", no_fill={"shop_id": "a code is for a shop or a main account, not both"})
def main_account_code(world: World) -> Call:
    account = world.emulator.auth.main_accounts()[0]["main_account_id"]
    with world.emulator.transaction():
        code = world.emulator.auth.issue_code(world.partner_id, main_account_id=account)
    return Call(params={"code": code, "partner_id": world.partner_id, "main_account_id": account})


def _refresh_token(world: World, shop_id: int) -> str:
    with world.emulator.transaction():
        return str(world.emulator.auth.ready_tokens(shop_id)["refresh_token"])


@CASES.case("v2.public.refresh_access_token", optional={
    name: "answered for a refresh of that identity only (the page's example of a shop refresh has none)"
    for name in ("merchant_id", "supplier_id", "user_id", "principal_id")
}, no_fill={"merchant_id": "a refresh is for a shop or a merchant", "user_id": "user tokens are not emulated", "principal_id": "principal tokens are not emulated", "supplier_id": "supplier tokens are not emulated"})
def shop_refresh(world: World) -> Call:
    token = _refresh_token(world, world.outlet_id)
    return Call(params={"refresh_token": token, "partner_id": world.partner_id, "shop_id": world.outlet_id})


@CASES.case("v2.public.get_shops_by_partner", optional={
    "authed_shop_list[].sip_affi_shop_list[]": "answered []: a local Instant Mart shop has no SIP affiliates",
})
def shops(world: World) -> Call:
    return Call(params={"page_no": 1, "page_size": 100})


@CASES.case("v2.public.get_merchants_by_partner", optional={
    "authed_merchant_list[]": "local ID/TH Instant Mart sellers have no merchant (merchants are CNSC/KRSC): the list is empty",
})
def merchants(world: World) -> Call:
    return Call(params={"page_no": 1, "page_size": 100})


@CASES.case("v2.public.get_shopee_ip_ranges")
def ip_ranges(world: World) -> Call:
    return Call()


@CASES.case("v2.public.get_token_by_resend_code")
def resend(world: World) -> Call:
    with world.emulator.transaction():
        code = world.emulator.auth.issue_resend_code(world.partner_id, world.outlet_id)
    return Call(params={"resend_code": code})
