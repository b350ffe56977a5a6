"""Shipping an order: parameters, arranging shipment (single, mass, batch) and tracking.

The rules live in ``emulator.domains.logistics.fulfilment``; these handlers only read and answer.
"""
from __future__ import annotations

from typing import Any

from emulator.context import RequestContext
from emulator.spec.requests import (
    V2LogisticsBatchShipOrderRequest,
    V2LogisticsGetMassShippingParameterRequest,
    V2LogisticsGetMassTrackingNumberRequest,
    V2LogisticsGetShippingParameterRequest,
    V2LogisticsGetTrackingInfoRequest,
    V2LogisticsGetTrackingNumberRequest,
    V2LogisticsMassShipOrderRequest,
    V2LogisticsShipOrderRequest,
    V2LogisticsUpdateShippingOrderRequest,
)
from emulator.domains.logistics import errors as e
from emulator.domains.order.views import optional_fields
from emulator.errors import ShopeeError, wrong_parameters
from emulator.registry import operation

BATCH_LIMIT = 50


def _order(ctx: RequestContext, order_sn: str, package_number: str | None = None) -> dict[str, Any]:
    doc = ctx.emulator.orders.of_shop(ctx.signed_shop_id, order_sn)
    ctx.emulator.orders.fulfilment.package_of(doc, package_number)
    return doc


def _pickup_types(ctx: RequestContext) -> None:
    """A JSON body's pickup.address_id must be a JSON integer, as its pickup_time_id must be a string.

    The models read numeric text as integers (query strings carry nothing else); in the ship
    calls' bodies that leniency would take a quoted address id while a bare slot id is refused.
    """
    pickup = (ctx.extra.get("body_params") or {}).get("pickup")
    if isinstance(pickup, dict) and isinstance(pickup.get("address_id"), str):
        raise wrong_parameters("pickup.address_id should be an integer")


def _tracked_order(ctx: RequestContext, order_sn: str, package_number: str | None) -> dict[str, Any]:
    doc = ctx.emulator.orders.find(order_sn)
    if doc is None or doc["shop_id"] != ctx.signed_shop_id:
        raise e.LogisticsError(e.ORDER_NOT_EXIST, error="logistics.invalid_error")
    ctx.emulator.orders.fulfilment.package_of(doc, package_number)
    return doc


