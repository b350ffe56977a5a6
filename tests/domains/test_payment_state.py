"""Payment state across the world's life: seeded history, reset, snapshots, and the returns hook."""
from __future__ import annotations

from decimal import Decimal

from tests.conftest import ok
from tests.domains.payment_helpers import completed_order, escrow, reconciled, wallet_list


def test_seeded_history_released_with_consistent_balances(shopee, shopee_client, outlet_id):
    listed = wallet_list(shopee_client, outlet_id)["transaction_list"]
    assert listed and all(t["transaction_type"] == "ESCROW_VERIFIED_ADD" for t in listed)
    oldest_first = listed[::-1]
    running = Decimal(0)
    for transaction in oldest_first:
        running += Decimal(str(transaction["amount"]))
        assert Decimal(str(transaction["current_balance"])) == running
        assert transaction["create_time"] < shopee.clock.now()
        income = escrow(shopee_client, outlet_id, transaction["order_sn"])["order_income"]
        assert Decimal(str(income["escrow_amount"])) == reconciled(income) == Decimal(str(transaction["amount"]))


def test_reset_forgets_releases_and_keeps_indexes(shopee, shopee_http, shopee_client, outlet_id):
    before = wallet_list(shopee_client, outlet_id)["transaction_list"]
    completed_order(shopee, shopee_http, outlet_id)
    assert shopee_http.post("/_emulator/reset").status_code == 200
    assert wallet_list(shopee_client, outlet_id)["transaction_list"] == before


def test_snapshot_import_rebuilds_wallet_and_escrow_indexes(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = completed_order(shopee, shopee_http, outlet_id)
    snapshot = shopee_http.get("/_emulator/snapshot").json()
    listed = wallet_list(shopee_client, outlet_id)
    now = shopee.clock.now()
    shopee_http.post("/_emulator/reset")
    assert shopee_http.post("/_emulator/snapshot", json=snapshot).status_code == 200
    assert wallet_list(shopee_client, outlet_id) == listed
    escrows = ok(shopee_client.call("v2.payment.get_escrow_list", shop_id=outlet_id,
                                    params={"release_time_from": now - 60, "release_time_to": now}))
    assert [e["order_sn"] for e in escrows["escrow_list"]] == [order_sn]


def test_adjust_books_adjustment_after_release(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = completed_order(shopee, shopee_http, outlet_id)
    balance = Decimal(str(wallet_list(shopee_client, outlet_id)["transaction_list"][0]["current_balance"]))
    with shopee.transaction():
        shopee.payments.adjust(order_sn, "-5000", "Return Refund deduction", refund_sn="200000000000001")
    newest = wallet_list(shopee_client, outlet_id)["transaction_list"][0]
    assert (newest["transaction_type"], newest["money_flow"], newest["amount"]) == ("ADJUSTMENT_MINUS", "MONEY_OUT", -5000)
    assert Decimal(str(newest["current_balance"])) == balance - 5000
    detail = escrow(shopee_client, outlet_id, order_sn)
    income = detail["order_income"]
    assert income["total_adjustment_amount"] == -5000
    assert income["escrow_amount_after_adjustment"] == income["escrow_amount"] - 5000
    assert detail["return_order_sn_list"] == ["200000000000001"]


def test_adjust_before_release_does_nothing(shopee, shopee_http, outlet_id):
    from tests.domains.order_helpers import outlet_item, place

    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)["order_sn"]
    with shopee.transaction():
        assert shopee.payments.adjust(order_sn, "-1", "x") is None


def test_readme_escrow_reaches_the_wallet(shopee, shopee_client):
    outlet = shopee.shops.marts()[0]["outlet_shop_ids"][0]
    item = next(d for d in shopee.store.collection("items").values() if d["kind"] == "outlet" and d["shop_id"] == outlet)
    order = shopee.orders.create(outlet, [{"item_id": item["item_id"], "model_id": item["models"][0]["model_id"]}], paid=True)
    for action in ("ship", "pickup", "deliver", "confirm_receipt"):
        shopee.orders.act(order["order_sn"], action)
    escrow = shopee_client.call("v2.payment.get_escrow_detail", shop_id=outlet, params={"order_sn": order["order_sn"]})
    wallet = shopee_client.call("v2.payment.get_wallet_transaction_list", shop_id=outlet, params={"page_no": 0, "page_size": 10})
    assert wallet["response"]["transaction_list"][0]["amount"] == escrow["response"]["order_income"]["escrow_amount"]
    now = shopee.clock.now()
    report = shopee_client.call("v2.payment.generate_income_report", shop_id=shopee.shops.marts()[0]["shop_id"],
                                params={"release_time_from": now - 86400, "release_time_to": now})
    shopee.advance(60)
    answer = shopee_client.call("v2.payment.get_income_report", shop_id=shopee.shops.marts()[0]["shop_id"],
                                params={"income_report_id": report["response"]["id"]})
    assert answer["response"]["status"] == 2


def test_data_file_keeps_wallet_and_pending_report(tmp_path):
    from emulator.world import Emulator

    path = str(tmp_path / "state.json")
    first = Emulator(data=path)
    mart = first.shops.marts()[0]["shop_id"]
    outlet = first.shops.marts()[0]["outlet_shop_ids"][0]
    item = next(d for d in first.store.collection("items").values() if d["kind"] == "outlet" and d["shop_id"] == outlet)
    order = first.orders.create(outlet, [{"item_id": item["item_id"], "model_id": item["models"][0]["model_id"]}], paid=True)
    for action in ("ship", "pickup", "deliver", "confirm_receipt"):
        first.orders.act(order["order_sn"], action)
    now = first.clock.now()
    with first.transaction():
        report_id = first.payments.documents.generate_report(mart, now - 60, now)
    listed = first.payments.wallet.page(outlet, 0, now, 0, 100, {})
    second = Emulator(data=path)  # no close: as after a kill
    assert second.payments.wallet.page(outlet, 0, now, 0, 100, {}) == listed
    assert [e["order_sn"] for e in second.payments.escrow_page(outlet, now, now, 1, 10)[0]] == [order["order_sn"]]
    second.advance(60)
    assert second.payments.documents.find(mart, "report", report_id)["summary"]["orders"] == 1
    first.close()
    second.close()
