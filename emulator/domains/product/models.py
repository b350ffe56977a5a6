"""Mart items, their Outlet copies, and the ownership split between them.

A Mart item holds every Mart-owned field (title, images, category, brand, attributes, variations,
model SKUs, weight, dimension, condition…). Publishing it to an Outlet creates an Outlet item that
holds only Outlet-owned fields (price, stock, logistics, pre-order, purchase limit, wholesale) and a
link to the Mart item; every read of an Outlet item joins the two, so a Mart update is visible on
every linked Outlet at once.

LIMITATIONS: no promotions (current_price == original_price), one stock location per model.
"""
from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from emulator.domains.product.stock import ITEMS, Stock
from emulator.errors import ShopeeError

if TYPE_CHECKING:
    from emulator.world import Emulator

MART_FIELDS = (
    "category_id", "item_name", "description", "description_type", "description_info", "item_sku",
    "image", "video_info", "brand", "attribute_list", "weight", "dimension", "condition", "size_chart",
    "tier_variation", "item_dangerous", "gtin_code",
)
ITEM_NOT_FOUND = "Product not found"


class ItemNotFound(ShopeeError):
    error = "error_item_not_found"


def money(value: Any) -> str:
    """Prices are exact decimal strings: whole amounts as integers, others to two places."""
    amount = Decimal(str(value))
    if amount == amount.to_integral_value():
        return str(amount.quantize(Decimal(1)))
    return str(amount.quantize(Decimal("0.01")))


class ProductModel:
    """The catalogue of one emulator."""

    def __init__(self, emulator: "Emulator") -> None:
        self.emulator = emulator
        self.store = emulator.store
        self.stock = Stock(emulator)

    # -- lookups -------------------------------------------------------------------------------
    def find(self, item_id: int) -> dict[str, Any] | None:
        return self.store.get(ITEMS, item_id)

    def item_of(self, shop_id: int, item_id: int) -> dict[str, Any]:
        doc = self.find(item_id)
        if doc is None or doc["shop_id"] != shop_id or doc["item_status"] == "DELETED":
            raise ItemNotFound(ITEM_NOT_FOUND)
        return doc

    def mart_item_for(self, doc: dict[str, Any]) -> dict[str, Any]:
        return doc if doc["kind"] == "mart" else self.store.get(ITEMS, doc["mart_item_id"])  # type: ignore[return-value]

    def items_of_shop(self, shop_id: int) -> list[dict[str, Any]]:
        return [d for d in self.store.collection(ITEMS).values() if d["shop_id"] == shop_id]

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
            "outlets": {},
            "tier_variation": [],
        }
        for name in MART_FIELDS:
            if name in fields:
                doc[name] = fields[name]
        doc["models"] = [
            {"model_id": self.emulator.ids.next("model") if models else 0, "tier_index": m.get("tier_index", []),
             "model_sku": m.get("model_sku", ""), "model_status": "NORMAL",
             "original_price": money(m.get("original_price", doc["original_price"]))}
            for m in (models or [{"tier_index": [], "model_sku": fields.get("item_sku", "")}])
        ]
        self.store.put(ITEMS, item_id, doc)
        self.emulator.publish("product.item_created", shop_id, item_id=item_id)
        return doc

    def publish_to_outlet(
        self,
        mart_item_id: int,
        outlet_shop_id: int,
        models: list[dict[str, Any]],
        logistic_info: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Create the Outlet item: ``models`` are ``{relate_mart_model_id, original_price, stock, pre_order?}``."""
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
            "purchase_limit": None,
            "wholesales": [],
            "models": [
                {
                    "model_id": self.emulator.ids.next("model") if has_variants else 0,
                    "relate_mart_model_id": int(m["relate_mart_model_id"]),
                    "original_price": money(m["original_price"]),
                    "current_price": money(m["original_price"]),
                    "location_id": m.get("location_id") or "",
                    "stock": int(m["stock"]),
                    "reserved": 0,
                    "sold": 0,
                    "model_status": "NORMAL",
                    "pre_order": m.get("pre_order") or {"is_pre_order": False, "days_to_ship": 1},
                }
                for m in models
            ],
        }
        self.store.put(ITEMS, item_id, doc)
        self.store.edit(ITEMS, mart_item_id)["outlets"][str(outlet_shop_id)] = item_id  # type: ignore[index]
        self.emulator.publish("product.item_published", outlet_shop_id, item_id=item_id, mart_item_id=mart_item_id)
        return doc

    # -- what an order needs to know ------------------------------------------------------------
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
            "weight": str(mart.get("weight", "0")),
            "image_id": images[0],
        }

    def seed_world(self, world: dict[str, Any]) -> None:
        from emulator.domains.product.seed import seed_catalogue

        seed_catalogue(self.emulator, world)
