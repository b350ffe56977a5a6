"""Helpers shared by the order and shipping tests."""
from __future__ import annotations

from typing import Any

from emulator.world import Emulator
from tests.conftest import ok


def outlet_item(shopee: Emulator, outlet_id: int, with_variants: bool = False) -> dict[str, Any]:
    items = [d for d in shopee.store.collection("items").values() if d["kind"] == "outlet" and d["shop_id"] == outlet_id]
    return next(d for d in items if (d["models"][0]["model_id"] != 0) == with_variants)


def place(shopee_http: Any, outlet_id: int, item: dict[str, Any], quantity: int = 1, **extra: Any) -> dict[str, Any]:
    body = {"shop_id": outlet_id, "items": [{"item_id": item["item_id"], "model_id": item["models"][0]["model_id"], "quantity": quantity}], **extra}
    answer = shopee_http.post("/_emulator/orders", json=body)
    assert answer.status_code == 200, answer.text
    return answer.json()


def act(shopee_http: Any, order_sn: str, action: str, **body: Any) -> dict[str, Any]:
    answer = shopee_http.post(f"/_emulator/orders/{order_sn}/{action}", json=body)
    assert answer.status_code == 200, answer.text
    return answer.json()


def detail(shopee_client: Any, shop_id: int, order_sn: str, fields: str = "package_list,item_list") -> dict[str, Any]:
    answer = shopee_client.call(
        "v2.order.get_order_detail", shop_id=shop_id, params={"order_sn_list": order_sn, "response_optional_fields": fields}
    )
    return ok(answer)["order_list"][0]


def listed_status(shopee: Emulator, shopee_client: Any, shop_id: int, order_sn: str) -> str | None:
    """The order's status as get_order_list (update_time window, with order_status) shows it."""
    now = shopee.clock.now()
    params = {"time_range_field": "update_time", "time_from": now - 3600, "time_to": now, "page_size": 100,
              "response_optional_fields": "order_status"}
    listed = ok(shopee_client.call("v2.order.get_order_list", shop_id=shop_id, params=params))["order_list"]
    return next((o["order_status"] for o in listed if o["order_sn"] == order_sn), None)


def ship(shopee_client: Any, shop_id: int, order_sn: str) -> dict[str, Any]:
    params = ok(shopee_client.call("v2.logistics.get_shipping_parameter", shop_id=shop_id, params={"order_sn": order_sn}))
    address = params["pickup"]["address_list"][0]
    pickup = {"address_id": address["address_id"], "pickup_time_id": address["time_slot_list"][0]["pickup_time_id"]}
    return shopee_client.call("v2.logistics.ship_order", shop_id=shop_id, body={"order_sn": order_sn, "pickup": pickup})


def stock_of(shopee: Emulator, item_id: int, model_id: int = 0) -> dict[str, Any]:
    doc = shopee.store.get("items", item_id)
    assert doc is not None
    return next(m for m in doc["models"] if m["model_id"] == model_id)
