"""A refunded return comes off the escrow the order releases."""
from __future__ import annotations

from decimal import Decimal

from tests.conftest import ok
from tests.domains.payment_helpers import escrow, reconciled
from tests.domains.return_helpers import delivered_order, request_return, return_detail, seller


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
