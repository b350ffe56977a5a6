"""Instant Mart publishing (Mart item -> Outlet item) and the Outlet-owned price and stock."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from emulator.domains.product import errors as e
from emulator.domains.product.channels import enabled_product_channels
from emulator.domains.product.errors import ProductError
from emulator.errors import ShopeeError

if TYPE_CHECKING:
    from emulator.domains.product.models import ProductModel

BATCH_MAX = 50
PRICE_CHANGED = "product.price_changed"


def outlet_of(p: "ProductModel", mart_shop_id: int, outlet_shop_id: int) -> dict[str, Any]:
    mart = p.emulator.shops.get(mart_shop_id)
    if mart["kind"] != "mart":
        raise ProductError(e.NOT_MART_SHOP.format(shop_id=mart_shop_id), error="error_auth")
    if int(outlet_shop_id) not in mart.get("outlet_shop_ids", []):
        raise ProductError(e.OUTLET_NOT_UNDER_MART.format(outlet_shop_id=outlet_shop_id))
    return p.emulator.shops.get(outlet_shop_id)


def _publish_models(p: "ProductModel", outlet_shop_id: int, mart: dict[str, Any], given: list[dict[str, Any]], category: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Every Mart model once, with the Outlet's own price, stock and pre-order where the request gives them.

    Mart models the request leaves out are published with the Mart's price and no stock, as a
    model added to the Mart later reaches its Outlets.
    """
    by_id = {m["model_id"]: m for m in mart["models"]}
    chosen: dict[int, dict[str, Any]] = {}
    for index, model in enumerate(given):
        where = f"publish_item.model[{index}]"
        model_id = int(model.get("relate_mart_model_id") or 0)
        if model_id not in by_id:
            raise ProductError(e.MODELS_NOT_MATCH.format(info=f"relate_mart_model_id {model_id} is not a model of mart_item_id {mart['item_id']}"))
        if model_id in chosen:
            raise ProductError(e.MODELS_NOT_MATCH.format(info=f"relate_mart_model_id {model_id} is repeated"))
        location, stock = p.rules.seller_stock(outlet_shop_id, model["seller_stock"], f"{where}.seller_stock") if model.get("seller_stock") else ("", 0)
        price = model.get("original_price")
        chosen[model_id] = {
            "relate_mart_model_id": model_id,
            "original_price": p.rules.price(price if price is not None else by_id[model_id]["original_price"]),
            "location_id": location,
            "stock": stock,
            "pre_order": p.rules.pre_order(model.get("pre_order") or {}, category),
            "model_status": _model_status(model.get("model_status")),
        }
    return [chosen.get(m["model_id"]) or {"relate_mart_model_id": m["model_id"], "original_price": m["original_price"], "stock": 0}
            for m in mart["models"]]


def _model_status(value: str | None) -> str:
    if value in (None, "", "NORMAL", "MODEL_NORMAL"):
        return "NORMAL"
    if value in ("UNAVAILABLE", "MODEL_UNAVAILABLE"):
        return "UNAVAILABLE"
    raise e.wrong("model_status should be NORMAL or UNAVAILABLE")


def publish(p: "ProductModel", mart_shop_id: int, mart_item_id: int, outlet_shop_id: int, item: dict[str, Any]) -> dict[str, Any]:
    """Create the Outlet item of a Mart item, with the Outlet-owned fields the request gives."""
    outlet_of(p, mart_shop_id, outlet_shop_id)
    mart = p.item_of(mart_shop_id, mart_item_id)
    if str(outlet_shop_id) in mart.get("outlets", {}):
        raise ProductError(e.ALREADY_PUBLISHED, error="product.error_busi")
    category = p.rules.catalogue.leaf(mart.get("category_id"))
    models = _publish_models(p, outlet_shop_id, mart, item.get("model") or [], category)
    enabled = enabled_product_channels(p.emulator, outlet_shop_id)
    requested = item.get("logistic_info")
    if requested is None:
        # the Mart item's channels the Outlet offers, else every product channel it has on
        inherited = [c["logistic_id"] for c in mart.get("logistic_info") or [] if c.get("enabled") and c["logistic_id"] in enabled]
        requested = [{"logistic_id": c, "enabled": True} for c in inherited or enabled]
    logistic_info = p.rules.logistic_info(requested, enabled)
    limit = item.get("purchase_limit_info") if "purchase_limit_info" in item else mart.get("purchase_limit_info")
    purchase_limit_info = p.rules.purchase_limit(limit)
    p.check_item_count(outlet_shop_id)
    return p.publish_to_outlet(mart_item_id, outlet_shop_id, models, logistic_info, purchase_limit_info)


def mapping(p: "ProductModel", mart_shop_id: int, mart_item_id: int, outlet_shop_ids: list[int] | None) -> dict[str, Any]:
    """Which Outlet items a Mart item was published as, model by model."""
    mart_shop = p.emulator.shops.get(mart_shop_id)
    if mart_shop["kind"] != "mart":
        raise ProductError(e.NOT_MART_SHOP.format(shop_id=mart_shop_id), error="error_auth")
    mart = p.item_of(mart_shop_id, mart_item_id)
    wanted = outlet_shop_ids if outlet_shop_ids else list(mart_shop.get("outlet_shop_ids", []))
    if len(wanted) > BATCH_MAX:
        raise e.wrong(f"outlet_shop_id_list length should be between 1 and {BATCH_MAX}")
    for outlet_id in wanted:
        outlet_of(p, mart_shop_id, outlet_id)
    mapped = []
    for outlet_id in wanted:
        item_id = mart.get("outlets", {}).get(str(outlet_id))
        copy = p.find(item_id) if item_id else None
        if copy is None:
            continue
        mapped.append(_mapping_record(copy))
    return {"item_mapping_list": mapped}


