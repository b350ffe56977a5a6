"""A refunded return comes off the escrow the order releases."""
from __future__ import annotations

import io
from decimal import ROUND_HALF_UP, Decimal

import httpx
from pypdf import PdfReader

from tests.conftest import ok
from tests.domains.payment_helpers import completed_order, escrow, reconciled, wallet_list
from tests.domains.return_helpers import delivered_order, dispute, request_return, return_detail, seller


def test_get_escrow_detail_partial_refund_is_seller_return_refund(shopee, shopee_http, shopee_client, outlet_id):
    order = delivered_order(shopee, shopee_http, outlet_id, quantity=3)
    untouched = escrow(shopee_client, outlet_id, order["order_sn"])["order_income"]
    line = order["items"][0]
    items = [{"item_id": line["item_id"], "model_id": line["model_id"], "quantity": 1}]
    return_sn = request_return(shopee_http, order["order_sn"], items=items, reason="NOT_RECEIPT")["return_sn"]
    ok(seller(shopee_client, "confirm", outlet_id, return_sn))
    refund = Decimal(str(return_detail(shopee_client, outlet_id, return_sn)["refund_amount"]))
    assert shopee.orders.get(order["order_sn"])["order_status"] == "COMPLETED"

    released = escrow(shopee_client, outlet_id, order["order_sn"])
    income = released["order_income"]
    assert Decimal(str(income["seller_return_refund"])) == -refund
    assert Decimal(str(income["escrow_amount"])) == reconciled(income)
    assert Decimal(str(income["commission_fee"])) < Decimal(str(untouched["commission_fee"]))
    assert Decimal(str(income["escrow_amount"])) < Decimal(str(untouched["escrow_amount"]))
    assert released["return_order_sn_list"] == [return_sn]


def _refund_after_completion(shopee, shopee_http, shopee_client, outlet_id):
    """A completed order (escrow released), then a one-unit refund the seller accepts."""
    order_sn = completed_order(shopee, shopee_http, outlet_id, quantity=3)
    released = escrow(shopee_client, outlet_id, order_sn)["order_income"]
    line = shopee.orders.get(order_sn)["items"][0]
    items = [{"item_id": line["item_id"], "model_id": line["model_id"], "quantity": 1}]
    shopee.advance(3600)
    return_sn = request_return(shopee_http, order_sn, items=items, reason="NOT_RECEIPT")["return_sn"]
    ok(seller(shopee_client, "confirm", outlet_id, return_sn))
    refund = Decimal(str(return_detail(shopee_client, outlet_id, return_sn)["refund_amount"]))
    return order_sn, return_sn, refund, released


def _wallet_of_order(shopee_client, shop_id, order_sn):
    return [t for t in wallet_list(shopee_client, shop_id)["transaction_list"] if t["order_sn"] == order_sn]


def test_get_escrow_detail_refund_after_completion_is_booked(shopee, shopee_http, shopee_client, outlet_id):
    order_sn, return_sn, refund, released = _refund_after_completion(shopee, shopee_http, shopee_client, outlet_id)
    after = escrow(shopee_client, outlet_id, order_sn)
    income = after["order_income"]
    assert after["return_order_sn_list"] == [return_sn]
    # the breakdown stays as released, so escrow_amount is still its formula's sum
    assert {k: v for k, v in income.items() if "adjustment" not in k} == {k: v for k, v in released.items() if "adjustment" not in k}
    assert Decimal(str(income["escrow_amount"])) == reconciled(income)
    (adjustment,) = income["order_adjustment"]
    assert (adjustment["adjustment_reason"], adjustment["currency"], adjustment["date"]) == (
        "Return Refund deduction", "IDR", shopee.clock.now())
    # the refund less the fees given back: commission 8% and service 4% of the goods kept, transaction
    # 1.8% of what the buyer kept paying, each rounded half up to the rupiah
    def fee(base, rate):
        return (base * Decimal(rate)).quantize(Decimal(1), rounding=ROUND_HALF_UP)

    goods, paid = Decimal(str(released["original_cost_of_goods_sold"])), Decimal(str(released["buyer_total_amount"]))
    fees_back = sum((Decimal(str(released[name])) - fee(base - refund, rate) for name, base, rate in (
        ("commission_fee", goods, "0.08"), ("service_fee", goods, "0.04"), ("seller_transaction_fee", paid, "0.018"))), Decimal(0))
    assert Decimal(str(adjustment["amount"])) == -refund + fees_back
    assert Decimal(str(income["total_adjustment_amount"])) == Decimal(str(adjustment["amount"]))
    assert Decimal(str(income["escrow_amount_after_adjustment"])) == Decimal(str(released["escrow_amount"])) - refund + fees_back


