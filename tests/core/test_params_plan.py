"""A compiled plan (``emulator.numbers.Plan``) reads plain parameters without the general path,
and whatever it reads, or leaves to the general path, ends the same: the same values, the same
fields set, and for bad input the same refusal word for word."""
from __future__ import annotations

import dataclasses
import json
from typing import Any
from urllib.parse import urlencode

import pytest

from emulator import params, pipeline
from emulator.context import RequestContext
from emulator.errors import ShopeeError
from emulator.registry import Operation, Registry
from emulator.spec import build_model
from emulator.world import Emulator

DECLARED = [
    {"name": "n", "type": "int64", "required": True},
    {"name": "ts", "type": "timestamp"},
    {"name": "ids", "type": "int64[]"},
    {"name": "flag", "type": "boolean"},
    {"name": "status", "type": "string"},
    {"name": "response_optional_fields", "type": "string"},
]
MODEL = build_model("PlanProbeRequest", DECLARED)


def operation(method: str) -> Operation:
    return Operation(name="v2.test.plan_probe", method=method, path="/api/v2/test/plan_probe", auth="shop",
                     envelope="nested", model_source=lambda: MODEL, handler=None)


def general(op: Operation) -> Operation:
    """The same operation with its plan switched off: the path every call took before plans."""
    copy = dataclasses.replace(op)
    copy.__dict__["plan"] = None
    return copy


def outcome(emulator: Emulator, op: Operation, query: str = "", body: bytes = b"") -> Any:
    ctx = RequestContext(emulator=emulator, path=op.path, method=op.method, query=params.parse_query(query.encode()),
                         body=body, request_id="0" * 32)
    ctx.op = op
    try:
        pipeline.parse(ctx)
        pipeline.validate(ctx)
    except ShopeeError as exc:
        return ("refused", exc.error, exc.message)
    assert ctx.params is not None
    return ("taken", ctx.params.model_dump(), sorted(ctx.params.model_fields_set))


QUERIES = [
    "n=7", "n=007", "n=0", "n=18446744073709551615", "n=9223372036854775807", "n=9223372036854775808",
    "n=99999999999999999999", "n=-5", "n=+7", "n=%207", "n=7.0", "n=1e3", "n=1_000", "n=", "n=true", "n=abc",
    "", "ts=5", "n=1&ts=253402300799", "n=1&ts=253402300800", "n=1&ts=-1",
    "n=1&ids=1,2,3", "n=1&ids=1,%202", "n=1&ids=", "n=1&ids=[1,2]", "n=1&ids=1,,2", "n=1&ids=a,b", "n=1&ids=1.5",
    "n=1&ids=99999999999999999999", "n=1&ids=1&ids=2", "n=1&ids[]=1&ids[]=2", "n=1&ids[0]=4",
    "n=1&flag=true", "n=1&flag=false", "n=1&flag=True", "n=1&flag=1", "n=1&flag=yes", "n=1&flag=maybe", "n=1&flag=",
    "n=1&status=READY", "n=1&status=", "n=1&status=caf%C3%A9", "n=1&status=a%00b", "n=1&status=a+b",
    "n=1&response_optional_fields=a,b", "n=1&response_optional_fields=[%22a%22,%22b%22]",
    "n=1&response_optional_fields=a&response_optional_fields=b", "n=1&n=2", "n=2&unknown=%FF",
    "n=1&ts=4&ids=5&flag=false&status=X&response_optional_fields=y",
]


@pytest.mark.parametrize("query", QUERIES)
def test_a_query_ends_the_same_with_or_without_the_plan(shopee: Emulator, query: str):
    op = operation("GET")
    assert op.plan is not None
    assert outcome(shopee, op, query) == outcome(shopee, general(op), query)