def _mapping_record(copy: dict[str, Any]) -> dict[str, Any]:
    return {
        "mart_item_id": copy["mart_item_id"],
        "outlet_item_id": copy["item_id"],
        "model_mapping": [{"mart_model_id": m["relate_mart_model_id"], "outlet_model_id": m["model_id"]} for m in copy["models"]],
    }


def mart_item_by_outlet_item(p: "ProductModel", shop_id: int, outlet_item_id: int) -> dict[str, Any]:
    """The Mart item an Outlet item was published from, asked by the Mart or by the Outlet itself.

    The record is the one get_mart_item_mapping_by_id gives for the same pair.
    """
    from emulator.domains.product.models import GONE  # models imports this module

    copy = p.find(outlet_item_id) if outlet_item_id > 0 else None
    if copy is None or copy["kind"] != "outlet" or copy["item_status"] in GONE or shop_id not in (copy["shop_id"], copy["mart_shop_id"]):
        raise ProductError(e.QUERIED_NOT_FOUND)
    return {"item_mapping_list": [_mapping_record(copy)]}


# -- price and stock: Outlet-owned --------------------------------------------------------------
def _batch_target(p: "ProductModel", shop_id: int, item_id: int, entries: list[dict[str, Any]], field: str) -> dict[str, Any]:
    p.require_outlet(shop_id, field)
    doc = p.item_of(shop_id, item_id)
    if not 1 <= len(entries) <= BATCH_MAX:
        raise e.constraints(f"{'price_list' if field == 'original_price' else 'stock_list'} length should be between 1 and {BATCH_MAX}")
    ids = [int(x.get("model_id") or 0) for x in entries]
    if len(set(ids)) != len(ids):
        raise ProductError(e.REPEAT_MODEL)
    return doc


def _model_or_reason(p: "ProductModel", doc: dict[str, Any], model_id: int, has_model_reason: str) -> tuple[dict[str, Any] | None, str]:
    has_variants = p.has_variants(doc)
    if model_id == 0 and has_variants:
        return None, has_model_reason
    model = next((m for m in doc["models"] if m["model_id"] == model_id), None)
    return (model, "") if model is not None else (None, e.WRONG_MODEL)


def update_price(p: "ProductModel", shop_id: int, item_id: int, entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Per-model prices on an Outlet item; each model succeeds or fails on its own, except that the
    spread between model prices is judged on the prices the whole call leaves, so raising every
    price together is not refused halfway."""
    doc = _batch_target(p, shop_id, item_id, entries, "original_price")
    failure: list[dict[str, Any]] = []
    prices: list[tuple[int, Any]] = []
    for entry in entries:
        model_id = int(entry.get("model_id") or 0)
        model, reason = _model_or_reason(p, doc, model_id, e.ITEM_HAS_MODEL_PRICE)
        if model is not None and p.promotions.holds(item_id, model_id):
            # the discount's price was accepted against this original price (the guide's lock)
            model, reason = None, e.MODEL_PRICE_IN_PROMOTION if model_id else e.ITEM_PRICE_IN_PROMOTION
        if model is None:
            failure.append({"model_id": model_id, "failed_reason": reason})
            continue
        try:
            price = p.rules.price(entry["original_price"])
            p.rules.wholesale_fits(doc.get("wholesales") or [], price)
            prices.append((model_id, price))
        except ShopeeError as exc:
            failure.append({"model_id": model_id, "failed_reason": exc.message})
    if prices:
        try:
            final = dict(prices)
            p.rules.price_spread([final.get(m["model_id"], m["original_price"]) for m in doc["models"]])
        except ShopeeError as exc:
            failure.extend({"model_id": model_id, "failed_reason": exc.message} for model_id, _ in prices)
            prices = []
    success = []
    if prices:
        live = p.editable(shop_id, item_id)
        for model_id, price in prices:
            target = next(m for m in live["models"] if m["model_id"] == model_id)
            target["original_price"] = target["current_price"] = price
            success.append({"model_id": model_id, "original_price": float(price)})
        p.touch(live)
        p.emulator.publish(PRICE_CHANGED, shop_id, item_id=item_id)
    return {"failure_list": failure, "success_list": success}


def update_stock(p: "ProductModel", shop_id: int, item_id: int, entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Per-model seller stock on an Outlet item, through the one stock path."""
    doc = _batch_target(p, shop_id, item_id, entries, "seller_stock")
    success, failure = [], []
    for entry in entries:
        model_id = int(entry.get("model_id") or 0)
        model, reason = _model_or_reason(p, doc, model_id, e.ITEM_HAS_MODEL_STOCK)
        if model is None:
            failure.append({"model_id": model_id, "failed_reason": reason})
            continue
        try:
            location, stock = p.rules.seller_stock(shop_id, entry.get("seller_stock"), "seller_stock", location_required=True)
            p.stock.set_stock(shop_id, item_id, model_id, stock)
        except ShopeeError as exc:
            failure.append({"model_id": model_id, "failed_reason": exc.message})
            continue
        success.append({"model_id": model_id, "location_id": location, "stock": stock})
    result = {"failure_list": failure, "success_list": success}
    if not success:
        raise ProductError(e.UPDATE_STOCK_FAILED, error="error_busi_update_stock_failed", response=result)
    return result


def publish_answer(doc: dict[str, Any]) -> dict[str, Any]:
    """publish_item_to_outlet_shop's answer: the Outlet item's id."""
    return {"item_id": doc["item_id"]}
