"""The platform's common errors injected by name, and the rate limit and daily call cap."""
from __future__ import annotations

import json
from importlib import resources

import pytest

from emulator.spec import common_errors
from tests.console.helpers import message, post

COMMON = json.loads(resources.files("emulator.spec").joinpath("common_errors.json").read_text("utf-8"))
SHOP_INFO = "v2.shop.get_shop_info"
RATE_LIMITED = "Too many requests. You have reached the rate limit. Please try again later."
DAILY_LIMITED = ("The total API call number made by your APP has reached the daily API call limit, "
                 "please try again after 00: 00 (UTC+08:00)")


def test_every_common_error_of_the_reference_has_a_name():
    reference = json.loads((resources.files("emulator.spec") / "common_errors.json").read_text("utf-8"))
    assert len(common_errors()) == len(reference) == 43
    assert common_errors()["error_rate_limit"].message == RATE_LIMITED
    assert common_errors()["error_auth.app_deleted"].error == "error_auth"


@pytest.mark.parametrize("entry", COMMON, ids=lambda e: e["name"])
def test_each_common_error_injects_by_name_with_its_message_and_status(shopee_http, shopee_client, mart_id, entry):
    added = shopee_http.post("/_emulator/faults", json={"operation": SHOP_INFO, "common_error": entry["name"]})
    assert added.status_code == 200, added.text
    response = shopee_client.request(SHOP_INFO, mart_id)
    answer = response.json()
    message = entry["message"].replace("{ip}", "127.0.0.1")
    assert (response.status_code, answer["error"], answer["message"]) == (entry["http_status"], entry["error"], message)
    assert shopee_client.call(SHOP_INFO, mart_id)["error"] == ""  # one effect: the next call passes


def test_common_error_in_an_effect_list_and_with_its_status_overridden(shopee_http, shopee_client, mart_id):
    effects = [{"common_error": "error_param.timestamp_expired", "http_status": 400}, "pass", {"common_error": "shop_banned"}]
    assert shopee_http.post("/_emulator/faults", json={"operation": "*", "effects": effects}).status_code == 200
    first = shopee_client.request(SHOP_INFO, mart_id)
    assert (first.status_code, first.json()["message"]) == (400, "Timestamp is expired.")
    assert shopee_client.call(SHOP_INFO, mart_id)["error"] == ""
    assert shopee_client.call(SHOP_INFO, mart_id)["error"] == "shop_banned"


@pytest.mark.parametrize("body, message", [
    ({"operation": SHOP_INFO, "common_error": "error_nonsense"}, "unknown common error 'error_nonsense': one of "),
    ({"operation": SHOP_INFO, "effects": [{"common_error": "shop_banned", "error": "x"}]}, "give common_error or error/message, not both"),
])
def test_unknown_or_mixed_common_error_refused(shopee_http, body, message):
    response = shopee_http.post("/_emulator/faults", json=body)
    assert response.status_code == 400 and response.json()["message"].startswith(message)


def test_common_errors_are_listed_by_name(shopee_http):
    listed = shopee_http.get("/_emulator/common_errors").json()["common_errors"]
    assert [e["name"] for e in listed] == [e["name"] for e in COMMON]
    assert {"name": "error_limit", "error": "error_limit", "message": DAILY_LIMITED, "http_status": 429} in listed


# -- limits ----------------------------------------------------------------------------------------
def test_limits_are_off_by_default(shopee, shopee_http, shopee_client, mart_id):
    assert shopee_http.get("/_emulator/limits").json() == {
        "partner_id": shopee.auth.default_partner()["partner_id"], "rate_limit_per_second": None,
        "daily_call_limit": None, "apis": {}, "calls_today": 0,
    }
    for _ in range(50):
        assert shopee_client.call(SHOP_INFO, mart_id)["error"] == ""


def test_rate_limit_per_second_on_the_virtual_clock(shopee, shopee_http, shopee_client, mart_id):
    assert shopee_http.post("/_emulator/limits", json={"rate_limit_per_second": 3}).json()["rate_limit_per_second"] == 3
    assert [shopee_client.call(SHOP_INFO, mart_id)["error"] for _ in range(3)] == ["", "", ""]
    refused = shopee_client.request(SHOP_INFO, mart_id)
    assert (refused.status_code, refused.json()["error"], refused.json()["message"]) == (429, "error_rate_limit", RATE_LIMITED)
    shopee.advance(1)
    assert shopee_client.call(SHOP_INFO, mart_id)["error"] == ""


