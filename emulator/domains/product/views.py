"""What the product APIs answer: Mart items as stored, Outlet items joined with their Mart item."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from emulator.domains.product.amounts import number

if TYPE_CHECKING:
    from emulator.domains.product.models import ProductModel


class Views:
    """Renders item documents for one emulator; ``base_url`` is where the caller reaches us."""

    def __init__(self, products: "ProductModel", base_url: str) -> None:
        self.p = products
        self.base_url = base_url
        self.currency = products.emulator.world["currency"]

    def image_url(self, image_id: str) -> str:
        return self.p.media.url(image_id, self.base_url)

    def images(self, mart: dict[str, Any]) -> dict[str, Any]:
        image = mart.get("image") or {}
        ids = list(image.get("image_id_list") or [])
        return {"image_id_list": ids, "image_url_list": [self.image_url(i) for i in ids], "image_ratio": image.get("image_ratio", "1:1")}

    def tier_variation(self, mart: dict[str, Any]) -> list[dict[str, Any]]:
        out = []
        for tier in mart.get("tier_variation") or []:
            options = []
            for option in tier["option_list"]:
                rendered: dict[str, Any] = {"option": option["option"]}
                image_id = (option.get("image") or {}).get("image_id")
                if image_id:
                    rendered["image"] = {"image_id": image_id, "image_url": self.image_url(image_id)}
                options.append(rendered)
            out.append({"name": tier["name"], "option_list": options})
        return out

    # -- pairs of (Mart model, own model) ------------------------------------------------------
    def model_pairs(self, doc: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        mart = self.p.mart_item_for(doc)
        if doc["kind"] == "mart":
            return [(m, m) for m in mart["models"]]
        by_id = {m["model_id"]: m for m in mart["models"]}
        return [(by_id[m["relate_mart_model_id"]], m) for m in doc["models"] if m["relate_mart_model_id"] in by_id]

    def price_info(self, own: dict[str, Any]) -> dict[str, Any]:
        original = number(own["original_price"])
        current = number(own.get("current_price", own["original_price"]))
        return {"currency": self.currency, "original_price": original, "current_price": current,
                "inflated_price_of_original_price": original, "inflated_price_of_current_price": current}

    def stock_info(self, own: dict[str, Any]) -> dict[str, Any]:
        reserved = int(own.get("reserved", 0))
        return {
            "summary_info": {"total_reserved_stock": reserved, "total_available_stock": int(own["stock"]) - reserved},
            "seller_stock": [{"location_id": own.get("location_id", ""), "stock": int(own["stock"]), "if_saleable": True}],
        }

    @staticmethod
    def model_status(mart_model: dict[str, Any], own: dict[str, Any]) -> str:
        # Either side may switch a model off; it sells only while both leave it on.
        off = "UNAVAILABLE" in (mart_model.get("model_status"), own.get("model_status"))
        return "MODEL_UNAVAILABLE" if off else "MODEL_NORMAL"

    # -- whole answers ---------------------------------------------------------------------------
    def base_info(self, doc: dict[str, Any]) -> dict[str, Any]:
        mart = self.p.mart_item_for(doc)
        has_model = bool(mart.get("tier_variation"))
        info: dict[str, Any] = {
            "item_id": doc["item_id"],
            "category_id": mart.get("category_id", 0),
            "item_name": mart.get("item_name", ""),
            "description": mart.get("description", ""),
            "description_type": mart.get("description_type", "normal"),
            "item_sku": mart.get("item_sku", ""),
            "create_time": doc["create_time"],
            "update_time": max(doc["update_time"], mart["update_time"]),
            "attribute_list": mart.get("attribute_list") or [],
            "image": self.images(mart),
            "weight": str(mart.get("weight", "0")),
            "dimension": mart.get("dimension") or {"package_length": 0, "package_width": 0, "package_height": 0},
            "logistic_info": [{**c, "estimated_shipping_fee": c.get("shipping_fee", 0)} for c in doc.get("logistic_info") or []],
            "pre_order": dict(doc.get("pre_order") or {"is_pre_order": False, "days_to_ship": 1}),
            "wholesales": [{**w, "unit_price": number(w["unit_price"]), "inflated_price_of_unit_price": number(w["unit_price"])} for w in doc.get("wholesales") or []],
            "condition": mart.get("condition", "NEW"),
            "size_chart": mart.get("size_chart", ""),
            "item_status": doc["item_status"],
            "deboost": False,
            "has_model": has_model,
            "promotion_id": 0,
            "video_info": mart.get("video_info") or [],
            "brand": mart.get("brand") or {"brand_id": 0, "original_brand_name": "NoBrand"},
            "item_dangerous": mart.get("item_dangerous", 0),
            "gtin_code": mart.get("gtin_code", ""),
            "is_fulfillment_by_shopee": False,
        }
        if mart.get("description_info"):
            info["description_info"] = self.description_info(mart["description_info"])
        if doc.get("purchase_limit_info"):
            info["purchase_limit_info"] = doc["purchase_limit_info"]
        if doc["kind"] == "outlet":
            info["mart_item_id"] = doc["mart_item_id"]
        if not has_model:
            _, own = self.model_pairs(doc)[0]
            info["price_info"] = [self.price_info(own)]
            info["stock_info_v2"] = self.stock_info(own)
        return info

    def description_info(self, value: dict[str, Any]) -> dict[str, Any]:
        fields = []
        for field in value["extended_description"]["field_list"]:
            if field["field_type"] == "image":
                image_id = field["image_info"]["image_id"]
                fields.append({"field_type": "image", "image_info": {"image_id": image_id, "image_url": self.image_url(image_id)}})
            else:
                fields.append(dict(field))
        return {"extended_description": {"field_list": fields}}

    def model(self, mart_model: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
        rendered = {
            "model_id": own["model_id"],
            "tier_index": list(mart_model["tier_index"]),
            "promotion_id": 0,
            "model_sku": mart_model.get("model_sku", ""),
            "model_status": self.model_status(mart_model, own),
            "price_info": [self.price_info(own)],
            "stock_info_v2": self.stock_info(own),
            "pre_order": dict(own.get("pre_order") or {"is_pre_order": False, "days_to_ship": 1}),
            "gtin_code": mart_model.get("gtin_code", ""),
            "is_fulfillment_by_shopee": False,
        }
        if mart_model.get("weight"):
            rendered["weight"] = str(mart_model["weight"])
        if mart_model.get("dimension"):
            rendered["dimension"] = mart_model["dimension"]
        if own is not mart_model:
            rendered["relate_mart_model_id"] = mart_model["model_id"]
        return rendered

    def model_list(self, doc: dict[str, Any]) -> dict[str, Any]:
        mart = self.p.mart_item_for(doc)
        if not mart.get("tier_variation"):
            return {"tier_variation": [], "model": [], "standardise_tier_variation": []}
        return {
            "tier_variation": self.tier_variation(mart),
            "model": [self.model(m, own) for m, own in self.model_pairs(doc)],
            "standardise_tier_variation": [],
        }

    def write_model(self, mart_model: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
        """A model as add_model / init_tier_variation answer it."""
        rendered = {
            "tier_index": list(mart_model["tier_index"]),
            "model_id": own["model_id"],
            "model_sku": mart_model.get("model_sku", ""),
            "price_info": [{"original_price": number(own["original_price"])}],
            "seller_stock": [{"location_id": own.get("location_id", ""), "stock": int(own["stock"])}],
        }
        if mart_model.get("weight"):
            rendered["weight"] = float(mart_model["weight"])
        if mart_model.get("dimension"):
            rendered["dimension"] = mart_model["dimension"]
        return rendered

    def item_answer(self, doc: dict[str, Any]) -> dict[str, Any]:
        """add_item / update_item's answer: the item as now stored."""
        info = self.base_info(doc)
        own = self.model_pairs(doc)[0][1]
        answer = {
            "item_id": doc["item_id"],
            "item_name": info["item_name"],
            "description": info["description"],
            "description_type": info["description_type"],
            "weight": float(info["weight"]),
            "pre_order": info["pre_order"],
            "images": {"image_id_list": info["image"]["image_id_list"], "image_url_list": info["image"]["image_url_list"]},
            "item_status": info["item_status"],
            "price_info": {"original_price": number(own["original_price"]), "current_price": number(own.get("current_price", own["original_price"]))},
            "logistic_info": [{k: c[k] for k in ("size_id", "shipping_fee", "enabled", "logistic_id", "is_free")} for c in doc.get("logistic_info") or []],
            "attribute": [{"attribute_id": a["attribute_id"], "attribute_value_list": a["attribute_value_list"]} for a in info["attribute_list"]],
            "category_id": info["category_id"],
            "dimension": info["dimension"],
            "condition": info["condition"],
            "video_info": info["video_info"],
            "wholesale": [{k: w[k] for k in ("min_count", "max_count", "unit_price")} for w in info["wholesales"]],
            "brand": info["brand"],
            "item_dangerous": info["item_dangerous"],
            "seller_stock": [{"location_id": own.get("location_id", ""), "stock": int(own["stock"])}],
        }
        if "description_info" in info:
            answer["description_info"] = info["description_info"]
        return answer


def views_for(ctx: Any) -> Views:
    """Views for one request: URLs point at the host the caller used."""
    return Views(ctx.emulator.products, ctx.extra.get("base_url", ""))
