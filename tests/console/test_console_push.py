"""The Push page: Set Push, Verify, push faults, and the outbox with attempts, signatures and re-send."""
from __future__ import annotations

import json
import re

import pytest

from emulator.domains.push import delivery
from emulator.domains.push.sink import SINK_URL
from tests.console.helpers import message, post

PATH = "/console/push"


def _ship_an_order(shopee, outlet_id: int) -> str:
    item = next(d for d in shopee.products.items_of_shop(outlet_id) if d["item_status"] == "NORMAL")
    order = shopee.orders.create(outlet_id, [{"item_id": item["item_id"], "model_id": item["models"][0]["model_id"], "quantity": 1}], paid=True)
    shopee.orders.act(order["order_sn"], "ship")
    return str(order["order_sn"])


def _config(shopee):
    return shopee.pushes.settings.view(shopee.auth.default_partner()["partner_id"])


def test_push_page_renders_with_nav_link(shopee_http):
    page = shopee_http.get(PATH)
    assert page.status_code == 200
    assert f'<a href="{PATH}" class=current>Push</a>' in page.text
    assert 'name="codes" value="15"' in page.text and "No pushes yet." in page.text


def test_save_settings_sets_url_codes_blocked_shops_and_retries(shopee, shopee_http, outlet_ids):
    data = {"callback_url": "https://app.example/push", "codes": ["3", "4"], "blocked": [str(outlet_ids[1])],
            "blocked_other": "99, 98", "retry_intervals": "60 600"}
    page = post(shopee_http, f"{PATH}/config", data)
    assert message(page, "notice") == "Push settings saved: https://app.example/push; codes on: 3, 4."
    config = _config(shopee)
    assert (config["callback_url"], config["push_config_on_list"], config["blocked_shop_id"]) == (
        "https://app.example/push", [3, 4], sorted([98, 99, outlet_ids[1]])
    )
    assert shopee.pushes.settings.retry_intervals(shopee.auth.default_partner()["partner_id"]) == [60, 600]
    assert f'name="blocked" value="{outlet_ids[1]}" checked' in page.text and 'value="98, 99"' in page.text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"callback_url": "ftp://x", "codes": ["3"]}, "callback_url must be an http(s) URL, or empty to switch pushes off"),
        ({"callback_url": "", "codes": ["3"]}, "set a callback_url before switching push codes on"),
        ({"callback_url": "https://a.example", "codes": ["99"]}, 'codes must be "all" or a list of push codes from'),
        ({"callback_url": "https://a.example", "retry_intervals": "5 x"}, "retry after must be a whole number from 0 to 2592000"),
        ({"callback_url": "https://a.example", "blocked_other": "-3"}, "other blocked shop ids must be a whole number from 1"),
    ],
)
def test_bad_settings_show_message_and_change_nothing(shopee, shopee_http, data, expected):
    before = _config(shopee)
    page = post(shopee_http, f"{PATH}/config", data)
    assert message(page, "error").startswith(expected)
    assert _config(shopee) == before


def test_verify_button_reports_delivery_and_latency(shopee, shopee_http, shopee_push_sink):
    page = post(shopee_http, f"{PATH}/verify", {"callback_url": ""})
    notice = message(page, "notice")
    assert re.fullmatch(rf"Verified: {re.escape(SINK_URL)} answered HTTP 200 in [0-9.]+ ms \(push #\d+\)\.", notice), notice
    (push,) = shopee_push_sink.received
    assert push.json["code"] == 0


def test_settings_show_the_success_rate_behind_the_live_status(shopee, shopee_http, shopee_push_sink, outlet_id):
    assert "live push status: Normal · no pushes in the last 6 hours" in shopee_http.get(PATH).text
    shopee_push_sink.respond(500)
    _ship_an_order(shopee, outlet_id)
    shopee.advance(0)
    sent = len(shopee_push_sink.received)
    assert f"live push status: Normal · {sent - 1} of {sent} delivered in the last 6 hours" in shopee_http.get(PATH).text


def test_verify_failure_shows_why(shopee_http, shopee_push_sink):
    shopee_push_sink.respond((200, "ok"))
    page = post(shopee_http, f"{PATH}/verify", {})
    assert message(page, "error").startswith(f"Verify failed: {SINK_URL}: answered 2xx with a non-empty body (push #")


