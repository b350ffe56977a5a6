"""Shared test helpers. The emulator's own pytest plugin provides the shopee* fixtures."""
from __future__ import annotations

from typing import Any

import pytest

from emulator.world import Emulator
from emulator.worlds import load_world

# The default world without its seeded order history, for tests whose subject is an item that
# open orders would otherwise hold (reserved stock blocks deleting items and models).
no_order_history = pytest.mark.shopee_world({**load_world("id"), "orders": {"history": False}})


@pytest.fixture
def mart_id(shopee: Emulator) -> int:
    return int(shopee.shops.marts()[0]["shop_id"])


@pytest.fixture
def outlet_ids(shopee: Emulator, mart_id: int) -> list[int]:
    return [int(o["shop_id"]) for o in shopee.shops.outlets_of(mart_id)]


@pytest.fixture
def outlet_id(outlet_ids: list[int]) -> int:
    return outlet_ids[0]


def ok(envelope: dict[str, Any]) -> dict[str, Any]:
    """Assert success and return the envelope's response (or the envelope for flat APIs)."""
    assert envelope["error"] == "", envelope
    return envelope.get("response", envelope)
