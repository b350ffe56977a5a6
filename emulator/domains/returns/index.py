"""Where returns are filed in the store's sorted index, and the queries the return APIs ask of it.

Same shape as the order index: ``(time, return_sn)`` lists per (shop, time field, status), so a
time-window page is a bisect plus a walk of the page however many returns a shop holds; and per
order its returns, oldest first.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from emulator.indexes import Place
from emulator.store import Store

RETURNS = "returns"
TIME_FIELDS = ("create_time", "update_time")
ALL = "*"
Key = tuple[int, str]


def places(doc: dict[str, Any]) -> tuple[Place, ...]:
    shop_id, status = int(doc["shop_id"]), doc["status"]
    created, updated = int(doc["create_time"]), int(doc["update_time"])
    return (
        ((shop_id, "create_time", ALL), created), ((shop_id, "create_time", status), created),
        ((shop_id, "update_time", ALL), updated), ((shop_id, "update_time", status), updated),
        (("order", doc["order_sn"]), created),
    )


class ReturnIndex:
    """Returns by shop, time field and status; returns per order."""

    def __init__(self, store: Store) -> None:
        self.sorted = store.index(RETURNS, places)

    def of_order(self, order_sn: str) -> list[str]:
        """The order's return_sns, oldest first."""
        return self.sorted.keys(("order", order_sn))

    def newest_first(
        self, shop_id: int, field: str, status: str | None, time_from: int, time_to: int, after: Key | None = None
    ) -> Iterator[str]:
        """return_sns with time_from <= time <= time_to, newest first, strictly after cursor ``after``."""
        window = self.sorted.window((shop_id, field, status or ALL), time_from, time_to, newest_first=True, after=after)
        return (return_sn for _, return_sn in window)

    def count(self, shop_id: int, status: str | None = None) -> int:
        return self.sorted.count((shop_id, "create_time", status or ALL))
