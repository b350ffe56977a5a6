"""Refusals of the return APIs and the control plane, with the platform's codes and strings."""
from __future__ import annotations

import pytest

from emulator.domains.product.media import solid_png
from tests.conftest import JSON, ok
from tests.domains.return_helpers import (
    DAY, awaiting_proof, delivered_order, dispute, evidence, new_return, request_return, return_act, return_detail, seller,
)

SN_APIS = ("get_return_detail", "confirm", "offer", "accept_offer", "get_available_solutions", "cancel_dispute")


def _error(answer):
    return answer["error"], answer["message"]


@pytest.mark.parametrize("api", ["get_return_detail", "get_available_solutions", "get_reverse_tracking_info"])
def test_get_apis_unknown_return_sn_not_found(shopee_client, outlet_id, api):
    answer = shopee_client.call(f"v2.returns.{api}", shop_id=outlet_id, params={"return_sn": "260101NOPE00000"})
    assert _error(answer) == ("error_data", "The return you queried doesn't exist.")


def test_get_return_detail_of_another_shop_not_found(shopee, shopee_http, shopee_client, outlet_ids):
    _, return_sn = new_return(shopee, shopee_http, outlet_ids[0])
    answer = shopee_client.call("v2.returns.get_return_detail", shop_id=outlet_ids[1], params={"return_sn": return_sn})
    assert _error(answer) == ("error_data", "The return you queried doesn't exist.")


