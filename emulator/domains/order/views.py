"""How orders read in get_order_list and get_order_detail (packages: ``package_views``).

Prices are exact decimal strings in the store and JSON numbers in responses, as the reference types them.
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping

import orjson

from emulator.domains.order.fields import (  # noqa: F401  (IMAGE_HOST, RETURN_WINDOW, number: read by other domains)
    IMAGE_HOST, INVOICE_DATA, NO_PRESCRIPTION_ITEM, PRESCRIPTION_PROOF, RETURN_WINDOW, active_qty, cancellation, image_url,
    number, pending, self_collection, weight_grams,
)
from emulator.domains.order.package_views import order_package
from emulator.render import dumps

DETAIL_OPTIONAL = frozenset(
    {
        "buyer_user_id", "buyer_username", "estimated_shipping_fee", "recipient_address", "actual_shipping_fee",
        "goods_to_declare", "note", "note_update_time", "item_list", "pay_time", "dropshipper", "dropshipper_phone",
        "split_up", "buyer_cancel_reason", "cancel_by", "cancel_reason", "actual_shipping_fee_confirmed",
        "buyer_cpf_id", "fulfillment_flag", "pickup_done_time", "package_list", "shipping_carrier", "payment_method",
        "total_amount", "invoice_data", "order_chargeable_weight_gram", "return_request_due_date", "edt", "payment_info",
        "international_label",
    }
)
# "Return by default": no order is matched with an advance-fulfilment booking, so the id is empty
NO_BOOKING = ""
OPEN_RETURN = frozenset({"REQUESTED", "PROCESSING", "SELLER_DISPUTE", "JUDGING"})


def optional_fields(raw: str | None) -> set[str]:
    return {part.strip() for part in (raw or "").split(",") if part.strip()}


# kept list entries past this many are dropped all at once: listing a large world page by page
# keeps memory bounded, and a page of 100 is rebuilt in a few tens of µs
LISTED_LIMIT = 20_000


def list_entries(docs: Mapping[str, dict[str, Any]], order_sns: list[str], with_status: bool, kept: dict[str, Any] | None = None) -> list[Any]:
    """get_order_list's entries for a page of orders (``docs``: the orders by order_sn), built in
    one comprehension: a few calls per order were most of what a page of 100 cost.

    ``kept`` holds the entries of orders listed before, rendered (the envelope embeds them as
    they are), by order_sn; the order index drops an order's entry when the order changes."""
    if kept is None:
        if with_status:
            return [{"order_sn": sn, "order_status": docs[sn]["order_status"], "booking_sn": NO_BOOKING} for sn in order_sns]
        return [{"order_sn": sn, "booking_sn": NO_BOOKING} for sn in order_sns]
    found = list(map(kept.get, order_sns))
    if not all(found):  # a kept entry is never false: only a missing one is
        if len(kept) > LISTED_LIMIT:
            kept.clear()
        for at, entry in enumerate(found):
            if entry is None:
                sn = order_sns[at]
                built = {"order_sn": sn, "order_status": docs[sn]["order_status"], "booking_sn": NO_BOOKING} if with_status \
                    else {"order_sn": sn, "booking_sn": NO_BOOKING}
                found[at] = kept[sn] = orjson.Fragment(dumps(built))
    return found


def detail(
    doc: dict[str, Any], fields: set[str], pending_terms: bool = False, returns: Iterable[dict[str, Any]] = ()
) -> dict[str, Any]:
    """One order of get_order_detail: the default fields plus each requested optional group.

    ``returns`` are the order's return documents, for the per-line returned quantities.
    """
    out: dict[str, Any] = {
        "order_sn": doc["order_sn"],
        "region": doc["region"],
        "currency": doc["currency"],
        "cod": doc["cod"],
        "order_status": doc["order_status"],
        "message_to_seller": doc["message_to_seller"],
        "create_time": doc["create_time"],
        "update_time": doc["update_time"],
        "days_to_ship": doc["days_to_ship"],
        "ship_by_date": doc["ship_by_date"],
        "checkout_shipping_carrier": doc["shipping_carrier"],
        "reverse_shipping_fee": 0,
        "booking_sn": NO_BOOKING,
        "advance_package": False,
        **self_collection(doc),
        "prescription_check_status": 0,
        **PRESCRIPTION_PROOF,
        "prescription_reject_reason": "",
        "hot_listing_order": False,
        **cancellation(doc),
        "affiliate_sample_type": 0,
    }
    if pending_terms:
        out.update(pending([]))
    quantities = returned_quantities(returns)
    for name in sorted(fields & DETAIL_OPTIONAL):
        out.update(_optional(doc, name, quantities))
    return out


def returned_quantities(returns: Iterable[dict[str, Any]]) -> dict[tuple[int, int], dict[str, int]]:
    """Per (item_id, model_id): the quantity in open returns and the quantity refunded."""
    found: dict[tuple[int, int], dict[str, int]] = {}
    for ret in returns:
        kind = "returned_qty" if ret["status"] == "ACCEPTED" else "return_requested_qty" if ret["status"] in OPEN_RETURN else ""
        for line in ret["items"] if kind else ():
            counts = found.setdefault((line["item_id"], line["model_id"]), {"returned_qty": 0, "return_requested_qty": 0})
            counts[kind] += int(line["amount"])
    return found


