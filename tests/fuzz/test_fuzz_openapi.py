"""Fuzzing every endpoint of the emulator's own ``/openapi.json`` with schemathesis, in-process.

Operations come from the OpenAPI document (so from the registry), so domains are covered as they
land. Three modes per operation:

    signed     a hook signs every case validly (partner, timestamp on the virtual clock, an
               Outlet's ready token and shop_id), so generated parameters reach the handlers
    unsigned   no common parameters at all
    wrong sign valid partner, timestamp, token and shop, but a signature made with another key
    edges      signed, with every string of the case replaced by one holding a lone surrogate, a
               control character or a bidi override (in turn), or every number by an edge value
               (booleans, 32/64-bit limits and past them, 1e26, 1e308, tiny fractions)

Every answer must be below 500 and be the platform's envelope. ``FUZZ_EXAMPLES`` sets the
generated examples per operation for the signed mode, which also runs schemathesis's explicit
examples (the boundary values); the two refused modes stop at the gateway, so they get half as
many (at least one). The default keeps ``make test`` bounded on 2 cores: every operation is still
called signed, unsigned and wrongly signed. ``make fuzz`` runs 2000. Hypothesis runs
derandomized, so a run is reproducible.
"""
from __future__ import annotations

import json
import os
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, settings

from emulator import errors, signing
from emulator.app import create_app
from emulator.asgi import in_process_client
from emulator.registry import MERCHANT, PUBLIC
from emulator.world import Emulator

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2"))
REFUSED_EXAMPLES = max(1, EXAMPLES // 2)
COMMON = ("partner_id", "timestamp", "sign", "access_token", "shop_id", "merchant_id")
GATEWAY_REFUSALS = {
    errors.NO_PARTNER_ID, errors.INVALID_PARTNER_ID, errors.NO_TIMESTAMP, errors.INVALID_TIMESTAMP, errors.NO_SIGN,
    errors.WRONG_SIGN, errors.NO_ACCESS_TOKEN, errors.INVALID_ACCESS_TOKEN, errors.INVALID_PARTNER_OR_SHOP,
}

EMULATOR = Emulator()
APP = create_app(EMULATOR)
HTTP = in_process_client(APP)  # for bodies schemathesis cannot encode: JSON escapes of lone surrogates
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)
# Signed cases are the ones that reach handlers, so they also get schemathesis's explicit
# examples (boundary and wrong-type values from the schema); the refused modes need no more.
FUZZ_DEEP = settings(FUZZ, phases=[Phase.explicit, Phase.generate])
FUZZ_REFUSED = settings(FUZZ, max_examples=REFUSED_EXAMPLES)


def _operation(case: Any) -> Any:
    path = case.operation.path
    return next(op for op in EMULATOR.registry.by_name.values() if op.path == path)


def _outlet() -> int:
    mart = EMULATOR.shops.marts()[0]
    return int(mart["outlet_shop_ids"][0])


def _sign(case: Any, key: str | None = None) -> None:
    """Replace the case's common parameters with valid ones (signed with ``key`` if given)."""
    op = _operation(case)
    partner = EMULATOR.auth.default_partner()
    timestamp = EMULATOR.clock.now()
    query = {k: v for k, v in (case.query or {}).items() if k not in COMMON}
    query.update(partner_id=partner["partner_id"], timestamp=timestamp)
    if op.auth == PUBLIC:
        base = signing.base_string(partner["partner_id"], op.path, timestamp)
    else:
        shop_id = _outlet()
        with EMULATOR.transaction():
            token = EMULATOR.auth.ready_tokens(shop_id)["access_token"]
        identity_name = "merchant_id" if op.auth == MERCHANT else "shop_id"
        query.update(access_token=token, **{identity_name: shop_id})
        base = signing.base_string(partner["partner_id"], op.path, timestamp, token, shop_id)
    query["sign"] = signing.sign(key or partner["partner_key"], base)
    case.query = query


def _strip_common(case: Any) -> None:
    case.query = {k: v for k, v in (case.query or {}).items() if k not in COMMON}
    if isinstance(case.body, dict):
        case.body = {k: v for k, v in case.body.items() if k not in COMMON}


def _right_method(case: Any) -> bool:
    """Negative cases may use another HTTP method, answered 405 before any signature check."""
    return str(case.method).upper() == _operation(case).method


