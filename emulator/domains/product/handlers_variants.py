"""Variation APIs: tier structure and models (Mart), model status and pre-order (either side)."""
from __future__ import annotations

from typing import Any

from emulator.context import RequestContext
from emulator.spec.requests import (
    V2ProductAddModelRequest,
    V2ProductDeleteModelRequest,
    V2ProductGetModelListRequest,
    V2ProductUpdateModelRequest,
)
from emulator.domains.product import variants
from emulator.domains.product.requests import (
    InitTierVariationRequest,
    UpdateTierVariationRequest,
    tiers_of,
)
from emulator.domains.product.views import views_for
from emulator.registry import operation


@operation("v2.product.init_tier_variation", request=InitTierVariationRequest)
def init_tier_variation(ctx: RequestContext, req: InitTierVariationRequest) -> dict[str, Any]:
    """Give an item a new 1- or 2-tier structure; all models are replaced."""
    models = [m.model_dump(exclude_none=True) for m in req.model]
    doc = variants.init_tier_variation(ctx.emulator.products, ctx.signed_shop_id, req.item_id, tiers_of(req), models)
    view = views_for(ctx)
    return {"item_id": doc["item_id"], "tier_variation": view.tier_variation(doc), "model": [view.write_model(doc, m) for m in doc["models"]]}


@operation("v2.product.update_tier_variation", request=UpdateTierVariationRequest)
def update_tier_variation(ctx: RequestContext, req: UpdateTierVariationRequest) -> None:
    """Rename, add or drop options; listed models keep their ids at their new indexes."""
    places = None if req.model_list is None else [m.model_dump() for m in req.model_list]
    variants.update_tier_variation(ctx.emulator.products, ctx.signed_shop_id, req.item_id, tiers_of(req), places)


@operation("v2.product.get_model_list")
def get_model_list(ctx: RequestContext, req: V2ProductGetModelListRequest) -> dict[str, Any]:
    """Tiers and models; an Outlet's models carry its own price and stock."""
    doc = ctx.emulator.products.item_of(ctx.signed_shop_id, req.item_id)
    return views_for(ctx).model_list(doc)


@operation("v2.product.add_model")
def add_model(ctx: RequestContext, req: V2ProductAddModelRequest) -> dict[str, Any]:
    """New models at free tier indexes of the Mart item."""
    given = [m.model_dump(exclude_none=True) for m in req.model_list]
    doc, models = variants.add_models(ctx.emulator.products, ctx.signed_shop_id, req.item_id, given)
    view = views_for(ctx)
    return {"model": [view.write_model(doc, m) for m in models]}


@operation("v2.product.update_model")
def update_model(ctx: RequestContext, req: V2ProductUpdateModelRequest) -> None:
    """Model SKU, weight, dimension (Mart); pre-order (Outlet); status (either)."""
    variants.update_models(ctx.emulator.products, ctx.signed_shop_id, req.item_id, [m.model_dump(exclude_unset=True) for m in req.model])


@operation("v2.product.delete_model")
def delete_model(ctx: RequestContext, req: V2ProductDeleteModelRequest) -> None:
    """Remove one model from the Mart item and its Outlet copies."""
    variants.delete_model(ctx.emulator.products, ctx.signed_shop_id, req.item_id, req.model_id)
