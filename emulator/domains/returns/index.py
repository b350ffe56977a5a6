"""Returns by shop, time field and status, kept current through ``store.watch``.

Same shape as the order index: sorted ``(time, return_sn)`` lists per (shop, field, status), so a
time-window page is a bisect plus a slice however many returns a shop holds.
"""
from __future__ import annotations

import bisect
from typing import Any, Iterator

RETURNS = "returns"
TIME_FIELDS = ("create_time", "update_time")
ALL = "*"
Key = tuple[int, str]


class ReturnIndex:
    """Returns by shop, time field and status; open returns per order."""

    def __init__(self) -> None:
        self._lists: dict[tuple[int, str, str], list[Key]] = {}
        self._filed: dict[str, tuple[int, str, int, int, str]] = {}
        self.by_order: dict[str, list[str]] = {}

    def clear(self) -> None:
        self._lists.clear()
        self._filed.clear()
        self.by_order.clear()

    def watcher(self, return_sn: str, old: dict[str, Any] | None, new: dict[str, Any] | None) -> None:
        self._unfile(return_sn)
        if new is not None:
            self._file(return_sn, new)

    def _file(self, return_sn: str, doc: dict[str, Any]) -> None:
        shop_id, status = int(doc["shop_id"]), doc["status"]
        times = (int(doc["create_time"]), int(doc["update_time"]))
        for field, value in zip(TIME_FIELDS, times):
            for bucket in (ALL, status):
                bisect.insort(self._lists.setdefault((shop_id, field, bucket), []), (value, return_sn))
        self._filed[return_sn] = (shop_id, status, *times, doc["order_sn"])
        self.by_order.setdefault(doc["order_sn"], []).append(return_sn)

    def _unfile(self, return_sn: str) -> None:
        filed = self._filed.pop(return_sn, None)
        if filed is None:
            return
        shop_id, status, created, updated, order_sn = filed
        listed = self.by_order.get(order_sn, [])
        if return_sn in listed:
            listed.remove(return_sn)
        for field, value in zip(TIME_FIELDS, (created, updated)):
            for bucket in (ALL, status):
                entries = self._lists.get((shop_id, field, bucket), [])
                at = bisect.bisect_left(entries, (value, return_sn))
                if at < len(entries) and entries[at] == (value, return_sn):
                    del entries[at]

    def newest_first(
        self, shop_id: int, field: str, status: str | None, time_from: int, time_to: int, after: Key | None = None
    ) -> Iterator[str]:
        """return_sns with time_from <= time <= time_to, newest first, strictly after cursor ``after``."""
        entries = self._lists.get((shop_id, field, status or ALL), [])
        lower = bisect.bisect_left(entries, (time_from, ""))
        at = bisect.bisect_right(entries, (time_to, "\uffff"))
        if after is not None:
            at = min(at, bisect.bisect_left(entries, after))
        while at > lower:
            at -= 1
            yield entries[at][1]

    def count(self, shop_id: int, status: str | None = None) -> int:
        return len(self._lists.get((shop_id, "create_time", status or ALL), []))
