"""Escrow per order: the breakdown reconciles exactly, and completion releases it once."""
from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import ok
from tests.domains.order_helpers import act, outlet_item, place
from tests.domains.payment_helpers import completed_order, escrow, reconciled, wallet_list


def test_get_escrow_detail_reconciles_exactly_idr(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = completed_order(shopee, shopee_http, outlet_id, quantity=3)
    income = escrow(shopee_client, outlet_id, order_sn)["order_income"]
    assert Decimal(str(income["escrow_amount"])) == reconciled(income)
    goods = Decimal(str(income["original_cost_of_goods_sold"]))
    assert Decimal(str(income["commission_fee"])) == (goods * Decimal("0.08")).quantize(Decimal(1), "ROUND_HALF_UP")
    assert Decimal(str(income["service_fee"])) == (goods * Decimal("0.04")).quantize(Decimal(1), "ROUND_HALF_UP")
    for name in ("commission_fee", "service_fee", "seller_transaction_fee", "escrow_amount"):
        assert float(income[name]).is_integer(), name  # whole rupiah
    assert income["seller_order_processing_fee"] == 1250


def test_get_escrow_detail_buyer_total_matches_order(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = completed_order(shopee, shopee_http, outlet_id)
    order = shopee.orders.get(order_sn)
    detail = escrow(shopee_client, outlet_id, order_sn)
    income = detail["order_income"]
    assert Decimal(str(income["buyer_total_amount"])) == Decimal(order["total_amount"])
    assert income["buyer_total_amount"] == detail["buyer_payment_info"]["buyer_total_amount"]
    assert Decimal(str(income["original_cost_of_goods_sold"])) + Decimal(str(income["buyer_paid_shipping_fee"])) == Decimal(order["total_amount"])
    assert sum(i["discounted_price"] for i in income["items"]) == income["order_discounted_price"]
    assert detail["order_sn"] == order_sn and detail["buyer_user_name"] == order["buyer_username"]


@pytest.mark.shopee_world("th")
def test_get_escrow_detail_reconciles_to_the_satang_thb(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = completed_order(shopee, shopee_http, outlet_id, quantity=3)
    income = escrow(shopee_client, outlet_id, order_sn)["order_income"]
    assert Decimal(str(income["escrow_amount"])) == reconciled(income)
    goods = Decimal(str(income["original_cost_of_goods_sold"]))
    assert Decimal(str(income["commission_fee"])) == (goods * Decimal("0.0642")).quantize(Decimal("0.01"), "ROUND_HALF_UP")
    for name in ("commission_fee", "service_fee", "seller_transaction_fee", "escrow_amount"):
        assert Decimal(str(income[name])) == Decimal(str(income[name])).quantize(Decimal("0.01")), name


def test_get_escrow_detail_projects_before_completion(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)["order_sn"]
    income = escrow(shopee_client, outlet_id, order_sn)["order_income"]
    assert income["escrow_amount"] > 0
    assert Decimal(str(income["escrow_amount"])) == reconciled(income)


def test_get_escrow_detail_cancelled_order_is_zero(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id))["order_sn"]
    act(shopee_http, order_sn, "buyer_cancel")
    income = escrow(shopee_client, outlet_id, order_sn)["order_income"]
    assert income["escrow_amount"] == 0
    assert income["commission_fee"] == 0
    assert Decimal(str(income["escrow_amount"])) == reconciled(income)


@pytest.mark.parametrize("flow", ["unpaid timeout", "cod failed delivery", "cod never shipped"])
def test_get_escrow_detail_order_never_paid_moved_no_money(shopee, shopee_http, shopee_client, outlet_id, flow):
    """Cancelled before the buyer paid (online, or the courier for COD): nothing paid, nothing refunded."""
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), quantity=2, cod=flow.startswith("cod"))["order_sn"]
    if flow == "cod failed delivery":
        for action in ("ship", "pickup", "fail_delivery"):
            act(shopee_http, order_sn, action)
    else:
        shopee.advance(5 * 86400)  # past the payment window, and 72 hours past the ship-by date
    assert shopee.orders.get(order_sn)["order_status"] == "CANCELLED"
    detail = escrow(shopee_client, outlet_id, order_sn)
    income = detail["order_income"]
    for name in ("escrow_amount", "buyer_total_amount", "original_cost_of_goods_sold", "cost_of_goods_sold", "seller_return_refund"):
        assert income[name] == 0, name
    assert income["order_discounted_price"] > 0  # the prices stay what the listing asked
    assert Decimal(str(income["escrow_amount"])) == reconciled(income)
    assert detail["buyer_payment_info"]["merchant_subtotal"] == income["order_discounted_price"]  # the checkout snapshot


