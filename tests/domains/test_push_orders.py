"""Pushes from the order domain's own events: a test order placed, paid and shipped."""
from __future__ import annotations

from typing import Any

import httpx

from emulator.domains.push.sink import PushSink
from emulator.world import Emulator


def place_and_ship(shopee: Emulator, http: httpx.Client, outlet_id: int) -> str:
    item = next(d for d in shopee.store.collection("items").values() if d.get("kind") == "outlet" and d["shop_id"] == outlet_id)
    line = {"item_id": item["item_id"], "model_id": item["models"][0]["model_id"], "quantity": 1}
    placed = http.post("/_emulator/orders", json={"shop_id": outlet_id, "items": [line]})
    assert placed.status_code == 200, placed.text
    order_sn = str(placed.json()["order_sn"])
    for action in ("pay", "ship"):
        assert http.post(f"/_emulator/orders/{order_sn}/{action}", json={}).status_code == 200
    return order_sn


def pushes_of(sink: PushSink, order_sn: str) -> list[Any]:
    return [p for p in sink.received if p.json["data"].get("ordersn") == order_sn]


def test_order_flow_pushes_each_status_then_the_tracking_number(
    shopee: Emulator, shopee_http: httpx.Client, shopee_push_sink: PushSink, outlet_id: int
) -> None:
    order_sn = place_and_ship(shopee, shopee_http, outlet_id)
    shopee.advance(0)
    seen = [(p.code, p.json["data"].get("status")) for p in pushes_of(shopee_push_sink, order_sn)]
    assert seen[:4] == [(3, "UNPAID"), (3, "READY_TO_SHIP"), (3, "PROCESSED"), (4, None)]
    tracking = pushes_of(shopee_push_sink, order_sn)[3].json["data"]
    assert tracking["tracking_no"] and tracking["package_number"]


def test_shipping_document_ready_pushes_code_15(
    shopee: Emulator, shopee_http: httpx.Client, shopee_client: Any, shopee_push_sink: PushSink, outlet_id: int
) -> None:
    order_sn = place_and_ship(shopee, shopee_http, outlet_id)
    created = shopee_client.call(
        "v2.logistics.create_shipping_document", shop_id=outlet_id, body={"order_list": [{"order_sn": order_sn, "tracking_number": shopee.orders.get(order_sn)["packages"][0]["tracking_number"]}]},
    )
    assert created["error"] == "", created
    shopee.advance(60)
    documents = [p.json["data"] for p in pushes_of(shopee_push_sink, order_sn) if p.code == 15]
    assert len(documents) == 1
    assert documents[0]["status"] == "READY" and documents[0]["package_number"]
