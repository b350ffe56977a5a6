"""Escrow list and the wallet: releases listed by time, running balances, filters, the Mart's view."""
from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import ok
from tests.domains.order_helpers import act, outlet_item, place
from tests.domains.payment_helpers import completed_order, delivered_order, escrow, wallet_list

DAY = 86400


def _escrow_list(shopee_client, shop_id, **params):
    return shopee_client.call("v2.payment.get_escrow_list", shop_id=shop_id, params=params)


def test_get_escrow_list_shows_release_in_window(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = completed_order(shopee, shopee_http, outlet_id)
    now = shopee.clock.now()
    listed = ok(_escrow_list(shopee_client, outlet_id, release_time_from=now - 60, release_time_to=now))
    amount = escrow(shopee_client, outlet_id, order_sn)["order_income"]["escrow_amount"]
    assert listed == {"escrow_list": [{"order_sn": order_sn, "payout_amount": amount, "escrow_release_time": now}], "more": False}


def test_get_escrow_list_pages_newest_first(shopee, shopee_http, shopee_client, outlet_id):
    start = shopee.clock.now()
    orders = [completed_order(shopee, shopee_http, outlet_id, quantity=1) for _ in range(3)]
    window = {"release_time_from": start, "release_time_to": shopee.clock.now(), "page_size": 2}
    first = ok(_escrow_list(shopee_client, outlet_id, **window, page_no=1))
    second = ok(_escrow_list(shopee_client, outlet_id, **window, page_no=2))
    assert [e["order_sn"] for e in first["escrow_list"]] == orders[::-1][:2] and first["more"] is True
    assert [e["order_sn"] for e in second["escrow_list"]] == orders[:1] and second["more"] is False


def test_get_escrow_list_mart_aggregates_outlets(shopee, shopee_http, shopee_client, mart_id, outlet_ids):
    start = shopee.clock.now()
    orders = {completed_order(shopee, shopee_http, shop_id, quantity=1) for shop_id in outlet_ids[:3]}
    listed = ok(_escrow_list(shopee_client, mart_id, release_time_from=start, release_time_to=shopee.clock.now()))
    assert {e["order_sn"] for e in listed["escrow_list"]} == orders


def test_get_escrow_list_cancelled_order_not_released(shopee, shopee_http, shopee_client, outlet_id):
    start = shopee.clock.now()
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)["order_sn"]
    act(shopee_http, order_sn, "buyer_cancel")
    shopee.advance(3 * DAY)
    listed = ok(_escrow_list(shopee_client, outlet_id, release_time_from=start, release_time_to=shopee.clock.now()))
    assert order_sn not in {e["order_sn"] for e in listed["escrow_list"]}
    assert [t for t in shopee.store.collection("wallet_transactions").values() if t["order_sn"] == order_sn] == []


def test_get_escrow_list_start_after_end(shopee_client, outlet_id):
    answer = _escrow_list(shopee_client, outlet_id, release_time_from=200, release_time_to=100)
    assert (answer["error"], answer["message"]) == ("error_param", (
        "release_time_from and/or release_time_to parameter is invalid. Please provide both a valid start date, and end "
        "date to query where start date cannot be later than the end date."))


def test_get_escrow_list_missing_window(shopee_client, outlet_id):
    answer = _escrow_list(shopee_client, outlet_id, release_time_from=100)
    assert (answer["error"], answer["message"]) == ("error_param", (
        "release_time_from and/or release_time_to parameter is missing or invalid. Please provide both a valid start "
        "date, and end date to query."))


@pytest.mark.parametrize("page_size", [0, 101])
def test_get_escrow_list_page_size_out_of_range(shopee_client, outlet_id, page_size):
    answer = _escrow_list(shopee_client, outlet_id, release_time_from=1, release_time_to=2, page_size=page_size)
    assert (answer["error"], answer["message"]) == ("error_param", (
        "Invalid or missing page_size parameter , please enter a valid value that is with 1-100, indicating the number "
        "of records within a page."))


def test_get_wallet_transaction_list_running_balance(shopee, shopee_http, shopee_client, outlet_id):
    before = Decimal(shopee_http.get(f"/_emulator/wallet/{outlet_id}").json()["balance"])
    first = completed_order(shopee, shopee_http, outlet_id, quantity=1)
    second = completed_order(shopee, shopee_http, outlet_id, quantity=2)
    listed = wallet_list(shopee_client, outlet_id)["transaction_list"]
    newest, older = listed[0], listed[1]
    assert (newest["order_sn"], older["order_sn"]) == (second, first)
    amounts = [Decimal(str(escrow(shopee_client, outlet_id, sn)["order_income"]["escrow_amount"])) for sn in (first, second)]
    assert Decimal(str(older["current_balance"])) == before + amounts[0]
    assert Decimal(str(newest["current_balance"])) == before + amounts[0] + amounts[1]
    assert (newest["transaction_type"], newest["money_flow"], newest["status"]) == ("ESCROW_VERIFIED_ADD", "MONEY_IN", "COMPLETED")
    assert Decimal(shopee_http.get(f"/_emulator/wallet/{outlet_id}").json()["balance"]) == before + sum(amounts)


