"""Many clients at once against a live server: orders, cancellations, stock and price updates, reads.

Afterwards the books must balance: per model, stock + sold moved only by the seller's stock updates,
reserved and sold equal what the orders hold, nothing oversold, no order lost or duplicated, and
every order's status changes chain into one path from its first status to its current one.
"""
from __future__ import annotations

import random
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx


WORKERS = 8
OPERATIONS = 30
FINAL = {"CANCELLED", "COMPLETED"}


def _outlet_models(shopee: Any, outlet_id: int) -> list[tuple[int, int]]:
    items = [d for d in shopee.store.collection("items").values() if d["kind"] == "outlet" and d["shop_id"] == outlet_id]
    return [(d["item_id"], m["model_id"]) for d in items[:3] for m in d["models"][:1]]


def _ledger(shopee: Any, outlet_id: int) -> dict[tuple[int, int], dict[str, int]]:
    ledger = {}
    for doc in shopee.store.collection("items").values():
        if doc["kind"] == "outlet" and doc["shop_id"] == outlet_id:
            for model in doc["models"]:
                ledger[(doc["item_id"], model["model_id"])] = {k: int(model[k]) for k in ("stock", "reserved", "sold")}
    return ledger


def _held_by_orders(shopee: Any, outlet_id: int) -> dict[str, dict[tuple[int, int], int]]:
    held: dict[str, dict[tuple[int, int], int]] = {"reserved": defaultdict(int), "sold": defaultdict(int)}
    for order in shopee.store.collection("orders").values():
        if order["shop_id"] == outlet_id and order["stock_state"] in held:
            for line in order["items"]:
                held[order["stock_state"]][(line["item_id"], line["model_id"])] += int(line["quantity"])
    return held


def _record_stock_adjustments(shopee: Any) -> dict[tuple[int, int], int]:
    """The seller's stock updates are the only legitimate change to stock + sold; note each one."""
    adjustments: dict[tuple[int, int], int] = defaultdict(int)
    stock = shopee.products.stock
    original = stock.set_stock

    def recording(shop_id: int, item_id: int, model_id: int, value: int) -> Any:
        before = stock._model(shopee.store.get("items", item_id), model_id)["stock"]
        model = original(shop_id, item_id, model_id, value)
        adjustments[(item_id, model_id)] += int(model["stock"]) - int(before)
        return model

    stock.set_stock = recording
    return adjustments


def test_mixed_concurrent_clients_keep_every_invariant(shopee, shopee_server, outlet_id):
    models = _outlet_models(shopee, outlet_id)
    before = _ledger(shopee, outlet_id)
    orders_before = {sn for sn, o in shopee.store.collection("orders").items() if o["shop_id"] == outlet_id}
    adjustments = _record_stock_adjustments(shopee)
    transitions: dict[str, list[tuple[str, str]]] = defaultdict(list)
    shopee.bus.subscribe("order.status_changed", lambda e: transitions[e.data["order_sn"]].append((e.data["old"], e.data["new"])))
    created: list[str] = []
    created_lock = threading.Lock()
    answers: list[tuple[str, int, str]] = []
    start = threading.Barrier(WORKERS)

    def worker(n: int) -> None:
        rng = random.Random(n)
        client = shopee_server.client()
        control = httpx.Client(base_url=shopee_server.url, timeout=30)
        start.wait()
        for _ in range(OPERATIONS):
            item_id, model_id = rng.choice(models)
            kind = rng.choice(["create", "create", "act", "act", "cancel", "stock", "price", "read"])
            if kind == "create":
                body = {"shop_id": outlet_id, "cod": rng.random() < 0.5,
                        "items": [{"item_id": item_id, "model_id": model_id, "quantity": rng.randint(1, 4)}]}
                answer = control.post("/_emulator/orders", json=body)
                if answer.status_code == 200:
                    with created_lock:
                        created.append(answer.json()["order_sn"])
                answers.append((kind, answer.status_code, answer.json().get("error", "")))
            elif kind in ("act", "cancel") and created:
                with created_lock:
                    order_sn = rng.choice(created)
                if kind == "act":
                    action = rng.choice(["pay", "ship", "pickup", "deliver", "buyer_cancel", "confirm_receipt"])
                    answer = control.post(f"/_emulator/orders/{order_sn}/{action}", json={})
                    answers.append((action, answer.status_code, answer.json().get("error", "")))
                else:
                    envelope = client.call("v2.order.cancel_order", shop_id=outlet_id, body={
                        "order_sn": order_sn, "cancel_reason": "OUT_OF_STOCK",
                        "item_list": [{"item_id": item_id, "model_id": model_id}]})
                    answers.append((kind, 200, envelope["error"]))
            elif kind == "stock":
                envelope = client.call("v2.product.update_stock", shop_id=outlet_id, body={
                    "item_id": item_id, "stock_list": [{"model_id": model_id, "seller_stock": [{"stock": rng.randint(0, 60)}]}]})
                answers.append((kind, 200, envelope["error"]))
            elif kind == "price":
                envelope = client.call("v2.product.update_price", shop_id=outlet_id, body={
                    "item_id": item_id, "price_list": [{"model_id": model_id, "original_price": rng.randint(5, 90) * 1000}]})
                answers.append((kind, 200, envelope["error"]))
            else:
                envelope = client.call("v2.product.get_item_base_info", shop_id=outlet_id, params={"item_id_list": [item_id]})
                answers.append((kind, 200, envelope["error"]))
        control.close()

    with ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(worker, range(WORKERS)))

    assert all(status < 500 for _, status, _ in answers), [a for a in answers if a[1] >= 500]
    assert any(kind == "create" and status == 200 for kind, status, _ in answers)
    assert any(kind == "stock" and error == "" for kind, _, error in answers)

    # no order lost or duplicated
    assert len(created) == len(set(created))
    outlet_orders = {sn for sn, o in shopee.store.collection("orders").items() if o["shop_id"] == outlet_id}
    assert outlet_orders == orders_before | set(created)

    # the stock books balance, and what orders hold is exactly what the ledger holds
    after = _ledger(shopee, outlet_id)
    held = _held_by_orders(shopee, outlet_id)
    for key, model in after.items():
        assert model["stock"] >= model["reserved"] >= 0, key
        assert model["stock"] + model["sold"] == before[key]["stock"] + before[key]["sold"] + adjustments[key], key
        assert model["reserved"] == held["reserved"][key], key
        assert model["sold"] == held["sold"][key], key

    # every status change continues from the last one, ends at the order's status, and nothing
    # leaves a final status
    for order_sn in created:
        path = transitions[order_sn]
        for (_, new), (old, _) in zip(path, path[1:]):
            assert old == new, (order_sn, path)
        assert all(old not in FINAL for old, _ in path), (order_sn, path)
        if path:
            assert path[-1][1] == shopee.orders.get(order_sn)["order_status"], (order_sn, path)


