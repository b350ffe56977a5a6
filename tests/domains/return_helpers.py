"""Helpers shared by the return tests: a delivered order, a return on it, the seller's view."""
from __future__ import annotations

from typing import Any

from emulator.world import Emulator
from tests.conftest import ok
from tests.domains.order_helpers import act, outlet_item, place

DAY = 86400


def delivered_order(shopee: Emulator, shopee_http: Any, outlet_id: int, quantity: int = 2) -> dict[str, Any]:
    order = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), quantity=quantity, paid=True)
    for action in ("ship", "pickup", "deliver"):
        act(shopee_http, order["order_sn"], action)
    return shopee.orders.get(order["order_sn"])


def request_return(shopee_http: Any, order_sn: str, **body: Any) -> dict[str, Any]:
    answer = shopee_http.post("/_emulator/returns", json={"order_sn": order_sn, "reason": "ITEM_DAMAGED", **body})
    assert answer.status_code == 200, answer.text
    return answer.json()


def return_act(shopee_http: Any, return_sn: str, action: str, **body: Any) -> dict[str, Any]:
    answer = shopee_http.post(f"/_emulator/returns/{return_sn}/{action}", json=body)
    assert answer.status_code == 200, answer.text
    return answer.json()


def new_return(shopee: Emulator, shopee_http: Any, outlet_id: int, **body: Any) -> tuple[dict[str, Any], str]:
    order = delivered_order(shopee, shopee_http, outlet_id)
    return order, request_return(shopee_http, order["order_sn"], **body)["return_sn"]


def return_detail(shopee_client: Any, shop_id: int, return_sn: str) -> dict[str, Any]:
    return ok(shopee_client.call("v2.returns.get_return_detail", shop_id=shop_id, params={"return_sn": return_sn}))


def seller(shopee_client: Any, api: str, shop_id: int, return_sn: str, **body: Any) -> dict[str, Any]:
    return shopee_client.call(f"v2.returns.{api}", shop_id=shop_id, body={"return_sn": return_sn, **body})


def evidence(shopee_client: Any, shop_id: int, return_sn: str, reason_id: int | str) -> list[dict[str, Any]]:
    """An image_list for ``reason_id``: one picture for each module get_return_dispute_reason requires."""
    answer = shopee_client.call("v2.returns.get_return_dispute_reason", shop_id=shop_id, params={"return_sn": return_sn})
    reason = next(r for r in ok(answer)["dispute_reason_list"] if r["dispute_reason"] == str(reason_id))
    return [
        {"module_index": m["module_index"], "requirement": m["requirement"], "image_url": [f"https://proof.test/{m['module_index']}.jpg"]}
        for m in reason["evidence_module_list"] if m["is_required"]
    ]


def dispute(shopee_client: Any, shop_id: int, return_sn: str, reason_id: int | str, **body: Any) -> dict[str, Any]:
    """The seller disputes with the evidence the reason requires (straight to JUDGING)."""
    return seller(shopee_client, "dispute", shop_id, return_sn, email="ops@outlet.test", dispute_reason_id=int(reason_id),
                  image_list=evidence(shopee_client, shop_id, return_sn, reason_id), **body)


def awaiting_proof(shopee: Emulator, shopee_http: Any, shopee_client: Any, shop_id: int) -> str:
    """A return in SELLER_DISPUTE: approved, then disputed as never sent back (46, the one reason
    that needs no images), so the seller's proof is due."""
    _, return_sn = new_return(shopee, shopee_http, shop_id)
    ok(seller(shopee_client, "accept_offer", shop_id, return_sn))
    ok(seller(shopee_client, "dispute", shop_id, return_sn, email="ops@outlet.test", dispute_reason_id=46))
    return return_sn
