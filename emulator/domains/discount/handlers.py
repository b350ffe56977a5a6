"""v2.discount.* handlers and v2.product.get_item_promotion: read params, call the model, return plain dicts."""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from emulator.context import RequestContext
from emulator.spec.requests import (
    V2DiscountAddDiscountItemRequest,
    V2DiscountAddDiscountRequest,
    V2DiscountDeleteDiscountItemRequest,
    V2DiscountDeleteDiscountRequest,
    V2DiscountEndDiscountRequest,
    V2DiscountGetDiscountListRequest,
    V2DiscountGetDiscountRequest,
    V2DiscountUpdateDiscountItemRequest,
    V2DiscountUpdateDiscountRequest,
    V2ProductGetItemPromotionRequest,
)
from emulator.domains.discount import views
from emulator.registry import operation

if TYPE_CHECKING:
    from emulator.domains.discount.models import DiscountModel


def _d(ctx: RequestContext) -> DiscountModel:
    return ctx.emulator.discounts


def _shop(ctx: RequestContext) -> int:
    return ctx.signed_shop_id


def _entries(entries: Sequence[BaseModel] | None) -> list[dict[str, Any]]:
    return [entry.model_dump() for entry in entries or []]


@operation("v2.discount.add_discount")
def add_discount(ctx: RequestContext, req: V2DiscountAddDiscountRequest) -> dict[str, Any]:
    doc = _d(ctx).create(_shop(ctx), req.discount_name, int(req.start_time), int(req.end_time))
    return {"discount_id": doc["discount_id"]}


@operation("v2.discount.update_discount")
def update_discount(ctx: RequestContext, req: V2DiscountUpdateDiscountRequest) -> dict[str, Any]:
    doc = _d(ctx).update(_shop(ctx), int(req.discount_id), req.discount_name, req.start_time, req.end_time)
    return {"discount_id": doc["discount_id"], "modify_time": doc["update_time"]}


@operation("v2.discount.delete_discount")
def delete_discount(ctx: RequestContext, req: V2DiscountDeleteDiscountRequest) -> dict[str, Any]:
    return {"discount_id": int(req.discount_id), "modify_time": _d(ctx).delete(_shop(ctx), int(req.discount_id))}


@operation("v2.discount.end_discount")
def end_discount(ctx: RequestContext, req: V2DiscountEndDiscountRequest) -> dict[str, Any]:
    return {"discount_id": int(req.discount_id), "modify_time": _d(ctx).end(_shop(ctx), int(req.discount_id))}


@operation("v2.discount.get_discount")
def get_discount(ctx: RequestContext, req: V2DiscountGetDiscountRequest) -> dict[str, Any]:
    return views.discount_detail(_d(ctx), _shop(ctx), int(req.discount_id), int(req.page_no), int(req.page_size))


@operation("v2.discount.get_discount_list")
def get_discount_list(ctx: RequestContext, req: V2DiscountGetDiscountListRequest) -> dict[str, Any]:
    return views.discount_list(_d(ctx), _shop(ctx), req.discount_status, int(req.page_no), int(req.page_size),
                               req.update_time_from, req.update_time_to)


@operation("v2.discount.add_discount_item")
def add_discount_item(ctx: RequestContext, req: V2DiscountAddDiscountItemRequest) -> dict[str, Any]:
    count, refusals = _d(ctx).items.add(_shop(ctx), int(req.discount_id), _entries(req.item_list))
    return {"discount_id": int(req.discount_id), "count": count, "error_list": [r.render() for r in refusals], "warning": ""}


def _with_promotion_stock(ctx: RequestContext, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """update_discount_item's entries with the promotion stocks the body sends although the page
    takes none: the model refuses a changed one (error_assigned_promo_stock) instead of ignoring it."""
    try:
        body = json.loads(ctx.body or b"{}")
    except ValueError:
        return entries
    raw = body.get("item_list") if isinstance(body, dict) else None
    if not isinstance(raw, list) or len(raw) != len(entries):
        return entries
    out = []
    for entry, sent in zip(entries, raw):
        entry = dict(entry)
        if isinstance(sent, dict) and isinstance(sent.get("item_promotion_stock"), int):
            entry["item_promotion_stock"] = sent["item_promotion_stock"]
        models = sent.get("model_list") if isinstance(sent, dict) else None
        if isinstance(models, list) and entry.get("model_list") and len(models) == len(entry["model_list"]):
            entry["model_list"] = [
                {**model, "model_promotion_stock": given["model_promotion_stock"]}
                if isinstance(given, dict) and isinstance(given.get("model_promotion_stock"), int) else model
                for model, given in zip(entry["model_list"], models)
            ]
        out.append(entry)
    return out


@operation("v2.discount.update_discount_item")
def update_discount_item(ctx: RequestContext, req: V2DiscountUpdateDiscountItemRequest) -> dict[str, Any]:
    entries = _with_promotion_stock(ctx, _entries(req.item_list))
    count, refusals = _d(ctx).items.update(_shop(ctx), int(req.discount_id), entries)
    return {"discount_id": int(req.discount_id), "count": count, "error_list": [r.render() for r in refusals]}


@operation("v2.discount.delete_discount_item")
def delete_discount_item(ctx: RequestContext, req: V2DiscountDeleteDiscountItemRequest) -> dict[str, Any]:
    refusals = _d(ctx).items.delete(_shop(ctx), int(req.discount_id), int(req.item_id), req.model_id)
    return {"discount_id": int(req.discount_id), "error_list": [r.render() for r in refusals]}


@operation("v2.product.get_item_promotion")
def get_item_promotion(ctx: RequestContext, req: V2ProductGetItemPromotionRequest) -> dict[str, Any]:
    return views.item_promotion(_d(ctx), _shop(ctx), [int(i) for i in req.item_id_list])
