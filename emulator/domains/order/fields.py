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
# buyer_preference_for_partial_cancellation 1 = cancel the entire order, the only cancellation the emulator runs
CANCEL_ENTIRE_ORDER = 1
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


def number(value: Any) -> float | int:
    amount = Decimal(str(value))
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def weight_grams(doc: dict[str, Any]) -> int:
    return int(sum(Decimal(str(l["weight"] or 0)) * l["quantity"] for l in doc["items"]) * 1000)


def cancellation(doc: dict[str, Any]) -> dict[str, Any]:
    """What the seller may cancel now: the whole order in the seller-cancellable statuses, never a part."""
    return {
        "can_full_cancel_order": doc["order_status"] in SELLER_CANCELLABLE,
        "can_partial_cancel_order": False,
        "buyer_preference_for_partial_cancellation": CANCEL_ENTIRE_ORDER,
    }


def pending(terms: list[str]) -> dict[str, Any]:
    """pending_terms with the description the page gives each term, in the same order."""
    return {"pending_terms": terms, "pending_description": [PENDING_DESCRIPTION[t] for t in terms]}
