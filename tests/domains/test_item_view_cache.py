"""get_item_base_info's views are kept between reads: every way an item's answer changes shows at
once (its own writes, its Mart item's, its shop's, its discounts', and the clock passing a
discount's start or end)."""
from __future__ import annotations

from typing import Any

import pytest

from emulator import render
from emulator.domains.product.views import Views
from emulator.world import Emulator
from tests.conftest import ok
from tests.domains.discount_helpers import DAY, HOUR, add_plain, call, new_discount, plain_item
from tests.domains.product_support import published

def info(shopee_client: Any, shop_id: int, item_id: int, **params: Any) -> dict[str, Any]:
    answer = shopee_client.call("v2.product.get_item_base_info", shop_id=shop_id, params={"item_id_list": [item_id], **params})
    found: dict[str, Any] = ok(answer)["item_list"][0]
    return found


def price(shopee_client: Any, shop_id: int, item_id: int) -> float:
    return float(info(shopee_client, shop_id, item_id)["price_info"][0]["current_price"])


def stock(shopee_client: Any, shop_id: int, item_id: int) -> int:
    return int(info(shopee_client, shop_id, item_id)["stock_info_v2"]["seller_stock"][0]["stock"])


def test_a_read_is_kept_and_a_stock_or_price_update_shows_at_once(shopee: Emulator, shopee_client: Any, outlet_id: int) -> None:
    item_id = plain_item(shopee, outlet_id)["item_id"]
    first = info(shopee_client, outlet_id, item_id)
    assert info(shopee_client, outlet_id, item_id) == first
    assert len(shopee.products.item_views) >= 1
    body = {"item_id": item_id, "stock_list": [{"model_id": 0, "seller_stock": [{"stock": 77}]}]}
    ok(shopee_client.call("v2.product.update_stock", shop_id=outlet_id, body=body))
    assert stock(shopee_client, outlet_id, item_id) == 77
    ok(shopee_client.call("v2.product.update_price", shop_id=outlet_id, body={"item_id": item_id, "price_list": [{"model_id": 0, "original_price": 12345}]}))
    assert price(shopee_client, outlet_id, item_id) == 12345


def test_a_mart_item_update_shows_on_its_outlet_copy(shopee_client: Any, shopee_http: Any, mart_id: int, outlet_id: int) -> None:
    mart_item, copy = published(shopee_client, shopee_http, mart_id, outlet_id)
    assert info(shopee_client, outlet_id, copy)["item_name"] != "Susu UHT Cokelat 1 L"
    ok(shopee_client.call("v2.product.update_item", shop_id=mart_id, body={"item_id": mart_item, "item_name": "Susu UHT Cokelat 1 L"}))
    assert info(shopee_client, outlet_id, copy)["item_name"] == "Susu UHT Cokelat 1 L"


def test_tax_info_is_added_to_a_copy_of_the_kept_view(shopee: Emulator, shopee_client: Any, outlet_id: int) -> None:
    item_id = plain_item(shopee, outlet_id)["item_id"]
    assert "tax_info" in info(shopee_client, outlet_id, item_id, need_tax_info=True)
    assert "tax_info" not in info(shopee_client, outlet_id, item_id)


def test_a_discount_shows_when_the_clock_passes_its_start_and_leaves_at_its_end(
    shopee: Emulator, shopee_client: Any, outlet_id: int
) -> None:
    item = plain_item(shopee, outlet_id)
    item_id, original = item["item_id"], float(item["models"][0]["original_price"])
    discount_id = new_discount(shopee, shopee_client, outlet_id, starts_in=2 * HOUR, lasts=DAY)
    assert price(shopee_client, outlet_id, item_id) == original
    add_plain(shopee_client, outlet_id, discount_id, item, 1000)
    assert price(shopee_client, outlet_id, item_id) == original  # upcoming: read and kept
    shopee.clock.move_to(shopee.clock.now() + 2 * HOUR)  # no job has run, nothing was written
    assert price(shopee_client, outlet_id, item_id) == 1000
    assert info(shopee_client, outlet_id, item_id)["has_promotion"] is True
    shopee.advance(DAY)
    assert price(shopee_client, outlet_id, item_id) == original


