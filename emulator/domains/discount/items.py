"""The items and models of a discount: adding, repricing and removing them, entry by entry.

Each ``item_list`` entry is checked whole before anything of it is written: an entry with any
failing model is refused with all its failures in ``error_list`` and the other entries apply
(``count`` counts the entries applied).
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from emulator.domains.discount import errors as e
from emulator.domains.discount.errors import Refusal
from emulator.domains.product.amounts import money, round_price, spread_too_large
from emulator.domains.product.models import GONE

if TYPE_CHECKING:
    from emulator.domains.discount.models import DiscountModel, Doc

BATCH_MAX = 50
ITEMS_MAX = 1000
HALF_PRICE_REGIONS = ("VN",)
Entry = dict[str, Any]
# (model_id, promotion price as given, promotion stock as given)
Target = tuple[int, Any, Any]


class Items:
    """Item operations of one emulator's discounts."""

    def __init__(self, discounts: DiscountModel) -> None:
        self.d = discounts
        self.emulator = discounts.emulator

    # -- add ----------------------------------------------------------------------------------------
    def add(self, shop_id: int, discount_id: int, entries: list[Entry]) -> tuple[int, list[Refusal]]:
        doc, _ = self.d.editable(shop_id, discount_id, "add_discount_item")
        _check_batch(entries)
        count, refusals, seen = 0, [], set()
        for entry in entries:
            item_id = int(entry["item_id"])
            failed = self._add_refusals(doc, shop_id, entry, item_id in seen)
            seen.add(item_id)
            if failed:
                refusals += failed
                continue
            targets, _ = self._targets(shop_id, entry)
            models = {str(model_id): {"model_id": model_id, "promotion_price": money(price),
                                      "promotion_stock": int(stock) if stock else None, "promotion_sold": 0}
                      for model_id, price, stock in targets}
            doc["items"][str(item_id)] = {"item_id": item_id, "purchase_limit": int(entry.get("purchase_limit") or 0), "models": models}
            for model in models.values():
                self.d.announce(doc, item_id, model, joined=True)
            count += 1
        if count:
            doc["update_time"] = self.d.now()
        return count, refusals

    def _add_refusals(self, doc: Doc, shop_id: int, entry: Entry, repeated: bool) -> list[Refusal]:
        item_id = int(entry["item_id"])
        if repeated:
            return [Refusal(item_id, 0, *e.ITEM_REPEATED)]
        if str(item_id) in doc["items"]:
            return [Refusal(item_id, 0, *e.ITEM_IN_THIS)]
        if len(doc["items"]) >= ITEMS_MAX:
            return [Refusal(item_id, 0, *e.TOO_MANY_ITEMS)]
        targets, failed = self._targets(shop_id, entry)
        if failed:
            return failed
        limit = entry.get("purchase_limit")
        if limit is not None and int(limit) < 0:
            error, message = e.PURCHASE_LIMIT
            return [Refusal(item_id, 0, error, message.format(number=-1))]
        item = self.emulator.products.find(item_id)
        assert item is not None
        out = []
        for model_id, price, stock in targets:
            failure = self._price_refusal(item, model_id, price) or _stock_refusal(item, model_id, stock)
            if failure is None and self.d.overlapping(doc, item_id, model_id, doc["start_time"], doc["end_time"]):
                failure = e.ITEM_IN_OTHER
            if failure is not None:
                out.append(Refusal(item_id, model_id, *failure))
        return out or self._spread_refusal(item, {}, targets)

    def _spread_refusal(self, item: Doc, in_discount: Doc, targets: list[Target]) -> list[Refusal]:
        """The item's prices while the discount runs (the new promotion prices, those already in it,
        the others' own) may not be further apart than the region allows (the guide's multiple)."""
        prices = {int(m["model_id"]): m["original_price"] for m in item["models"]}
        prices.update({int(key): model["promotion_price"] for key, model in in_discount.items() if int(key) in prices})
        prices.update({model_id: price for model_id, price, _ in targets})
        if spread_too_large(self.emulator.shops.get(item["shop_id"])["region"], list(prices.values())):
            return [Refusal(int(item["item_id"]), 0, *e.PRICE_SPREAD)]
        return []

    def _targets(self, shop_id: int, entry: Entry) -> tuple[list[Target], list[Refusal]]:
        """The models an entry names with their prices and stocks, or why the entry is refused."""
        item_id = int(entry["item_id"])
        item = self.emulator.products.find(item_id)
        if item is None or item["shop_id"] != shop_id or item["kind"] != "outlet" or item["item_status"] in GONE:
            return [], [Refusal(item_id, 0, *e.ITEM_NOT_EXIST)]
        if item["item_status"] != "NORMAL":
            return [], [Refusal(item_id, 0, *e.ITEM_STATUS)]
        listed = entry.get("model_list") or []
        if not listed:
            if self.emulator.products.has_variants(item):
                return [], [Refusal(item_id, 0, *e.ITEM_NEEDS_MODEL)]
            if entry.get("item_promotion_price") is None:
                return [], [Refusal(item_id, 0, *e.NEED_PRICE)]
            return [(0, _rounded(entry["item_promotion_price"], self.emulator.world["region"]), entry.get("item_promotion_stock"))], []
        known = {int(m["model_id"]) for m in item["models"]}
        targets, refusals, seen = [], [], set()
        for model in listed:
            model_id = int(model.get("model_id") or 0)
            if model_id not in known:
                refusals.append(Refusal(item_id, model_id, *e.MODEL_NOT_EXIST))
            elif model_id in seen:
                refusals.append(Refusal(item_id, model_id, *e.MODEL_REPEATED))
            else:
                targets.append((model_id, _rounded(model.get("model_promotion_price"), self.emulator.world["region"]), model.get("model_promotion_stock")))
            seen.add(model_id)
        return targets, refusals

    def _price_refusal(self, item: Doc, model_id: int, price: Any) -> tuple[str, str] | None:
        if price is None:
            return e.NEED_PRICE
        try:
            amount = Decimal(str(price))
        except InvalidOperation:
            return e.PRICE_TOO_LOW
        original = _original(item, model_id)
        if not amount.is_finite() or amount <= 0:
            return e.PRICE_TOO_LOW
        if amount > original:
            return e.PRICE_ABOVE
        if self.emulator.shops.get(item["shop_id"])["region"] in HALF_PRICE_REGIONS and amount < original / 2:
            return e.PRICE_VN
        return None

    # -- update -------------------------------------------------------------------------------------
    def update(self, shop_id: int, discount_id: int, entries: list[Entry]) -> tuple[int, list[Refusal]]:
        doc, _ = self.d.editable(shop_id, discount_id, "update_discount_item")
        _check_batch(entries)
        count, refusals, seen = 0, [], set()
        for entry in entries:
            item_id = int(entry["item_id"])
            failed, changes = self._update_plan(doc, shop_id, entry, item_id in seen)
            seen.add(item_id)
            if failed:
                refusals += failed
                continue
            item = doc["items"][str(item_id)]
            for model_id, price in changes:
                item["models"][str(model_id)]["promotion_price"] = money(price)
            if entry.get("purchase_limit") is not None:
                item["purchase_limit"] = int(entry["purchase_limit"])
            count += 1
        if count:
            doc["update_time"] = self.d.now()
        return count, refusals

    def _update_plan(self, doc: Doc, shop_id: int, entry: Entry, repeated: bool) -> tuple[list[Refusal], list[tuple[int, Any]]]:
        item_id = int(entry["item_id"])
        if repeated:
            return [Refusal(item_id, 0, *e.ITEM_REPEATED)], []
        if str(item_id) not in doc["items"]:
            return [Refusal(item_id, 0, *e.ITEM_NOT_IN)], []
        listed = entry.get("model_list") or []
        if not listed and entry.get("item_promotion_price") is None:
            stock, held = entry.get("item_promotion_stock"), doc["items"][str(item_id)]["models"].get("0")
            if stock is not None and held is not None and int(stock) != int(held.get("promotion_stock") or 0):
                return [Refusal(item_id, 0, *e.ASSIGNED_STOCK)], []
            # only the purchase limit changes
            return self._limit_refusal(item_id, entry), []
        entry = {**entry, "model_list": listed} if listed else entry
        targets, failed = self._targets(shop_id, entry)
        if failed:
            return failed, []
        item = self.emulator.products.find(item_id)
        assert item is not None
        in_discount = doc["items"][str(item_id)]["models"]
        out = self._limit_refusal(item_id, entry)
        for model_id, price, stock in targets:
            failure = e.MODEL_NOT_IN if str(model_id) not in in_discount else self._price_refusal(item, model_id, price)
            if failure is None and stock is not None and int(stock) != int(in_discount[str(model_id)].get("promotion_stock") or 0):
                failure = e.ASSIGNED_STOCK  # set once by add_discount_item: delete the item and add it again
            if failure is not None:
                out.append(Refusal(item_id, model_id, *failure))
        out = out or self._spread_refusal(item, in_discount, targets)
        return out, [(model_id, price) for model_id, price, _ in targets]

    @staticmethod
    def _limit_refusal(item_id: int, entry: Entry) -> list[Refusal]:
        limit = entry.get("purchase_limit")
        if limit is not None and int(limit) < 0:
            error, message = e.PURCHASE_LIMIT
            return [Refusal(item_id, 0, error, message.format(number=-1))]
        return []

    # -- delete -------------------------------------------------------------------------------------
    def delete(self, shop_id: int, discount_id: int, item_id: int, model_id: int | None) -> list[Refusal]:
        doc, _ = self.d.editable(shop_id, discount_id, "delete_discount_item")
        item = doc["items"].get(str(item_id))
        if item is None:
            raise e.refuse("discount.discount_item_not_exist", e.ITEM_NOT_IN_DISCOUNT)
        if model_id and str(model_id) not in item["models"]:
            return [Refusal(item_id, model_id, *e.MODEL_NOT_IN)]
        if model_id and len(item["models"]) > 1:
            # the model goes back to its own price while the others keep theirs in the discount
            staying = {key: model for key, model in item["models"].items() if key != str(model_id)}
            product = self.emulator.products.find(item_id)
            if product is not None and self._spread_refusal(product, staying, []):
                return [Refusal(item_id, model_id, *e.PRICE_SPREAD)]
        removed = [item["models"].pop(str(model_id))] if model_id else list(item["models"].values())
        if not model_id:
            item["models"].clear()
        if not item["models"]:
            del doc["items"][str(item_id)]
        for model in removed:
            self.d.announce(doc, item_id, model, joined=False)
        doc["update_time"] = self.d.now()
        return []


