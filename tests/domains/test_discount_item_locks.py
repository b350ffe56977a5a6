"""An item an upcoming or ongoing discount holds: its original price is locked (the stock-and-price
guide), and it can be neither deleted nor unlisted on its Outlet (the pages' promotion errors)."""
from __future__ import annotations

from typing import Any

from emulator.world import Emulator
from tests.conftest import ok
from tests.domains.discount_helpers import DAY, HOUR, add_plain, call, new_discount, plain_item, variant_item
from tests.domains.product_support import published

ITEM_PRICE_LOCK = "Original_price cannot be edited when item is under promotion."
MODEL_PRICE_LOCK = "Price cannot be changed when model is under promotion."


def _price(shopee_client: Any, outlet_id: int, item_id: int, *prices: tuple[int, int]) -> dict[str, Any]:
    body = {"item_id": item_id, "price_list": [{"model_id": m, "original_price": p} for m, p in prices]}
    return ok(shopee_client.call("v2.product.update_price", shop_id=outlet_id, body=body))


def test_a_discounted_models_price_is_locked_until_the_discount_is_over(
    shopee: Emulator, shopee_client: Any, outlet_id: int
) -> None:
    item = variant_item(shopee, outlet_id)
    held, free = item["models"][0], item["models"][1]
    discount_id = new_discount(shopee, shopee_client, outlet_id, starts_in=2 * HOUR, lasts=DAY)
    entry = {"item_id": item["item_id"], "purchase_limit": 0,
             "model_list": [{"model_id": held["model_id"], "model_promotion_price": float(held["original_price"]) - 500}]}
    ok(call(shopee_client, "v2.discount.add_discount_item", outlet_id, discount_id=discount_id, item_list=[entry]))

    answer = _price(shopee_client, outlet_id, item["item_id"], (held["model_id"], 9000), (free["model_id"], 9500))
    assert answer["failure_list"] == [{"model_id": held["model_id"], "failed_reason": MODEL_PRICE_LOCK}]
    assert answer["success_list"] == [{"model_id": free["model_id"], "original_price": 9500.0}]
    shopee.advance(3 * HOUR)  # ongoing now: still locked
    answer = _price(shopee_client, outlet_id, item["item_id"], (held["model_id"], 9000))
    assert answer["failure_list"] == [{"model_id": held["model_id"], "failed_reason": MODEL_PRICE_LOCK}]

    shopee.advance(DAY)  # expired
    answer = _price(shopee_client, outlet_id, item["item_id"], (held["model_id"], 9000))
    assert answer == {"failure_list": [], "success_list": [{"model_id": held["model_id"], "original_price": 9000.0}]}


def test_an_item_without_variations_in_a_discount_keeps_its_price(shopee: Emulator, shopee_client: Any, outlet_id: int) -> None:
    item = plain_item(shopee, outlet_id)
    before = float(item["models"][0]["original_price"])
    add_plain(shopee_client, outlet_id, new_discount(shopee, shopee_client, outlet_id), item, before - 500)
    answer = _price(shopee_client, outlet_id, item["item_id"], (0, int(before) - 1000))
    assert answer == {"failure_list": [{"model_id": 0, "failed_reason": ITEM_PRICE_LOCK}], "success_list": []}
    info = ok(shopee_client.call("v2.product.get_item_base_info", shop_id=outlet_id, params={"item_id_list": [item["item_id"]]}))
    assert info["item_list"][0]["price_info"][0]["original_price"] == before


def test_a_discounted_item_is_neither_deleted_nor_unlisted_until_it_leaves_the_discount(
    shopee: Emulator, shopee_client: Any, shopee_http: Any, mart_id: int, outlet_id: int
) -> None:
    mart_item_id, item_id = published(shopee_client, shopee_http, mart_id, outlet_id)  # no order holds its stock
    discount_id = new_discount(shopee, shopee_client, outlet_id)
    add_plain(shopee_client, outlet_id, discount_id, {"item_id": item_id}, 20000)

    def delete(shop_id: int, target: int) -> dict[str, Any]:
        return dict(shopee_client.call("v2.product.delete_item", shop_id=shop_id, body={"item_id": target}))

    refused = ("error_cannt_delete_in_promotion", "Item cannot be deleted when item is under promotion.")
    answer = delete(outlet_id, item_id)
    assert (answer["error"], answer["message"]) == refused
    answer = delete(mart_id, mart_item_id)  # it would delete the Outlet copy with it
    assert (answer["error"], answer["message"]) == refused

    unlist = shopee_client.call("v2.product.unlist_item", shop_id=outlet_id, body={"item_list": [{"item_id": item_id, "unlist": True}]})
    assert unlist["error"] == "error_unlist_item_all_failed"
    assert unlist["response"]["failure_list"] == [{"item_id": item_id, "failed_reason": "Item cannot be unlisted when item is under promotion."}]
    update = shopee_client.call("v2.product.update_item", shop_id=outlet_id, body={"item_id": item_id, "item_status": "UNLIST"})
    assert (update["error"], update["message"]) == ("error_in_item_promotion_unlsit_lock", "Can't unlist item when item is under promotion.")
    assert ok(shopee_client.call("v2.product.update_item", shop_id=outlet_id, body={"item_id": item_id, "item_status": "NORMAL"}))
    assert shopee.store.get("items", item_id)["item_status"] == "NORMAL"

    # the Mart's own status is its own: unlisting the Mart item leaves the Outlet's discount alone
    ok(shopee_client.call("v2.product.unlist_item", shop_id=mart_id, body={"item_list": [{"item_id": mart_item_id, "unlist": True}]}))

    ok(call(shopee_client, "v2.discount.delete_discount", outlet_id, discount_id=discount_id))
    ok(shopee_client.call("v2.product.unlist_item", shop_id=outlet_id, body={"item_list": [{"item_id": item_id, "unlist": True}]}))
    assert delete(outlet_id, item_id)["error"] == ""
