"""Mart packaging fee and the shop address book."""
import pytest

from tests.conftest import ok

PACKAGING = {"enable": True, "dimension": {"length": 20, "width": 15, "height": 10}, "packaging_fee": {"value": 2000}}


def test_set_mart_packaging_info_round_trip(shopee_client, outlet_id):
    assert ok(shopee_client.call("v2.logistics.get_mart_packaging_info", shop_id=outlet_id)) == {"enable": False}
    saved = ok(shopee_client.call("v2.logistics.set_mart_packaging_info", shop_id=outlet_id, body=PACKAGING))
    expected = {"enable": True, "dimension": {"length": 20, "width": 15, "height": 10}, "packaging_fee": {"value": 2000.0}}
    assert saved == expected
    assert ok(shopee_client.call("v2.logistics.get_mart_packaging_info", shop_id=outlet_id)) == expected
    ok(shopee_client.call("v2.logistics.set_mart_packaging_info", shop_id=outlet_id, body={"enable": False}))
    assert ok(shopee_client.call("v2.logistics.get_mart_packaging_info", shop_id=outlet_id)) == {"enable": False}


def test_set_mart_packaging_info_enable_without_dimension(shopee_client, mart_id):
    answer = shopee_client.call(
        "v2.logistics.set_mart_packaging_info", shop_id=mart_id, body={"enable": True, "packaging_fee": {"value": 1000}}
    )
    assert answer["error"] == "error_param"
    assert answer["message"] == "Wrong parameters, detail: dimension is required when enable is true."


def test_set_mart_packaging_info_fractional_fee_in_id(shopee_client, outlet_id):
    body = {**PACKAGING, "packaging_fee": {"value": 1500.5}}
    answer = shopee_client.call("v2.logistics.set_mart_packaging_info", shop_id=outlet_id, body=body)
    assert answer["error"] == "error_param"
    assert answer["message"] == "Wrong parameters, detail: packaging_fee.value should be an integer."


@pytest.mark.shopee_world("th")
def test_get_mart_packaging_info_outside_id(shopee_client, outlet_id):
    answer = shopee_client.call("v2.logistics.get_mart_packaging_info", shop_id=outlet_id)
    assert answer["error"] == "error_permission"
    assert answer["message"] == (
        "Sorry you don't have the permission, detail: The packaging fee setting is only available to ID Instant Mart sellers."
    )


def test_get_address_list_outlet_shape(shopee, shopee_client, outlet_id):
    found = ok(shopee_client.call("v2.logistics.get_address_list", shop_id=outlet_id))
    assert found["show_pickup_address"] is True
    [address] = found["address_list"]
    assert set(address) == {"address_id", "region", "state", "city", "address", "zipcode", "district", "town", "address_type"}
    assert isinstance(address["address_id"], int) and address["region"] == "ID"
    assert address["address_type"] == ["DEFAULT_ADDRESS", "PICK_UP_ADDRESS", "RETURN_ADDRESS"]
    shop_address = shopee.shops.get(outlet_id)["address"]
    assert address["city"] == shop_address["city"] and address["zipcode"] == shop_address["zipcode"]
    assert shopee.logistics.pickup_address(outlet_id)["address_id"] == address["address_id"]


def test_get_address_list_mart_has_default_address_only(shopee_client, mart_id):
    found = ok(shopee_client.call("v2.logistics.get_address_list", shop_id=mart_id))
    assert found["show_pickup_address"] is False
    assert [a["address_type"] for a in found["address_list"]] == [["DEFAULT_ADDRESS"]]


def test_get_address_list_shops_created_later_have_addresses(shopee, shopee_client, shopee_http):
    created = shopee_http.post("/_emulator/shops", json={"outlets": 1}).json()
    outlet = created["outlet_shop_ids"][0]
    found = ok(shopee_client.call("v2.logistics.get_address_list", shop_id=outlet))
    assert len(found["address_list"]) == 1
    assert shopee.logistics.enabled_channel_ids(outlet)
