"""get_return_detail / get_return_list / dispute reasons: the documented 2026 fields, names and types."""
from __future__ import annotations

from tests.conftest import ok
from tests.domains.return_helpers import DAY, dispute, new_return, return_act, return_detail, seller

# Data Definition - SellerProofStatus (v2-data-definition; NOT_NEEDED added by get_return_list's 2024-12-31 update)
SELLER_PROOF_STATUS = {"NOT_NEEDED", "PENDING", "UPLOADED", "OVERDUE"}


def _reasons(shopee_client, shop_id, return_sn):
    answer = shopee_client.call("v2.returns.get_return_dispute_reason", shop_id=shop_id, params={"return_sn": return_sn})
    return ok(answer)["dispute_reason_list"]


def test_get_return_detail_answers_the_2026_fields(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    shown = return_detail(shopee_client, outlet_id, return_sn)
    assert shown["reassessed_request_reason"] == "NONE"
    assert shown["follow_up_action_list"] == [] and "is_arrived_at_warehouse" not in shown
    assert shown["reverse_logistics_status"] == shown["logistics_status"] == "LOGISTICS_NOT_START"
    assert shown["reverse_logistics_channel_name"] == "Instant Return" and "reverse_logistic_channel_name" not in shown
    assert shown["seller_compensation"]["compensation_amount_list"] == {
        "compensation_type": "LOGISTICS_RELATED_COMPENSATION", "compensation_amount": 0,
    }


def test_get_return_detail_reverse_logistics_status_follows_the_parcel(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    ok(seller(shopee_client, "accept_offer", outlet_id, return_sn))
    return_act(shopee_http, return_sn, "ship_back")
    shown = return_detail(shopee_client, outlet_id, return_sn)
    assert shown["reverse_logistics_status"] == shown["logistics_status"] == "LOGISTICS_PICKUP_DONE"


def test_get_return_list_answers_reassessment_and_follow_up(shopee, shopee_http, shopee_client, outlet_id):
    new_return(shopee, shopee_http, outlet_id)
    params = {"page_no": 0, "page_size": 10}
    (entry,) = ok(shopee_client.call("v2.returns.get_return_list", shop_id=outlet_id, params=params))["return"]
    assert (entry["reassessed_request_reason"], entry["follow_up_action_list"]) == ("NONE", [])
    assert entry["dispute_reason"] == [] and entry["dispute_text_reason"] == []


def test_dispute_reasons_are_strings_the_detail_shows_back(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    reasons = _reasons(shopee_client, outlet_id, return_sn)
    assert all(isinstance(r["dispute_reason"], str) for r in reasons)
    ok(dispute(shopee_client, outlet_id, return_sn, reasons[0]["dispute_reason"], dispute_text_reason="goods were fine"))
    shown = return_detail(shopee_client, outlet_id, return_sn)
    assert (shown["dispute_reason"], shown["dispute_text_reason"]) == ([reasons[0]["dispute_reason"]], ["goods were fine"])


def test_seller_proof_status_stays_in_the_documented_enum(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    seen = [return_detail(shopee_client, outlet_id, return_sn)["seller_proof"]["seller_proof_status"]]
    ok(seller(shopee_client, "accept_offer", outlet_id, return_sn))
    ok(seller(shopee_client, "dispute", outlet_id, return_sn, email="ops@outlet.test", dispute_reason_id=46))
    seen.append(return_detail(shopee_client, outlet_id, return_sn)["seller_proof"]["seller_proof_status"])
    shopee.advance(3 * DAY)
    seen.append(return_detail(shopee_client, outlet_id, return_sn)["seller_proof"]["seller_proof_status"])
    assert seen == ["NOT_NEEDED", "PENDING", "OVERDUE"] and set(seen) <= SELLER_PROOF_STATUS
