"""Batch tasks of a Mart over its Outlets: publish, Outlet prices, Outlet stock, and their results."""
from __future__ import annotations

from typing import Any

from emulator.context import RequestContext
from emulator.domains.product import batch
from emulator.domains.product.requests import BatchPublishItemToOutletShopRequest
from emulator.registry import operation
from emulator.spec.requests import (
    V2ProductBatchUpdateOutletPriceRequest,
    V2ProductBatchUpdateOutletStockRequest,
    V2ProductGetBatchTaskResultRequest,
)


@operation("v2.product.batch_publish_item_to_outlet_shop", request=BatchPublishItemToOutletShopRequest)
def batch_publish_item_to_outlet_shop(ctx: RequestContext, req: BatchPublishItemToOutletShopRequest) -> dict[str, Any]:
    """A task that publishes Mart items to Outlets once the clock passes its delay."""
    entries = [entry.model_dump(exclude_unset=True) for entry in req.item_list]
    return {"task_id": ctx.emulator.products.batches.create(_shop(ctx), batch.PUBLISH, entries)}


@operation("v2.product.batch_update_outlet_price")
def batch_update_outlet_price(ctx: RequestContext, req: V2ProductBatchUpdateOutletPriceRequest) -> dict[str, Any]:
    """A task that sets Outlet model prices, with the rules of update_price."""
    entries = [entry.model_dump(exclude_unset=True) for entry in req.item_list]
    return {"task_id": ctx.emulator.products.batches.create(_shop(ctx), batch.PRICE, entries)}


@operation("v2.product.batch_update_outlet_stock")
def batch_update_outlet_stock(ctx: RequestContext, req: V2ProductBatchUpdateOutletStockRequest) -> dict[str, Any]:
    """A task that sets Outlet seller stock, with the rules of update_stock."""
    entries = [entry.model_dump(exclude_unset=True) for entry in req.item_list]
    return {"task_id": ctx.emulator.products.batches.create(_shop(ctx), batch.STOCK, entries)}


@operation("v2.product.get_batch_task_result")
def get_batch_task_result(ctx: RequestContext, req: V2ProductGetBatchTaskResultRequest) -> dict[str, Any]:
    """Ongoing (1) or finished (2), with one record per Outlet model applied or refused."""
    return ctx.emulator.products.batches.result(_shop(ctx), req.task_type, req.task_id)


def _shop(ctx: RequestContext) -> int:
    return ctx.signed_shop_id
