"""get_income_overview and get_income_detail: released and pending income that reconciles with the
escrows and the wallet, a Mart's overview summing its Outlets, the detail listing per Outlet."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from emulator.world import Emulator
from tests.conftest import ok
from tests.domains.order_helpers import act
from tests.domains.payment_helpers import completed_order, delivered_order, escrow, wallet_list

OVERVIEW = "v2.payment.get_income_overview"
DETAIL = "v2.payment.get_income_detail"
MART_BLOCKED = "Access blocked for Mart shops, please retrieve income details using Outlet Shop ID instead."
RANGE = (
    "release_time_from and/or release_time_to parameter is missing or invalid. Please provide both a valid start date and "
    "end date to query, where the start date cannot be later than the end date, and the date range must not exceed 14 days."
)


def overview(shopee_client: Any, shop_id: int, **params: Any) -> dict[str, Decimal]:
    totals = ok(shopee_client.call(OVERVIEW, shop_id=shop_id, params=params))["total_income"]
    return {name: Decimal(str(value)) for name, value in totals.items()}


def local_day(shopee: Emulator, offset_days: int = 0) -> str:
    now = dt.datetime.fromtimestamp(shopee.clock.now(), ZoneInfo(shopee.world["timezone"]))
    return (now.date() + dt.timedelta(days=offset_days)).isoformat()


def every_record(shopee_client: Any, shop_id: int, status: int, date_from: str, date_to: str, page_size: int = 7) -> list[dict[str, Any]]:
    records, cursor = [], ""
    while True:
        params = {"income_status": status, "date_from": date_from, "date_to": date_to, "page_size": page_size, "cursor": cursor}
        page = shopee_client.call(DETAIL, shop_id=shop_id, params=params)["income_detail_list"]
        records += page["list"]
        cursor = page["next_page"]["cursor"]
        if not cursor:
            return records


def released_in_wallet(shopee_client: Any, shop_id: int) -> Decimal:
    listed = wallet_list(shopee_client, shop_id, page_size=100)["transaction_list"]
    return sum((Decimal(str(t["amount"])) for t in listed if t["transaction_type"].startswith("ESCROW_VERIFIED")), Decimal(0))


def test_overview_reconciles_with_wallet_and_escrows_and_a_mart_sums_its_outlets(
    shopee: Emulator, shopee_client: Any, mart_id: int, outlet_ids: list[int]
) -> None:
    per_outlet = [overview(shopee_client, sid) for sid in outlet_ids]
    mart = overview(shopee_client, mart_id)
    for name in ("pending_amount", "released_amount"):
        assert mart[name] == sum((o[name] for o in per_outlet), Decimal(0))
    for shop_id, totals in zip(outlet_ids, per_outlet):
        assert totals["released_amount"] == released_in_wallet(shopee_client, shop_id)
        pending = every_record(shopee_client, shop_id, 2, local_day(shopee, -1), local_day(shopee))
        escrows = [Decimal(str(escrow(shopee_client, shop_id, r["order_sn"])["order_income"]["escrow_amount"])) for r in pending]
        assert [Decimal(str(r["estimated_escrow_amount"])) for r in pending] == escrows
        assert totals["pending_amount"] == sum(escrows, Decimal(0))


def test_completing_an_order_moves_its_escrow_from_pending_to_released(
    shopee: Emulator, shopee_http: Any, shopee_client: Any, mart_id: int, outlet_id: int
) -> None:
    order_sn = delivered_order(shopee, shopee_http, outlet_id)
    amount = Decimal(str(escrow(shopee_client, outlet_id, order_sn)["order_income"]["escrow_amount"]))
    before = overview(shopee_client, mart_id)
    shopee.advance(60)
    act(shopee_http, order_sn, "confirm_receipt")
    after = overview(shopee_client, mart_id)
    assert (before["pending_amount"] - after["pending_amount"], after["released_amount"] - before["released_amount"]) == (amount, amount)
    assert overview(shopee_client, mart_id, income_status=1) == {"released_amount": after["released_amount"]}
    assert overview(shopee_client, mart_id, income_status=2) == {"pending_amount": after["pending_amount"]}


def test_detail_lists_the_released_order_by_release_date_across_pages(
    shopee: Emulator, shopee_http: Any, shopee_client: Any, outlet_id: int
) -> None:
    order_sns = [completed_order(shopee, shopee_http, outlet_id, quantity=q) for q in (1, 2, 3)]
    records = every_record(shopee_client, outlet_id, 1, local_day(shopee, -13), local_day(shopee), page_size=2)
    assert len({r["order_sn"] for r in records}) == len(records)
    found = {r["order_sn"]: r for r in records}
    for order_sn in order_sns:
        released = escrow(shopee_client, outlet_id, order_sn)
        record = found[order_sn]
        assert Decimal(str(record["released_amount"])) == Decimal(str(released["order_income"]["escrow_amount"]))
        assert record["actual_payout_time"] == shopee.payments.escrow(shopee.orders.get(order_sn))["release_time"]
    window = every_record(shopee_client, outlet_id, 1, local_day(shopee, -13), local_day(shopee))
    assert sum((Decimal(str(r["released_amount"])) for r in window), Decimal(0)) <= overview(shopee_client, outlet_id)["released_amount"]
    tomorrow = every_record(shopee_client, outlet_id, 1, local_day(shopee, 1), local_day(shopee, 2))
    assert tomorrow == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"income_status": 0}, "The income_status provided is invalid or not applicable."),
        ({"income_status": 1, "date_from": "2026-01-01", "date_to": "2026-01-16"}, RANGE),
        ({"income_status": 1, "date_from": "2026-01-05", "date_to": "2026-01-05"}, RANGE),
        ({"income_status": 1, "date_from": "05/01/2026", "date_to": "2026-01-06"}, RANGE),
        ({"income_status": 2, "page_size": 0}, "parameter invalid"),
        ({"income_status": 2, "cursor": "next"}, "parameter invalid"),
    ],
)
def test_detail_refusals(shopee_client: Any, outlet_id: int, params: dict[str, Any], message: str) -> None:
    query = {"date_from": "2026-01-01", "date_to": "2026-01-05", "page_size": 10, **params}
    answer = shopee_client.call(DETAIL, shop_id=outlet_id, params=query)
    assert answer["error"] == "error_param" and answer["message"].startswith(message)


def test_detail_is_refused_to_a_mart_and_overview_to_a_cross_border_status(shopee_client: Any, mart_id: int) -> None:
    query = {"income_status": 1, "date_from": "2026-01-01", "date_to": "2026-01-05", "page_size": 10}
    assert shopee_client.call(DETAIL, shop_id=mart_id, params=query)["message"] == MART_BLOCKED
    assert shopee_client.call(OVERVIEW, shop_id=mart_id, params={"income_status": 0})["error"] == "error_param"
