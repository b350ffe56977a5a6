"""Fuzzing every endpoint of the emulator's own ``/openapi.json`` with schemathesis, in-process.

Operations come from the OpenAPI document (so from the registry), so domains are covered as they
land. Three modes per operation:

    signed     a hook signs every case validly (partner, timestamp on the virtual clock, an
               Outlet's ready token and shop_id), so generated parameters reach the handlers
    unsigned   no common parameters at all
    wrong sign valid partner, timestamp, token and shop, but a signature made with another key

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


def _check_envelope(case: Any) -> dict[str, Any]:
    response = case.call()
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
