"""The overview's and the faults page's forms: clock, whitelist switches, new shops, reset, fault rules."""
from __future__ import annotations

import pytest

from tests.console.helpers import message, post


def test_advance_one_hour_button(shopee, shopee_http):
    before = shopee.clock.now()
    page = post(shopee_http, "/console/clock/advance", {"amount": "1", "unit": "hours"})
    assert shopee.clock.now() == before + 3600
    assert message(page, "notice").startswith("Clock advanced 1 hours to ")


def test_advance_custom_amount_runs_due_jobs(shopee, shopee_http):
    unpaid = [sn for sn, d in shopee.store.collection("orders").items() if d["order_status"] == "UNPAID"]
    page = post(shopee_http, "/console/clock/advance", {"amount": "2", "unit": "days"})
    assert message(page, "notice").endswith("jobs ran.")
    assert {shopee.orders.find(sn)["order_status"] for sn in unpaid} == {"CANCELLED"}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"amount": "x", "unit": "hours"}, "amount must be a whole number from 0 to 1000000000"),
        ({"amount": "-5", "unit": "hours"}, "amount must be a whole number from 0 to 1000000000"),
        ({"amount": "1", "unit": "weeks"}, "unit must be one of seconds, minutes, hours, days"),
        ({"amount": "999999999", "unit": "days"}, "the clock cannot go past 253402300799 (the end of year 9999)"),
    ],
)
def test_advance_bad_amount_shows_message(shopee, shopee_http, data, expected):
    before = shopee.clock.now()
    page = post(shopee_http, "/console/clock/advance", data)
    assert message(page, "error") == expected
    assert shopee.clock.now() == before


def test_sandbox_off_turns_whitelist_off(shopee, shopee_http):
    page = post(shopee_http, "/console/partner", {"key": "sandbox_v2", "value": "false"})
    assert message(page, "notice") == "Sandbox V2 turned off."
    partner = shopee.auth.default_partner()
    assert (partner["sandbox_v2"], partner["mart_outlet_whitelist"]) == (False, False)


def test_whitelist_before_sandbox_shows_message(shopee, shopee_http):
    post(shopee_http, "/console/partner", {"key": "sandbox_v2", "value": "false"})
    page = post(shopee_http, "/console/partner", {"key": "mart_outlet_whitelist", "value": "true"})
    assert message(page, "error") == "Sandbox V2 must be enabled before the Mart & Outlet shop whitelist"
    assert shopee.auth.default_partner()["mart_outlet_whitelist"] is False


def test_whitelist_two_steps_then_create_mart(shopee, shopee_http):
    post(shopee_http, "/console/partner", {"key": "sandbox_v2", "value": "false"})
    assert message(post(shopee_http, "/console/shops", {"outlets": "1"}), "error")
    post(shopee_http, "/console/partner", {"key": "sandbox_v2", "value": "true"})
    post(shopee_http, "/console/partner", {"key": "mart_outlet_whitelist", "value": "true"})
    page = post(shopee_http, "/console/shops", {"outlets": "3", "brand": "Bright", "main_account": "1"})
    mart = shopee.shops.marts()[-1]
    outlets = mart["outlet_shop_ids"]
    assert message(page, "notice") == f"Created Mart {mart['shop_id']} with Outlets {', '.join(map(str, outlets))}."
    assert len(outlets) == 3 and mart["main_account_id"]
    assert all(str(shop_id) in page.text for shop_id in outlets)


def test_create_mart_bad_outlet_count_shows_message(shopee_http):
    page = post(shopee_http, "/console/shops", {"outlets": "51"})
    assert message(page, "error") == "Outlets must be a whole number from 0 to 50"


def test_unknown_switch_shows_message(shopee_http):
    page = post(shopee_http, "/console/partner", {"key": "partner_key", "value": "true"})
    assert message(page, "error") == "choose a switch to turn on or off"


def test_reset_button_restores_world(shopee, shopee_http):
    orders = shopee.store.count("orders")
    post(shopee_http, "/console/shops", {"outlets": "1"})
    page = post(shopee_http, "/console/reset", {})
    assert message(page, "notice") == "The world is back to how it was loaded."
    assert len(shopee.shops.marts()) == 1 and shopee.store.count("orders") == orders


def test_add_and_clear_fault_rule(shopee, shopee_http, outlet_id):
    page = post(shopee_http, "/console/faults", {"operation": "v2.product.update_stock", "shop_id": str(outlet_id), "times": "2",
                                                 "error": "error_busy", "message": "busy", "http_status": "429"})
    assert message(page, "notice") == "Rule added: v2.product.update_stock fails 2 time(s)."
    [rule] = shopee.faults.rules
    assert (rule.operation, rule.shop_id, rule.effects) == (
        "v2.product.update_stock", outlet_id, [{"error": "error_busy", "message": "busy", "http_status": 429}] * 2
    )
    assert "v2.product.update_stock" in page.text and "error_busy" in page.text
    page = post(shopee_http, "/console/faults/clear", {})
    assert message(page, "notice") == "All fault rules cleared." and shopee.faults.rules == []


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"operation": "v2.nope"}, "operation must be a known API name such as v2.product.update_stock, or *"),
        ({"operation": "*", "http_status": "700"}, "HTTP status must be a whole number from 200 to 599"),
        ({"operation": "*", "shop_id": "abc"}, "shop_id must be a whole number from 1 to 9223372036854775807"),
    ],
)
def test_add_bad_fault_rule_shows_message(shopee, shopee_http, data, expected):
    page = post(shopee_http, "/console/faults", data)
    assert message(page, "error") == expected
    assert shopee.faults.rules == []


def test_fault_rule_with_empty_message_keeps_default(shopee, shopee_http):
    page = post(shopee_http, "/console/faults", {"operation": "*", "error": "", "message": "", "times": "3"})
    assert shopee.faults.rules[0].effects == [{"http_status": 500}] * 3
    assert "3 × error_server · HTTP 500" in page.text


def test_separate_button_cancels_the_authorization_and_pushes_code_2(shopee, shopee_http, shopee_push_sink, outlet_id):
    overview = shopee_http.get("/console").text
    assert 'id="authorizations"' in overview and f'name="shop_id" value="{outlet_id}"' in overview
    page = post(shopee_http, "/console/authorizations/cancel", {"shop_id": str(outlet_id)})
    assert message(page, "notice") == f"Authorization of shop {outlet_id} cancelled."
    assert not shopee.shops.authorized(outlet_id)
    shopee.advance(0)
    assert [p.json["data"]["shop_id_list"] for p in shopee_push_sink.of_code(2)] == [[outlet_id]]
    again = post(shopee_http, "/console/authorizations/cancel", {"shop_id": str(outlet_id)})
    assert message(again, "error") == "None of the chosen shops has authorized this app."
