"""Conformance cases: the payment APIs (v2.payment.*).

Cross-border (SIP affiliate) amounts and BR-only breakdowns are optional, as docs/decisions.md
("Payment") records: the escrow of a local ID Instant Mart order does not display them.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from tests.conformance.cases import Call, Cases, World

CASES = Cases()
PENDING: dict[str, str] = {}

DAY = 86400
CROSS_BORDER = (
    "escrow_amount_pri", "buyer_total_amount_pri", "original_price_pri", "seller_return_refund_pri", "commission_fee_pri",
    "service_fee_pri", "drc_adjustable_refund_pri", "pri_currency", "aff_currency", "exchange_rate", "sip_subsidy", "sip_subsidy_pri",
)
BR_ONLY = ("net_commission_fee", "net_service_fee", "net_commission_fee_info_list", "net_service_fee_info_list",
           "seller_product_rebate", "remaining_voucher")


def _escrow_optional(prefix: str) -> dict[str, str]:
    income = f"{prefix}.order_income"
    return {
        **{f"{income}.{name}": "cross-border SIP affiliate shops only" for name in CROSS_BORDER},
        f"{income}.items[].original_price_pri": "cross-border SIP affiliate shops only",
        **{f"{income}.{name}": "BR local sellers only" for name in BR_ONLY},
        f"{income}.items[].is_kit": "BR local sellers only", f"{income}.items[].kit_items": "BR local sellers only",
    }


def _completed_order(world: World, quantity: int = 3) -> str:
    outlet = world.outlet_id
    item = next(d for d in world.emulator.products.items_of_shop(outlet) if d["item_status"] == "NORMAL")
    order = world.emulator.orders.create(outlet, [{"item_id": item["item_id"], "model_id": item["models"][0]["model_id"], "quantity": quantity}], paid=True)
    for action in ("ship", "pickup", "deliver", "confirm_receipt"):
        world.emulator.orders.act(order["order_sn"], action)
    return str(order["order_sn"])


def _refunded_after_completion(world: World) -> str:
    """A completed order, then a one-unit refund accepted: order_adjustment, ADJUSTMENT_MINUS."""
    order_sn = _completed_order(world)
    line = world.emulator.orders.get(order_sn)["items"][0]
    answer = world.http.post("/_emulator/returns", json={"order_sn": order_sn, "reason": "NOT_RECEIPT",
                                                         "items": [{"item_id": line["item_id"], "model_id": line["model_id"], "quantity": 1}]})
    assert answer.status_code == 200, answer.text
    world.ok("v2.returns.confirm", world.outlet_id, return_sn=answer.json()["return_sn"])
    return order_sn


def _document(world: World, api: str, **params: Any) -> int:
    document_id = int(world.ok(api, world.mart_id, **params)["id"])
    world.emulator.advance(60)
    return document_id


def _week(world: World) -> dict[str, int]:
    monday = 1767546000  # 2026-01-05 00:00 WIB, the Monday the default world starts on
    return {"release_time_from": monday, "release_time_to": monday + 7 * DAY - 1, "statement_type": 1}


@CASES.case("v2.payment.get_escrow_detail", optional={
    **_escrow_optional("response"), "response.order_income.order_adjustment": "only once the order has an adjustment"})
def completed_order(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={"order_sn": _completed_order(world)})


@CASES.case("v2.payment.get_escrow_detail", optional=_escrow_optional("response"))
def refunded_after_completion(world: World) -> Call:
    return Call(shop_id=world.mart_id, params={"order_sn": _refunded_after_completion(world)})


@CASES.case("v2.payment.get_escrow_detail_batch", optional={
    **_escrow_optional("response[].escrow_detail"),
    "response[].escrow_detail.order_income.order_adjustment": "only once the order has an adjustment (the first order has one)"})
def completed_and_refunded(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={"order_sn_list": [_refunded_after_completion(world), _completed_order(world)]})


@CASES.case("v2.payment.get_escrow_list", values={"page_size": 40, "page_no": 1})
def released_escrows(world: World) -> Call:
    _completed_order(world)
    return Call(shop_id=world.mart_id, params={"release_time_from": 0, "release_time_to": world.emulator.clock.now(), "page_size": 40})


@CASES.case("v2.payment.get_wallet_transaction_list", optional={
    "response.transaction_list[].pay_order_list": "wallet payments only (orders paid from the seller wallet), which Outlets do not make",
}, values={"page_no": 0, "page_size": 100}, no_fill={"create_time_from": "the whole history", "create_time_to": "the whole history",
                                                     "transaction_type": "every type", "money_flow": "both flows",
                                                     "transaction_tab_type": "every tab", "wallet_type": "one wallet"})
def mart_wallet_with_an_adjustment(world: World) -> Call:
    _refunded_after_completion(world)
    return Call(shop_id=world.mart_id, params={"page_no": 0, "page_size": 100})


@CASES.case("v2.payment.generate_income_report")
def mart_report(world: World) -> Call:
    return Call(shop_id=world.mart_id, params={"release_time_from": 1, "release_time_to": world.emulator.clock.now()})


@CASES.case("v2.payment.get_income_report")
def mart_report_ready(world: World) -> Call:
    report_id = _document(world, "v2.payment.generate_income_report", release_time_from=1, release_time_to=world.emulator.clock.now())
    return Call(shop_id=world.mart_id, params={"income_report_id": report_id})


@CASES.case("v2.payment.generate_income_statement", values={"statement_type": 1})
def mart_weekly_statement(world: World) -> Call:
    return Call(shop_id=world.mart_id, params=_week(world))


@CASES.case("v2.payment.get_income_statement")
def mart_statement_ready(world: World) -> Call:
    statement_id = _document(world, "v2.payment.generate_income_statement", **_week(world))
    return Call(shop_id=world.mart_id, params={"income_statement_id": statement_id})


@CASES.case("v2.payment.get_payment_method_list")
def payment_methods(world: World) -> Call:
    return Call()


# Cross-border-only APIs: their pages document this refusal, which every Instant Mart shop (local) gets.
CROSS_BORDER_ONLY = ("error_param", "This payment API is only applicable for cross boarder shop")


@CASES.case("v2.payment.get_payout_detail", refusal=CROSS_BORDER_ONLY)
def local_outlet_payouts(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={"payout_time_from": 1, "payout_time_to": world.emulator.clock.now(),
                                                 "page_size": 10, "page_no": 1})


@CASES.case("v2.payment.get_payout_info", refusal=CROSS_BORDER_ONLY)
def local_outlet_payout_info(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={"payout_time_from": 1, "payout_time_to": world.emulator.clock.now(),
                                                 "page_size": 10, "cursor": ""})


@CASES.case("v2.payment.get_billing_transaction_info", refusal=CROSS_BORDER_ONLY)
def local_outlet_billing(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={"billing_transaction_info_type": 1, "page_size": 10, "cursor": ""})


@CASES.case("v2.payment.get_income_overview", optional={
    "response.latest_payout_date": "CN sellers only",
    "response.total_income.to_release_amount": "cross-border sellers only: a local shop has no To Release status",
})
def mart_income_overview(world: World) -> Call:
    _completed_order(world)
    return Call(shop_id=world.mart_id)


@CASES.case("v2.payment.get_income_detail", optional={
    "income_detail_list.income_detail_list_item": "the records are answered as the list `list`, as the page's example shows",
}, values={"cursor": "", "page_size": 30})
def outlet_released_income(world: World) -> Call:
    _completed_order(world)
    now = world.emulator.clock.now()
    first, last = (dt.datetime.fromtimestamp(t, dt.UTC).date().isoformat() for t in (now - 2 * 86400, now + 86400))
    return Call(shop_id=world.outlet_id, params={"income_status": 1, "date_from": first, "date_to": last, "page_size": 30})


@CASES.case("v2.payment.get_income_overview", values={"income_status": 2}, optional={
    "response.latest_payout_date": "CN sellers only",
    "response.total_income.to_release_amount": "cross-border sellers only: a local shop has no To Release status",
    "response.total_income.released_amount": "asked for pending income only",
})
def outlet_pending_income(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={"income_status": 2})


@CASES.case("v2.payment.get_income_detail", values={"cursor": "", "page_size": 30}, refusal=(
    "error_param", "Access blocked for Mart shops, please retrieve income details using Outlet Shop ID instead."))
def mart_income_detail(world: World) -> Call:
    return Call(shop_id=world.mart_id, params={"income_status": 2, "date_from": "2026-01-01", "date_to": "2026-01-05", "page_size": 30})
