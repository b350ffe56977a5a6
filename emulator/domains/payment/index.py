"""Time-ordered secondary indexes over released escrows and wallet transactions.

Every record is filed under its Outlet and under the Outlet's Mart (the Mart sees all of its
Outlets, aggregated), once for all records and once per bucket value (transaction type, money flow,
tab), as sorted ``(time, key)`` lists. A time window is two bisects and a page is a slice, so a
listing costs O(log n + page) however many records a shop holds. Kept current by ``store.watch``.
"""
from __future__ import annotations

import bisect
from typing import Any, Callable, Iterable

ALL = "*"
Key = tuple[int, str]
Buckets = Callable[[dict[str, Any]], Iterable[str]]


class TimeIndex:
    """Records by owner shop (Outlet and its Mart) and bucket, ordered by one time field."""

    def __init__(self, time_field: str, buckets: Buckets | None = None) -> None:
        self.time_field = time_field
        self.buckets = buckets or (lambda doc: ())
        self._lists: dict[tuple[int, str], list[Key]] = {}
        self._filed: dict[str, tuple[list[tuple[int, str]], Key]] = {}

    def clear(self) -> None:
        self._lists.clear()
        self._filed.clear()

    def watcher(self, key: str, old: dict[str, Any] | None, new: dict[str, Any] | None) -> None:
        self._unfile(key)
        if new is not None:
            self._file(key, new)

    def _file(self, key: str, doc: dict[str, Any]) -> None:
        owners = {int(doc["shop_id"])} | ({int(doc["mart_shop_id"])} if doc.get("mart_shop_id") else set())
        entry: Key = (int(doc[self.time_field]), key)
        places = [(owner, bucket) for owner in owners for bucket in (ALL, *self.buckets(doc))]
        for place in places:
            bisect.insort(self._lists.setdefault(place, []), entry)
        self._filed[key] = (places, entry)

    def _unfile(self, key: str) -> None:
        filed = self._filed.pop(key, None)
        if filed is None:
            return
        places, entry = filed
        for place in places:
            entries = self._lists.get(place, [])
            at = bisect.bisect_left(entries, entry)
            if at < len(entries) and entries[at] == entry:
                del entries[at]

    def window(self, owner: int, time_from: int, time_to: int, bucket: str = ALL) -> list[Key]:
        """The entries with time_from <= time <= time_to, oldest first (a slice of the index)."""
        entries = self._lists.get((owner, bucket), [])
        low = bisect.bisect_left(entries, (time_from, ""))
        high = bisect.bisect_right(entries, (time_to, "\uffff"))
        return entries[low:high]

    def newest_first(self, owner: int, time_from: int, time_to: int, bucket: str = ALL) -> Iterable[Key]:
        """The same window, newest first, lazily: a page only walks what it returns."""
        entries = self._lists.get((owner, bucket), [])
        low = bisect.bisect_left(entries, (time_from, ""))
        at = bisect.bisect_right(entries, (time_to, "\uffff"))
        while at > low:
            at -= 1
            yield entries[at]

    def page(self, owner: int, time_from: int, time_to: int, offset: int, size: int, bucket: str = ALL) -> tuple[list[Key], bool]:
        """Entries ``offset`` to ``offset + size`` of the window, newest first, and whether more follow."""
        entries = self._lists.get((owner, bucket), [])
        low = bisect.bisect_left(entries, (time_from, ""))
        high = bisect.bisect_right(entries, (time_to, "\uffff")) - offset
        start = max(low, high - size)
        return (entries[start:high][::-1] if high > low else []), start > low

    def count(self, owner: int, bucket: str = ALL) -> int:
        return len(self._lists.get((owner, bucket), []))
