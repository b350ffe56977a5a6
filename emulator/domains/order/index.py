"""Where orders are filed in the store's sorted index, and the queries the order APIs ask of it.

Per shop and per time field (create_time, update_time) one list for all statuses and one per
status, of ``(time, order_sn)``: a time-window page is a bisect plus a walk of the page, O(log n +
page) however many orders a shop holds. Package numbers map to their orders beside it.
"""
from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import Any

from emulator.indexes import Place
from emulator.store import Store

ORDERS = "orders"
TIME_FIELDS = ("create_time", "update_time")
ALL = "*"
Key = tuple[int, str]


def _list_keys(shop_id: int, status: str) -> tuple[Hashable, Hashable, Hashable, Hashable]:
    return (shop_id, "create_time", ALL), (shop_id, "create_time", status), (shop_id, "update_time", ALL), (shop_id, "update_time", status)


class OrderIndex:
    """Orders by shop, time field and status; package numbers to orders."""

    def __init__(self, store: Store) -> None:
        # the list keys per (shop, status), made once: a clock jump files 100k orders in a few lists
        self._lists: dict[tuple[int, str], tuple[Hashable, Hashable, Hashable, Hashable]] = {}
        self.store = store
        self.sorted = store.index(ORDERS, self._places)
        self.packages: dict[str, str] = {}
        # get_order_list's entry of each order listed so far, without and with its order_status,
        # rendered and dropped when the order changes: a page of 100 is then 100 lookups
        # (views.list_entries)
        self.listed: tuple[dict[str, Any], dict[str, Any]] = ({}, {})
        store.watch(ORDERS, self._filed, self._filed_many, reads_old=False)

    def _places(self, doc: dict[str, Any]) -> tuple[Place, ...]:
        at = (int(doc["shop_id"]), doc["order_status"])
        lists = self._lists.get(at)
        if lists is None:
            lists = self._lists[at] = _list_keys(*at)
        created, updated = int(doc["create_time"]), int(doc["update_time"])
        return (lists[0], created), (lists[1], created), (lists[2], updated), (lists[3], updated)

    def rebuild(self, docs: dict[str, dict[str, Any]]) -> None:
        self.packages.clear()
        for kept in self.listed:
            kept.clear()
        self._filed_many([(order_sn, None, doc) for order_sn, doc in docs.items()])

    def _filed(self, order_sn: str, old: dict[str, Any] | None, new: dict[str, Any] | None) -> None:
        for package in (new or {}).get("packages", ()):
            self.packages[package["package_number"]] = order_sn
        for kept in self.listed:
            kept.pop(order_sn, None)

    def _filed_many(self, changes: list[tuple[str, dict[str, Any] | None, dict[str, Any] | None]]) -> None:
        packages = self.packages
        for order_sn, _, new in changes:  # ``_filed`` inline: a jump files 100k orders at once
            if new is not None:
                for package in new.get("packages", ()):
                    packages[package["package_number"]] = order_sn
        plain, with_status = self.listed
        if plain or with_status:  # a jump nobody lists during has none to drop
            for order_sn, _, _ in changes:
                plain.pop(order_sn, None)
                with_status.pop(order_sn, None)

    def newest_first(
        self, shop_id: int, field: str, status: str | None, time_from: int, time_to: int, after: Key | None
    ) -> Iterator[Key]:
        """Entries with time_from <= time <= time_to, newest first, strictly after cursor ``after``."""
        return self.sorted.window((shop_id, field, status or ALL), time_from, time_to, newest_first=True, after=after)

    def count(self, shop_id: int, status: str | None = None) -> int:
        return self.sorted.count((shop_id, "create_time", status or ALL))

    def order_sns(self, shop_id: int, status: str) -> list[str]:
        """Every order of ``status`` in the shop, oldest first."""
        return self.sorted.keys((shop_id, "create_time", status))
