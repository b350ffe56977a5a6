"""Airway bills: asynchronous task on the clock, a real PDF, only in the allowed window."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.conftest import ok
from tests.domains.order_helpers import act, outlet_item, place, ship


def _processed(shopee, shopee_http, shopee_client, outlet_id):
    order = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), cod=True)
    ok(ship(shopee_client, outlet_id, order["order_sn"]))
    return order["order_sn"]


def _call(shopee_client, outlet_id, api, order_sn, **extra):
    return shopee_client.call(api, shop_id=outlet_id, body={"order_list": [{"order_sn": order_sn, **extra}]})


def _create(shopee, shopee_client, outlet_id, order_sn, **extra):
    tracking = shopee.orders.get(order_sn)["packages"][0]["tracking_number"]
    return _call(shopee_client, outlet_id, "v2.logistics.create_shipping_document", order_sn, tracking_number=tracking, **extra)


def _download(shopee_client, outlet_id, order_sn):
    return shopee_client.request("v2.logistics.download_shipping_document", shop_id=outlet_id, body={"order_list": [{"order_sn": order_sn}]})


def test_download_shipping_document_is_a_pdf_with_the_order(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = _processed(shopee, shopee_http, shopee_client, outlet_id)
    params = ok(_call(shopee_client, outlet_id, "v2.logistics.get_shipping_document_parameter", order_sn))["result_list"][0]
    assert params["suggest_shipping_document_type"] in params["selectable_shipping_document_type"]
    ok(_create(shopee, shopee_client, outlet_id, order_sn, shipping_document_type="THERMAL_AIR_WAYBILL"))
    result = ok(_call(shopee_client, outlet_id, "v2.logistics.get_shipping_document_result", order_sn))["result_list"][0]
    assert result["status"] == "PROCESSING"
    early = _download(shopee_client, outlet_id, order_sn).json()
    assert early["error"] == "logistics.download_later"
    shopee.advance(3)
    result = ok(_call(shopee_client, outlet_id, "v2.logistics.get_shipping_document_result", order_sn))["result_list"][0]
    assert result["status"] == "READY"
    response = _download(shopee_client, outlet_id, order_sn)
    assert response.headers["content-type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    tracking = shopee.orders.get(order_sn)["packages"][0]["tracking_number"]
    assert order_sn in text and tracking in text


def test_create_shipping_document_before_shipment_refused(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), cod=True)["order_sn"]
    answer = _call(shopee_client, outlet_id, "v2.logistics.create_shipping_document", order_sn)
    assert answer["error"] == "common.batch_api_all_failed"
    assert answer["message"] == "Failed, please check result_list for more details."
    failure = answer["response"]["result_list"][0]
    assert (failure["fail_error"], failure["fail_message"]) == ("logistics.order_status_error", "Order status does not support awb printing.")


@pytest.mark.parametrize("tracking", [None, ""])
def test_create_shipping_document_without_tracking_number_refused(shopee, shopee_http, shopee_client, outlet_id, tracking):
    order_sn = _processed(shopee, shopee_http, shopee_client, outlet_id)
    extra = {} if tracking is None else {"tracking_number": tracking}
    answer = _call(shopee_client, outlet_id, "v2.logistics.create_shipping_document", order_sn, **extra)
    assert answer["error"] == "common.batch_api_all_failed"
    failure = answer["response"]["result_list"][0]
    assert (failure["fail_error"], failure["fail_message"]) == ("error_param", "Wrong parameters, detail: tracking_number is required.")
    assert shopee.orders.get(order_sn)["packages"][0]["document"] is None


def test_create_shipping_document_repeated_order_fails_in_its_entry(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = _processed(shopee, shopee_http, shopee_client, outlet_id)
    tracking = shopee.orders.get(order_sn)["packages"][0]["tracking_number"]
    entry = {"order_sn": order_sn, "tracking_number": tracking}
    answer = ok(shopee_client.call("v2.logistics.create_shipping_document", shop_id=outlet_id, body={"order_list": [entry, entry]}))
    first, second = answer["result_list"]
    assert "fail_error" not in first
    assert (second["fail_error"], second["fail_message"]) == (
        "error_param", f"Wrong parameters, detail: order_list[1] repeats order_sn {order_sn}.")
    assert shopee.orders.get(order_sn)["packages"][0]["document"]["status"] == "PROCESSING"


def test_download_shipping_document_after_pickup_refused(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = _processed(shopee, shopee_http, shopee_client, outlet_id)
    ok(_create(shopee, shopee_client, outlet_id, order_sn))
    shopee.advance(3)
    act(shopee_http, order_sn, "pickup")
    answer = _download(shopee_client, outlet_id, order_sn).json()
    assert answer["error"] == "logistics.package_can_not_print"
    assert answer["message"] == "The package can not print now."


def test_download_shipping_document_not_created(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = _processed(shopee, shopee_http, shopee_client, outlet_id)
    answer = _download(shopee_client, outlet_id, order_sn).json()
    assert answer["error"] == "logistics.shipping_document_should_print_first"
    assert answer["message"] == (
        f"The package can not print now, please create shipping document first.Detail: these orders: {order_sn} should print"
    )


def test_get_shipping_document_result_failed_when_configured(shopee, shopee_http, shopee_client, outlet_id):
    assert shopee_http.post("/_emulator/shipping_documents", json={"fail_next": 1, "delay_seconds": 10}).status_code == 200
    order_sn = _processed(shopee, shopee_http, shopee_client, outlet_id)
    ok(_create(shopee, shopee_client, outlet_id, order_sn))
    shopee.advance(9)
    assert ok(_call(shopee_client, outlet_id, "v2.logistics.get_shipping_document_result", order_sn))["result_list"][0]["status"] == "PROCESSING"
    shopee.advance(1)
    result = ok(_call(shopee_client, outlet_id, "v2.logistics.get_shipping_document_result", order_sn))["result_list"][0]
    assert (result["status"], result["fail_error"]) == ("FAILED", "logistics.package_print_failed")
    ok(_create(shopee, shopee_client, outlet_id, order_sn))
    shopee.advance(10)
    assert ok(_call(shopee_client, outlet_id, "v2.logistics.get_shipping_document_result", order_sn))["result_list"][0]["status"] == "READY"


@pytest.mark.shopee_world("th")
def test_download_shipping_document_th_world(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = _processed(shopee, shopee_http, shopee_client, outlet_id)
    ok(_create(shopee, shopee_client, outlet_id, order_sn))
    shopee.advance(3)
    response = _download(shopee_client, outlet_id, order_sn)
    assert order_sn in PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
