"""The one path through which stock changes: seller updates, order reservations, sales, restocks.

Per Outlet model the ledger holds ``stock`` (on the shelf: what orders hold included),
``reserved`` (held by unshipped orders) and ``sold``. Available = stock - reserved, and that is the
seller stock the APIs show and the seller sets: an order takes its units out of the seller stock
at once, a cancellation before pickup puts them back.
Every change runs inside the emulator's transaction (and so under its lock), and checks every
line before touching any, so concurrent orders can never oversell and nothing is half-applied.

Invariant per model: initial stock + seller adjustments == available + reserved + sold.

While a model's discount is ongoing with a promotion stock, what it has not yet sold at the
promotion price is reserved from the seller stock as well (``promotion_held``): it is not for sale
at the normal price (``for_sale``), the seller may not set seller stock below it, and an order priced by
the discount draws on it (the discount counts the units sold before the stock is reserved, so
the units leave the promotion reserve as the order holds them).

Reserved stock is the promotion's alone, as the pages define ``total_reserved_stock`` and push 8
(``RESERVED_CHANGED``): the push tells of a change of it with the figures before and after, when
a promotion-price order uses it up or a cancellation gives it back, when the seller's stock or
an order at the normal price leaves it less room (or more), and when a running promotion's reserve
is set aside or given back (``promotion_moved``). Orders at the normal price that leave the
reserve whole send none.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from emulator.errors import ShopeeError

if TYPE_CHECKING:
    from emulator.world import Emulator

ITEMS = "items"
RESERVED_CHANGED = "product.reserved_stock_changed"
STOCK_CHANGED = "product.stock_changed"
LESS_THAN_RESERVED = "Can not update item with stock less than reserve stock"
STOCK_NOT_ENOUGH = "Stock is not enough for item_id {item_id}, model_id {model_id}: {available} available, {requested} requested."


class OutOfStock(ShopeeError):
    """An order asked for more than the model has available."""

    error = "error_stock_not_enough"


class Stock:
    """Stock operations of one emulator, on Outlet item documents."""

    def __init__(self, emulator: "Emulator") -> None:
        self.emulator = emulator
        self.store = emulator.store
        self._held: dict[int, _Held] | None = None  # while a clock pass runs, per item

    @contextmanager
    def held(self) -> Iterator[None]:
        """Stock writes of a clock pass (thousands of orders on a few items) applied once per item
        at its end; every stock event is still published when its change happens."""
        if self._held is not None:
            yield
            return
        held: dict[int, _Held] = {}
        self._held = held
        try:
            yield
        finally:
            self._held = None
        for item_id, pending in held.items():
            self._store_models(item_id, pending.models, pending.at)

    def _counts(self, shop_id: int, item_id: int, model_id: int) -> dict[str, Any]:
        """A model as it stands, with what a running pass holds back applied."""
        pending = self._held.get(item_id) if self._held is not None else None
        if pending is not None and pending.shop_id == shop_id and model_id in pending.models:
            return pending.models[model_id]
        return self._model(self._outlet_item(shop_id, item_id), model_id)

    def _model(self, doc: dict[str, Any], model_id: int) -> dict[str, Any]:
        models: list[dict[str, Any]] = doc["models"]
        for model in models:
            if model["model_id"] == model_id:
                found: dict[str, Any] = model
                return found
        raise ShopeeError(f"model_id {model_id} is not a model of item_id {doc['item_id']}", error="error_param")

    def _outlet_item(self, shop_id: int, item_id: int) -> dict[str, Any]:
        doc = self.store.get(ITEMS, item_id)
        if doc is None or doc["shop_id"] != shop_id or doc["kind"] != "outlet":
            raise ShopeeError("Item not belong to shop.", error="error_item_not_belong_shop")
        return doc

    @staticmethod
    def available(model: dict[str, Any]) -> int:
        """The seller stock: what orders do not hold (a running promotion's reserve included)."""
        return int(model["stock"]) - int(model["reserved"])

    @staticmethod
    def shown_reserved(model: dict[str, Any], promoted: int) -> int:
        """``total_reserved_stock`` of a model whose running promotion wants ``promoted`` units:
        the part of that reserve the seller stock still covers."""
        return min(promoted, max(int(model["stock"]) - int(model["reserved"]), 0)) if promoted else 0

    def promotion_held(self, item_id: int, model: dict[str, Any], drawn: int = 0) -> int:
        """The running promotion's reserve of an Outlet model, never more than orders leave (with
        ``drawn``, before that many units just sold at its price)."""
        wanted = self.emulator.products.promotions.reserved_for_promotion(item_id, int(model["model_id"]), drawn)
        return min(wanted, max(self.available(model), 0)) if wanted else 0

    def total_reserved(self, item_id: int, model: dict[str, Any], drawn: int = 0) -> int:
        """get_item_base_info's total_reserved_stock: the running promotion's reserve."""
        return self.promotion_held(item_id, model, drawn)

    def for_sale(self, item_id: int, model: dict[str, Any]) -> int:
        """What a buyer can still order at the normal price: neither held by orders nor reserved
        for a running promotion (get_item_base_info's total_available_stock)."""
        return self.available(model) - self.promotion_held(item_id, model)

    def reserve(self, shop_id: int, lines: Iterable[dict[str, Any]]) -> None:
        """Hold ``quantity`` of each (item_id, model_id) for an order; all lines or none.

        Lines priced by a running promotion (``promotion_id``) were already counted out of its
        reserve: they need the units only; the others must also leave the reserve alone."""
        lines = list(lines)
        wanted = _quantities(lines)
        normal = _quantities(line for line in lines if not line.get("promotion_id"))
        for (item_id, model_id), quantity in wanted.items():
            model = self._counts(shop_id, item_id, model_id)
            at_normal_price = normal.get((item_id, model_id), 0)
            for_sale = self.for_sale(item_id, model) if at_normal_price else 0
            if for_sale < at_normal_price:
                available, requested = for_sale, at_normal_price
            elif self.available(model) < quantity:
                available, requested = self.available(model), quantity
            else:
                continue
            raise OutOfStock(STOCK_NOT_ENOUGH.format(item_id=item_id, model_id=model_id, available=available, requested=requested))
        # the promotion-price units already left the promotion's reserve: before the order they were in it
        drawn = {key: quantity - normal.get(key, 0) for key, quantity in wanted.items()}
        before = self._totals(shop_id, wanted, drawn)
        self._apply(shop_id, wanted, reserved=1)
        self._announce(shop_id, before, "reserve")

    def release(self, shop_id: int, lines: Iterable[dict[str, Any]]) -> None:
        """An unshipped order was cancelled: its reservation returns to available stock, and a
        line bought at a running promotion's price (``promotion_id``) to that promotion's stock."""
        lines = list(lines)
        passing = self._held
        if passing is not None and len(lines) == 1:
            # a pass's usual order, one line of a model the pass already holds: straight to its
            # one step, without totalling quantities per model first
            line = lines[0]
            item_id, model_id = int(line["item_id"]), int(line.get("model_id") or 0)
            pending = passing.get(item_id)
            model = pending.models.get(model_id) if pending is not None and pending.shop_id == shop_id else None
            if pending is not None and model is not None:
                self._release_one(pending, model, shop_id, item_id, model_id, int(line["quantity"]), lines)
                return
        wanted = _quantities(lines)
        if passing is not None:
            self._release_held(passing, shop_id, lines, wanted)
            return
        before = self._totals(shop_id, wanted)
        self._apply(shop_id, wanted, reserved=-1)
        self._give_back(lines)
        self._announce(shop_id, before, "release")

    def _release_held(self, passing: dict[int, "_Held"], shop_id: int, lines: list[dict[str, Any]],
                      wanted: dict[tuple[int, int], int]) -> None:
        """``release`` inside a pass (a jump closes thousands of unpaid orders), in one walk: each
        model looked up once, a running promotion's reserve asked once per model (again after a
        line gave units back to it), the same checks, changes and events in the same order."""
        reserved_for_promotion = self.emulator.products.promotions.reserved_for_promotion
        shown = self.shown_reserved
        if len(wanted) == 1:
            # the common case, an order of one model the pass already holds: the same steps
            # without the bookkeeping for several
            ((item_id, model_id), quantity), = wanted.items()
            pending = passing.get(item_id)
            model = pending.models.get(model_id) if pending is not None and pending.shop_id == shop_id else None
            if pending is not None and model is not None:
                self._release_one(pending, model, shop_id, item_id, model_id, quantity, lines)
                return
        touched: list[tuple[int, int, dict[str, Any], int, int, int]] = []
        for (item_id, model_id), quantity in wanted.items():
            pending = passing.get(item_id)
            model = pending.models.get(model_id) if pending is not None and pending.shop_id == shop_id else None
            if model is None:
                model = self._counts(shop_id, item_id, model_id)  # checks the item is the shop's
            promoted = reserved_for_promotion(item_id, model_id, 0)
            old = shown(model, promoted)
            touched.append((item_id, model_id, model, quantity, promoted, old))
        now = self.emulator.clock.now()
        emit = self.emulator.bus.emit  # the event as ``Emulator.publish`` makes it, at ``now``
        for index, (item_id, model_id, model, quantity, promoted, old) in enumerate(touched):
            pending = passing.get(item_id)
            if pending is None or pending.shop_id != shop_id or model_id not in pending.models:
                if pending is None:
                    pending = passing[item_id] = _Held(shop_id)
                model = pending.models[model_id] = dict(model)  # the pass's own copy from here on
                touched[index] = (item_id, model_id, model, quantity, promoted, old)
            model["reserved"] -= quantity
            pending.at = now
        items = [touched[0][0]] if len(touched) == 1 else sorted({key[0] for key in touched})
        shop = int(shop_id)
        emit(STOCK_CHANGED, shop, now, {"items": items})
        given_back = self._give_back(lines)
        for item_id, model_id, model, _, promoted, old in touched:
            if given_back:
                promoted = reserved_for_promotion(item_id, model_id, 0)
            new = shown(model, promoted)
            if old != new:
                emit(RESERVED_CHANGED, shop, now,
                     {"item_id": item_id, "model_id": model_id, "old": old, "new": new, "action": "release"})

    def _release_one(self, pending: "_Held", model: dict[str, Any], shop_id: int, item_id: int, model_id: int,
                     quantity: int, lines: list[dict[str, Any]]) -> None:
        """``_release_held`` of one model already held by the pass."""
        reserved_for_promotion = self.emulator.products.promotions.reserved_for_promotion
        promoted = reserved_for_promotion(item_id, model_id, 0)
        old = self.shown_reserved(model, promoted)
        now = self.emulator.clock.now()
        emit = self.emulator.bus.emit
        model["reserved"] -= quantity
        pending.at = now
        shop = int(shop_id)
        emit(STOCK_CHANGED, shop, now, {"items": [item_id]})
        given_back = self._give_back(lines)
        if given_back:
            promoted = reserved_for_promotion(item_id, model_id, 0)
        new = self.shown_reserved(model, promoted)
        if old != new:
            emit(RESERVED_CHANGED, shop, now, {"item_id": item_id, "model_id": model_id, "old": old, "new": new, "action": "release"})

    def _give_back(self, lines: list[dict[str, Any]]) -> bool:
        """Units bought at a promotion's price go back to its stock; True when any line did."""
        given_back = False
        for line in lines:
            if line.get("promotion_id"):
                given_back = True
                self.emulator.products.promotions.give_back(int(line["promotion_id"]), int(line["item_id"]),
                                                            int(line.get("model_id") or 0), int(line["quantity"]))
        return given_back

    def sell(self, shop_id: int, lines: Iterable[dict[str, Any]]) -> None:
        """A reserved quantity left the shop with the courier: it is now sold."""
        wanted = _quantities(lines)
        before = self._totals(shop_id, wanted)
        self._apply(shop_id, wanted, reserved=-1, stock=-1, sold=1)
        self._announce(shop_id, before, "sold")

    def restock(self, shop_id: int, lines: Iterable[dict[str, Any]]) -> None:
        """Sold goods came back (a cancelled shipped order or a return): back into stock."""
        wanted = _quantities(lines)
        before = self._totals(shop_id, wanted)
        self._apply(shop_id, wanted, stock=1, sold=-1)
        self._announce(shop_id, before, "restock")  # more stock may let a promotion reserve more

    def set_stock(self, shop_id: int, item_id: int, model_id: int, stock: int) -> dict[str, Any]:
        """The seller sets the seller stock (what orders do not hold); it may not go below a
        running promotion's reserve."""
        if self._held is None:
            return self._set_stock_now(shop_id, item_id, model_id, stock)
        model = self._counts(shop_id, item_id, model_id)
        if stock < self.emulator.products.promotions.reserved_for_promotion(item_id, model_id):
            raise ShopeeError(LESS_THAN_RESERVED, error="error_param")
        before = self._totals(shop_id, [(item_id, model_id)])
        self._write(shop_id, {item_id: {model_id: {"stock": int(stock) + int(model["reserved"])}}})
        self._announce(shop_id, before, "update_stock")  # a promotion cut short by orders may reserve more
        return self._counts(shop_id, item_id, model_id)

    def _set_stock_now(self, shop_id: int, item_id: int, model_id: int, stock: int) -> dict[str, Any]:
        """``set_stock`` outside a clock pass, the seller's own call: the item read once and the
        running promotion's reserve asked once (a stock write changes neither the discount nor
        the clock), with the same refusal, write and events as the general path."""
        doc = self._outlet_item(shop_id, item_id)
        model = self._model(doc, model_id)
        wanted = self.emulator.products.promotions.reserved_for_promotion(item_id, model_id)
        if stock < wanted:
            raise ShopeeError(LESS_THAN_RESERVED, error="error_param")
        before = self.shown_reserved(model, wanted)
        changed = {**model, "stock": int(stock) + int(model["reserved"])}
        models = [changed if m["model_id"] == model_id else m for m in doc["models"]]
        self.store.update(ITEMS, item_id, {"models": models, "update_time": self.emulator.clock.now()})
        self.emulator.publish(STOCK_CHANGED, shop_id, items=[item_id])
        after = self.shown_reserved(changed, wanted)
        self._publish_change(shop_id, item_id, model_id, before, after, "update_stock")  # a promotion cut short may reserve more
        return changed

    def promotion_moved(self, shop_id: int, item_id: int, model_id: int, before: int, after: int, action: str) -> None:
        """A running promotion's reserve of a model went from ``before`` to ``after`` units (its
        start, end, early end, or the model joining or leaving it): push 8 with the totals."""
        doc = self.store.get(ITEMS, item_id)
        if doc is None or doc["shop_id"] != shop_id or doc["kind"] != "outlet":
            return  # the item has gone: nothing of it is shown any more
        if not any(m["model_id"] == model_id for m in doc["models"]):
            return
        model = self._counts(shop_id, item_id, model_id)
        room = max(self.available(model), 0)
        old, new = min(before, room), min(after, room)
        self._publish_change(shop_id, item_id, model_id, old, new, action)

    def _totals(self, shop_id: int, keys: Iterable[tuple[int, int]], drawn: dict[tuple[int, int], int] | None = None
                ) -> dict[tuple[int, int], int]:
        """total_reserved per (item_id, model_id) as it stands; ``drawn`` promotion units are
        counted back into the promotion's reserve (a promotion-price order took them just now)."""
        totals = {}
        for item_id, model_id in keys:
            model = self._counts(shop_id, item_id, model_id)
            back = (drawn or {}).get((item_id, model_id), 0)
            totals[(item_id, model_id)] = self.total_reserved(item_id, model, back)
        return totals

    def _announce(self, shop_id: int, before: dict[tuple[int, int], int], action: str) -> None:
        """Push 8 for every model whose total_reserved moved since ``before``."""
        for (item_id, model_id), old in before.items():
            new = self.total_reserved(item_id, self._counts(shop_id, item_id, model_id))
            self._publish_change(shop_id, item_id, model_id, old, new, action)

    def _publish_change(self, shop_id: int, item_id: int, model_id: int, old: int, new: int, action: str) -> None:
        if old != new:
            self.emulator.publish(RESERVED_CHANGED, shop_id, item_id=item_id, model_id=model_id, old=old, new=new, action=action)

    def _apply(self, shop_id: int, wanted: dict[tuple[int, int], int], reserved: int = 0, stock: int = 0, sold: int = 0) -> None:
        if self._held is not None:
            self._apply_held(self._held, shop_id, wanted, reserved, stock, sold)
            return
        changes: dict[int, dict[int, dict[str, int]]] = {}
        for (item_id, model_id), quantity in wanted.items():
            model = self._counts(shop_id, item_id, model_id)
            changes.setdefault(item_id, {})[model_id] = {
                "reserved": model["reserved"] + reserved * quantity,
                "stock": model["stock"] + stock * quantity,
                "sold": model["sold"] + sold * quantity,
            }
        self._write(shop_id, changes)

    def _apply_held(self, passing: dict[int, "_Held"], shop_id: int, wanted: dict[tuple[int, int], int], reserved: int,
                    stock: int, sold: int) -> None:
        """``_apply`` inside a pass: the pass's own copies of the models change in place, with the
        same checks first and the same events after as a write to the store."""
        lines: list[tuple[dict[str, Any], int, int, int]] = []
        for (item_id, model_id), quantity in wanted.items():
            pending = passing.get(item_id)
            model = pending.models.get(model_id) if pending is not None and pending.shop_id == shop_id else None
            if model is None:
                counts = self._counts(shop_id, item_id, model_id)  # checks the item is the shop's
                if pending is None:
                    pending = passing[item_id] = _Held(shop_id)
                model = pending.models[model_id] = dict(counts)
            lines.append((model, item_id, model_id, quantity))
        now = self.emulator.clock.now()
        for model, item_id, _, quantity in lines:
            model["reserved"] += reserved * quantity
            model["stock"] += stock * quantity
            model["sold"] += sold * quantity
            passing[item_id].at = now
        self.emulator.publish(STOCK_CHANGED, shop_id, items=sorted({item_id for _, item_id, _, _ in lines}))

    def _write(self, shop_id: int, changes: dict[int, dict[int, dict[str, int]]]) -> None:
        now = self.emulator.clock.now()
        passing = self._held
        for item_id, by_model in changes.items():
            if passing is None:
                self._store_models(item_id, by_model, now)
                continue
            pending = passing.get(item_id) or passing.setdefault(item_id, _Held(shop_id))
            for model_id, counts in by_model.items():
                model = pending.models.get(model_id)
                if model is None:  # the pass's own copy, changed in place from here on
                    model = pending.models[model_id] = dict(self._counts(shop_id, item_id, model_id))
                model.update(counts)
            pending.at = now
        self.emulator.publish(STOCK_CHANGED, shop_id, items=sorted(changes))

    def _store_models(self, item_id: int, by_model: dict[int, dict[str, int]], now: int) -> None:
        """New model entries (and a new models list) in place of the changed ones: the store's undo
        keeps the item's old models list as it was, so an edit costs the models, not the item."""
        doc = self.store.get(ITEMS, item_id)
        assert doc is not None
        models = [{**m, **by_model[m["model_id"]]} if m["model_id"] in by_model else m for m in doc["models"]]
        self.store.update(ITEMS, item_id, {"models": models, "update_time": now})


class _Held:
    """What a running pass holds back for one item: its changed models as they now stand (copies
    of the pass's own), when they last changed, and the shop the item was checked to belong to."""

    __slots__ = ("at", "models", "shop_id")

    def __init__(self, shop_id: int) -> None:
        self.shop_id = shop_id
        self.models: dict[int, dict[str, Any]] = {}
        self.at = 0


def _quantities(lines: Iterable[dict[str, Any]]) -> dict[tuple[int, int], int]:
    """Quantity per (item_id, model_id), lines for the same model added up."""
    wanted: dict[tuple[int, int], int] = {}
    for line in lines:
        key = (int(line["item_id"]), int(line.get("model_id") or 0))
        wanted[key] = wanted.get(key, 0) + int(line["quantity"])
    return wanted
