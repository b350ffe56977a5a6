"""Item life cycle on the Mart and its Outlets: add, update, delete, list and unlist."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from emulator.domains.product import errors as e
from emulator.domains.product import events, size_charts
from emulator.domains.product.channels import enabled_product_channels
from emulator.domains.product.errors import OwnershipError, ProductError
from emulator.domains.product.models import DELETED, MART_OWNED, OUTLET_OWNED
from emulator.errors import ShopeeError

if TYPE_CHECKING:
    from emulator.domains.product.models import ProductModel


def _mart_fields(p: "ProductModel", shop_id: int, body: dict[str, Any], current: dict[str, Any] | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """Checked, normalised Mart-owned fields of ``body``; ``current`` is the item being updated."""
    r = p.rules
    out: dict[str, Any] = {}
    if "item_name" in body:
        out["item_name"] = r.item_name(body["item_name"])
    description_type = body.get("description_type") or (current or {}).get("description_type") or "normal"
    if description_type not in ("normal", "extended"):
        raise ProductError(e.WRONG_PARAMS.format(msg="description_type should be normal or extended"))
    if "description_type" in body:
        out["description_type"] = description_type
    if "description_info" in body and body.get("description_type") != "extended":
        # the pages answer an error rather than drop the extended description unseen
        raise ProductError(e.WRONG_PARAMS.format(msg="description_type should be extended when description_info is given"))
    if "description" in body and description_type == "normal":
        out["description"] = r.description(body["description"])
    if description_type == "extended" and ("description_info" in body or current is None):
        out["description_info"] = r.description_info(body.get("description_info"))
        out["description"] = "\n".join(f["text"] for f in out["description_info"]["extended_description"]["field_list"] if f["field_type"] == "text")
    category_id = int(body.get("category_id") or (current or {}).get("category_id") or 0)
    category = r.category(category_id)
    if "category_id" in body:
        out["category_id"] = category_id
    category_changed = current is not None and "category_id" in body and category_id != current.get("category_id")
    if "attribute_list" in body or current is None or category_changed:
        given = body.get("attribute_list")
        if given is None:
            # a new category keeps the attributes it shares with the old one
            allowed = {a["attribute_id"] for a in r.catalogue.attributes_of(category_id)}
            given = [a for a in (current or {}).get("attribute_list", []) if a["attribute_id"] in allowed]
        out["attribute_list"] = r.attributes(given, category_id)
    if "brand" in body or current is None or category_changed:
        out["brand"] = r.brand(body.get("brand") if "brand" in body else (current or {}).get("brand"), category_id)
    if "image" in body:
        out["image"] = r.images(body["image"] or {})
    if "weight" in body:
        out["weight"] = r.weight(body["weight"])
    if body.get("dimension") is not None:
        out["dimension"] = r.dimension(body["dimension"])
    if "item_sku" in body:
        out["item_sku"] = r.sku(body["item_sku"] or "")
    if "condition" in body:
        out["condition"] = r.condition(body["condition"])
    if "promotion_images" in body:
        out["promotion_images"] = r.promotion_images(body["promotion_images"] or {}, out.get("image") or (current or {}).get("image") or {})
    elif "image" in out and ((current or {}).get("promotion_images") or {}).get("image_id_list"):
        # new item images must still suit the promotion image the item keeps
        r.promotion_images((current or {})["promotion_images"], out["image"])
    if "item_dangerous" in body:
        out["item_dangerous"] = r.item_dangerous(body["item_dangerous"])
    if "gtin_code" in body or current is None:
        out["gtin_code"] = r.gtin(body.get("gtin_code"))
    if "medicine_id" in body:
        out["medicine_id"] = int(body["medicine_id"] or 0)
    if "video_upload_id" in body:
        # an empty list (or string) removes the video, as the base-info guide allows
        given = [v for v in body["video_upload_id"] or [] if v][:1]
        out["video_info"] = [p.videos.item_video(shop_id, v) for v in given]
    if "size_chart_info" in body:
        chart = body["size_chart_info"] or {}
        out["size_chart_id"] = size_charts.check_item_chart(r.catalogue, int(chart.get("size_chart_id") or 0), category_id)
        # with both given, only the template is kept
        out["size_chart"] = "" if out["size_chart_id"] else str(chart.get("size_chart") or "")
    elif category_changed and current is not None and current.get("size_chart_id"):
        # a template the new category does not use goes with the old category
        kept = r.catalogue.size_chart(int(current["size_chart_id"]))
        if kept is None or category_id not in kept["categories"]:
            out["size_chart_id"] = 0
    return out, category


def add_item(p: "ProductModel", shop_id: int, body: dict[str, Any]) -> dict[str, Any]:
    """A new Mart item, checked as the platform checks it; an Outlet cannot create items."""
    if not p.is_mart(shop_id):
        raise OwnershipError(e.OUTLET_CANNOT_ADD, error="error_auth")
    body = {**body}
    body.setdefault("condition", "NEW")
    fields, category = _mart_fields(p, shop_id, body, None)
    r = p.rules
    fields["condition"] = fields.get("condition", "NEW")
    fields["item_status"] = r.item_status(body.get("item_status") or "NORMAL")
    fields["original_price"] = r.price(body["original_price"])
    location, stock = r.seller_stock(shop_id, body["seller_stock"]) if body.get("seller_stock") else ("", 0)
    fields["stock"], fields["location_id"] = stock, location
    fields["logistic_info"] = r.logistic_info(body.get("logistic_info") or [], enabled_product_channels(p.emulator, shop_id))
    r.channels_fit(fields["logistic_info"], fields["weight"], fields.get("dimension"))
    fields["scheduled_publish_time"] = r.scheduled_publish_time(body.get("scheduled_publish_time"), fields["item_status"])
    fields["pre_order"] = r.pre_order(body.get("pre_order") or {}, category)
    fields["wholesales"] = r.wholesale(body.get("wholesale") or [], fields["original_price"])
    fields["purchase_limit_info"] = r.purchase_limit(body.get("purchase_limit_info"))
    fields.setdefault("image", {"image_id_list": [], "image_ratio": "1:1"})
    fields.setdefault("item_sku", "")
    fields.setdefault("description_type", "normal")
    p.check_item_count(shop_id)
    doc = p.create_mart_item(shop_id, fields)
    p.schedules.schedule(doc)
    return doc


def update_item(p: "ProductModel", shop_id: int, body: dict[str, Any]) -> dict[str, Any]:
    """Mart fields change on the Mart (every Outlet sees them at once); Outlet fields on the Outlet."""
    doc = p.item_of(shop_id, int(body["item_id"]))
    given = {k: v for k, v in body.items() if k != "item_id"}
    p.refuse_fields(doc, given, MART_OWNED, OUTLET_OWNED)
    r = p.rules
    if doc["kind"] == "mart":
        changes, _ = _mart_fields(p, shop_id, given, doc)
        if "weight" in changes or "dimension" in changes:
            package = {**doc, **changes}
            for side in [doc, *p.outlet_items(doc)]:
                r.channels_fit(side.get("logistic_info") or [], package.get("weight") or 0, package.get("dimension"))
    else:
        mart = p.mart_item_for(doc)
        category = r.category(mart["category_id"]) if p.rules.catalogue.leaf(mart.get("category_id")) else None
        changes = {}
        if "logistic_info" in given:
            changes["logistic_info"] = r.logistic_info(given["logistic_info"] or [], enabled_product_channels(p.emulator, shop_id))
            r.channels_fit(changes["logistic_info"], mart.get("weight") or 0, mart.get("dimension"))
        if "pre_order" in given:
            changes["pre_order"] = r.pre_order(given["pre_order"] or {}, category)
        if "wholesale" in given:
            prices = sorted(m["original_price"] for m in doc["models"])
            changes["wholesales"] = r.wholesale(given["wholesale"] or [], min(prices, key=float))
        if "purchase_limit_info" in given:
            changes["purchase_limit_info"] = r.purchase_limit(given["purchase_limit_info"])
    if "item_status" in given:
        changes["item_status"] = r.item_status(given["item_status"])
        if changes["item_status"] == "UNLIST" and doc["item_status"] != "UNLIST" and in_promotion(p, doc, own_side=True):
            raise ProductError(e.UNLIST_LOCK_IN_PROMOTION, error="error_in_item_promotion_unlsit_lock")
    if "scheduled_publish_time" in given:
        status = changes.get("item_status", doc["item_status"])
        changes["scheduled_publish_time"] = r.scheduled_publish_time(given["scheduled_publish_time"], status)
    elif changes.get("item_status") == "NORMAL" and doc.get("scheduled_publish_time"):
        # listed by hand before its time: nothing is left to publish (a client resending UNLIST keeps it)
        changes["scheduled_publish_time"] = 0
    live = p.editable(shop_id, doc["item_id"])
    live.update(changes)
    if changes.get("scheduled_publish_time"):
        p.schedules.schedule(live)
    if doc["kind"] == "outlet" and "pre_order" in changes and not p.has_variants(live):
        live["models"][0]["pre_order"] = dict(changes["pre_order"])
    p.touch(live)
    p.emulator.publish(events.ITEM_UPDATED, shop_id, item_id=live["item_id"], fields=sorted(changes))
    return live


def delete_item(p: "ProductModel", shop_id: int, item_id: int) -> None:
    """Deleting a Mart item deletes its Outlet copies; deleting a copy unpublishes it from that Outlet."""
    if in_promotion(p, p.item_of(shop_id, item_id)):
        raise ProductError(e.DELETE_IN_PROMOTION, error="error_cannt_delete_in_promotion")
    doc = p.editable(shop_id, item_id)
    _refuse_if_reserved(doc)
    if doc["kind"] == "mart":
        for copy in p.outlet_items(doc):
            _refuse_if_reserved(copy)
        for copy in p.outlet_items(doc):
            _mark_deleted(p, copy)
        doc["outlets"] = {}
    else:
        mart = p.store.edit("items", doc["mart_item_id"])
        if mart is not None:
            mart["outlets"].pop(str(shop_id), None)
    _mark_deleted(p, doc)
    p.emulator.publish(events.ITEM_DELETED, shop_id, item_id=item_id)


def _mark_deleted(p: "ProductModel", doc: dict[str, Any]) -> None:
    doc["item_status"] = DELETED
    p.touch(doc)
    doc["deleted_time"] = doc["update_time"]


def in_promotion(p: "ProductModel", doc: dict[str, Any], own_side: bool = False) -> bool:
    """Whether an upcoming or ongoing discount holds the item; for a Mart item (never in a discount
    itself) any Outlet copy, which deleting it would take down, unless ``own_side``: each side's
    status is its own, so unlisting the Mart item leaves the copies' discounts as they are."""
    if own_side and doc["kind"] == "mart":
        return False
    # read, not ``outlet_items``: that takes each copy for editing, and a check changes nothing
    sides = [doc] if doc["kind"] == "outlet" else [c for i in doc.get("outlets", {}).values() if (c := p.find(int(i))) is not None]
    return any(p.promotions.holds(int(side["item_id"]), int(m["model_id"])) for side in sides for m in side["models"])


