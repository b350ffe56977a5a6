"""Batch tasks: publish and Outlet price/stock updates in bulk, applied on the clock entry by entry."""
from __future__ import annotations

from typing import Any

import pytest

from emulator.domains.product import errors as e
from tests.conftest import ok
from tests.domains.product_support import add_item, published


def base_info(client: Any, shop_id: int, item_id: int) -> dict[str, Any]:
    return ok(client.call("v2.product.get_item_base_info", shop_id=shop_id, params={"item_id_list": [item_id]}))["item_list"][0]


def result(client: Any, mart_id: int, task_type: int, task_id: int) -> dict[str, Any]:
    return ok(client.call("v2.product.get_batch_task_result", shop_id=mart_id, params={"task_type": task_type, "task_id": task_id}))


def publish_entry(mart_item_id: int, outlet_id: int, price: float, stock: int, limit: int) -> dict[str, Any]:
    return {"mart_item_id": mart_item_id, "outlet_shop_id": outlet_id, "publish_item": {
        "model": [{"relate_mart_model_id": 0, "original_price": price, "seller_stock": [{"stock": stock}]}],
        "logistic_info": [{"logistic_id": 8000, "enabled": True}],
        "purchase_limit_info": {"min_purchase_limit": 2, "max_purchase_limit": {"purchase_limit": limit}}}}


def test_one_batch_task_publishes_to_every_outlet_but_the_invalid_entry(shopee, shopee_client, shopee_http, mart_id, outlet_ids):
    client = shopee_client
    item = add_item(client, shopee_http, mart_id)["item_id"]
    entries = [publish_entry(item, outlet, 25000 + 100 * n, 10 + n, 5 + n) for n, outlet in enumerate(outlet_ids)]
    entries[2]["publish_item"]["model"][0]["original_price"] = 1  # below the region's minimum price
    task_id = ok(client.call("v2.product.batch_publish_item_to_outlet_shop", shop_id=mart_id, body={"item_list": entries}))["task_id"]

    assert result(client, mart_id, 3, task_id) == {"publish_status": 1, "success_list": [], "failed_list": []}
    shopee.advance(shopee.products.batches.settings()["delay_seconds"])
    answer = result(client, mart_id, 3, task_id)

    assert answer["publish_status"] == 2
    assert answer["failed_list"] == [{"shop_id": outlet_ids[2], "item_id": item, "model_id": 0, "failed_reason": e.PRICE_TOO_LOW}]
    assert [s["shop_id"] for s in answer["success_list"]] == [o for n, o in enumerate(outlet_ids) if n != 2]
    mapping = ok(client.call("v2.product.get_mart_item_mapping_by_id", shop_id=mart_id, body={"mart_item_id": item}))
    copies = {m["outlet_item_id"] for m in mapping["item_mapping_list"]}
    assert copies == {s["item_id"] for s in answer["success_list"]}
    for success in answer["success_list"]:
        n = outlet_ids.index(success["shop_id"])
        view = base_info(client, success["shop_id"], success["item_id"])
        assert view["price_info"][0]["original_price"] == 25000 + 100 * n
        assert view["stock_info_v2"]["seller_stock"][0]["stock"] == 10 + n
        assert view["purchase_limit_info"] == {"min_purchase_limit": 2, "max_purchase_limit": {"purchase_limit": 5 + n}}


def test_a_task_applies_nothing_before_its_delay_and_the_delay_is_configurable(shopee, shopee_client, shopee_http, mart_id, outlet_ids):
    client = shopee_client
    settings = shopee_http.post("/_emulator/product/batch_tasks", json={"delay_seconds": 60}).json()
    assert settings == {"delay_seconds": 60, "fail_next": 0}
    item = add_item(client, shopee_http, mart_id)["item_id"]
    task_id = ok(client.call("v2.product.batch_publish_item_to_outlet_shop", shop_id=mart_id,
                             body={"item_list": [publish_entry(item, outlet_ids[0], 25000, 3, 3)]}))["task_id"]
    shopee.advance(59)
    assert result(client, mart_id, 3, task_id)["publish_status"] == 1
    assert ok(client.call("v2.product.get_mart_item_mapping_by_id", shop_id=mart_id, body={"mart_item_id": item}))["item_mapping_list"] == []
    shopee.advance(1)
    assert len(result(client, mart_id, 3, task_id)["success_list"]) == 1


