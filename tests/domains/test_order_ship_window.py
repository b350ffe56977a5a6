"""An order the seller never ships is cancelled by the platform 72 hours after its ship-by date."""
from __future__ import annotations

import pytest

from tests.domains.order_helpers import act, detail, outlet_item, place, ship, stock_of

GRACE = 3 * 86400
FIELDS = "package_list,item_list,cancel_by,cancel_reason,ship_by_date"


def _order(shopee_client, outlet_id, order_sn):
    return detail(shopee_client, outlet_id, order_sn, FIELDS)


@pytest.mark.parametrize("how", [{"paid": True}, {"cod": True}], ids=["paid", "cod"])
def test_unshipped_order_cancelled_after_the_grace(shopee, shopee_http, shopee_client, outlet_id, how):
    item = outlet_item(shopee, outlet_id)
    order_sn = place(shopee_http, outlet_id, item, quantity=2, **how)["order_sn"]
    deadline = _order(shopee_client, outlet_id, order_sn)["ship_by_date"] + GRACE
    shopee.advance(deadline - shopee.clock.now() - 1)
    assert _order(shopee_client, outlet_id, order_sn)["order_status"] == "READY_TO_SHIP"
    before = stock_of(shopee, item["item_id"])
    shopee.advance(1)
    order = _order(shopee_client, outlet_id, order_sn)
    assert (order["order_status"], order["cancel_by"], order["cancel_reason"]) == ("CANCELLED", "system", "Seller did not Ship")
    assert order["package_list"][0]["logistics_status"] == "LOGISTICS_INVALID"
    assert stock_of(shopee, item["item_id"])["reserved"] == before["reserved"] - 2


def test_order_shipped_in_time_stays(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)["order_sn"]
    shopee.advance(3600)
    assert ship(shopee_client, outlet_id, order_sn)["error"] == ""
    shopee.advance(7 * 86400)
    assert _order(shopee_client, outlet_id, order_sn)["order_status"] == "COMPLETED"  # the rider took it on


def test_failed_pickup_not_reshipped_is_cancelled(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)["order_sn"]
    assert ship(shopee_client, outlet_id, order_sn)["error"] == ""
    act(shopee_http, order_sn, "fail_pickup")
    shopee.advance(_order(shopee_client, outlet_id, order_sn)["ship_by_date"] + GRACE - shopee.clock.now())
    order = _order(shopee_client, outlet_id, order_sn)
    assert (order["order_status"], order["cancel_reason"]) == ("CANCELLED", "Seller did not Ship")


def test_refused_cancellation_past_the_deadline_cancels_at_once(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)["order_sn"]
    deadline = _order(shopee_client, outlet_id, order_sn)["ship_by_date"] + GRACE
    shopee.advance(deadline - shopee.clock.now() - 3600)
    act(shopee_http, order_sn, "buyer_cancel")
    shopee.advance(7200)  # the deadline passes while the buyer's request waits
    assert _order(shopee_client, outlet_id, order_sn)["order_status"] == "IN_CANCEL"
    answer = shopee_client.call("v2.order.handle_buyer_cancellation", shop_id=outlet_id,
                                body={"order_sn": order_sn, "operation": "REJECT"})
    assert answer["error"] == "", answer
    shopee.advance(1)
    order = _order(shopee_client, outlet_id, order_sn)
    assert (order["order_status"], order["cancel_by"], order["cancel_reason"]) == ("CANCELLED", "system", "Seller did not Ship")
