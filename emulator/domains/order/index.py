"""Secondary indexes over the ``orders`` collection, kept current through ``store.watch``.

Per shop and per time field (create_time, update_time) a sorted list of ``(time, order_sn)``, one
for all statuses and one per status, so a time-window page is a bisect plus a slice: O(log n + page)
however many orders a shop holds. The index remembers what it filed each order under, so a
notification only needs the new document and replaying one is harmless.
"""
from __future__ import annotations

import bisect
from typing import Any, Iterator

ORDERS = "orders"
TIME_FIELDS = ("create_time", "update_time")
ALL = "*"
Key = tuple[int, str]


class OrderIndex:
    """Orders by shop, time field and status; package numbers to orders."""

    def __init__(self) -> None:
        self._lists: dict[tuple[int, str, str], list[Key]] = {}
        self._filed: dict[str, tuple[int, str, int, int]] = {}
        self.packages: dict[str, str] = {}

    def clear(self) -> None:
        self._lists.clear()
        self._filed.clear()
        self.packages.clear()

    def watcher(self, order_sn: str, old: dict[str, Any] | None, new: dict[str, Any] | None) -> None:
        self._unfile(order_sn)
        if new is not None:
            self._file(order_sn, new)

    def _file(self, order_sn: str, doc: dict[str, Any]) -> None:
        shop_id, status = int(doc["shop_id"]), doc["order_status"]
        times = (int(doc["create_time"]), int(doc["update_time"]))
        for field, value in zip(TIME_FIELDS, times):
            for bucket in (ALL, status):
                entries = self._lists.setdefault((shop_id, field, bucket), [])
                bisect.insort(entries, (value, order_sn))
        self._filed[order_sn] = (shop_id, status, *times)
        for package in doc.get("packages", ()):
            self.packages[package["package_number"]] = order_sn

    def _unfile(self, order_sn: str) -> None:
        filed = self._filed.pop(order_sn, None)
        if filed is None:
            return
        shop_id, status, *times = filed
        for field, value in zip(TIME_FIELDS, times):
            for bucket in (ALL, status):
                entries = self._lists.get((shop_id, field, bucket), [])
                at = bisect.bisect_left(entries, (value, order_sn))
                if at < len(entries) and entries[at] == (value, order_sn):
                    del entries[at]

    def newest_first(
        self, shop_id: int, field: str, status: str | None, time_from: int, time_to: int, after: Key | None
    ) -> Iterator[Key]:
        """Entries with time_from <= time <= time_to, newest first, strictly after cursor ``after``."""
        entries = self._lists.get((shop_id, field, status or ALL), [])
        upper: Key = (time_to, "\uffff") if after is None or after > (time_to, "\uffff") else after
        lower = bisect.bisect_left(entries, (time_from, ""))
        at = bisect.bisect_left(entries, upper) if after is not None and upper == after else bisect.bisect_right(entries, upper)
        while at > lower:
            at -= 1
            yield entries[at]

    def count(self, shop_id: int, status: str | None = None) -> int:
        return len(self._lists.get((shop_id, "create_time", status or ALL), []))

    def order_sns(self, shop_id: int, status: str) -> list[str]:
        """Every order of ``status`` in the shop, oldest first."""
        return [sn for _, sn in self._lists.get((shop_id, "create_time", status), [])]
