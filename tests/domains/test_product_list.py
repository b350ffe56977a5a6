"""get_item_list paging, search_item, get_item_base_info batch limits, unlist and publish errors."""
from __future__ import annotations

import pytest

from tests.conftest import ok, no_order_history
from tests.domains.product_support import add_item, publish_body, published


def page(client, shop_id, offset, size=3, statuses=("NORMAL",)):
    return ok(client.call("v2.product.get_item_list", shop_id=shop_id, params={"offset": offset, "page_size": size, "item_status": list(statuses)}))


def test_get_item_list_paging_stable_while_items_are_added(shopee_client, shopee_http, mart_id):
    first = page(shopee_client, mart_id, 0)
    add_item(shopee_client, shopee_http, mart_id)
    second = page(shopee_client, mart_id, first["next_offset"])
    add_item(shopee_client, shopee_http, mart_id)
    third = page(shopee_client, mart_id, second["next_offset"])
    seen = [i["item_id"] for p in (first, second, third) for i in p["item"]]
    assert len(seen) == len(set(seen)) == 9
    assert seen == sorted(seen)
    assert third["total_count"] == 9 and third["has_next_page"] is False and third["next_offset"] == 0


def test_get_item_list_filters_by_status_and_update_time(shopee, shopee_client, shopee_http, mart_id):
    shopee.advance(3600)
    item = add_item(shopee_client, shopee_http, mart_id, item_status="UNLIST")
    unlisted = page(shopee_client, mart_id, 0, 100, ("UNLIST",))
    assert [i["item_id"] for i in unlisted["item"]] == [item["item_id"]]
    recent = ok(shopee_client.call("v2.product.get_item_list", shop_id=mart_id, params={
        "offset": 0, "page_size": 100, "item_status": ["NORMAL", "UNLIST"], "update_time_from": shopee.clock.now() - 60}))
    assert [i["item_id"] for i in recent["item"]] == [item["item_id"]]


@pytest.mark.parametrize("params, error, message", [
    ({"page_size": 101}, "error_param", "Wrong parameters, detail: page_size should be between 1 and 100."),
    ({"page_size": 0}, "error_param", "Wrong parameters, detail: page_size should be between 1 and 100."),
    ({"offset": -1}, "error_param", "Wrong parameters, detail: offset should not be negative."),
    ({"item_status": ["SOLD"]}, "error_param_item_status", "Item status error."),
    ({"update_time_from": 200, "update_time_to": 100}, "error_update_time_range", "Update_time_to should be later than update_time_from."),
], ids=["page_size_over_100", "page_size_zero", "negative_offset", "unknown_status", "time_range_reversed"])
def test_get_item_list_limits(shopee_client, mart_id, params, error, message):
    answer = shopee_client.call("v2.product.get_item_list", shop_id=mart_id, params={"offset": 0, "page_size": 10, "item_status": ["NORMAL"], **params})
    assert (answer["error"], answer["message"]) == (error, message)


def test_get_item_list_requires_item_status(shopee_client, mart_id):
    answer = shopee_client.call("v2.product.get_item_list", shop_id=mart_id, params={"offset": 0, "page_size": 10})
    assert (answer["error"], answer["message"]) == ("error_param", "Wrong parameters, detail: item_status is required.")


def test_get_item_base_info_more_than_50_refused(shopee_client, mart_id):
    answer = shopee_client.call("v2.product.get_item_base_info", shop_id=mart_id, params={"item_id_list": list(range(1, 52))})
    assert (answer["error"], answer["message"]) == ("error_param", "Wrong parameters, detail: item_id_list length should be between 1 and 50.")


def test_get_item_base_info_unknown_ids(shopee_client, mart_id):
    answer = shopee_client.call("v2.product.get_item_base_info", shop_id=mart_id, params={"item_id_list": [1, 2]})
    assert (answer["error"], answer["message"]) == ("error_item_not_found", "Item_id is not found.")


def test_get_item_base_info_seeded_items_use_real_leaf_categories(shopee, shopee_client, mart_id, outlet_id):
    ids = [d["item_id"] for d in shopee.products.items_of_shop(outlet_id)]
    items = ok(shopee_client.call("v2.product.get_item_base_info", shop_id=outlet_id, params={"item_id_list": ids}))["item_list"]
    categories = {c["category_id"]: c for c in ok(shopee_client.call("v2.product.get_category", shop_id=mart_id))["category_list"]}
    assert len(items) == 7
    for item in items:
        assert categories[item["category_id"]]["has_children"] is False
        assert item["image"]["image_id_list"] and item["mart_item_id"]
    assert [i["has_model"] for i in items].count(True) == 1


