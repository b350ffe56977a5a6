"""A discount prices what it covers while it runs: product reads, test orders, escrow, income report."""
from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import ok
from tests.domains.discount_helpers import (
    DAY,
    HOUR,
    add_plain,
    call,
    new_discount,
    plain_item,
    variant_item,
)
from tests.domains.order_helpers import act, detail, place
from tests.domains.payment_helpers import escrow, reconciled

DELAY = 60


def base_info(shopee_client, shop_id, item_id):
    answer = shopee_client.call("v2.product.get_item_base_info", shop_id=shop_id, params={"item_id_list": item_id})
    return ok(answer)["item_list"][0]


def promotions(shopee_client, shop_id, item_id):
    return ok(call(shopee_client, "v2.product.get_item_promotion", shop_id, item_id_list=[item_id]))["success_list"][0]["promotion"]


def complete(shopee, shopee_http, order_sn):
    for action in ("ship", "pickup", "deliver", "confirm_receipt"):
        shopee.advance(60)
        act(shopee_http, order_sn, action)


def income_report(shopee, shopee_http, shopee_client, mart_id, time_from):
    answer = shopee_client.call("v2.payment.generate_income_report", shop_id=mart_id,
                                params={"release_time_from": time_from, "release_time_to": shopee.clock.now()})
    report_id = ok(answer)["id"]
    shopee.advance(DELAY)
    return shopee_http.get(f"/_emulator/payment/reports/{report_id}").json()["summary"]


def test_discount_prices_order_escrow_and_income_report_to_the_cent(shopee, shopee_http, shopee_client, outlet_id, mart_id):
    item = plain_item(shopee, outlet_id)
    original = Decimal(item["models"][0]["original_price"])
    promotion = (original * Decimal("0.83")).quantize(Decimal(1))
    discount_id = new_discount(shopee, shopee_client, outlet_id, starts_in=2 * HOUR, lasts=DAY)
    add_plain(shopee_client, outlet_id, discount_id, item, float(promotion), purchase_limit=5)

    # upcoming: listed by get_item_promotion, not yet the price
    assert [(p["promotion_id"], p["promotion_staging"]) for p in promotions(shopee_client, outlet_id, item["item_id"])] == [(discount_id, "upcoming")]
    info = base_info(shopee_client, outlet_id, item["item_id"])
    assert (info["has_promotion"], info["price_info"][0]["current_price"]) == (False, float(original))

    shopee.advance(2 * HOUR)
    info = base_info(shopee_client, outlet_id, item["item_id"])
    assert info["has_promotion"] is True
    assert (info["price_info"][0]["current_price"], info["price_info"][0]["original_price"]) == (float(promotion), float(original))
    assert promotions(shopee_client, outlet_id, item["item_id"])[0]["promotion_staging"] == "ongoing"

    started = shopee.clock.now()
    order_sn = place(shopee_http, outlet_id, item, quantity=3, paid=True)["order_sn"]
    line = detail(shopee_client, outlet_id, order_sn)["item_list"][0]
    assert (line["model_discounted_price"], line["model_original_price"]) == (float(promotion), float(original))
    assert line["promotion_list"] == [{"promotion_type": "seller_discount", "promotion_id": discount_id}]
    assert (line["promotion_type"], line["promotion_id"]) == ("product_promotion", discount_id)

    complete(shopee, shopee_http, order_sn)
    income = escrow(shopee_client, outlet_id, order_sn)["order_income"]
    row = income["items"][0]
    assert Decimal(str(row["discounted_price"])) == promotion * 3
    assert Decimal(str(row["original_price"])) == original * 3
    assert Decimal(str(row["seller_discount"])) == (original - promotion) * 3
    assert row["promotion_list"] == [{"promotion_type": "seller_discount", "promotion_id": discount_id}]
    assert Decimal(str(income["order_seller_discount"])) == (original - promotion) * 3
    assert Decimal(str(income["buyer_total_amount"])) == promotion * 3 + Decimal(str(income["buyer_paid_shipping_fee"]))
    assert Decimal(str(income["escrow_amount"])) == reconciled(income)

    report = income_report(shopee, shopee_http, shopee_client, mart_id, started)
    assert Decimal(report["seller_discount"]) == (original - promotion) * 3
    assert Decimal(report["original_cost_of_goods_sold"]) == promotion * 3
    assert Decimal(report["escrow_amount"]) == Decimal(str(income["escrow_amount"]))

    shopee.advance(DAY)
    assert promotions(shopee_client, outlet_id, item["item_id"]) == []
    later = place(shopee_http, outlet_id, item, quantity=1)["order_sn"]
    assert detail(shopee_client, outlet_id, later)["item_list"][0]["model_discounted_price"] == float(original)


