"""Outlet discounts: the lifecycle on the clock, and the rules of each v2.discount.* call."""
from __future__ import annotations

import pytest

from emulator.domains.discount import errors as e
from tests.conftest import no_order_history, ok
from tests.domains.discount_helpers import (
    DAY,
    HOUR,
    add_plain,
    call,
    new_discount,
    plain_item,
    variant_item,
)


def status(shopee_client, shop_id, discount_id):
    return ok(call(shopee_client, "v2.discount.get_discount", shop_id, discount_id=discount_id, page_no=1, page_size=50))["status"]


def refused(answer, error, message):
    assert (answer["error"], answer["message"]) == (error, message), answer


def test_discount_runs_upcoming_ongoing_expired_on_the_clock(shopee, shopee_client, outlet_id):
    discount_id = new_discount(shopee, shopee_client, outlet_id, starts_in=2 * HOUR, lasts=DAY)
    assert status(shopee_client, outlet_id, discount_id) == "upcoming"
    shopee.advance(2 * HOUR)
    assert status(shopee_client, outlet_id, discount_id) == "ongoing"
    shopee.advance(DAY)
    assert status(shopee_client, outlet_id, discount_id) == "expired"


def test_get_discount_list_filters_by_status(shopee, shopee_client, outlet_id):
    discount_id = new_discount(shopee, shopee_client, outlet_id)
    query = {"page_no": 1, "page_size": 100}
    upcoming = ok(call(shopee_client, "v2.discount.get_discount_list", outlet_id, discount_status="upcoming", **query))
    assert [d["discount_id"] for d in upcoming["discount_list"]] == [discount_id]
    assert upcoming["discount_list"][0]["source"] == 0
    ongoing = ok(call(shopee_client, "v2.discount.get_discount_list", outlet_id, discount_status="ongoing", **query))
    assert ongoing["discount_list"] == []


def test_get_discount_list_unknown_status_refused(shopee_client, outlet_id):
    answer = call(shopee_client, "v2.discount.get_discount_list", outlet_id, discount_status="soon", page_no=1, page_size=10)
    refused(answer, "error_param", f"Wrong parameters, detail: {e.STATUS_INVALID}.")


def test_add_discount_start_in_the_past_refused(shopee, shopee_client, outlet_id):
    now = shopee.clock.now()
    answer = call(shopee_client, "v2.discount.add_discount", outlet_id, discount_name="x", start_time=now - 60, end_time=now + DAY)
    refused(answer, "discount.discount_start_time_smaller_than_now", e.START_BEFORE_NOW)


@pytest.mark.parametrize(("offset", "error", "message"), [
    (-HOUR, "discount.discount_end_time_smaller_than_start_time", e.END_BEFORE_START),
    (HOUR - 1, "discount.discount_period_too_short", e.PERIOD_TOO_SHORT),
    (181 * DAY, "discount.discount_period_too_long", e.PERIOD_TOO_LONG),
])
def test_add_discount_period_rules(shopee, shopee_client, outlet_id, offset, error, message):
    start = shopee.clock.now() + 2 * HOUR
    answer = call(shopee_client, "v2.discount.add_discount", outlet_id, discount_name="x", start_time=start, end_time=start + offset)
    refused(answer, error, message)


def test_add_discount_on_a_mart_refused_as_no_permission(shopee, shopee_client, mart_id):
    start = shopee.clock.now() + 2 * HOUR
    answer = call(shopee_client, "v2.discount.add_discount", mart_id, discount_name="x", start_time=start, end_time=start + DAY)
    refused(answer, "error_auth", "No permission to current api.")


def test_update_discount_ongoing_start_refused(shopee, shopee_client, outlet_id):
    discount_id = new_discount(shopee, shopee_client, outlet_id)
    shopee.advance(3 * HOUR)
    answer = call(shopee_client, "v2.discount.update_discount", outlet_id, discount_id=discount_id, start_time=shopee.clock.now() + HOUR)
    refused(answer, "discount.update_ongoing_discount_start_time", e.ONGOING_START)


