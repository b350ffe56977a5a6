"""Shop set-up: the address book's rules, the multi-warehouse structure with its location_id in
stock updates, and get_shop_info's mart_outlet_structure_type."""
from __future__ import annotations

from typing import Any

import pytest

from emulator.world import Emulator
from tests.conftest import ok
from tests.domains.order_helpers import outlet_item, place

CANNOT_DELETE = ("logistics.cannot_delete_address", "Sorry you can't delete the default address/pickup address/return address.")
NOT_FOUND = ("logistics.address_not_found", "The address is invalid. Please check the address.")
WRONG_LOCATION = "The location_id input is not matched the shop's location_id(more/wrong). Please double check."
INPUT_LOCATION = "The merchant/shop has multi warehouse, please input location id"


def addresses(shopee_client: Any, shop_id: int) -> list[dict[str, Any]]:
    return ok(shopee_client.call("v2.logistics.get_address_list", shop_id=shop_id))["address_list"]  # type: ignore[no-any-return]


def new_address(shopee_http: Any, shop_id: int, **fields: Any) -> int:
    answer = shopee_http.post(f"/_emulator/shops/{shop_id}/addresses", json={"address": "Jl. Melati 7", "city": "Depok", **fields})
    assert answer.status_code == 200, answer.text
    return int(answer.json()["address_id"])


def call(shopee_client: Any, api: str, shop_id: int, **body: Any) -> dict[str, Any]:
    return shopee_client.call(api, shop_id=shop_id, body=body)  # type: ignore[no-any-return]


def refused(answer: dict[str, Any]) -> tuple[str, str]:
    return answer["error"], answer["message"]


def test_an_address_without_a_role_is_deleted_and_one_with_a_role_is_not(shopee_client: Any, shopee_http: Any, outlet_id: int) -> None:
    (seeded,) = addresses(shopee_client, outlet_id)
    added = new_address(shopee_http, outlet_id)
    assert [a["address_type"] for a in addresses(shopee_client, outlet_id)] == [seeded["address_type"], []]
    assert refused(call(shopee_client, "v2.logistics.delete_address", outlet_id, address_id=seeded["address_id"])) == CANNOT_DELETE
    ok(call(shopee_client, "v2.logistics.delete_address", outlet_id, address_id=added))
    assert [a["address_id"] for a in addresses(shopee_client, outlet_id)] == [seeded["address_id"]]
    assert refused(call(shopee_client, "v2.logistics.delete_address", outlet_id, address_id=added)) == NOT_FOUND


def test_moving_the_pickup_role_moves_where_couriers_collect(shopee: Emulator, shopee_client: Any, shopee_http: Any, outlet_id: int) -> None:
    (seeded,) = addresses(shopee_client, outlet_id)
    added = new_address(shopee_http, outlet_id, address="Jl. Kenanga 12")
    ok(call(shopee_client, "v2.logistics.set_address_config", outlet_id, show_pickup_address=True,
            address_type_config={"address_id": added, "address_type": ["PICKUP_ADDRESS"]}))
    roles = {a["address_id"]: a["address_type"] for a in addresses(shopee_client, outlet_id)}
    assert roles == {seeded["address_id"]: ["DEFAULT_ADDRESS", "RETURN_ADDRESS"], added: ["PICK_UP_ADDRESS"]}
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)["order_sn"]
    pickup = ok(shopee_client.call("v2.logistics.get_shipping_parameter", shop_id=outlet_id, params={"order_sn": order_sn}))["pickup"]
    assert [(a["address_id"], a["address"]) for a in pickup["address_list"]] == [(added, "Jl. Kenanga 12")]
    assert refused(call(shopee_client, "v2.logistics.delete_address", outlet_id, address_id=added)) == CANNOT_DELETE
    assert refused(call(shopee_client, "v2.logistics.delete_address", outlet_id, address_id=seeded["address_id"])) == CANNOT_DELETE


def test_update_address_changes_details_but_never_the_region(shopee: Emulator, shopee_client: Any, outlet_id: int) -> None:
    (seeded,) = addresses(shopee_client, outlet_id)
    geo = '{"formattedAddress": "Jl. Mawar 3", "region": {"latitude": -6.2, "longitude": 106.8}, "user_verified": true}'
    ok(call(shopee_client, "v2.logistics.update_address", outlet_id, address_id=seeded["address_id"], city="Bogor", zipcode="16111",
            region=seeded["region"], geo_info=geo))
    (updated,) = addresses(shopee_client, outlet_id)
    assert (updated["city"], updated["zipcode"], updated["state"]) == ("Bogor", "16111", seeded["state"])
    pickup = shopee.logistics.pickup_address(outlet_id)
    assert (pickup["city"], pickup["latitude"], pickup["longitude"]) == ("Bogor", -6.2, 106.8)
    assert refused(call(shopee_client, "v2.logistics.update_address", outlet_id, address_id=seeded["address_id"], region="TH")) == (
        "NOT_ALLOW_TO_EDIT_ADDRESS_REGION", "The param is invalid. not allow to edit address region.")
    assert refused(call(shopee_client, "v2.logistics.update_address", outlet_id, address_id=1, city="X")) == NOT_FOUND
    bad_geo = call(shopee_client, "v2.logistics.update_address", outlet_id, address_id=seeded["address_id"], geo_info="[1, 2]")
    assert refused(bad_geo) == ("error_param", "Wrong parameters, detail: geo_info should be a JSON object.")
    assert addresses(shopee_client, outlet_id) == [updated]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"address_id": 1, "address_type": ["RETURN_ADDRESS"]}, NOT_FOUND),
        ({"address_type": ["BILLING_ADDRESS"]}, ("logistics.invalid_address_type", "Address_type (BILLING_ADDRESS) is invalid. Please check the address_type.")),
        ({"address_type": ["INBOUND_PICKUP_ADDRESS"]}, ("error_param", "Cannot set inbound pickup address for this address.")),
    ],
)
def test_set_address_config_refusals_change_nothing(shopee_client: Any, outlet_id: int, config: dict[str, Any], expected: tuple[str, str]) -> None:
    before = addresses(shopee_client, outlet_id)
    config.setdefault("address_id", before[0]["address_id"])
    answer = call(shopee_client, "v2.logistics.set_address_config", outlet_id, show_pickup_address=False, address_type_config=config)
    assert refused(answer)[0] == expected[0]
    assert addresses(shopee_client, outlet_id) == before
    assert ok(shopee_client.call("v2.logistics.get_address_list", shop_id=outlet_id))["show_pickup_address"] is True


