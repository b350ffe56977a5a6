"""How packages read: inside get_order_detail, in get_package_detail and in search_package_list.

``driver_info`` and ``preparation_end_time`` follow the package's rider (``emulator.domains.logistics.riders``).
"""
from __future__ import annotations

from typing import Any

from emulator.domains.logistics.riders import driver_info
from emulator.domains.order.fields import (
    INVOICE_STATUS, NO_PRESCRIPTION_ITEM, PRESCRIPTION_PROOF, active_qty, cancellation, pending, self_collection,
    weight_grams,
)

# Statuses in which the seller has not (or no longer) arranged the shipment
NOT_ARRANGED = frozenset({"LOGISTICS_NOT_START", "LOGISTICS_PENDING_ARRANGE", "LOGISTICS_READY", "LOGISTICS_PICKUP_RETRY"})
NO_TAG = {"tag_id": 0, "timestamp": 0}
MUST_SHIP_BEFORE = 2


def is_shipment_arranged(package: dict[str, Any]) -> bool:
    return package["logistics_status"] not in NOT_ARRANGED


def package_items(doc: dict[str, Any], with_sku: bool = False) -> list[dict[str, Any]]:
    items = []
    # the parcel holds what is left to deliver: a partially cancelled line with fewer units, a wholly cancelled one not at all
    for line in (line for line in doc["items"] if active_qty(line)):
        entry: dict[str, Any] = {"item_id": line["item_id"], "model_id": line["model_id"]}
        if with_sku:
            entry.update(item_sku=line["item_sku"], model_sku=line["model_sku"])
        entry.update(model_quantity=active_qty(line), order_item_id=line["item_id"], promotion_group_id=0, product_location_id="")
        if with_sku:
            entry.update(consultation_id="", **NO_PRESCRIPTION_ITEM, prescription_check_status=0, prescription_reject_reason="")
        items.append(entry)
    return items


def order_package(doc: dict[str, Any], package: dict[str, Any]) -> dict[str, Any]:
    """One entry of get_order_detail's package_list."""
    return {
        "package_number": package["package_number"],
        "logistics_status": package["logistics_status"],
        "logistics_channel_id": doc["logistics_channel_id"],
        "shipping_carrier": doc["shipping_carrier"],
        "allow_self_design_awb": False,
        "item_list": package_items(doc),
        "parcel_chargeable_weight": weight_grams(doc),
        "group_shipment_id": 0,
        "virtual_contact_number": "",
        "package_query_number": "",
        "sorting_group": "",
    }


def status_info_tag(doc: dict[str, Any], package: dict[str, Any]) -> dict[str, int]:
    """Tag 2 (must ship before) while Auto Call Driver waits for the preparation time to end."""
    deadline = int(package.get("preparation_end_time") or 0)
    if deadline and doc["order_status"] == "READY_TO_SHIP" and not is_shipment_arranged(package):
        return {"tag_id": MUST_SHIP_BEFORE, "timestamp": deadline}
    return dict(NO_TAG)


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
        **pending([]),
        "tracking_number": package["tracking_number"],
        "tracking_number_expiration_date": 0,
        "pickup_done_time": doc["pickup_done_time"],
        "is_split_up": False,
        "item_list": package_items(doc, with_sku=True),
        "recipient_address": dict(doc["recipient_address"]),
        "parcel_chargeable_weight_gram": weight_grams(doc),
        "group_shipment_id": 0,
        "virtual_contact_number": "",
        "package_query_number": "",
        "sorting_group": "",
        "is_shipment_arranged": is_shipment_arranged(package),
        "status_info_tag": status_info_tag(doc, package),
        "can_split_order": False,
        "can_unsplit_order": False,
        "is_pre_order": False,
        **PRESCRIPTION_PROOF,
        **self_collection(doc),
        "preparation_end_time": int(package.get("preparation_end_time") or 0),
        "driver_info": driver_info(package),
        **cancellation(doc),
        "invoice_pending": dict(INVOICE_STATUS),
    }


def search_entry(doc: dict[str, Any]) -> dict[str, Any]:
    """One entry of search_package_list."""
    package = doc["packages"][0]
    return {
        "order_sn": doc["order_sn"], "package_number": package["package_number"],
        "logistics_channel_id": doc["logistics_channel_id"], "product_location_id": "", "sorting_group": "",
        "is_shipment_arranged": is_shipment_arranged(package),
    }