@pytest.mark.parametrize("cod", [False, True])
def test_lost_parcel_pays_the_goods_once_the_confirm_period_passes(shopee, shopee_http, shopee_client, outlet_id, cod):
    """The courier lost it: the seller is paid the goods sold, fees waived, paid or COD alike,
    pending for the confirm period after the loss, then released into the Outlet's wallet."""
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), quantity=2, cod=cod, paid=not cod)["order_sn"]
    for action in ("ship", "pickup", "lose"):
        act(shopee_http, order_sn, action)
    lost_at = shopee.orders.get(order_sn)["update_time"]
    income = escrow(shopee_client, outlet_id, order_sn)["order_income"]
    goods = income["order_discounted_price"]
    assert goods > 0
    assert income["seller_lost_compensation"] == income["escrow_amount"] == income["original_cost_of_goods_sold"] == goods
    assert income["commission_fee"] == income["seller_transaction_fee"] == income["seller_return_refund"] == 0
    assert Decimal(str(income["escrow_amount"])) == reconciled(income)
    pending = ok(shopee_client.call("v2.payment.get_income_detail", shop_id=outlet_id,
                                    params={"income_status": 2, "page_size": 100}))["income_detail_list"]["list"]
    record = next(r for r in pending if r["order_sn"] == order_sn)
    assert (record["estimated_escrow_amount"], record["estimated_payout_time"]) == (goods, lost_at + 3 * 86400)
    assert not [t for t in wallet_list(shopee_client, outlet_id)["transaction_list"] if t["order_sn"] == order_sn]

    shopee.advance(3 * 86400 - 1)
    assert not shopee.payments.is_released(order_sn)
    shopee.advance(1)
    paid = [t for t in wallet_list(shopee_client, outlet_id)["transaction_list"] if t["order_sn"] == order_sn]
    assert [(t["transaction_type"], t["amount"], t["create_time"]) for t in paid] == [("ESCROW_VERIFIED_ADD", goods, lost_at + 3 * 86400)]
    assert escrow(shopee_client, outlet_id, order_sn)["order_income"]["seller_lost_compensation"] == goods
    shopee.advance(7 * 86400)
    assert len([t for t in wallet_list(shopee_client, outlet_id)["transaction_list"] if t["order_sn"] == order_sn]) == 1


def test_failed_delivery_charges_no_return_shipping(shopee, shopee_http, shopee_client, outlet_id):
    """The reference names no amount or rule for the return-to-seller fee: a failed delivery charges none."""
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)["order_sn"]
    for action in ("ship", "pickup", "fail_delivery"):
        act(shopee_http, order_sn, action)
    income = escrow(shopee_client, outlet_id, order_sn)["order_income"]
    assert income["final_return_to_seller_shipping_fee"] == income["escrow_amount"] == income["seller_lost_compensation"] == 0


def test_get_escrow_detail_mart_sees_outlet_order(shopee, shopee_http, shopee_client, mart_id, outlet_id):
    order_sn = completed_order(shopee, shopee_http, outlet_id)
    assert escrow(shopee_client, mart_id, order_sn) == escrow(shopee_client, outlet_id, order_sn)


def test_get_escrow_detail_other_outlet_order_not_found(shopee, shopee_http, shopee_client, outlet_ids):
    order_sn = completed_order(shopee, shopee_http, outlet_ids[0])
    answer = shopee_client.call("v2.payment.get_escrow_detail", shop_id=outlet_ids[1], params={"order_sn": order_sn})
    assert (answer["error"], answer["message"]) == (
        "order_not_found", "Order SN provided is invalid or does not belong to you. Please enter a valid Order SN.")


def test_get_escrow_detail_missing_order_sn(shopee_client, outlet_id):
    answer = shopee_client.call("v2.payment.get_escrow_detail", shop_id=outlet_id, params={})
    assert (answer["error"], answer["message"]) == (
        "error_param", "Missing order_sn. Please include a valid order_sn to get escrow details.")


def _batch_by_post(shopee_client, shopee_http, shop_id, body):
    """get_escrow_detail_batch as published clients send it: a signed POST with a JSON body."""
    _, path, query = shopee_client.signed_query("v2.payment.get_escrow_detail_batch", shop_id)
    return shopee_http.post(path, params=query, json=body).json()


