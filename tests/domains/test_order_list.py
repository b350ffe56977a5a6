"""get_order_list windows, filters and cursor paging; get_order_detail field groups and limits."""
from __future__ import annotations

from tests.conftest import ok
from tests.domains.order_helpers import outlet_item, place, stock_of

DAY = 86400


def _list(shopee_client, shop_id, **params):
    base = {"time_range_field": "create_time", "page_size": 100}
    return shopee_client.call("v2.order.get_order_list", shop_id=shop_id, params={**base, **params})


def test_get_order_list_window_over_15_days_refused(shopee, shopee_client, outlet_id):
    now = shopee.clock.now()
    answer = _list(shopee_client, outlet_id, time_from=now - 15 * DAY - 1, time_to=now)
    assert answer["error"] == "order.order_list_invalid_time"
    assert answer["message"] == "Start time must be earlier than end time and diff in 15days."


def test_get_order_list_window_of_exactly_15_days_accepted(shopee, shopee_client, outlet_id):
    now = shopee.clock.now()
    listed = ok(_list(shopee_client, outlet_id, time_from=now - 15 * DAY, time_to=now))
    assert len(listed["order_list"]) == 15 and listed["more"] is False and listed["next_cursor"] == ""


def test_get_order_list_start_after_end_refused(shopee, shopee_client, outlet_id):
    now = shopee.clock.now()
    answer = _list(shopee_client, outlet_id, time_from=now, time_to=now - 1)
    assert answer["error"] == "order.order_list_invalid_time"


def test_get_order_list_page_size_over_100_refused(shopee, shopee_client, outlet_id):
    now = shopee.clock.now()
    answer = _list(shopee_client, outlet_id, time_from=now - DAY, time_to=now, page_size=101)
    assert answer["error"] == "error_param"
    assert answer["message"] == "Wrong parameters, detail: page_size should be between 1 and 100."


def test_get_order_list_unknown_time_range_field_refused(shopee, shopee_client, outlet_id):
    now = shopee.clock.now()
    answer = _list(shopee_client, outlet_id, time_range_field="pay_time", time_from=now - DAY, time_to=now)
    assert answer["error"] == "error_param"
    assert answer["message"] == "Wrong parameters, detail: time_range_field should be create_time or update_time."


def test_get_order_list_seeded_history_newest_first(shopee, shopee_client, outlet_id):
    now = shopee.clock.now()
    listed = ok(_list(shopee_client, outlet_id, time_from=now - 14 * DAY, time_to=now, response_optional_fields="order_status"))
    statuses = {o["order_status"] for o in listed["order_list"]}
    assert statuses >= {"UNPAID", "READY_TO_SHIP", "PROCESSED", "RETRY_SHIP", "SHIPPED", "TO_CONFIRM_RECEIVE", "COMPLETED", "IN_CANCEL", "CANCELLED"}
    times = [shopee.orders.get(o["order_sn"])["create_time"] for o in listed["order_list"]]
    assert times == sorted(times, reverse=True)


def test_get_order_list_status_filter(shopee, shopee_client, outlet_id):
    now = shopee.clock.now()
    listed = ok(_list(shopee_client, outlet_id, time_from=now - 14 * DAY, time_to=now, order_status="COMPLETED",
                      response_optional_fields="order_status"))
    assert listed["order_list"] and {o["order_status"] for o in listed["order_list"]} == {"COMPLETED"}
    assert all("order_status" not in o for o in ok(_list(shopee_client, outlet_id, time_from=now - DAY, time_to=now))["order_list"])


def test_get_order_list_paginates_1000_orders_by_cursor(shopee, shopee_client, outlet_id):
    item = outlet_item(shopee, outlet_id)
    with shopee.transaction():
        shopee.products.stock.set_stock(outlet_id, item["item_id"], 0, stock_of(shopee, item["item_id"])["reserved"] + 1000)
    created = set()
    for n in range(1000):
        if n % 7 == 0:
            shopee.advance(1)
        created.add(shopee.orders.create(outlet_id, [{"item_id": item["item_id"], "model_id": 0, "quantity": 1}], cod=True)["order_sn"])
    now = shopee.clock.now()
    seen, cursor, pages = [], "", 0
    while True:
        page = ok(_list(shopee_client, outlet_id, time_from=now - 200, time_to=now, page_size=37, cursor=cursor))
        seen += [o["order_sn"] for o in page["order_list"]]
        pages += 1
        if not page["more"]:
            assert page["next_cursor"] == ""
            break
        cursor = page["next_cursor"]
    assert len(seen) == len(set(seen)) == 1000
    assert set(seen) == created
    assert pages == 28