def test_get_wallet_transaction_list_auto_completion_releases(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = delivered_order(shopee, shopee_http, outlet_id, cod=True)
    assert all(t["order_sn"] != order_sn for t in wallet_list(shopee_client, outlet_id)["transaction_list"])
    shopee.advance(3 * DAY)
    newest = wallet_list(shopee_client, outlet_id)["transaction_list"][0]
    assert (newest["order_sn"], newest["create_time"]) == (order_sn, shopee.clock.now())


def test_get_wallet_transaction_list_mart_aggregates(shopee, shopee_http, shopee_client, mart_id, outlet_ids):
    start = shopee.clock.now()
    orders = {completed_order(shopee, shopee_http, shop_id, quantity=1) for shop_id in outlet_ids[:2]}
    listed = wallet_list(shopee_client, mart_id, create_time_from=start, create_time_to=shopee.clock.now())
    assert {t["order_sn"] for t in listed["transaction_list"]} == orders
    names = {shopee.shops.get(s)["shop_name"] for s in outlet_ids[:2]}
    assert {t["shop_name"] for t in listed["transaction_list"]} == names


def test_get_wallet_transaction_list_pages_from_zero(shopee, shopee_http, shopee_client, outlet_id):
    start = shopee.clock.now()
    orders = [completed_order(shopee, shopee_http, outlet_id, quantity=1) for _ in range(3)]
    window = {"create_time_from": start, "create_time_to": shopee.clock.now(), "page_size": 2}
    first = wallet_list(shopee_client, outlet_id, page_no=0, **window)
    second = wallet_list(shopee_client, outlet_id, page_no=1, **window)
    assert [t["order_sn"] for t in first["transaction_list"] + second["transaction_list"]] == orders[::-1]
    assert (first["more"], second["more"]) == (True, False)


@pytest.mark.parametrize("filters, expected", [
    ({"transaction_type": "ESCROW_VERIFIED_ADD"}, True), ({"transaction_type": "101"}, True),
    ({"transaction_type": "WITHDRAWAL_CREATED"}, False), ({"money_flow": "MONEY_IN"}, True),
    ({"money_flow": "MONEY_OUT"}, False), ({"transaction_tab_type": "wallet_order_income"}, True),
    ({"transaction_tab_type": "wallet_withdrawals"}, False),
    ({"transaction_type": "ESCROW_VERIFIED_ADD", "money_flow": "MONEY_IN"}, True),
    ({"transaction_type": "ESCROW_VERIFIED_ADD", "money_flow": "MONEY_OUT"}, False),
])
def test_get_wallet_transaction_list_filters(shopee, shopee_http, shopee_client, outlet_id, filters, expected):
    order_sn = completed_order(shopee, shopee_http, outlet_id, quantity=1)
    listed = wallet_list(shopee_client, outlet_id, **filters)["transaction_list"]
    assert any(t["order_sn"] == order_sn for t in listed) is expected


def test_get_wallet_transaction_list_range_too_large(shopee_client, outlet_id):
    answer = shopee_client.call("v2.payment.get_wallet_transaction_list", shop_id=outlet_id,
                                params={"page_no": 0, "page_size": 10, "create_time_from": 1, "create_time_to": 1 + 16 * DAY})
    assert (answer["error"], answer["message"]) == ("time_period_too_large", "The param error: time period too large.")


def test_get_wallet_transaction_list_start_after_end(shopee_client, outlet_id):
    answer = shopee_client.call("v2.payment.get_wallet_transaction_list", shop_id=outlet_id,
                                params={"page_no": 0, "page_size": 10, "create_time_from": 200, "create_time_to": 100})
    assert (answer["error"], answer["message"]) == ("time_invalid", "The param error: create_time_from bigger than create_time_to.")


def test_wallet_control_mart_sums_outlets(shopee, shopee_http, mart_id, outlet_ids):
    completed_order(shopee, shopee_http, outlet_ids[0])
    summary = shopee_http.get(f"/_emulator/wallet/{mart_id}").json()
    assert Decimal(summary["balance"]) == sum(Decimal(o["balance"]) for o in summary["outlets"])
    assert [o["shop_id"] for o in summary["outlets"]] == outlet_ids


def test_wallet_control_unknown_shop(shopee_http):
    answer = shopee_http.get("/_emulator/wallet/123")
    assert (answer.status_code, answer.json()["error"]) == (404, "not_found")


@pytest.mark.parametrize("api", ["v2.payment.get_payout_detail", "v2.payment.get_payout_info"])
def test_get_payout_local_shop_refused(shopee_client, outlet_id, api):
    params = {"page_size": 10, "page_no": 1, "cursor": "", "payout_time_from": 1, "payout_time_to": 2}
    answer = shopee_client.call(api, shop_id=outlet_id, params=params)
    assert (answer["error"], answer["message"]) == ("error_param", "This payment API is only applicable for cross boarder shop")


def test_get_billing_transaction_info_local_shop_refused(shopee_client, outlet_id):
    answer = shopee_client.call("v2.payment.get_billing_transaction_info", shop_id=outlet_id,
                                body={"billing_transaction_info_type": 1, "cursor": "", "page_size": 10})
    assert (answer["error"], answer["message"]) == ("error_param", "This payment API is only applicable for cross boarder shop")


def test_get_payment_method_list_lists_regions(shopee_client, outlet_id):
    listed = ok(shopee_client.call("v2.payment.get_payment_method_list", shop_id=outlet_id))
    regions = {entry["region"]: entry["payment_method"] for entry in listed}
    assert "Shopee Wallet" in regions["ID"] and "Cash on Delivery" in regions["TH"]


def test_withdraw_control_posts_created_then_completed(shopee, shopee_http, shopee_client, outlet_id):
    completed_order(shopee, shopee_http, outlet_id)
    balance = Decimal(shopee_http.get(f"/_emulator/wallet/{outlet_id}").json()["balance"])
    answer = shopee_http.post(f"/_emulator/wallet/{outlet_id}/withdraw", json={"amount": 100000})
    assert answer.status_code == 200, answer.text
    created = wallet_list(shopee_client, outlet_id)["transaction_list"][0]
    assert (created["transaction_type"], created["amount"], created["money_flow"]) == ("WITHDRAWAL_CREATED", -100000, "MONEY_OUT")
    assert Decimal(str(created["current_balance"])) == balance - 100000
    shopee.advance(DAY)
    done = wallet_list(shopee_client, outlet_id, transaction_type="WITHDRAWAL_COMPLETED")["transaction_list"][0]
    assert (done["withdrawal_id"], done["current_balance"]) == (created["withdrawal_id"], created["current_balance"])
    assert Decimal(shopee_http.get(f"/_emulator/wallet/{outlet_id}").json()["balance"]) == balance - 100000


@pytest.mark.parametrize("amount", [0, -5, 10**15, "x"])
def test_withdraw_control_refuses_bad_amount(shopee_http, outlet_id, amount):
    assert shopee_http.post(f"/_emulator/wallet/{outlet_id}/withdraw", json={"amount": amount}).status_code == 400


def test_withdraw_control_refuses_mart(shopee_http, mart_id):
    assert shopee_http.post(f"/_emulator/wallet/{mart_id}/withdraw", json={}).status_code == 400


def test_escrow_release_publishes_event(shopee, shopee_http, outlet_id):
    order_sn = completed_order(shopee, shopee_http, outlet_id)
    released = [e for e in shopee.bus.recent if e.name == "payment.escrow_released" and e.data["order_sn"] == order_sn]
    assert len(released) == 1 and released[0].shop_id == outlet_id


def test_get_payment_method_list_partner_sign(shopee_client):
    listed = ok(shopee_client.call("v2.payment.get_payment_method_list"))
    assert {"ID", "TH"} <= {entry["region"] for entry in listed}


def test_get_wallet_transaction_list_txn_title_and_outlet_shop_name(shopee, shopee_client, mart_id):
    listed = ok(shopee_client.call("v2.payment.get_wallet_transaction_list", shop_id=mart_id,
                                   params={"page_no": 0, "page_size": 100}))["transaction_list"]
    names = {o["shop_id"]: o["shop_name"] for o in shopee.shops.outlets_of(mart_id)}
    assert listed and all(t["outlet_shop_name"] in names.values() and t["outlet_shop_name"] == t["shop_name"] for t in listed)
    assert all(t["txn_title"] == "" for t in listed if not t["transaction_type"].startswith("ADJUSTMENT"))


# PaymentMethod values of the data definition that the emulator's regions use
DEFINED_METHODS = {
    "Shopee Wallet", "Bank BCA (Virtual Account)", "Bank Mandiri (Virtual Account)", "Bank BNI (Virtual Account)", "Kredivo",
    "Indomaret", "Airpay Credit Card", "Cash on Delivery", "Bank Transfer", "Online Payment (KBANK)", "iBanking Payment (SCB)",
    "ATM Payment", "MOLPay", "IPay88 Credit Card", "Dragonpay - Online Payment", "Dragonpay - OTC", "Cybersource", "Android Pay",
}


def test_payment_methods_are_the_data_definitions(shopee, shopee_client, outlet_id):
    listed = ok(shopee_client.call("v2.payment.get_payment_method_list", shop_id=outlet_id))
    assert {m for entry in listed for m in entry["payment_method"]} <= DEFINED_METHODS
    used = {doc["payment_method"] for doc in shopee.store.collection("orders").values()}
    assert used and used <= DEFINED_METHODS
