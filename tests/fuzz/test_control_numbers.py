"""Every numeric input of the control plane at its edges: refused or obeyed, never a 5xx, and the
world renders afterwards."""
from __future__ import annotations

from typing import Any, Callable

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from emulator import render
from emulator.app import create_app
from emulator.asgi import in_process_client
from emulator.world import Emulator

EDGES: list[Any] = [True, -1, 0, 0.5, 2**31, 2**53 + 1, 2**63 - 1, 2**63, 2**64, -(2**63) - 1, 1e19, 1e26, 1e308, -1e308, 5e-324, 10**30]

EMULATOR = Emulator()
HTTP = in_process_client(create_app(EMULATOR))
MART = EMULATOR.shops.marts()[0]
OUTLET = int(MART["outlet_shop_ids"][0])
ITEM = next(d for d in EMULATOR.store.collection("items").values() if d["shop_id"] == OUTLET)
LINE = {"item_id": ITEM["item_id"], "model_id": ITEM["models"][0]["model_id"], "quantity": 1}


def _order_sn() -> str:
    return next(sn for sn, d in EMULATOR.store.collection("orders").items() if d["shop_id"] == OUTLET)


# (path, body builder taking the value): one entry per numeric key of a control-plane body
Body = Callable[[Any], dict[str, Any]]
CASES: dict[str, tuple[str, Body]] = {
    "clock/advance seconds": ("/_emulator/clock/advance", lambda v: {"seconds": v}),
    "clock/set timestamp": ("/_emulator/clock/set", lambda v: {"timestamp": v}),
    "shops outlets": ("/_emulator/shops", lambda v: {"outlets": v}),
    "shops partner_id": ("/_emulator/shops", lambda v: {"partner_id": v, "outlets": 0}),
    "faults times": ("/_emulator/faults", lambda v: {"operation": "v2.shop.get_shop_info", "times": v}),
    "faults shop_id": ("/_emulator/faults", lambda v: {"operation": "v2.shop.get_shop_info", "shop_id": v}),
    "faults http_status": ("/_emulator/faults", lambda v: {"operation": "*", "effects": [{"error": "x", "http_status": v}]}),
    "resend_code shop_id": ("/_emulator/resend_code", lambda v: {"shop_id": v}),
    "orders shop_id": ("/_emulator/orders", lambda v: {"shop_id": v, "items": [LINE]}),
    "orders item_id": ("/_emulator/orders", lambda v: {"shop_id": OUTLET, "items": [{**LINE, "item_id": v}]}),
    "orders model_id": ("/_emulator/orders", lambda v: {"shop_id": OUTLET, "items": [{**LINE, "model_id": v}]}),
    "orders quantity": ("/_emulator/orders", lambda v: {"shop_id": OUTLET, "items": [{**LINE, "quantity": v}]}),
    "orders logistics_channel_id": ("/_emulator/orders", lambda v: {"shop_id": OUTLET, "items": [LINE], "logistics_channel_id": v}),
    "shipping_documents delay_seconds": ("/_emulator/shipping_documents", lambda v: {"delay_seconds": v}),
    "shipping_documents fail_next": ("/_emulator/shipping_documents", lambda v: {"fail_next": v}),
    "wallet withdraw amount": (f"/_emulator/wallet/{OUTLET}/withdraw", lambda v: {"amount": v}),
    "payment/reports delay_seconds": ("/_emulator/payment/reports", lambda v: {"delay_seconds": v}),
    "payment/reports fail_next": ("/_emulator/payment/reports", lambda v: {"fail_next": v}),
    "product/batch_tasks delay_seconds": ("/_emulator/product/batch_tasks", lambda v: {"delay_seconds": v}),
    "product/batch_tasks fail_next": ("/_emulator/product/batch_tasks", lambda v: {"fail_next": v}),
    "product/videos delay_seconds": ("/_emulator/product/videos", lambda v: {"delay_seconds": v}),
    "product/videos fail_next": ("/_emulator/product/videos", lambda v: {"fail_next": v}),
    "logistics/channels shop_id": ("/_emulator/logistics/channels", lambda v: {"shop_id": v, "whitelist": [80044]}),
    "logistics/channels whitelist": ("/_emulator/logistics/channels", lambda v: {"shop_id": OUTLET, "whitelist": [v]}),
    "push/config partner_id": ("/_emulator/push/config", lambda v: {"partner_id": v}),
    "push/config retry_intervals": ("/_emulator/push/config", lambda v: {"retry_intervals": [v]}),
    "push/config blocked_shop_ids": ("/_emulator/push/config", lambda v: {"blocked_shop_ids": [v]}),
    "push/config codes": ("/_emulator/push/config", lambda v: {"codes": [v]}),
    "push/faults code": ("/_emulator/push/faults", lambda v: {"code": v, "effects": ["pass"]}),
    "push/faults delay": ("/_emulator/push/faults", lambda v: {"code": 3, "effects": [{"delay": v}]}),
    "returns quantity": ("/_emulator/returns", lambda v: {"order_sn": _order_sn(), "items": [{**LINE, "quantity": v}]}),
    "orders buyer_preference_for_partial_cancellation": (
        "/_emulator/orders", lambda v: {"shop_id": OUTLET, "items": [LINE], "buyer_preference_for_partial_cancellation": v}),
    "authorizations/cancel shop_id": ("/_emulator/authorizations/cancel", lambda v: {"shop_id": v}),
    "authorizations/cancel main_account_id": ("/_emulator/authorizations/cancel", lambda v: {"main_account_id": v}),
    "shops addresses zipcode": (f"/_emulator/shops/{OUTLET}/addresses", lambda v: {"address": "Jl. 1", "zipcode": v}),
    "shops structure": (f"/_emulator/shops/{MART['shop_id']}/structure", lambda v: {"structure": v}),
    "returns item_id": ("/_emulator/returns", lambda v: {"order_sn": _order_sn(), "items": [{**LINE, "item_id": v}]}),
    "discounts starts_in": ("/_emulator/discounts", lambda v: {"shop_id": OUTLET, "starts_in": v, "items": [{**LINE, "price": 1}]}),
    "discounts duration": ("/_emulator/discounts", lambda v: {"shop_id": OUTLET, "duration": v, "items": [{**LINE, "price": 1}]}),
    "discounts price": ("/_emulator/discounts", lambda v: {"shop_id": OUTLET, "starts_in": 7200, "items": [{**LINE, "price": v}]}),
    "discounts purchase_limit": ("/_emulator/discounts", lambda v: {"shop_id": OUTLET, "starts_in": 7200,
                                                                     "items": [{**LINE, "price": 1, "purchase_limit": v}]}),
}

CONTROL_SETTINGS = settings(
    max_examples=2, deadline=None, derandomize=True, database=None,
    phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck),
)


def _with_edges(test: Any) -> Any:
    for value in EDGES:
        test = example(value=value)(test)
    return test


@pytest.mark.parametrize("case", sorted(CASES))
@CONTROL_SETTINGS
@given(value=st.one_of(st.integers(min_value=-(2**70), max_value=2**70), st.floats(allow_nan=False, allow_infinity=False)))
@_with_edges
def test_control_number_never_answers_a_server_error(case: str, value: Any) -> None:
    path, body = CASES[case]
    response = HTTP.post(path, json=body(value))
    assert response.status_code < 500, (case, value, response.text[:300])
    render.dumps(EMULATOR.store._data)  # nothing stored that no answer could render
    assert HTTP.get("/_emulator/clock").status_code == 200