def test_get_order_list_update_time_window_follows_changes(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id))["order_sn"]
    shopee.advance(3600)
    shopee_http.post(f"/_emulator/orders/{order_sn}/pay")
    now = shopee.clock.now()
    recent = ok(_list(shopee_client, outlet_id, time_range_field="update_time", time_from=now - 10, time_to=now))
    assert [o["order_sn"] for o in recent["order_list"]] == [order_sn]


def test_get_order_detail_optional_groups(shopee, shopee_http, shopee_client, outlet_id):
    item = outlet_item(shopee, outlet_id)
    order_sn = place(shopee_http, outlet_id, item, quantity=3, paid=True)["order_sn"]
    fields = ("buyer_user_id,buyer_username,recipient_address,item_list,package_list,payment_method,total_amount,"
              "pay_time,note,estimated_shipping_fee,cancel_by,cancel_reason,buyer_cancel_reason,payment_info,edt")
    answer = ok(shopee_client.call("v2.order.get_order_detail", shop_id=outlet_id, params={"order_sn_list": order_sn, "response_optional_fields": fields}))
    order = answer["order_list"][0]
    line = order["item_list"][0]
    assert line["item_id"] == item["item_id"] and line["model_quantity_purchased"] == 3
    assert order["total_amount"] == line["model_discounted_price"] * 3 + order["estimated_shipping_fee"]
    assert order["recipient_address"]["region"] == "ID" and order["recipient_address"]["name"]
    assert order["pay_time"] == shopee.clock.now()
    assert order["package_list"][0]["item_list"][0]["model_quantity"] == 3
    assert order["payment_info"][0]["payment_method"] == order["payment_method"]
    assert (order["cancel_by"], order["cancel_reason"]) == ("", "")
    assert "buyer_user_id" in order and "edt_from" in order


def test_get_order_detail_without_optional_fields_is_lean(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id))["order_sn"]
    order = ok(shopee_client.call("v2.order.get_order_detail", shop_id=outlet_id, params={"order_sn_list": order_sn}))["order_list"][0]
    assert "item_list" not in order and "recipient_address" not in order
    assert order["order_status"] == "UNPAID" and order["currency"] == "IDR"


def test_get_order_detail_over_50_refused(shopee, shopee_client, outlet_id):
    answer = shopee_client.call("v2.order.get_order_detail", shop_id=outlet_id, params={"order_sn_list": ",".join(f"X{n}" for n in range(51))})
    assert answer["error"] == "error_param"
    assert answer["message"] == "Wrong parameters, detail: order_sn_list should contain 1 to 50 order_sn."


def test_get_order_detail_unknown_order(shopee, shopee_client, outlet_id):
    answer = shopee_client.call("v2.order.get_order_detail", shop_id=outlet_id, params={"order_sn_list": "260101NOSUCH00"})
    assert answer["error"] == "error_not_found"
    assert answer["message"] == "Wrong parameters, detail: the order is not found."


def test_get_order_detail_other_outlets_order_not_found(shopee, shopee_http, shopee_client, outlet_ids):
    order_sn = place(shopee_http, outlet_ids[0], outlet_item(shopee, outlet_ids[0]))["order_sn"]
    answer = shopee_client.call("v2.order.get_order_detail", shop_id=outlet_ids[1], params={"order_sn_list": order_sn})
    assert answer["error"] == "error_not_found"


def test_set_note_shows_in_detail(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id))["order_sn"]
    ok(shopee_client.call("v2.order.set_note", shop_id=outlet_id, body={"order_sn": order_sn, "note": "pack cold items"}))
    order = ok(shopee_client.call("v2.order.get_order_detail", shop_id=outlet_id,
                                  params={"order_sn_list": order_sn, "response_optional_fields": "note,note_update_time"}))["order_list"][0]
    assert (order["note"], order["note_update_time"]) == ("pack cold items", shopee.clock.now())