def _check_batch(entries: list[Entry]) -> None:
    if len(entries) > BATCH_MAX:
        raise e.refuse("discount.exceed_discount_item_batch_size", e.BATCH_TOO_BIG)


def _rounded(price: Any, region: str) -> Any:
    """A promotion price rounded half up to its region's price step, as item prices are (whole units
    outside the regions update_price lets price to two decimals); anything not a number stays as
    given, for the price checks to refuse."""
    if price is None or isinstance(price, bool):
        return price
    try:
        amount = Decimal(str(price))
    except InvalidOperation:
        return price
    if not amount.is_finite() or abs(amount) >= Decimal(10) ** 20:
        return price
    return round_price(amount, region)


def _original(item: Doc, model_id: int) -> Decimal:
    model = next(m for m in item["models"] if int(m["model_id"]) == model_id)
    return Decimal(str(model["original_price"]))


def _stock_refusal(item: Doc, model_id: int, stock: Any) -> tuple[str, str] | None:
    if not stock:
        return None
    model = next(m for m in item["models"] if int(m["model_id"]) == model_id)
    available = int(model["stock"]) - int(model.get("reserved", 0))
    if int(stock) < 0 or int(stock) > available:
        return e.NOT_ENOUGH_STOCK
    # a promotion stock a buyer could not reach in one order of the item's minimum quantity
    least = int((item.get("purchase_limit_info") or {}).get("min_purchase_limit") or 0)
    if int(stock) < least:
        error, message = e.BELOW_MPQ
        return error, message.format(number=least)
    return None