@pytest.mark.shopee_world("th")
def test_th_world_seeded_in_thai_with_thai_brands(shopee, shopee_client, mart_id):
    ids = [d["item_id"] for d in shopee.products.items_of_shop(mart_id)]
    items = ok(shopee_client.call("v2.product.get_item_base_info", shop_id=mart_id, params={"item_id_list": ids}))["item_list"]
    milk = next(i for i in items if i["category_id"] == 100021)
    assert milk["item_name"] == "นมยูเอชที รสจืด 1 ลิตร" and milk["brand"]["original_brand_name"] == "Foremost"
    assert milk["price_info"][0]["currency"] == "THB"


def test_search_item_by_name(shopee, shopee_client, outlet_id):
    found = ok(shopee_client.call("v2.product.search_item", shop_id=outlet_id, params={"item_name": "susu", "page_size": 10}))
    assert found["total_count"] == 1
    assert shopee.products.find(found["item_id_list"][0])["shop_id"] == outlet_id


def test_search_item_needs_a_filter(shopee_client, outlet_id):
    answer = shopee_client.call("v2.product.search_item", shop_id=outlet_id, params={"page_size": 10})
    assert (answer["error"], answer["message"]) == ("error_param", "request must set one of [item_name,attribute_status]")


@no_order_history
def test_get_item_extra_info_counts_sales(shopee, shopee_client, outlet_id):
    copy = shopee.products.items_of_shop(outlet_id)[0]
    with shopee.transaction():
        shopee.products.stock.reserve(outlet_id, [{"item_id": copy["item_id"], "model_id": 0, "quantity": 3}])
        shopee.products.stock.sell(outlet_id, [{"item_id": copy["item_id"], "model_id": 0, "quantity": 3}])
    extra = ok(shopee_client.call("v2.product.get_item_extra_info", shop_id=outlet_id, params={"item_id_list": [copy["item_id"]]}))
    assert extra["item_list"][0]["sale"] == 3


def _stock_info(client, shop_id, item_id):
    answer = ok(client.call("v2.product.get_item_base_info", shop_id=shop_id, params={"item_id_list": [item_id]}))
    return answer["item_list"][0]["stock_info_v2"]


def test_an_order_takes_its_units_out_of_the_seller_stock(shopee, shopee_client, outlet_id):
    copy = shopee.products.items_of_shop(outlet_id)[0]
    ok(shopee_client.call("v2.product.update_stock", shop_id=outlet_id, body={"item_id": copy["item_id"], "stock_list": [{"model_id": 0, "seller_stock": [{"stock": 30}]}]}))
    with shopee.transaction():
        shopee.products.stock.reserve(outlet_id, [{"item_id": copy["item_id"], "model_id": 0, "quantity": 5}])
    info = _stock_info(shopee_client, outlet_id, copy["item_id"])
    assert info["seller_stock"][0]["stock"] == 25
    # reserved stock is a promotion's only; orders' units are simply not for sale any more
    assert info["summary_info"] == {"total_reserved_stock": 0, "total_available_stock": 25}
    with shopee.transaction():
        shopee.products.stock.release(outlet_id, [{"item_id": copy["item_id"], "model_id": 0, "quantity": 5}])
    assert _stock_info(shopee_client, outlet_id, copy["item_id"])["seller_stock"][0]["stock"] == 30


def test_update_stock_sets_the_stock_beside_what_orders_hold(shopee, shopee_client, outlet_id):
    copy = shopee.products.items_of_shop(outlet_id)[0]
    with shopee.transaction():
        shopee.products.stock.reserve(outlet_id, [{"item_id": copy["item_id"], "model_id": 0, "quantity": 5}])
    answer = ok(shopee_client.call("v2.product.update_stock", shop_id=outlet_id, body={"item_id": copy["item_id"], "stock_list": [{"model_id": 0, "seller_stock": [{"stock": 0}]}]}))
    assert answer["success_list"][0]["stock"] == 0
    assert _stock_info(shopee_client, outlet_id, copy["item_id"])["seller_stock"][0]["stock"] == 0
    # the order keeps its units: shipping it sells them, cancelling it would give them back
    with shopee.transaction():
        shopee.products.stock.sell(outlet_id, [{"item_id": copy["item_id"], "model_id": 0, "quantity": 5}])
    assert _stock_info(shopee_client, outlet_id, copy["item_id"])["seller_stock"][0]["stock"] == 0


