"""Shipping-document jobs: many packages' labels printed by one job, downloaded as one PDF."""
from __future__ import annotations

from typing import Any

from emulator.context import RequestContext
from emulator.registry import operation
from emulator.results import FileAnswer
from emulator.spec.requests import (
    V2LogisticsCreateShippingDocumentJobRequest,
    V2LogisticsDownloadShippingDocumentJobRequest,
    V2LogisticsGetShippingDocumentJobStatusRequest,
)


@operation("v2.logistics.create_shipping_document_job")
def create_shipping_document_job(ctx: RequestContext, req: V2LogisticsCreateShippingDocumentJobRequest) -> dict[str, Any]:
    """Start one job over the packages; it finishes on the clock."""
    skus = [s.model_dump() for s in req.unpackaged_sku_requests] if req.unpackaged_sku_requests else None
    return ctx.emulator.logistics.document_jobs.create(ctx.signed_shop_id, req.shipping_document_type, req.package_list, skus)


@operation("v2.logistics.get_shipping_document_job_status")
def get_shipping_document_job_status(ctx: RequestContext, req: V2LogisticsGetShippingDocumentJobStatusRequest) -> dict[str, Any]:
    """PROCESSING, READY, FAILED or EXPIRED."""
    return ctx.emulator.logistics.document_jobs.status(ctx.signed_shop_id, req.job_id)


@operation("v2.logistics.download_shipping_document_job")
def download_shipping_document_job(ctx: RequestContext, req: V2LogisticsDownloadShippingDocumentJobRequest) -> FileAnswer:
    """The job's labels as one PDF, a page per package."""
    pdf, name = ctx.emulator.logistics.document_jobs.download(ctx.signed_shop_id, req.job_id)
    return FileAnswer(pdf, "application/pdf", filename=name)
