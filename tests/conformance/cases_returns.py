"""Conformance cases: the returns APIs (v2.returns.*)."""
from __future__ import annotations

from typing import Any

from emulator.domains.product.media import solid_png
from emulator.domains.returns import errors
from tests.conformance.cases import Call, Cases, World
from tests.conformance.cases_order import delivered

CASES = Cases()
# APIs of this domain with no case yet; each case added removes its API from here.
PENDING: dict[str, str] = {}

DAY = 86400
EMAIL = "ops@outlet.test"
WAREHOUSE_ONLY = "warehouse validation only; every return here is seller-validated (decisions: Documented fields)"
NO_ACTIVITY = "no bundle deal or add-on activity runs on an emulated order"
NO_VIDEOS = "buyers attach images, never videos, to an emulated return"
RETURN_OPTIONAL = {
    "response.is_arrived_at_warehouse": WAREHOUSE_ONLY,
    "response.follow_up_action_list[]": WAREHOUSE_ONLY,
    "response.activity[]": NO_ACTIVITY,
    "response.buyer_videos[]": NO_VIDEOS,
}
LIST_OPTIONAL = {
    "response.return[].is_arrived_at_warehouse": WAREHOUSE_ONLY,
    "response.return[].follow_up_action_list[]": WAREHOUSE_ONLY,
}
PROOF = {"url": "https://proof.test/unboxing.jpg", "thumbnail": "https://proof.test/unboxing_tn.jpg"}


def new_return(world: World, **body: Any) -> str:
    """A buyer's return request on a delivered order (RETURN_REFUND unless ``solution`` says)."""
    order_sn = delivered(world)
    answer = world.http.post("/_emulator/returns", json={"order_sn": order_sn, "reason": "ITEM_DAMAGED",
                                                         "text_reason": "the carton was crushed",
                                                         "images": ["https://proof.test/buyer.jpg"], **body})
    assert answer.status_code == 200, answer.text
    return str(answer.json()["return_sn"])


def return_act(world: World, return_sn: str, *actions: str, **body: Any) -> None:
    for action in actions:
        answer = world.http.post(f"/_emulator/returns/{return_sn}/{action}", json=body)
        assert answer.status_code == 200, answer.text


def evidence(world: World, return_sn: str, reason_id: int) -> list[dict[str, Any]]:
    """An image_list with a picture for each module the reason requires."""
    reasons = world.ok("v2.returns.get_return_dispute_reason", world.outlet_id, return_sn=return_sn)["dispute_reason_list"]
    modules = next(r for r in reasons if r["dispute_reason"] == str(reason_id))["evidence_module_list"]
    return [{"module_index": m["module_index"], "requirement": m["requirement"], "image_url": [PROOF["url"]]}
            for m in modules if m["is_required"]]


def disputed(world: World) -> str:
    """An approved return the seller disputed as never sent back (46 needs no images), waiting for evidence."""
    return_sn = new_return(world)
    world.ok("v2.returns.accept_offer", world.outlet_id, return_sn=return_sn)
    world.ok("v2.returns.dispute", world.outlet_id, return_sn=return_sn, email=EMAIL, dispute_reason_id=46,
             dispute_text_reason="the parcel never reached the outlet")
    return return_sn


def goods_back(world: World) -> str:
    """A return whose goods came back to the Outlet, waiting for the seller."""
    return_sn = new_return(world)
    world.ok("v2.returns.accept_offer", world.outlet_id, return_sn=return_sn)
    return_act(world, return_sn, "ship_back", "receive")
    return return_sn


def _sn(return_sn: str) -> dict[str, Any]:
    return {"return_sn": return_sn}


@CASES.case("v2.returns.get_return_detail", optional=RETURN_OPTIONAL)
def return_disputed_with_evidence_due(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params=_sn(disputed(world)))


@CASES.case("v2.returns.get_return_detail", optional=RETURN_OPTIONAL)
def return_with_goods_on_the_way(world: World) -> Call:
    return_sn = new_return(world)
    world.ok("v2.returns.accept_offer", world.outlet_id, return_sn=return_sn)
    return_act(world, return_sn, "ship_back")
    return Call(shop_id=world.outlet_id, params=_sn(return_sn))