def test_verify_without_callback_url_shows_message(shopee_http):
    page = post(shopee_http, f"{PATH}/verify", {})
    assert message(page, "error") == "the app has no callback_url: pass one or set it first"


def test_outbox_shows_pushes_with_body_signature_and_attempts(shopee, shopee_http, shopee_push_sink, outlet_id):
    order_sn = _ship_an_order(shopee, outlet_id)
    shopee.advance(0)
    pushes = shopee.pushes.messages(100, code=3, shop_id=outlet_id)
    assert {json.loads(p["body"])["data"]["status"] for p in pushes} >= {"READY_TO_SHIP", "PROCESSED"}
    page = shopee_http.get(PATH, params={"code": "3", "shop_id": str(outlet_id)})
    row = page.text.split(f"<td>{pushes[0]['message_id']}<br>", 1)[1].split("</tr></tbody></table></td>", 1)[0]
    assert order_sn in row and 'id="state-' in row and "delivered" in row
    key = shopee.auth.default_partner()["partner_key"]
    assert delivery.signature(key, SINK_URL, pushes[0]["body"]) in row
    assert re.search(r"200 <span class=\"on\">delivered</span></td><td class=\"num nowrap\">[0-9.]+ ms", row)
    assert key not in page.text.split("<main>", 1)[1]


def test_outbox_shows_each_failed_attempt_and_lost_state(shopee, shopee_http, shopee_push_sink, outlet_id):
    shopee_push_sink.respond(500, 500, 500, 500)
    shopee.publish("order.status_changed", outlet_id, order_sn="260105FAIL0001", old="UNPAID", new="READY_TO_SHIP")
    shopee.advance(4 * 3600)
    (push,) = shopee.pushes.messages(1, code=3)
    assert push["state"] == "lost" and len(push["attempts"]) == 4
    page = shopee_http.get(PATH, params={"state": "lost"})
    assert page.text.count('<span class="off">http_status</span>') == 4
    assert "answered HTTP 500, not 2xx" in page.text


def test_resend_button_sends_a_copy_now(shopee, shopee_http, shopee_push_sink, outlet_id):
    shopee.publish("order.status_changed", outlet_id, order_sn="260105RESEND01", old="UNPAID", new="READY_TO_SHIP")
    shopee.advance(0)
    (original,) = shopee.pushes.messages(1, code=3)
    page = post(shopee_http, f"{PATH}/{original['message_id']}/resend", {})
    (copy,) = shopee.pushes.messages(1, code=3)
    assert message(page, "notice") == f"Push #{original['message_id']} re-sent as #{copy['message_id']}: delivered."
    assert (copy["resent_from"], copy["body"], copy["state"]) == (original["message_id"], original["body"], "delivered")
    assert [p.body for p in shopee_push_sink.of_code(3)] == [original["body"]] * 2
    assert f"re-send of #{original['message_id']}" in page.text


def test_resend_unknown_push_shows_message(shopee_http):
    page = post(shopee_http, f"{PATH}/999999/resend", {})
    assert message(page, "error") == "push 999999 is not in the outbox (verification pushes are not re-sent)"


def test_resend_through_control_plane(shopee, shopee_http, shopee_push_sink, outlet_id):
    shopee.publish("order.status_changed", outlet_id, order_sn="260105RESEND02", old="UNPAID", new="READY_TO_SHIP")
    shopee.advance(0)
    (original,) = shopee.pushes.messages(1, code=3)
    answer = shopee_http.post(f"/_emulator/pushes/{original['message_id']}/resend")
    assert answer.status_code == 200 and answer.json()["resent_from"] == original["message_id"]
    assert answer.json()["attempts"][0]["http_status"] == 200


