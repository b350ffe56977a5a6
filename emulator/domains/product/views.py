"""What the product APIs answer: Mart items as stored, Outlet items joined with their Mart item."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import orjson

from emulator.domains.product.amounts import number
from emulator.domains.shop.warehouses import location_id
from emulator.render import dumps

if TYPE_CHECKING:
    from emulator.context import RequestContext
    from emulator.domains.product.models import ProductModel


# no purchase limit: a buyer may take any quantity from 1 up (0 = no maximum)
NO_DIMENSION = {"package_length": 0, "package_width": 0, "package_height": 0}
NO_PURCHASE_LIMIT = {"min_purchase_limit": 1, "max_purchase_limit": {"purchase_limit": 0}}
# tax_info's fields are BR, IN, PL and TW tax codes: an ID or TH shop has none of them set
TAX_TEXT_FIELDS = (
    "ncm", "diff_state_cfop", "csosn", "origin", "cest", "measure_unit", "invoice_option", "vat_rate", "hs_code",
    "tax_code", "pis", "cofins", "icms_cst", "pis_cofins_cst", "federal_state_taxes", "operation_type", "ex_tipi",
    "fci_num", "recopi_num", "additional_info", "export_cfop",
)
GROUP_ITEM_FIELDS = ("group_qtd", "group_unit", "group_unit_value", "original_group_price", "group_gtin_sscc", "group_grai_gtin_sscc")


def tax_info() -> dict[str, Any]:
    """get_item_base_info's tax_info for a local ID or TH shop: every code empty."""
    return {**{name: "" for name in TAX_TEXT_FIELDS}, "tax_type": 0, "group_item_info": {name: "" for name in GROUP_ITEM_FIELDS}}


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

    def promotion_image(self, mart: dict[str, Any]) -> dict[str, Any]:
        ids = list((mart.get("promotion_images") or {}).get("image_id_list") or [])
        # one is set only beside 3:4 item images (add_item's page), so it is answered at their ratio
        return {"image_id_list": ids, "image_url_list": [self.image_url(i) for i in ids], "image_ratio": "3:4" if ids else "1:1"}

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

    def promotion(self, doc: dict[str, Any], own: dict[str, Any]) -> tuple[int, str] | None:
        """The running promotion of an Outlet model: (promotion id, price), else None."""
        if doc["kind"] != "outlet":
            return None
        return self.p.promotions.current(int(doc["item_id"]), int(own["model_id"]))

    def price_info(self, own: dict[str, Any], promotion: tuple[int, str] | None = None) -> dict[str, Any]:
        original = number(own["original_price"])
        current = number(promotion[1] if promotion else own.get("current_price", own["original_price"]))
        return {"currency": self.currency, "original_price": original, "current_price": current,
                "inflated_price_of_original_price": original, "inflated_price_of_current_price": current}

    def stock_info(self, doc: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
        # advance_stock is for selected advance-fulfilment shops only, which Instant Mart shops are not
        if doc["kind"] == "outlet":  # orders' units are out of the seller stock; a running promotion's are reserved
            stock = self.p.stock  # the promotion's reserve, looked up once for both figures
            seller = stock.available(own)
            reserved = stock.promotion_held(int(doc["item_id"]), own)
        else:
            seller, reserved = int(own["stock"]) - int(own.get("reserved", 0)), 0
        return {
            "summary_info": {"total_reserved_stock": reserved, "total_available_stock": seller - reserved},
            # the one location get_warehouse_detail names for the shop now (none outside the programme)
            "seller_stock": [{"location_id": location_id(self.p.emulator.shops.get(int(doc["shop_id"]))), "stock": seller,
                              "if_saleable": True}],
            "shopee_stock": [],
        }

    @staticmethod
    def model_status(mart_model: dict[str, Any], own: dict[str, Any]) -> str:
        # Either side may switch a model off; it sells only while both leave it on.
        off = "UNAVAILABLE" in (mart_model.get("model_status"), own.get("model_status"))
        return "MODEL_UNAVAILABLE" if off else "MODEL_NORMAL"

    # -- whole answers ---------------------------------------------------------------------------
    def rendered_base_info(self, doc: dict[str, Any], with_tax: bool = False) -> orjson.Fragment:
        """``base_info`` (with ``tax_info`` when asked) as JSON, as last built, while neither the
        item, its Mart item, its shop nor its discounts changed and no discount of it started or
        ended since. Kept rendered: the envelope embeds it as it is, so a read neither builds nor
        encodes the item again."""
        products = self.p
        item_id = doc["item_id"]
        # the span is taken around the moment before the build: a real-time clock that crosses a
        # discount's start while building ends the span there, so the view is not kept past it
        now = products.emulator.clock.now()

        def build() -> tuple[orjson.Fragment, float, float]:
            info = self.base_info(doc)
            if with_tax:
                info["tax_info"] = tax_info()
            return (orjson.Fragment(dumps(info)), *products.promotions.steady(int(item_id), now))

        found: orjson.Fragment = products.item_views.get_timed(str(item_id), (self.base_url, with_tax), now, build)
        return found

    def base_info(self, doc: dict[str, Any]) -> dict[str, Any]:
        mart = self.p.mart_item_for(doc)
        has_model = bool(mart.get("tier_variation"))
        pairs = self.model_pairs(doc)
        # the first model's promotion is also the price of an item without variations: looked up once
        first = self.promotion(doc, pairs[0][1]) if pairs else None
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
            "dimension": mart.get("dimension") or dict(NO_DIMENSION),
            "logistic_info": [{**c, "estimated_shipping_fee": c.get("shipping_fee", 0)} for c in doc.get("logistic_info") or []],
            "pre_order": dict(doc.get("pre_order") or {"is_pre_order": False, "days_to_ship": 1}),
            "wholesales": [{**w, "unit_price": number(w["unit_price"]), "inflated_price_of_unit_price": number(w["unit_price"])} for w in doc.get("wholesales") or []],
            "condition": mart.get("condition", "NEW"),
            "size_chart": mart.get("size_chart", ""),
            "item_status": doc["item_status"],
            "deboost": False,
            "has_model": has_model,
            "has_promotion": first is not None or any(self.promotion(doc, own) for _, own in pairs[1:]),
            "video_info": [self.p.videos.item_info(v, self.base_url) for v in mart.get("video_info") or []],
            "brand": mart.get("brand") or {"brand_id": 0, "original_brand_name": "NoBrand"},
            "item_dangerous": mart.get("item_dangerous", 0),
            "gtin_code": mart.get("gtin_code", ""),
            "size_chart_id": int(mart.get("size_chart_id") or 0),
            "promotion_image": self.promotion_image(mart),
            "compatibility_info": {"vehicle_info_list": []},
            # a schedule means nothing once the item is listed
            "scheduled_publish_time": int(doc.get("scheduled_publish_time") or 0) if doc["item_status"] == "UNLIST" else 0,
            "authorised_brand_id": 0,
            "ssp_id": 0,
            "is_fulfillment_by_shopee": False,
            "tag": {"kit": False},
            "purchase_limit_info": dict(doc.get("purchase_limit_info") or NO_PURCHASE_LIMIT),
            "medicine_id": int(mart.get("medicine_id") or 0),
            "certification_info": {"certification_list": []},
        }
        if mart.get("description_info"):
            info["description_info"] = self.description_info(mart["description_info"])
        if doc["kind"] == "outlet":
            info["mart_item_id"] = doc["mart_item_id"]
        if not has_model:
            _, own = pairs[0]
            info["price_info"] = [self.price_info(own, first)]
            info["stock_info_v2"] = self.stock_info(doc, own)
        return info

    def description_info(self, value: dict[str, Any]) -> dict[str, Any]:
        # every field carries both parts, the one its type does not use empty (as the guide's sample sends them)
        fields = []
        for field in value["extended_description"]["field_list"]:
            image_id = (field.get("image_info") or {}).get("image_id", "") if field["field_type"] == "image" else ""
            fields.append({"field_type": field["field_type"], "text": field.get("text", "") if field["field_type"] == "text" else "",
                           "image_info": {"image_id": image_id, "image_url": self.image_url(image_id) if image_id else ""}})
        return {"extended_description": {"field_list": fields}}

    def model(self, doc: dict[str, Any], mart: dict[str, Any], mart_model: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
        promotion = self.promotion(doc, own)
        rendered = {
            "model_id": own["model_id"],
            "tier_index": list(mart_model["tier_index"]),
            "promotion_id": promotion[0] if promotion else 0,
            "has_promotion": promotion is not None,
            "model_sku": mart_model.get("model_sku", ""),
            "model_status": self.model_status(mart_model, own),
            "price_info": [self.price_info(own, promotion)],
            "stock_info_v2": self.stock_info(doc, own),
            "pre_order": dict(own.get("pre_order") or {"is_pre_order": False, "days_to_ship": 1}),
            "gtin_code": mart_model.get("gtin_code", ""),
            # a model without its own weight or dimension has the item's
            "weight": str(mart_model.get("weight") or mart.get("weight", "0")),
            "dimension": dict(mart_model.get("dimension") or mart.get("dimension") or NO_DIMENSION),
            "is_fulfillment_by_shopee": False,
        }
        if own is not mart_model:
            rendered["relate_mart_model_id"] = mart_model["model_id"]
        return rendered

    def model_list(self, doc: dict[str, Any]) -> dict[str, Any]:
        mart = self.p.mart_item_for(doc)
        if not mart.get("tier_variation"):
            return {"tier_variation": [], "model": [], "standardise_tier_variation": []}
        return {
            "tier_variation": self.tier_variation(mart),
            "model": [self.model(doc, mart, m, own) for m, own in self.model_pairs(doc)],
            "standardise_tier_variation": [],
        }

    def write_model(self, mart: dict[str, Any], model: dict[str, Any]) -> dict[str, Any]:
        """A Mart model as add_model / init_tier_variation answer it (the item's weight and dimension by default)."""
        return {
            "tier_index": list(model["tier_index"]),
            "model_id": model["model_id"],
            "model_sku": model.get("model_sku", ""),
            "price_info": [{"original_price": number(model["original_price"])}],
            "seller_stock": [{"location_id": model.get("location_id", ""), "stock": int(model["stock"])}],
            "weight": float(model.get("weight") or mart.get("weight", "0")),
            "dimension": dict(model.get("dimension") or mart.get("dimension") or NO_DIMENSION),
        }

    def update_answer(self, doc: dict[str, Any]) -> dict[str, Any]:
        """update_item's answer: the item as now stored, in the fields its page lists."""
        info = self.base_info(doc)
        answer = {
            "description": info["description"],
            "weight": float(info["weight"]),
            "pre_order": info["pre_order"],
            "item_name": info["item_name"],
            "item_status": info["item_status"],
            "images": {"image_id_list": info["image"]["image_id_list"], "image_url_list": info["image"]["image_url_list"]},
            "logistic_info": [{k: c[k] for k in ("estimated_shipping_fee", "logistic_name", "enabled", "logistic_id", "is_free")}
                              for c in info["logistic_info"]],
            "item_id": doc["item_id"],
            "category_id": info["category_id"],
            "dimension": info["dimension"],
            "condition": info["condition"],
            "brand": info["brand"],
            "item_dangerous": info["item_dangerous"],
            "description_type": info["description_type"],
        }
        if "description_info" in info:
            answer["description_info"] = info["description_info"]
        return answer

    def item_answer(self, doc: dict[str, Any]) -> dict[str, Any]:
        """add_item's answer: the item as now stored."""
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


def views_for(ctx: RequestContext) -> Views:
    """Views for one request: URLs point at the host the caller used."""
    return Views(ctx.emulator.products, ctx.base_url)
