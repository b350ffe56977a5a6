"""Returns through their status flows, driven by the control plane and checked through the API."""
from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import ok
from tests.domains.order_helpers import detail, stock_of
from tests.domains.return_helpers import (
    DAY, delivered_order, dispute, new_return, request_return, return_act, return_detail, seller,
)


def _refund_of(order):
    return sum(Decimal(line["model_discounted_price"]) * line["quantity"] for line in order["items"])


def test_return_refund_happy_path_restocks_and_refunds_order_prices(shopee, shopee_http, shopee_client, outlet_id):
    order, return_sn = new_return(shopee, shopee_http, outlet_id, solution="RETURN_REFUND", text_reason="bruised")
    line = order["items"][0]
    before = stock_of(shopee, line["item_id"], line["model_id"])["stock"]
    assert detail(shopee_client, outlet_id, order["order_sn"])["order_status"] == "TO_RETURN"
    ok(seller(shopee_client, "accept_offer", outlet_id, return_sn))
    shown = return_detail(shopee_client, outlet_id, return_sn)
    assert (shown["status"], shown["logistics_status"]) == ("PROCESSING", "LOGISTICS_PENDING_ARRANGE")
    return_act(shopee_http, return_sn, "ship_back")
    shopee.advance(3600)
    return_act(shopee_http, return_sn, "receive")
    assert stock_of(shopee, line["item_id"], line["model_id"])["stock"] == before + line["quantity"]
    shown = return_detail(shopee_client, outlet_id, return_sn)
    assert shown["return_seller_due_date"] == shopee.clock.now() + 3 * DAY
    assert ok(seller(shopee_client, "confirm", outlet_id, return_sn)) == {"return_sn": return_sn}
    shown = return_detail(shopee_client, outlet_id, return_sn)
    assert shown["status"] == "ACCEPTED"
    assert Decimal(str(shown["refund_amount"])) == _refund_of(order)
    assert shown["item"][0]["amount"] == line["quantity"]
    assert detail(shopee_client, outlet_id, order["order_sn"])["order_status"] == "COMPLETED"


def test_confirm_refund_only_accepts_without_goods_back(shopee, shopee_http, shopee_client, outlet_id):
    order, return_sn = new_return(shopee, shopee_http, outlet_id, reason="NOT_RECEIPT")
    line = order["items"][0]
    before = stock_of(shopee, line["item_id"], line["model_id"])["stock"]
    ok(seller(shopee_client, "confirm", outlet_id, return_sn))
    shown = return_detail(shopee_client, outlet_id, return_sn)
    assert (shown["status"], shown["return_solution"], shown["needs_logistics"]) == ("ACCEPTED", 1, False)
    assert stock_of(shopee, line["item_id"], line["model_id"])["stock"] == before


def test_request_return_of_part_of_an_order_refunds_that_part(shopee, shopee_http, shopee_client, outlet_id):
    order = delivered_order(shopee, shopee_http, outlet_id, quantity=3)
    line = order["items"][0]
    items = [{"item_id": line["item_id"], "model_id": line["model_id"], "quantity": 1}]
    first = request_return(shopee_http, order["order_sn"], items=items)["return_sn"]
    second = request_return(shopee_http, order["order_sn"])["return_sn"]
    amounts = [return_detail(shopee_client, outlet_id, sn)["item"][0]["amount"] for sn in (first, second)]
    assert amounts == [1, 2]
    refunds = [Decimal(str(return_detail(shopee_client, outlet_id, sn)["refund_amount"])) for sn in (first, second)]
    assert sum(refunds) == _refund_of(order)


def test_return_publishes_status_changes(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id, solution="REFUND")
    ok(seller(shopee_client, "confirm", outlet_id, return_sn))
    changes = [(ev.data["old"], ev.data["new"]) for ev in shopee.bus.recent if ev.name == "return.status_changed" and ev.data["return_sn"] == return_sn]
    assert changes == [(None, "REQUESTED"), ("REQUESTED", "ACCEPTED")]