def test_get_model_list_shows_promotion_of_each_model(shopee, shopee_client, outlet_id):
    item = variant_item(shopee, outlet_id)
    first, *rest = item["models"]
    discount_id = new_discount(shopee, shopee_client, outlet_id)
    entry = {"item_id": item["item_id"], "purchase_limit": 0,
             "model_list": [{"model_id": first["model_id"], "model_promotion_price": float(first["original_price"]) - 1}]}
    ok(call(shopee_client, "v2.discount.add_discount_item", outlet_id, discount_id=discount_id, item_list=[entry]))
    shopee.advance(2 * HOUR)
    models = ok(shopee_client.call("v2.product.get_model_list", shop_id=outlet_id, params={"item_id": item["item_id"]}))["model"]
    shown = {m["model_id"]: (m["has_promotion"], m["promotion_id"], m["price_info"][0]["current_price"]) for m in models}
    assert shown[first["model_id"]] == (True, discount_id, float(first["original_price"]) - 1)
    assert all(shown[m["model_id"]] == (False, 0, float(m["original_price"])) for m in rest)


def test_order_above_the_discount_purchase_limit_refused(shopee, shopee_http, shopee_client, outlet_id):
    item = plain_item(shopee, outlet_id)
    discount_id = new_discount(shopee, shopee_client, outlet_id)
    add_plain(shopee_client, outlet_id, discount_id, item, 1000, purchase_limit=2)
    shopee.advance(2 * HOUR)
    body = {"shop_id": outlet_id, "items": [{"item_id": item["item_id"], "model_id": 0, "quantity": 3}]}
    answer = shopee_http.post("/_emulator/orders", json=body)
    assert answer.status_code == 400 and "purchase limit 2" in answer.text, answer.text


def test_promotion_stock_used_up_sells_at_the_normal_price(shopee, shopee_http, shopee_client, outlet_id):
    item = plain_item(shopee, outlet_id)
    discount_id = new_discount(shopee, shopee_client, outlet_id)
    add_plain(shopee_client, outlet_id, discount_id, item, 1000, item_promotion_stock=2)
    shopee.advance(2 * HOUR)
    first = place(shopee_http, outlet_id, item, quantity=2)["order_sn"]
    second = place(shopee_http, outlet_id, item, quantity=1)["order_sn"]
    assert detail(shopee_client, outlet_id, first)["item_list"][0]["model_discounted_price"] == 1000
    assert detail(shopee_client, outlet_id, second)["item_list"][0]["model_discounted_price"] == float(item["models"][0]["original_price"])


@pytest.mark.shopee_world("th")
def test_promotion_prices_take_the_regions_whole_units(shopee, shopee_http, shopee_client, outlet_id):
    """TH prices items in whole baht (update_price's rule), promotion prices too: a price with satang
    is rounded half up, and the seeded discounts' prices are whole."""
    for doc in shopee.store.collection("discounts").values():
        for entry in doc["items"].values():
            for model in entry["models"].values():
                assert Decimal(model["promotion_price"]) == Decimal(model["promotion_price"]).to_integral_value(), doc["discount_id"]
    item = plain_item(shopee, outlet_id)
    discount_id = new_discount(shopee, shopee_client, outlet_id, starts_in=HOUR)
    original = Decimal(item["models"][0]["original_price"])
    add_plain(shopee_client, outlet_id, discount_id, item, float(original - Decimal("1.50")))
    shopee.advance(HOUR)
    order_sn = place(shopee_http, outlet_id, item, quantity=3, paid=True)["order_sn"]
    line = detail(shopee_client, outlet_id, order_sn)["item_list"][0]
    assert line["model_discounted_price"] == float(original - 1)  # 1.50 off rounds to 1 baht off
    income = escrow(shopee_client, outlet_id, order_sn)["order_income"]
    assert income["order_discounted_price"] == float((original - 1) * 3)
    assert Decimal(str(income["escrow_amount"])) == reconciled(income)
