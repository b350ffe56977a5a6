"""Size charts and attribute values of the region's catalogue."""
from __future__ import annotations

from typing import Any

from emulator.context import RequestContext
from emulator.spec.requests import (
    V2ProductGetSizeChartDetailRequest,
    V2ProductGetSizeChartListRequest,
    V2ProductSearchAttributeValueListRequest,
)
from emulator.domains.product import size_charts
from emulator.registry import operation


@operation("v2.product.get_size_chart_list")
def get_size_chart_list(ctx: RequestContext, req: V2ProductGetSizeChartListRequest) -> dict[str, Any]:
    """The template size charts a leaf category uses, a page at a time."""
    catalogue = ctx.emulator.products.rules.catalogue
    return size_charts.chart_list(catalogue, str(req.category_id), str(req.page_size), req.cursor)


@operation("v2.product.get_size_chart_detail")
def get_size_chart_detail(ctx: RequestContext, req: V2ProductGetSizeChartDetailRequest) -> dict[str, Any]:
    """A template's table: each measurement column with its values."""
    return size_charts.chart_detail(ctx.emulator.products.rules.catalogue, int(req.size_chart_id))


@operation("v2.product.search_attribute_value_list")
def search_attribute_value_list(ctx: RequestContext, req: V2ProductSearchAttributeValueListRequest) -> dict[str, Any]:
    """An attribute's predefined values matching a keyword, a page at a time."""
    catalogue = ctx.emulator.products.rules.catalogue
    return size_charts.attribute_values(catalogue, int(req.attribute_id), req.value_name, int(req.cursor), int(req.limit))
