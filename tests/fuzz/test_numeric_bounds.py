"""Every numeric parameter of every operation, and of the control plane, at its edges: no 5xx.

For each number a request model declares (nested and in lists too), hypothesis sends edge values
(booleans, 32/64-bit limits and one past them, 1e19, 1e26, 1e308, a tiny fraction, digit strings
beyond 64 bits) and random integers and floats, on top of a base request that reaches the handler
(real item, model and order ids of the world), signed as an Outlet and as its Mart. Every answer
must be the platform's envelope below 500, and the world must stay renderable afterwards (a
value no answer could render must never be stored). ``NUMBER_EXAMPLES`` sets the generated
values per parameter (``make fuzz`` raises it); the edge values always run.
"""
from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from emulator import numbers, render
from emulator.app import create_app
from emulator.asgi import in_process_client
from emulator.client import client_for
from emulator.world import Emulator
from tests.domains.product_support import MILK_CATEGORY, SHELF_LIFE, SIX_MONTHS

EXAMPLES = int(os.environ.get("NUMBER_EXAMPLES", "1"))
EDGES: list[Any] = [True, -1, 2**31, 2**63 - 1, 2**63, -(2**63) - 1, 1e19, 1e26, 1e308, 0.001, "99999999999999999999999"]
NUMBERS = st.one_of(st.integers(min_value=-(2**70), max_value=2**70), st.floats(allow_nan=False, allow_infinity=False))


def _paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    found = []
    for name, entry in numbers.plan(model).items():
        if name in model.model_fields:
            found += _leaves(entry, prefix + name)
    return found


def _leaves(entry: numbers.Entry, where: str) -> list[str]:
    kind, detail = entry
    if kind == "model":
        return _paths(detail, where + ".")
    if kind == "list":
        return _leaves(detail, where + "[0]")
    return [where]


EMULATOR = Emulator()
HTTP = in_process_client(create_app(EMULATOR))
CLIENT = client_for(EMULATOR, HTTP)
CASES = [(op.name, path) for op in EMULATOR.registry.implemented() for path in _paths(op.request_model)]


def _world() -> dict[str, Any]:
    mart = EMULATOR.shops.marts()[0]
    outlet = int(mart["outlet_shop_ids"][0])
    items = [d for d in EMULATOR.store.collection("items").values() if d["shop_id"] == outlet]
    item = next(d for d in items if d["models"][0]["model_id"] != 0)
    mart_item = EMULATOR.store.get("items", item["mart_item_id"]) if item.get("mart_item_id") else None
    order = next(d for d in EMULATOR.store.collection("orders").values() if d["shop_id"] == outlet)
    return {"mart": int(mart["shop_id"]), "outlet": outlet, "item": item, "mart_item": mart_item, "order": order}


WORLD = _world()
with EMULATOR.transaction():  # an upcoming discount of the Outlet, so discount numbers reach its rules
    WORLD["discount"] = EMULATOR.discounts.create(WORLD["outlet"], "Fuzz", EMULATOR.clock.now() + 7200, EMULATOR.clock.now() + 86400)


def _base(api: str, shop: str) -> dict[str, Any]:
    """A request of ``api`` that passes validation and reaches the rule the number feeds."""
    item = WORLD["item"] if shop == "outlet" else (WORLD["mart_item"] or WORLD["item"])
    model_id = item["models"][0]["model_id"]
    order = WORLD["order"]
    now = EMULATOR.clock.now()
    week_ago = now - 7 * 86400
    spec = EMULATOR.registry.by_name[api].spec
    example = (spec.request_example or {}).get("data") if spec is not None else None
    return {
        **(example if isinstance(example, dict) else {}),  # the reference's own example, under real ids
        "item_id": item["item_id"], "item_id_list": [item["item_id"]], "model_id": model_id,
        "price_list": [{"model_id": model_id, "original_price": 25000}],
        "stock_list": [{"model_id": model_id, "seller_stock": [{"stock": 3}]}],
        "model": [{"model_id": model_id, "tier_index": [0], "original_price": 25000, "seller_stock": [{"stock": 1}]}],
        "model_list": [{"model_id": model_id, "tier_index": [0], "original_price": 25000, "seller_stock": [{"stock": 1}]}],
        "order_sn": order["order_sn"], "order_sn_list": order["order_sn"], "package_number": "",
        "mart_item_id": (WORLD["mart_item"] or item)["item_id"], "outlet_shop_id": WORLD["outlet"],
        "publish_item": {"model": [{"relate_mart_model_id": model_id, "original_price": 25000, "seller_stock": [{"stock": 1}]}],
                         "logistic_info": [{"logistic_id": 80044, "enabled": True}]},
        "time_range_field": "create_time", "time_from": EMULATOR.clock.now() - 86400, "time_to": EMULATOR.clock.now(),
        "page_size": 10, "enable": True, "dimension": {"length": 10, "width": 10, "height": 10},
        "packaging_fee": {"value": 1000}, "cancel_reason": "OUT_OF_STOCK", "item_list": [{"item_id": item["item_id"], "model_id": model_id}],
        "logistics_channel_id": 80044, "pickup": {"address_id": 1}, "item_status": "NORMAL",
        "offset": 0, "page_no": 1, "item_name": "Susu", "category_id": MILK_CATEGORY, "category_id_list": [MILK_CATEGORY],
        "direct_item_id": [item["item_id"]], "status": 1, "last_message_id": 1, "statement_type": 1,
        "release_time_from": week_ago, "release_time_to": now, "create_time_from": week_ago, "create_time_to": now,
        "payout_time_from": week_ago, "payout_time_to": now, "update_time_from": week_ago, "update_time_to": now,
        "package_list": [{"order_sn": order["order_sn"]}], "order_list": [{"order_sn": order["order_sn"]}],
        "pagination": {"page_size": 10}, "filter": {},
        **OVERRIDES.get(api, dict)(),
    }