def test_update_discount_ongoing_end_only_earlier(shopee, shopee_client, outlet_id):
    discount_id = new_discount(shopee, shopee_client, outlet_id)
    shopee.advance(3 * HOUR)
    doc = shopee.discounts.get(outlet_id, discount_id)
    answer = call(shopee_client, "v2.discount.update_discount", outlet_id, discount_id=discount_id, end_time=doc["end_time"] + HOUR)
    refused(answer, "discount.extend_discount_end_time_error", e.LATER_END)
    earlier = ok(call(shopee_client, "v2.discount.update_discount", outlet_id, discount_id=discount_id, end_time=doc["end_time"] - HOUR))
    assert earlier["modify_time"] == shopee.clock.now()


def test_update_discount_upcoming_start_only_later(shopee, shopee_client, outlet_id):
    discount_id = new_discount(shopee, shopee_client, outlet_id, starts_in=5 * HOUR)
    start = shopee.discounts.get(outlet_id, discount_id)["start_time"]
    answer = call(shopee_client, "v2.discount.update_discount", outlet_id, discount_id=discount_id, start_time=start - HOUR)
    refused(answer, "discount.short_discount_start_time", e.EARLIER_START)


def test_update_discount_moved_start_runs_on_the_new_time(shopee, shopee_client, outlet_id):
    discount_id = new_discount(shopee, shopee_client, outlet_id, starts_in=2 * HOUR, lasts=DAY)
    start = shopee.discounts.get(outlet_id, discount_id)["start_time"]
    ok(call(shopee_client, "v2.discount.update_discount", outlet_id, discount_id=discount_id, start_time=start + 5 * HOUR))
    shopee.advance(3 * HOUR)
    assert status(shopee_client, outlet_id, discount_id) == "upcoming"
    shopee.advance(4 * HOUR)
    assert status(shopee_client, outlet_id, discount_id) == "ongoing"


def test_end_discount_ends_it_now(shopee, shopee_client, outlet_id):
    discount_id = new_discount(shopee, shopee_client, outlet_id)
    shopee.advance(4 * HOUR)
    answer = ok(call(shopee_client, "v2.discount.end_discount", outlet_id, discount_id=discount_id))
    assert answer["modify_time"] == shopee.clock.now()
    assert status(shopee_client, outlet_id, discount_id) == "expired"


def test_end_discount_upcoming_refused(shopee, shopee_client, outlet_id):
    discount_id = new_discount(shopee, shopee_client, outlet_id)
    refused(call(shopee_client, "v2.discount.end_discount", outlet_id, discount_id=discount_id), "discount.discount_not_ongoing", e.NOT_ENDABLE)


def test_end_discount_within_its_first_hour_refused(shopee, shopee_client, outlet_id):
    discount_id = new_discount(shopee, shopee_client, outlet_id)
    shopee.advance(2 * HOUR + 60)
    refused(call(shopee_client, "v2.discount.end_discount", outlet_id, discount_id=discount_id), "discount.end_discount_time_error", e.END_TOO_EARLY)


def test_delete_discount_upcoming_then_not_found(shopee, shopee_client, outlet_id):
    discount_id = new_discount(shopee, shopee_client, outlet_id)
    ok(call(shopee_client, "v2.discount.delete_discount", outlet_id, discount_id=discount_id))
    answer = call(shopee_client, "v2.discount.get_discount", outlet_id, discount_id=discount_id, page_no=1, page_size=10)
    refused(answer, "common.error_not_found", e.NOT_FOUND)


def test_delete_discount_ongoing_refused(shopee, shopee_client, outlet_id):
    discount_id = new_discount(shopee, shopee_client, outlet_id)
    shopee.advance(3 * HOUR)
    refused(call(shopee_client, "v2.discount.delete_discount", outlet_id, discount_id=discount_id), "discount.discount_is_ongoing", e.NOT_DELETABLE)