def test_daily_call_limit_resets_at_midnight_utc8(shopee, shopee_http, shopee_client, mart_id):
    utc8 = 8 * 3600
    midnight = ((shopee.clock.now() + utc8) // 86400 + 1) * 86400 - utc8  # the next 00:00 UTC+8
    shopee.set_time(midnight - 10)
    shopee_http.post("/_emulator/limits", json={"daily_call_limit": 2})
    assert [shopee_client.call(SHOP_INFO, mart_id)["error"] for _ in range(2)] == ["", ""]
    refused = shopee_client.request(SHOP_INFO, mart_id)
    assert (refused.status_code, refused.json()["error"], refused.json()["message"]) == (429, "error_limit", DAILY_LIMITED)
    assert shopee_http.get("/_emulator/limits").json()["calls_today"] == 2
    shopee.advance(9)  # 23:59:59, still the same day
    assert shopee_client.call(SHOP_INFO, mart_id)["error"] == "error_limit"
    shopee.advance(1)  # 00:00:00 UTC+8
    assert shopee_client.call(SHOP_INFO, mart_id)["error"] == ""


def test_per_api_override_counts_that_api_only(shopee_http, shopee_client, mart_id):
    body = {"apis": {"v2.shop.get_profile": {"daily_call_limit": 1}}}
    assert shopee_http.post("/_emulator/limits", json=body).json()["apis"] == {
        "v2.shop.get_profile": {"rate_limit_per_second": None, "daily_call_limit": 1}}
    assert shopee_client.call("v2.shop.get_profile", mart_id)["error"] == ""
    assert shopee_client.call("v2.shop.get_profile", mart_id)["error"] == "error_limit"
    assert shopee_client.call(SHOP_INFO, mart_id)["error"] == ""


def test_limits_are_per_partner(shopee, shopee_http, shopee_client, mart_id):
    with shopee.transaction():
        other = shopee.auth.add_partner(2999001, "Other ERP")
    shopee_http.post("/_emulator/limits", json={"partner_id": other["partner_id"], "rate_limit_per_second": 1})
    assert [shopee_client.call(SHOP_INFO, mart_id)["error"] for _ in range(3)] == ["", "", ""]
    assert shopee_http.get("/_emulator/limits", params={"partner_id": other["partner_id"]}).json()["rate_limit_per_second"] == 1


def test_limits_switched_off_with_null_or_zero(shopee, shopee_http, shopee_client, mart_id):
    shopee_http.post("/_emulator/limits", json={"rate_limit_per_second": 1, "daily_call_limit": 5})
    shopee_client.call(SHOP_INFO, mart_id)
    assert shopee_client.call(SHOP_INFO, mart_id)["error"] == "error_rate_limit"
    answer = shopee_http.post("/_emulator/limits", json={"rate_limit_per_second": 0}).json()
    assert (answer["rate_limit_per_second"], answer["daily_call_limit"]) == (None, 5)
    assert shopee_client.call(SHOP_INFO, mart_id)["error"] == ""


def test_reset_switches_limits_off(shopee_http, shopee_client, mart_id):
    shopee_http.post("/_emulator/limits", json={"daily_call_limit": 1})
    shopee_http.post("/_emulator/reset")
    assert shopee_http.get("/_emulator/limits").json()["daily_call_limit"] is None


@pytest.mark.parametrize("body, message", [
    ({"rate_limit_per_second": -1}, "rate_limit_per_second must be null or a whole number from 0 to 1000000000"),
    ({"daily_call_limit": "many"}, "daily_call_limit must be null or a whole number from 0 to 1000000000"),
    ({"apis": {"v2.no.such": {"daily_call_limit": 1}}}, "apis: 'v2.no.such' is not a known API name"),
    ({"apis": {"v2.shop.get_profile": {"daily_call_limit": 1.5}}}, "apis.v2.shop.get_profile.daily_call_limit must be null"),
    ({"rate_limit": 1}, "unknown key 'rate_limit'"),
    ({"partner_id": 1}, "no such partner_id"),
])
def test_bad_limits_refused(shopee_http, body, message):
    response = shopee_http.post("/_emulator/limits", json=body)
    assert response.status_code in (400, 404) and response.json()["message"].startswith(message), response.text


# -- console -------------------------------------------------------------------------------------
def test_console_injects_a_common_error_by_name(shopee, shopee_http):
    page = post(shopee_http, "/console/faults", {"operation": "*", "common_error": "error_rate_limit", "times": "1",
                                                 "error": "error_server", "http_status": "500"})
    assert message(page, "notice") == "Rule added: * fails 1 time(s)."
    assert shopee.faults.rules[0].effects == [{"error": "error_rate_limit", "message": RATE_LIMITED, "http_status": 429}]
    assert "error_auth.app_deleted" in page.text  # every common error is offered by name


def test_console_sets_and_clears_limits(shopee, shopee_http):
    page = post(shopee_http, "/console/faults/limits", {"rate_limit_per_second": "5", "daily_call_limit": ""})
    assert message(page, "notice") == "Limits set: rate_limit_per_second 5, daily_call_limit off."
    partner_id = shopee.auth.default_partner()["partner_id"]
    assert (shopee.limits.settings(partner_id).rate_limit_per_second, shopee.limits.settings(partner_id).daily_call_limit) == (5, None)
    assert 'name="rate_limit_per_second" min="0" value="5"' in page.text
    post(shopee_http, "/console/faults/limits", {"rate_limit_per_second": "", "daily_call_limit": ""})
    assert shopee.limits.settings(partner_id).rate_limit_per_second is None


# -- scenarios -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text, problem", [
    ("faults: [{operation: '*', common_error: error_nonsense}]", "unknown common error 'error_nonsense'"),
    ("faults: [{operation: '*', effects: [{common_error: shop_banned, message: x}]}]", "give common_error or error/message, not both"),
    ("limits: [{rate_limit_per_second: -3}]", "limits[0]: rate_limit_per_second must be null or a whole number"),
])
def test_scenario_common_errors_and_limits_are_checked(tmp_path, text, problem):
    from emulator.scenarios import build_emulator, load_scenario
    from emulator.scenarios.model import ScenarioError

    path = tmp_path / "case.yaml"
    path.write_text(f"name: case\nworld: id\n{text}\n")
    with pytest.raises(ScenarioError) as caught:
        build_emulator(load_scenario(path)).close()
    assert problem in str(caught.value)
