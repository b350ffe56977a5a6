"""``seller_stock[].location_id`` is checked the same way by every API that takes it: add_item,
add_model, init_tier_variation, publish (single and batch) and stock updates (single and batch)
accept the shop's own location (or none, or "-") and refuse any other with update_stock's error."""
from __future__ import annotations

from typing import Any

import pytest

from emulator.world import Emulator
from tests.conftest import ok
from tests.domains.product_support import add_item, image_id, item_body, publish_body

WRONG_LOCATION = "The location_id input is not matched the shop's location_id(more/wrong). Please double check."


def refused(answer: dict[str, Any]) -> tuple[str, str]:
    return answer["error"], answer["message"]


def warehouse_location(shopee_client: Any, shopee_http: Any, mart_id: int, outlet_id: int) -> str:
    answer = shopee_http.post(f"/_emulator/shops/{mart_id}/structure", json={"structure": "warehouse"})
    assert answer.status_code == 200, answer.text
    (pickup,) = ok(shopee_client.call("v2.shop.get_warehouse_detail", shop_id=outlet_id))
    return str(pickup["location_id"])


def with_location(body: dict[str, Any], location: str) -> dict[str, Any]:
    for model in body["publish_item"]["model"]:
        model["seller_stock"][0]["location_id"] = location
    return body


def stock_entry(location: str, stock: int = 9) -> dict[str, Any]:
    return {"model_id": 0, "seller_stock": [{"location_id": location, "stock": stock}]}


@pytest.mark.parametrize("location", ["IDZ", "IDZ1"])
def test_a_mart_item_refuses_a_location_the_mart_does_not_have(shopee_client: Any, shopee_http: Any, mart_id: int, location: str) -> None:
    body = item_body([image_id(shopee_client, shopee_http, mart_id)], seller_stock=[{"location_id": location, "stock": 5}])
    assert refused(shopee_client.call("v2.product.add_item", shop_id=mart_id, body=body)) == ("error_auth", WRONG_LOCATION)
    created = add_item(shopee_client, shopee_http, mart_id, seller_stock=[{"location_id": "-", "stock": 5}])
    tiers = [{"name": "Size", "option_list": [{"option": "1 L"}, {"option": "2 L"}]}]
    bad = {"item_id": created["item_id"], "tier_variation": tiers, "model": [
        {"tier_index": [0], "original_price": 24900, "seller_stock": [{"stock": 1}]},
        {"tier_index": [1], "original_price": 44900, "seller_stock": [{"location_id": location, "stock": 1}]},
    ]}
    assert refused(shopee_client.call("v2.product.init_tier_variation", shop_id=mart_id, body=bad)) == ("error_auth", WRONG_LOCATION)
    bad["model"][1]["seller_stock"] = [{"location_id": "", "stock": 1}]
    ok(shopee_client.call("v2.product.init_tier_variation", shop_id=mart_id, body=bad))
    added = {"item_id": created["item_id"], "model_list": [
        {"tier_index": [1], "original_price": 1, "seller_stock": [{"location_id": location, "stock": 1}]}]}
    shopee_client.call("v2.product.update_tier_variation", shop_id=mart_id, body={
        "item_id": created["item_id"], "tier_variation": [{"name": "Size", "option_list": [{"option": "1 L"}, {"option": "2 L"}, {"option": "3 L"}]}]})
    added["model_list"][0]["tier_index"] = [2]
    assert refused(shopee_client.call("v2.product.add_model", shop_id=mart_id, body=added)) == ("error_auth", WRONG_LOCATION)


def test_publish_accepts_only_the_outlets_own_location(
    shopee: Emulator, shopee_client: Any, shopee_http: Any, mart_id: int, outlet_id: int
) -> None:
    location = warehouse_location(shopee_client, shopee_http, mart_id, outlet_id)
    item = add_item(shopee_client, shopee_http, mart_id)["item_id"]
    wrong = with_location(publish_body(item, outlet_id, [0]), "IDZ")
    assert refused(shopee_client.call("v2.product.publish_item_to_outlet_shop", shop_id=mart_id, body=wrong)) == ("error_auth", WRONG_LOCATION)
    right = with_location(publish_body(item, outlet_id, [0], stock=12), location)
    outlet_item = ok(shopee_client.call("v2.product.publish_item_to_outlet_shop", shop_id=mart_id, body=right))["item_id"]
    info = ok(shopee_client.call("v2.product.get_item_base_info", shop_id=outlet_id, params={"item_id_list": [outlet_item]}))
    assert info["item_list"][0]["stock_info_v2"]["seller_stock"][0] == {"location_id": location, "stock": 12, "if_saleable": True}


def test_batch_tasks_fail_an_entry_with_a_foreign_location_and_apply_the_others(
    shopee: Emulator, shopee_client: Any, shopee_http: Any, mart_id: int, outlet_ids: list[int]
) -> None:
    client = shopee_client
    first, second = outlet_ids[0], outlet_ids[1]
    location = warehouse_location(client, shopee_http, mart_id, first)
    item = add_item(client, shopee_http, mart_id)["item_id"]
    entries = [with_location(publish_body(item, first, [0]), location), with_location(publish_body(item, second, [0]), location)]
    task = ok(client.call("v2.product.batch_publish_item_to_outlet_shop", shop_id=mart_id, body={"item_list": entries}))["task_id"]
    shopee.advance(shopee.products.batches.settings()["delay_seconds"])
    published = ok(client.call("v2.product.get_batch_task_result", shop_id=mart_id, params={"task_type": 3, "task_id": task}))
    assert [entry["shop_id"] for entry in published["success_list"]] == [first]
    assert [(entry["shop_id"], entry["failed_reason"]) for entry in published["failed_list"]] == [(second, WRONG_LOCATION)]

    outlet_item = published["success_list"][0]["item_id"]
    stock = ok(client.call("v2.product.batch_update_outlet_stock", shop_id=mart_id, body={"item_list": [
        {"outlet_shop_id": first, "item_id": outlet_item, "stock_list": [stock_entry(location[:-1] + "9", 30)]},
    ]}))["task_id"]
    shopee.advance(shopee.products.batches.settings()["delay_seconds"])
    answer = ok(client.call("v2.product.get_batch_task_result", shop_id=mart_id, params={"task_type": 2, "task_id": stock}))
    assert [entry["failed_reason"] for entry in answer["failed_list"]] == [WRONG_LOCATION]
    info = ok(client.call("v2.product.get_item_base_info", shop_id=first, params={"item_id_list": [outlet_item]}))
    assert info["item_list"][0]["stock_info_v2"]["seller_stock"][0]["stock"] == 12


def test_item_reads_name_the_outlets_location_once_it_joins_the_warehouse_programme(
    shopee: Emulator, shopee_client: Any, shopee_http: Any, mart_id: int, outlet_id: int
) -> None:
    item = add_item(shopee_client, shopee_http, mart_id)["item_id"]
    outlet_item = ok(shopee_client.call("v2.product.publish_item_to_outlet_shop", shop_id=mart_id,
                                        body=publish_body(item, outlet_id, [0])))["item_id"]

    def shown() -> str:
        info = ok(shopee_client.call("v2.product.get_item_base_info", shop_id=outlet_id, params={"item_id_list": [outlet_item]}))
        return str(info["item_list"][0]["stock_info_v2"]["seller_stock"][0]["location_id"])

    assert shown() == ""
    location = warehouse_location(shopee_client, shopee_http, mart_id, outlet_id)
    assert shown() == location