def test_expired_discount_cannot_be_updated(shopee, shopee_client, outlet_id):
    discount_id = new_discount(shopee, shopee_client, outlet_id, lasts=2 * HOUR)
    shopee.advance(5 * HOUR)
    answer = call(shopee_client, "v2.discount.update_discount", outlet_id, discount_id=discount_id, discount_name="again")
    refused(answer, "discount.discount_is_end", e.IS_END)


def test_discount_of_another_outlet_not_found(shopee, shopee_client, outlet_ids):
    discount_id = new_discount(shopee, shopee_client, outlet_ids[0])
    answer = call(shopee_client, "v2.discount.end_discount", outlet_ids[1], discount_id=discount_id)
    refused(answer, "common.error_not_found", e.NOT_FOUND)


def test_add_discount_item_price_above_original_fails_alone(shopee, shopee_client, outlet_id):
    discount_id = new_discount(shopee, shopee_client, outlet_id)
    item = plain_item(shopee, outlet_id)
    other = variant_item(shopee, outlet_id)
    original = float(item["models"][0]["original_price"])
    entries = [
        {"item_id": item["item_id"], "item_promotion_price": original + 1, "purchase_limit": 0},
        {"item_id": other["item_id"], "purchase_limit": 2,
         "model_list": [{"model_id": m["model_id"], "model_promotion_price": float(m["original_price"]) - 1} for m in other["models"]]},
    ]
    answer = ok(call(shopee_client, "v2.discount.add_discount_item", outlet_id, discount_id=discount_id, item_list=entries))
    assert answer["count"] == 1
    assert answer["error_list"] == [{"item_id": item["item_id"], "model_id": 0, "fail_message": e.PRICE_ABOVE[1],
                                     "fail_error": e.PRICE_ABOVE[0]}]
    detail = ok(call(shopee_client, "v2.discount.get_discount", outlet_id, discount_id=discount_id, page_no=1, page_size=50))
    assert [i["item_id"] for i in detail["item_list"]] == [other["item_id"]]
    assert len(detail["item_list"][0]["model_list"]) == len(other["models"])


def test_add_discount_item_overlapping_discount_refused(shopee, shopee_client, outlet_id):
    first = new_discount(shopee, shopee_client, outlet_id, starts_in=2 * HOUR, lasts=DAY)
    second = new_discount(shopee, shopee_client, outlet_id, starts_in=5 * HOUR, lasts=DAY)
    item = plain_item(shopee, outlet_id)
    price = float(item["models"][0]["original_price"]) * 0.9
    add_plain(shopee_client, outlet_id, first, item, price)
    answer = add_plain(shopee_client, outlet_id, second, item, price)
    assert (answer["count"], answer["error_list"][0]["fail_error"]) == (0, e.ITEM_IN_OTHER[0])


def test_add_discount_item_with_variations_needs_models(shopee, shopee_client, outlet_id):
    discount_id = new_discount(shopee, shopee_client, outlet_id)
    item = variant_item(shopee, outlet_id)
    answer = add_plain(shopee_client, outlet_id, discount_id, item, 1)
    assert answer["error_list"][0]["fail_error"] == e.ITEM_NEEDS_MODEL[0]


def test_add_discount_item_unknown_item(shopee, shopee_client, outlet_id):
    discount_id = new_discount(shopee, shopee_client, outlet_id)
    answer = add_plain(shopee_client, outlet_id, discount_id, {"item_id": 1}, 1)
    assert answer["error_list"] == [{"item_id": 1, "model_id": 0, "fail_message": e.ITEM_NOT_EXIST[1], "fail_error": e.ITEM_NOT_EXIST[0]}]