def test_get_return_detail_with_mart_shop_id_not_found(shopee, shopee_http, shopee_client, outlet_id, mart_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    answer = shopee_client.call("v2.returns.get_return_detail", shop_id=mart_id, params={"return_sn": return_sn})
    assert _error(answer) == ("error_data", "The return you queried doesn't exist.")


def test_confirm_of_another_shop_changes_nothing(shopee, shopee_http, shopee_client, outlet_ids):
    _, return_sn = new_return(shopee, shopee_http, outlet_ids[0])
    answer = seller(shopee_client, "confirm", outlet_ids[1], return_sn)
    assert _error(answer) == ("error_data", "The return you queried doesn't exist.")
    assert return_detail(shopee_client, outlet_ids[0], return_sn)["status"] == "REQUESTED"


def test_confirm_wrong_status_refused(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    return_act(shopee_http, return_sn, "cancel")
    assert _error(seller(shopee_client, "confirm", outlet_id, return_sn)) == ("error_data", "Invalid return status: CANCELLED")


def test_confirm_during_dispute_refused(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    ok(dispute(shopee_client, outlet_id, return_sn, 2))
    answer = seller(shopee_client, "confirm", outlet_id, return_sn)
    assert _error(answer) == ("error_data", "Shopee is reviewing the case and will get back to you.")


def test_dispute_unknown_return_sn_refused(shopee_client, outlet_id):
    answer = seller(shopee_client, "dispute", outlet_id, "260101NOPE00000", email="ops@outlet.test", dispute_reason_id=2)
    assert _error(answer) == ("dispute.request.param.error", "The return_sn you requested was not queried, please check it")


def test_get_return_dispute_reason_unknown_return_sn_refused(shopee_client, outlet_id):
    answer = shopee_client.call("v2.returns.get_return_dispute_reason", shop_id=outlet_id, params={"return_sn": "260101NOPE00000"})
    assert _error(answer) == ("dispute.request.param.error", "The return_sn you requested was not queried, please check it")


@pytest.mark.parametrize(("reason_id", "refusal"), [
    (999, ("error_perm", "invalid dispute_reason.")),  # not offered
    (0, ("dispute.request.param.error", "Can't raise dispute because the dispute reason is empty")),
])
def test_dispute_reason_not_offered_refused(shopee, shopee_http, shopee_client, outlet_id, reason_id, refusal):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    answer = seller(shopee_client, "dispute", outlet_id, return_sn, email="ops@outlet.test", dispute_reason_id=reason_id)
    assert _error(answer) == refusal
    assert return_detail(shopee_client, outlet_id, return_sn)["status"] == "REQUESTED"


@pytest.mark.parametrize(("email", "expected"), [
    ("", ("dispute.request.param.error", "Input invalid email=[]")),
    ("not-an-email", ("error_perm", "invalid email : not-an-email.")),
    (" ops@outlet.test", ("error_perm", "invalid email :  ops@outlet.test.")),
    ("a" * 9990 + "@outlet.test", ("error_param", "Wrong parameters, detail: email should be at most 254 characters.")),
])
def test_dispute_bad_email_refused(shopee, shopee_http, shopee_client, outlet_id, email, expected):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    assert _error(seller(shopee_client, "dispute", outlet_id, return_sn, email=email, dispute_reason_id=2)) == expected


def _images(return_sn, shopee_client, shop_id):
    """Reason 2's modules: 1 required, 2 optional, with their requirement texts."""
    required, = evidence(shopee_client, shop_id, return_sn, 2)
    reasons = ok(shopee_client.call("v2.returns.get_return_dispute_reason", shop_id=shop_id, params={"return_sn": return_sn}))
    optional = next(r for r in reasons["dispute_reason_list"] if r["dispute_reason"] == "2")["evidence_module_list"][1]
    assert (required["module_index"], optional["module_index"], optional["is_required"]) == (1, 2, False)
    return required, {"module_index": 2, "requirement": optional["requirement"], "image_url": ["https://proof.test/chat.jpg"]}


MISMATCH = "can't raise dispute because the requirement and dispute reason ID does not match"


@pytest.mark.parametrize("case, message", [
    ("four_urls", "Invalid images, images max size is 3 per module"),
    ("unknown_module", MISMATCH),
    ("only_optional", "Unable to raise dispute as mandatory module index is missing"),
    ("wrong_requirement", MISMATCH),
    ("no_image_list", "can't raise dispute because mandatory evidence is missing"),
    ("empty_image_list", "can't raise dispute because mandatory evidence is missing"),
    ("required_without_urls", "can't raise dispute because mandatory evidence is missing"),
])
def test_dispute_image_list_checked_against_the_reason(shopee, shopee_http, shopee_client, outlet_id, case, message):
    _, return_sn = new_return(shopee, shopee_http, outlet_id, solution="RETURN_REFUND")
    required, optional = _images(return_sn, shopee_client, outlet_id)
    urls = [f"https://proof.test/{n}.jpg" for n in range(4)]
    image_list = {
        "four_urls": [{**required, "image_url": urls}],
        "unknown_module": [required, {**optional, "module_index": 9}],
        "only_optional": [optional],
        "wrong_requirement": [{**required, "requirement": "x"}],
        "no_image_list": None,
        "empty_image_list": [],
        "required_without_urls": [{**required, "image_url": []}, optional],
    }[case]
    body = {} if image_list is None else {"image_list": image_list}
    before = shopee.returns.find(return_sn)
    answer = seller(shopee_client, "dispute", outlet_id, return_sn, email="ops@outlet.test", dispute_reason_id=2, **body)
    assert _error(answer) == ("dispute.request.param.error", message)
    assert shopee.returns.find(return_sn) == before


def test_dispute_three_urls_per_module_accepted(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    required, optional = _images(return_sn, shopee_client, outlet_id)
    urls = [f"https://proof.test/{n}.jpg" for n in range(3)]
    ok(seller(shopee_client, "dispute", outlet_id, return_sn, email="ops@outlet.test", dispute_reason_id=2,
              image_list=[{**required, "image_url": urls}, {**optional, "image_url": urls}]))
    assert return_detail(shopee_client, outlet_id, return_sn)["status"] == "JUDGING"


BAD_URL = "Wrong parameters, detail: image_list[0].image_url[{n}] should be an http or https URL of at most 2048 characters."


@pytest.mark.parametrize("urls, message", [
    # blank entries count toward the 3 as well: padding cannot slip 1001 strings into a module
    ([" "] * 1000 + ["https://proof.test/1.jpg"], ("dispute.request.param.error", "Invalid images, images max size is 3 per module")),
    ([" ", "https://proof.test/1.jpg"], ("error_param", BAD_URL.format(n=0))),
    (["https://proof.test/1.jpg", ""], ("error_param", BAD_URL.format(n=1))),
    (["not a url"], ("error_param", BAD_URL.format(n=0))),
    (["javascript:alert(1)"], ("error_param", BAD_URL.format(n=0))),
    (["ftp://proof.test/1.jpg"], ("error_param", BAD_URL.format(n=0))),
    (["https://"], ("error_param", BAD_URL.format(n=0))),
    (["https://proof.test/" + "a" * 200_000], ("error_param", BAD_URL.format(n=0))),
])
def test_dispute_image_urls_must_be_links(shopee, shopee_http, shopee_client, outlet_id, urls, message):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    required, _ = _images(return_sn, shopee_client, outlet_id)
    before = shopee.returns.find(return_sn)
    answer = seller(shopee_client, "dispute", outlet_id, return_sn, email="ops@outlet.test", dispute_reason_id=2,
                    image_list=[{**required, "image_url": urls}])
    assert _error(answer) == message
    assert shopee.returns.find(return_sn) == before


def test_dispute_stores_the_module_text_and_integer_index(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    required, _ = _images(return_sn, shopee_client, outlet_id)
    url = "https://proof.test/" + "a" * 2000
    ok(seller(shopee_client, "dispute", outlet_id, return_sn, email="ops@outlet.test", dispute_reason_id=2,
              image_list=[{"module_index": 1.0, "requirement": f"  {required['requirement']} ", "image_url": [url]}]))
    stored = shopee.returns.find(return_sn)["dispute_images"]
    assert stored == [{"module_index": 1, "requirement": required["requirement"], "image_url": [url]}]
    assert type(stored[0]["module_index"]) is int


@pytest.mark.parametrize("index", [1.5, True, "one"])
def test_dispute_module_index_must_be_an_integer(shopee, shopee_http, shopee_client, outlet_id, index):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    required, _ = _images(return_sn, shopee_client, outlet_id)
    before = shopee.returns.find(return_sn)
    answer = seller(shopee_client, "dispute", outlet_id, return_sn, email="ops@outlet.test", dispute_reason_id=2,
                    image_list=[{**required, "module_index": index}])
    assert _error(answer) == ("error_param", "Wrong parameters, detail: image_list[0].module_index should be an integer.")
    assert shopee.returns.find(return_sn) == before


def test_dispute_not_received_needs_no_images(shopee, shopee_http, shopee_client, outlet_id):
    return_sn = awaiting_proof(shopee, shopee_http, shopee_client, outlet_id)
    shown = return_detail(shopee_client, outlet_id, return_sn)
    assert (shown["status"], shown["seller_proof"]["seller_proof_status"]) == ("SELLER_DISPUTE", "PENDING")


def test_dispute_closed_return_refused(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    return_act(shopee_http, return_sn, "cancel")
    answer = seller(shopee_client, "dispute", outlet_id, return_sn, email="ops@outlet.test", dispute_reason_id=2)
    assert _error(answer) == ("error_return_status", "Cannot raise dispute because return SN is not in REQUESTED, RETURN_PROCESSING, or RETURN_ACCEPTED")


def test_dispute_accepted_by_the_seller_refused(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id, solution="REFUND")
    ok(seller(shopee_client, "confirm", outlet_id, return_sn))
    answer = seller(shopee_client, "dispute", outlet_id, return_sn, email="ops@outlet.test", dispute_reason_id=53)
    assert _error(answer) == ("dispute.rr.not.allow", "dispute.rr.not.allow")


def test_offer_during_dispute_refused(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    ok(dispute(shopee_client, outlet_id, return_sn, 2))
    answer = seller(shopee_client, "offer", outlet_id, return_sn, proposed_solution="REFUND", proposed_adjusted_refund_amount=100)
    assert _error(answer) == ("error_ongoing_dispute", "cannot offer refund to buyer when return has ongoing dispute")


def test_offer_after_acceptance_refused(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    ok(seller(shopee_client, "confirm", outlet_id, return_sn))
    answer = seller(shopee_client, "offer", outlet_id, return_sn, proposed_solution="REFUND", proposed_adjusted_refund_amount=100)
    assert _error(answer) == ("error_return_status", "The return status cannot support this action")


def test_offer_while_buyer_answers_refused(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    ok(seller(shopee_client, "offer", outlet_id, return_sn, proposed_solution="REFUND", proposed_adjusted_refund_amount=100))
    answer = seller(shopee_client, "offer", outlet_id, return_sn, proposed_solution="REFUND", proposed_adjusted_refund_amount=200)
    assert _error(answer) == ("error_negotiation_status", "The negotiation status cannot support this action")


@pytest.mark.parametrize(("amount", "message"), [
    (None, "Please fill a value for proposed adjusted refund amount"),
    (-5, "The proposed adjusted refund amount must be positive"),
    (10**9, "The proposed adjusted refund amount can not exceed max refund amount"),
    (100.5, "The proposed adjusted refund amount only accepts 0 digit(s) after decimal point"),
])
def test_offer_bad_amount_refused(shopee, shopee_http, shopee_client, outlet_id, amount, message):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    body = {"proposed_solution": "REFUND"} | ({} if amount is None else {"proposed_adjusted_refund_amount": amount})
    assert _error(seller(shopee_client, "offer", outlet_id, return_sn, **body)) == ("error_param", message)


def test_offer_unknown_solution_refused(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    answer = seller(shopee_client, "offer", outlet_id, return_sn, proposed_solution="SWAP", proposed_adjusted_refund_amount=100)
    assert _error(answer) == ("error_param", "Wrong parameters, detail: proposed_solution should be RETURN_REFUND or REFUND.")


def test_accept_offer_own_offer_refused(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    ok(seller(shopee_client, "offer", outlet_id, return_sn, proposed_solution="REFUND", proposed_adjusted_refund_amount=100))
    assert _error(seller(shopee_client, "accept_offer", outlet_id, return_sn)) == ("err_data", "Cannot accept your own offer.")


def test_accept_offer_wrong_status_refused(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    return_act(shopee_http, return_sn, "cancel")
    answer = seller(shopee_client, "accept_offer", outlet_id, return_sn)
    assert _error(answer) == ("error_return_status", "The return status cannot support this action")


@pytest.mark.parametrize("compensation", ["none", "requested_then_cancelled"])
def test_cancel_dispute_not_eligible_refused(shopee, shopee_http, shopee_client, outlet_id, compensation):
    _, return_sn = new_return(shopee, shopee_http, outlet_id, solution="REFUND")
    if compensation == "none":
        ok(seller(shopee_client, "confirm", outlet_id, return_sn))
        expected = "Cannot cancel dispute because return SN is not eligible for compensation dispute"
    else:
        shopee.advance(3 * DAY)
        ok(dispute(shopee_client, outlet_id, return_sn, 53))
        ok(seller(shopee_client, "cancel_dispute", outlet_id, return_sn, email="ops@outlet.test"))
        expected = "Cannot cancel dispute when compensation status is not in COMPENSATION_REQUESTED"
    answer = seller(shopee_client, "cancel_dispute", outlet_id, return_sn, email="ops@outlet.test")
    assert _error(answer) == ("dispute.cancel.ineligible", expected)


def test_cancel_dispute_before_acceptance_refused(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    answer = seller(shopee_client, "cancel_dispute", outlet_id, return_sn, email="ops@outlet.test")
    assert _error(answer) == ("dispute.cancel.ineligible", "Cannot cancel dispute when return status is not in ACCEPTED")


@pytest.mark.parametrize("body", [{"description": "look"}, {"photo": [{"url": "https://proof.test/1.jpg", "thumbnail": "https://proof.test/1.jpg"}]}])
def test_upload_proof_without_dispute_refused_as_nothing_awaits_proof(shopee, shopee_http, shopee_client, outlet_id, body):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    before = shopee.returns.find(return_sn)
    answer = seller(shopee_client, "upload_proof", outlet_id, return_sn, **body)
    assert _error(answer) == (
        "error_param", "Wrong parameters, detail: return_sn has no dispute awaiting proof (status REQUESTED, seller_proof_status NOT_NEEDED).")
    assert shopee.returns.find(return_sn) == before


def test_upload_proof_after_the_evidence_window_is_overdue(shopee, shopee_http, shopee_client, outlet_id):
    return_sn = awaiting_proof(shopee, shopee_http, shopee_client, outlet_id)
    shopee.advance(3 * DAY)
    answer = seller(shopee_client, "upload_proof", outlet_id, return_sn, description="look")
    assert _error(answer) == ("proof.overdue", "proof is overdue")


PHOTO = {"url": "https://proof.test/1.jpg", "thumbnail": "https://proof.test/1_tn.jpg"}


@pytest.mark.parametrize("photo", [
    {"url": "", "thumbnail": ""},
    {"url": " ", "thumbnail": "https://proof.test/1_tn.jpg"},
    {"url": "https://proof.test/1.jpg", "thumbnail": ""},
    {"url": "javascript:alert(1)", "thumbnail": "https://proof.test/1_tn.jpg"},
    {"url": "https://proof.test/" + "a" * 3000, "thumbnail": "https://proof.test/1_tn.jpg"},
])
def test_upload_proof_refuses_what_is_no_link(shopee, shopee_http, shopee_client, outlet_id, photo):
    return_sn = awaiting_proof(shopee, shopee_http, shopee_client, outlet_id)
    before = shopee.returns.find(return_sn)
    answer = seller(shopee_client, "upload_proof", outlet_id, return_sn, photo=[photo])
    assert _error(answer) == ("format.unsupported", "Not Support Url")
    assert shopee.returns.find(return_sn) == before
    assert return_detail(shopee_client, outlet_id, return_sn)["seller_proof"]["seller_proof_status"] == "PENDING"


def test_upload_proof_blank_description_is_no_proof(shopee, shopee_http, shopee_client, outlet_id):
    return_sn = awaiting_proof(shopee, shopee_http, shopee_client, outlet_id)
    before = shopee.returns.find(return_sn)
    assert _error(seller(shopee_client, "upload_proof", outlet_id, return_sn, description="  ")) == ("no.proof", "no proof")
    assert shopee.returns.find(return_sn) == before


def test_upload_proof_description_bounded(shopee, shopee_http, shopee_client, outlet_id):
    return_sn = awaiting_proof(shopee, shopee_http, shopee_client, outlet_id)
    before = shopee.returns.find(return_sn)
    answer = seller(shopee_client, "upload_proof", outlet_id, return_sn, description="x" * 200_000)
    assert _error(answer) == ("error_param", "Wrong parameters, detail: description should be at most 5000 characters.")
    assert shopee.returns.find(return_sn) == before
    ok(seller(shopee_client, "upload_proof", outlet_id, return_sn, description="x" * 5000))


def test_upload_proof_caps_the_stored_photos_at_nine(shopee, shopee_http, shopee_client, outlet_id):
    return_sn = awaiting_proof(shopee, shopee_http, shopee_client, outlet_id)
    assert _error(seller(shopee_client, "upload_proof", outlet_id, return_sn, photo=[PHOTO] * 10)) == ("number.error", "not support entry count")
    ok(seller(shopee_client, "upload_proof", outlet_id, return_sn, photo=[PHOTO]))
    before = shopee.returns.find(return_sn)
    answer = seller(shopee_client, "upload_proof", outlet_id, return_sn, photo=[PHOTO] * 9)
    assert _error(answer) == ("number.error", "not support entry count")
    assert shopee.returns.find(return_sn) == before
    ok(seller(shopee_client, "upload_proof", outlet_id, return_sn, photo=[PHOTO] * 8))
    proof = ok(shopee_client.call("v2.returns.query_proof", shop_id=outlet_id, params={"return_sn": return_sn}))
    assert len(proof["image"]) == 9


def test_upload_proof_unknown_return_refused(shopee_client, outlet_id):
    answer = seller(shopee_client, "upload_proof", outlet_id, "260101NOPE00000", description="look")
    assert _error(answer) == ("returnsn.illegal", "return sn is illegal")


def test_get_shipping_carrier_has_no_seller_arranged_carriers(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    answer = shopee_client.call("v2.returns.get_shipping_carrier", shop_id=outlet_id, params={"return_sn": return_sn})
    assert _error(answer) == ("returns.missing_reverse_logistics_carrier_list", "No reverse logistics carrier list available")


def test_upload_shipping_proof_refused_without_seller_arrange(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    answer = seller(shopee_client, "upload_shipping_proof", outlet_id, return_sn, reverse_logistics_carrier_id=1)
    assert _error(answer) == ("returns.new_seller_arrange_flow_disabled", "New seller arrange flow is not enabled")


def test_upload_shipping_proof_unknown_return_refused(shopee_client, outlet_id):
    answer = seller(shopee_client, "upload_shipping_proof", outlet_id, "260101NOPE00000", reverse_logistics_carrier_id=1)
    assert _error(answer) == ("returns.return_not_found", "Return not found")


def _convert(shopee_client, shopee_http, shop_id, return_sn, file):
    _, path, query = shopee_client.signed_query("v2.returns.convert_image", shop_id)
    return shopee_http.post(path, params=query, data={"return_sn": return_sn}, files=[("upload_image", file)]).json()


def test_convert_image_answers_a_served_url(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    answer = ok(_convert(shopee_client, shopee_http, outlet_id, return_sn, ("proof.png", solid_png((9, 9, 9)), "image/png")))
    assert answer["thumbnail"] == answer["url"]
    assert shopee_http.get(answer["url"]).content == solid_png((9, 9, 9))


def test_convert_image_wrong_format_refused(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    answer = _convert(shopee_client, shopee_http, outlet_id, return_sn, ("proof.gif", b"GIF89a....", "image/gif"))
    assert _error(answer) == ("format.unsupport", "The Image Format Not Support")


# -- the control plane -------------------------------------------------------------------------------
def _post(shopee_http, path, body):
    return shopee_http.post(path, json=body)


def test_request_return_on_undelivered_order_refused(shopee, shopee_http, outlet_id):
    from tests.domains.order_helpers import outlet_item, place
    order = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)
    answer = _post(shopee_http, "/_emulator/returns", {"order_sn": order["order_sn"]})
    assert answer.status_code == 400
    assert answer.json()["error"] == "error_return_status"


def test_request_return_after_the_window_refused(shopee, shopee_http, outlet_id):
    order = delivered_order(shopee, shopee_http, outlet_id)
    shopee.advance(3 * DAY + 1)
    answer = _post(shopee_http, "/_emulator/returns", {"order_sn": order["order_sn"]})
    assert answer.status_code == 400
    assert "return window" in answer.json()["message"]


def test_request_return_more_than_ordered_refused(shopee, shopee_http, outlet_id):
    order = delivered_order(shopee, shopee_http, outlet_id, quantity=1)
    request_return(shopee_http, order["order_sn"])
    answer = _post(shopee_http, "/_emulator/returns", {"order_sn": order["order_sn"]})
    assert answer.status_code == 400
    assert "already in a return" in answer.json()["message"]


def test_request_return_unknown_order_not_found(shopee_http):
    answer = _post(shopee_http, "/_emulator/returns", {"order_sn": "260101NOPE0000"})
    assert (answer.status_code, answer.json()["error"]) == (404, "not_found")


@pytest.mark.parametrize("body", [
    {}, {"order_sn": 5}, {"order_sn": "X", "items": "all"}, {"order_sn": "X", "items": [1]},
    {"order_sn": "X", "items": [{"item_id": "a"}]}, {"order_sn": "X", "items": [{"item_id": 1.5}]},
    {"order_sn": "X", "images": [1]}, {"order_sn": "X", "reason": ["x"]},
])
def test_request_return_malformed_body_refused(shopee_http, body):
    assert _post(shopee_http, "/_emulator/returns", body).status_code == 400


@pytest.mark.parametrize("body", [
    {"reason": "BORED"}, {"solution": "SWAP"}, {"items": [{"item_id": 1, "quantity": 1}]}, {"items": [{"item_id": 0, "quantity": 0}]},
])
def test_request_return_bad_values_refused(shopee, shopee_http, outlet_id, body):
    order = delivered_order(shopee, shopee_http, outlet_id)
    line = order["items"][0]
    if body.get("items") and body["items"][0]["item_id"] == 0:
        body = {"items": [{"item_id": line["item_id"], "model_id": line["model_id"], "quantity": 0}]}
    answer = _post(shopee_http, "/_emulator/returns", {"order_sn": order["order_sn"], **body})
    assert (answer.status_code, answer.json()["error"]) == (400, "error_param")


def test_return_action_unknown_action_refused(shopee, shopee_http, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    answer = _post(shopee_http, f"/_emulator/returns/{return_sn}/teleport", {})
    assert answer.status_code == 400
    assert "unknown action" in answer.json()["message"]


def test_return_action_wrong_status_refused(shopee, shopee_http, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    answer = _post(shopee_http, f"/_emulator/returns/{return_sn}/ship_back", {})
    assert (answer.status_code, answer.json()["error"]) == (400, "error_return_status")


@pytest.mark.parametrize(("action", "body"), [
    ("judge", {"winner": 1}), ("judge", {"winner": "nobody"}), ("reject_offer", {"amount": "lots"}), ("reject_offer", {"amount": 1.5}),
    ("ship_back", {"tracking_number": 7}), ("reject_offer", '{"amount": NaN}'), ("cancel", "[1]"), ("cancel", "{"),
])
def test_return_action_bad_options_refused(shopee, shopee_http, outlet_id, action, body):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    path = f"/_emulator/returns/{return_sn}/{action}"
    answer = shopee_http.post(path, content=body, headers=JSON) if isinstance(body, str) else _post(shopee_http, path, body)
    assert answer.status_code == 400


def test_return_action_unknown_return_not_found(shopee_http):
    answer = _post(shopee_http, "/_emulator/returns/260101NOPE00000/cancel", {})
    assert (answer.status_code, answer.json()["error"]) == (404, "not_found")


def test_get_return_control_shows_the_stored_document(shopee, shopee_http, outlet_id):
    order, return_sn = new_return(shopee, shopee_http, outlet_id)
    answer = shopee_http.get(f"/_emulator/returns/{return_sn}").json()
    assert (answer["order_sn"], answer["status"], answer["return"]["return_sn"]) == (order["order_sn"], "REQUESTED", return_sn)
    assert shopee_http.get("/_emulator/returns/nope").status_code == 404


def test_dispute_text_reason_bounded(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    required, _ = _images(return_sn, shopee_client, outlet_id)
    answer = seller(shopee_client, "dispute", outlet_id, return_sn, email="seller@outlet.test", dispute_reason_id=2,
                    dispute_text_reason="x" * 5001, image_list=[required])
    assert _error(answer) == ("error_param", "Wrong parameters, detail: dispute_text_reason should be at most 5000 characters.")
    assert shopee.returns.find(return_sn)["status"] == "REQUESTED"


def test_offer_of_a_solution_get_available_solutions_withholds_is_refused(shopee, shopee_http, shopee_client, outlet_id):
    """A claim that the goods never arrived cannot be answered with "send them back"."""
    _, return_sn = new_return(shopee, shopee_http, outlet_id, reason="NOT_RECEIPT")
    solutions = ok(shopee_client.call("v2.returns.get_available_solutions", shop_id=outlet_id, params={"return_sn": return_sn}))
    assert solutions["offer_return_refund"]["eligibility"] is False
    answer = seller(shopee_client, "offer", outlet_id, return_sn, proposed_solution="RETURN_REFUND", proposed_adjusted_refund_amount=1000)
    assert _error(answer) == ("error_param", "This proposed solution is not one of the available solutions for this return.")
    assert return_detail(shopee_client, outlet_id, return_sn)["negotiation"]["negotiation_status"] == "PENDING_RESPOND"


@pytest.mark.parametrize("api", ["dispute", "get_return_dispute_reason"])
def test_dispute_apis_name_a_blank_return_sn(shopee_client, outlet_id, api):
    if api == "dispute":
        answer = seller(shopee_client, "dispute", outlet_id, " ", email="ops@outlet.test", dispute_reason_id=2)
    else:
        answer = shopee_client.call("v2.returns.get_return_dispute_reason", shop_id=outlet_id, params={"return_sn": ""})
    assert _error(answer) == ("dispute.request.param.error", "return_sn is a required parameter")
