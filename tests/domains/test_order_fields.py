"""get_order_detail, get_package_detail, search_package_list and get_order_list: the documented fields."""
from __future__ import annotations

from tests.conftest import ok
from tests.domains.order_helpers import act, detail, outlet_item, place, ship
from tests.domains.return_helpers import delivered_order, request_return

ALL_FIELDS = (
    "buyer_user_id,buyer_username,estimated_shipping_fee,recipient_address,actual_shipping_fee,goods_to_declare,note,"
    "note_update_time,item_list,pay_time,dropshipper,dropshipper_phone,split_up,buyer_cancel_reason,cancel_by,"
    "cancel_reason,actual_shipping_fee_confirmed,buyer_cpf_id,fulfillment_flag,pickup_done_time,package_list,"
    "shipping_carrier,payment_method,total_amount,invoice_data,order_chargeable_weight_gram,return_request_due_date,"
    "edt,payment_info,international_label"
)
QUANTITIES = ("active_qty", "cancel_requested_qty", "cancelled_qty", "return_requested_qty", "returned_qty")


def _quantities(order):
    return {name: order["item_list"][0][name] for name in QUANTITIES}


def _package(shopee_client, shop_id, package_number):
    answer = shopee_client.call("v2.order.get_package_detail", shop_id=shop_id, params={"package_number_list": package_number})
    return ok(answer)["package_list"][0]


def test_get_order_detail_pay_time_null_until_paid(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id))["order_sn"]
    unpaid = detail(shopee_client, outlet_id, order_sn, "pay_time")
    assert "pay_time" in unpaid and unpaid["pay_time"] is None
    act(shopee_http, order_sn, "pay")
    assert detail(shopee_client, outlet_id, order_sn, "pay_time")["pay_time"] == shopee.clock.now()


def test_get_order_detail_package_names_parcel_chargeable_weight(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), quantity=2, paid=True)["order_sn"]
    order = detail(shopee_client, outlet_id, order_sn, "package_list,order_chargeable_weight_gram")
    package = order["package_list"][0]
    assert "parcel_chargeable_weight_gram" not in package
    assert package["parcel_chargeable_weight"] == order["order_chargeable_weight_gram"] > 0
    assert package["group_shipment_id"] == 0


def test_get_order_detail_region_fields_carry_values_not_null(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)["order_sn"]
    order = detail(shopee_client, outlet_id, order_sn, ALL_FIELDS)
    assert (order["dropshipper"], order["dropshipper_phone"], order["buyer_cpf_id"]) == ("", "", "")
    assert order["invoice_data"]["status"] == "valid" and order["invoice_data"]["number"] == ""
    assert order["is_international"] is False and order["booking_sn"] == ""
    assert order["payment_info"][0]["payment_amount"] == order["total_amount"]
    assert (order["prescription_check_status"], order["prescription_images"], order["affiliate_sample_type"]) == (0, [], 0)
    nulls = [name for name, value in order.items() if value is None]
    assert nulls == []


def test_get_order_detail_lines_carry_line_ids_and_quantities(shopee, shopee_http, shopee_client, outlet_id):
    item = outlet_item(shopee, outlet_id, with_variants=True)
    order_sn = place(shopee_http, outlet_id, item, quantity=3, paid=True)["order_sn"]
    line = detail(shopee_client, outlet_id, order_sn, "item_list")["item_list"][0]
    assert line["line_item_id"] == item["models"][0]["model_id"]
    assert line["promotion_list"] == [] and line["hot_listing_item"] is False
    assert {name: line[name] for name in QUANTITIES} == dict.fromkeys(QUANTITIES, 0) | {"active_qty": 3}


def test_get_order_detail_quantities_follow_buyer_cancellation(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), quantity=2, paid=True)["order_sn"]
    act(shopee_http, order_sn, "buyer_cancel")
    assert _quantities(detail(shopee_client, outlet_id, order_sn, "item_list"))["cancel_requested_qty"] == 2
    ok(shopee_client.call("v2.order.handle_buyer_cancellation", shop_id=outlet_id, body={"order_sn": order_sn, "operation": "ACCEPT"}))
    assert _quantities(detail(shopee_client, outlet_id, order_sn, "item_list")) == dict.fromkeys(QUANTITIES, 0) | {"cancelled_qty": 2}


def test_get_order_detail_quantities_follow_returns(shopee, shopee_http, shopee_client, outlet_id):
    order = delivered_order(shopee, shopee_http, outlet_id, quantity=2)
    return_sn = request_return(shopee_http, order["order_sn"])["return_sn"]
    shown = _quantities(detail(shopee_client, outlet_id, order["order_sn"], "item_list"))
    assert (shown["active_qty"], shown["return_requested_qty"], shown["returned_qty"]) == (2, 2, 0)
    ok(shopee_client.call("v2.returns.confirm", shop_id=outlet_id, body={"return_sn": return_sn}))
    shown = _quantities(detail(shopee_client, outlet_id, order["order_sn"], "item_list"))
    assert (shown["active_qty"], shown["return_requested_qty"], shown["returned_qty"]) == (0, 0, 2)


