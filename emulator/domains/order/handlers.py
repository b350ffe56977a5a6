"""v2.order.* handlers: read params, call the order model, return plain dicts."""
from __future__ import annotations

from functools import partial
from typing import Any

from emulator.context import RequestContext
from emulator.spec.requests import (
    V2OrderCancelOrderRequest,
    V2OrderGetOrderDetailRequest,
    V2OrderGetOrderListRequest,
    V2OrderGetPackageDetailRequest,
    V2OrderGetShipmentListRequest,
    V2OrderHandleBuyerCancellationRequest,
    V2OrderSearchPackageListRequest,
    V2OrderSetNoteRequest,
    V2OrderSplitOrderRequest,
    V2OrderUnsplitOrderRequest,
)
from emulator.domains.order import errors as e
from emulator.domains.order import package_views, queries, views
from emulator.domains.order.errors import OrderNotFound
from emulator.errors import WRONG_PARAMETERS, ShopeeError, wrong_parameters
from emulator.registry import operation
from emulator.results import Warned

BATCH_LIMIT = 50
PACKAGE_VIEW = "package"  # the order's variant in its views cache that get_package_detail reads


def _split(raw: Any) -> list[str]:
    parts = raw if isinstance(raw, list) else str(raw or "").split(",")
    return [p.strip() for p in parts if str(p).strip()]


@operation("v2.order.get_order_list")
def get_order_list(ctx: RequestContext, req: V2OrderGetOrderListRequest) -> dict[str, Any]:
    """Orders of the shop in a time window, newest first, by cursor."""
    return queries.order_list(
        ctx.emulator.orders, ctx.signed_shop_id, req.time_range_field, req.time_from, req.time_to, req.page_size,
        req.cursor, req.order_status, views.optional_fields(req.response_optional_fields),
    )


@operation("v2.order.get_order_detail")
def get_order_detail(ctx: RequestContext, req: V2OrderGetOrderDetailRequest) -> Any:
    """Up to 50 orders with the requested optional field groups."""
    order_sns = _split(req.order_sn_list)
    if not 1 <= len(order_sns) <= BATCH_LIMIT:
        raise wrong_parameters(f"order_sn_list should contain 1 to {BATCH_LIMIT} order_sn")
    fields = views.optional_fields(req.response_optional_fields)
    orders = ctx.emulator.orders
    found = [orders.find(sn) for sn in dict.fromkeys(order_sns)]
    pending = bool(req.request_order_status_pending)
    returns = ctx.emulator.returns
    variant = (frozenset(fields & views.DETAIL_OPTIONAL), pending)

    def build(doc: dict[str, Any]) -> dict[str, Any]:
        return views.detail(doc, fields, pending, returns.of_order(doc["order_sn"]))

    cached = orders.views.get
    listed = [
        cached(d["order_sn"], variant, partial(build, d))
        for d in found if d and d["shop_id"] == ctx.signed_shop_id
    ]
    if not listed:
        raise OrderNotFound()
    missing = [sn for sn, d in zip(dict.fromkeys(order_sns), found) if not d or d["shop_id"] != ctx.signed_shop_id]
    response = {"order_list": listed}
    warning = [f"order_sn {sn} is not found" for sn in missing]
    return Warned(response, warning) if missing else response  # string[] here, per the reference


@operation("v2.order.get_shipment_list")
def get_shipment_list(ctx: RequestContext, req: V2OrderGetShipmentListRequest) -> dict[str, Any]:
    """Orders waiting for the seller to arrange shipment."""
    return queries.shipment_list(ctx.emulator.orders, ctx.signed_shop_id, req.page_size, req.cursor)


@operation("v2.order.search_package_list")
def search_package_list(ctx: RequestContext, req: V2OrderSearchPackageListRequest) -> dict[str, Any]:
    """Unshipped packages by fulfilment status, channel and sort."""
    return queries.package_list(ctx.emulator.orders, ctx.signed_shop_id, req)


@operation("v2.order.get_package_detail")
def get_package_detail(ctx: RequestContext, req: V2OrderGetPackageDetailRequest) -> Any:
    """Up to 50 packages by package_number."""
    numbers = _split(req.package_number_list)
    if not 1 <= len(numbers) <= BATCH_LIMIT:
        raise wrong_parameters(f"package_number_list should contain 1 to {BATCH_LIMIT} package_number")
    orders = ctx.emulator.orders
    docs = {n: orders.by_package(ctx.signed_shop_id, n) for n in dict.fromkeys(numbers)}
    cached = orders.views.get
    listed = [cached(d["order_sn"], PACKAGE_VIEW, partial(package_views.package_detail, d)) for d in docs.values() if d is not None]
    if not listed:
        raise ShopeeError(WRONG_PARAMETERS.format(msg="the package is not found"), error="error_not_found")
    missing = [n for n, d in docs.items() if d is None]
    response = {"package_list": listed}
    return Warned(response, f"package_number {', '.join(missing)} not found") if missing else response


@operation("v2.order.cancel_order")
def cancel_order(ctx: RequestContext, req: V2OrderCancelOrderRequest) -> dict[str, Any]:
    """The seller cancels an unshipped order, or some of its units; the stock they held is released."""
    items = [{"item_id": i.item_id, "model_id": i.model_id} for i in req.item_list or []]
    partial = [
        {"item_id": i.item_id, "model_id": i.model_id, "model_quantity": i.model_quantity,
         "order_item_id": i.order_item_id, "promotion_group_id": i.promotion_group_id}
        for i in req.partial_cancel_item_list or []
    ]
    doc = ctx.emulator.orders.seller_cancel(ctx.signed_shop_id, req.order_sn, req.cancel_reason, items, partial)
    return {"update_time": doc["update_time"]}


@operation("v2.order.handle_buyer_cancellation")
def handle_buyer_cancellation(ctx: RequestContext, req: V2OrderHandleBuyerCancellationRequest) -> dict[str, Any]:
    """ACCEPT or REJECT the buyer's cancellation request."""
    doc = ctx.emulator.orders.handle_buyer_cancellation(ctx.signed_shop_id, req.order_sn, req.operation)
    return {"update_time": doc["update_time"]}


@operation("v2.order.set_note")
def set_note(ctx: RequestContext, req: V2OrderSetNoteRequest) -> None:
    """The seller's private note on an order."""
    ctx.emulator.orders.set_note(ctx.signed_shop_id, req.order_sn, req.note)


@operation("v2.order.split_order")
def split_order(ctx: RequestContext, req: V2OrderSplitOrderRequest) -> None:
    """Splitting needs a per-shop permission that test shops do not have."""
    ctx.emulator.orders.of_shop(ctx.signed_shop_id, req.order_sn)
    raise ShopeeError(e.CANNOT_SPLIT, error="order.order_cannot_split")


@operation("v2.order.unsplit_order")
def unsplit_order(ctx: RequestContext, req: V2OrderUnsplitOrderRequest) -> None:
    """No order is ever split here, so there is nothing to undo."""
    ctx.emulator.orders.of_shop(ctx.signed_shop_id, req.order_sn)
    raise ShopeeError(e.CANNOT_UNDO_SPLIT, error="order.order_cannot_undo_split")
