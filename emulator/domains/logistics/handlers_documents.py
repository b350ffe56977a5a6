"""Airway bills: parameters, the asynchronous print task, its result and the PDF download.

The task and the label live in ``emulator.domains.logistics.documents``.
"""
from __future__ import annotations

from typing import Any, Callable

from emulator.context import RequestContext
from emulator.spec.requests import (
    V2LogisticsCreateShippingDocumentRequest,
    V2LogisticsDownloadShippingDocumentRequest,
    V2LogisticsGetShippingDocumentDataInfoRequest,
    V2LogisticsGetShippingDocumentParameterRequest,
    V2LogisticsGetShippingDocumentResultRequest,
)
from emulator.domains.logistics import errors as e
from emulator.errors import ShopeeError, wrong_parameters
from emulator.registry import operation
from emulator.results import FileAnswer

BATCH_LIMIT = 50


def _each(
    ctx: RequestContext, order_list: list[Any], step: Callable[[dict[str, Any], Any], dict[str, Any] | None], once: bool = False
) -> dict[str, Any]:
    """Run ``step`` per order; failures answer in result_list, and all failing fails the call.

    With ``once`` an order named again fails in its own entry, so a write is not run twice.
    """
    if not 1 <= len(order_list) <= BATCH_LIMIT:
        raise wrong_parameters(f"order_list should contain 1 to {BATCH_LIMIT} orders")
    documents = ctx.emulator.orders.documents
    results = []
    seen: set[str] = set()
    for position, entry in enumerate(order_list):
        result: dict[str, Any] = {"order_sn": entry.order_sn, "package_number": entry.package_number or ""}
        try:
            # an order has one package here, so the order_sn alone names what gets printed
            if once and entry.order_sn in seen:
                raise wrong_parameters(f"order_list[{position}] repeats order_sn {entry.order_sn}")
            seen.add(entry.order_sn)
            doc = documents.locate(ctx.signed_shop_id, entry.order_sn, entry.package_number)
            result["package_number"] = doc["packages"][0]["package_number"]
            result.update(step(doc, entry) or {})
        except ShopeeError as exc:
            result.update(fail_error=exc.error, fail_message=exc.message)
        results.append(result)
    if all("fail_error" in r and "status" not in r for r in results):
        raise ShopeeError(e.BATCH_ALL_FAILED, error="common.batch_api_all_failed", response={"result_list": results})
    return {"result_list": results}


@operation("v2.logistics.get_shipping_document_parameter")
def get_shipping_document_parameter(ctx: RequestContext, req: V2LogisticsGetShippingDocumentParameterRequest) -> dict[str, Any]:
    """The airway-bill types each package can print."""
    return _each(ctx, req.order_list, lambda doc, entry: ctx.emulator.orders.documents.parameter(doc))


@operation("v2.logistics.create_shipping_document")
def create_shipping_document(ctx: RequestContext, req: V2LogisticsCreateShippingDocumentRequest) -> dict[str, Any]:
    """Start airway-bill tasks; they finish on the clock."""
    documents = ctx.emulator.orders.documents
    return _each(ctx, req.order_list, lambda doc, entry: documents.create(doc, entry.shipping_document_type, entry.tracking_number), once=True)


@operation("v2.logistics.get_shipping_document_result")
def get_shipping_document_result(ctx: RequestContext, req: V2LogisticsGetShippingDocumentResultRequest) -> dict[str, Any]:
    """PROCESSING, READY or FAILED per package."""
    return _each(ctx, req.order_list, lambda doc, entry: ctx.emulator.orders.documents.result(doc))


@operation("v2.logistics.download_shipping_document")
def download_shipping_document(ctx: RequestContext, req: V2LogisticsDownloadShippingDocumentRequest) -> FileAnswer:
    """The READY airway bills as one PDF, a page per package."""
    if not 1 <= len(req.order_list) <= BATCH_LIMIT:
        raise wrong_parameters(f"order_list should contain 1 to {BATCH_LIMIT} orders")
    documents = ctx.emulator.orders.documents
    docs = [documents.locate(ctx.signed_shop_id, entry.order_sn, entry.package_number) for entry in req.order_list]
    for doc in docs:
        documents.check_download(doc)
    pdf = documents.pdf(docs)
    name = docs[0]["order_sn"] if len(docs) == 1 else f"{len(docs)}_waybills"
    return FileAnswer(pdf, "application/pdf", filename=f"{name}.pdf")


@operation("v2.logistics.get_shipping_document_data_info")
def get_shipping_document_data_info(ctx: RequestContext, req: V2LogisticsGetShippingDocumentDataInfoRequest) -> None:
    """Self-printed labels: Instant channels only allow the platform's airway bill."""
    ctx.emulator.orders.fulfilment.package_of(ctx.emulator.orders.of_shop(ctx.signed_shop_id, req.order_sn), req.package_number)
    raise ShopeeError(e.SELF_DESIGN_NOT_ALLOWED, error="error_param")