def _item_fields() -> dict[str, Any]:
    mart_item = WORLD["mart_item"] or WORLD["item"]
    return {
        "item_name": "Susu Segar Pasteurisasi 1 L", "description": "Susu sapi segar pasteurisasi, simpan dingin.",
        "original_price": 24900, "weight": 1.05, "category_id": MILK_CATEGORY, "image": dict(mart_item["image"]),
        "logistic_info": [{"logistic_id": 80044, "enabled": True}],
        "attribute_list": [{"attribute_id": SHELF_LIFE, "attribute_value_list": [{"value_id": SIX_MONTHS}]}],
        "brand": {"brand_id": 3000103, "original_brand_name": "Cimory"},
        "dimension": {"package_length": 8, "package_width": 8, "package_height": 22}, "seller_stock": [{"stock": 1}],
    }


def _order_line() -> dict[str, Any]:
    line = WORLD["order"]["items"][0]
    return {"item_list": [{"item_id": line["item_id"], "model_id": line["model_id"]}]}


def _model_sku() -> dict[str, Any]:
    model = WORLD["item"]["models"][0]
    return {"model": [{"model_id": model["model_id"], "model_sku": model.get("model_sku") or "", "weight": 1.0}]}


def _discount_fields() -> dict[str, Any]:
    model = WORLD["item"]["models"][0]
    entry = {"item_id": WORLD["item"]["item_id"], "purchase_limit": 1,
             "model_list": [{"model_id": model["model_id"], "model_promotion_price": 1000, "model_promotion_stock": 1}]}
    return {"discount_id": WORLD["discount"]["discount_id"], "item_list": [entry]}


# Where one API needs its own shape of a field that another names alike.
OVERRIDES: dict[str, Any] = {
    "v2.product.add_item": _item_fields,
    "v2.product.update_item": lambda: {"item_name": "Susu Segar Pasteurisasi 1 L",
                                       "dimension": {"package_length": 8, "package_width": 8, "package_height": 22}},
    "v2.returns.get_return_list": lambda: {"status": "REQUESTED", "page_no": 0},
    "v2.product.unlist_item": lambda: {"item_list": [{"item_id": WORLD["item"]["item_id"], "unlist": True}]},
    "v2.product.update_model": _model_sku,
    "v2.order.cancel_order": _order_line,
    "v2.logistics.update_shipping_order": lambda: {"pickup": {"address_id": 1, "pickup_time_id": "1"}},
    **{f"v2.discount.{name}": _discount_fields for name in (
        "add_discount_item", "update_discount_item", "delete_discount_item", "get_discount", "update_discount")},
}


def _put(payload: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """``payload`` with ``value`` at ``a.b[0].c`` (made where missing, replacing what is there)."""
    out = dict(payload)
    target: Any = out
    parts = path.replace("[0]", ".[0]").split(".")
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        key: Any = 0 if part == "[0]" else part
        if isinstance(target, list):
            if not target:
                target.append({})
            key = 0
        nxt = parts[index + 1] if not last else None
        if last:
            target[key] = value
            break
        current = target[key] if (isinstance(target, list) or key in target) else None
        fresh: Any = list(current) if isinstance(current, list) else (dict(current) if isinstance(current, dict) else None)
        if fresh is None:
            fresh = [] if nxt == "[0]" else {}
        if nxt == "[0]" and not isinstance(fresh, list):
            fresh = []
        if isinstance(fresh, list) and fresh and isinstance(fresh[0], dict):
            fresh[0] = dict(fresh[0])
        target[key] = fresh
        target = fresh
    return out


def _call(api: str, path: str, value: Any, shop: str) -> None:
    op = EMULATOR.registry.by_name[api]
    payload = _put(_base(api, shop), path, value)
    if op.form:
        response = CLIENT.request(api, WORLD[shop], params={k: str(v) for k, v in payload.items() if not isinstance(v, (dict, list))})
    elif op.method == "GET":
        flat = {k: (",".join(map(str, v)) if isinstance(v, list) else v) for k, v in payload.items() if not isinstance(v, dict)}
        response = CLIENT.request(api, WORLD[shop], params=flat)
    else:
        response = CLIENT.request(api, WORLD[shop], body=payload)
    assert response.status_code < 500, (api, path, value, shop, response.text[:300])
    envelope = response.json()
    assert envelope["error"] != "error_server", (api, path, value, shop, envelope)
    render.dumps(EMULATOR.store._data)  # whatever was stored still renders


NUMBER_SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
    phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck),
)


# Every edge as the Outlet; the Mart (whose items own most fields) gets the ones past the limits.
MART_EDGES: list[Any] = [True, 1e26]


def _with_edges(test: Any) -> Any:
    for value in EDGES:
        test = example(value=value, shop="outlet")(test)
    for value in MART_EDGES:
        test = example(value=value, shop="mart")(test)
    return test


@pytest.mark.parametrize(("api", "path"), CASES, ids=[f"{a}:{p}" for a, p in CASES])
@NUMBER_SETTINGS
@given(value=NUMBERS, shop=st.sampled_from(["outlet", "mart"]))
@_with_edges
def test_numeric_parameter_never_answers_a_server_error(api: str, path: str, value: Any, shop: str) -> None:
    _call(api, path, value, shop)


def test_every_operation_with_numbers_is_covered() -> None:
    assert len({api for api, _ in CASES}) >= 50 and len(CASES) >= 200
