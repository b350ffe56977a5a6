"""Discount rules of the pages that depend on the shop and the item: holiday mode, and the item's
minimum purchase quantity against a promotion stock."""
from __future__ import annotations

from typing import Any

from emulator.world import Emulator
from tests.conftest import ok
from tests.domains.discount_helpers import HOUR, DAY, call, new_discount, plain_item

HOLIDAY = ("discount.error_holiday_mode", "Cannot add discount as holiday mode is turned on")


def add_discount(shopee: Emulator, shopee_client: Any, shop_id: int) -> dict[str, Any]:
    start = shopee.clock.now() + 2 * HOUR
    return call(shopee_client, "v2.discount.add_discount", shop_id, discount_name="Weekend", start_time=start, end_time=start + DAY)


def test_no_discount_is_added_while_the_outlet_or_its_mart_is_on_holiday(
    shopee: Emulator, shopee_client: Any, mart_id: int, outlet_ids: list[int]
) -> None:
    end = (shopee.clock.now() // HOUR + 48) * HOUR - 1
    ok(shopee_client.call("v2.shop.set_shop_holiday_mode", shop_id=mart_id,
                          body={"holiday_mode_on": True, "holiday_mode_type": 1, "holiday_mode_end_time": end}))
    answer = add_discount(shopee, shopee_client, outlet_ids[0])
    assert (answer["error"], answer["message"]) == HOLIDAY
    shopee.set_time(end + 1)
    ok(add_discount(shopee, shopee_client, outlet_ids[0]))


def test_a_promotion_stock_below_the_items_minimum_purchase_is_refused(
    shopee: Emulator, shopee_client: Any, outlet_id: int
) -> None:
    item = plain_item(shopee, outlet_id)
    ok(shopee_client.call("v2.product.update_item", shop_id=outlet_id, body={
        "item_id": item["item_id"], "purchase_limit_info": {"min_purchase_limit": 3, "max_purchase_limit": {"purchase_limit": 0}}}))
    discount_id = new_discount(shopee, shopee_client, outlet_id)
    entry = {"item_id": item["item_id"], "item_promotion_price": 1000, "purchase_limit": 0, "item_promotion_stock": 2}
    refused = ok(call(shopee_client, "v2.discount.add_discount_item", outlet_id, discount_id=discount_id, item_list=[entry]))
    assert refused["count"] == 0
    assert [(r["fail_error"], r["fail_message"]) for r in refused["error_list"]] == [
        ("discount.error_stock_less_than_mpq", "Promotion Sock should be more than 3")]
    added = ok(call(shopee_client, "v2.discount.add_discount_item", outlet_id, discount_id=discount_id,
                    item_list=[{**entry, "item_promotion_stock": 3}]))
    assert (added["count"], added["error_list"]) == (1, [])


def test_update_discount_item_refuses_to_change_a_promotion_stock(shopee: Emulator, shopee_client: Any, outlet_id: int) -> None:
    item = plain_item(shopee, outlet_id)
    discount_id = new_discount(shopee, shopee_client, outlet_id)
    ok(call(shopee_client, "v2.discount.add_discount_item", outlet_id, discount_id=discount_id, item_list=[
        {"item_id": item["item_id"], "item_promotion_price": 1000, "purchase_limit": 0, "item_promotion_stock": 3}]))
    assigned = [("discount.error_assigned_promo_stock", "The reserved stock of added products or disabled products can't be edited")]
    for entry in ({"item_promotion_price": 999, "item_promotion_stock": 5}, {"item_promotion_stock": 5},
                  {"model_list": [{"model_id": 0, "model_promotion_price": 998, "model_promotion_stock": 5}]}):
        answer = ok(call(shopee_client, "v2.discount.update_discount_item", outlet_id, discount_id=discount_id,
                         item_list=[{"item_id": item["item_id"], **entry}]))
        assert (answer["count"], [(r["fail_error"], r["fail_message"]) for r in answer["error_list"]]) == (0, assigned)
    same = ok(call(shopee_client, "v2.discount.update_discount_item", outlet_id, discount_id=discount_id,
                   item_list=[{"item_id": item["item_id"], "item_promotion_price": 997, "item_promotion_stock": 3}]))
    assert (same["count"], same["error_list"]) == (1, [])
    listed = ok(call(shopee_client, "v2.discount.get_discount", outlet_id, discount_id=discount_id, page_no=1, page_size=10))
    assert (listed["item_list"][0]["item_promotion_stock"], listed["item_list"][0]["item_promotion_price"]) == (3, 997)
