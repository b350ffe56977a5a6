"""Template size charts of the region's catalogue, and the attribute value search.

Size charts are reference data (emulator/data/catalogue/<REGION>.yaml, ``size_charts``): each
names the leaf categories that use it. An item of such a category may carry a template
(``size_chart_info.size_chart_id``, local shops) or an image size chart (``size_chart``).
"""
from __future__ import annotations

from typing import Any

from emulator.domains.product import errors as e
from emulator.domains.product.catalogue import Catalogue
from emulator.domains.product.errors import ProductError

MAX_PAGE_SIZE = 50
MAX_LIMIT = 100
CATEGORY_INVALID = "Category id is invalid"
SIZE_CHART_INVALID = "Invalid size_chart_id {size_chart_id}."
SIZE_CHART_NOT_OF_CATEGORY = "size_chart_id {size_chart_id} is not available for category {category_id}."
ATTRIBUTE_INVALID = "Invalid attribute_id {attribute_id}."


def _whole(text: str, name: str, low: int, high: int) -> int:
    if not (text.isascii() and text.isdigit() and len(text) <= 18) or not low <= int(text) <= high:
        raise e.wrong(f"{name} should be a number between {low} and {high}")
    return int(text)


def chart_list(catalogue: Catalogue, category_id: str, page_size: str, cursor: str | None) -> dict[str, Any]:
    """One page of a category's charts; the cursor is the position of the next one."""
    leaf = catalogue.leaf(int(category_id)) if category_id.isascii() and category_id.isdigit() and len(category_id) <= 18 else None
    if leaf is None:
        raise ProductError(CATEGORY_INVALID, error="product.error_param")
    size = _whole(page_size, "page_size", 1, MAX_PAGE_SIZE)
    start = _whole(cursor, "cursor", 0, 10**18) if cursor else 0
    charts = catalogue.size_charts_of(leaf["category_id"])
    page = charts[start:start + size]
    more = start + size < len(charts)
    return {"size_chart_list": [{"size_chart_id": int(c["size_chart_id"])} for c in page],
            "total_count": len(charts), "next_cursor": str(start + size) if more else ""}


def chart_detail(catalogue: Catalogue, size_chart_id: int) -> dict[str, Any]:
    chart = catalogue.size_chart(size_chart_id)
    if chart is None:
        raise ProductError(e.QUERIED_NOT_FOUND)
    return {"size_chart_id": chart["size_chart_id"], "size_chart_name": chart["name"],
            "size_chart_table": {"column_list": [_column(c) for c in chart["columns"]]}}


def _column(column: dict[str, Any]) -> dict[str, Any]:
    kind = column["input_type"]
    return {"measurement": {"input_type": kind, "display_name": column["display_name"], "unit": column["unit"]},
            "measurement_value_list": [_value(kind, v) for v in column["values"]]}


def _value(kind: str, raw: Any) -> dict[str, Any]:
    # only the field of the column's input type is set, the others are null, as the page's example shows
    value: dict[str, Any] = {"value": None, "min_value": None, "max_value": None, "option": None}
    if kind == "Single Dropdown":
        value["option"] = str(raw)
    elif kind == "Input Range Number":
        value["min_value"], value["max_value"] = float(raw[0]), float(raw[1])
    else:
        value["value"] = float(raw)
    return value


def check_item_chart(catalogue: Catalogue, size_chart_id: int, category_id: int) -> int:
    """A template size chart an item of ``category_id`` may carry; 0 removes it."""
    if size_chart_id == 0:
        return 0
    chart = catalogue.size_chart(size_chart_id)
    if chart is None:
        raise ProductError(SIZE_CHART_INVALID.format(size_chart_id=size_chart_id))
    if category_id not in chart["categories"]:
        raise ProductError(SIZE_CHART_NOT_OF_CATEGORY.format(size_chart_id=size_chart_id, category_id=category_id))
    return size_chart_id


def attribute_values(catalogue: Catalogue, attribute_id: int, value_name: str | None, cursor: int, limit: int) -> dict[str, Any]:
    """The attribute's predefined values whose name contains ``value_name``, from position ``cursor``."""
    attribute = catalogue.attributes.get(attribute_id)
    if attribute is None:
        raise ProductError(ATTRIBUTE_INVALID.format(attribute_id=attribute_id))
    if not 1 <= limit <= MAX_LIMIT:
        raise e.wrong(f"limit should be between 1 and {MAX_LIMIT}")
    if cursor < 0:
        raise e.wrong("cursor should not be negative")
    wanted = (value_name or "").strip().lower()
    found = [v for v in attribute.get("values") or [] if wanted in str(v["name"]).lower()]
    page = found[cursor:cursor + limit]
    more = cursor + limit < len(found)
    return {"value_list": [{"value_id": int(v["value_id"]), "value_name": str(v["name"])} for v in page],
            "page_info": {"cursor": cursor + limit if more else 0, "has_next": more}}