def _check_envelope(case: Any, raw_body: bytes | None = None) -> dict[str, Any]:
    """Call the case (with ``raw_body`` as its JSON body when given) and check the answer."""
    if raw_body is None:
        response = case.call()
    else:
        response = HTTP.request(case.method, case.formatted_path, params=case.query, content=raw_body,
                                headers={"content-type": "application/json"})
    assert response.status_code < 500, (response.status_code, response.text[:500])
    try:
        payload = json.loads(response.content)
    except ValueError:
        raise AssertionError(f"not JSON: {case.method} {case.path} {response.status_code} {response.content[:300]!r}") from None
    assert isinstance(payload, dict), payload
    for key in ("request_id", "error", "message"):
        assert key in payload, (key, payload)
    assert isinstance(payload["request_id"], str) and payload["request_id"]
    return payload


POISON_TEXT = ("a\ud800b", "a\x00b", "Susu\u202eSegar", "a\x1bb", "\udfff")
EDGE_NUMBERS: tuple[Any, ...] = (True, -1, 0, 2**31, 2**63 - 1, 2**63, -(2**63) - 1, 2**64, 1e26, 1e308, -1e308, 5e-324, 0.001)


class _Edges:
    """Replaces the leaves of one kind in a case's parameters, cycling through the edge values."""

    def __init__(self, kind: str, offset: int, query: bool = False) -> None:
        self.kind, self.index, self.query = kind, offset, query

    def _next(self, values: tuple[Any, ...]) -> Any:
        self.index += 1
        value = values[self.index % len(values)]
        if self.query and isinstance(value, str) and any("\ud800" <= c <= "\udfff" for c in value):
            return "a\x00b"  # a URL carries UTF-8 only: a surrogate cannot even be sent there
        return value

    def apply(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: self.apply(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.apply(v) for v in value] or ([self._next(POISON_TEXT if self.kind == "text" else EDGE_NUMBERS)])
        if self.kind == "text" and isinstance(value, str):
            return self._next(POISON_TEXT)
        if self.kind == "numbers" and isinstance(value, (int, float)) and not isinstance(value, bool):
            return self._next(EDGE_NUMBERS)
        return value


_EDGE_RUNS = {"n": 0}


def _with_edges(case: Any) -> bytes | None:
    """Odd cases get poisoned text, even ones edge numbers (a text refusal would hide the numbers).

    Returns the JSON body to send as bytes when it holds a lone surrogate: the stdlib writes it as
    the escape ``\\ud800`` (as a JavaScript client does), which no UTF-8 encoder of a str can."""
    _EDGE_RUNS["n"] += 1
    kind = "text" if _EDGE_RUNS["n"] % 2 else "numbers"
    if case.query:
        case.query = _Edges(kind, _EDGE_RUNS["n"], query=True).apply({k: v for k, v in case.query.items() if k not in COMMON})
    if isinstance(case.body, dict):
        case.body = _Edges(kind, _EDGE_RUNS["n"], query=_operation(case).form).apply(case.body)
        if not _operation(case).form and kind == "text":
            return json.dumps(case.body).encode()
    return None


def test_every_implemented_operation_is_fuzzed() -> None:
    documented = {(result.ok().method.upper(), result.ok().path) for result in schema.get_all_operations()}
    implemented = {(op.method, op.path) for op in EMULATOR.registry.implemented()}
    assert implemented and implemented == documented


@schema.parametrize()
@FUZZ_DEEP
def test_signed_requests_reach_handlers_without_server_errors(case: Any) -> None:
    _sign(case)
    payload = _check_envelope(case)
    assert payload["message"] not in GATEWAY_REFUSALS, payload  # the signing hook is right
    if not _right_method(case):
        assert payload["error"] == "error_param", payload


@schema.parametrize()
@FUZZ_REFUSED
def test_unsigned_requests_answer_envelopes(case: Any) -> None:
    _strip_common(case)
    payload = _check_envelope(case)
    assert payload["error"] == "error_param", payload


@schema.parametrize()
@FUZZ_REFUSED
def test_wrongly_signed_requests_are_refused(case: Any) -> None:
    _sign(case, key="shpk" + "0" * 64)
    payload = _check_envelope(case)
    # never reaches a handler: refused for the sign, or earlier for the method or an unreadable body
    assert payload["error"] in ("error_sign", "error_param"), payload


@schema.parametrize()
@FUZZ
def test_signed_requests_with_edge_values_answer_without_server_errors(case: Any) -> None:
    raw_body = _with_edges(case)
    _sign(case)
    payload = _check_envelope(case, raw_body)
    assert payload["error"] != "error_server", payload
