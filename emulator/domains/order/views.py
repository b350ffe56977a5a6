"""How orders and packages read in the API responses (get_order_detail, get_package_detail...).

Prices are exact decimal strings in the store and JSON numbers in responses, as the reference types them.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

DETAIL_OPTIONAL = frozenset(
    {
        "buyer_user_id", "buyer_username", "estimated_shipping_fee", "recipient_address", "actual_shipping_fee",
        "goods_to_declare", "note", "note_update_time", "item_list", "pay_time", "dropshipper", "dropshipper_phone",
        "split_up", "buyer_cancel_reason", "cancel_by", "cancel_reason", "actual_shipping_fee_confirmed",
        "buyer_cpf_id", "fulfillment_flag", "pickup_done_time", "package_list", "shipping_carrier", "payment_method",
        "total_amount", "invoice_data", "order_chargeable_weight_gram", "return_request_due_date", "edt", "payment_info",
    }
)
IMAGE_HOST = {"ID": "https://cf.shopee.co.id/file/", "TH": "https://cf.shopee.co.th/file/"}
RETURN_WINDOW = 3 * 24 * 3600


def number(value: Any) -> float | int:
    amount = Decimal(str(value))
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def optional_fields(raw: str | None) -> set[str]:
    return {part.strip() for part in (raw or "").split(",") if part.strip()}


def list_entry(doc: dict[str, Any], with_status: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {"order_sn": doc["order_sn"]}
    if with_status:
        entry["order_status"] = doc["order_status"]
    return entry


def weight_grams(doc: dict[str, Any]) -> int:
    return int(sum(Decimal(str(l["weight"] or 0)) * l["quantity"] for l in doc["items"]) * 1000)


def detail(doc: dict[str, Any], fields: set[str], pending_terms: bool = False) -> dict[str, Any]:
    """One order of get_order_detail: the default fields plus each requested optional group."""
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
        "advance_package": False,
        "is_buyer_shop_collection": False,
    }
    if pending_terms:
        out["pending_terms"] = []
    for name in sorted(fields & DETAIL_OPTIONAL):
        out.update(_optional(doc, name))
    return out


def _optional(doc: dict[str, Any], name: str) -> dict[str, Any]:
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
        "dropshipper": None,
        "dropshipper_phone": None,
        "split_up": False,
        "buyer_cancel_reason": doc["buyer_cancel_reason"],
        "cancel_by": doc["cancel_by"],
        "cancel_reason": doc["cancel_reason"],
        "actual_shipping_fee_confirmed": bool(delivered),
        "buyer_cpf_id": None,
        "fulfillment_flag": "fulfilled_by_local_seller",
        "pickup_done_time": doc["pickup_done_time"],
        "shipping_carrier": doc["shipping_carrier"],
        "payment_method": doc["payment_method"],
        "total_amount": number(doc["total_amount"]),
        "invoice_data": None,
        "order_chargeable_weight_gram": weight_grams(doc),
        "return_request_due_date": delivered + RETURN_WINDOW if delivered else 0,
    }
    if name in simple:
        return {name: simple[name]}
    if name == "recipient_address":
        return {"recipient_address": dict(doc["recipient_address"])}
    if name == "pay_time":
        return {"pay_time": doc["pay_time"]} if doc["pay_time"] else {}
    if name == "item_list":
        return {"item_list": [_item(doc, line) for line in doc["items"]]}
    if name == "package_list":
        return {"package_list": [_package(doc, p) for p in doc["packages"]]}
    if name == "edt":
        start = doc["pay_time"] or doc["create_time"]
        return {"edt_from": start + 3600, "edt_to": start + 3 * 3600}
    if name == "payment_info":
        return {"payment_info": [{"payment_method": doc["payment_method"], "payment_processor_register": "",
                                  "card_brand": "", "transaction_id": doc["transaction_id"]}]}
    return {}


def _image_url(doc: dict[str, Any], image_id: str) -> str:
    return IMAGE_HOST.get(doc["region"], "https://cf.shopee.sg/file/") + image_id if image_id else ""


def _item(doc: dict[str, Any], line: dict[str, Any]) -> dict[str, Any]:
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
        "promotion_type": "",
        "promotion_id": 0,
        "order_item_id": line["item_id"],
        "promotion_group_id": 0,
        "image_info": {"image_url": _image_url(doc, line["image_id"])},
        "product_location_id": "",
        "is_prescription_item": False,
        "is_b2c_owned_item": False,
        "consultation_id": "",
    }


def package_items(doc: dict[str, Any], with_sku: bool = False) -> list[dict[str, Any]]:
    items = []
    for line in doc["items"]:
        entry: dict[str, Any] = {"item_id": line["item_id"], "model_id": line["model_id"]}
        if with_sku:
            entry.update(item_sku=line["item_sku"], model_sku=line["model_sku"])
        entry.update(model_quantity=line["quantity"], order_item_id=line["item_id"], promotion_group_id=0, product_location_id="")
        if with_sku:
            entry["consultation_id"] = ""
        items.append(entry)
    return items


def _package(doc: dict[str, Any], package: dict[str, Any]) -> dict[str, Any]:
    return {
        "package_number": package["package_number"],
        "logistics_status": package["logistics_status"],
        "logistics_channel_id": doc["logistics_channel_id"],
        "shipping_carrier": doc["shipping_carrier"],
        "allow_self_design_awb": False,
        "item_list": package_items(doc),
        "parcel_chargeable_weight_gram": weight_grams(doc),
        "group_shipment_id": None,
        "virtual_contact_number": "",
        "package_query_number": "",
        "sorting_group": "",
    }


def package_detail(doc: dict[str, Any]) -> dict[str, Any]:
    """One package of get_package_detail."""
    package = doc["packages"][0]
    return {
        "order_sn": doc["order_sn"],
        "package_number": package["package_number"],
        "fulfillment_status": package["logistics_status"],
        "update_time": package["update_time"],
        "logistics_channel_id": doc["logistics_channel_id"],
        "shipping_carrier": doc["shipping_carrier"],
        "allow_self_design_awb": False,
        "days_to_ship": doc["days_to_ship"],
        "ship_by_date": doc["ship_by_date"],
        "pending_terms": [],
        "tracking_number": package["tracking_number"],
        "tracking_number_expiration_date": 0,
        "pickup_done_time": doc["pickup_done_time"],
        "is_split_up": False,
        "item_list": package_items(doc, with_sku=True),
        "recipient_address": dict(doc["recipient_address"]),
        "parcel_chargeable_weight_gram": weight_grams(doc),
        "group_shipment_id": None,
        "virtual_contact_number": "",
        "package_query_number": "",
        "sorting_group": "",
        "prescription_images": [],
        "pharmacist_name": "",
        "prescription_approval_time": 0,
        "prescription_rejection_time": 0,
        "is_buyer_shop_collection": False,
        "buyer_proof_of_collection": [],
    }
