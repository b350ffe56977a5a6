"""Template size charts per category, size_chart_id on items, and the attribute value search."""
from __future__ import annotations

import pytest

from emulator.domains.product import size_charts as sc
from tests.conftest import ok
from tests.domains.product_support import add_item

EGGS, FRUITS, MILK = 100022, 100011, 100021
EGG_CHART, FRUIT_CHART = 700024601, 700024613


def charts(client, shop_id, category_id, **params):
    return client.call("v2.product.get_size_chart_list", shop_id=shop_id,
                       params={"category_id": str(category_id), "page_size": "10", **params})


def test_categories_that_use_size_charts_list_them_a_page_at_a_time(shopee_client, mart_id):
    first = ok(charts(shopee_client, mart_id, FRUITS, page_size="1"))
    assert first == {"size_chart_list": [{"size_chart_id": FRUIT_CHART}], "total_count": 2, "next_cursor": "1"}
    second = ok(charts(shopee_client, mart_id, FRUITS, page_size="1", cursor=first["next_cursor"]))
    assert second["size_chart_list"] == [{"size_chart_id": 700024625}] and second["next_cursor"] == ""
    assert ok(charts(shopee_client, mart_id, MILK)) == {"size_chart_list": [], "total_count": 0, "next_cursor": ""}
    refused = charts(shopee_client, mart_id, 100002)  # not a leaf
    assert (refused["error"], refused["message"]) == ("product.error_param", sc.CATEGORY_INVALID)
    limits = ok(shopee_client.call("v2.product.get_item_limit", shop_id=mart_id, params={"category_id": EGGS}))["size_chart_limit"]
    assert limits["support_template_size_chart"] is True


def test_a_chart_detail_sets_only_its_input_types_value(shopee_client, mart_id):
    detail = ok(shopee_client.call("v2.product.get_size_chart_detail", shop_id=mart_id, params={"size_chart_id": FRUIT_CHART}))
    grade, diameter, weight = detail["size_chart_table"]["column_list"]
    assert grade["measurement"]["input_type"] == "Single Dropdown"
    assert grade["measurement_value_list"][0] == {"value": None, "min_value": None, "max_value": None, "option": "A"}
    assert diameter["measurement_value_list"][0] == {"value": None, "min_value": 8.0, "max_value": 10.0, "option": None}
    assert weight["measurement_value_list"][0]["value"] == 250.0
    missing = shopee_client.call("v2.product.get_size_chart_detail", shop_id=mart_id, params={"size_chart_id": 1})
    assert missing["message"] == "The information you queried is not found."


def test_an_item_carries_a_chart_of_its_category_and_its_outlets_show_it(shopee_client, shopee_http, mart_id):
    client = shopee_client
    item = add_item(client, shopee_http, mart_id)["item_id"]  # milk: no charts
    refused = client.call("v2.product.update_item", shop_id=mart_id, body={"item_id": item, "size_chart_info": {"size_chart_id": EGG_CHART}})
    assert refused["message"] == sc.SIZE_CHART_NOT_OF_CATEGORY.format(size_chart_id=EGG_CHART, category_id=MILK)
    eggs = next(d for d in client.emulator.products.items_of_shop(mart_id) if d["category_id"] == EGGS)
    ok(client.call("v2.product.update_item", shop_id=mart_id, body={"item_id": eggs["item_id"], "size_chart_info": {"size_chart_id": EGG_CHART}}))
    for shop_id, item_id in ((mart_id, eggs["item_id"]), *((int(o), i) for o, i in eggs["outlets"].items())):
        shown = ok(client.call("v2.product.get_item_base_info", shop_id=shop_id, params={"item_id_list": [item_id]}))["item_list"][0]
        assert shown["size_chart_id"] == EGG_CHART


@pytest.mark.parametrize(("value_name", "names"), [(None, ["7 Hari", "1 Bulan", "6 Bulan", "12 Bulan"]), ("bulan", ["1 Bulan", "6 Bulan", "12 Bulan"])])
def test_attribute_values_are_searched_by_name(shopee_client, mart_id, value_name, names):
    params = {"attribute_id": 200012, "cursor": 0, "limit": 2, **({"value_name": value_name} if value_name else {})}
    first = ok(shopee_client.call("v2.product.search_attribute_value_list", shop_id=mart_id, body=params))
    assert [v["value_name"] for v in first["value_list"]] == names[:2]
    assert first["page_info"] == {"cursor": 2, "has_next": True}
    rest = ok(shopee_client.call("v2.product.search_attribute_value_list", shop_id=mart_id, body={**params, "cursor": 2}))
    assert [v["value_name"] for v in rest["value_list"]] == names[2:] and rest["page_info"]["has_next"] is False


def test_unknown_attributes_are_refused(shopee_client, mart_id):
    answer = shopee_client.call("v2.product.search_attribute_value_list", shop_id=mart_id, body={"attribute_id": 1, "cursor": 0, "limit": 10})
    assert answer["message"] == sc.ATTRIBUTE_INVALID.format(attribute_id=1)
