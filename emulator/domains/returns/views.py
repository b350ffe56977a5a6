"""How a stored return looks in get_return_list and get_return_detail."""
from __future__ import annotations

from typing import Any

from emulator.domains.order.fields import IMAGE_HOST, number

SOLUTION_CODE = {"RETURN_REFUND": 0, "REFUND": 1}
CHANNEL_NAME = "Instant Return"
# get_return_list names the dispute reason with the ReturnDisputeReason words, not the numeric id
DISPUTE_WORD = {1: "NON_RECEIPT", 2: "OTHER", 44: "OTHER", 53: "OTHER", 46: "NOT_RECEIVED"}
NOT_REASSESSED = "NONE"
# A return the seller validates has no warehouse steps to report
NO_FOLLOW_UP: list[dict[str, Any]] = []
# The legacy and the new reverse status before any reverse logistics exists (Data Definition - LogisticsStatus)
NOT_STARTED = "LOGISTICS_NOT_START"
# The one compensation the emulator decides: the seller's claim after a platform auto-refund
COMPENSATION_TYPE = "LOGISTICS_RELATED_COMPENSATION"


def image_url(doc: dict[str, Any], image_id: str) -> str:
    if not image_id or image_id.startswith(("http://", "https://")):
        return image_id
    return IMAGE_HOST.get(doc["region"], "https://cf.shopee.sg/file/") + image_id


def reverse_status(doc: dict[str, Any]) -> str:
    return str(doc["logistics_status"] or NOT_STARTED)


def _item(doc: dict[str, Any], line: dict[str, Any], detail: bool) -> dict[str, Any]:
    item = {
        "model_id": line["model_id"],
        "name": line["name"],
        "images": [image_url(doc, line["image_id"])] if line["image_id"] else [],
        "amount": line["amount"],
        "item_price": number(line["item_price"]),
        "is_add_on_deal": False,
        "is_main_item": False,
        "add_on_deal_id": 0,
        "item_id": line["item_id"],
        "item_sku": line["item_sku"],
        "variation_sku": line["variation_sku"],
    }
    if detail:
        item["refund_amount"] = number(line["refund_amount"])
    return item


def _common(doc: dict[str, Any], detail: bool) -> dict[str, Any]:
    disputed = bool(doc["dispute_reason"])
    return {
        "image": [image_url(doc, i) for i in doc["images"]],
        "reason": doc["reason"],
        "text_reason": doc["text_reason"],
        "return_sn": doc["return_sn"],
        "refund_amount": number(doc["refund_amount"]),
        "currency": doc["currency"],
        "create_time": doc["create_time"],
        "update_time": doc["update_time"],
        "status": doc["status"],
        "due_date": doc["due_date"],
        "tracking_number": doc["tracking_number"],
        "needs_logistics": doc["solution"] == "RETURN_REFUND",
        "amount_before_discount": number(doc["amount_before_discount"]),
        "user": dict(doc["user"]),
        "item": [_item(doc, line, detail) for line in doc["items"]],
        "order_sn": doc["order_sn"],
        "return_ship_due_date": doc["return_ship_due_date"],
        "return_seller_due_date": doc["return_seller_due_date"],
        "return_refund_type": doc["return_refund_type"],
        "return_solution": SOLUTION_CODE[doc["solution"]],
        "is_seller_arrange": False,
        "is_shipping_proof_mandatory": False,
        "return_refund_request_type": 0,
        "validation_type": "seller_validation",
        # the list names the reason with a ReturnDisputeReason word; the detail with its id as a string
        # (ReturnDisputeReasonId), the value get_return_dispute_reason and dispute exchange
        "dispute_reason": [DISPUTE_WORD.get(doc["dispute_reason"], "UNKNOWN") if not detail else str(doc["dispute_reason"])] if disputed else [],
        "dispute_text_reason": [doc["dispute_text_reason"]] if disputed else [],
        "reassessed_request_reason": NOT_REASSESSED,
        "follow_up_action_list": list(NO_FOLLOW_UP),
    }


def list_entry(doc: dict[str, Any]) -> dict[str, Any]:
    return {
        **_common(doc, False),
        "negotiation_status": doc["negotiation"]["status"],
        "seller_proof_status": doc["proof"]["status"],
        "seller_compensation_status": doc["compensation"]["status"],
    }


def detail(doc: dict[str, Any]) -> dict[str, Any]:
    negotiation, proof, compensation = doc["negotiation"], doc["proof"], doc["compensation"]
    address = doc["pickup_address"]
    return {
        **_common(doc, True),
        "buyer_videos": [],
        "activity": [],
        "seller_proof": {"seller_proof_status": proof["status"], "seller_evidence_deadline": proof["deadline"]},
        "seller_compensation": {
            "seller_compensation_status": compensation["status"],
            "seller_compensation_due_date": compensation["due_date"],
            "compensation_amount": number(compensation["amount"]),
            "compensation_amount_list": {"compensation_type": COMPENSATION_TYPE, "compensation_amount": number(compensation["amount"])},
        },
        "negotiation": {
            "negotiation_status": negotiation["status"],
            "latest_solution": negotiation["solution"],
            "latest_offer_amount": number(negotiation["amount"]),
            "latest_offer_creator": doc["user"]["username"] if negotiation["creator"] == "buyer" else "seller",
            "counter_limit": negotiation["counter_limit"],
            "offer_due_date": negotiation["due_date"] if negotiation["status"] != "TERMINATED" else 0,
        },
        "logistics_status": reverse_status(doc),
        "reverse_logistics_status": reverse_status(doc),
        "return_pickup_address": {
            "address": address.get("full_address", ""),
            **{key: address.get(key, "") for key in ("name", "phone", "town", "district", "city", "state", "region", "zipcode")},
        },
        "virtual_contact_number": "",
        "package_query_number": "",
        "return_address": {"whs_id": ""},
        "has_uploaded_shipping_proof": doc["shipping_proof"] is not None,
        "is_reverse_logistics_channel_integrated": doc["solution"] == "RETURN_REFUND",
        "reverse_logistics_channel_name": CHANNEL_NAME if doc["solution"] == "RETURN_REFUND" else "",
    }


def tracking(doc: dict[str, Any]) -> dict[str, Any]:
    return {
        "return_sn": doc["return_sn"],
        "return_refund_request_type": 0,
        "validation_type": "seller_validation",
        "reverse_logistics_status": reverse_status(doc),
        "reverse_logistics_update_time": doc["logistics_update_time"],
        "estimated_delivery_date_max": doc["return_ship_due_date"] + 2 * 86400 if doc["return_ship_due_date"] else 0,
        "estimated_delivery_date_min": doc["return_ship_due_date"] if doc["return_ship_due_date"] else 0,
        "tracking_number": doc["tracking_number"],
        "tracking_info": [
            {"update_time": t["update_time"], "tracking_description": t["description"], "epop_image_list": [], "epod_image_list": []}
            for t in reversed(doc["tracking"])
        ],
        "post_return_logistics_status": "",
        "post_return_logistics_update_time": 0,
        "rts_tracking_number": "",
        "post_return_logistics_tracking_info": [],
        "collection_pin_code": "",
    }
