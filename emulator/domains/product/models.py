"""Mart items, their Outlet copies, and the ownership split between them.

A Mart item holds every Mart-owned field (title, images, category, brand, attributes, variations,
model SKUs, weight, dimension, condition…). Publishing it to an Outlet creates an Outlet item that
holds only Outlet-owned fields (price, stock, logistics, pre-order, purchase limit, wholesale) and a
link to the Mart item; every read of an Outlet item joins the two, so a Mart update is visible on
every linked Outlet at once. Item status and model status belong to both sides.

Promotions (the discount domain) are read through ``promotions``: while a model's discount runs,
its current price is the promotion price.

LIMITATIONS: one stock location per model, no
video upload (video_upload_id is kept as given), no BR/PL tax or complaint-policy fields, items
never go to REVIEWING or BANNED by themselves.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

from sortedcontainers import SortedSet

from emulator.domains.product import errors as e
from emulator.domains.product import events, limits
from emulator.domains.product.amounts import money
from emulator.domains.product.batch import BatchTasks
from emulator.domains.product.errors import (
    ItemNotFound,
    NotBelongShop,
    OwnershipError,
    ProductError,
)
from emulator.domains.product.media import Media
from emulator.domains.product.rules import Rules
from emulator.domains.product.schedule import ScheduledPublishing
from emulator.domains.product.stock import ITEMS, Stock
from emulator.domains.product.video import Videos
from emulator.domains.shop.models import SHOPS
from emulator.domains.shop.warehouses import location_id
from emulator.store import Doc
from emulator.view_cache import ViewCache

if TYPE_CHECKING:
    from emulator.world import Emulator

__all__ = ["ProductModel", "money", "ItemNotFound", "ITEMS", "MART_FIELDS"]

MART_FIELDS = (
    "category_id", "item_name", "description", "description_type", "description_info", "item_sku",
    "image", "video_info", "brand", "attribute_list", "weight", "dimension", "condition", "size_chart", "size_chart_id",
    "tier_variation", "item_dangerous", "gtin_code", "medicine_id", "promotion_images",
)
# update_item parameters by owner, as the Instant Mart guide's field table assigns them.
MART_OWNED = (
    "item_name", "description", "description_type", "description_info", "item_sku", "image", "category_id",
    "brand", "attribute_list", "weight", "dimension", "condition", "video_upload_id", "size_chart_info",
    "item_dangerous", "gtin_code", "promotion_images", "medicine_id",
)
OUTLET_OWNED = ("logistic_info", "wholesale", "pre_order", "purchase_limit_info")
DELETED = "SELLER_DELETE"
GONE = (DELETED, "SHOPEE_DELETE", "DELETED")
DELETED_RETENTION = 90 * 86400
ITEM_NOT_FOUND = e.PRODUCT_NOT_FOUND


class Promotions(Protocol):
    """Where products learn of a model's running promotion: (promotion id, price) or None."""

    def current(self, item_id: int, model_id: int) -> tuple[int, str] | None: ...

    def holds(self, item_id: int, model_id: int) -> bool: ...

    def reserved_for_promotion(self, item_id: int, model_id: int, drawn: int = 0) -> int: ...

    def give_back(self, discount_id: int, item_id: int, model_id: int, quantity: int) -> None: ...

    def steady(self, item_id: int, now: int) -> tuple[float, float]: ...


ALWAYS = (float("-inf"), float("inf"))


class NoPromotions:
    def current(self, item_id: int, model_id: int) -> tuple[int, str] | None:
        return None

    def reserved_for_promotion(self, item_id: int, model_id: int, drawn: int = 0) -> int:
        return 0

    def give_back(self, discount_id: int, item_id: int, model_id: int, quantity: int) -> None:
        return None

    def holds(self, item_id: int, model_id: int) -> bool:
        return False

    def steady(self, item_id: int, now: int) -> tuple[float, float]:
        return ALWAYS