def test_add_discount_item_more_than_fifty_refused(shopee, shopee_client, outlet_id):
    discount_id = new_discount(shopee, shopee_client, outlet_id)
    entries = [{"item_id": i, "item_promotion_price": 1, "purchase_limit": 0} for i in range(1, 52)]
    answer = call(shopee_client, "v2.discount.add_discount_item", outlet_id, discount_id=discount_id, item_list=entries)
    refused(answer, "discount.exceed_discount_item_batch_size", e.BATCH_TOO_BIG)


def test_update_discount_item_changes_price_and_limit(shopee, shopee_client, outlet_id):
    discount_id = new_discount(shopee, shopee_client, outlet_id)
    item = plain_item(shopee, outlet_id)
    add_plain(shopee_client, outlet_id, discount_id, item, 1000)
    entry = {"item_id": item["item_id"], "item_promotion_price": 900, "purchase_limit": 3}
    answer = ok(call(shopee_client, "v2.discount.update_discount_item", outlet_id, discount_id=discount_id, item_list=[entry]))
    assert (answer["count"], answer["error_list"]) == (1, [])
    listed = ok(call(shopee_client, "v2.discount.get_discount", outlet_id, discount_id=discount_id, page_no=1, page_size=50))["item_list"][0]
    assert (listed["item_promotion_price"], listed["purchase_limit"]) == (900, 3)


def test_update_discount_item_not_in_discount(shopee, shopee_client, outlet_id):
    discount_id = new_discount(shopee, shopee_client, outlet_id)
    item = plain_item(shopee, outlet_id)
    entry = {"item_id": item["item_id"], "item_promotion_price": 900}
    answer = ok(call(shopee_client, "v2.discount.update_discount_item", outlet_id, discount_id=discount_id, item_list=[entry]))
    assert answer["error_list"][0]["fail_error"] == e.ITEM_NOT_IN[0]


def test_delete_discount_item_removes_it(shopee, shopee_client, outlet_id):
    discount_id = new_discount(shopee, shopee_client, outlet_id)
    item = plain_item(shopee, outlet_id)
    add_plain(shopee_client, outlet_id, discount_id, item, 1000)
    ok(call(shopee_client, "v2.discount.delete_discount_item", outlet_id, discount_id=discount_id, item_id=item["item_id"]))
    answer = call(shopee_client, "v2.discount.delete_discount_item", outlet_id, discount_id=discount_id, item_id=item["item_id"])
    refused(answer, "discount.discount_item_not_exist", e.ITEM_NOT_IN_DISCOUNT)


def test_seeded_world_has_one_ongoing_and_one_upcoming_discount(shopee, shopee_client, outlet_ids):
    listed = ok(call(shopee_client, "v2.discount.get_discount_list", outlet_ids[-1], discount_status="all", page_no=1, page_size=100))
    assert sorted(d["status"] for d in listed["discount_list"]) == ["ongoing", "upcoming"]


@pytest.mark.shopee_world("th")
def test_seeded_th_world_has_one_ongoing_and_one_upcoming_discount(shopee, shopee_client, outlet_ids):
    listed = ok(call(shopee_client, "v2.discount.get_discount_list", outlet_ids[-1], discount_status="all", page_no=1, page_size=100))
    assert sorted(d["status"] for d in listed["discount_list"]) == ["ongoing", "upcoming"]


def _held_variant(shopee, shopee_client, outlet_id):
    """A variation item whose last Outlet model a new discount holds, its Mart item and the discount."""
    item = variant_item(shopee, outlet_id)
    model = item["models"][-1]
    discount_id = new_discount(shopee, shopee_client, outlet_id)
    entry = {"item_id": item["item_id"], "purchase_limit": 0,
             "model_list": [{"model_id": model["model_id"], "model_promotion_price": float(model["original_price"]) - 1}]}
    ok(call(shopee_client, "v2.discount.add_discount_item", outlet_id, discount_id=discount_id, item_list=[entry]))
    return item, shopee.products.mart_item_for(item), discount_id



