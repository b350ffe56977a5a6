"""Holiday mode: a shop closed (or partly closed) for a period set in advance."""
from __future__ import annotations

from typing import Any

from emulator.context import RequestContext
from emulator.registry import operation
from emulator.spec.requests import V2ShopGetShopHolidayModeRequest, V2ShopSetShopHolidayModeRequest


@operation("v2.shop.get_shop_holiday_mode")
def get_shop_holiday_mode(ctx: RequestContext, req: V2ShopGetShopHolidayModeRequest) -> dict[str, Any]:
    """Whether a holiday applies now, and the ongoing or upcoming period."""
    return ctx.emulator.shops.holiday.view(ctx.signed_shop_id)


@operation("v2.shop.set_shop_holiday_mode")
def set_shop_holiday_mode(ctx: RequestContext, req: V2ShopSetShopHolidayModeRequest) -> dict[str, Any]:
    """Switch holiday mode on (now or for a period) or off."""
    return ctx.emulator.shops.holiday.set(
        ctx.signed_shop_id, req.holiday_mode_on, req.holiday_mode_type, req.holiday_mode_start_time,
        req.holiday_mode_end_time, req.holiday_mode_description,
    )
