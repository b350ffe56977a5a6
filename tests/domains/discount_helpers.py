"""Helpers shared by the discount tests."""
from __future__ import annotations

from typing import Any

from emulator.world import Emulator
from tests.conftest import ok

HOUR = 3600
DAY = 86400


def call(shopee_client: Any, api: str, shop_id: int, **body: Any) -> dict[str, Any]:
    """A discount API's envelope (the client sends ``body`` as the query of a GET API)."""
    return dict(shopee_client.call(api, shop_id=shop_id, body=body))


def new_discount(shopee: Emulator, shopee_client: Any, shop_id: int, starts_in: int = 2 * HOUR, lasts: int = DAY) -> int:
    start = shopee.clock.now() + starts_in
    answer = call(shopee_client, "v2.discount.add_discount", shop_id, discount_name="Flash week", start_time=start, end_time=start + lasts)
    return int(ok(answer)["discount_id"])


def plain_item(shopee: Emulator, shop_id: int) -> dict[str, Any]:
    """An Outlet item without variations that no seeded discount holds."""
    held = {int(i) for d in shopee.store.collection("discounts").values() for i in d["items"]}
    return next(d for d in shopee.products.items_of_shop(shop_id) if d["models"][0]["model_id"] == 0 and d["item_id"] not in held)


def variant_item(shopee: Emulator, shop_id: int) -> dict[str, Any]:
    held = {int(i) for d in shopee.store.collection("discounts").values() for i in d["items"]}
    return next(d for d in shopee.products.items_of_shop(shop_id) if d["models"][0]["model_id"] != 0 and d["item_id"] not in held)


def add_plain(shopee_client: Any, shop_id: int, discount_id: int, item: dict[str, Any], price: Any, **extra: Any) -> dict[str, Any]:
    entry = {"item_id": item["item_id"], "item_promotion_price": price, "purchase_limit": 0, **extra}
    return ok(call(shopee_client, "v2.discount.add_discount_item", shop_id, discount_id=discount_id, item_list=[entry]))
