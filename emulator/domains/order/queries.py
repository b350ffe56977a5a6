"""The paged order and package lists, served from the order index in O(log n + page).

get_order_list cursors are keyset positions (``<time>_<order_sn>`` of the last order returned), so
paging stays exact while orders keep changing; get_shipment_list and search_package_list use offsets.
"""
from __future__ import annotations

from itertools import islice
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from emulator.domains.order import errors as e
from emulator.domains.order.index import ORDERS, TIME_FIELDS
from emulator.domains.order.states import ORDER_STATUSES
from emulator.domains.order.package_views import search_entry
from emulator.domains.order.views import list_entries
from emulator.errors import wrong_parameters

if TYPE_CHECKING:
    from emulator.domains.order.models import OrderModel
    from emulator.spec.requests import V2OrderSearchPackageListRequest

MAX_WINDOW = 15 * 24 * 3600
PAGE_MIN, PAGE_MAX = 1, 100
LIST_STATUSES = (*ORDER_STATUSES, "INVOICE_PENDING")
PACKAGE_STATUSES = {
    0: ("LOGISTICS_NOT_START", "LOGISTICS_READY", "LOGISTICS_PICKUP_RETRY", "LOGISTICS_REQUEST_CREATED"),
    1: ("LOGISTICS_NOT_START",),
    2: ("LOGISTICS_READY", "LOGISTICS_PICKUP_RETRY"),
    3: ("LOGISTICS_REQUEST_CREATED",),
}
UNSHIPPED = ("UNPAID", "READY_TO_SHIP", "RETRY_SHIP", "PROCESSED", "IN_CANCEL")
TO_SHIP = ("READY_TO_SHIP", "RETRY_SHIP")
_ORDER_SN = itemgetter(1)  # of an index entry (time, order_sn)


def blank(cursor: str | None) -> bool:
    # The reference's own example sends the two characters "" for an empty cursor.
    return cursor is None or cursor.strip() in ("", '""', "''")


def check_page_size(page_size: int) -> None:
    if not PAGE_MIN <= page_size <= PAGE_MAX:
        raise wrong_parameters(f"page_size should be between {PAGE_MIN} and {PAGE_MAX}")


def offset_of(cursor: str | None) -> int:
    if blank(cursor):
        return 0
    assert cursor is not None
    if not (cursor.strip().isascii() and cursor.strip().isdigit()) or len(cursor.strip()) > 19:
        raise wrong_parameters("cursor is invalid")
    return int(cursor)


def _keyset(cursor: str | None) -> tuple[int, str] | None:
    if blank(cursor):
        return None
    assert cursor is not None
    time_part, _, order_sn = cursor.strip().partition("_")
    if not (time_part.isascii() and time_part.isdigit()) or len(time_part) > 19 or not order_sn:
        raise wrong_parameters("cursor is invalid")
    return int(time_part), order_sn


def order_list(
    orders: "OrderModel", shop_id: int, time_range_field: str, time_from: int, time_to: int, page_size: int,
    cursor: str | None, order_status: str | None, optional: set[str],
) -> dict[str, Any]:
    if time_range_field not in TIME_FIELDS:
        raise wrong_parameters("time_range_field should be create_time or update_time")
    if time_from > time_to or time_to - time_from > MAX_WINDOW:
        raise e.OrderError(e.INVALID_TIME, error="order.order_list_invalid_time")
    check_page_size(page_size)
    if order_status and order_status not in LIST_STATUSES:
        raise wrong_parameters(f"order_status {order_status} is invalid")
    after = _keyset(cursor)
    window = orders.index.newest_first(shop_id, time_range_field, order_status or None, time_from, time_to, after)
    page: list[tuple[int, str]] = list(islice(window, page_size + 1))  # one past the page: are there more?
    more = len(page) > page_size
    del page[page_size:]
    with_status = "order_status" in optional
    index = orders.index
    # a transaction that has written reads its own orders: kept entries show them only at commit
    kept = None if orders.store.changing else index.listed[with_status]
    return {
        "more": more,
        "next_cursor": f"{page[-1][0]}_{page[-1][1]}" if more else "",
        "order_list": list_entries(orders.store.collection(ORDERS), list(map(_ORDER_SN, page)), with_status, kept),
    }


def shipment_list(orders: "OrderModel", shop_id: int, page_size: int, cursor: str | None) -> dict[str, Any]:
    """Orders waiting for the seller to arrange shipment, oldest first."""
    check_page_size(page_size)
    start = offset_of(cursor)
    order_sns: list[str] = []
    for status in TO_SHIP:
        order_sns += orders.index.order_sns(shop_id, status)
    page = order_sns[start : start + page_size]
    more = start + page_size < len(order_sns)
    return {
        "order_list": [{"order_sn": sn, "package_number": orders.get(sn)["packages"][0]["package_number"]} for sn in page],
        "more": more,
        "next_cursor": str(start + page_size) if more else "",
    }


def package_list(orders: "OrderModel", shop_id: int, req: V2OrderSearchPackageListRequest) -> dict[str, Any]:
    """search_package_list: unshipped packages filtered, sorted and paged."""
    filters, pagination, sort = req.filter, req.pagination, req.sort
    status = 2 if filters is None or filters.package_status is None else filters.package_status
    if status not in PACKAGE_STATUSES:
        raise wrong_parameters("package_status should be 0, 1, 2 or 3")
    check_page_size(pagination.page_size)
    channels = set(filters.logistics_channel_ids or []) if filters is not None else set()
    sort_type = (sort.sort_type if sort is not None and sort.sort_type is not None else 1)
    if sort_type not in (1, 2, 3):
        raise wrong_parameters("sort_type should be 1, 2 or 3")
    ascending = True if sort is None or sort.ascending is None else bool(sort.ascending)
    found = []
    for order_status in UNSHIPPED:
        for sn in orders.index.order_sns(shop_id, order_status):
            doc = orders.get(sn)
            if doc["packages"][0]["logistics_status"] in PACKAGE_STATUSES[status] and (not channels or doc["logistics_channel_id"] in channels):
                found.append(doc)
    key = {1: "ship_by_date", 2: "create_time", 3: "pay_time"}[sort_type]
    found.sort(key=lambda d: (d[key], d["order_sn"]), reverse=not ascending)
    start = offset_of(pagination.cursor)
    page = found[start : start + pagination.page_size]
    more = start + pagination.page_size < len(found)
    return {
        "packages_list": [search_entry(d) for d in page],
        "pagination": {"total_count": len(found), "next_cursor": str(start + pagination.page_size) if more else "", "more": more},
        "sort": {"sort_type": sort_type, "is_asc": ascending},
    }
