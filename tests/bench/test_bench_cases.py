"""The benchmark's helpers against a stand-in server (paging, counting, refusals), and its order
scaling against real emulators at tiny sizes."""
from __future__ import annotations

import json

import httpx

from bench.cases import Env, NotAvailable


def _fake_shopee(fail_create: bool = False) -> tuple[httpx.Client, dict[str, list]]:
    state: dict[str, list] = {"orders": [], "pages": [], "bodies": [], "stock": []}

    def handler(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == "/_emulator/credentials":
            return httpx.Response(200, json={"partner_id": 1, "partner_key": "k", "shops": [
                {"shop_id": 10, "kind": "mart", "access_token": "a"}, {"shop_id": 11, "kind": "outlet", "access_token": "b"}]})
        if path == "/_emulator/clock":
            return httpx.Response(200, json={"now": 1_700_000_000})
        if path == "/_emulator/orders":
            if fail_create:
                return httpx.Response(400, json={"error": "bad_request", "message": "items are required"})
            state["bodies"].append(json.loads(request.content))
            state["orders"].append(f"SN{len(state['orders']):06d}")
            return httpx.Response(200, json={"order_sn": state["orders"][-1]})
        if path == "/api/v2/order/get_order_list":
            assert request.url.params["shop_id"] == "11" and request.url.params["sign"]
            start = int(request.url.params.get("cursor") or 0)
            size = int(request.url.params["page_size"])
            state["pages"].append(str(start))
            page = state["orders"][start : start + size]
            more = start + size < len(state["orders"])
            return httpx.Response(200, json={"request_id": "r", "error": "", "message": "", "response": {
                "order_list": [{"order_sn": sn} for sn in page], "more": more, "next_cursor": str(start + size) if more else ""}})
        if path == "/api/v2/product/get_item_list":
            return httpx.Response(200, json={"request_id": "r", "error": "", "message": "", "response": {
                "item": [{"item_id": 501}, {"item_id": 502}, {"item_id": 503}], "has_next_page": False}})
        if path == "/api/v2/product/get_model_list":
            models = [{"model_id": 91}, {"model_id": 92}] if request.url.params["item_id"] == "503" else []
            return httpx.Response(200, json={"request_id": "r", "error": "", "message": "", "response": {"model": models}})
        if path == "/api/v2/product/update_stock":
            state["stock"].append(json.loads(request.content))
            return httpx.Response(200, json={"request_id": "r", "error": "", "message": "", "response": {}})
        if path == "/api/v2/order/get_order_detail":
            sns = request.url.params["order_sn_list"].split(",")
            return httpx.Response(200, json={"request_id": "r", "error": "", "message": "", "response": {
                "order_list": [{"order_sn": sn} for sn in sns]}})
        return httpx.Response(404, json={"error": "not_found", "message": path})

    return httpx.Client(transport=httpx.MockTransport(handler), base_url="http://fake"), state


def test_ensure_orders_counts_once_then_tops_up():
    http, state = _fake_shopee()
    env = Env(http)
    for _ in range(250):
        env.create_order()
    env.ensure_orders(300)
    assert len(state["orders"]) == 300
    assert state["pages"] == ["0", "100", "200"]  # counted by paging once
    env.ensure_orders(320)
    assert len(state["orders"]) == 320 and len(state["pages"]) == 3
    assert env.order_count() == 320
    assert env.order_sns(50) == state["orders"][:50]


def test_order_creation_refused_is_reported_not_raised():
    http, _ = _fake_shopee(fail_create=True)
    env = Env(http)
    try:
        env.ensure_orders(5)
    except NotAvailable as exc:
        assert "answered 400" in str(exc) and "items are required" in str(exc)
    else:
        raise AssertionError("expected NotAvailable")


def test_signed_loads_carry_the_outlet_identity():
    http, _ = _fake_shopee()
    env = Env(http)
    load = env.signed("v2.shop.update_profile", body={"description": "x"})
    assert load.method == "POST" and load.path == "/api/v2/shop/update_profile"
    assert load.query["shop_id"] == 11 and load.query["access_token"] == "b" and len(load.query["sign"]) == 64
    assert json.loads(load.body or b"") == {"description": "x"}


def test_orders_are_placed_on_stocked_models_other_than_the_stock_update_case_item():
    http, state = _fake_shopee()
    env = Env(http)
    for _ in range(4):
        assert env.create_order().status_code == 200
    lines = [body["items"][0] for body in state["bodies"]]
    assert {(l["item_id"], l["model_id"]) for l in lines} == {(502, 0), (503, 91), (503, 92)}  # 501 is the stock case's
    assert all(body["shop_id"] == 11 and l["quantity"] == 1 for body, l in zip(state["bodies"], lines))
    assert [s["item_id"] for s in state["stock"]] == [502, 503]
    assert all(e["seller_stock"] == [{"stock": 999_999}] for s in state["stock"] for e in s["stock_list"])


def test_order_scaling_runs_against_real_worlds_of_orders():
    from bench import scaling

    result = scaling.orders([60, 80], calls=3)
    assert [r["size"] for r in result["results"]] == [60, 80], result
    assert all(r["list_ms"] > 0 and r["detail_ms"] > 0 for r in result["results"])
    assert result["results"][0]["rss_mb"] is None and result["results"][1]["rss_mb"] > 0
    # the largest world's unpaid orders all reach their payment window within 30 days
    assert result["advance"]["ran"] >= 80 - 15
    writes = scaling.writes([10, 30], calls=3)
    assert writes["kind"].startswith("orders") and [r["size"] for r in writes["results"]] == [10, 30]