def test_cancel_order_out_of_stock_releases_reservation(shopee, shopee_http, shopee_client, outlet_id):
    item = outlet_item(shopee, outlet_id)
    reserved = stock_of(shopee, item["item_id"])["reserved"]
    order_sn = place(shopee_http, outlet_id, item, quantity=2, paid=True)["order_sn"]
    answer = ok(shopee_client.call("v2.order.cancel_order", shop_id=outlet_id, body={
        "order_sn": order_sn, "cancel_reason": "OUT_OF_STOCK", "item_list": [{"item_id": item["item_id"], "model_id": 0}]}))
    assert answer["update_time"] == shopee.clock.now()
    order = ok(shopee_client.call("v2.order.get_order_detail", shop_id=outlet_id,
                                  params={"order_sn_list": order_sn, "response_optional_fields": "cancel_by,cancel_reason"}))["order_list"][0]
    assert (order["order_status"], order["cancel_by"], order["cancel_reason"]) == ("CANCELLED", "seller", "Out of Stock")
    assert stock_of(shopee, item["item_id"])["reserved"] == reserved


def test_cancel_order_out_of_stock_needs_item_list(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)["order_sn"]
    answer = shopee_client.call("v2.order.cancel_order", shop_id=outlet_id, body={"order_sn": order_sn, "cancel_reason": "OUT_OF_STOCK"})
    assert answer["error"] == "error_param"
    assert answer["message"] == "Wrong parameters, detail: item_list is required when cancel_reason is OUT_OF_STOCK."


def test_cancel_order_shipped_refused(shopee, shopee_http, shopee_client, outlet_id):
    item = outlet_item(shopee, outlet_id)
    order_sn = place(shopee_http, outlet_id, item, cod=True)["order_sn"]
    for action in ("ship", "pickup"):
        shopee_http.post(f"/_emulator/orders/{order_sn}/{action}")
    answer = shopee_client.call("v2.order.cancel_order", shop_id=outlet_id, body={
        "order_sn": order_sn, "cancel_reason": "OUT_OF_STOCK", "item_list": [{"item_id": item["item_id"], "model_id": 0}]})
    assert answer["error"] == "order.error_limit"
    assert answer["message"] == "Can not cancel this order."


def test_cancel_order_undeliverable_area_outside_tw_my_refused(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)["order_sn"]
    answer = shopee_client.call("v2.order.cancel_order", shop_id=outlet_id, body={"order_sn": order_sn, "cancel_reason": "UNDELIVERABLE_AREA"})
    assert answer["error"] == "error_param"
    assert answer["message"] == "Wrong parameters, detail: cancel_reason UNDELIVERABLE_AREA is not supported."


def test_get_shipment_list_lists_orders_to_ship(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), cod=True)["order_sn"]
    listed = ok(shopee_client.call("v2.order.get_shipment_list", shop_id=outlet_id, params={"page_size": 100}))
    assert order_sn in [o["order_sn"] for o in listed["order_list"]]
    assert all(shopee.orders.get(o["order_sn"])["order_status"] in ("READY_TO_SHIP", "RETRY_SHIP") for o in listed["order_list"])


def test_search_package_list_to_process_and_detail(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), cod=True)["order_sn"]
    found = ok(shopee_client.call("v2.order.search_package_list", shop_id=outlet_id, body={"pagination": {"page_size": 50}}))
    packages = {p["order_sn"]: p["package_number"] for p in found["packages_list"]}
    assert order_sn in packages and found["pagination"]["total_count"] == len(packages)
    detail = ok(shopee_client.call("v2.order.get_package_detail", shop_id=outlet_id, params={"package_number_list": packages[order_sn]}))
    package = detail["package_list"][0]
    assert (package["order_sn"], package["fulfillment_status"]) == (order_sn, "LOGISTICS_READY")


def test_get_order_list_invalid_cursor_refused(shopee, shopee_client, outlet_id):
    now = shopee.clock.now()
    for cursor in ("²_X", "abc", "12"):
        answer = _list(shopee_client, outlet_id, time_from=now - DAY, time_to=now, cursor=cursor)
        assert answer["error"] == "error_param"
        assert answer["message"] == "Wrong parameters, detail: cursor is invalid."


def test_get_order_list_quoted_empty_cursor_is_first_page(shopee, shopee_client, outlet_id):
    now = shopee.clock.now()
    assert ok(_list(shopee_client, outlet_id, time_from=now - DAY, time_to=now, cursor='""'))["order_list"]