def test_dispute_goes_to_judging_and_shopee_decides_for_the_seller(shopee, shopee_http, shopee_client, outlet_id):
    order, return_sn = new_return(shopee, shopee_http, outlet_id)
    ok(seller(shopee_client, "accept_offer", outlet_id, return_sn))  # PROCESSING: 46 needs no images
    reasons = ok(shopee_client.call("v2.returns.get_return_dispute_reason", shop_id=outlet_id, params={"return_sn": return_sn}))
    reason = reasons["dispute_reason_list"][0]
    assert reason["evidence_module_list"][0]["module_index"] == 1
    answer = ok(seller(shopee_client, "dispute", outlet_id, return_sn, email="ops@outlet.test", dispute_reason_id=reason["dispute_reason"],
                       dispute_text_reason="goods were fine"))
    assert answer == {"return_sn": return_sn, "msg": "dispute return success"}
    shown = return_detail(shopee_client, outlet_id, return_sn)
    assert (shown["status"], shown["seller_proof"]["seller_proof_status"]) == ("SELLER_DISPUTE", "PENDING")
    assert shown["due_date"] == shown["seller_proof"]["seller_evidence_deadline"] == shopee.clock.now() + 3 * DAY
    assert shown["dispute_reason"] == [reason["dispute_reason"]]
    photo = {"url": "https://proof.test/1.jpg", "thumbnail": "https://proof.test/1_tn.jpg"}
    ok(seller(shopee_client, "upload_proof", outlet_id, return_sn, photo=[photo], description="unboxing"))
    proof = ok(shopee_client.call("v2.returns.query_proof", shop_id=outlet_id, params={"return_sn": return_sn}))
    assert proof == {"image": [photo], "video": [], "description": "unboxing"}
    assert return_detail(shopee_client, outlet_id, return_sn)["status"] == "JUDGING"
    return_act(shopee_http, return_sn, "judge", winner="seller")
    assert return_detail(shopee_client, outlet_id, return_sn)["status"] == "CLOSED"
    assert detail(shopee_client, outlet_id, order["order_sn"])["order_status"] == "COMPLETED"


@pytest.mark.parametrize("with_images", [True, False])
def test_dispute_terminates_the_negotiation_with_or_without_images(shopee, shopee_http, shopee_client, outlet_id, with_images):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    if with_images:
        ok(dispute(shopee_client, outlet_id, return_sn, 2))
    else:
        ok(seller(shopee_client, "accept_offer", outlet_id, return_sn))
        ok(seller(shopee_client, "dispute", outlet_id, return_sn, email="ops@outlet.test", dispute_reason_id=46))
    shown = return_detail(shopee_client, outlet_id, return_sn)
    assert shown["status"] == ("JUDGING" if with_images else "SELLER_DISPUTE")
    assert (shown["negotiation"]["negotiation_status"], shown["negotiation"]["offer_due_date"]) == ("TERMINATED", 0)
    now = shopee.clock.now()
    window = {"create_time_from": now - DAY, "create_time_to": now, "page_no": 0, "page_size": 50}
    for status, listed in (("PENDING_RESPOND", False), ("TERMINATED", True)):
        page = ok(shopee_client.call("v2.returns.get_return_list", shop_id=outlet_id, params={**window, "negotiation_status": status}))
        assert (return_sn in [r["return_sn"] for r in page["return"]]) is listed


def test_dispute_decided_for_the_buyer_refunds(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id, reason="NOT_RECEIPT")
    ok(dispute(shopee_client, outlet_id, return_sn, 1))
    assert return_detail(shopee_client, outlet_id, return_sn)["status"] == "JUDGING"
    return_act(shopee_http, return_sn, "judge", winner="buyer")
    assert return_detail(shopee_client, outlet_id, return_sn)["status"] == "ACCEPTED"