def _packages(ctx: RequestContext, package_list: list[Any], channel_id: int | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(orders found, fail_list) for a mass call; duplicates and oversize lists fail the whole call."""
    numbers = [p.package_number for p in package_list]
    if not numbers:
        raise wrong_parameters(f"package_list should contain 1 to {BATCH_LIMIT} packages")
    if len(numbers) > BATCH_LIMIT:
        raise e.LogisticsError(e.PACKAGE_EXCEEDS_LIMIT, error="logistics.error_param")
    if len(set(numbers)) != len(numbers):
        raise e.LogisticsError(e.DUPLICATE_PACKAGE, error="logistics.error_param")
    found, failed = [], []
    for number in numbers:
        doc = ctx.emulator.orders.by_package(ctx.signed_shop_id, number)
        if doc is None:
            failed.append({"package_number": number, "fail_reason": e.PACKAGE_NOT_EXIST})
        elif channel_id is not None and doc["logistics_channel_id"] != channel_id:
            raise ShopeeError(e.NOT_UNDER_CHANNEL, error="error_param")
        else:
            found.append(doc)
    return found, failed


@operation("v2.logistics.get_shipping_parameter")
def get_shipping_parameter(ctx: RequestContext, req: V2LogisticsGetShippingParameterRequest) -> dict[str, Any]:
    """What ship_order needs for this order: the pickup address and time slots."""
    doc = _order(ctx, req.order_sn, req.package_number)
    return ctx.emulator.orders.fulfilment.parameters(ctx.signed_shop_id, doc)


@operation("v2.logistics.get_mass_shipping_parameter")
def get_mass_shipping_parameter(ctx: RequestContext, req: V2LogisticsGetMassShippingParameterRequest) -> dict[str, Any]:
    """Shipping parameters shared by packages of one channel."""
    found, failed = _packages(ctx, req.package_list, req.logistics_channel_id)
    fulfilment = ctx.emulator.orders.fulfilment
    result: dict[str, Any] = {"info_needed": {"pickup": ["address_id", "pickup_time_id"]}}
    address = fulfilment.address(ctx.signed_shop_id)
    address["time_slot_list"] = fulfilment.time_slots(ctx.now)
    result["pickup"] = {"address_list": [address]}
    success = []
    for doc in found:
        if fulfilment.shippable(doc):
            success.append({"package_number": doc["packages"][0]["package_number"]})
        else:
            failed.append({"package_number": doc["packages"][0]["package_number"], "fail_reason": e.NOT_READY_TO_SHIP})
    return {**result, "success_list": success, "fail_list": failed}


@operation("v2.logistics.ship_order")
def ship_order(ctx: RequestContext, req: V2LogisticsShipOrderRequest) -> None:
    """Arrange shipment of one order: PROCESSED, with a tracking number."""
    _pickup_types(ctx)
    ctx.emulator.orders.fulfilment.ship(ctx.signed_shop_id, req.order_sn, req.package_number, req.pickup, req.dropoff, req.non_integrated)


@operation("v2.logistics.update_shipping_order")
def update_shipping_order(ctx: RequestContext, req: V2LogisticsUpdateShippingOrderRequest) -> None:
    """New pickup address or slot for an order whose pickup failed (RETRY_SHIP)."""
    _pickup_types(ctx)
    ctx.emulator.orders.fulfilment.update(ctx.signed_shop_id, req.order_sn, req.package_number, req.pickup)


@operation("v2.logistics.mass_ship_order")
def mass_ship_order(ctx: RequestContext, req: V2LogisticsMassShipOrderRequest) -> dict[str, Any]:
    """Arrange shipment of up to 50 packages of one channel with one set of parameters."""
    _pickup_types(ctx)
    found, failed = _packages(ctx, req.package_list, req.logistics_channel_id)
    fulfilment = ctx.emulator.orders.fulfilment
    success = []
    for doc in found:
        number = doc["packages"][0]["package_number"]
        try:
            fulfilment.ship(ctx.signed_shop_id, doc["order_sn"], number, req.pickup, req.dropoff, req.non_integrated)
        except ShopeeError as exc:
            failed.append({"package_number": number, "fail_reason": exc.message})
        else:
            success.append({"package_number": number})
    return {"success_list": success, "fail_list": failed}


@operation("v2.logistics.batch_ship_order")
def batch_ship_order(ctx: RequestContext, req: V2LogisticsBatchShipOrderRequest) -> dict[str, Any]:
    """Arrange shipment of up to 50 orders; each answers in result_list."""
    _pickup_types(ctx)
    if not 1 <= len(req.order_list) <= BATCH_LIMIT:
        raise wrong_parameters(f"order_list should contain 1 to {BATCH_LIMIT} orders")
    fulfilment = ctx.emulator.orders.fulfilment
    results = []
    for entry in req.order_list:
        result = {"order_sn": entry.order_sn, "package_number": entry.package_number or ""}
        try:
            doc = fulfilment.ship(ctx.signed_shop_id, entry.order_sn, entry.package_number, req.pickup, req.dropoff, req.non_integrated)
            result["package_number"] = doc["packages"][0]["package_number"]
        except ShopeeError as exc:
            result.update(fail_error=exc.error, fail_message=exc.message)
        results.append(result)
    if results and all("fail_error" in r for r in results):
        raise ShopeeError(e.BATCH_ALL_FAILED, error="common.batch_api_all_failed", response={"result_list": results})
    return {"result_list": results}


@operation("v2.logistics.get_tracking_number")
def get_tracking_number(ctx: RequestContext, req: V2LogisticsGetTrackingNumberRequest) -> dict[str, Any]:
    """The package's tracking number once shipment is arranged."""
    doc = _tracked_order(ctx, req.order_sn, req.package_number)
    return ctx.emulator.orders.fulfilment.tracking_number(doc, optional_fields(req.response_optional_fields))


@operation("v2.logistics.get_mass_tracking_number")
def get_mass_tracking_number(ctx: RequestContext, req: V2LogisticsGetMassTrackingNumberRequest) -> dict[str, Any]:
    """Tracking numbers of up to 50 packages."""
    found, failed = _packages(ctx, req.package_list, None)
    wanted = optional_fields(req.response_optional_fields)
    fulfilment = ctx.emulator.orders.fulfilment
    success = [
        {"package_number": d["packages"][0]["package_number"], **fulfilment.tracking_number(d, wanted)} for d in found
    ]
    return {"success_list": success, "fail_list": failed}


@operation("v2.logistics.get_tracking_info")
def get_tracking_info(ctx: RequestContext, req: V2LogisticsGetTrackingInfoRequest) -> dict[str, Any]:
    """The courier's history of the package, newest first."""
    doc = _tracked_order(ctx, req.order_sn, req.package_number)
    return ctx.emulator.orders.fulfilment.tracking_info(doc)
