"""The seller's steps of an order its buyer collects at the Outlet (``collection``)."""
from __future__ import annotations

from emulator.context import RequestContext
from emulator.registry import operation
from emulator.spec.requests import V2LogisticsUpdateSelfCollectionOrderLogisticsRequest


@operation("v2.logistics.update_self_collection_order_logistics")
def update_self_collection_order_logistics(ctx: RequestContext, req: V2LogisticsUpdateSelfCollectionOrderLogisticsRequest) -> None:
    """ready_for_collection: the parcel waits at the counter; order_collected: the buyer took it."""
    ctx.emulator.orders.collection.update(
        ctx.signed_shop_id, req.package_number, req.self_collection_logistics_action, req.epoc_image_list, req.pin,
    )
