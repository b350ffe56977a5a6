"""Order and package views are built once per change: every way an order changes shows at once."""
from __future__ import annotations

import pytest

from emulator import render
from tests.conftest import ok
from tests.domains.order_helpers import act, detail, outlet_item, place

ALL_FIELDS = "buyer_username,note,item_list,package_list,pay_time,total_amount"


def _package(shopee_client, shop_id, order_sn):
    number = detail(shopee_client, shop_id, order_sn, "package_list")["package_list"][0]["package_number"]
    answer = shopee_client.call("v2.order.get_package_detail", shop_id=shop_id, params={"package_number_list": number})
    return ok(answer)["package_list"][0]


def test_detail_follows_a_note_and_a_status_change(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)["order_sn"]
    assert detail(shopee_client, outlet_id, order_sn, ALL_FIELDS)["note"] == ""
    ok(shopee_client.call("v2.order.set_note", shop_id=outlet_id, body={"order_sn": order_sn, "note": "ring twice"}))
    assert detail(shopee_client, outlet_id, order_sn, ALL_FIELDS)["note"] == "ring twice"
    act(shopee_http, order_sn, "ship")
    shown = detail(shopee_client, outlet_id, order_sn, ALL_FIELDS)
    assert shown["order_status"] == "PROCESSED"
    assert shown["package_list"][0]["logistics_status"] != "LOGISTICS_READY"


def test_each_field_set_is_its_own_view(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)["order_sn"]
    assert "item_list" in detail(shopee_client, outlet_id, order_sn, "item_list")
    plain = detail(shopee_client, outlet_id, order_sn, "")
    assert "item_list" not in plain and "note" not in plain


def test_package_detail_follows_shipping(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)["order_sn"]
    assert _package(shopee_client, outlet_id, order_sn)["is_shipment_arranged"] is False
    act(shopee_http, order_sn, "ship")
    assert _package(shopee_client, outlet_id, order_sn)["is_shipment_arranged"] is True


def test_clock_jobs_show_in_the_detail(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id))["order_sn"]
    assert detail(shopee_client, outlet_id, order_sn)["order_status"] == "UNPAID"
    shopee.advance(2 * 86400)  # the payment window closes
    assert detail(shopee_client, outlet_id, order_sn)["order_status"] == "CANCELLED"


def test_a_restored_snapshot_shows_its_own_orders(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)["order_sn"]
    saved = shopee.snapshot()
    ok(shopee_client.call("v2.order.set_note", shop_id=outlet_id, body={"order_sn": order_sn, "note": "after"}))
    assert detail(shopee_client, outlet_id, order_sn, "note")["note"] == "after"
    shopee.import_snapshot(saved)
    assert detail(shopee_client, outlet_id, order_sn, "note")["note"] == ""


def test_a_transaction_that_wrote_reads_its_own_writes_and_an_undone_one_leaves_no_view(shopee, shopee_http, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)["order_sn"]
    views = shopee.orders.views

    def note() -> str:
        return views.get(order_sn, "note", lambda: shopee.orders.get(order_sn)["note"])

    assert note() == ""
    with pytest.raises(RuntimeError), shopee.transaction():
        shopee.orders.editable(order_sn)["note"] = "undone"
        assert note() == "undone"  # the open transaction's own edit, not the kept view
        raise RuntimeError("refused")
    assert note() == ""
    with shopee.transaction():
        shopee.orders.editable(order_sn)["note"] = "kept"
    assert note() == "kept"


def test_the_cache_holds_a_bounded_number_of_orders(shopee, shopee_http, outlet_id):
    views = shopee.orders.views
    views.limit = 3
    for n in range(5):
        views.get(f"sn{n}", "v", lambda n=n: n)
    assert len(views) == 3