def test_get_order_detail_cancellability_follows_status(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)["order_sn"]
    order = detail(shopee_client, outlet_id, order_sn, "")
    assert (order["can_full_cancel_order"], order["can_partial_cancel_order"], order["buyer_preference_for_partial_cancellation"]) == (True, False, 1)
    ok(ship(shopee_client, outlet_id, order_sn))
    act(shopee_http, order_sn, "pickup")
    assert detail(shopee_client, outlet_id, order_sn, "")["can_full_cancel_order"] is False


def test_get_order_detail_pending_terms_carry_descriptions(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)["order_sn"]
    params = {"order_sn_list": order_sn, "request_order_status_pending": True}
    order = ok(shopee_client.call("v2.order.get_order_detail", shop_id=outlet_id, params=params))["order_list"][0]
    assert (order["pending_terms"], order["pending_description"]) == ([], [])


def test_get_order_list_entries_carry_booking_sn(shopee, shopee_http, shopee_client, outlet_id):
    place(shopee_http, outlet_id, outlet_item(shopee, outlet_id))
    now = shopee.clock.now()
    params = {"time_range_field": "create_time", "time_from": now - 60, "time_to": now, "page_size": 10}
    listed = ok(shopee_client.call("v2.order.get_order_list", shop_id=outlet_id, params=params))["order_list"]
    assert listed and all(entry["booking_sn"] == "" for entry in listed)


def test_get_package_detail_shows_arrangement_and_the_rider_search(shopee, shopee_http, shopee_client, outlet_id):
    order = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)
    number = shopee.orders.get(order["order_sn"])["packages"][0]["package_number"]
    package = _package(shopee_client, outlet_id, number)
    assert package["is_shipment_arranged"] is False
    # no rider is called before shipment is arranged
    assert package["driver_info"]["driver_status"] == "" and package["driver_info"]["driver_name"] == ""
    assert (package["can_split_order"], package["can_unsplit_order"], package["is_pre_order"]) == (False, False, False)
    assert package["status_info_tag"] == {"tag_id": 0, "timestamp": 0}
    assert package["invoice_pending"] == {"status": "valid", "pending_reason": ""}
    assert package["group_shipment_id"] == 0 and package["pending_description"] == []
    assert package["item_list"][0]["prescription_check_status"] == 0
    ok(ship(shopee_client, outlet_id, order["order_sn"]))
    package = _package(shopee_client, outlet_id, number)
    assert package["is_shipment_arranged"] is True and package["driver_info"]["driver_status"] == "Allocating Driver"


def test_search_package_list_shows_is_shipment_arranged(shopee, shopee_http, shopee_client, outlet_id):
    item = outlet_item(shopee, outlet_id)
    waiting = place(shopee_http, outlet_id, item, paid=True)["order_sn"]
    arranged = place(shopee_http, outlet_id, item, paid=True)["order_sn"]
    ok(ship(shopee_client, outlet_id, arranged))
    body = {"filter": {"package_status": 0}, "pagination": {"page_size": 100}}
    found = ok(shopee_client.call("v2.order.search_package_list", shop_id=outlet_id, body=body))["packages_list"]
    shown = {p["order_sn"]: p["is_shipment_arranged"] for p in found}
    assert (shown[waiting], shown[arranged]) == (False, True)


def _cancel(shopee_client, shop_id, order_sn, reason, **extra):
    body = {"order_sn": order_sn, "cancel_reason": reason, **extra}
    return shopee_client.call("v2.order.cancel_order", shop_id=shop_id, body=body)


def test_cancel_order_customer_request_is_a_documented_reason(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)["order_sn"]
    ok(_cancel(shopee_client, outlet_id, order_sn, "CUSTOMER_REQUEST"))
    order = detail(shopee_client, outlet_id, order_sn, "cancel_by,cancel_reason")
    assert (order["order_status"], order["cancel_by"], order["cancel_reason"]) == ("CANCELLED", "seller", "Customer Request")


def test_cancel_order_cod_not_supported_only_for_cod_orders(shopee, shopee_http, shopee_client, outlet_id):
    item = outlet_item(shopee, outlet_id)
    prepaid = place(shopee_http, outlet_id, item, paid=True)["order_sn"]
    answer = _cancel(shopee_client, outlet_id, prepaid, "COD_NOT_SUPPORTED")
    assert (answer["error"], answer["message"]) == ("error_param", "Wrong parameters, detail: cancel_reason COD_NOT_SUPPORTED is not supported.")
    cod = place(shopee_http, outlet_id, item, cod=True)["order_sn"]
    ok(_cancel(shopee_client, outlet_id, cod, "COD_NOT_SUPPORTED"))


def test_cancel_order_partial_cancellation_refused_and_order_kept(shopee, shopee_http, shopee_client, outlet_id):
    item = outlet_item(shopee, outlet_id)
    order_sn = place(shopee_http, outlet_id, item, quantity=2, paid=True)["order_sn"]
    part = [{"item_id": item["item_id"], "model_id": item["models"][0]["model_id"], "model_quantity": 1}]
    answer = _cancel(shopee_client, outlet_id, order_sn, "OUT_OF_STOCK", item_list=part, partial_cancel_item_list=part)
    assert (answer["error"], answer["message"]) == ("order.error_limit", "Can not cancel this order.")
    assert detail(shopee_client, outlet_id, order_sn, "")["order_status"] == "READY_TO_SHIP"
