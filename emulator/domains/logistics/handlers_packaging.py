"""Mart packaging fee APIs (ID only)."""
from __future__ import annotations

from typing import Any

from emulator.context import RequestContext
from emulator.spec.requests import V2LogisticsGetMartPackagingInfoRequest, V2LogisticsSetMartPackagingInfoRequest
from emulator.registry import operation


@operation("v2.logistics.get_mart_packaging_info")
def get_mart_packaging_info(ctx: RequestContext, req: V2LogisticsGetMartPackagingInfoRequest) -> dict[str, Any]:
    """Whether a packaging fee is charged, and the packaging's size and fee when it is."""
    return ctx.emulator.logistics.packaging_info(ctx.signed_shop_id)


@operation("v2.logistics.set_mart_packaging_info")
def set_mart_packaging_info(ctx: RequestContext, req: V2LogisticsSetMartPackagingInfoRequest) -> dict[str, Any]:
    """Switch the packaging fee on (with size and fee) or off."""
    dimension = req.dimension.model_dump() if req.dimension is not None else None
    fee = req.packaging_fee.value if req.packaging_fee is not None else None
    return ctx.emulator.logistics.set_packaging_info(ctx.signed_shop_id, req.enable, dimension, fee)