def test_add_and_clear_push_faults(shopee, shopee_http, shopee_push_sink, outlet_id):
    page = post(shopee_http, f"{PATH}/faults", {"code": "3", "effects": "drop, delay 30, duplicate"})
    assert message(page, "notice") == "Push fault added for code 3: drop, delay 30 s, duplicate."
    assert shopee.pushes.settings.faults()[0]["effects"] == ["drop", {"delay": 30}, "duplicate"]
    shopee.publish("order.status_changed", outlet_id, order_sn="260105DROP0001", old="UNPAID", new="READY_TO_SHIP")
    shopee.advance(0)
    page = shopee_http.get(PATH)
    assert '<span class="tag">drop</span>' in page.text and "delay 30 s, duplicate" in page.text
    page = post(shopee_http, f"{PATH}/faults/clear", {})
    assert message(page, "notice") == "Push faults cleared." and shopee.pushes.settings.faults() == []


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"effects": ""}, "effects: name at least one of drop, duplicate, delay N, pass"),
        ({"effects": "explode"}, 'effects must be "pass", "drop", "duplicate" or {"delay": seconds (0 to 30 days)}'),
        ({"effects": "delay x"}, "the delay must be a whole number from 0 to 2592000"),
        ({"effects": "delay 9999999999"}, "the delay must be a whole number from 0 to 2592000"),
        ({"effects": "drop", "code": "x"}, "code must be a whole number from 0 to 9223372036854775807"),
    ],
)
def test_bad_push_fault_shows_message(shopee, shopee_http, data, expected):
    page = post(shopee_http, f"{PATH}/faults", data)
    assert message(page, "error") == expected
    assert shopee.pushes.settings.faults() == []


def test_outbox_pages_newest_first(shopee, shopee_http, shopee_push_sink, outlet_id):
    partner_id = shopee.auth.default_partner()["partner_id"]
    with shopee.transaction():
        made = [shopee.pushes.enqueue(partner_id, outlet_id, 3, json.dumps({"n": n}))["message_id"] for n in range(51)]
    first = shopee_http.get(PATH)
    assert f"<td>{made[-1]}<br>" in first.text and f"<td>{made[1]}<br>" in first.text and f"<td>{made[0]}<br>" not in first.text
    older = first.text.split('id="older" href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    second = shopee_http.get(older)
    assert f"<td>{made[0]}<br>" in second.text and f"<td>{made[1]}<br>" not in second.text and 'id="older"' not in second.text


@pytest.mark.parametrize("query", [{"state": "nope"}, {"code": "x"}, {"before": "0"}, {"shop_id": "9" * 40}])
def test_push_page_bad_query_shows_message(shopee_http, query):
    page = shopee_http.get(PATH, params=query)
    assert page.status_code == 400 and message(page, "error")


def test_push_test_data_has_a_button_per_pushed_code(shopee_http):
    page = shopee_http.get(PATH)
    section = page.text.split('<section id="push-test-data">', 1)[1].split("</section>", 1)[0]
    assert re.findall(r'name="code" value="(\d+)" form="push-test"', section) == ["1", "2", "3", "4", "7", "8", "9", "11", "12", "15"]
    assert f'<form method="post" action="{PATH}/test" id="push-test"' in section


def test_push_test_data_button_sends_a_signed_sample_of_that_code(shopee, shopee_http, shopee_push_sink, outlet_id):
    page = post(shopee_http, f"{PATH}/test", {"code": "4", "shop_id": str(outlet_id)})
    (push,) = shopee_push_sink.received
    assert (push.code, push.json["shop_id"]) == (4, outlet_id)
    assert shopee_push_sink.verifies(push, shopee.auth.default_partner()["partner_key"])
    notice = message(page, "notice")
    assert re.fullmatch(rf"Test data of code 4 \(Order TrackingNo\), push #\d+: {re.escape(SINK_URL)} answered HTTP 200 in [0-9.]+ ms\.", notice), notice
    assert '<span class="tag">test data</span>' in page.text


def test_push_test_data_failure_shows_why_and_the_retry(shopee_http, shopee_push_sink):
    shopee_push_sink.respond(500)
    page = post(shopee_http, f"{PATH}/test", {"code": "3", "shop_id": ""})
    error = message(page, "error")
    assert re.fullmatch(rf"Test data of code 3 \(Order Status\), push #\d+: {re.escape(SINK_URL)}: answered HTTP 500, not 2xx; it is retried later\.", error), error


def test_push_test_data_of_an_unknown_code_shows_the_valid_codes(shopee_http, shopee_push_sink):
    page = post(shopee_http, f"{PATH}/test", {"code": "5"})
    assert message(page, "error").startswith("code 5 has no test data: valid codes are 0 (verification), 1, 2, 3, 4, 7")
    assert shopee_push_sink.received == []


def test_push_test_data_posted_from_another_site_is_refused(shopee_http, shopee_push_sink):
    page = shopee_http.post(f"{PATH}/test", data={"code": "3"}, headers={"Origin": "http://evil.example"})
    assert page.status_code == 403
    assert message(page, "error") == "Refused: this form was posted from another site."
    assert shopee_push_sink.received == []
