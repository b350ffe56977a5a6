"""Shared test helpers. The emulator's own pytest plugin provides the shopee* fixtures."""
from __future__ import annotations

import os
import re
from typing import Any

import pytest

# Every Store.update in the suite is checked: code changing a replaced value in place fails its test.
os.environ.setdefault("EMULATOR_CHECK_UPDATES", "1")

# The plugin loads these on first use. pytester's in-process runs drop every module first imported
# inside a run, so a later run would import a second copy beside objects made from the first;
# imported here, before any run, they stay one copy for the whole suite.
import emulator.app  # noqa: F401
import emulator.asgi  # noqa: F401
import emulator.domains.push.sink  # noqa: F401
import emulator.scenarios.pytest_items  # noqa: F401
import emulator.server  # noqa: F401
from emulator import signing
from emulator.world import Emulator
from emulator.worlds import load_world

# what a control-plane body that changes state must declare itself as (see emulator.edge)
JSON = {"Content-Type": "application/json"}

# The default world without its seeded order history, for tests whose subject is an item that
# open orders would otherwise hold (reserved stock blocks deleting items and models).
no_order_history = pytest.mark.shopee_world({**load_world("id"), "orders": {"history": False}, "discounts": []})

# pytester checks the plugin in tests/plugin; pytest accepts pytest_plugins only in the top conftest
pytest_plugins = ["pytester"]


@pytest.fixture
def mart_id(shopee: Emulator) -> int:
    return int(shopee.shops.marts()[0]["shop_id"])


@pytest.fixture
def outlet_ids(shopee: Emulator, mart_id: int) -> list[int]:
    return [int(o["shop_id"]) for o in shopee.shops.outlets_of(mart_id)]


@pytest.fixture
def outlet_id(outlet_ids: list[int]) -> int:
    return outlet_ids[0]



# pytester runs an inner session in this process, where the emulator package is imported already, and
# pytest then warns that it cannot rewrite the plugin's asserts: a user's fresh process never meets that
IN_PROCESS = ("-W", "ignore::pytest.PytestAssertRewriteWarning")


def ok(envelope: dict[str, Any]) -> dict[str, Any]:
    """Assert success and return the envelope's response (or the envelope for flat APIs)."""
    assert envelope["error"] == "", envelope
    return envelope.get("response", envelope)


def signed_query(
    emulator: Emulator,
    path: str,
    *,
    shop_id: int | None = None,
    access_token: str | None = None,
    timestamp: int | None = None,
) -> dict[str, Any]:
    """The common parameters of a call, signed by hand the way the reference describes.

    Public APIs sign ``partner_id + path + timestamp``; shop APIs add ``access_token + shop_id``.
    Tests remove or spoil single parameters of the result to reach each gateway error.
    """
    partner = emulator.auth.default_partner()
    ts = emulator.clock.now() if timestamp is None else timestamp
    query: dict[str, Any] = {"partner_id": partner["partner_id"], "timestamp": ts}
    base = signing.base_string(partner["partner_id"], path, ts)
    if shop_id is not None:
        if access_token is None:
            with emulator.transaction():
                access_token = emulator.auth.ready_tokens(shop_id)["access_token"]
        query.update(access_token=access_token, shop_id=shop_id)
        base = signing.base_string(partner["partner_id"], path, ts, access_token, shop_id)
    query["sign"] = signing.sign(partner["partner_key"], base)
    return query


def without(query: dict[str, Any], name: str) -> dict[str, Any]:
    return {k: v for k, v in query.items() if k != name}


def assert_error(response: Any, status: int, error: str, message: str) -> dict[str, Any]:
    """One exact gateway or handler error, as the envelope carries it."""
    body = response.json()
    assert (response.status_code, body["error"], body["message"]) == (status, error, message), body
    assert REQUEST_ID.fullmatch(body["request_id"]), body
    return body


REQUEST_ID = re.compile(r"[0-9a-f]{32}")

# the sample project is run by tools/wheel_check.py against the built wheel, never by this suite
collect_ignore = ["external_project"]