def test_get_wallet_transaction_list_refund_after_completion_debits_the_outlet(shopee, shopee_http, shopee_client, outlet_id):
    order_sn, return_sn, _, _ = _refund_after_completion(shopee, shopee_http, shopee_client, outlet_id)
    income = escrow(shopee_client, outlet_id, order_sn)["order_income"]
    debit, credit = _wallet_of_order(shopee_client, outlet_id, order_sn)  # newest first
    assert (credit["transaction_type"], credit["amount"]) == ("ESCROW_VERIFIED_ADD", income["escrow_amount"])
    assert (debit["transaction_type"], debit["money_flow"], debit["refund_sn"]) == ("ADJUSTMENT_MINUS", "MONEY_OUT", return_sn)
    assert (debit["txn_title"], debit["reason"]) == ("Return Refund deduction", "Return Refund deduction")
    assert debit["amount"] == income["order_adjustment"][0]["amount"]
    assert Decimal(str(credit["amount"])) + Decimal(str(debit["amount"])) == Decimal(str(income["escrow_amount_after_adjustment"]))
    assert debit["create_time"] == shopee.clock.now() > credit["create_time"]


def test_get_income_report_mart_refund_after_completion_reconciles(shopee, shopee_http, shopee_client, mart_id, outlet_id):
    start = shopee.clock.now()
    order_sn, _, _, _ = _refund_after_completion(shopee, shopee_http, shopee_client, outlet_id)
    income = escrow(shopee_client, outlet_id, order_sn)["order_income"]
    report_id = ok(shopee_client.call("v2.payment.generate_income_report", shop_id=mart_id,
                                      params={"release_time_from": start, "release_time_to": shopee.clock.now()}))["id"]
    shopee.advance(60)
    summary = shopee_http.get(f"/_emulator/payment/reports/{report_id}").json()["summary"]
    outlet = next(o for o in summary["outlets"] if o["shop_id"] == outlet_id)
    assert Decimal(outlet["escrow_amount"]) == Decimal(str(income["escrow_amount"]))
    assert Decimal(outlet["adjustment_amount"]) == Decimal(str(income["total_adjustment_amount"]))
    assert Decimal(outlet["escrow_amount_after_adjustment"]) == Decimal(str(income["escrow_amount_after_adjustment"]))
    window = {"create_time_from": start, "create_time_to": shopee.clock.now()}

    def moved(shop_id):
        return sum((Decimal(str(t["amount"])) for t in wallet_list(shopee_client, shop_id, **window)["transaction_list"]), Decimal(0))

    assert Decimal(outlet["escrow_amount_after_adjustment"]) == moved(outlet_id)
    assert Decimal(summary["escrow_amount_after_adjustment"]) == moved(mart_id)


def test_get_escrow_detail_compensation_approved_is_paid_to_the_seller(shopee, shopee_http, shopee_client, outlet_id):
    order = delivered_order(shopee, shopee_http, outlet_id, quantity=2)
    return_sn = request_return(shopee_http, order["order_sn"], solution="REFUND")["return_sn"]
    shopee.advance(3 * 86400)  # unanswered: Shopee refunds the buyer, and the order completes
    reason = ok(shopee_client.call("v2.returns.get_return_dispute_reason", shop_id=outlet_id, params={"return_sn": return_sn}))
    ok(dispute(shopee_client, outlet_id, return_sn, reason["dispute_reason_list"][0]["dispute_reason"]))
    answer = shopee_http.post(f"/_emulator/returns/{return_sn}/judge", json={"winner": "seller"})
    assert answer.status_code == 200, answer.text
    compensation = Decimal(str(return_detail(shopee_client, outlet_id, return_sn)["seller_compensation"]["compensation_amount"]))
    income = escrow(shopee_client, outlet_id, order["order_sn"])["order_income"]
    (adjustment,) = income["order_adjustment"]
    assert (adjustment["adjustment_reason"], Decimal(str(adjustment["amount"]))) == ("Return Refund compensation", compensation)
    assert Decimal(str(income["escrow_amount_after_adjustment"])) == Decimal(str(income["escrow_amount"])) + compensation
    credit = next(t for t in wallet_list(shopee_client, outlet_id)["transaction_list"] if t["transaction_type"] == "ADJUSTMENT_ADD")
    assert (credit["order_sn"], credit["refund_sn"], Decimal(str(credit["amount"]))) == (order["order_sn"], return_sn, compensation)


