"""Seller income as get_income_overview and get_income_detail show it: released and pending.

    released   an escrow paid into the Outlet's wallet (ESCROW_VERIFIED_ADD/MINUS), at its release_time
    pending    a paid order not yet released and not cancelled: the escrow it would release as it stands;
               also a lost parcel whose compensation is still to be released

So the released total of an Outlet is what its wallet received for orders, and each released record
is the escrow_amount of get_escrow_detail. A Mart sees the sum of its Outlets in the overview; the
detail listing is per Outlet, as its page says.

Local shops only: the cross-border "to release" status does not exist here.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Iterable
from zoneinfo import ZoneInfo

from emulator.domains.order.lifecycle import CONFIRM_PERIOD
from emulator.domains.payment.errors import param
from emulator.domains.product.amounts import money, number

if TYPE_CHECKING:
    from emulator.domains.payment.models import PaymentModel

RELEASED, PENDING = 1, 2
STATUSES = (RELEASED, PENDING)
# awaiting payment, or over: neither is income on its way
NOT_PENDING = frozenset({"UNPAID", "CANCELLED", "COMPLETED"})
MAX_DAYS = 14
PAGE_SIZE_MAX = 100
DESCRIPTION = "Order Income"
STATUS_TEXT = {RELEASED: "The payment has been successfully transferred.", PENDING: "The payment will be released after the order is completed."}
STATUS_INVALID = (
    "The income_status provided is invalid or not applicable. Please use one of the supported values: 0 - To Release, "
    "1 - Released, 2 - Pending. Local shops do not have the “To Release” status."
)
RANGE_INVALID = (
    "release_time_from and/or release_time_to parameter is missing or invalid. Please provide both a valid start date and "
    "end date to query, where the start date cannot be later than the end date, and the date range must not exceed 14 days."
)
MART_BLOCKED = "Access blocked for Mart shops, please retrieve income details using Outlet Shop ID instead."
PARAMETER_INVALID = "parameter invalid"


def check_status(status: int | None, required: bool) -> None:
    if (status is None and required) or (status is not None and status not in STATUSES):
        raise param(STATUS_INVALID)


def released(payments: "PaymentModel", shop_id: int, time_from: int = 0, time_to: int = 2**62) -> list[dict[str, Any]]:
    """Released escrows of an Outlet in the window, newest release first."""
    return list(reversed(payments.released_between(shop_id, time_from, time_to)))


def pending(payments: "PaymentModel", shop_id: int) -> list[dict[str, Any]]:
    """(order, projected escrow) of an Outlet's orders on their way to release, newest order first."""
    orders = payments.emulator.orders
    found = []
    for _, order_sn in orders.index.newest_first(shop_id, "create_time", None, 0, 2**62, None):
        order = orders.find(order_sn)
        if order is None or payments.is_released(order_sn):
            continue
        if order["order_status"] in NOT_PENDING and payments.compensation_due(order_sn) is None:
            continue
        found.append(payments.escrow(order))
    return found


def _amount(escrow: dict[str, Any]) -> Decimal:
    return Decimal(escrow["income"]["escrow_amount"])


def _total(escrows: Iterable[dict[str, Any]]) -> float:
    return number(money(sum((_amount(e) for e in escrows), Decimal(0))))


def overview(payments: "PaymentModel", shop_id: int, status: int | None) -> dict[str, Any]:
    """The shop's (a Mart: its Outlets') released and pending totals, or the one asked for."""
    check_status(status, required=False)
    totals: dict[str, Any] = {}
    outlets = payments.covered_shops(shop_id)
    if status in (None, PENDING):
        totals["pending_amount"] = _total(e for sid in outlets for e in pending(payments, sid))
    if status in (None, RELEASED):
        totals["released_amount"] = _total(e for sid in outlets for e in released(payments, sid))
    return {"total_income": totals}


def release_window(date_from: str | None, date_to: str | None, timezone: str) -> tuple[int, int]:
    """The released-date range as unix times: from the start of date_from to the end of date_to, local time."""
    try:
        first = dt.date.fromisoformat(date_from or "")
        last = dt.date.fromisoformat(date_to or "")
    except ValueError:
        raise param(RANGE_INVALID) from None
    if not first < last or (last - first).days > MAX_DAYS:
        raise param(RANGE_INVALID)
    zone = ZoneInfo(timezone)
    start = dt.datetime.combine(first, dt.time(), tzinfo=zone)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    return int(start.timestamp()), int(end.timestamp()) - 1


def detail_page(
    payments: "PaymentModel", shop_id: int, status: int | None, date_from: str | None, date_to: str | None,
    cursor: str | None, page_size: int | None,
) -> dict[str, Any]:
    """One page of an Outlet's income records of one status."""
    check_status(status, required=True)
    if payments.emulator.shops.get(shop_id)["kind"] == "mart":
        raise param(MART_BLOCKED)
    if page_size is None or not 1 <= page_size <= PAGE_SIZE_MAX:
        raise param(PARAMETER_INVALID)
    offset = _offset(cursor)
    if status == RELEASED:
        time_from, time_to = release_window(date_from, date_to, payments.emulator.world.get("timezone", "UTC"))
        records = [_released_record(payments, e) for e in released(payments, shop_id, time_from, time_to)]
    else:
        records = [_pending_record(payments, e) for e in pending(payments, shop_id)]
    page = records[offset : offset + page_size]
    more = offset + page_size < len(records)
    return {"income_detail_list": {"list": page, "next_page": {"cursor": str(offset + page_size) if more else "",
                                                                 "page_size": page_size}}}


def _offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    if not cursor.isascii() or not cursor.isdigit() or len(cursor) > 9:
        raise param(PARAMETER_INVALID)
    return int(cursor)


def _record(payments: "PaymentModel", escrow: dict[str, Any]) -> dict[str, Any]:
    order = payments.emulator.orders.find(escrow["order_sn"]) or {}
    return {
        "payment_method": escrow["payment_method"],
        "order_sn": escrow["order_sn"],
        "description": DESCRIPTION,
        "currency": escrow["currency"],
        "estimated_escrow_amount": number(escrow["income"]["escrow_amount"]),
        "to_release_amount": 0,
        "creation_date": int(order.get("create_time", 0)),
    }


def _released_record(payments: "PaymentModel", escrow: dict[str, Any]) -> dict[str, Any]:
    return {
        **_record(payments, escrow),
        "status": STATUS_TEXT[RELEASED],
        "estimated_payout_time": escrow["release_time"],
        "released_amount": number(escrow["income"]["escrow_amount"]),
        "actual_payout_time": escrow["release_time"],
    }


def _pending_record(payments: "PaymentModel", escrow: dict[str, Any]) -> dict[str, Any]:
    order = payments.emulator.orders.find(escrow["order_sn"]) or {}
    # released when the buyer confirms, at the latest when the confirm period after delivery ends
    delivered = int(order.get("delivered_time") or 0)
    estimate = payments.compensation_due(escrow["order_sn"]) or (delivered or payments.emulator.clock.now()) + CONFIRM_PERIOD
    return {
        **_record(payments, escrow),
        "status": STATUS_TEXT[PENDING],
        "estimated_payout_time": estimate,
        "released_amount": 0,
        "actual_payout_time": 0,
    }