class ProductModel:
    """The catalogue of one emulator."""

    def __init__(self, emulator: "Emulator") -> None:
        self.emulator = emulator
        self.store = emulator.store
        self.stock = Stock(emulator)
        self.media = Media(emulator)
        self.rules = Rules(emulator)
        self.batches = BatchTasks(self)
        self.videos = Videos(self)
        self.schedules = ScheduledPublishing(self)
        self.promotions: Promotions = NoPromotions()
        # item ids per shop in ascending order, so pages are stable
        self._by_shop = ItemsByShop()
        self.store.watch(ITEMS, self._by_shop.watcher, self._by_shop.many, reads_old=False)
        self._by_shop.rebuild(self.store.collection(ITEMS))
        # get_item_base_info's views, per item and base URL: an Outlet item's view joins its Mart
        # item, so a Mart write drops its Outlets' views; the shop's stock location is shown too.
        # Discounts drop the views of their items (see DiscountModel) and bound them in time.
        self.item_views = ViewCache(self.store)
        self.item_views.watch(ITEMS, _item_and_outlets)
        self.item_views.watch(SHOPS, self._items_of_relocated_shop)

    def rebuild(self) -> None:
        self.item_views.clear()
        self._by_shop.rebuild(self.store.collection(ITEMS))

    def _items_of_relocated_shop(self, key: str, old: Doc | None, new: Doc | None) -> list[str]:
        if old is not None and new is not None and location_id(old) == location_id(new):
            return []
        return [str(item_id) for item_id in self.item_ids_of_shop(int(key))]

    def item_ids_of_shop(self, shop_id: int) -> list[int]:
        return self._by_shop.of_shop(int(shop_id))

    # -- lookups -------------------------------------------------------------------------------
    def find(self, item_id: int) -> dict[str, Any] | None:
        return self.store.get(ITEMS, item_id)

    def item_of(self, shop_id: int, item_id: int) -> dict[str, Any]:
        doc = self.find(item_id)
        if doc is None or doc["item_status"] in GONE:
            raise ItemNotFound(ITEM_NOT_FOUND)
        if doc["shop_id"] != shop_id:
            raise NotBelongShop(e.NOT_BELONG_SHOP)
        return doc

    def editable(self, shop_id: int, item_id: int) -> dict[str, Any]:
        self.item_of(shop_id, item_id)
        doc = self.store.edit(ITEMS, item_id)
        assert doc is not None
        return doc

    def mart_item_for(self, doc: dict[str, Any]) -> dict[str, Any]:
        if doc["kind"] == "mart":
            return doc
        mart = self.store.get(ITEMS, doc["mart_item_id"])
        assert mart is not None, "an Outlet item goes with its Mart item"
        return mart

    def items_of_shop(self, shop_id: int) -> list[dict[str, Any]]:
        return [doc for i in self.item_ids_of_shop(shop_id) if (doc := self.store.get(ITEMS, i)) is not None]

    def outlet_items(self, mart_doc: dict[str, Any]) -> list[dict[str, Any]]:
        """The live Outlet copies of a Mart item, for edits that must reach every Outlet."""
        found = []
        for item_id in mart_doc.get("outlets", {}).values():
            doc = self.store.edit(ITEMS, item_id)
            if doc is not None and doc["item_status"] not in GONE:
                found.append(doc)
        return found

    def touch(self, doc: dict[str, Any]) -> None:
        doc["update_time"] = self.emulator.clock.now()

    def forgotten(self, doc: dict[str, Any]) -> bool:
        """A deleted item past the 90 days the base-info guide keeps it readable for: no API finds
        it any more (the document stays, for the orders that name it)."""
        if doc["item_status"] not in GONE:
            return False
        return self.emulator.clock.now() - int(doc.get("deleted_time", doc["update_time"])) > DELETED_RETENTION

    def is_mart(self, shop_id: int) -> bool:
        return self.emulator.shops.is_mart(shop_id)

    def has_variants(self, doc: dict[str, Any]) -> bool:
        return bool(self.mart_item_for(doc).get("tier_variation"))

    # -- writes --------------------------------------------------------------------------------
    def create_mart_item(self, shop_id: int, fields: dict[str, Any], models: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """Store a validated Mart item. ``models`` are ``{tier_index, model_sku, original_price, stock}``."""
        now = self.emulator.clock.now()
        item_id = self.emulator.ids.next("item")
        doc: dict[str, Any] = {
            "item_id": item_id,
            "shop_id": shop_id,
            "kind": "mart",
            "item_status": fields.get("item_status", "NORMAL"),
            "create_time": now,
            "update_time": now,
            "original_price": money(fields.get("original_price", 0)),
            "logistic_info": fields.get("logistic_info", []),
            "pre_order": fields.get("pre_order") or {"is_pre_order": False, "days_to_ship": 1},
            "wholesales": fields.get("wholesales", []),
            "purchase_limit_info": fields.get("purchase_limit_info"),
            "scheduled_publish_time": fields.get("scheduled_publish_time", 0),
            "outlets": {},
            "tier_variation": [],
        }
        for name in MART_FIELDS:
            if name in fields:
                doc[name] = fields[name]
        stock = int(fields.get("stock", 0))
        location = fields.get("location_id", "")
        doc["models"] = [
            {"model_id": self.emulator.ids.next("model") if models else 0, "tier_index": m.get("tier_index", []),
             "model_sku": m.get("model_sku", ""), "model_status": "NORMAL",
             "original_price": money(m.get("original_price", doc["original_price"])),
             "stock": int(m.get("stock", stock)), "location_id": m.get("location_id", location)}
            for m in (models or [{"tier_index": [], "model_sku": fields.get("item_sku", "")}])
        ]
        self.store.put(ITEMS, item_id, doc)
        self.emulator.publish(events.ITEM_CREATED, shop_id, item_id=item_id)
        return doc

    def publish_to_outlet(
        self,
        mart_item_id: int,
        outlet_shop_id: int,
        models: list[dict[str, Any]],
        logistic_info: list[dict[str, Any]] | None = None,
        purchase_limit_info: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Create the Outlet item: ``models`` are ``{relate_mart_model_id, original_price, stock, pre_order?, model_status?}``."""
        mart_item = self.store.get(ITEMS, mart_item_id)
        assert mart_item is not None
        now = self.emulator.clock.now()
        item_id = self.emulator.ids.next("item")
        has_variants = any(m["model_id"] for m in mart_item["models"])
        doc = {
            "item_id": item_id,
            "shop_id": outlet_shop_id,
            "kind": "outlet",
            "mart_item_id": mart_item_id,
            "mart_shop_id": mart_item["shop_id"],
            "item_status": "NORMAL",
            "create_time": now,
            "update_time": now,
            "logistic_info": logistic_info or [],
            "pre_order": {"is_pre_order": False, "days_to_ship": 1},
            "purchase_limit_info": purchase_limit_info,
            "wholesales": [],
            "models": [self.outlet_model(m, has_variants) for m in models],
        }
        if not has_variants and doc["models"]:
            doc["pre_order"] = dict(doc["models"][0]["pre_order"])
        self.store.put(ITEMS, item_id, doc)
        mart = self.store.get(ITEMS, mart_item_id)
        assert mart is not None, "published from a Mart item"
        self.store.update(ITEMS, mart_item_id, {"outlets": {**mart["outlets"], str(outlet_shop_id): item_id}})
        self.emulator.publish(events.ITEM_PUBLISHED, outlet_shop_id, item_id=item_id, mart_item_id=mart_item_id)
        return doc

    def outlet_model(self, m: dict[str, Any], has_variants: bool) -> dict[str, Any]:
        return {
            "model_id": self.emulator.ids.next("model") if has_variants else 0,
            "relate_mart_model_id": int(m["relate_mart_model_id"]),
            "original_price": money(m["original_price"]),
            "current_price": money(m["original_price"]),
            "location_id": m.get("location_id") or "",
            "stock": int(m["stock"]),
            "reserved": 0,
            "sold": 0,
            "model_status": m.get("model_status") or "NORMAL",
            "pre_order": m.get("pre_order") or {"is_pre_order": False, "days_to_ship": 1},
        }

    def last_due(self, kind: str) -> float | None:
        """When the last unfinished batch task or video transcoding ends (None: nothing waits)."""
        if kind == "batch_tasks":
            return self.batches.last_due()
        return self.videos.last_due()

    # -- what an order needs to know ------------------------------------------------------------
    def check_purchase_limits(self, lines: list[dict[str, Any]]) -> None:
        """Refuse an order whose quantity of an item is outside the item's purchase limit."""
        limits.check(self, lines)

    def order_line(self, shop_id: int, item_id: int, model_id: int) -> dict[str, Any]:
        """Name, SKU, price, weight and image of one Outlet model, as an order line records them."""
        doc = self.item_of(shop_id, item_id)
        if doc["kind"] != "outlet" or doc["item_status"] != "NORMAL":
            raise ItemNotFound(ITEM_NOT_FOUND)
        mart = self.mart_item_for(doc)
        model = self.stock._model(doc, model_id)
        mart_model = next(m for m in mart["models"] if m["model_id"] == model["relate_mart_model_id"])
        names = [
            tier["option_list"][index]["option"]
            for tier, index in zip(mart.get("tier_variation") or [], mart_model["tier_index"])
        ]
        images = (mart.get("image") or {}).get("image_id_list") or [""]
        return {
            "item_id": item_id,
            "item_name": mart["item_name"],
            "item_sku": mart.get("item_sku", ""),
            "model_id": model_id,
            "model_name": ",".join(names),
            "model_sku": mart_model.get("model_sku", ""),
            "model_original_price": model["original_price"],
            "model_discounted_price": model["current_price"],
            "weight": str(mart_model.get("weight") or mart.get("weight", "0")),
            "image_id": images[0],
        }

    # -- ownership -------------------------------------------------------------------------------
    @staticmethod
    def refuse_fields(doc: dict[str, Any], given: dict[str, Any], mart_owned: tuple[str, ...], outlet_owned: tuple[str, ...]) -> None:
        """A field sent to the side that does not own it is refused, naming the field."""
        wrong = outlet_owned if doc["kind"] == "mart" else mart_owned
        template = e.OUTLET_OWNED if doc["kind"] == "mart" else e.MART_OWNED
        for name in given:
            if name in wrong:
                raise OwnershipError(template.format(field=name))

    def require_mart(self, shop_id: int, field: str) -> None:
        if not self.is_mart(shop_id):
            raise OwnershipError(e.MART_OWNED.format(field=field))

    def require_outlet(self, shop_id: int, field: str) -> None:
        if self.is_mart(shop_id):
            raise OwnershipError(e.OUTLET_OWNED.format(field=field))

    def check_item_count(self, shop_id: int) -> None:
        live = sum(1 for d in self.items_of_shop(shop_id) if d["item_status"] not in GONE)
        if live >= int(self.rules.limits["item_count"]):
            raise ProductError(e.ITEM_COUNT_LIMIT, error="error_reach_shop_item_limit")

    def seed_world(self, world: dict[str, Any]) -> None:
        from emulator.domains.product.seed import seed_catalogue

        seed_catalogue(self.emulator, world)


def _item_and_outlets(key: str, old: Doc | None, new: Doc | None) -> list[str]:
    """The item itself and, for a Mart item, every Outlet item that shows its fields."""
    keys = [key]
    for doc in (old, new):
        if doc is not None and doc.get("outlets"):
            keys += [str(item_id) for item_id in doc["outlets"].values()]
    return keys


class ItemsByShop:
    """Item ids per shop, ascending. An item never moves to another shop, so only a new item, a
    deleted one (or their undoing) changes it: the edits every stock or price write makes reach
    ``many`` at commit and cost a comparison each, where a general sorted index diffs places."""

    def __init__(self) -> None:
        self._ids: dict[int, SortedSet[int]] = {}

    def of_shop(self, shop_id: int) -> list[int]:
        return list(self._ids.get(shop_id, ()))

    def rebuild(self, docs: Mapping[str, Doc]) -> None:
        self._ids = {}
        for doc in docs.values():
            self._file(doc)

    def watcher(self, key: str, old: Doc | None, new: Doc | None) -> None:
        if old is not None and (new is None or old["shop_id"] != new["shop_id"]):
            ids = self._ids.get(int(old["shop_id"]))
            if ids is not None:
                ids.discard(int(old["item_id"]))
        if new is not None and (old is None or old["shop_id"] != new["shop_id"]):
            self._file(new)

    def many(self, changes: list[tuple[str, Doc | None, Doc | None]]) -> None:
        for key, old, new in changes:
            if old is None or new is None or old["shop_id"] != new["shop_id"]:
                self.watcher(key, old, new)

    def _file(self, doc: Doc) -> None:
        ids = self._ids.get(int(doc["shop_id"]))
        if ids is None:
            ids = self._ids[int(doc["shop_id"])] = SortedSet()
        ids.add(int(doc["item_id"]))
