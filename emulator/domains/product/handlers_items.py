"""Item APIs: add, update, delete, unlist, list, search and read items."""
from __future__ import annotations

from typing import Any

from emulator.context import RequestContext
from emulator.spec.requests import (
    V2ProductDeleteItemRequest,
    V2ProductGetItemBaseInfoRequest,
    V2ProductGetItemExtraInfoRequest,
    V2ProductGetItemListRequest,
    V2ProductGetMainItemListRequest,
    V2ProductSearchItemRequest,
    V2ProductUnlistItemRequest,
)
from emulator.domains.product import errors as e
from emulator.domains.product import items
from emulator.domains.product.requests import AddItemRequest, UpdateItemRequest
from emulator.domains.product.views import views_for
from emulator.registry import operation


@operation("v2.product.add_item", request=AddItemRequest)
def add_item(ctx: RequestContext, req: AddItemRequest) -> dict[str, Any]:
    """A new Mart item; Outlets get items only by publishing."""
    doc = items.add_item(ctx.emulator.products, ctx.signed_shop_id, req.model_dump(exclude_unset=True, exclude_none=True))
    return views_for(ctx).item_answer(doc)


@operation("v2.product.update_item", request=UpdateItemRequest)
def update_item(ctx: RequestContext, req: UpdateItemRequest) -> dict[str, Any]:
    """Fields of the side that owns them; Mart changes show on every Outlet at once."""
    doc = items.update_item(ctx.emulator.products, ctx.signed_shop_id, req.model_dump(exclude_unset=True, exclude_none=True))
    return views_for(ctx).update_answer(doc)


@operation("v2.product.delete_item")
def delete_item(ctx: RequestContext, req: V2ProductDeleteItemRequest) -> None:
    """Delete an item (a Mart item takes its Outlet copies with it)."""
    ctx.emulator.shops.holiday.check_delete(ctx.signed_shop_id)
    items.delete_item(ctx.emulator.products, ctx.signed_shop_id, req.item_id)


@operation("v2.product.unlist_item")
def unlist_item(ctx: RequestContext, req: V2ProductUnlistItemRequest) -> dict[str, Any]:
    """Unlist or relist up to 50 items, each on its own."""
    return items.unlist_items(ctx.emulator.products, ctx.signed_shop_id, [i.model_dump() for i in req.item_list])


@operation("v2.product.get_item_list")
def get_item_list(ctx: RequestContext, req: V2ProductGetItemListRequest) -> dict[str, Any]:
    """Item ids, statuses and update times, paged in a stable order."""
    return items.item_list(ctx.emulator.products, ctx.signed_shop_id, req.offset, req.page_size, req.item_status, req.update_time_from, req.update_time_to)


@operation("v2.product.get_item_base_info")
def get_item_base_info(ctx: RequestContext, req: V2ProductGetItemBaseInfoRequest) -> dict[str, Any]:
    """Up to 50 items; an Outlet item shows its Mart's fields with its own price and stock."""
    view, with_tax = views_for(ctx), bool(req.need_tax_info)
    return {"item_list": [view.rendered_base_info(d, with_tax) for d in items.batch(ctx.emulator.products, ctx.signed_shop_id, req.item_id_list)]}


@operation("v2.product.get_item_extra_info")
def get_item_extra_info(ctx: RequestContext, req: V2ProductGetItemExtraInfoRequest) -> dict[str, Any]:
    """Sales of up to 50 items (the emulator has no views, likes or ratings)."""
    found = items.batch(ctx.emulator.products, ctx.signed_shop_id, req.item_id_list)
    return {"item_list": [{"item_id": d["item_id"], "sale": sum(int(m.get("sold", 0)) for m in d["models"]),
                           "views": 0, "likes": 0, "rating_star": 0.0, "comment_count": 0} for d in found]}


@operation("v2.product.search_item")
def search_item(ctx: RequestContext, req: V2ProductSearchItemRequest) -> dict[str, Any]:
    """Item ids by name, SKU or missing attributes."""
    offset = req.offset or "0"
    if not (offset.isascii() and offset.isdigit()) or len(offset) > 19:
        raise e.wrong("offset should be a number")
    return items.search(ctx.emulator.products, ctx.signed_shop_id, req.item_name, req.item_sku, req.attribute_status, req.item_status, int(offset), req.page_size)


@operation("v2.product.get_main_item_list")
def get_main_item_list(ctx: RequestContext, req: V2ProductGetMainItemListRequest) -> dict[str, Any]:
    """For Outlet items: the Mart shop and item they were published from."""
    products = ctx.emulator.products
    found = [d for d in items.batch(products, ctx.signed_shop_id, req.direct_item_id) if d["kind"] == "outlet"]
    return {"list": [{"direct_item_id": d["item_id"], "main_shop_id": d["mart_shop_id"], "main_item_id": d["mart_item_id"]} for d in found]}