def test_price_and_stock_tasks_fail_per_model_with_the_single_item_errors(shopee, shopee_client, shopee_http, mart_id, outlet_ids):
    client = shopee_client
    _, first = published(client, shopee_http, mart_id, outlet_ids[0])
    _, second = published(client, shopee_http, mart_id, outlet_ids[1])
    price = ok(client.call("v2.product.batch_update_outlet_price", shop_id=mart_id, body={"item_list": [
        {"outlet_shop_id": outlet_ids[0], "item_id": first, "price_list": [{"model_id": 0, "original_price": 27000}]},
        {"outlet_shop_id": outlet_ids[1], "item_id": second, "price_list": [{"model_id": 7, "original_price": 27000}]},
        {"outlet_shop_id": outlet_ids[1], "item_id": first, "price_list": [{"model_id": 0, "original_price": 27000}]},
    ]}))["task_id"]
    stock = ok(client.call("v2.product.batch_update_outlet_stock", shop_id=mart_id, body={"item_list": [
        {"outlet_shop_id": outlet_ids[1], "item_id": second, "stock_list": [{"model_id": 0, "seller_stock": [{"stock": 44}]}]},
    ]}))["task_id"]
    shopee.advance(shopee.products.batches.settings()["delay_seconds"])

    prices = result(client, mart_id, 1, price)
    assert prices["success_list"] == [{"shop_id": outlet_ids[0], "item_id": first, "model_id": 0}]
    assert prices["failed_list"] == [
        {"shop_id": outlet_ids[1], "item_id": second, "model_id": 7, "failed_reason": e.WRONG_MODEL},
        {"shop_id": outlet_ids[1], "item_id": first, "model_id": 0, "failed_reason": e.NOT_BELONG_SHOP},
    ]
    assert base_info(client, outlet_ids[0], first)["price_info"][0]["original_price"] == 27000
    assert base_info(client, outlet_ids[1], second)["price_info"][0]["original_price"] == 25900
    assert result(client, mart_id, 2, stock)["success_list"] == [{"shop_id": outlet_ids[1], "item_id": second, "model_id": 0}]
    assert base_info(client, outlet_ids[1], second)["stock_info_v2"]["seller_stock"][0]["stock"] == 44


def test_a_forced_failure_fails_every_entry_and_applies_none(shopee, shopee_client, shopee_http, mart_id, outlet_ids):
    client = shopee_client
    shopee_http.post("/_emulator/product/batch_tasks", json={"fail_next": 1})
    _, copy = published(client, shopee_http, mart_id, outlet_ids[0])
    body = {"item_list": [{"outlet_shop_id": outlet_ids[0], "item_id": copy, "price_list": [{"model_id": 0, "original_price": 30000}]}]}
    failing = ok(client.call("v2.product.batch_update_outlet_price", shop_id=mart_id, body=body))["task_id"]
    passing = ok(client.call("v2.product.batch_update_outlet_price", shop_id=mart_id, body=body))["task_id"]
    shopee.advance(shopee.products.batches.settings()["delay_seconds"])
    assert result(client, mart_id, 1, failing)["failed_list"][0]["failed_reason"] == "Something wrong. Please try later."
    assert result(client, mart_id, 1, passing)["failed_list"] == []
    assert base_info(client, outlet_ids[0], copy)["price_info"][0]["original_price"] == 30000


@pytest.mark.parametrize(("params", "message"), [
    ({"task_type": 9, "task_id": 1}, "task_type is invalid"),
    ({"task_type": 1, "task_id": 424242}, "task_id 424242 is not found."),
])
def test_unknown_task_types_and_ids_are_refused(shopee_client, mart_id, params, message):
    answer = shopee_client.call("v2.product.get_batch_task_result", shop_id=mart_id, params=params)
    assert (answer["error"], answer["message"]) == ("product.error_busi", message)


def test_a_task_of_another_type_is_not_found(shopee, shopee_client, shopee_http, mart_id, outlet_ids):
    _, copy = published(shopee_client, shopee_http, mart_id, outlet_ids[0])
    body = {"item_list": [{"outlet_shop_id": outlet_ids[0], "item_id": copy, "price_list": [{"model_id": 0, "original_price": 30000}]}]}
    task_id = ok(shopee_client.call("v2.product.batch_update_outlet_price", shop_id=mart_id, body=body))["task_id"]
    answer = shopee_client.call("v2.product.get_batch_task_result", shop_id=mart_id, params={"task_type": 2, "task_id": task_id})
    assert answer["error"] == "product.error_busi"


def test_only_a_mart_runs_batch_tasks_of_at_most_100_entries(shopee_client, mart_id, outlet_ids):
    entry = {"outlet_shop_id": outlet_ids[0], "item_id": 1, "price_list": [{"model_id": 0, "original_price": 30000}]}
    outlet = shopee_client.call("v2.product.batch_update_outlet_price", shop_id=outlet_ids[0], body={"item_list": [entry]})
    assert (outlet["error"], outlet["message"]) == ("error_auth", e.NOT_MART_SHOP.format(shop_id=outlet_ids[0]))
    too_many = shopee_client.call("v2.product.batch_update_outlet_price", shop_id=mart_id, body={"item_list": [entry] * 101})
    assert too_many["message"] == e.WRONG_PARAMS.format(msg="item_list length should be between 1 and 100")


def test_tasks_survive_a_restart_with_a_data_file(tmp_path):
    from emulator.world import Emulator

    path = str(tmp_path / "state.json")
    first = Emulator(data=path)
    shop = first.shops.marts()[0]
    mart, outlet = shop["shop_id"], shop["outlet_shop_ids"][0]
    item = first.products.items_of_shop(outlet)[0]
    model_id = item["models"][0]["model_id"]
    with first.transaction():
        task_id = first.products.batches.create(mart, 1, [
            {"outlet_shop_id": outlet, "item_id": item["item_id"], "price_list": [{"model_id": model_id, "original_price": 31000}]}])
    second = Emulator(data=path)  # no close: as after a kill
    assert second.products.batches.result(mart, 1, task_id)["publish_status"] == 1
    second.advance(second.products.batches.settings()["delay_seconds"])
    assert second.products.batches.result(mart, 1, task_id)["success_list"] == [{"shop_id": outlet, "item_id": item["item_id"], "model_id": model_id}]
    assert second.products.find(item["item_id"])["models"][0]["original_price"] == "31000"
    first.close()
    second.close()