def test_every_kept_view_equals_one_built_now(shopee, shopee_http, shopee_client, outlet_id):
    """Views must be pure functions of the order and its returns: after a run of status changes,
    clock jumps and returns, with reads in between, every kept view is what a fresh build gives."""
    from emulator.domains.order import views
    from tests.domains.return_helpers import request_return

    every = ",".join(sorted(views.DETAIL_OPTIONAL))
    item = outlet_item(shopee, outlet_id)
    sns = [place(shopee_http, outlet_id, item, paid=paid)["order_sn"] for paid in (True, True, True, False)]

    def read_all() -> list[dict]:
        answer = shopee_client.call("v2.order.get_order_detail", shop_id=outlet_id,
                                    params={"order_sn_list": ",".join(sns), "response_optional_fields": every})
        return ok(answer)["order_list"]

    read_all()
    for action in ("ship", "pickup", "deliver"):
        act(shopee_http, sns[0], action)
        read_all()
    act(shopee_http, sns[1], "ship")
    read_all()
    request_return(shopee_http, sns[0])
    read_all()
    shopee.advance(3 * 86400)  # payment windows close, riders and confirm periods move on
    shown = {o["order_sn"]: o for o in read_all()}
    fields = set(views.DETAIL_OPTIONAL)
    for sn in sns:
        fresh = views.detail(shopee.orders.get(sn), fields, False, shopee.returns.of_order(sn))
        assert shown[sn] == render.loads(render.dumps(fresh)), sn


def test_a_change_of_the_return_alone_shows_in_its_order(shopee, shopee_http, shopee_client, outlet_id):
    from tests.domains.return_helpers import delivered_order, request_return

    order = delivered_order(shopee, shopee_http, outlet_id, quantity=2)
    return_sn = request_return(shopee_http, order["order_sn"])["return_sn"]
    assert detail(shopee_client, outlet_id, order["order_sn"], "item_list")["item_list"][0]["returned_qty"] == 0
    with shopee.transaction():  # the return document alone changes: no order edit comes with it
        shopee.store.edit("returns", return_sn)["status"] = "ACCEPTED"
    assert detail(shopee_client, outlet_id, order["order_sn"], "item_list")["item_list"][0]["returned_qty"] == 2


def _listed(shopee, shopee_client, shop_id, fields="order_status"):
    """get_order_list by create_time, the last hour: the order stays listed whatever it becomes."""
    now = shopee.clock.now()
    params = {"time_range_field": "create_time", "time_from": now - 3 * 86400, "time_to": now, "page_size": 100,
              "response_optional_fields": fields}
    listed = ok(shopee_client.call("v2.order.get_order_list", shop_id=shop_id, params=params))["order_list"]
    return {o["order_sn"]: o for o in listed}


def test_list_entries_follow_every_status_change(shopee, shopee_http, shopee_client, outlet_id):
    item = outlet_item(shopee, outlet_id)
    paid = place(shopee_http, outlet_id, item, paid=True)["order_sn"]
    unpaid = place(shopee_http, outlet_id, item)["order_sn"]
    first = _listed(shopee, shopee_client, outlet_id)
    assert (first[paid]["order_status"], first[unpaid]["order_status"]) == ("READY_TO_SHIP", "UNPAID")
    assert _listed(shopee, shopee_client, outlet_id, "")[paid] == {"order_sn": paid, "booking_sn": ""}
    act(shopee_http, paid, "ship")
    assert _listed(shopee, shopee_client, outlet_id)[paid]["order_status"] == "PROCESSED"
    saved = shopee.snapshot()
    shopee.advance(2 * 86400)  # the payment window closes: a clock pass, no API call
    assert _listed(shopee, shopee_client, outlet_id)[unpaid]["order_status"] == "CANCELLED"
    shopee.import_snapshot(saved)
    assert _listed(shopee, shopee_client, outlet_id)[unpaid]["order_status"] == "UNPAID"


def test_a_transaction_that_wrote_lists_its_own_orders(shopee, shopee_http, shopee_client, outlet_id):
    from emulator.domains.order import queries

    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)["order_sn"]
    assert _listed(shopee, shopee_client, outlet_id)[order_sn]["order_status"] == "READY_TO_SHIP"
    now = shopee.clock.now()

    def listed_now() -> str:
        page = queries.order_list(shopee.orders, outlet_id, "create_time", now - 3600, now, 100, None, None, {"order_status"})
        listed = render.loads(render.dumps(page["order_list"]))  # kept entries are rendered already
        return next(o["order_status"] for o in listed if o["order_sn"] == order_sn)

    with pytest.raises(RuntimeError), shopee.transaction():
        shopee.store.update("orders", order_sn, {"order_status": "IN_CANCEL"})
        assert listed_now() == "IN_CANCEL"
        raise RuntimeError("refused")
    assert listed_now() == "READY_TO_SHIP"
    assert _listed(shopee, shopee_client, outlet_id)[order_sn]["order_status"] == "READY_TO_SHIP"
