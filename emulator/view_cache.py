"""Answers built from stored documents, kept until one of those documents changes.

A detail view (an order as get_order_detail shows it, a package) is a pure function of a few
documents and the request's options, and building one costs far more than reading it back: an
order with every optional field is about 80 µs of Python, 50 of them per page. The cache keeps
each built view under its document's key and the request's variant (the option set), and the
store's write path drops it: every ``put``, ``delete``, rollback and committed ``edit`` of a
watched collection reaches ``drop`` through ``Store.watch``. A transaction that has already
written reads around the cache, since its in-place edits reach watchers only at commit; and a
reload of the whole state clears it (``clear``, from the owning domain's ``rebuild``).

An item's view (get_item_base_info) also depends on the virtual clock, since a discount starting
or ending changes its price: ``get_timed`` keeps it with the span of clock readings it holds for.

Views are shared between answers, so nobody may change one after it is built: callers that add
to a view copy it first (or keep it rendered, as the item views are). The cache holds at most ``limit`` documents' views, least recently
used out first, so reading a large world page by page keeps memory bounded.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from emulator.store import Doc, Store

DEFAULT_LIMIT = 4096


class ViewCache:
    """Built views per document key and variant; see the module docstring."""

    def __init__(self, store: Store, limit: int = DEFAULT_LIMIT) -> None:
        self.store = store
        self.limit = limit
        self._views: OrderedDict[str, dict[Hashable, Any]] = OrderedDict()

    def get(self, key: str, variant: Hashable, build: Callable[[], Any]) -> Any:
        """The view of ``key`` in ``variant``: built by ``build`` unless a current one is kept."""
        if self.store.changing:
            return build()
        views = self._views_of(key)
        found = views.get(variant)
        if found is not None:
            return found
        view = views[variant] = build()
        return view

    def get_timed(self, key: str, variant: Hashable, now: float, build: Callable[[], tuple[Any, float, float]]) -> Any:
        """``get`` for a view that also depends on the virtual clock: ``build`` answers the view
        and the span ``[since, until)`` of clock readings it holds for (an item's price changes
        when one of its discounts starts or ends); outside that span it is built again."""
        if self.store.changing:
            return build()[0]
        views = self._views_of(key)
        found = views.get(variant)
        if found is not None and found[1] <= now < found[2]:
            return found[0]
        built = views[variant] = build()
        return built[0]

    def _views_of(self, key: str) -> dict[Hashable, Any]:
        """The kept views of ``key``, now the most recently used (the oldest key leaves past the limit)."""
        views = self._views.get(key)
        if views is None:
            views = self._views[key] = {}
            if len(self._views) > self.limit:
                self._views.popitem(last=False)
        else:
            self._views.move_to_end(key)
        return views

    def drop(self, key: str) -> None:
        self._views.pop(key, None)

    def watch(self, collection: str, keys_of: Callable[[str, Doc | None, Doc | None], Iterable[str]] | None = None) -> None:
        """Drop views when a document of ``collection`` changes: the document's own key, or the
        keys ``keys_of(key, old, new)`` names (views built from documents of another collection)."""

        def watcher(key: str, old: Doc | None, new: Doc | None) -> None:
            for found in (key,) if keys_of is None else keys_of(key, old, new):
                self._views.pop(found, None)

        def many(changes: list[tuple[str, Doc | None, Doc | None]]) -> None:
            if self._views:  # nothing built yet, as in a clock jump nobody reads during
                for key, old, new in changes:
                    watcher(key, old, new)

        self.store.watch(collection, watcher, many, reads_old=keys_of is not None)

    def clear(self) -> None:
        self._views.clear()

    def __len__(self) -> int:
        return len(self._views)