BODIES: list[dict[str, Any]] = [
    {"n": 7}, {"n": 0}, {"n": -7}, {"n": 2**63}, {"n": -(2**63) - 1}, {"n": True}, {"n": 7.0}, {"n": 7.5},
    {"n": "7"}, {"n": None}, {}, {"n": 1, "ts": -1}, {"n": 1, "ts": 253402300800}, {"n": 1, "ts": None},
    {"n": 1, "ids": [1, 2]}, {"n": 1, "ids": [1, True]}, {"n": 1, "ids": [1, None]}, {"n": 1, "ids": "1,2"},
    {"n": 1, "ids": [2**64]}, {"n": 1, "flag": True}, {"n": 1, "flag": "true"}, {"n": 1, "flag": 1},
    {"n": 1, "status": "READY"}, {"n": 1, "status": "caf\u00e9"}, {"n": 1, "status": "a\u0000b"},
    {"n": 1, "status": 5}, {"n": 1, "response_optional_fields": ["a", "b"]}, {"n": 1, "extra": {"deep": [1]}},
]


@pytest.mark.parametrize("body", BODIES, ids=[json.dumps(b) for b in BODIES])
def test_a_body_ends_the_same_with_or_without_the_plan(shopee: Emulator, body: dict[str, Any]):
    op = operation("POST")
    raw = json.dumps(body).encode()
    assert outcome(shopee, op, body=raw) == outcome(shopee, general(op), body=raw)


def test_the_plan_reads_plain_input_itself():
    plan = operation("GET").plan
    assert plan is not None
    query = params.parse_query(urlencode({"n": 7, "ids": "1,2", "flag": "true", "status": "X"}, safe=",").encode())
    assert query.simple
    assert plan.from_query(query.last, query.plain) == {"n": 7, "ids": [1, 2], "flag": True, "status": "X"}
    found = plan.from_body({"n": 7, "ids": [3]})
    assert found is not None and found.model_dump(exclude_unset=True) == {"n": 7, "ids": [3]}
    # what the general path words instead
    assert plan.from_query({"n": "-1"}, True) is None
    assert plan.from_query({}, True) is None
    assert plan.from_body({"n": True}) is None


NESTED = build_model("PlanNestedProbeRequest", [
    {"name": "item_id", "type": "int64", "required": True},
    {"name": "stock_list", "type": "object[]", "required": True, "children": [
        {"name": "model_id", "type": "int64"},
        {"name": "seller_stock", "type": "object[]", "required": True, "children": [
            {"name": "location_id", "type": "string"},
            {"name": "stock", "type": "int32", "required": True},
        ]},
    ]},
])
NESTED_BODIES: list[Any] = [
    {"item_id": 1, "stock_list": [{"model_id": 2, "seller_stock": [{"stock": 100}]}]},
    {"item_id": 1, "stock_list": [{"seller_stock": [{"stock": 100, "location_id": "IDZ"}], "extra": "x"}]},
    {"item_id": 1, "stock_list": []},
    {"item_id": 1, "stock_list": [{"model_id": 2, "seller_stock": [{"stock": -1}]}]},
    {"item_id": 1, "stock_list": [{"model_id": 2, "seller_stock": [{"stock": 2**63}]}]},
    {"item_id": 1, "stock_list": [{"model_id": 2, "seller_stock": [{"stock": True}]}]},
    {"item_id": 1, "stock_list": [{"model_id": 2, "seller_stock": [{"stock": 1.0}]}]},
    {"item_id": 1, "stock_list": [{"model_id": 2, "seller_stock": [{}]}]},
    {"item_id": 1, "stock_list": [{"model_id": 2}]},
    {"item_id": 1, "stock_list": [{"model_id": None, "seller_stock": [{"stock": 1}]}]},
    {"item_id": 1, "stock_list": [{"model_id": 2, "seller_stock": [{"stock": 1, "location_id": 5}]}]},
    {"item_id": 1, "stock_list": [{"model_id": 2, "seller_stock": [{"stock": 1, "junk": "a\u0001b"}]}]},
    {"item_id": 1, "stock_list": [{"model_id": 2, "seller_stock": [{"stock": 1, "location_id": "caf\u00e9"}]}]},
    {"item_id": 1, "stock_list": [5]},
    {"item_id": 1, "stock_list": {"model_id": 2}},
    {"item_id": 1, "stock_list": "[]"},
    {"item_id": "1", "stock_list": []},
]


