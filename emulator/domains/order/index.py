"""Secondary indexes over the ``orders`` collection, kept current through ``store.watch``.

Per shop and per time field (create_time, update_time) a sorted list of ``(time, order_sn)``, one
for all statuses and one per status, so a time-window page is a bisect plus a walk of the page:
O(log n + page) however many orders a shop holds. The lists are ``SortedList``s: an order leaving
a status is removed in O(log n), where a plain list moved every later entry (a 30-day clock jump
over 100,000 unpaid orders removed each from the front of 100,000-entry lists). The index
remembers what it filed each order under, so a notification only needs the new document and
replaying one is harmless.
"""
from __future__ import annotations

from typing import Any, Iterator

from sortedcontainers import SortedList

ORDERS = "orders"
TIME_FIELDS = ("create_time", "update_time")
ALL = "*"
Key = tuple[int, str]
Place = tuple[int, str, str]


class OrderIndex:
    """Orders by shop, time field and status; package numbers to orders."""

    def __init__(self) -> None:
        self._lists: dict[Place, SortedList[tuple[int, str]]] = {}
        self._filed: dict[str, tuple[int, str, int, int]] = {}
        self.packages: dict[str, str] = {}

    def clear(self) -> None:
        self._lists.clear()
        self._filed.clear()
        self.packages.clear()

    def watcher(self, order_sn: str, old: dict[str, Any] | None, new: dict[str, Any] | None) -> None:
        before = self._places(self._filed.pop(order_sn, None))
        after: set[tuple[Place, int]] = set()
        if new is not None:
            filed = (int(new["shop_id"]), new["order_status"], int(new["create_time"]), int(new["update_time"]))
            self._filed[order_sn] = filed
            after = self._places(filed)
            for package in new.get("packages", ()):
                self.packages[package["package_number"]] = order_sn
        # Only the lists whose entry changed are touched: a status change leaves the shop's
        # all-orders list by create time (the longest) alone, a note edit every list.
        for place, value in before - after:
            entries = self._lists.get(place)
            if entries is not None:
                entries.discard((value, order_sn))
        for place, value in after - before:
            entries = self._lists.get(place)
            if entries is None:
                entries = self._lists[place] = SortedList()
            entries.add((value, order_sn))

    @staticmethod
    def _places(filed: tuple[int, str, int, int] | None) -> set[tuple[Place, int]]:
        """The (list, time) pairs an order is filed under."""
        if filed is None:
            return set()
        shop_id, status, *times = filed
        return {((shop_id, field, bucket), value) for field, value in zip(TIME_FIELDS, times) for bucket in (ALL, status)}

    def newest_first(
        self, shop_id: int, field: str, status: str | None, time_from: int, time_to: int, after: Key | None
    ) -> Iterator[Key]:
        """Entries with time_from <= time <= time_to, newest first, strictly after cursor ``after``."""
        entries = self._lists.get((shop_id, field, status or ALL))
        if not entries:
            return iter(())
        top: Key = (time_to, "\uffff")
        if after is None or after > top:
            return entries.irange((time_from, ""), top, inclusive=(True, True), reverse=True)
        return entries.irange((time_from, ""), after, inclusive=(True, False), reverse=True)

    def count(self, shop_id: int, status: str | None = None) -> int:
        return len(self._lists.get((shop_id, "create_time", status or ALL), ()))

    def order_sns(self, shop_id: int, status: str) -> list[str]:
        """Every order of ``status`` in the shop, oldest first."""
        return [sn for _, sn in self._lists.get((shop_id, "create_time", status), ())]