def test_get_escrow_detail_batch_mixes_found_and_missing(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = completed_order(shopee, shopee_http, outlet_id)
    answer = ok(shopee_client.call("v2.payment.get_escrow_detail_batch", shop_id=outlet_id,
                                   params={"order_sn_list": [order_sn, "2601019NOTREAL"]}))
    single = escrow(shopee_client, outlet_id, order_sn)
    assert {k: v for k, v in answer[0]["escrow_detail"].items() if k != "order_income"} == {
        k: v for k, v in single.items() if k not in ("order_income", "buyer_payment_info")} | {
        "buyer_payment_info": {**single["buyer_payment_info"], "bcrs_discount": 0.0}}
    assert single["order_income"].items() <= answer[0]["escrow_detail"]["order_income"].items()
    assert answer[1] == {"escrow_detail": {"order_sn": "2601019NOTREAL", "return_order_sn_list": []},
                         "fail_error": "order_not_found", "fail_message": "The order info not found."}


def test_get_escrow_detail_batch_by_post_answers_as_by_get(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = completed_order(shopee, shopee_http, outlet_id)
    by_get = shopee_client.call("v2.payment.get_escrow_detail_batch", shop_id=outlet_id, params={"order_sn_list": [order_sn]})
    by_post = _batch_by_post(shopee_client, shopee_http, outlet_id, {"order_sn_list": [order_sn]})
    assert ok(by_post) == ok(by_get)


def test_get_escrow_detail_batch_takes_a_comma_joined_query(shopee, shopee_http, shopee_client, outlet_id):
    first, second = (completed_order(shopee, shopee_http, outlet_id) for _ in range(2))
    answer = ok(shopee_client.call("v2.payment.get_escrow_detail_batch", shop_id=outlet_id, params={"order_sn_list": f"{first},{second}"}))
    assert [entry["escrow_detail"]["order_sn"] for entry in answer] == [first, second]


def test_get_escrow_detail_batch_batch_page_names(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = completed_order(shopee, shopee_http, outlet_id)
    income = ok(shopee_client.call("v2.payment.get_escrow_detail_batch", shop_id=outlet_id,
                                   params={"order_sn_list": [order_sn]}))[0]["escrow_detail"]["order_income"]
    assert income["shipping_fee_discount_from_pl"] == income["shipping_fee_discount_from_3pl"]
    assert income["trade_in_bonus_seller"] == income["trade_in_bonus_by_seller"]
    assert income["refund_amount_to_buyer"] == -income["seller_return_refund"]


def test_get_escrow_detail_batch_over_limit(shopee_client, outlet_id):
    answer = shopee_client.call("v2.payment.get_escrow_detail_batch", shop_id=outlet_id,
                                params={"order_sn_list": [f"260101{i:08d}" for i in range(51)]})
    assert (answer["error"], answer["message"]) == ("exceed_max_limit", "Your request exceeds the max limit of 50 orders.")


@pytest.mark.parametrize("body", [{}, {"order_sn_list": []}, {"order_sn_list": "abc"}, {"order_sn_list": [1, 2]}])
def test_get_escrow_detail_batch_post_requires_list(shopee_client, shopee_http, outlet_id, body):
    answer = _batch_by_post(shopee_client, shopee_http, outlet_id, body)
    assert (answer["error"], answer["message"]) == ("error_param", "order_sn_list is required, format should be string[]")


@pytest.mark.parametrize("params", [{}, {"order_sn_list": ""}])
def test_get_escrow_detail_batch_get_requires_list(shopee_client, outlet_id, params):
    answer = shopee_client.call("v2.payment.get_escrow_detail_batch", shop_id=outlet_id, params=params)
    assert (answer["error"], answer["message"]) == ("error_param", "order_sn_list is required, format should be string[]")


def test_escrow_release_happens_once_on_completion(shopee, shopee_http, outlet_id):
    order_sn = completed_order(shopee, shopee_http, outlet_id)
    released = [t for t in shopee.store.collection("wallet_transactions").values() if t["order_sn"] == order_sn]
    assert [t["transaction_type"] for t in released] == ["ESCROW_VERIFIED_ADD"]
    assert shopee.store.get("escrows", order_sn)["release_time"] == shopee.clock.now()


@pytest.mark.shopee_world("th")
def test_every_outlet_wallet_balance_is_sum_of_released_escrows(shopee, shopee_http, shopee_client, outlet_ids):
    for quantity, shop_id in enumerate(outlet_ids, start=1):
        completed_order(shopee, shopee_http, shop_id, quantity=quantity)
    for shop_id in outlet_ids:
        released = [d for d in shopee.store.collection("escrows").values() if d["shop_id"] == shop_id]
        total = Decimal(0)
        for doc in released:
            income = escrow(shopee_client, shop_id, doc["order_sn"])["order_income"]
            assert Decimal(str(income["escrow_amount"])) == reconciled(income)
            total += Decimal(str(income["escrow_amount"]))
        assert Decimal(shopee_http.get(f"/_emulator/wallet/{shop_id}").json()["balance"]) == total


def test_get_escrow_detail_2026_fields(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = completed_order(shopee, shopee_http, outlet_id)
    detail = escrow(shopee_client, outlet_id, order_sn)
    income, payment = detail["order_income"], detail["buyer_payment_info"]
    lines = ok(shopee_client.call("v2.order.get_order_detail", shop_id=outlet_id, params={"order_sn_list": order_sn, "response_optional_fields": "item_list"}))["order_list"][0]["item_list"]
    assert [i["line_item_id"] for i in income["items"]] == [line["line_item_id"] for line in lines]
    assert all(i["promotion_list"] == [] and i["bcrs_deposit"] == 0 for i in income["items"])
    for name in ("voucher_from_external_party", "withholding_cit_tax", "bcrs_deposit", "th_import_duty", "fbs_fee"):
        assert income[name] == 0, name
    assert income["tenure_info_list"] == {"payment_channel_name": income["buyer_payment_method"], "instalment_plan": ""}
    for name in ("shopeevip_subtotal", "trade_in_bonus", "discount_pix", "bcrs_deposit", "ads_voucher_discount"):
        assert payment[name] == 0, name
    assert "trade_in_bonus_subtotal" not in payment and "escrow_amount_pri" not in income