def test_show_pickup_address_is_the_sellers_choice(shopee_client: Any, outlet_id: int) -> None:
    ok(call(shopee_client, "v2.logistics.set_address_config", outlet_id, show_pickup_address=False))
    assert ok(shopee_client.call("v2.logistics.get_address_list", shop_id=outlet_id))["show_pickup_address"] is False


def stock_update(shopee_client: Any, outlet_id: int, item: dict[str, Any], location: str | None, stock: int) -> dict[str, Any]:
    seller_stock: dict[str, Any] = {"stock": stock} if location is None else {"location_id": location, "stock": stock}
    body = {"item_id": item["item_id"], "stock_list": [{"model_id": item["models"][0]["model_id"], "seller_stock": [seller_stock]}]}
    return shopee_client.call("v2.product.update_stock", shop_id=outlet_id, body=body)  # type: ignore[no-any-return]


def test_normal_shops_have_no_warehouse_and_no_location(shopee: Emulator, shopee_client: Any, mart_id: int, outlet_id: int) -> None:
    answer = shopee_client.call("v2.shop.get_warehouse_detail", shop_id=outlet_id)
    assert refused(answer) == ("warehouse.error_not_in_whitelist", "Your shop is not in multi-warehouse whitelist.")
    types = [shopee_client.call("v2.shop.get_shop_info", shop_id=sid)["mart_outlet_structure_type"] for sid in (mart_id, outlet_id)]
    assert types == ["normal_mart_shop", "normal_outlet_shop"]
    item = outlet_item(shopee, outlet_id)
    assert ok(stock_update(shopee_client, outlet_id, item, "-", 40))["success_list"][0]["location_id"] == ""
    failed = stock_update(shopee_client, outlet_id, item, "IDZ", 41)
    assert failed["response"]["failure_list"][0]["failed_reason"] == WRONG_LOCATION


def test_a_warehouse_outlet_names_its_location_and_stock_updates_accept_it(
    shopee: Emulator, shopee_client: Any, shopee_http: Any, mart_id: int, outlet_id: int
) -> None:
    answer = shopee_http.post(f"/_emulator/shops/{mart_id}/structure", json={"structure": "warehouse"})
    assert answer.status_code == 200, answer.text
    types = [shopee_client.call("v2.shop.get_shop_info", shop_id=sid)["mart_outlet_structure_type"] for sid in (mart_id, outlet_id)]
    assert types == ["warehouse_mart_shop", "warehouse_outlet_shop"]
    (pickup,) = ok(shopee_client.call("v2.shop.get_warehouse_detail", shop_id=outlet_id))
    (returns,) = ok(shopee_client.call("v2.shop.get_warehouse_detail", shop_id=outlet_id, params={"warehouse_type": 2}))
    (address,) = addresses(shopee_client, outlet_id)
    assert (pickup["warehouse_type"], returns["warehouse_type"], pickup["address_id"]) == (1, 2, address["address_id"])
    assert pickup["location_id"] == returns["location_id"] != ""
    item = outlet_item(shopee, outlet_id)
    done = ok(stock_update(shopee_client, outlet_id, item, pickup["location_id"], 55))
    assert done["success_list"][0] == {"model_id": item["models"][0]["model_id"], "location_id": pickup["location_id"], "stock": 55}
    for missing in (None, "", "-"):  # a multi-warehouse shop names the location it updates
        refused_update = stock_update(shopee_client, outlet_id, item, missing, 56)
        assert refused_update["response"]["failure_list"][0]["failed_reason"] == INPUT_LOCATION
    model = shopee.products.find(item["item_id"])["models"][0]
    assert model["stock"] - model["reserved"] == 55
    assert stock_update(shopee_client, outlet_id, item, "THZ1", 57)["response"]["failure_list"][0]["failed_reason"] == WRONG_LOCATION
    mart = shopee_client.call("v2.shop.get_warehouse_detail", shop_id=mart_id)
    assert refused(mart)[0] == "warehouse.error_can_not_find_warehouse"
    wrong_type = shopee_client.call("v2.shop.get_warehouse_detail", shop_id=outlet_id, params={"warehouse_type": 3})
    assert refused(wrong_type)[0] == "error_param"