def test_update_price_mixed_models_reports_each(shopee, shopee_client, outlet_id):
    tea = shopee.products.items_of_shop(outlet_id)[-1]
    model_id = tea["models"][0]["model_id"]
    answer = ok(shopee_client.call("v2.product.update_price", shop_id=outlet_id, body={"item_id": tea["item_id"], "price_list": [
        {"model_id": model_id, "original_price": 8000}, {"model_id": 0, "original_price": 8000}, {"model_id": 42, "original_price": 8000}]}))
    assert answer["success_list"] == [{"model_id": model_id, "original_price": 8000.0}]
    assert answer["failure_list"] == [
        {"model_id": 0, "failed_reason": "Can't edit item price directly while item has models."},
        {"model_id": 42, "failed_reason": "Wrong model_id."},
    ]


def test_update_price_repeat_model_refused(shopee, shopee_client, outlet_id):
    copy = shopee.products.items_of_shop(outlet_id)[0]
    answer = shopee_client.call("v2.product.update_price", shop_id=outlet_id, body={"item_id": copy["item_id"], "price_list": [
        {"model_id": 0, "original_price": 8000}, {"model_id": 0, "original_price": 9000}]})
    assert (answer["error"], answer["message"]) == ("error_param", "Repeat model_id.")


def test_update_stock_more_than_50_models_refused(shopee, shopee_client, outlet_id):
    copy = shopee.products.items_of_shop(outlet_id)[0]
    entries = [{"model_id": n, "seller_stock": [{"stock": 1}]} for n in range(51)]
    answer = shopee_client.call("v2.product.update_stock", shop_id=outlet_id, body={"item_id": copy["item_id"], "stock_list": entries})
    assert (answer["error"], answer["message"]) == ("error_param", "Parameter is not match the constraints, stock_list length should be between 1 and 50.")


# -- publishing errors ----------------------------------------------------------------------------
def test_publish_twice_refused(shopee_client, shopee_http, mart_id, outlet_id):
    mart_item, _ = published(shopee_client, shopee_http, mart_id, outlet_id)
    answer = shopee_client.call("v2.product.publish_item_to_outlet_shop", shop_id=mart_id, body=publish_body(mart_item, outlet_id, [0]))
    assert answer["error"] == "product.error_busi"
    assert answer["message"].endswith("msg: Outlet SKU cannot be created because the mart product related to another outlet SKU in this shop.]}")


@pytest.mark.shopee_world("th")
def test_publish_to_outlet_of_another_mart_refused(shopee, shopee_client, shopee_http, mart_id):
    item = add_item(shopee_client, shopee_http, mart_id, logistic_info=[{"logistic_id": 70124, "enabled": True}],
                    original_price=49, brand={"brand_id": 3100101, "original_brand_name": "Meiji"})
    answer = shopee_client.call("v2.product.publish_item_to_outlet_shop", shop_id=mart_id, body=publish_body(item["item_id"], 123456, [0]))
    assert (answer["error"], answer["message"]) == ("error_param", "outlet_shop_id 123456 is not an outlet of this Mart shop.")


@no_order_history
def test_publish_models_must_be_the_mart_items(shopee, shopee_client, mart_id, outlet_id):
    tea = shopee.products.items_of_shop(mart_id)[-1]
    ids = [m["model_id"] for m in tea["models"]]
    ok(shopee_client.call("v2.product.delete_item", shop_id=outlet_id, body={"item_id": shopee.products.items_of_shop(outlet_id)[-1]["item_id"]}))
    unknown = shopee_client.call("v2.product.publish_item_to_outlet_shop", shop_id=mart_id, body=publish_body(tea["item_id"], outlet_id, ids + [7]))
    assert (unknown["error"], unknown["message"]) == (
        "error_param", f"publish_item.model does not match the Mart item's models: relate_mart_model_id 7 is not a model of mart_item_id {tea['item_id']}.")
    repeated = shopee_client.call("v2.product.publish_item_to_outlet_shop", shop_id=mart_id, body=publish_body(tea["item_id"], outlet_id, ids + ids[:1]))
    assert repeated["message"] == f"publish_item.model does not match the Mart item's models: relate_mart_model_id {ids[0]} is repeated."


