"""Shop APIs."""
from __future__ import annotations

from typing import Any

from emulator.context import RequestContext
from emulator.spec.requests import (
    V2ShopGetProfileRequest,
    V2ShopGetShopInfoRequest,
    V2ShopGetShopNotificationRequest,
    V2ShopGetWarehouseDetailRequest,
    V2ShopUpdateProfileRequest,
)
from emulator.registry import operation


@operation("v2.shop.get_shop_info", envelope="flat")
def get_shop_info(ctx: RequestContext, req: V2ShopGetShopInfoRequest) -> dict[str, Any]:
    """A Mart lists its Outlets; an Outlet names its Mart."""
    return ctx.emulator.shops.shop_info(ctx.signed_shop_id)


@operation("v2.shop.get_profile")
def get_profile(ctx: RequestContext, req: V2ShopGetProfileRequest) -> dict[str, Any]:
    """Name, logo and description."""
    return ctx.emulator.shops.profile(ctx.signed_shop_id)


@operation("v2.shop.update_profile")
def update_profile(ctx: RequestContext, req: V2ShopUpdateProfileRequest) -> dict[str, Any]:
    """Change name, logo or description, with the platform's checks."""
    return ctx.emulator.shops.update_profile(ctx.signed_shop_id, req.shop_name, req.shop_logo, req.description)


@operation("v2.shop.get_shop_notification")
def get_shop_notification(ctx: RequestContext, req: V2ShopGetShopNotificationRequest) -> dict[str, Any]:
    """Seller Center notifications after ``cursor``; every shop has its welcome notification."""
    return ctx.emulator.shops.notification(ctx.signed_shop_id, req.cursor)


@operation("v2.shop.get_warehouse_detail")
def get_warehouse_detail(ctx: RequestContext, req: V2ShopGetWarehouseDetailRequest) -> list[dict[str, Any]]:
    """The pickup or return warehouse of an Outlet in the multi-warehouse programme."""
    return ctx.emulator.shops.warehouses.detail(ctx.signed_shop_id, req.warehouse_type)