def test_dispute_without_evidence_goes_to_judging_when_the_evidence_is_overdue(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    ok(seller(shopee_client, "accept_offer", outlet_id, return_sn))
    ok(seller(shopee_client, "dispute", outlet_id, return_sn, email="ops@outlet.test", dispute_reason_id=46))
    shopee.advance(3 * DAY)
    shown = return_detail(shopee_client, outlet_id, return_sn)
    assert (shown["status"], shown["seller_proof"]["seller_proof_status"]) == ("JUDGING", "OVERDUE")


def test_offer_partial_refund_accepted_by_buyer(shopee, shopee_http, shopee_client, outlet_id):
    order, return_sn = new_return(shopee, shopee_http, outlet_id)
    solutions = ok(shopee_client.call("v2.returns.get_available_solutions", shop_id=outlet_id, params={"return_sn": return_sn}))
    assert solutions["offer_refund"]["max_refund_amount"] == float(_refund_of(order))
    half = int(_refund_of(order) / 2)
    ok(seller(shopee_client, "offer", outlet_id, return_sn, proposed_solution="REFUND", proposed_adjusted_refund_amount=half))
    negotiation = return_detail(shopee_client, outlet_id, return_sn)["negotiation"]
    assert (negotiation["negotiation_status"], negotiation["latest_offer_amount"], negotiation["counter_limit"]) == ("PENDING_BUYER_RESPOND", half, 2)
    return_act(shopee_http, return_sn, "accept_offer")
    shown = return_detail(shopee_client, outlet_id, return_sn)
    assert (shown["status"], shown["refund_amount"], shown["return_solution"]) == ("ACCEPTED", half, 1)


def test_offer_rejected_with_counter_offer_that_the_seller_accepts(shopee, shopee_http, shopee_client, outlet_id):
    order, return_sn = new_return(shopee, shopee_http, outlet_id)
    full = int(_refund_of(order))
    ok(seller(shopee_client, "offer", outlet_id, return_sn, proposed_solution="REFUND", proposed_adjusted_refund_amount=full // 4))
    return_act(shopee_http, return_sn, "reject_offer", solution="REFUND", amount=full // 2)
    negotiation = return_detail(shopee_client, outlet_id, return_sn)["negotiation"]
    assert (negotiation["negotiation_status"], negotiation["latest_offer_amount"]) == ("PENDING_RESPOND", full // 2)
    ok(seller(shopee_client, "accept_offer", outlet_id, return_sn))
    assert return_detail(shopee_client, outlet_id, return_sn)["refund_amount"] == full // 2


def test_offer_left_unanswered_by_the_buyer_closes_the_return(shopee, shopee_http, shopee_client, outlet_id):
    order, return_sn = new_return(shopee, shopee_http, outlet_id)
    ok(seller(shopee_client, "offer", outlet_id, return_sn, proposed_solution="REFUND", proposed_adjusted_refund_amount=1000))
    shopee.advance(2 * DAY)
    assert return_detail(shopee_client, outlet_id, return_sn)["status"] == "CLOSED"


def test_seller_silence_auto_accepts_a_refund_at_the_due_date(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id, solution="REFUND")
    due = return_detail(shopee_client, outlet_id, return_sn)["due_date"]
    shopee.advance(due - shopee.clock.now() - 1)
    assert return_detail(shopee_client, outlet_id, return_sn)["status"] == "REQUESTED"
    shopee.advance(1)
    shown = return_detail(shopee_client, outlet_id, return_sn)
    assert shown["status"] == "ACCEPTED"
    assert shown["seller_compensation"]["seller_compensation_status"] == "COMPENSATION_PENDING_REQUEST"


def test_seller_silence_auto_approves_a_return_then_refunds_after_receipt(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    shopee.advance(3 * DAY)
    assert return_detail(shopee_client, outlet_id, return_sn)["status"] == "PROCESSING"
    return_act(shopee_http, return_sn, "ship_back", tracking_number="RTTEST1")
    return_act(shopee_http, return_sn, "receive")
    tracking = ok(shopee_client.call("v2.returns.get_reverse_tracking_info", shop_id=outlet_id, params={"return_sn": return_sn}))
    assert (tracking["tracking_number"], tracking["reverse_logistics_status"]) == ("RTTEST1", "LOGISTICS_DELIVERY_DONE")
    shopee.advance(3 * DAY)
    assert return_detail(shopee_client, outlet_id, return_sn)["status"] == "ACCEPTED"


def test_return_not_shipped_back_in_time_is_closed(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    ok(seller(shopee_client, "accept_offer", outlet_id, return_sn))
    shopee.advance(3 * DAY)
    assert return_detail(shopee_client, outlet_id, return_sn)["status"] == "CLOSED"


def test_buyer_cancels_a_requested_return(shopee, shopee_http, shopee_client, outlet_id):
    order, return_sn = new_return(shopee, shopee_http, outlet_id)
    return_act(shopee_http, return_sn, "cancel")
    assert return_detail(shopee_client, outlet_id, return_sn)["status"] == "CANCELLED"
    assert detail(shopee_client, outlet_id, order["order_sn"])["order_status"] == "COMPLETED"


def test_compensation_dispute_after_auto_refund_can_be_cancelled(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id, solution="REFUND")
    shopee.advance(3 * DAY)
    reason = ok(shopee_client.call("v2.returns.get_return_dispute_reason", shop_id=outlet_id, params={"return_sn": return_sn}))
    reason_id = reason["dispute_reason_list"][0]["dispute_reason"]
    ok(dispute(shopee_client, outlet_id, return_sn, reason_id))
    compensation = return_detail(shopee_client, outlet_id, return_sn)["seller_compensation"]
    assert compensation["seller_compensation_status"] == "COMPENSATION_REQUESTED"
    answer = ok(seller(shopee_client, "cancel_dispute", outlet_id, return_sn, email="ops@outlet.test"))
    assert answer == {"return_sn": return_sn, "message": "SUCCESS"}
    compensation = return_detail(shopee_client, outlet_id, return_sn)["seller_compensation"]
    assert compensation["seller_compensation_status"] == "COMPENSATION_CANCELLED"


def test_readme_refund_a_return(shopee, shopee_client):
    outlet = shopee.shops.marts()[0]["outlet_shop_ids"][0]
    item = next(d for d in shopee.store.collection("items").values() if d["kind"] == "outlet" and d["shop_id"] == outlet)
    order = shopee.orders.create(outlet, [{"item_id": item["item_id"], "model_id": item["models"][0]["model_id"], "quantity": 2}], paid=True)
    for action in ("ship", "pickup", "deliver"):
        shopee.orders.act(order["order_sn"], action)
    ret = shopee.returns.request(order["order_sn"], reason="ITEM_DAMAGED", solution="RETURN_REFUND")
    shopee_client.call("v2.returns.accept_offer", shop_id=outlet, body={"return_sn": ret["return_sn"]})
    shopee.returns.act(ret["return_sn"], "ship_back")
    shopee.returns.act(ret["return_sn"], "receive")
    shopee.advance(3 * 86400)
    assert shopee.returns.find(ret["return_sn"])["status"] == "ACCEPTED"


@pytest.mark.shopee_world("th")
def test_th_return_refunds_in_satang_exactly(shopee, shopee_http, shopee_client, outlet_id):
    order, return_sn = new_return(shopee, shopee_http, outlet_id)
    shown = return_detail(shopee_client, outlet_id, return_sn)
    assert shown["currency"] == "THB"
    assert Decimal(str(shown["refund_amount"])) == _refund_of(order)
    ok(seller(shopee_client, "offer", outlet_id, return_sn, proposed_solution="REFUND", proposed_adjusted_refund_amount=10.25))
    assert return_detail(shopee_client, outlet_id, return_sn)["negotiation"]["latest_offer_amount"] == 10.25


@pytest.mark.shopee_world("th")
def test_th_offer_with_three_decimals_refused(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    answer = seller(shopee_client, "offer", outlet_id, return_sn, proposed_solution="REFUND", proposed_adjusted_refund_amount=10.255)
    assert (answer["error"], answer["message"]) == ("error_param", "The proposed adjusted refund amount only accepts 2 digit(s) after decimal point")
