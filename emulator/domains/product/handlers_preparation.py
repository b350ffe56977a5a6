"""Product creation preparation APIs and the media space."""
from __future__ import annotations

from typing import Any

from emulator.context import RequestContext
from emulator.spec.requests import (
    V2MediaSpaceUploadImageRequest,
    V2MediaUploadImageRequest,
    V2ProductCategoryRecommendRequest,
    V2ProductGetAttributeTreeRequest,
    V2ProductGetBrandListRequest,
    V2ProductGetCategoryRequest,
    V2ProductGetItemLimitRequest,
    V2ProductGetRecommendAttributeRequest,
    V2ProductGetVariationsRequest,
    V2ProductGetWeightRecommendationRequest,
)
from emulator.domains.product import preparation
from emulator.domains.product.catalogue import Catalogue
from emulator.registry import operation


def _catalogue(ctx: RequestContext) -> Catalogue:
    return ctx.emulator.products.rules.catalogue


@operation("v2.product.get_category")
def get_category(ctx: RequestContext, req: V2ProductGetCategoryRequest) -> dict[str, Any]:
    """The whole category tree of the shop's region."""
    return preparation.categories(_catalogue(ctx), req.language)


@operation("v2.product.get_attribute_tree")
def get_attribute_tree(ctx: RequestContext, req: V2ProductGetAttributeTreeRequest) -> dict[str, Any]:
    """Attributes of up to 20 leaf categories, mandatory ones flagged."""
    return preparation.attribute_tree(_catalogue(ctx), req.category_id_list, req.language)


@operation("v2.product.get_brand_list")
def get_brand_list(ctx: RequestContext, req: V2ProductGetBrandListRequest) -> dict[str, Any]:
    """Brands of a leaf category, a page at a time."""
    return preparation.brand_list(_catalogue(ctx), req.category_id, req.status, req.offset, req.page_size, req.language)


@operation("v2.product.get_item_limit")
def get_item_limit(ctx: RequestContext, req: V2ProductGetItemLimitRequest) -> dict[str, Any]:
    """Listing limits of the region (and of a category's pre-order support)."""
    return preparation.item_limit(_catalogue(ctx), req.category_id)


@operation("v2.product.category_recommend")
def category_recommend(ctx: RequestContext, req: V2ProductCategoryRecommendRequest) -> dict[str, Any]:
    """Leaf categories the item name points to."""
    return preparation.recommend_category(_catalogue(ctx), req.item_name)


@operation("v2.product.get_recommend_attribute")
def get_recommend_attribute(ctx: RequestContext, req: V2ProductGetRecommendAttributeRequest) -> dict[str, Any]:
    """Attribute values the item name mentions."""
    return preparation.recommend_attributes(_catalogue(ctx), req.item_name, req.category_id)


@operation("v2.product.get_weight_recommendation")
def get_weight_recommendation(ctx: RequestContext, req: V2ProductGetWeightRecommendationRequest) -> dict[str, Any]:
    """The usual weight range of the category, in kg."""
    return preparation.recommend_weight(_catalogue(ctx), req.category_id)


@operation("v2.product.get_variations", envelope="flat")
def get_variations(ctx: RequestContext, req: V2ProductGetVariationsRequest) -> dict[str, Any]:
    """The platform's standardised variations for a leaf category (the page puts them under data)."""
    return {"data": preparation.standard_variations(_catalogue(ctx), ctx.emulator.world["region"], req.category_id)}


@operation("v2.media.upload_image", form=True)
def upload_return_proof_image(ctx: RequestContext, req: V2MediaUploadImageRequest) -> dict[str, Any]:
    """Images for returns (business 2, scene 1: up to 3 proof photos), stored with the other media."""
    files = req.images if isinstance(req.images, list) else [req.images]
    return ctx.emulator.products.media.upload_business(files, req.business, req.scene, ctx.shop_id, ctx.base_url)


@operation("v2.media_space.upload_image", form=True)
def upload_image(ctx: RequestContext, req: V2MediaSpaceUploadImageRequest) -> dict[str, Any]:
    """Store JPG/PNG files (10 MB, 9 per call) and answer their ids and URLs."""
    files = req.image if isinstance(req.image, list) else [req.image]
    return ctx.emulator.products.media.upload(files, req.scene, req.ratio, ctx.shop_id, ctx.base_url)
