"""Income statements and reports: PROCESSING on the clock, then a PDF; a Mart's covers all Outlets."""
from __future__ import annotations

import io
from decimal import Decimal

import httpx
import pytest
from pypdf import PdfReader

from tests.conftest import ok
from tests.domains.payment_helpers import completed_order, escrow

DAY = 86400
MONDAY = 1767546000  # 2026-01-05 00:00 WIB, the Monday the default world starts on
DELAY = 60


def _report(shopee_client, shop_id, time_from, time_to):
    answer = shopee_client.call("v2.payment.generate_income_report", shop_id=shop_id,
                                params={"release_time_from": time_from, "release_time_to": time_to})
    return ok(answer)["id"]


def _get_report(shopee_client, shop_id, report_id):
    return shopee_client.call("v2.payment.get_income_report", shop_id=shop_id, params={"income_report_id": report_id})


def _statement(shopee_client, shop_id, time_from, time_to, statement_type):
    return shopee_client.call("v2.payment.generate_income_statement", shop_id=shop_id,
                              params={"release_time_from": time_from, "release_time_to": time_to, "statement_type": statement_type})


def _totals(shopee_http, doc_id):
    return shopee_http.get(f"/_emulator/payment/reports/{doc_id}").json()["summary"]


def test_get_income_report_processing_until_delay_passes(shopee, shopee_http, shopee_client, outlet_id, mart_id):
    completed_order(shopee, shopee_http, outlet_id)
    report_id = _report(shopee_client, mart_id, MONDAY, shopee.clock.now())
    shopee.advance(DELAY - 1)
    pending = ok(_get_report(shopee_client, mart_id, report_id))
    assert (pending["id"], pending["status"], pending["file_link"], pending["generated_time"]) == (report_id, 1, "", 0)
    shopee.advance(1)
    ready = ok(_get_report(shopee_client, mart_id, report_id))
    assert (ready["status"], ready["generated_time"]) == (2, shopee.clock.now())
    assert ready["file_name"] == "income_report_20260105_20260105.pdf"
    assert "/get_income_document_file?path=" in ready["file_link"]


