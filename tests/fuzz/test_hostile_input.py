"""Hostile input at every nesting level of every operation's body or query, and at the control
plane and console: never a 5xx, always the platform's envelope with a message in the emulator's
words (no parser or validator text), and a refused call writes nothing.

The hypothesis sweep places one hostile value (wrong JSON type, NaN-ish string, number past 64
bits, a 1000-deep array, lone surrogate, NUL, bidi override, emoji, combining marks) at one path
of a body holding every field the operation declares; the query sweep does the same with raw
percent-encoded values (bad escapes, bytes of no UTF-8, repeated names) for every GET operation.
``HOSTILE_EXAMPLES`` sets the cases per operation (``make fuzz`` raises it). The tests after
them pin each defect the sweeps found.
"""
from __future__ import annotations

import json
import os
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from emulator import render
from emulator.app import create_app
from emulator.asgi import in_process_client
from emulator.client import client_for
from emulator.world import Emulator
from tests.conftest import JSON

EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "20"))
RAW = "\x00raw:"  # a placeholder for a token json.dumps cannot write (1e309, deep nesting)
DEEP = "[" * 1000 + "]" * 1000
HOSTILE: list[Any] = [
    {}, [], "str", 1.5, True, None, 2**70, -1, "NaN", "1e309", RAW + "1e309", RAW + DEEP, {"a": [1]},
    "\ud800", "a\x00b", "\u202eabc", "\U0001F600", "e\u0301\u0301\u0301", "",
]
# what pydantic, orjson or Python itself would say: never part of an answer
FOREIGN = re.compile(r"Input should|pydantic|Traceback|object at 0x|<class |Error\(|codec can't|\{'|\['")

EMULATOR = Emulator()
HTTP = in_process_client(create_app(EMULATOR))
CLIENT = client_for(EMULATOR, HTTP)
OUTLET = int(EMULATOR.shops.marts()[0]["outlet_shop_ids"][0])
SCHEMA = HTTP.get("/openapi.json").json()
COMPONENTS = SCHEMA["components"]["schemas"]
JSON_OPERATIONS = sorted(
    (op["operationId"], op["requestBody"]["content"]["application/json"]["schema"])
    for methods in SCHEMA["paths"].values() for op in methods.values()
    if "application/json" in op.get("requestBody", {}).get("content", {})
)
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None, phases=[Phase.generate],
                suppress_health_check=list(HealthCheck))


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = COMPONENTS[schema["$ref"].rsplit("/", 1)[-1]]
    options = [s for s in schema.get("anyOf", []) if s.get("type") != "null"]
    return _resolve(options[0]) if options else schema


def _full_body(schema: dict[str, Any], depth: int = 0) -> Any:
    """A value for every declared field, nested lists holding one entry."""
    schema = _resolve(schema)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return {k: _full_body(v, depth + 1) for k, v in schema.get("properties", {}).items()} if depth < 6 else {}
    if kind == "array":
        return [_full_body(schema.get("items", {}), depth + 1)]
    return {"integer": 1, "number": 1.5, "boolean": True}.get(str(kind), "a")


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in children:
        found += _paths(child, prefix + (key,))
    return found


def _placed(body: Any, path: tuple[Any, ...], value: Any) -> bytes:
    body = json.loads(json.dumps(body))
    target = body
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    # json.dumps writes a lone surrogate as the escape \ud800, as a JavaScript client does
    text = json.dumps(body)
    return re.sub(r'"\\u0000raw:([^"]*)"', lambda m: m.group(1), text).encode()


def _send(api: str, body: bytes) -> Any:
    method, path, query = CLIENT.signed_query(api, OUTLET)
    return HTTP.request(method, path, params=query, content=body, headers=JSON)


def _check(answer: Any) -> dict[str, Any]:
    assert answer.status_code < 500, answer.text[:300]
    payload = answer.json()
    assert {"request_id", "error", "message"} <= set(payload), payload
    assert not FOREIGN.search(payload["message"]), payload["message"]
    return dict(payload)