@no_order_history  # no open order holds the model's stock: only the discount does
def test_delete_model_held_by_a_discount_refused(shopee, shopee_client, outlet_id, mart_id):
    item, _, discount_id = _held_variant(shopee, shopee_client, outlet_id)
    model = item["models"][-1]
    body = {"item_id": item["mart_item_id"], "model_id": model["relate_mart_model_id"]}
    answer = shopee_client.call("v2.product.delete_model", shop_id=mart_id, body=body)
    refused(answer, "error_model_remove_model_in_promotion", "Model cannot be deleted when item/model is under promotion or groupbuy.")
    shopee.advance(2 * HOUR + DAY)  # once the discount has expired the Mart may remove it
    ok(shopee_client.call("v2.product.delete_model", shop_id=mart_id, body=body))
    answer = ok(call(shopee_client, "v2.discount.get_discount", outlet_id, discount_id=discount_id, page_no=1, page_size=10))
    assert answer["item_list"][0]["model_list"] == []


def _tier(name, *options):
    return {"name": name, "option_list": [{"option": o} for o in options]}


@no_order_history
def test_update_tier_variation_dropping_a_held_option_refused(shopee, shopee_client, outlet_id, mart_id):
    item, mart_item, _ = _held_variant(shopee, shopee_client, outlet_id)
    held = next(m for m in mart_item["models"] if m["model_id"] == item["models"][-1]["relate_mart_model_id"])
    kept = [m for m in mart_item["models"] if m is not held]
    tier = mart_item["tier_variation"][0]
    body = {"item_id": mart_item["item_id"], "tier_variation": [_tier(tier["name"], *(f"size {i}" for i in range(len(kept))))],
            "model_list": [{"model_id": m["model_id"], "tier_index": [i]} for i, m in enumerate(kept)]}
    answer = shopee_client.call("v2.product.update_tier_variation", shop_id=mart_id, body=body)
    refused(answer, "error_cannt_delete_option_in_promotion", "Option of tier_variation cannot be deleted when item is under promotion.")
    assert [m["model_id"] for m in shopee.products.mart_item_for(item)["models"]] == [m["model_id"] for m in mart_item["models"]]


@no_order_history
@pytest.mark.parametrize("tiers, error, message", [
    ([], "error_cannt_be_no_variation_in_promotion", "Item cannot be without model when item is under promotion."),
    ([_tier("Size", "S"), _tier("Pack", "1")], "error_cannt_change_tier_variation_in_promotion",
     "Structure of tier_variation cannot be edited when item is under promotion."),
])
def test_init_tier_variation_on_a_held_item_refused(shopee, shopee_client, outlet_id, mart_id, tiers, error, message):
    _, mart_item, _ = _held_variant(shopee, shopee_client, outlet_id)
    model = {"tier_index": [0] * len(tiers), "original_price": 10000, "seller_stock": [{"stock": 1}]}
    body = {"item_id": mart_item["item_id"], "tier_variation": tiers, "model": [model]}
    refused(shopee_client.call("v2.product.init_tier_variation", shop_id=mart_id, body=body), error, message)


@no_order_history
def test_init_tier_variation_on_a_held_item_without_variations_refused(shopee, shopee_client, outlet_id, mart_id):
    item = plain_item(shopee, outlet_id)
    add_plain(shopee_client, outlet_id, new_discount(shopee, shopee_client, outlet_id), item, float(item["models"][0]["original_price"]) - 1)
    mart_item = shopee.products.mart_item_for(item)
    body = {"item_id": mart_item["item_id"], "tier_variation": [_tier("Size", "S", "M")],
            "model": [{"tier_index": [i], "original_price": 10000, "seller_stock": [{"stock": 1}]} for i in range(2)]}
    answer = shopee_client.call("v2.product.init_tier_variation", shop_id=mart_id, body=body)
    refused(answer, "error_cannt_init_tier_in_promotion", "Tier_variation cannot be changed when item is under promotion.")
    assert shopee.products.mart_item_for(item)["tier_variation"] == []
