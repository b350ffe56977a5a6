"""Outlet discounts (seller discounts): their times, items and models, and the clock that runs them.

A discount document holds its name, ``start_time``/``end_time`` and the items in it, each with a
purchase limit and its models' promotion prices and optional promotion stock. Its status is read
off the clock (``status.py``); two clock jobs per period only announce the start and the end
(pushes 7), and a job whose time the discount no longer has does nothing, so changed times need no
job bookkeeping. ``end_discount`` moves ``end_time`` to now.

While a discount is ongoing, its models sell at the promotion price: product reads show it as
``current_price`` and a test order records it as the line's discounted price (``priced``), up to
the promotion stock where one is set; a line above the purchase limit is refused.

While it runs, the promotion stock not yet sold is reserved from the Outlet's seller stock (see
``products.stock``): get_item_base_info / get_model_list count it in ``total_reserved_stock`` and
leave it out of ``total_available_stock``; units an order bought at the promotion price return to
the promotion stock when the order is cancelled before shipping while the discount still runs.

An Outlet on holiday (its own or its Mart's, either type) cannot add a discount.

Each time the reserve is set aside or given back (push 7), push 8 tells of the model's new
``total_reserved_stock``.

LIMITATIONS: no admin or live-stream discounts (source is always 0), no tax-inflated prices (they equal the plain ones).
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from emulator.domains.discount import errors as e
from emulator.domains.discount import events as ev
from emulator.domains.discount.items import Items
from emulator.domains.discount.status import (
    EXPIRED,
    ONGOING,
    UPCOMING,
    require,
    status_of,
)
from emulator.errors import wrong_parameters

if TYPE_CHECKING:
    from emulator.world import Emulator

DISCOUNTS = "discounts"
HOUR = 3600
MAX_PERIOD = 180 * 86400
MAX_LIVE = 1000
NAME_LIMIT = 150
Doc = dict[str, Any]


class DiscountModel:
    """The discounts of one emulator; see the module docstring."""

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        self.store = emulator.store
        self._by_item: dict[int, set[int]] = {}
        self._by_shop: dict[int, set[int]] = {}
        self.store.watch(DISCOUNTS, self._index)
        # an item's view shows its discounts' prices and reserves: any change to one drops it
        emulator.products.item_views.watch(DISCOUNTS, _items_of)
        emulator.scheduler.handle(ev.STARTED_JOB, self._started)
        emulator.scheduler.handle(ev.ENDED_JOB, self._ended)
        self.items = Items(self)

    # -- index: discounts by item and by shop ------------------------------------------------------
    def _index(self, key: str, old: Doc | None, new: Doc | None) -> None:
        discount_id = int(key)
        if old is not None:
            self._by_shop.get(int(old["shop_id"]), set()).discard(discount_id)
            for item_id in old["items"]:
                self._by_item.get(int(item_id), set()).discard(discount_id)
        if new is not None:
            self._by_shop.setdefault(int(new["shop_id"]), set()).add(discount_id)
            for item_id in new["items"]:
                self._by_item.setdefault(int(item_id), set()).add(discount_id)

    def rebuild(self) -> None:
        self._by_item, self._by_shop = {}, {}
        for key, doc in self.store.collection(DISCOUNTS).items():
            self._index(key, None, doc)

    def now(self) -> int:
        return self.emulator.clock.now()

    def of_shop(self, shop_id: int) -> list[Doc]:
        docs = (self.store.get(DISCOUNTS, i) for i in sorted(self._by_shop.get(int(shop_id), ())))
        return [d for d in docs if d is not None]

    def of_item(self, item_id: int) -> list[Doc]:
        docs = (self.store.get(DISCOUNTS, i) for i in sorted(self._by_item.get(int(item_id), ())))
        return [d for d in docs if d is not None]

    def status(self, doc: Doc) -> str:
        return status_of(doc, self.now())

    # -- lookups -------------------------------------------------------------------------------
    def require_outlet(self, shop_id: int) -> None:
        if self.emulator.shops.get(shop_id)["kind"] != "outlet":
            raise e.mart_refused()

    def get(self, shop_id: int, discount_id: int) -> Doc:
        self.require_outlet(shop_id)
        doc = self.store.get(DISCOUNTS, discount_id) if discount_id > 0 else None
        if doc is None or doc["shop_id"] != shop_id:
            raise e.not_found()
        return doc

    def editable(self, shop_id: int, discount_id: int, action: str) -> tuple[Doc, str]:
        """The live document and its status, once ``action`` is allowed in that status."""
        self.get(shop_id, discount_id)
        doc = self.store.edit(DISCOUNTS, discount_id)
        assert doc is not None
        return doc, require(action, doc, self.now())

    # -- the discount itself ---------------------------------------------------------------------
    def create(self, shop_id: int, name: str, start_time: int, end_time: int, lead: int = HOUR) -> Doc:
        """A new discount; ``lead`` is how far ahead it must start (the control plane may start one now)."""
        self.require_outlet(shop_id)
        if self.emulator.shops.holiday.current(shop_id) is not None:  # the Outlet's or its Mart's, either type
            raise e.refuse(*e.HOLIDAY_MODE)
        now = self.now()
        self._check_name(name)
        if start_time < now + lead:
            raise e.refuse("discount.discount_start_time_smaller_than_now", e.START_BEFORE_NOW)
        self._check_period(start_time, end_time)
        live = sum(1 for d in self.of_shop(shop_id) if self.status(d) != EXPIRED)
        if live >= MAX_LIVE:
            raise e.refuse("discount.exceed_max_discount_count", e.TOO_MANY_DISCOUNTS)
        discount_id = self.emulator.ids.next("discount")
        doc: Doc = {
            "discount_id": discount_id, "shop_id": shop_id, "discount_name": name, "source": 0,
            "start_time": start_time, "end_time": end_time, "create_time": now, "update_time": now,
            "ended_early": False, "items": {},
        }
        self.store.put(DISCOUNTS, discount_id, doc)
        self.schedule(doc)
        return doc

    def update(self, shop_id: int, discount_id: int, name: str | None, start_time: int | None, end_time: int | None) -> Doc:
        doc, status = self.editable(shop_id, discount_id, "update_discount")
        now = self.now()
        if name is not None:
            self._check_name(name)
        start = doc["start_time"] if start_time is None else start_time
        end = doc["end_time"] if end_time is None else end_time
        if start != doc["start_time"]:
            require("update_start_time", doc, now)
            if start < doc["start_time"]:
                raise e.refuse("discount.short_discount_start_time", e.EARLIER_START)
        if end != doc["end_time"]:
            if end <= now:
                raise e.refuse("discount.discount_end_time_smaller_than_now", e.END_BEFORE_NOW)
            if status == ONGOING and end > doc["end_time"]:
                raise e.refuse("discount.extend_discount_end_time_error", e.LATER_END)
        self._check_period(start, end)
        moved = (start, end) != (doc["start_time"], doc["end_time"])
        if moved:
            self._check_overlaps(doc, start, end)
        if name is not None:
            doc["discount_name"] = name
        old_start, old_end = doc["start_time"], doc["end_time"]
        doc["start_time"], doc["end_time"], doc["update_time"] = start, end, now
        if moved:
            self.schedule(doc, start=start != old_start, end=end != old_end)
            for item_id, model in self.models(doc):
                self._publish(ev.PROMOTION_UPDATE, doc, item_id, model, ev.TIME_UPDATED)
        return doc

    def delete(self, shop_id: int, discount_id: int) -> int:
        doc, _ = self.editable(shop_id, discount_id, "delete_discount")
        for item_id, model in self.models(doc):
            self._publish(ev.PROMOTION_UPDATE, doc, item_id, model, ev.REMOVED)
        self.store.delete(DISCOUNTS, discount_id)
        return self.now()

    def end(self, shop_id: int, discount_id: int) -> int:
        doc, _ = self.editable(shop_id, discount_id, "end_discount")
        now = self.now()
        if now < doc["start_time"] + HOUR:
            raise e.refuse("discount.end_discount_time_error", e.END_TOO_EARLY)
        doc["end_time"], doc["update_time"], doc["ended_early"] = now, now, True
        for item_id, model in self.models(doc):
            self._publish(ev.ITEM_PROMOTION, doc, item_id, model, ev.CANCELLED)
        return now

    def _check_name(self, name: str) -> None:
        if not name.strip():
            raise wrong_parameters(e.NAME_EMPTY)
        if len(name) > NAME_LIMIT:
            raise wrong_parameters(e.NAME_TOO_LONG.format(limit=NAME_LIMIT))

    @staticmethod
    def _check_period(start: int, end: int) -> None:
        if end <= start:
            raise e.refuse("discount.discount_end_time_smaller_than_start_time", e.END_BEFORE_START)
        if end - start < HOUR:
            raise e.refuse("discount.discount_period_too_short", e.PERIOD_TOO_SHORT)
        if end - start > MAX_PERIOD:
            raise e.refuse("discount.discount_period_too_long", e.PERIOD_TOO_LONG)

    def _check_overlaps(self, doc: Doc, start: int, end: int) -> None:
        """Moving a discount onto another one's period with a model of both is refused."""
        for item_id, model in self.models(doc):
            if self.overlapping(doc, int(item_id), int(model["model_id"]), start, end):
                raise e.refuse(*e.ITEM_IN_OTHER)

    def overlapping(self, doc: Doc, item_id: int, model_id: int, start: int, end: int) -> bool:
        for other in self.of_item(item_id):
            if other["discount_id"] == doc["discount_id"] or self.status(other) == EXPIRED:
                continue
            if str(model_id) in other["items"][str(item_id)]["models"] and other["start_time"] < end and start < other["end_time"]:
                return True
        return False

    # -- the clock ----------------------------------------------------------------------------------
    def schedule(self, doc: Doc, start: bool = True, end: bool = True) -> None:
        now, scheduler = self.now(), self.emulator.scheduler
        for wanted, kind, due in ((start, ev.STARTED_JOB, doc["start_time"]), (end, ev.ENDED_JOB, doc["end_time"])):
            if wanted and due > now:
                payload: ev.DiscountJob = {"discount_id": doc["discount_id"], "due": due}
                scheduler.at(due, kind, payload)

    def _due(self, payload: ev.DiscountJob, field: str) -> Doc | None:
        doc = self.store.get(DISCOUNTS, payload["discount_id"])
        return doc if doc is not None and doc[field] == payload["due"] else None

    def _started(self, payload: ev.DiscountJob) -> None:
        doc = self._due(payload, "start_time")
        if doc is not None:
            for item_id, model in self.models(doc):
                self._publish(ev.ITEM_PROMOTION, doc, item_id, model, ev.LOCK)

    def _ended(self, payload: ev.DiscountJob) -> None:
        doc = self._due(payload, "end_time")
        if doc is not None:
            for item_id, model in self.models(doc):
                self._publish(ev.ITEM_PROMOTION, doc, item_id, model, ev.END)

    # -- events --------------------------------------------------------------------------------
    @staticmethod
    def models(doc: Doc) -> Iterator[tuple[int, Doc]]:
        for item_id, item in doc["items"].items():
            for model in item["models"].values():
                yield int(item_id), model

    def _publish(self, name: str, doc: Doc, item_id: int, model: Doc, action: str) -> None:
        self.emulator.publish(name, doc["shop_id"], **event_data(name, doc, item_id, model, action, self.now()))
        if name == ev.ITEM_PROMOTION:  # the reserve is set aside or given back: push 8 with the product's totals
            left = promotion_left(model)
            before, after = (0, left) if action == ev.LOCK else (left, 0)
            self.emulator.products.stock.promotion_moved(int(doc["shop_id"]), item_id, int(model["model_id"]), before, after, action)

    def announce(self, doc: Doc, item_id: int, model: Doc, joined: bool) -> None:
        """A model joined or left the discount: push 9, and push 7 while the discount runs."""
        self._publish(ev.PROMOTION_UPDATE, doc, item_id, model, ev.ADDED if joined else ev.REMOVED)
        if self.status(doc) == ONGOING:
            self._publish(ev.ITEM_PROMOTION, doc, item_id, model, ev.LOCK if joined else ev.CANCELLED)

    # -- what products and orders read ----------------------------------------------------------
    def running(self, item_id: int, model_id: int) -> tuple[Doc, Doc] | None:
        """The ongoing discount of one model and its entry there, if any (at most one: no overlaps)."""
        if not self._by_item.get(int(item_id)):  # most items never join a discount: no lookups
            return None
        now = self.now()
        for doc in self.of_item(item_id):
            if status_of(doc, now) == ONGOING:
                model = doc["items"][str(item_id)]["models"].get(str(model_id))
                if model is not None:
                    return doc, model
        return None

    def current(self, item_id: int, model_id: int) -> tuple[int, str] | None:
        """(discount id, promotion price) of a model's ongoing discount; products read it."""
        found = self.running(item_id, model_id)
        return (int(found[0]["discount_id"]), str(found[1]["promotion_price"])) if found else None

    def reserved_for_promotion(self, item_id: int, model_id: int, drawn: int = 0) -> int:
        """What the ongoing discount of a model still reserves of its seller stock: the promotion
        stock not yet sold at the promotion price (0 without one, or before it starts); with
        ``drawn``, what it reserved before that many units were just sold at its price."""
        found = self.running(item_id, model_id)
        return promotion_left(found[1], drawn) if found else 0

    def steady(self, item_id: int, now: int) -> tuple[float, float]:
        """The span ``[since, until)`` around ``now`` in which none of the item's discounts starts
        or ends: what products show of the item's promotions holds for that long."""
        since, until = float("-inf"), float("inf")
        for discount_id in self._by_item.get(int(item_id), ()):
            doc = self.store.get(DISCOUNTS, discount_id)
            if doc is None:
                continue
            for moment in (int(doc["start_time"]), int(doc["end_time"])):
                if moment <= now:
                    since = max(since, moment)
                else:
                    until = min(until, moment)
        return since, until

    def give_back(self, discount_id: int, item_id: int, model_id: int, quantity: int) -> None:
        """Units an order bought at the promotion price were released (cancelled before shipping):
        while the discount still runs they return to its promotion stock."""
        doc = self.store.get(DISCOUNTS, discount_id)
        if doc is None or self.status(doc) != ONGOING:
            return
        model = doc["items"].get(str(item_id), {}).get("models", {}).get(str(model_id))
        if model is None or not model.get("promotion_stock"):
            return
        edited = self.store.edit(DISCOUNTS, discount_id)
        assert edited is not None
        entry = edited["items"][str(item_id)]["models"][str(model_id)]
        entry["promotion_sold"] = max(int(entry["promotion_sold"]) - quantity, 0)

    def holds(self, item_id: int, model_id: int) -> bool:
        """Whether an upcoming or ongoing discount holds the model (the Mart may not remove it then)."""
        return any(int(model["model_id"]) == model_id for _, model, _ in self.listed(item_id))

    def listed(self, item_id: int) -> list[tuple[Doc, Doc, str]]:
        """Every (discount, model entry, status) an item is in that has not expired."""
        now = self.now()
        return [(doc, model, status_of(doc, now)) for doc in self.of_item(item_id) if status_of(doc, now) in (UPCOMING, ONGOING)
                for model in doc["items"][str(item_id)]["models"].values()]

    def priced(self, shop_id: int, line: Doc) -> Doc:
        """An order line at the promotion price while the model's discount runs (see the docstring)."""
        found = self.running(int(line["item_id"]), int(line["model_id"]))
        if found is None:
            return line
        doc, model = found
        quantity = int(line["quantity"])
        limit = int(doc["items"][str(line["item_id"])]["purchase_limit"])
        if limit and quantity > limit:
            raise wrong_parameters(
                f"quantity {quantity} of item_id {line['item_id']} is above the purchase limit {limit} of discount {doc['discount_id']}"
            )
        stock = model.get("promotion_stock")
        if stock and int(model["promotion_sold"]) + quantity > int(stock):
            return line  # the promotion stock is used up: the normal price
        edited = self.store.edit(DISCOUNTS, doc["discount_id"])
        assert edited is not None
        edited["items"][str(line["item_id"])]["models"][str(line["model_id"])]["promotion_sold"] += quantity
        return {**line, "model_discounted_price": model["promotion_price"], "promotion_id": int(doc["discount_id"]),
                "promotion_type": ev.PROMOTION_TYPE}

    # -- seeding ---------------------------------------------------------------------------------------
    def seed_world(self, world: dict[str, Any]) -> None:
        from emulator.domains.discount.seed import seed_discounts

        seed_discounts(self, world)


