"""get_mart_item_by_outlet_item_id reads get_mart_item_mapping_by_id backwards, record for record."""
from __future__ import annotations

from emulator.domains.product import errors as e
from tests.conftest import ok
from tests.domains.product_support import published


def test_the_mart_item_of_every_outlet_copy_agrees_with_the_mapping(shopee_client, shopee_http, mart_id, outlet_ids):
    client = shopee_client
    mart_item, first = published(client, shopee_http, mart_id, outlet_ids[0])
    mapping = ok(client.call("v2.product.get_mart_item_mapping_by_id", shop_id=mart_id, body={"mart_item_id": mart_item}))
    for record in mapping["item_mapping_list"]:
        for shop_id in (mart_id, outlet_ids[0]):
            back = ok(client.call("v2.product.get_mart_item_by_outlet_item_id", shop_id=shop_id, body={"outlet_item_id": record["outlet_item_id"]}))
            assert back == {"item_mapping_list": [record]}
    assert [r["outlet_item_id"] for r in mapping["item_mapping_list"]] == [first]


def test_mart_items_other_shops_items_and_deleted_copies_are_not_found(shopee_client, shopee_http, mart_id, outlet_ids):
    client = shopee_client
    mart_item, copy = published(client, shopee_http, mart_id, outlet_ids[0])
    for shop_id, item_id in ((mart_id, mart_item), (outlet_ids[1], copy), (mart_id, 0)):
        answer = client.call("v2.product.get_mart_item_by_outlet_item_id", shop_id=shop_id, body={"outlet_item_id": item_id})
        assert (answer["error"], answer["message"]) == ("error_param", e.QUERIED_NOT_FOUND)
    ok(client.call("v2.product.delete_item", shop_id=outlet_ids[0], body={"item_id": copy}))
    answer = client.call("v2.product.get_mart_item_by_outlet_item_id", shop_id=mart_id, body={"outlet_item_id": copy})
    assert answer["message"] == e.QUERIED_NOT_FOUND
