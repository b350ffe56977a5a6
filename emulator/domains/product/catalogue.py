"""The region's category tree, attributes, brands and listing limits (emulator/data/catalogue/<REGION>.yaml).

The data is immutable and shared by every emulator of a region; rules read it, nothing writes it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from emulator import yaml_data
from emulator.worlds import data_dir

DEFAULT_BRAND = {"brand_id": 0, "original_brand_name": "NoBrand"}
INPUT_TYPES_WITH_FREE_VALUES = (2, 3, 5)  # combo boxes and free text accept value_id 0 + a name
MULTI_VALUE_TYPES = (4, 5)
TEXT_FIELD = 3  # free text only: there are no values to pick, so value_id is always 0
# input_validation_type: what a value the seller types must be (the attribute's ``validation``)
NO_VALIDATE_TYPE, INT_TYPE, STRING_TYPE, FLOAT_TYPE, DATE_TYPE = 0, 1, 2, 3, 4
DAY_MONTH_YEAR, MONTH_YEAR = 0, 1  # date_format_type: how a date value reads back


@dataclass(frozen=True)
class Catalogue:
    """One region's product reference data."""

    region: str
    limits: dict[str, Any]
    categories: dict[int, dict[str, Any]]
    attributes: dict[int, dict[str, Any]]
    brands: tuple[dict[str, Any], ...]
    keywords: dict[int, tuple[str, ...]]
    size_charts: tuple[dict[str, Any], ...] = ()

    def category(self, category_id: int | None) -> dict[str, Any] | None:
        return self.categories.get(int(category_id)) if category_id is not None else None

    def leaf(self, category_id: int | None) -> dict[str, Any] | None:
        """The category if it exists and has no children; products may only use leaves."""
        category = self.category(category_id)
        return category if category is not None and not category["has_children"] else None

    def attributes_of(self, category_id: int) -> list[dict[str, Any]]:
        category = self.categories[category_id]
        return [self.attributes[a] for a in category["attribute_ids"]]

    def brands_of(self, category_id: int, status: int = 1) -> list[dict[str, Any]]:
        return [b for b in self.brands if category_id in b["categories"] and b["status"] == status]

    def brand(self, category_id: int, brand_id: int) -> dict[str, Any] | None:
        return next((b for b in self.brands if b["brand_id"] == brand_id and category_id in b["categories"]), None)

    def recommend(self, item_name: str) -> list[int]:
        """Leaf categories whose keywords occur in the name, best match first."""
        name = item_name.lower()
        scores = {cid: sum(1 for word in words if _mentions(name, word)) for cid, words in self.keywords.items()}
        return [cid for cid, score in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])) if score]

    def size_charts_of(self, category_id: int) -> list[dict[str, Any]]:
        """The template size charts a leaf category offers, in id order."""
        return [c for c in self.size_charts if category_id in c["categories"]]

    def size_chart(self, size_chart_id: int) -> dict[str, Any] | None:
        return next((c for c in self.size_charts if c["size_chart_id"] == size_chart_id), None)

    def brand_mandatory(self, category_id: int) -> bool:
        return bool(self.categories[category_id].get("brand_mandatory"))


def _mentions(name: str, word: str) -> bool:
    # Thai is written without spaces, so only Latin words need a word boundary.
    if word.isascii():
        return re.search(rf"\b{re.escape(word)}\b", name) is not None
    return word in name


def _category(raw: dict[str, Any], parents: set[int], attribute_ids: dict[str, int]) -> dict[str, Any]:
    return {
        "category_id": raw["category_id"],
        "parent_category_id": raw.get("parent", 0),
        "original_category_name": raw["name"],
        "display_category_name": raw["display"],
        "has_children": raw["category_id"] in parents,
        "attribute_ids": [attribute_ids[key] for key in raw.get("attributes", [])],
        "weight_range": raw.get("weight"),
        "pre_order": raw.get("pre_order", True),
        "brand_mandatory": raw.get("brand_mandatory", False),
    }


@lru_cache(maxsize=8)
def catalogue(region: str) -> Catalogue:
    """The catalogue of ``region`` (ID, TH); an unknown region falls back to ID's data."""
    path = data_dir() / "catalogue" / f"{region.upper()}.yaml"
    if not path.exists():
        path = data_dir() / "catalogue" / "ID.yaml"
    raw = yaml_data.load(path)
    attribute_ids = {key: a["attribute_id"] for key, a in raw["attributes"].items()}
    parents = {c["parent"] for c in raw["categories"] if c.get("parent")}
    categories = {c["category_id"]: _category(c, parents, attribute_ids) for c in raw["categories"]}
    attributes = {a["attribute_id"]: a for a in raw["attributes"].values()}
    brands = tuple({"status": 1, **b} for b in raw["brands"])
    keywords = {int(cid): tuple(str(w).lower() for w in words) for cid, words in (raw.get("keywords") or {}).items()}
    size_charts = tuple(sorted(raw.get("size_charts") or [], key=lambda c: int(c["size_chart_id"])))
    return Catalogue(region.upper(), raw["limits"], categories, attributes, brands, keywords, size_charts)