@pytest.mark.parametrize(("api", "schema"), JSON_OPERATIONS, ids=[name for name, _ in JSON_OPERATIONS])
@FUZZ
@given(data=st.data())
def test_hostile_values_at_any_depth_answer_envelopes_and_write_nothing(api: str, schema: dict[str, Any], data: Any) -> None:
    body = _full_body(schema)
    paths = _paths(body)
    if not paths:
        return
    path = data.draw(st.sampled_from(paths), label="path")
    value = data.draw(st.sampled_from(HOSTILE), label="value")
    written = EMULATOR.store.transactions
    payload = _check(_send(api, _placed(body, path, value)))
    if payload["error"]:
        assert EMULATOR.store.transactions == written, (api, path, payload)


COMMON = {"partner_id", "timestamp", "sign", "access_token", "shop_id", "merchant_id"}
GET_OPERATIONS = sorted(
    (op["operationId"], [p["name"] for p in op.get("parameters", []) if p["in"] == "query" and p["name"] not in COMMON])
    for methods in SCHEMA["paths"].values() for method, op in methods.items() if method == "get"
)
# as they travel in a URL: escapes of no UTF-8, of NUL and of a bidi override, lists spelled
# every way, numbers past 64 bits, and a truncated or malformed escape
QUERY_VALUES = ["[]", "{}", "1.5", "true", "", "99999999999999999999999", "-1", "NaN", "1e309", "%00", "%ED%A0%80", "%FF",
                "%", "%zz", "a%00b", "%E2%80%AE", "%F0%9F%98%80", "e%CC%81", "[1,", "[" * 100, "null", "+", "0x10", "%EF%BC%91"]


@pytest.mark.parametrize(("api", "names"), GET_OPERATIONS, ids=[name for name, _ in GET_OPERATIONS])
@FUZZ
@given(data=st.data())
def test_hostile_query_values_answer_envelopes_and_write_nothing(api: str, names: list[str], data: Any) -> None:
    if not names:
        return
    name = data.draw(st.sampled_from(names), label="name")
    value = data.draw(st.sampled_from(QUERY_VALUES), label="value")
    repeated = data.draw(st.booleans(), label="repeated")
    method, path, common = CLIENT.signed_query(api, OUTLET)
    query = "&".join(f"{k}={v}" for k, v in common.items()) + f"&{name}={value}" + (f"&{name}[]=1&{name}=x" if repeated else "")
    written = EMULATOR.store.transactions
    payload = _check(HTTP.get(f"{path}?{query}"))
    if payload["error"]:
        assert EMULATOR.store.transactions == written, (api, name, value, payload)


# -- the defects the sweep found -------------------------------------------------------------
def _nested(depth: int, leaf: str) -> bytes:
    return b"[" * depth + leaf.encode() + b"]" * depth


@pytest.mark.parametrize("leaf", ['"\\u00e9"', '"\\ud800"', "NaN", "1"])
def test_an_api_body_nested_past_64_levels_is_refused_by_name(shopee, shopee_client, shopee_http, outlet_id, leaf):
    method, path, query = shopee_client.signed_query("v2.discount.add_discount", outlet_id)
    before = shopee.store.transactions
    body = b'{"discount_name": ' + _nested(64, leaf) + b', "start_time": 1, "end_time": 2}'
    answer = shopee_http.post(path, params=query, content=body, headers=JSON)
    assert answer.status_code == 200
    assert answer.json()["message"] == "Wrong parameters, detail: request body nests arrays and objects deeper than 64 levels."
    assert shopee.store.transactions == before


