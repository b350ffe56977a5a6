"""Values shared by the order and package views: money, weights, cancellability, pending terms.

Fields of programmes the emulator does not run (prescriptions, hot listings, affiliate samples, Brazilian
invoices, advance fulfilment) carry their "not applicable" value, never null: see docs/decisions.md.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

IMAGE_HOST = {"ID": "https://cf.shopee.co.id/file/", "TH": "https://cf.shopee.co.th/file/"}
RETURN_WINDOW = 3 * 24 * 3600
SELLER_CANCELLABLE = frozenset({"UNPAID", "READY_TO_SHIP", "PROCESSED", "RETRY_SHIP"})
# buyer_preference_for_partial_cancellation: 0 = ship the available items only, 1 = cancel the entire order
SHIP_AVAILABLE_ONLY = 0
CANCEL_ENTIRE_ORDER = 1
BUYER_PREFERENCES = (SHIP_AVAILABLE_ONLY, CANCEL_ENTIRE_ORDER)
# Paid and not yet with the courier: the statuses in which some lines may be cancelled
PARTIALLY_CANCELLABLE = frozenset({"READY_TO_SHIP", "PROCESSED", "RETRY_SHIP"})
PENDING_DESCRIPTION = {
    "SYSTEM_PENDING": "Order is being processed by Shopee.",
    "KYC_PENDING": "Order is pending buyer TW KYC pre-authorization.",
    "ARRANGE_SHIPMENT_PENDING": "Allocating delivery resources due to high order volume. "
    "Label print will be available within 4 days after buyer paid.",
}
# A local ID/TH order owes no Brazilian invoice: nothing is pending, so the status is "valid" with no document.
INVOICE_STATUS = {"status": "valid", "pending_reason": ""}
INVOICE_DATA = {
    "number": "", "series_number": "", "access_key": "", "issue_date": 0, "total_value": 0,
    "products_total_value": 0, "tax_code": "", **INVOICE_STATUS,
}
PRESCRIPTION_PROOF = {
    "pharmacist_name": "", "prescription_images": [], "prescription_approval_time": 0, "prescription_rejection_time": 0,
}
NO_PRESCRIPTION_ITEM = {"is_prescription_item": False, "error_in_fetching_is_prescription_item": False}


def image_url(doc: dict[str, Any], image_id: str) -> str:
    return IMAGE_HOST.get(doc["region"], "https://cf.shopee.sg/file/") + image_id if image_id else ""


def self_collection(doc: dict[str, Any]) -> dict[str, Any]:
    """Whether the buyer collects the order at the Outlet, and the photos the seller gave of it."""
    proof = doc["packages"][0].get("proof_of_collection") or ()
    return {
        "is_buyer_shop_collection": bool(doc.get("self_collection")),
        "buyer_proof_of_collection": [image_url(doc, image_id) for image_id in proof],
    }


def number(value: Any) -> float | int:
    amount = Decimal(str(value))
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def active_qty(line: dict[str, Any]) -> int:
    """The units of an order line still to be delivered: purchased less those partially cancelled."""
    return int(line["quantity"]) - int(line.get("cancelled_qty", 0))


def weight_grams(doc: dict[str, Any]) -> int:
    return int(sum(Decimal(str(l["weight"] or 0)) * active_qty(l) for l in doc["items"]) * 1000)


def buyer_preference(doc: dict[str, Any]) -> int:
    return int(doc.get("buyer_preference_for_partial_cancellation", CANCEL_ENTIRE_ORDER))


def can_partial_cancel(doc: dict[str, Any]) -> bool:
    """The buyer lets the seller drop unavailable items, the order is not with the courier yet, and
    cancelling some units would still leave one to ship."""
    return (
        doc["order_status"] in PARTIALLY_CANCELLABLE
        and buyer_preference(doc) == SHIP_AVAILABLE_ONLY
        and sum(active_qty(line) for line in doc["items"]) > 1
    )


def cancellation(doc: dict[str, Any]) -> dict[str, Any]:
    """What the seller may cancel now: the whole order in the seller-cancellable statuses, and some of
    its units where the buyer's preference allows it."""
    return {
        "can_full_cancel_order": doc["order_status"] in SELLER_CANCELLABLE,
        "can_partial_cancel_order": can_partial_cancel(doc),
        "buyer_preference_for_partial_cancellation": buyer_preference(doc),
    }


def pending(terms: list[str]) -> dict[str, Any]:
    """pending_terms with the description the page gives each term, in the same order."""
    return {"pending_terms": terms, "pending_description": [PENDING_DESCRIPTION[t] for t in terms]}
