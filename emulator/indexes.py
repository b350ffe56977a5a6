"""The store's one kind of secondary index: sorted lists of ``(value, key)`` per list key.

A domain says where a document is filed (``places``: pairs of a list key, such as
``(shop_id, "update_time", "UNPAID")``, and the value it sorts by there) and the store keeps every
list current as documents change. A time window is a bisect and a page is a walk of the page, so
lists cost O(log n + page) however many documents a shop holds. The index remembers where it filed
each document, so a change only touches the lists whose entry moved, and a notification needs only
the new document.

Changes made in place reach the index at commit all at once (``many``): a list that a clock jump
changes in a large share of its entries is rebuilt in one sort rather than edited entry by entry.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterator, Mapping
from typing import Any

from sortedcontainers import SortedList

Doc = dict[str, Any]
Entry = tuple[Any, str]
Place = tuple[Hashable, Any]
Places = Callable[[Doc], tuple[Place, ...]]
HIGHEST_KEY = "\uffff"  # sorts after every document key: (value, HIGHEST_KEY) closes a window
# below this many changes to one list, entries are moved one by one; above, the list is rebuilt
REBUILD_SHARE = 8


class SortedIndex:
    """Sorted ``(value, key)`` lists per list key, kept by the store (see the module docstring)."""

    def __init__(self, places: Places) -> None:
        """``places(doc)``: every (list key, value) the document is filed under, as a tuple."""
        self.places = places
        self._lists: dict[Hashable, SortedList[Entry]] = {}
        self._filed: dict[str, tuple[Place, ...]] = {}

    # -- kept current by the store ------------------------------------------------------------
    def clear(self) -> None:
        self._lists.clear()
        self._filed.clear()

    def rebuild(self, docs: Mapping[str, Doc]) -> None:
        self.clear()
        self.many([(key, None, doc) for key, doc in docs.items()])

    def watcher(self, key: str, old: Doc | None, new: Doc | None) -> None:
        before = self._filed.pop(key, ())
        after = self.places(new) if new is not None else ()
        if after:
            self._filed[key] = after
        for list_key, value in before:
            if (list_key, value) in after:
                continue
            entries = self._lists.get(list_key)
            if entries is not None:
                entries.discard((value, key))
        for list_key, value in after:
            if (list_key, value) in before:
                continue
            entries = self._lists.get(list_key)
            if entries is None:
                entries = self._lists[list_key] = SortedList()
            entries.add((value, key))

    def many(self, changes: list[tuple[str, Doc | None, Doc | None]]) -> None:
        removed: defaultdict[Hashable, list[Entry]] = defaultdict(list)
        added: defaultdict[Hashable, list[Entry]] = defaultdict(list)
        filed, places = self._filed, self.places
        filed_get = filed.get
        for key, _, new in changes:
            # read, then overwrite in place: popping and re-adding each of 100k keys would leave
            # as many dead slots behind and make the dict rebuild itself
            before = filed_get(key, ())
            after: tuple[Place, ...] = places(new) if new is not None else ()
            if after:
                filed[key] = after
            elif before:
                del filed[key]
            if before == after:
                continue
            if len(before) == len(after):
                # the same places function lists the same lists in the same order: compare in
                # step (a place that moved position is removed and added back, which is harmless)
                for old_place, new_place in zip(before, after):
                    if old_place != new_place:
                        removed[old_place[0]].append((old_place[1], key))
                        added[new_place[0]].append((new_place[1], key))
                continue
            for list_key, value in before:
                if (list_key, value) not in after:
                    removed[list_key].append((value, key))
            for list_key, value in after:
                if (list_key, value) not in before:
                    added[list_key].append((value, key))
        for list_key in removed.keys() | added.keys():
            self._apply(list_key, removed.get(list_key, []), added.get(list_key, []))

    def _apply(self, list_key: Hashable, removed: list[Entry], added: list[Entry]) -> None:
        """``removed`` are entries of the list, each once (they are where documents were filed)."""
        entries = self._lists.get(list_key)
        if entries is None:
            self._lists[list_key] = SortedList(added)
        elif (len(removed) + len(added)) * REBUILD_SHARE > len(entries):
            if len(removed) == len(entries):
                kept: list[Entry] = []  # every entry leaves, as a jump empties a status's list
            elif removed:
                leaving = set(removed)
                kept = [entry for entry in entries if entry not in leaving]
            else:
                kept = list(entries)
            self._lists[list_key] = SortedList(kept + added)
        else:
            for entry in removed:
                entries.discard(entry)
            entries.update(added)

    # -- reading --------------------------------------------------------------------------------
    def entries(self, list_key: Hashable) -> SortedList[Entry]:
        """Every ``(value, key)`` of a list in order; read-only."""
        return self._lists.get(list_key) or SortedList()

    def count(self, list_key: Hashable) -> int:
        return len(self._lists.get(list_key, ()))

    def keys(self, list_key: Hashable) -> list[str]:
        """The document keys of a list, in order."""
        return [key for _, key in self.entries(list_key)]

    def window(
        self, list_key: Hashable, low: Any, high: Any, *, newest_first: bool = False, after: Entry | None = None
    ) -> Iterator[Entry]:
        """Entries with low <= value <= high in order (or reversed), lazily, strictly past the
        cursor ``after`` (an entry a previous page ended on)."""
        entries = self._lists.get(list_key)
        if not entries:
            return iter(())
        bottom: Entry = (low, "")
        top: Entry = (high, HIGHEST_KEY)
        found: Iterator[Entry]
        if newest_first:
            if after is None or after > top:
                found = entries.irange(bottom, top, inclusive=(True, True), reverse=True)
            else:
                found = entries.irange(bottom, after, inclusive=(True, False), reverse=True)
        elif after is None or after < bottom:
            found = entries.irange(bottom, top, inclusive=(True, True))
        else:
            found = entries.irange(after, top, inclusive=(False, True))
        return found

    def page(self, list_key: Hashable, low: Any, high: Any, offset: int, size: int) -> tuple[list[Entry], bool]:
        """Entries ``offset`` to ``offset + size`` of the window, newest first, and whether more follow."""
        entries = self._lists.get(list_key)
        if not entries:
            return [], False
        start = entries.bisect_left((low, ""))
        stop = entries.bisect_right((high, HIGHEST_KEY)) - offset
        first = max(start, stop - size)
        page = [entries[i] for i in range(stop - 1, first - 1, -1)] if stop > start else []
        return page, first > start

