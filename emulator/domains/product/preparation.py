"""Product creation preparation: categories, attributes, brands, limits and recommendations."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from emulator import yaml_data
from emulator.domains.product import errors as e
from emulator.domains.product.catalogue import STRING_TYPE, Catalogue
from emulator.domains.product.errors import ProductError
from emulator.domains.product.rules import WHOLESALE_PERCENT
from emulator.worlds import data_dir

LANGUAGES = {"ID": ("en", "id"), "TH": ("en", "th")}
MAX_CATEGORY_IDS = 20


def _language(catalogue: Catalogue, language: str | None) -> str:
    language = language or "en"
    if language not in LANGUAGES.get(catalogue.region, ("en",)):
        raise ProductError("Invalid language.", error="error_invalid_language")
    return language


def categories(catalogue: Catalogue, language: str | None) -> dict[str, Any]:
    local = _language(catalogue, language) != "en"
    return {"category_list": [
        {
            "category_id": c["category_id"],
            "parent_category_id": c["parent_category_id"],
            "original_category_name": c["original_category_name"],
            "display_category_name": c["display_category_name"] if local else c["original_category_name"],
            "has_children": c["has_children"],
        }
        for c in catalogue.categories.values()
    ]}


def _attribute(attribute: dict[str, Any], language: str) -> dict[str, Any]:
    # the catalogue holds one name per attribute and value: it is the translation in every language
    return {
        "attribute_id": attribute["attribute_id"],
        "mandatory": attribute["mandatory"],
        "name": attribute["name"],
        "attribute_value_list": [{"value_id": v["value_id"], "name": v["name"], "value_unit": "", "child_attribute_list": [],
                                 "multi_lang": [{"language": language, "value": v["name"]}]} for v in attribute["values"]],
        "attribute_info": {
            "input_type": attribute["input_type"],
            "input_validation_type": attribute.get("validation", STRING_TYPE),
            "format_type": attribute.get("format_type", 1),
            "date_format_type": attribute.get("date_format", 0),
            "attribute_unit_list": list(attribute.get("units", [])),
            "max_value_count": attribute.get("max_value_count", 1),
            "introduction": "",
            "is_oem": False,
            "support_search_value": False,
        },
        "multi_lang": [{"language": language, "value": attribute["name"]}],
    }


def attribute_tree(catalogue: Catalogue, category_ids: list[int], language: str | None) -> dict[str, Any]:
    language = _language(catalogue, language)
    if not 1 <= len(category_ids) <= MAX_CATEGORY_IDS:
        raise e.wrong(f"category_id_list length should be between 1 and {MAX_CATEGORY_IDS}")
    out = []
    for category_id in category_ids:
        if catalogue.leaf(category_id) is None:
            raise ProductError(e.INVALID_CATEGORY_ID.format(info=category_id), error="error_invalid_category")
        out.append({"category_id": category_id, "attribute_tree": [_attribute(a, language) for a in catalogue.attributes_of(category_id)], "warning": ""})
    return {"list": out}


def brand_list(catalogue: Catalogue, category_id: int, status: int, offset: int, page_size: int, language: str | None) -> dict[str, Any]:
    _language(catalogue, language)
    if catalogue.leaf(category_id) is None:
        raise ProductError(e.INVALID_CATEGORY)
    if status not in (1, 2):
        raise e.wrong("status should be 1 or 2")
    if not 1 <= page_size <= 100 or offset < 0:
        raise e.wrong("page_size should be between 1 and 100")
    brands = catalogue.brands_of(category_id, status)
    page = brands[offset: offset + page_size]
    more = offset + page_size < len(brands)
    return {
        "brand_list": [{"brand_id": b["brand_id"], "original_brand_name": b["name"], "display_brand_name": b["name"]} for b in page],
        "has_next_page": more,
        "next_offset": offset + page_size if more else 0,
        "is_mandatory": catalogue.brand_mandatory(category_id),
        "input_type": "DROP_DOWN",
    }


def item_limit(catalogue: Catalogue, category_id: int | None) -> dict[str, Any]:
    category = None
    if category_id is not None:
        category = catalogue.leaf(category_id)
        if category is None:
            raise ProductError(e.INVALID_CATEGORY)
    lim = catalogue.limits
    charts = catalogue.size_charts_of(category["category_id"]) if category is not None else []
    pre_order = lim["pre_order_days_to_ship"] if category is None or category["pre_order"] else {"min": -1, "max": -1}
    return {
        "price_limit": {"min_limit": float(lim["price"]["min"]), "max_limit": float(lim["price"]["max"])},
        "wholesale_price_threshold_percentage": dict(WHOLESALE_PERCENT),
        "stock_limit": {"min_limit": lim["stock"]["min"], "max_limit": lim["stock"]["max"]},
        "item_name_length_limit": {"min_limit": lim["item_name"]["min"], "max_limit": lim["item_name"]["max"]},
        "item_image_count_limit": {"min_limit": lim["image_count"]["min"], "max_limit": lim["image_count"]["max"]},
        "item_description_length_limit": {"min_limit": lim["description"]["min"], "max_limit": lim["description"]["max"]},
        "tier_variation_name_length_limit": {"min_limit": lim["tier_name"]["min"], "max_limit": lim["tier_name"]["max"]},
        "tier_variation_option_length_limit": {"min_limit": lim["tier_option"]["min"], "max_limit": lim["tier_option"]["max"]},
        "item_count_limit": {"max_limit": lim["item_count"]},
        "extended_description_limit": {
            "description_text_length_min": lim["description"]["min"], "description_text_length_max": lim["description"]["max"],
            "description_image_num_min": 0, "description_image_num_max": 12,
            "description_image_width_min": 300, "description_image_height_min": 300,
            "description_image_aspect_ratio_min": 0.5, "description_image_aspect_ratio_max": 32.0,
        },
        "dts_limit": {"days_to_ship_limit": {"min_limit": pre_order["min"], "max_limit": pre_order["max"]},
                      "non_pre_order_days_to_ship": lim["non_pre_order_days_to_ship"]},
        "weight_limit": {"weight_mandatory": True},
        "dimension_limit": {"dimension_mandatory": False},
        "size_chart_limit": {"size_chart_mandatory": False, "support_image_size_chart": bool(charts), "support_template_size_chart": bool(charts)},
        "gtin_limit": {"gtin_validation_rule": lim.get("gtin_validation_rule", "Optional")},
    }


def recommend_category(catalogue: Catalogue, item_name: str) -> dict[str, Any]:
    if not item_name.strip():
        raise e.wrong("item_name is required")
    return {"category_id": catalogue.recommend(item_name)[:3]}


def recommend_attributes(catalogue: Catalogue, item_name: str, category_id: int) -> dict[str, Any]:
    """Drop-down values whose name the item name mentions, e.g. an egg count or a flavour."""
    if catalogue.leaf(category_id) is None:
        raise ProductError(e.INVALID_CATEGORY)
    name = item_name.lower()
    out = []
    for attribute in catalogue.attributes_of(category_id):
        values = [v for v in attribute["values"] if re.search(rf"(^|\W){re.escape(v['name'].lower())}($|\W)", name)]
        if values:
            out.append({"attribute_id": attribute["attribute_id"], "attribute_value_list": [{"value_id": v["value_id"]} for v in values[:1]]})
    return {"attribute_list": out}


def recommend_weight(catalogue: Catalogue, category_id: int) -> dict[str, Any]:
    category = catalogue.leaf(category_id)
    if category is None:
        raise ProductError(e.INVALID_CATEGORY)
    span = category.get("weight_range") or []
    return {"normal_weight_range": [float(x) for x in span]}


@lru_cache(maxsize=1)
def _standard_variations() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml_data.load(data_dir() / "catalogue" / "variations.yaml")
    return loaded


def standard_variations(catalogue: Any, region: str, category_id: int) -> dict[str, Any]:
    """The standardised variation tree a leaf category offers; option ids follow their group's."""
    if catalogue.leaf(category_id) is None:
        raise ProductError(e.INVALID_CATEGORY_ID.format(info=category_id), error="error_invalid_category")
    tree = []
    for variation in _standard_variations().get(region, []):
        groups = [
            {
                "variation_group_id": group["variation_group_id"],
                "variation_group_name": group["variation_group_name"],
                "variation_option_list": [
                    {"variation_option_id": group["variation_group_id"] * 100 + index, "variation_option_name": name}
                    for index, name in enumerate(group["options"], start=1)
                ],
            }
            for group in variation["groups"]
        ]
        tree.append({"variation_id": variation["variation_id"], "variation_name": variation["variation_name"], "variation_group_list": groups})
    return {"standardise_variation_list": tree}