def test_income_report_pdf_lists_the_refund_adjustment(shopee, shopee_http, shopee_client, mart_id, outlet_id):
    start = shopee.clock.now()
    order_sn, _, _, _ = _refund_after_completion(shopee, shopee_http, shopee_client, outlet_id)
    report_id = ok(shopee_client.call("v2.payment.generate_income_report", shop_id=mart_id,
                                      params={"release_time_from": start, "release_time_to": shopee.clock.now()}))["id"]
    shopee.advance(60)
    link = ok(shopee_client.call("v2.payment.get_income_report", shop_id=mart_id, params={"income_report_id": report_id}))["file_link"]
    pdf = shopee_http.get(httpx.URL(link).raw_path.decode()).content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    summary = shopee_http.get(f"/_emulator/payment/reports/{report_id}").json()["summary"]
    assert "Order adjustments" in text and "Return Refund deduction" in text and order_sn in text
    assert f"Escrow after adjustments: {summary['escrow_amount_after_adjustment']}" in text


def test_compensation_approved_while_another_return_is_open_is_paid_with_the_release(shopee, shopee_http, shopee_client, outlet_id):
    """Two returns of one order: the first auto-refunded and compensated while the second is disputed;
    the compensation waits for the order's escrow and is paid when the second return ends."""
    order = delivered_order(shopee, shopee_http, outlet_id, quantity=2)
    order_sn, line = order["order_sn"], order["items"][0]
    one = [{"item_id": line["item_id"], "model_id": line["model_id"], "quantity": 1}]
    first = request_return(shopee_http, order_sn, items=one, reason="NOT_RECEIPT")["return_sn"]
    second = request_return(shopee_http, order_sn, items=one, reason="ITEM_DAMAGED")["return_sn"]
    ok(dispute(shopee_client, outlet_id, second, 2))
    shopee.advance(3 * 86400 + 60)  # the seller never answered the first: the platform refunds it
    reason = ok(shopee_client.call("v2.returns.get_return_dispute_reason", shop_id=outlet_id, params={"return_sn": first}))
    ok(dispute(shopee_client, outlet_id, first, reason["dispute_reason_list"][0]["dispute_reason"]))  # asks for compensation
    assert shopee_http.post(f"/_emulator/returns/{first}/judge", json={"winner": "seller"}).status_code == 200
    assert shopee.orders.get(order_sn)["order_status"] == "TO_RETURN"
    assert not _wallet_of_order(shopee_client, outlet_id, order_sn)  # nothing released yet, nothing paid

    assert shopee_http.post(f"/_emulator/returns/{second}/judge", json={"winner": "seller"}).status_code == 200
    compensation, release = _wallet_of_order(shopee_client, outlet_id, order_sn)  # newest first
    income = escrow(shopee_client, outlet_id, order_sn)["order_income"]
    assert (release["transaction_type"], release["amount"]) == ("ESCROW_VERIFIED_ADD", income["escrow_amount"])
    refund = Decimal(str(return_detail(shopee_client, outlet_id, first)["refund_amount"]))
    assert (compensation["transaction_type"], compensation["refund_sn"]) == ("ADJUSTMENT_ADD", first)
    assert Decimal(str(compensation["amount"])) == refund == Decimal(str(income["total_adjustment_amount"]))
    assert [a["adjustment_reason"] for a in income["order_adjustment"]] == ["Return Refund compensation"]
