"""Pushes 7 (item promotion) and 9 (promotion update) as a discount changes and runs, at a live receiver."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from emulator.domains.push import delivery
from emulator.server import LiveServer
from tests.conftest import ok
from tests.domains.discount_helpers import (
    DAY,
    HOUR,
    add_plain,
    call,
    new_discount,
    plain_item,
)
from tests.domains.test_push_live import Receiver


@pytest.fixture
def receiver(shopee_server: LiveServer) -> Iterator[Receiver]:
    with Receiver(shopee_server.url) as running:
        yield running


def bodies(received: list[dict[str, Any]]) -> list[tuple[int, str]]:
    return [(json.loads(p["body"])["code"], json.loads(p["body"])["data"]["action"]) for p in received]


def test_discount_pushes_7_and_9_arrive_signed(shopee, shopee_server, shopee_client, receiver, outlet_id):
    partner = shopee.auth.default_partner()
    with shopee.transaction():
        others = [s["shop_id"] for s in shopee.shops.all_shops() if s["shop_id"] != outlet_id]
        shopee.pushes.settings.configure(partner["partner_id"], {"callback_url": receiver.url, "codes": [7, 9], "blocked_shop_ids": others})
    item = plain_item(shopee, outlet_id)
    discount_id = new_discount(shopee, shopee_client, outlet_id, starts_in=2 * HOUR, lasts=DAY)
    add_plain(shopee_client, outlet_id, discount_id, item, 1000, item_promotion_stock=4)
    with httpx.Client(base_url=shopee_server.url, timeout=30) as control:
        control.post("/_emulator/clock/advance", json={"seconds": 0}).raise_for_status()
        start = shopee.discounts.get(outlet_id, discount_id)["start_time"]
        ok(call(shopee_client, "v2.discount.update_discount", outlet_id, discount_id=discount_id, end_time=start + DAY // 2))
        control.post("/_emulator/clock/advance", json={"seconds": 2 * HOUR}).raise_for_status()
        control.post("/_emulator/clock/advance", json={"seconds": DAY // 2}).raise_for_status()
    assert bodies(receiver.received) == [(9, "added_in_promo"), (9, "promo_time_updated"), (7, "promo_lock_stock"), (7, "promo_end")]
    for push in receiver.received:
        assert delivery.verify(partner["partner_key"], receiver.url, push["body"], push["authorization"])
    added, _, locked, ended = (json.loads(p["body"]) for p in receiver.received)
    assert added["data"] == {"shop_id": outlet_id, "promotion_id": discount_id, "promotion_type": "seller_discount",
                             "start_time": start, "end_time": start + DAY, "action": "added_in_promo",
                             "item_id": item["item_id"], "variation_id": 0, "reserved_stock": 4}
    assert (added["shop_id"], added["code"]) == (outlet_id, 9)
    assert (locked["data"]["reserved_stock"], locked["data"]["end_time"], locked["data"]["update_time"]) == (4, start + DAY // 2, start)
    assert (ended["data"]["reserved_stock"], ended["data"]["update_time"]) == (0, start + DAY // 2)


def test_end_discount_pushes_promo_cancelled(shopee, shopee_client, outlet_id):
    item = plain_item(shopee, outlet_id)
    discount_id = new_discount(shopee, shopee_client, outlet_id)
    add_plain(shopee_client, outlet_id, discount_id, item, 1000)
    shopee.advance(4 * HOUR)
    seen = len(shopee.bus.recent)
    ok(call(shopee_client, "v2.discount.end_discount", outlet_id, discount_id=discount_id))
    events = [(ev.name, ev.data["action"]) for ev in list(shopee.bus.recent)[seen:] if ev.name.startswith("discount.")]
    assert events == [("discount.item_promotion", "promo_cancelled")]
