"""v2.returns.* handlers: read params, call the return model, return plain dicts."""
from __future__ import annotations

from typing import Any

from emulator.context import RequestContext
from emulator.spec.requests import (
    V2ReturnsAcceptOfferRequest,
    V2ReturnsCancelDisputeRequest,
    V2ReturnsConfirmRequest,
    V2ReturnsConvertImageRequest,
    V2ReturnsDisputeRequest,
    V2ReturnsGetAvailableSolutionsRequest,
    V2ReturnsGetReturnDetailRequest,
    V2ReturnsGetReturnDisputeReasonRequest,
    V2ReturnsGetReturnListRequest,
    V2ReturnsGetReverseTrackingInfoRequest,
    V2ReturnsGetShippingCarrierRequest,
    V2ReturnsOfferRequest,
    V2ReturnsQueryProofRequest,
    V2ReturnsUploadProofRequest,
    V2ReturnsUploadShippingProofRequest,
)
from emulator.domains.returns import errors as e
from emulator.domains.returns import queries, views
from emulator.domains.returns.reasons import reason_list
from emulator.registry import operation


@operation("v2.returns.get_return_list")
def get_return_list(ctx: RequestContext, req: V2ReturnsGetReturnListRequest) -> dict[str, Any]:
    """The calling Outlet's returns, newest first (a Mart has none of its own)."""
    return queries.return_list(ctx.emulator.returns, ctx.signed_shop_id, req)


@operation("v2.returns.get_return_detail")
def get_return_detail(ctx: RequestContext, req: V2ReturnsGetReturnDetailRequest) -> dict[str, Any]:
    return views.detail(ctx.emulator.returns.of_shop(ctx.signed_shop_id, req.return_sn))


@operation("v2.returns.confirm")
def confirm(ctx: RequestContext, req: V2ReturnsConfirmRequest) -> dict[str, Any]:
    doc = ctx.emulator.returns.seller.confirm(ctx.signed_shop_id, req.return_sn)
    return {"return_sn": doc["return_sn"]}


@operation("v2.returns.get_return_dispute_reason")
def get_return_dispute_reason(ctx: RequestContext, req: V2ReturnsGetReturnDisputeReasonRequest) -> dict[str, Any]:
    return {"dispute_reason_list": reason_list(ctx.emulator.returns.seller.disputed(ctx.signed_shop_id, req.return_sn))}


@operation("v2.returns.dispute")
def dispute(ctx: RequestContext, req: V2ReturnsDisputeRequest) -> dict[str, Any]:
    images = [entry.model_dump() for entry in req.image_list or []]
    doc = ctx.emulator.returns.seller.dispute(
        ctx.signed_shop_id, req.return_sn, req.email, req.dispute_reason_id, req.dispute_text_reason or "", images
    )
    return {"return_sn": doc["return_sn"], "msg": "dispute return success"}


@operation("v2.returns.get_available_solutions")
def get_available_solutions(ctx: RequestContext, req: V2ReturnsGetAvailableSolutionsRequest) -> dict[str, Any]:
    return ctx.emulator.returns.seller.solutions(ctx.signed_shop_id, req.return_sn)


@operation("v2.returns.offer")
def offer(ctx: RequestContext, req: V2ReturnsOfferRequest) -> dict[str, Any]:
    doc = ctx.emulator.returns.seller.offer(ctx.signed_shop_id, req.return_sn, req.proposed_solution, req.proposed_adjusted_refund_amount)
    return {"return_sn": doc["return_sn"]}


@operation("v2.returns.accept_offer")
def accept_offer(ctx: RequestContext, req: V2ReturnsAcceptOfferRequest) -> dict[str, Any]:
    doc = ctx.emulator.returns.seller.accept_offer(ctx.signed_shop_id, req.return_sn)
    return {"return_sn": doc["return_sn"]}


@operation("v2.returns.cancel_dispute")
def cancel_dispute(ctx: RequestContext, req: V2ReturnsCancelDisputeRequest) -> dict[str, Any]:
    doc = ctx.emulator.returns.seller.cancel_dispute(ctx.signed_shop_id, req.return_sn, req.email)
    return {"return_sn": doc["return_sn"], "message": "SUCCESS"}


@operation("v2.returns.upload_proof")
def upload_proof(ctx: RequestContext, req: V2ReturnsUploadProofRequest) -> dict[str, Any]:
    photos = [entry.model_dump() for entry in req.photo or []]
    ctx.emulator.returns.seller.upload_proof(ctx.signed_shop_id, req.return_sn, photos, req.description or "")
    return {}


@operation("v2.returns.query_proof")
def query_proof(ctx: RequestContext, req: V2ReturnsQueryProofRequest) -> dict[str, Any]:
    missing = e.ReturnNotFound(e.PROOF_NOT_FOUND, error="returnsn.illegal")
    proof = ctx.emulator.returns.of_shop(ctx.signed_shop_id, req.return_sn, missing)["proof"]
    return {"image": [dict(p) for p in proof["photo"]], "video": [], "description": proof["description"]}


@operation("v2.returns.get_reverse_tracking_info")
def get_reverse_tracking_info(ctx: RequestContext, req: V2ReturnsGetReverseTrackingInfoRequest) -> dict[str, Any]:
    return views.tracking(ctx.emulator.returns.of_shop(ctx.signed_shop_id, req.return_sn))


@operation("v2.returns.convert_image", form=True)
def convert_image(ctx: RequestContext, req: V2ReturnsConvertImageRequest) -> dict[str, Any]:
    """Store one JPG/PNG proof picture and answer the URL upload_proof and dispute take."""
    missing = e.ReturnNotFound(e.PROOF_NOT_FOUND, error="returnsn.illegal")
    ctx.emulator.returns.of_shop(ctx.signed_shop_id, req.return_sn, missing)
    upload = req.upload_image[0] if isinstance(req.upload_image, list) and req.upload_image else req.upload_image
    return ctx.emulator.returns.seller.convert_image(ctx.signed_shop_id, upload, ctx.base_url)


@operation("v2.returns.get_shipping_carrier")
def get_shipping_carrier(ctx: RequestContext, req: V2ReturnsGetShippingCarrierRequest) -> dict[str, Any]:
    """Seller-arranged returns exist only in TW and BR; an Instant Mart return never has carriers to pick."""
    missing = e.ReturnNotFound(e.RETURN_NOT_FOUND, error="returns.return_not_found")
    ctx.emulator.returns.of_shop(ctx.signed_shop_id, req.return_sn, missing)
    raise e.ReturnError(e.NO_CARRIER_LIST, error="returns.missing_reverse_logistics_carrier_list")


@operation("v2.returns.upload_shipping_proof")
def upload_shipping_proof(ctx: RequestContext, req: V2ReturnsUploadShippingProofRequest) -> dict[str, Any]:
    missing = e.ReturnNotFound(e.RETURN_NOT_FOUND, error="returns.return_not_found")
    ctx.emulator.returns.of_shop(ctx.signed_shop_id, req.return_sn, missing)
    raise e.ReturnError(e.SELLER_ARRANGE_DISABLED, error="returns.new_seller_arrange_flow_disabled")