def test_a_discount_write_shows_at_once(shopee: Emulator, shopee_client: Any, outlet_id: int) -> None:
    item = plain_item(shopee, outlet_id)
    item_id, original = item["item_id"], float(item["models"][0]["original_price"])
    body = {"item_id": item_id, "stock_list": [{"model_id": 0, "seller_stock": [{"stock": 50}]}]}
    ok(shopee_client.call("v2.product.update_stock", shop_id=outlet_id, body=body))
    held = info(shopee_client, outlet_id, item_id)["stock_info_v2"]["summary_info"]["total_reserved_stock"]  # by orders
    discount_id = new_discount(shopee, shopee_client, outlet_id, starts_in=2 * HOUR, lasts=DAY)
    add_plain(shopee_client, outlet_id, discount_id, item, 1000, item_promotion_stock=5)
    shopee.advance(2 * HOUR)
    shown = info(shopee_client, outlet_id, item_id)
    assert float(shown["price_info"][0]["current_price"]) == 1000
    assert shown["stock_info_v2"]["summary_info"]["total_reserved_stock"] == held + 5
    entry = {"item_id": item_id, "item_promotion_price": 900, "purchase_limit": 0}
    ok(call(shopee_client, "v2.discount.update_discount_item", outlet_id, discount_id=discount_id, item_list=[entry]))
    assert price(shopee_client, outlet_id, item_id) == 900
    shopee.advance(HOUR)
    ok(call(shopee_client, "v2.discount.end_discount", outlet_id, discount_id=discount_id))
    ended = info(shopee_client, outlet_id, item_id)
    assert float(ended["price_info"][0]["current_price"]) == original
    assert ended["stock_info_v2"]["summary_info"]["total_reserved_stock"] == held


def test_a_warehouse_switch_shows_the_new_stock_location(shopee: Emulator, shopee_client: Any, shopee_http: Any, mart_id: int,
                                                          outlet_id: int) -> None:
    item_id = plain_item(shopee, outlet_id)["item_id"]
    assert info(shopee_client, outlet_id, item_id)["stock_info_v2"]["seller_stock"][0]["location_id"] == ""
    answer = shopee_http.post(f"/_emulator/shops/{mart_id}/structure", json={"structure": "warehouse"})
    assert answer.status_code == 200, answer.text
    assert info(shopee_client, outlet_id, item_id)["stock_info_v2"]["seller_stock"][0]["location_id"] != ""


def test_a_restored_snapshot_shows_its_own_items(shopee: Emulator, shopee_client: Any, outlet_id: int) -> None:
    item_id = plain_item(shopee, outlet_id)["item_id"]
    saved = shopee.snapshot()
    before = stock(shopee_client, outlet_id, item_id)
    body = {"item_id": item_id, "stock_list": [{"model_id": 0, "seller_stock": [{"stock": before + 5}]}]}
    ok(shopee_client.call("v2.product.update_stock", shop_id=outlet_id, body=body))
    assert stock(shopee_client, outlet_id, item_id) == before + 5
    shopee.import_snapshot(saved)
    assert stock(shopee_client, outlet_id, item_id) == before


def test_an_undone_transaction_leaves_no_view_of_its_writes(shopee: Emulator, shopee_client: Any, outlet_id: int) -> None:
    item_id = plain_item(shopee, outlet_id)["item_id"]
    before = stock(shopee_client, outlet_id, item_id)
    views = Views(shopee.products, "http://emulator.local")
    with pytest.raises(RuntimeError), shopee.transaction():
        shopee.products.stock.set_stock(outlet_id, item_id, 0, before + 3)
        doc = shopee.products.find(item_id)
        assert doc is not None
        # the open transaction reads its own write, and keeps no view of it
        shown = render.loads(render.dumps(views.rendered_base_info(doc)))
        assert shown["stock_info_v2"]["seller_stock"][0]["stock"] == before + 3
        raise RuntimeError("refused")
    assert stock(shopee_client, outlet_id, item_id) == before