@no_order_history
def test_publish_models_left_out_get_the_mart_price_and_no_stock(shopee, shopee_client, mart_id, outlet_id):
    tea = shopee.products.items_of_shop(mart_id)[-1]
    ids = [m["model_id"] for m in tea["models"]]
    ok(shopee_client.call("v2.product.delete_item", shop_id=outlet_id, body={"item_id": shopee.products.items_of_shop(outlet_id)[-1]["item_id"]}))
    copy = ok(shopee_client.call("v2.product.publish_item_to_outlet_shop", shop_id=mart_id, body=publish_body(tea["item_id"], outlet_id, ids[:1], 9999, 5)))
    models = ok(shopee_client.call("v2.product.get_model_list", shop_id=outlet_id, params={"item_id": copy["item_id"]}))["model"]
    assert [(m["price_info"][0]["original_price"], m["stock_info_v2"]["seller_stock"][0]["stock"]) for m in models] == [
        (9999.0, 5), *((float(m["original_price"]), 0) for m in tea["models"][1:])]


def test_publish_takes_the_request_example_spellings(shopee_client, shopee_http, mart_id, outlet_id):
    item = add_item(shopee_client, shopee_http, mart_id)
    body = publish_body(item["item_id"], outlet_id, [0])
    body["publish_item"]["model"][0]["dts"] = {"is_pre_order": False, "days_to_ship": 2}
    body["publish_item"]["logistic_info"] = [{"channel_id": 8000, "enabled": True}]
    copy = ok(shopee_client.call("v2.product.publish_item_to_outlet_shop", shop_id=mart_id, body=body))
    view = ok(shopee_client.call("v2.product.get_item_base_info", shop_id=outlet_id, params={"item_id_list": [copy["item_id"]]}))["item_list"][0]
    assert view["pre_order"] == {"is_pre_order": False, "days_to_ship": 2}
    assert [c["logistic_id"] for c in view["logistic_info"]] == [8000]


def test_publish_without_price_or_stock_takes_the_mart_price_and_no_stock(shopee_client, shopee_http, mart_id, outlet_id):
    item = add_item(shopee_client, shopee_http, mart_id, original_price=24900)
    body = publish_body(item["item_id"], outlet_id, [0])
    del body["publish_item"]["model"][0]["original_price"]
    del body["publish_item"]["model"][0]["seller_stock"]
    copy = ok(shopee_client.call("v2.product.publish_item_to_outlet_shop", shop_id=mart_id, body=body))
    view = ok(shopee_client.call("v2.product.get_item_base_info", shop_id=outlet_id, params={"item_id_list": [copy["item_id"]]}))["item_list"][0]
    assert (view["price_info"][0]["original_price"], view["stock_info_v2"]["seller_stock"][0]["stock"]) == (24900.0, 0)


def test_publish_with_purchase_limit_shows_it_on_the_outlet(shopee_client, shopee_http, mart_id, outlet_id):
    item = add_item(shopee_client, shopee_http, mart_id)
    body = publish_body(item["item_id"], outlet_id, [0])
    body["publish_item"]["purchase_limit_info"] = {"min_purchase_limit": 2, "max_purchase_limit": {"purchase_limit": 6}}
    copy = ok(shopee_client.call("v2.product.publish_item_to_outlet_shop", shop_id=mart_id, body=body))
    view = ok(shopee_client.call("v2.product.get_item_base_info", shop_id=outlet_id, params={"item_id_list": [copy["item_id"]]}))["item_list"][0]
    assert view["purchase_limit_info"] == {"min_purchase_limit": 2, "max_purchase_limit": {"purchase_limit": 6}}


