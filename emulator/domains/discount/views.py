"""What the discount APIs and get_item_promotion answer."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from emulator.domains.discount import errors as e
from emulator.domains.discount.models import promotion_left
from emulator.domains.discount.status import ALL, STATUSES, status_of
from emulator.domains.product.amounts import number
from emulator.errors import ParamError, wrong_parameters

if TYPE_CHECKING:
    from emulator.domains.discount.models import DiscountModel, Doc

LIST_PAGE_MAX = 100
ITEM_PAGE_MAX = 100
UPDATE_WINDOW = 30 * 86400
ITEMS_PER_CALL = 50
# get_item_promotion's name for a seller discount (the data definition's PromotionType)
PROMOTION_TYPE = "Discount Promotions"


def _page(page_no: int, page_size: int, limit: int) -> tuple[int, int]:
    if page_no < 1:
        raise wrong_parameters(e.PAGE_NO)
    if not 1 <= page_size <= limit:
        raise wrong_parameters(e.PAGE_SIZE.format(limit=limit))
    return (page_no - 1) * page_size, page_size


def discount_list(d: DiscountModel, shop_id: int, status: str, page_no: int, page_size: int,
                  update_from: int | None, update_to: int | None) -> dict[str, Any]:
    d.require_outlet(shop_id)
    if status not in (*STATUSES, ALL):
        raise wrong_parameters(e.STATUS_INVALID)
    start, size = _page(page_no, page_size, LIST_PAGE_MAX)
    if update_from is not None and update_to is not None and not 0 <= update_to - update_from <= UPDATE_WINDOW:
        raise wrong_parameters(e.UPDATE_WINDOW)
    now = d.now()
    rows = []
    for doc in reversed(d.of_shop(shop_id)):
        current = status_of(doc, now)
        if status not in (ALL, current):
            continue
        if (update_from is not None and doc["update_time"] < update_from) or (update_to is not None and doc["update_time"] > update_to):
            continue
        rows.append({"status": current, "discount_name": doc["discount_name"], "start_time": doc["start_time"],
                     "end_time": doc["end_time"], "discount_id": doc["discount_id"], "source": doc["source"]})
    return {"discount_list": rows[start:start + size], "more": len(rows) > start + size}


def discount_detail(d: DiscountModel, shop_id: int, discount_id: int, page_no: int, page_size: int) -> dict[str, Any]:
    doc = d.get(shop_id, discount_id)
    start, size = _page(page_no, page_size, ITEM_PAGE_MAX)
    items = list(doc["items"].values())
    return {
        "status": d.status(doc), "discount_name": doc["discount_name"],
        "item_list": [_item(d, entry) for entry in items[start:start + size]],
        "start_time": doc["start_time"], "discount_id": doc["discount_id"], "end_time": doc["end_time"],
        "more": len(items) > start + size,
    }


def _item(d: DiscountModel, entry: Doc) -> dict[str, Any]:
    products = d.emulator.products
    item = products.find(entry["item_id"])
    assert item is not None
    mart = products.mart_item_for(item)
    own = {int(m["model_id"]): m for m in item["models"]}
    names = _model_names(mart)
    stock = sum(products.stock.for_sale(int(item["item_id"]), m) for m in item["models"])
    variants = products.has_variants(item)
    rendered: dict[str, Any] = {"item_id": entry["item_id"], "item_name": mart.get("item_name", ""), "normal_stock": stock}
    # a model the Mart has since removed from the item is no longer shown
    models = [(int(m["model_id"]), m) for m in entry["models"].values() if int(m["model_id"]) in own]
    if variants or not models:
        rendered.update(item_promotion_stock=0, item_original_price=0.0, item_promotion_price=0.0,
                        item_inflated_price_of_original_price=0.0, item_inflated_price_of_promotion_price=0.0)
    else:
        model_id, model = models[0]
        original, promotion = number(own[model_id]["original_price"]), number(model["promotion_price"])
        rendered.update(item_promotion_stock=int(model.get("promotion_stock") or 0), item_original_price=original,
                        item_promotion_price=promotion, item_inflated_price_of_original_price=original,
                        item_inflated_price_of_promotion_price=promotion)
    normal = {model_id: products.stock.for_sale(int(item["item_id"]), own[model_id]) for model_id, _ in models}
    rendered["model_list"] = [_model(own[model_id], model, names.get(own[model_id].get("relate_mart_model_id", model_id), ""), normal[model_id])
                              for model_id, model in models] if variants else []
    rendered["purchase_limit"] = int(entry["purchase_limit"])
    return rendered


def _model(own: Doc, entry: Doc, name: str, normal_stock: int) -> dict[str, Any]:
    original, promotion = number(own["original_price"]), number(entry["promotion_price"])
    return {
        "model_id": entry["model_id"], "model_name": name,
        "model_normal_stock": normal_stock,
        "model_promotion_stock": int(entry.get("promotion_stock") or 0),
        "model_original_price": original, "model_promotion_price": promotion,
        "model_inflated_price_of_original_price": original, "model_inflated_price_of_promotion_price": promotion,
    }


def _model_names(mart: Doc) -> dict[int, str]:
    tiers = mart.get("tier_variation") or []
    return {
        int(m["model_id"]): ",".join(t["option_list"][i]["option"] for t, i in zip(tiers, m.get("tier_index") or []))
        for m in mart["models"]
    }


def item_promotion(d: DiscountModel, shop_id: int, item_ids: list[int]) -> dict[str, Any]:
    """get_item_promotion: an item's upcoming and ongoing discounts, one entry per model."""
    if not 1 <= len(item_ids) <= ITEMS_PER_CALL:
        raise wrong_parameters(f"item_id_list length should be between 1 and {ITEMS_PER_CALL}")
    if len(set(item_ids)) != len(item_ids):
        raise ParamError(e.REPEATED_ITEM)
    products = d.emulator.products
    success, failure = [], []
    for item_id in item_ids:
        item = products.find(item_id)
        if item is None or item["shop_id"] != shop_id or item["item_status"] in ("SELLER_DELETE", "SHOPEE_DELETE", "DELETED"):
            failure.append({"item_id": item_id, "failed_reason": e.ITEM_NOT_FOUND})
            continue
        promotions = [
            {"promotion_type": PROMOTION_TYPE, "promotion_id": doc["discount_id"], "model_id": model["model_id"],
             "start_time": doc["start_time"], "end_time": doc["end_time"],
             "promotion_price_info": [{"promotion_price": number(model["promotion_price"])}],
             "promotion_staging": status,
             "promotion_stock_info_v2": {"summary_info": {"total_reserved_stock": promotion_left(model)}}}
            for doc, model, status in d.listed(item_id)
        ]
        success.append({"item_id": item_id, "promotion": promotions})
    return {"success_list": success, "failure_list": failure}