def _items_of(key: str, old: Doc | None, new: Doc | None) -> list[str]:
    return [item_id for doc in (old, new) if doc is not None for item_id in doc["items"]]


def event_data(name: str, doc: Doc, item_id: int, model: Doc, action: str, now: int) -> dict[str, Any]:
    """What ``discount.item_promotion`` or ``discount.promotion_update`` carries for one model of
    the discount (the push domain's Push Test Data builds its samples with it too)."""
    data: dict[str, Any] = {
        "item_id": item_id, "variation_id": int(model["model_id"]), "promotion_type": ev.PROMOTION_TYPE,
        "promotion_id": doc["discount_id"], "action": action, "update_time": now,
        "start_time": doc["start_time"], "end_time": doc["end_time"],
    }
    stock = model.get("promotion_stock")
    if name == ev.ITEM_PROMOTION:
        data["reserved_stock"] = int(stock or 0) - int(model["promotion_sold"]) if action == ev.LOCK else 0
    elif action == ev.ADDED and stock:
        data["reserved_stock"] = int(stock)
    return data


def promotion_left(model: Doc, drawn: int = 0) -> int:
    """A discount model's promotion stock not yet sold at its price (0 when it has none); with
    ``drawn``, as it was before the last ``drawn`` units sold."""
    stock = model.get("promotion_stock")
    return max(int(stock) - int(model["promotion_sold"]) + drawn, 0) if stock else 0


def dec(value: Any) -> Decimal:
    return Decimal(str(value))