def _refuse_if_reserved(doc: dict[str, Any]) -> None:
    if any(int(m.get("reserved", 0)) for m in doc["models"]):
        raise ProductError("Delete item failed. please try later.", error="error_cannot_delete_item")


def unlist_items(p: "ProductModel", shop_id: int, entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Each item unlisted or relisted on its own; failures are listed, not raised."""
    if not 1 <= len(entries) <= 50:
        raise e.constraints("item_list length should be between 1 and 50")
    success, failure = [], []
    for entry in entries:
        item_id, unlist = int(entry["item_id"]), bool(entry["unlist"])
        try:
            found = p.item_of(shop_id, item_id)
            if unlist and found["item_status"] != "UNLIST" and in_promotion(p, found, own_side=True):
                raise ProductError(e.UNLIST_IN_PROMOTION, error="error_cannt_unlisted_in_promotion")
            doc = p.editable(shop_id, item_id)
        except ShopeeError as exc:  # one bad item fails alone
            failure.append({"item_id": item_id, "failed_reason": exc.message})
            continue
        doc["item_status"] = "UNLIST" if unlist else "NORMAL"
        if not unlist and doc.get("scheduled_publish_time"):
            doc["scheduled_publish_time"] = 0  # listed by hand before its time, as with update_item
        p.touch(doc)
        success.append({"item_id": item_id, "unlist": unlist})
    result = {"failure_list": failure, "success_list": success}
    if not success:
        raise ProductError(e.UNLIST_ALL_FAILED, error="error_unlist_item_all_failed", response=result)
    return result


def item_list(p: "ProductModel", shop_id: int, offset: int, page_size: int, statuses: list[str],
              time_from: int | None, time_to: int | None) -> dict[str, Any]:
    """One page of the shop's items in item_id order, so new items never shift earlier pages."""
    if not 1 <= page_size <= 100:
        raise e.wrong("page_size should be between 1 and 100")
    if offset < 0:
        raise e.wrong("offset should not be negative")
    known = ("NORMAL", "BANNED", "UNLIST", "REVIEWING", "SELLER_DELETE", "SHOPEE_DELETE")
    if not statuses or any(s not in known for s in statuses):
        raise ProductError(e.ITEM_STATUS_ERROR, error="error_param_item_status")
    if time_from is not None and time_to is not None and time_to < time_from:
        raise ProductError(e.UPDATE_TIME_RANGE, error="error_update_time_range")
    wanted = set(statuses)
    matching = [
        d for d in p.items_of_shop(shop_id)
        if d["item_status"] in wanted and not p.forgotten(d)
        and (time_from is None or d["update_time"] >= time_from)
        and (time_to is None or d["update_time"] <= time_to)
    ]
    page = matching[offset: offset + page_size]
    more = offset + page_size < len(matching)
    return {
        "item": [{"item_id": d["item_id"], "item_status": d["item_status"], "update_time": d["update_time"], "tag": {"kit": False}} for d in page],
        "total_count": len(matching),
        "has_next_page": more,
        "next_offset": offset + page_size if more else 0,
    }


def search(p: "ProductModel", shop_id: int, name: str | None, sku: str | None, attribute_status: int | None,
           statuses: list[str] | None, offset: int, page_size: int) -> dict[str, Any]:
    """Items whose name or SKU contains the text, or that lack attributes, in item_id order."""
    if not name and not sku and not attribute_status:
        raise ProductError(e.SEARCH_NEEDS_FILTER)
    if not 1 <= page_size <= 100:
        raise e.wrong("page_size should be between 1 and 100")
    wanted = set(statuses or ["NORMAL"])
    found = []
    for doc in p.items_of_shop(shop_id):
        if doc["item_status"] not in wanted or p.forgotten(doc):
            continue
        mart = p.mart_item_for(doc)
        if name and name.lower() not in mart.get("item_name", "").lower():
            continue
        if sku and sku.lower() not in mart.get("item_sku", "").lower():
            continue
        if attribute_status and not _lacks_attributes(p, mart, mandatory=attribute_status == 1):
            continue
        found.append(doc["item_id"])
    page = found[offset: offset + page_size]
    more = offset + page_size < len(found)
    return {"item_id_list": page, "total_count": len(found), "next_offset": str(offset + page_size) if more else ""}


def _lacks_attributes(p: "ProductModel", mart: dict[str, Any], mandatory: bool) -> bool:
    category = p.rules.catalogue.leaf(mart.get("category_id"))
    if category is None:
        return mandatory
    present = {a["attribute_id"] for a in mart.get("attribute_list") or []}
    return any(a["mandatory"] == mandatory and a["attribute_id"] not in present for a in p.rules.catalogue.attributes_of(category["category_id"]))


def batch(p: "ProductModel", shop_id: int, item_ids: list[int]) -> list[dict[str, Any]]:
    """The caller's items among ``item_ids`` (at most 50), deleted ones included; others are left out."""
    if len(item_ids) > 50:
        raise e.wrong("item_id_list length should be between 1 and 50")
    found = []
    for item_id in item_ids:
        doc = p.find(int(item_id))
        if doc is not None and doc["shop_id"] == shop_id and not p.forgotten(doc):
            found.append(doc)
    if item_ids and not found:
        raise e.ItemNotFound(e.ITEM_ID_NOT_FOUND)
    return found