def test_64_levels_of_nesting_are_still_read(shopee_client, shopee_http, outlet_id):
    method, path, query = shopee_client.signed_query("v2.discount.add_discount", outlet_id)
    body = b'{"discount_name": ' + _nested(63, "1") + b', "start_time": 1, "end_time": 2}'
    answer = shopee_http.post(path, params=query, content=body, headers=JSON).json()
    assert answer["message"] == "Wrong parameters, detail: discount_name should be a string."


CONTROL_POSTS = sorted(path for path, methods in HTTP.get("/_emulator/openapi.json").json()["paths"].items() if "post" in methods)


@pytest.mark.parametrize("path", CONTROL_POSTS)
def test_every_control_post_refuses_a_deep_body_without_a_server_error(shopee, shopee_http, path):
    concrete = re.sub(r"\{\w+\}", "1", path)
    before = shopee.store.transactions
    answer = shopee_http.post(concrete, content=b'{"a": ' + _nested(999, '"\\u00e9"') + b"}", headers=JSON)
    # a few endpoints take no body (reset, resends) and never read it; those that read it refuse it
    assert answer.status_code < 500, answer.text
    if answer.status_code >= 400:
        assert answer.status_code == 404 or answer.json() == {
            "error": "bad_request", "message": "request body nests arrays and objects deeper than 64 levels"}
        assert shopee.store.transactions == before


@pytest.mark.parametrize(("params", "message"), [
    ('{"item_id_list": ' + "[" * 900 + "1" + "]" * 900 + "}", "the parameters nest arrays and objects deeper than 64 levels"),
    ('{"item_id_list": ["\\ud800"]}', "the parameters: item_id_list[0] contains a lone surrogate U+D800, which is not allowed"),
    ('{"item_id_list": [NaN]}', "the parameters: item_id_list[0] must be a finite number, not nan"),
])
def test_the_console_api_tool_names_what_no_client_could_send(shopee_http, outlet_id, params, message):
    answer = shopee_http.post("/console/api", data={"api": "v2.product.get_item_base_info", "shop_id": str(outlet_id), "params": params},
                              follow_redirects=False)
    assert answer.status_code == 303
    page = shopee_http.get(answer.headers["location"])
    assert page.status_code == 200 and message in page.text.replace("&#x27;", "'")


@pytest.mark.parametrize("spelled", ["NaN", "1e309", "-Infinity"])
def test_a_non_finite_number_string_is_refused_in_the_emulators_words(shopee_client, shopee_http, outlet_id, spelled):
    method, path, query = shopee_client.signed_query("v2.product.update_price", outlet_id)
    body = {"item_id": 1, "price_list": [{"model_id": 0, "original_price": spelled}]}
    answer = shopee_http.post(path, params=query, json=body).json()
    assert answer["message"] == "Wrong parameters, detail: price_list[0].original_price should be a finite number."


@pytest.mark.parametrize(("api", "query", "name"), [
    ("v2.product.search_item", "page_size=10&item_name=caf%E9", "item_name"),
    ("v2.product.get_item_list", "offset=0&page_size=10&item_status=%ED%A0%80", "item_status"),
    ("v2.product.get_item_list", "offset=0&page_size=1%FF0&item_status=NORMAL", "page_size"),
    ("v2.product.get_item_list", "offset=0&page_size=10&item_status[]=%FF", "item_status"),
])
def test_a_query_value_that_is_not_utf8_is_refused_by_name(shopee_client, shopee_http, outlet_id, api, query, name):
    method, path, common = shopee_client.signed_query(api, outlet_id)
    url = path + "?" + "&".join(f"{k}={v}" for k, v in common.items()) + "&" + query
    answer = shopee_http.get(url).json()
    assert answer["message"] == f"Wrong parameters, detail: {name} is not UTF-8 text once percent-decoded."


def test_utf8_text_and_undeclared_noise_in_the_query_still_pass(shopee_client, shopee_http, outlet_id):
    method, path, common = shopee_client.signed_query("v2.product.search_item", outlet_id)
    url = path + "?" + "&".join(f"{k}={v}" for k, v in common.items()) + "&page_size=10&item_name=caf%C3%A9&junk=%FF&%FE=1"
    assert shopee_http.get(url).json()["error"] == ""


