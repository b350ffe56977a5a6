"""Where released escrows and wallet transactions are filed in the store's sorted index.

Every record is filed under its Outlet and under the Outlet's Mart (the Mart sees all of its
Outlets, aggregated), once for all records and once per bucket value (transaction type, money flow,
tab), as ``(time, key)`` lists: a time window is two bisects and a page is a walk of the page, so
a listing costs O(log n + page) however many records a shop holds.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from emulator.indexes import Place
from emulator.store import Store

ALL = "*"
Key = tuple[int, str]
Buckets = Callable[[dict[str, Any]], Iterable[str]]


class TimeIndex:
    """Records of one collection by owner shop (Outlet and its Mart) and bucket, by one time field."""

    def __init__(self, store: Store, collection: str, time_field: str, buckets: Buckets | None = None) -> None:
        self.time_field = time_field
        self.buckets = buckets or (lambda doc: ())
        self.sorted = store.index(collection, self._places)

    def _places(self, doc: dict[str, Any]) -> tuple[Place, ...]:
        owners = (int(doc["shop_id"]), *((int(doc["mart_shop_id"]),) if doc.get("mart_shop_id") else ()))
        value = int(doc[self.time_field])
        return tuple(((owner, bucket), value) for owner in owners for bucket in (ALL, *self.buckets(doc)))

    def window(self, owner: int, time_from: int, time_to: int, bucket: str = ALL) -> list[Key]:
        """The entries with time_from <= time <= time_to, oldest first."""
        return list(self.sorted.window((owner, bucket), time_from, time_to))

    def newest_first(self, owner: int, time_from: int, time_to: int, bucket: str = ALL) -> Iterator[Key]:
        """The same window, newest first, lazily: a page only walks what it returns."""
        return self.sorted.window((owner, bucket), time_from, time_to, newest_first=True)

    def page(self, owner: int, time_from: int, time_to: int, offset: int, size: int, bucket: str = ALL) -> tuple[list[Key], bool]:
        """Entries ``offset`` to ``offset + size`` of the window, newest first, and whether more follow."""
        return self.sorted.page((owner, bucket), time_from, time_to, offset, size)

    def count(self, owner: int, bucket: str = ALL) -> int:
        return self.sorted.count((owner, bucket))