def test_get_income_report_download_serves_pdf_and_marks_downloaded(shopee, shopee_http, shopee_client, outlet_id, mart_id):
    order_sn = completed_order(shopee, shopee_http, outlet_id)
    report_id = _report(shopee_client, mart_id, MONDAY, shopee.clock.now())
    shopee.advance(DELAY)
    link = ok(_get_report(shopee_client, mart_id, report_id))["file_link"]
    answer = shopee_http.get(httpx.URL(link).raw_path.decode())
    assert (answer.status_code, answer.headers["content-type"]) == (200, "application/pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(answer.content)).pages)
    assert order_sn in text
    assert _totals(shopee_http, report_id)["escrow_amount"] in text
    assert ok(_get_report(shopee_client, mart_id, report_id))["status"] == 3


def test_get_income_report_mart_covers_every_outlet(shopee, shopee_http, shopee_client, mart_id, outlet_ids):
    start = shopee.clock.now()
    orders = {shop_id: completed_order(shopee, shopee_http, shop_id) for shop_id in outlet_ids[:3]}
    report_id = _report(shopee_client, mart_id, start, shopee.clock.now())
    shopee.advance(DELAY)
    mart = _totals(shopee_http, report_id)
    assert [o["shop_id"] for o in mart["outlets"]] == outlet_ids
    for entry in mart["outlets"]:
        expected = [Decimal(str(escrow(shopee_client, entry["shop_id"], orders[entry["shop_id"]])["order_income"]["escrow_amount"]))] \
            if entry["shop_id"] in orders else []
        assert (entry["orders"], Decimal(entry["escrow_amount"])) == (len(expected), sum(expected, Decimal(0)))
    for name in ("buyer_total_amount", "commission_fee", "service_fee", "seller_transaction_fee", "escrow_amount"):
        assert Decimal(mart[name]) == sum(Decimal(o[name]) for o in mart["outlets"]), name
    assert mart["orders"] == 3


def test_get_income_report_mart_totals_match_escrows(shopee, shopee_http, shopee_client, mart_id, outlet_id):
    start = shopee.clock.now()
    orders = [completed_order(shopee, shopee_http, outlet_id, quantity=q) for q in (1, 2)]
    report_id = _report(shopee_client, mart_id, start, shopee.clock.now())
    shopee.advance(DELAY)
    totals = _totals(shopee_http, report_id)
    amounts = [Decimal(str(escrow(shopee_client, outlet_id, sn)["order_income"]["escrow_amount"])) for sn in orders]
    assert (totals["orders"], Decimal(totals["escrow_amount"])) == (2, sum(amounts))


@pytest.mark.parametrize("api, params", [
    ("v2.payment.generate_income_report", {"release_time_from": MONDAY, "release_time_to": MONDAY + DAY}),
    ("v2.payment.generate_income_statement", {"release_time_from": MONDAY, "release_time_to": MONDAY + 7 * DAY - 1, "statement_type": 1}),
    ("v2.payment.get_income_report", {"income_report_id": 1}),
    ("v2.payment.get_income_statement", {"income_statement_id": 1}),
])
def test_income_documents_with_an_outlet_shop_id_refused(shopee_client, outlet_id, api, params):
    answer = shopee_client.call(api, shop_id=outlet_id, params=params)
    assert (answer["error"], answer["message"]) == ("error_param", "Shop is not a mart shop. Please use Mart Shop ID.")


def test_get_income_report_fails_when_forced(shopee, shopee_http, shopee_client, outlet_id, mart_id):
    assert shopee_http.post("/_emulator/payment/reports", json={"fail_next": 1}).status_code == 200
    report_id = _report(shopee_client, mart_id, MONDAY, shopee.clock.now())
    shopee.advance(DELAY)
    failed = ok(_get_report(shopee_client, mart_id, report_id))
    assert (failed["status"], failed["file_link"]) == (4, "")
    second = _report(shopee_client, mart_id, MONDAY, shopee.clock.now())
    shopee.advance(DELAY)
    assert ok(_get_report(shopee_client, mart_id, second))["status"] == 2


def test_get_income_report_delay_is_configurable(shopee, shopee_http, shopee_client, outlet_id, mart_id):
    shopee_http.post("/_emulator/payment/reports", json={"delay_seconds": 600})
    report_id = _report(shopee_client, mart_id, MONDAY, shopee.clock.now())
    shopee.advance(599)
    assert ok(_get_report(shopee_client, mart_id, report_id))["status"] == 1
    shopee.advance(1)
    assert ok(_get_report(shopee_client, mart_id, report_id))["status"] == 2


def test_generate_income_report_start_after_end(shopee_client, outlet_id, mart_id):
    answer = shopee_client.call("v2.payment.generate_income_report", shop_id=mart_id,
                                params={"release_time_from": MONDAY + DAY, "release_time_to": MONDAY})
    assert (answer["error"], answer["message"]) == ("error_param", (
        "release_time_from and/or release_time_to parameter is missing or invalid. Please provide both a valid start "
        "date, and end date to query where start date cannot be later than the end date."))


def test_get_income_report_statement_id_not_found(shopee, shopee_client, mart_id):
    statement_id = ok(_statement(shopee_client, mart_id, MONDAY, MONDAY + 7 * DAY - 1, 1))["id"]
    answer = _get_report(shopee_client, mart_id, statement_id)
    assert (answer["error"], answer["message"]) == ("error_param", "The information you queried is not found.")


def test_get_income_statement_weekly_processing_then_ready(shopee, shopee_http, shopee_client, mart_id):
    statement_id = ok(_statement(shopee_client, mart_id, MONDAY, MONDAY + 7 * DAY - 1, 1))["id"]
    params = {"income_statement_id": statement_id}
    pending = ok(shopee_client.call("v2.payment.get_income_statement", shop_id=mart_id, params=params))
    assert (pending["status"], pending["file_name"]) == (1, "weekly_report_20260105.pdf")
    shopee.advance(DELAY)
    assert ok(shopee_client.call("v2.payment.get_income_statement", shop_id=mart_id, params=params))["status"] == 2


def test_generate_income_statement_monthly(shopee, shopee_http, shopee_client, mart_id):
    january = MONDAY - 4 * DAY  # 2026-01-01 00:00 WIB
    statement_id = ok(_statement(shopee_client, mart_id, january, january + 31 * DAY - 1, 2))["id"]
    shopee.advance(DELAY)
    ready = ok(shopee_client.call("v2.payment.get_income_statement", shop_id=mart_id, params={"income_statement_id": statement_id}))
    assert (ready["status"], ready["file_name"]) == (2, "monthly_report_20260101.pdf")


@pytest.mark.parametrize("time_from, time_to, statement_type", [
    (MONDAY + DAY, MONDAY + 8 * DAY - 1, 1), (MONDAY, MONDAY + 8 * DAY - 1, 1), (MONDAY, MONDAY + 31 * DAY - 1, 2),
])
def test_generate_income_statement_invalid_range(shopee_client, mart_id, time_from, time_to, statement_type):
    answer = _statement(shopee_client, mart_id, time_from, time_to, statement_type)
    assert (answer["error"], answer["message"]) == ("error_param", (
        "Invalid time range, Weekly reports must span from Day 1 (Monday) to Day 7 (Sunday), and monthly reports must "
        "cover from 1st to last day of the month."))


def test_generate_income_statement_wrong_type(shopee_client, mart_id):
    answer = _statement(shopee_client, mart_id, MONDAY, MONDAY + 7 * DAY - 1, 3)
    assert (answer["error"], answer["message"]) == ("error_param", "Wrong income statement type. Please provide the correct parameter.")


def test_get_income_statement_zero_id(shopee_client, mart_id):
    answer = shopee_client.call("v2.payment.get_income_statement", shop_id=mart_id, params={"income_statement_id": 0})
    assert (answer["error"], answer["message"]) == (
        "error_param", "Wrong document ID provided. Please provide the correct ID in integer format.")


def test_get_income_statement_report_id_not_found(shopee, shopee_client, mart_id):
    report_id = _report(shopee_client, mart_id, MONDAY, shopee.clock.now())
    answer = shopee_client.call("v2.payment.get_income_statement", shop_id=mart_id, params={"income_statement_id": report_id})
    assert (answer["error"], answer["message"]) == ("error_param", "The information you queried is not found.")


def test_income_document_file_unknown_path_is_404(shopee_http):
    answer = shopee_http.get("/api/v4/accounting/pc/seller_income/income_report/get_income_document_file", params={"path": "1/x/y.pdf"})
    assert answer.status_code == 404


@pytest.mark.parametrize("body", [{"delay_seconds": -1}, {"fail_next": 1.5}, {"delay_seconds": "x"}])
def test_payment_reports_control_rejects_bad_settings(shopee_http, body):
    assert shopee_http.post("/_emulator/payment/reports", json=body).status_code == 400