@pytest.mark.parametrize("body", NESTED_BODIES, ids=[json.dumps(b) for b in NESTED_BODIES])
def test_a_body_with_lists_of_objects_ends_the_same_with_or_without_the_plan(shopee: Emulator, body: Any):
    op = dataclasses.replace(operation("POST"), model_source=lambda: NESTED)
    assert op.plan is not None
    raw = json.dumps(body).encode()
    assert outcome(shopee, op, body=raw) == outcome(shopee, general(op), body=raw)


def test_lists_of_objects_are_read_from_bodies_only():
    op = dataclasses.replace(operation("GET"), model_source=lambda: NESTED)
    assert op.plan is not None
    assert op.plan.from_query({"item_id": "1", "stock_list": "[]"}, True) is None
    found = op.plan.from_body({"item_id": 1, "stock_list": [{"seller_stock": [{"stock": 3}], "x": 1}]})
    assert found is not None and found.model_dump(exclude_unset=True) == {
        "item_id": 1, "stock_list": [{"seller_stock": [{"stock": 3}]}],
    }


def test_models_beyond_plain_parameters_have_no_plan():
    nested = build_model("PlanObjectRequest", [{"name": "x", "type": "object", "children": [{"name": "y", "type": "int64"}]}])
    floats = build_model("PlanFloatRequest", [{"name": "price", "type": "float"}])
    for model in (nested, floats):
        op = dataclasses.replace(operation("GET"), model_source=lambda model=model: model)
        assert op.plan is None


def test_the_light_calls_have_a_plan():
    registry = Registry.scan()
    for name in ("v2.product.get_item_base_info", "v2.order.get_order_list", "v2.product.update_stock"):
        assert registry.by_name[name].plan is not None, name


def test_unquoting_with_commas_first_is_unquoting():
    from random import Random
    from urllib.parse import unquote_plus

    pieces = ["%2C", "%2c", "%2B", "+", "%25", "%E2", "%82", "%AC", "%C3", "%A9", "a", ",", "%", "%2", "%G1",
              "%252C", "%%2C", "%FF", "2C", "%c3%a9"]
    rng = Random(12)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        try:
            unquote_plus(text, errors="strict")
            utf8 = True
        except UnicodeDecodeError:
            utf8 = False
        assert params._unquote(text) == (unquote_plus(text), utf8), text


LIST = "v2.order.get_order_list"
ITEMS = "v2.product.get_item_base_info"
WINDOW = "time_range_field=create_time&time_from=1766282401&time_to=1767578401"
REAL_QUERIES = [
    (LIST, f"{WINDOW}&page_size=100&response_optional_fields=order_status"),
    (LIST, f"{WINDOW}&page_size=100&order_status=READY_TO_SHIP&cursor=abc&request_order_status_pending=true"),
    (LIST, f"{WINDOW}&page_size=-1"), (LIST, f"{WINDOW}&page_size=abc"), (LIST, f"{WINDOW}&page_size=101"),
    (LIST, "time_range_field=create_time&time_from=1&page_size=10"), (LIST, f"{WINDOW}&page_size=10&logistics_channel_id=x"),
    (LIST, f"{WINDOW}&page_size=10&time_from=99999999999999"),
    (ITEMS, "item_id_list=24000124016"), (ITEMS, "item_id_list=1,2,3&need_tax_info=true"), (ITEMS, "item_id_list="),
    (ITEMS, "item_id_list=1,x"), (ITEMS, "need_tax_info=false"), (ITEMS, "item_id_list=%5B1%2C2%5D"),
]


@pytest.mark.parametrize(("api", "query"), REAL_QUERIES)
def test_the_light_calls_read_the_same_with_or_without_the_plan(shopee: Emulator, api: str, query: str):
    op = Registry.scan().by_name[api]
    assert outcome(shopee, op, query) == outcome(shopee, general(op), query)