def test_publish_purchase_limit_minimum_above_maximum_refused(shopee_client, shopee_http, mart_id, outlet_id):
    item = add_item(shopee_client, shopee_http, mart_id)
    body = publish_body(item["item_id"], outlet_id, [0])
    body["publish_item"]["purchase_limit_info"] = {"min_purchase_limit": 7, "max_purchase_limit": {"purchase_limit": 6}}
    answer = shopee_client.call("v2.product.publish_item_to_outlet_shop", shop_id=mart_id, body=body)
    assert (answer["error"], answer["message"]) == (
        "error_param", "Parameter is not match the constraints, min_purchase_limit should not be bigger than max_purchase_limit.")


def test_publish_with_channel_the_outlet_lacks_refused(shopee, shopee_client, shopee_http, mart_id, outlet_id):
    with shopee.transaction():
        enabled = shopee.store.edit("shop_channels", outlet_id)["enabled"]
        for channel in ("80054", "80061", "80063"):
            enabled[channel] = False
    item = add_item(shopee_client, shopee_http, mart_id)
    body = publish_body(item["item_id"], outlet_id, [0])
    body["publish_item"]["logistic_info"] = [{"logistic_id": 8008, "enabled": True}]
    answer = shopee_client.call("v2.product.publish_item_to_outlet_shop", shop_id=mart_id, body=body)
    assert (answer["error"], answer["message"]) == ("error_param", "Invalid logistic info, logistic_id 8008 is not enabled for this shop")


def test_publish_from_outlet_refused(shopee_client, shopee_http, mart_id, outlet_id):
    item = add_item(shopee_client, shopee_http, mart_id)
    answer = shopee_client.call("v2.product.publish_item_to_outlet_shop", shop_id=outlet_id, body=publish_body(item["item_id"], outlet_id, [0]))
    assert (answer["error"], answer["message"]) == ("error_auth", f"shop_id {outlet_id} is not a Mart shop.")


def test_update_price_on_mart_refused(shopee, shopee_client, mart_id):
    item = shopee.products.items_of_shop(mart_id)[0]
    answer = shopee_client.call("v2.product.update_price", shop_id=mart_id, body={"item_id": item["item_id"], "price_list": [{"model_id": 0, "original_price": 1000}]})
    assert (answer["error"], answer["message"]) == ("error_param", "original_price is managed by the Outlet item; update it with the Outlet shop_id.")


def test_mapping_lists_every_outlet_by_default(shopee, shopee_client, mart_id, outlet_ids):
    banana = shopee.products.items_of_shop(mart_id)[0]
    mapping = ok(shopee_client.call("v2.product.get_mart_item_mapping_by_id", shop_id=mart_id, body={"mart_item_id": banana["item_id"]}))
    copies = {d["item_id"] for o in outlet_ids for d in shopee.products.items_of_shop(o) if d["mart_item_id"] == banana["item_id"]}
    assert {m["outlet_item_id"] for m in mapping["item_mapping_list"]} == copies and len(copies) == len(outlet_ids)
    assert all(m["model_mapping"] == [{"mart_model_id": 0, "outlet_model_id": 0}] for m in mapping["item_mapping_list"])


def test_get_main_item_list_maps_outlet_items_to_mart(shopee, shopee_client, mart_id, outlet_id):
    copy = shopee.products.items_of_shop(outlet_id)[0]
    answer = ok(shopee_client.call("v2.product.get_main_item_list", shop_id=outlet_id, params={"direct_item_id": [copy["item_id"]]}))
    assert answer["list"] == [{"direct_item_id": copy["item_id"], "main_shop_id": mart_id, "main_item_id": copy["mart_item_id"]}]


def test_search_item_lacking_optional_attributes(shopee, shopee_client, mart_id):
    found = ok(shopee_client.call("v2.product.search_item", shop_id=mart_id, params={"attribute_status": 2, "page_size": 100}))
    assert found["total_count"] == 7  # every seeded item leaves some optional attribute empty
    none = ok(shopee_client.call("v2.product.search_item", shop_id=mart_id, params={"attribute_status": 1, "page_size": 100}))
    assert none["total_count"] == 0


def test_unlist_item_all_failed(shopee_client, outlet_id):
    answer = shopee_client.call("v2.product.unlist_item", shop_id=outlet_id, body={"item_list": [{"item_id": 1, "unlist": True}]})
    assert (answer["error"], answer["message"]) == ("error_unlist_item_all_failed", "Unlist item all failed.")
    assert answer["response"]["failure_list"] == [{"item_id": 1, "failed_reason": "Product not found"}]
