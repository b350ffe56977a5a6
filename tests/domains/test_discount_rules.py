"""Discount rules of the pages that depend on the shop and the item: holiday mode, and the item's
minimum purchase quantity against a promotion stock."""
from __future__ import annotations

from typing import Any

from emulator.world import Emulator
from tests.conftest import ok
from tests.domains.discount_helpers import HOUR, DAY, call, new_discount, plain_item, variant_item

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


SPREAD = [("discount.fail_model_price_check", "The difference between the maximum price and the minimum price in one item is too large.")]


def test_an_items_prices_during_the_discount_may_not_be_further_apart_than_the_region_allows(
    shopee: Emulator, shopee_client: Any, outlet_id: int
) -> None:
    item = variant_item(shopee, outlet_id)
    first, second = item["models"][0], item["models"][1]
    assert shopee.world["region"] == "ID"  # the guide's multiple for ID: 7
    high = max(float(m["original_price"]) for m in item["models"])
    cheap = {"model_id": first["model_id"], "model_promotion_price": round(high / 8)}
    discount_id = new_discount(shopee, shopee_client, outlet_id)

    def add(*models: dict[str, Any]) -> dict[str, Any]:
        return ok(call(shopee_client, "v2.discount.add_discount_item", outlet_id, discount_id=discount_id,
                       item_list=[{"item_id": item["item_id"], "purchase_limit": 0, "model_list": list(models)}]))

    def errors(answer: dict[str, Any]) -> list[tuple[str, str]]:
        return [(r["fail_error"], r["fail_message"]) for r in answer["error_list"]]

    refused = add(cheap)  # one model at an eighth of the other's price
    assert (refused["count"], errors(refused)) == (0, SPREAD)
    every = add(*({"model_id": m["model_id"], "model_promotion_price": round(high / 8)} for m in item["models"]))
    assert (every["count"], every["error_list"]) == (1, [])
    # repricing one model to an eighth of the others' promotion price is refused, to a seventh accepted
    low = round(high / 8)
    update = {"item_id": item["item_id"], "model_list": [{"model_id": second["model_id"], "model_promotion_price": low // 8}]}
    answer = ok(call(shopee_client, "v2.discount.update_discount_item", outlet_id, discount_id=discount_id, item_list=[update]))
    assert (answer["count"], errors(answer)) == (0, SPREAD)
    update["model_list"][0]["model_promotion_price"] = -(-low // 7)
    answer = ok(call(shopee_client, "v2.discount.update_discount_item", outlet_id, discount_id=discount_id, item_list=[update]))
    assert (answer["count"], answer["error_list"]) == (1, [])


def test_taking_one_model_out_may_not_leave_the_items_prices_too_far_apart(
    shopee: Emulator, shopee_client: Any, outlet_id: int
) -> None:
    item = variant_item(shopee, outlet_id)
    dearest = max(item["models"], key=lambda m: float(m["original_price"]))
    low = round(float(dearest["original_price"]) / 8)  # ID allows 7 times
    discount_id = new_discount(shopee, shopee_client, outlet_id)
    ok(call(shopee_client, "v2.discount.add_discount_item", outlet_id, discount_id=discount_id, item_list=[
        {"item_id": item["item_id"], "purchase_limit": 0,
         "model_list": [{"model_id": m["model_id"], "model_promotion_price": low} for m in item["models"]]}]))

    def delete(model_id: int) -> dict[str, Any]:
        return ok(call(shopee_client, "v2.discount.delete_discount_item", outlet_id, discount_id=discount_id,
                       item_id=item["item_id"], model_id=model_id))

    refused = delete(dearest["model_id"])
    assert [(r["model_id"], r["fail_error"], r["fail_message"]) for r in refused["error_list"]] == [
        (dearest["model_id"], *SPREAD[0])]
    listed = ok(call(shopee_client, "v2.discount.get_discount", outlet_id, discount_id=discount_id, page_no=1, page_size=10))
    assert len(listed["item_list"][0]["model_list"]) == len(item["models"])
    whole = delete(0)  # the whole item back to its own prices is always allowed
    assert whole["error_list"] == []