@pytest.mark.parametrize(("body", "message"), [
    ({"shop_id": {"a": [None]}, "items": [{"item_id": 1, "price": 1}]}, "shop_id must be a number"),
    ({"shop_id": "227013854", "items": [{"item_id": 1, "price": 1}]}, "shop_id must be a number"),
    ({"items": [{"item_id": 1, "price": 1}]}, "shop_id is required"),
])
def test_control_discounts_refuse_a_shop_id_that_is_no_number_without_echoing_it(shopee_http, body, message):
    answer = shopee_http.post("/_emulator/discounts", json=body)
    assert (answer.status_code, answer.json()) == (400, {"error": "bad_request", "message": message})


def test_control_discount_list_refuses_a_shop_id_that_is_no_number(shopee_http):
    answer = shopee_http.get("/_emulator/discounts", params={"shop_id": "abc"})
    assert (answer.status_code, answer.json()["message"]) == (400, "shop_id must be a shop's id, a whole number")


def test_render_depth_check_is_iterative_and_exact():
    assert render.loads(_nested(64, "1")) is not None
    with pytest.raises(render.NestingError):
        render.loads(_nested(65, "1"))
    with pytest.raises(render.NestingError):
        render.loads(b'{"a": ' * 70 + b"1" + b"}" * 70)


@pytest.mark.parametrize(("change", "message"), [
    (lambda s: next(iter(s["shops"].values())).pop("shop_name"),
     "not a snapshot: a document lacks its shop_name field; GET /_emulator/snapshot shows every document's fields"),
    (lambda s: s.update(discounts={"x": {"a": 1}}),
     "not a snapshot: a document holds a value of another type than the world stores there; GET /_emulator/snapshot shows them"),
])
def test_a_snapshot_the_world_cannot_rebuild_from_is_refused_in_the_emulators_words(shopee, shopee_http, change, message):
    saved = shopee_http.get("/_emulator/snapshot").json()
    before = shopee.snapshot()
    change(saved)
    answer = shopee_http.post("/_emulator/snapshot", json=saved)
    assert (answer.status_code, answer.json()["message"]) == (400, message)
    assert shopee.snapshot()["shops"] == before["shops"]


def _alias_bomb(levels: int) -> str:
    """Each anchor a list of nine of the one before: a few hundred bytes naming 9**levels strings."""
    parts = ["a0: &a0 [" + ", ".join(["lol"] * 9) + "]"]
    parts += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "{" + ", ".join(parts) + "}"


def test_a_scenario_whose_aliases_expand_past_a_million_values_is_refused_unread(shopee, shopee_http):
    text = f"name: x\nworld: id\nsteps:\n  - control: {{method: POST, path: /_emulator/clock/advance, body: {_alias_bomb(8)}}}\n"
    before = shopee.clock.now()
    answer = shopee_http.post("/_emulator/scenario", json={"yaml": text, "run_steps": True})
    assert (answer.status_code, answer.json()) == (400, {
        "error": "invalid_scenario",
        "message": "inline scenario: expands to 54481013 values (YAML aliases repeat what they point at; at most 1000000)"})
    assert shopee.clock.now() == before


def test_a_scenario_call_whose_query_no_url_can_carry_fails_its_step(shopee_http):
    text = f"name: x\nworld: id\nsteps:\n  - call: {{api: v2.product.get_item_list, shop: mart, params: {{item_status: {'x' * 70000}}}}}\n"
    answer = shopee_http.post("/_emulator/scenario", json={"yaml": text, "run_steps": True})
    assert answer.status_code == 409
    assert answer.json()["error"] == "scenario_failed"
    assert "the request cannot be sent: its URL would be longer than 65536 characters; send less in params" in answer.json()["message"]
