"""Shipping-document jobs: one job over many packages, finished on the clock, one PDF."""
from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader

from emulator.domains.logistics.document_jobs import EXPIRES_AFTER
from tests.conftest import ok
from tests.domains.order_helpers import outlet_item, place, ship


def _arranged(shopee: Any, shopee_http: Any, shopee_client: Any, outlet_id: int, channel_id: int = 80044) -> str:
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True, logistics_channel_id=channel_id)["order_sn"]
    ok(ship(shopee_client, outlet_id, order_sn))
    return str(shopee.orders.get(order_sn)["packages"][0]["package_number"])


def _create(shopee_client: Any, shop_id: int, **body: Any) -> dict[str, Any]:
    return shopee_client.call("v2.logistics.create_shipping_document_job", shop_id=shop_id,
                              body={"shipping_document_type": "THERMAL_AIR_WAYBILL", **body})


def _status(shopee_client: Any, shop_id: int, job_id: str) -> dict[str, Any]:
    return shopee_client.call("v2.logistics.get_shipping_document_job_status", shop_id=shop_id, body={"job_id": job_id})


def _download(shopee_client: Any, shop_id: int, job_id: str) -> Any:
    return shopee_client.request("v2.logistics.download_shipping_document_job", shop_id=shop_id, body={"job_id": job_id})


def test_one_job_prints_many_packages_into_one_pdf_on_the_clock(shopee, shopee_http, shopee_client, outlet_id):
    numbers = [_arranged(shopee, shopee_http, shopee_client, outlet_id) for _ in range(3)]
    answer = ok(_create(shopee_client, outlet_id, package_list=[*numbers, "OFG000NOSUCH"]))
    job_id = answer["job_id"]
    assert job_id.startswith("SDK") and answer["success_id_list"] == numbers
    assert [(f["id"], f["fail_error"]) for f in answer["fail_list"]] == [("OFG000NOSUCH", "logistics.package_number_not_found")]
    assert ok(_status(shopee_client, outlet_id, job_id))["job_status"] == "PROCESSING"
    early = _download(shopee_client, outlet_id, job_id).json()
    assert early["error"] == "logistics.download_later"

    shopee.advance(3)
    status = ok(_status(shopee_client, outlet_id, job_id))
    assert status["job_status"] == "READY" and status["job_name"].endswith(".pdf")
    pdf = _download(shopee_client, outlet_id, job_id)
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    pages = PdfReader(io.BytesIO(pdf.content)).pages
    assert len(pages) == 3  # one page per package of the job
    for page, number in zip(pages, numbers):
        assert number in page.extract_text()

    shopee.advance(EXPIRES_AFTER)
    assert ok(_status(shopee_client, outlet_id, job_id))["job_status"] == "EXPIRED"
    assert _download(shopee_client, outlet_id, job_id).json()["error"] == "logistics.sd_file_expired"


def test_failed_job_and_refused_requests(shopee, shopee_http, shopee_client, outlet_id, outlet_ids):
    number = _arranged(shopee, shopee_http, shopee_client, outlet_id)
    assert shopee_http.post("/_emulator/shipping_documents", json={"fail_next": 1}).status_code == 200
    job_id = ok(_create(shopee_client, outlet_id, package_list=[number]))["job_id"]
    shopee.advance(3)
    assert ok(_status(shopee_client, outlet_id, job_id))["job_status"] == "FAILED"
    assert _download(shopee_client, outlet_id, job_id).json()["error"] == "logistics.sd_job_print_failed"
    # another shop cannot see the job
    assert _status(shopee_client, outlet_ids[1], job_id)["message"] == "The information you queried is not found."

    other = _arranged(shopee, shopee_http, shopee_client, outlet_id, channel_id=80054)
    mixed = _create(shopee_client, outlet_id, package_list=[number, other])
    assert mixed["error"] == "logistics.different_shipping_channels"
    both = _create(shopee_client, outlet_id, package_list=[number], unpackaged_sku_requests=[{"unpackaged_sku_id": "1_2", "quantity": 1}])
    assert both["error"] == "error_param"
    sku = _create(shopee_client, outlet_id, shipping_document_type="THERMAL_UNPACKAGED_LABEL",
                  unpackaged_sku_requests=[{"unpackaged_sku_id": "844091087_11192347", "quantity": 10}])
    assert sku["error"] == "error_param" and sku["response"]["fail_list"][0]["id"] == "844091087_11192347"
