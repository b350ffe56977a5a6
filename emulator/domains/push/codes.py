"""Push codes and the bodies the platform posts for the events the emulator produces.

A body is serialised once, when its message is created, in the key order and compact form of the
reference's sample (``data``, ``shop_id``, ``code``, ``timestamp``); the same text is signed and
sent on every attempt and served by get_lost_push_message.
"""
from __future__ import annotations

from typing import Any, Callable

from emulator import render
from emulator.domains.auth import authorizations as auth
from emulator.domains.discount import events as discount
from emulator.domains.logistics import events as logistics
from emulator.domains.order import events as order_events
from emulator.domains.product.stock import RESERVED_CHANGED
from emulator.domains.product.video import EVENT as VIDEO_TRANSCODED
from emulator.events import Event

SHOP_AUTHORIZATION = 1
SHOP_DEAUTHORIZATION = 2
ORDER_STATUS = 3
ORDER_TRACKINGNO = 4
SHOPEE_UPDATES = 5
ITEM_PROMOTION = 7
PROMOTION_UPDATE = 9
AUTHORIZATION_EXPIRY = 12
SHIPPING_DOCUMENT_STATUS = 15
VIDEO_UPLOAD = 11
RESERVED_STOCK_CHANGE = 8
VERIFY = 0

# The codes set_app_push_config lists (1-13) and Shipping Document Status, which the guide adds.
KNOWN_CODES = (*range(1, 14), SHIPPING_DOCUMENT_STATUS)
# Partner-level pushes carry no shop_id.
PARTNER_LEVEL = frozenset({SHOP_AUTHORIZATION, SHOP_DEAUTHORIZATION, AUTHORIZATION_EXPIRY})

Body = dict[str, Any]


def order_status_data(event: Event) -> Body:
    data = event.data
    return {
        "items": [],
        "ordersn": data["order_sn"],
        "status": data["new"],
        "completed_scenario": data.get("completed_scenario", ""),
        "update_time": int(data.get("update_time", event.timestamp)),
    }


def trackingno_data(event: Event) -> Body:
    data = event.data
    return {
        "ordersn": data["order_sn"],
        "package_number": data.get("package_number", ""),
        "tracking_no": data.get("tracking_number", data.get("tracking_no", "")),
    }


def shipping_document_data(event: Event) -> Body:
    data = event.data
    return {"ordersn": data["order_sn"], "package_number": data.get("package_number", ""), "status": data["status"]}


def reserved_stock_data(event: Event) -> Body:
    """An Outlet model's total_reserved_stock (a running promotion's reserve) changed."""
    data = event.data
    return {"shop_id": event.shop_id, "item_id": data["item_id"], "variation_id": data["model_id"], "action": data["action"],
            "changed_values": [{"name": "reserved_stock", "old": data["old"], "new": data["new"]}], "update_time": event.timestamp}


def video_upload_data(event: Event) -> Body:
    data = event.data
    body: Body = {"video_upload_id": data["video_upload_id"], "status": data["status"], "message": data.get("message", "")}
    if data.get("video_info"):
        body["video_info"] = data["video_info"]
    return body


def item_promotion_data(event: Event) -> Body:
    """item_promotion_push: a model's hold by a promotion began or ended (the push's field order)."""
    data = event.data
    return {"shop_id": event.shop_id, "item_id": data["item_id"], "variation_id": data["variation_id"],
            "promotion_type": data["promotion_type"], "promotion_id": data["promotion_id"], "action": data["action"],
            "update_time": data["update_time"], "start_time": data["start_time"], "end_time": data["end_time"],
            "reserved_stock": data.get("reserved_stock", 0)}


def promotion_update_data(event: Event) -> Body:
    """promotion_update_push: times are sent when added or moved, reserved_stock only with one."""
    data = event.data
    body: Body = {"shop_id": event.shop_id, "promotion_id": data["promotion_id"], "promotion_type": data["promotion_type"]}
    if data["action"] != discount.REMOVED:
        body.update(start_time=data["start_time"], end_time=data["end_time"])
    body.update(action=data["action"], item_id=data["item_id"], variation_id=data["variation_id"])
    if "reserved_stock" in data:
        body["reserved_stock"] = data["reserved_stock"]
    return body


# Event name -> (push code, builder of the body's ``data``): each name one that a domain publishes,
# matched exactly.
EVENT_CODES: dict[str, tuple[int, Callable[[Event], Body]]] = {
    order_events.STATUS_CHANGED: (ORDER_STATUS, order_status_data),
    logistics.TRACKING_NUMBER: (ORDER_TRACKINGNO, trackingno_data),
    logistics.SHIPPING_DOCUMENT_STATUS: (SHIPPING_DOCUMENT_STATUS, shipping_document_data),
    VIDEO_TRANSCODED: (VIDEO_UPLOAD, video_upload_data),
    RESERVED_CHANGED: (RESERVED_STOCK_CHANGE, reserved_stock_data),
    discount.ITEM_PROMOTION: (ITEM_PROMOTION, item_promotion_data),
    discount.PROMOTION_UPDATE: (PROMOTION_UPDATE, promotion_update_data),
}


def authorization_data(event: Event) -> Body:
    data = event.data
    shops = list(data["shop_id_list"])
    granted = "authorized" if event.name == auth.AUTHORIZED else "deauthorized"
    return {
        "main_account_id": data.get("main_account_id") or 0,
        "shop_id_list": shops,
        "merchant_id_list": [],
        "success": 1,
        "extra": f"shop_id {', '.join(map(str, shops))} is {granted} successfully",
    }


def expiry_data(event: Event) -> Body:
    return {
        "shop_expire_soon": list(event.data["shop_id_list"]),
        "merchant_expire_soon": [],
        "expire_before": int(event.data["expire_time"]),
        "page_no": 1,
        "total_page": 1,
    }


# Partner-level events (published by the auth domain): the body lists the shops in ``data`` and is
# sent whether or not the shops are still authorized (a cancellation is news about a shop that is not).
PARTNER_EVENT_CODES: dict[str, tuple[int, Callable[[Event], Body]]] = {
    auth.AUTHORIZED: (SHOP_AUTHORIZATION, authorization_data),
    auth.CANCELLED: (SHOP_DEAUTHORIZATION, authorization_data),
    auth.EXPIRING: (AUTHORIZATION_EXPIRY, expiry_data),
}


def body_text(code: int, shop_id: int | None, timestamp: int, data: Body) -> str:
    body: Body = {"data": data}
    if shop_id is not None and code not in PARTNER_LEVEL:
        body["shop_id"] = shop_id
    body["code"] = code
    body["timestamp"] = timestamp
    return render.text(body)