def _optional(doc: dict[str, Any], name: str, quantities: dict[tuple[int, int], dict[str, int]]) -> dict[str, Any]:
    fee = number(doc["estimated_shipping_fee"])
    delivered = doc["delivered_time"]
    simple: dict[str, Any] = {
        "buyer_user_id": doc["buyer_user_id"],
        "buyer_username": doc["buyer_username"],
        "estimated_shipping_fee": fee,
        "actual_shipping_fee": fee if doc["pickup_done_time"] else 0,
        "goods_to_declare": False,
        "note": doc["note"],
        "note_update_time": doc["note_update_time"],
        "dropshipper": "",
        "dropshipper_phone": "",
        "split_up": False,
        "buyer_cancel_reason": doc["buyer_cancel_reason"],
        "cancel_by": doc["cancel_by"],
        "cancel_reason": doc["cancel_reason"],
        "actual_shipping_fee_confirmed": bool(delivered),
        "buyer_cpf_id": "",
        "fulfillment_flag": "fulfilled_by_local_seller",
        "pickup_done_time": doc["pickup_done_time"],
        "shipping_carrier": doc["shipping_carrier"],
        "payment_method": doc["payment_method"],
        "total_amount": number(doc["total_amount"]),
        "invoice_data": dict(INVOICE_DATA),
        "order_chargeable_weight_gram": weight_grams(doc),
        "return_request_due_date": delivered + RETURN_WINDOW if delivered else 0,
        # the page documents null until the buyer pays
        "pay_time": doc["pay_time"] or None,
    }
    if name in simple:
        return {name: simple[name]}
    if name == "recipient_address":
        return {"recipient_address": dict(doc["recipient_address"])}
    if name == "item_list":
        return {"item_list": [_item(doc, line, quantities) for line in doc["items"]]}
    if name == "package_list":
        return {"package_list": [order_package(doc, p) for p in doc["packages"]]}
    if name == "edt":
        start = doc["pay_time"] or doc["create_time"]
        return {"edt_from": start + 3600, "edt_to": start + 3 * 3600}
    if name == "payment_info":
        return {"payment_info": [{"payment_method": doc["payment_method"], "payment_processor_register": "",
                                  "card_brand": "", "transaction_id": doc["transaction_id"],
                                  "payment_amount": number(doc["total_amount"])}]}
    if name == "international_label":
        return {"is_international": False}
    return {}


def line_item_id(line: dict[str, Any]) -> int:
    """Unique per order line: its model's id, or the item's for an item without models."""
    return int(line["model_id"] or line["item_id"])


def line_quantities(doc: dict[str, Any], line: dict[str, Any], quantities: dict[tuple[int, int], dict[str, int]]) -> dict[str, int]:
    """The partial-cancellation counters of one line; whole-order cancellation moves every unit left at once."""
    quantity = int(line["quantity"])
    status = doc["order_status"]
    cancelled = quantity if status == "CANCELLED" else quantity - active_qty(line)
    requested = active_qty(line) if status == "IN_CANCEL" else 0
    returns = quantities.get((line["item_id"], line["model_id"]), {"returned_qty": 0, "return_requested_qty": 0})
    return {
        "active_qty": max(quantity - cancelled - returns["returned_qty"], 0),
        "cancel_requested_qty": requested,
        "cancelled_qty": cancelled,
        "return_requested_qty": returns["return_requested_qty"],
        "returned_qty": returns["returned_qty"],
    }


def promotion_list(line: dict[str, Any]) -> list[dict[str, Any]]:
    """The item promotion an order line was priced by (a seller discount), as order and escrow list it."""
    if not line.get("promotion_id"):
        return []
    return [{"promotion_type": line["promotion_type"], "promotion_id": int(line["promotion_id"])}]


def _item(doc: dict[str, Any], line: dict[str, Any], quantities: dict[tuple[int, int], dict[str, int]]) -> dict[str, Any]:
    return {
        "item_id": line["item_id"],
        "item_name": line["item_name"],
        "item_sku": line["item_sku"],
        "model_id": line["model_id"],
        "model_name": line["model_name"],
        "model_sku": line["model_sku"],
        "model_quantity_purchased": line["quantity"],
        "model_original_price": number(line["model_original_price"]),
        "model_discounted_price": number(line["model_discounted_price"]),
        "wholesale": False,
        "weight": float(line["weight"] or 0),
        "add_on_deal": False,
        "main_item": False,
        "add_on_deal_id": 0,
        # the legacy single field names a seller discount product_promotion; promotion_list names it exactly
        "promotion_type": "product_promotion" if line.get("promotion_id") else "",
        "promotion_id": int(line.get("promotion_id") or 0),
        "order_item_id": line["item_id"],
        "line_item_id": line_item_id(line),
        "promotion_group_id": 0,
        "image_info": {"image_url": image_url(doc, line["image_id"])},
        "product_location_id": "",
        **NO_PRESCRIPTION_ITEM,
        "consultation_id": "",
        "is_b2c_owned_item": False,
        "promotion_list": promotion_list(line),
        "hot_listing_item": False,
        **line_quantities(doc, line, quantities),
    }
