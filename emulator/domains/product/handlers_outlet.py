"""Instant Mart publishing and the Outlet-owned price and stock APIs."""
from __future__ import annotations

from typing import Any

from emulator.context import RequestContext
from emulator.spec.requests import (
    V2ProductGetMartItemByOutletItemIdRequest,
    V2ProductUpdatePriceRequest,
    V2ProductUpdateStockRequest,
)
from emulator.domains.product import outlet
from emulator.domains.product.requests import (
    GetMartItemMappingByIdRequest,
    PublishItemToOutletShopRequest,
)
from emulator.registry import operation


@operation("v2.product.publish_item_to_outlet_shop", request=PublishItemToOutletShopRequest,
           method="POST", path="/api/v2/product/publish_item_to_outlet_shop")
def publish_item_to_outlet_shop(ctx: RequestContext, req: PublishItemToOutletShopRequest) -> dict[str, Any]:
    """Create an Outlet's copy of a Mart item with the Outlet's price, stock and channels."""
    doc = outlet.publish(ctx.emulator.products, ctx.signed_shop_id, req.mart_item_id, req.outlet_shop_id, req.publish_item.model_dump(exclude_unset=True))
    return outlet.publish_answer(doc)


@operation("v2.product.get_mart_item_mapping_by_id", request=GetMartItemMappingByIdRequest,
           method="POST", path="/api/v2/product/get_mart_item_mapping_by_id")
def get_mart_item_mapping_by_id(ctx: RequestContext, req: GetMartItemMappingByIdRequest) -> dict[str, Any]:
    """The Outlet items (and models) a Mart item was published as."""
    return outlet.mapping(ctx.emulator.products, ctx.signed_shop_id, req.mart_item_id, req.outlet_shop_id_list)


@operation("v2.product.get_mart_item_by_outlet_item_id")
def get_mart_item_by_outlet_item_id(ctx: RequestContext, req: V2ProductGetMartItemByOutletItemIdRequest) -> dict[str, Any]:
    """The Mart item (and models) an Outlet item was published from: get_mart_item_mapping_by_id read backwards."""
    return outlet.mart_item_by_outlet_item(ctx.emulator.products, ctx.signed_shop_id, int(req.outlet_item_id))


@operation("v2.product.update_price")
def update_price(ctx: RequestContext, req: V2ProductUpdatePriceRequest) -> dict[str, Any]:
    """Outlet prices per model, with per-model failures."""
    return outlet.update_price(ctx.emulator.products, ctx.signed_shop_id, req.item_id, [p.model_dump() for p in req.price_list])


@operation("v2.product.update_stock")
def update_stock(ctx: RequestContext, req: V2ProductUpdateStockRequest) -> dict[str, Any]:
    """Outlet seller stock per model, through the one stock path."""
    ctx.emulator.shops.holiday.check_stock_change(ctx.signed_shop_id)
    entries = req.model_dump()["stock_list"]
    return outlet.update_stock(ctx.emulator.products, ctx.signed_shop_id, req.item_id, entries)