@CASES.case("v2.returns.get_return_list", optional=LIST_OPTIONAL)
def disputed_and_open_returns(world: World) -> Call:
    disputed(world)
    new_return(world)
    return Call(shop_id=world.outlet_id, params={"page_no": 0, "page_size": 20})


@CASES.case("v2.returns.get_available_solutions")
def solutions_for_a_new_request(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params=_sn(new_return(world)))


@CASES.case("v2.returns.get_return_dispute_reason",
            optional={"response.dispute_reason_list[].sample_evidence[]": "the emulator publishes no sample pictures"})
def reasons_before_acceptance(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params=_sn(new_return(world)))


@CASES.case("v2.returns.get_reverse_tracking_info",
            optional={"response.post_return_logistics_tracking_info[]": WAREHOUSE_ONLY})
def parcel_back_at_the_outlet(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params=_sn(goods_back(world)))


@CASES.case("v2.returns.query_proof", optional={"response.video[]": "upload_proof takes photos only"})
def proof_uploaded(world: World) -> Call:
    return_sn = disputed(world)
    world.ok("v2.returns.upload_proof", world.outlet_id, return_sn=return_sn, photo=[PROOF], description="unboxing")
    return Call(shop_id=world.outlet_id, params=_sn(return_sn))


@CASES.case("v2.returns.upload_proof")
def upload_evidence(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={**_sn(disputed(world)), "photo": [PROOF], "description": "unboxing"})


@CASES.case("v2.returns.convert_image",
            lenient={"return_sn": "a multipart form carries text: a number reads as a return_sn that does not exist"})
def convert_a_proof_picture(world: World) -> Call:
    files = [("upload_image", ("proof.png", solid_png((10, 120, 10)), "image/png"))]
    return Call(shop_id=world.outlet_id, params=_sn(disputed(world)), files=files)


@CASES.case("v2.returns.offer")
def counter_with_a_partial_refund(world: World) -> Call:
    return_sn = new_return(world, solution="REFUND")
    return Call(shop_id=world.outlet_id, params={**_sn(return_sn), "proposed_solution": "REFUND",
                                                 "proposed_adjusted_refund_amount": 1000})


@CASES.case("v2.returns.accept_offer")
def accept_the_buyers_request(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params=_sn(new_return(world)))


@CASES.case("v2.returns.confirm")
def refund_after_the_goods_came_back(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params=_sn(goods_back(world)))


@CASES.case("v2.returns.dispute")
def dispute_the_request(world: World) -> Call:
    return_sn = new_return(world)
    return Call(shop_id=world.outlet_id, params={**_sn(return_sn), "email": EMAIL, "dispute_reason_id": 2,
                                                 "image_list": evidence(world, return_sn, 2),
                                                 "dispute_text_reason": "the goods left the outlet intact"})


@CASES.case("v2.returns.cancel_dispute")
def withdraw_a_compensation_request(world: World) -> Call:
    return_sn = new_return(world, solution="REFUND")
    world.emulator.advance(3 * DAY)
    reasons = world.ok("v2.returns.get_return_dispute_reason", world.outlet_id, return_sn=return_sn)
    reason_id = int(reasons["dispute_reason_list"][0]["dispute_reason"])
    world.ok("v2.returns.dispute", world.outlet_id, return_sn=return_sn, email=EMAIL, dispute_reason_id=reason_id,
             image_list=evidence(world, return_sn, reason_id))
    return Call(shop_id=world.outlet_id, params={**_sn(return_sn), "email": EMAIL})


# Seller-arranged returns are TW/BR only (decisions: Returns): both APIs answer their page's refusal
@CASES.case("v2.returns.get_shipping_carrier",
            refusal=("returns.missing_reverse_logistics_carrier_list", errors.NO_CARRIER_LIST))
def carriers_of_a_buyer_shipped_return(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params=_sn(new_return(world)))


@CASES.case("v2.returns.upload_shipping_proof",
            refusal=("returns.new_seller_arrange_flow_disabled", errors.SELLER_ARRANGE_DISABLED))
def shipping_proof_of_a_buyer_shipped_return(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={**_sn(new_return(world)), "reverse_logistics_carrier_id": 1,
                                                 "tracking_number": "RT12345678901"})
