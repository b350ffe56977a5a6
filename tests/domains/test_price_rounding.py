"""Item prices take the region's step: two decimals in SG/MY/BR/MX/PL/ES/AR, whole units elsewhere,
and a seller's extra decimals are rounded half up (the product guide), never stored as given."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from emulator.domains.product.amounts import price_places
from tests.conftest import ok
from tests.domains.discount_helpers import plain_item
from tests.domains.product_support import add_item, publish_body


def model_prices(client: Any, shop_id: int, item_id: int) -> list[float]:
    answer = ok(client.call("v2.product.get_item_base_info", shop_id=shop_id, params={"item_id_list": [item_id]}))
    return [p["original_price"] for p in answer["item_list"][0]["price_info"]]


@pytest.mark.parametrize("given, stored", [(12345.5, 12346), (12345.49, 12345), ("19999.999", 20000)])
def test_update_price_rounds_to_whole_rupiah(shopee, shopee_client, outlet_id, given, stored):
    item_id = plain_item(shopee, outlet_id)["item_id"]
    body = {"item_id": item_id, "price_list": [{"model_id": 0, "original_price": given}]}
    answer = ok(shopee_client.call("v2.product.update_price", shop_id=outlet_id, body=body))
    assert answer["success_list"] == [{"model_id": 0, "original_price": stored}]
    assert model_prices(shopee_client, outlet_id, item_id) == [stored]


def test_add_item_rounds_to_whole_rupiah(shopee_client, shopee_http, mart_id):
    item = add_item(shopee_client, shopee_http, mart_id, original_price=24900.5)
    assert item["price_info"]["original_price"] == 24901


def test_publish_rounds_the_outlet_price(shopee_client, shopee_http, mart_id, outlet_id):
    item = add_item(shopee_client, shopee_http, mart_id)
    body = publish_body(item["item_id"], outlet_id, [0], price=25900.4)
    copy = ok(shopee_client.call("v2.product.publish_item_to_outlet_shop", shop_id=mart_id, body=body))["item_id"]
    assert model_prices(shopee_client, outlet_id, copy) == [25900]


def test_a_price_rounded_below_the_minimum_is_refused(shopee, shopee_client, outlet_id):
    item_id = plain_item(shopee, outlet_id)["item_id"]
    body = {"item_id": item_id, "price_list": [{"model_id": 0, "original_price": 99.4}]}
    before = model_prices(shopee_client, outlet_id, item_id)
    answer = ok(shopee_client.call("v2.product.update_price", shop_id=outlet_id, body=body))
    assert answer["failure_list"] == [{"model_id": 0, "failed_reason": "Original_price is less than min price limit."}]
    assert model_prices(shopee_client, outlet_id, item_id) == before


@pytest.mark.parametrize("region, step", [("SG", "0.01"), ("MY", "0.01"), ("BR", "0.01"), ("AR", "0.01"), ("ID", "1"), ("TH", "1"), ("VN", "1")])
def test_price_step_by_region(region, step):
    assert price_places(region) == Decimal(step)
