"""The control plane at /_emulator/*: credentials, clock, reset, snapshots, shops, switches, faults."""
from __future__ import annotations

import re

import pytest

from emulator.app import create_app
from emulator.asgi import in_process_client
from tests.conftest import JSON, assert_error, ok, signed_query

SHOP_INFO = "/api/v2/shop/get_shop_info"
NOT_WHITELISTED = (
    "This app is not whitelisted for Mart & Outlet shops. Enable Sandbox V2 first, then the Mart & Outlet whitelist."
)


def control_error(response, status: int, message: str, error: str = "bad_request") -> None:
    assert (response.status_code, response.json()) == (status, {"error": error, "message": message})


def rename(client, shop_id: int, name: str) -> None:
    ok(client.call("v2.shop.update_profile", shop_id=shop_id, body={"shop_name": name}))


# -- credentials -----------------------------------------------------------------------------------
def test_credentials_shape(shopee_http, mart_id, outlet_ids):
    creds = shopee_http.get("/_emulator/credentials").json()
    assert set(creds) == {"partner_id", "partner_key", "shops", "main_accounts"}
    assert creds["partner_id"] == 1203741
    assert re.fullmatch(r"shpk[0-9a-f]{64}", creds["partner_key"])
    assert [s["shop_id"] for s in creds["shops"]] == [mart_id, *outlet_ids]
    for shop in creds["shops"]:
        assert set(shop) == {"shop_id", "kind", "mart_shop_id", "shop_name", "region", "access_token", "refresh_token"}
        assert re.fullmatch(r"[0-9a-f]{32}", shop["access_token"])
    assert [s["mart_shop_id"] for s in creds["shops"]] == [None] + [mart_id] * len(outlet_ids)
    assert creds["main_accounts"][0]["shop_id_list"] == [mart_id, *outlet_ids]


def test_credentials_tokens_work(shopee, shopee_http):
    for shop in shopee_http.get("/_emulator/credentials").json()["shops"]:
        query = signed_query(shopee, SHOP_INFO, shop_id=shop["shop_id"], access_token=shop["access_token"])
        ok(shopee_http.get(SHOP_INFO, params=query).json())


def test_credentials_reissues_expired_tokens(shopee, shopee_http, mart_id):
    before = shopee_http.get("/_emulator/credentials").json()["shops"][0]["access_token"]
    shopee.advance(5 * 3600)
    after = shopee_http.get("/_emulator/credentials").json()["shops"][0]["access_token"]
    assert after != before
    ok(shopee_http.get(SHOP_INFO, params=signed_query(shopee, SHOP_INFO, shop_id=mart_id, access_token=after)).json())


# -- clock -----------------------------------------------------------------------------------------
def test_clock_get(shopee, shopee_http):
    expected = {"now": 1767578400, "mode": "manual", "pending_jobs": shopee.scheduler.pending()}
    assert shopee_http.get("/_emulator/clock").json() == expected


def test_clock_advance_moves_forward(shopee, shopee_http):
    answer = shopee_http.post("/_emulator/clock/advance", json={"seconds": 90}).json()
    assert answer["now"] == 1767578400 + 90 and answer["jobs_run"] == 0
    assert shopee.clock.now() == 1767578400 + 90


def test_clock_advance_negative_refused(shopee, shopee_http):
    response = shopee_http.post("/_emulator/clock/advance", json={"seconds": -1})
    control_error(response, 400, "seconds must not be negative: time only moves forward")
    assert shopee.clock.now() == 1767578400


@pytest.mark.parametrize("body", [b'{"seconds": "60"}', b'{"seconds": true}'])
def test_clock_advance_not_a_number_refused(shopee_http, body):
    response = shopee_http.post("/_emulator/clock/advance", content=body, headers=JSON)
    control_error(response, 400, "seconds must be a number")


@pytest.mark.parametrize(("body", "spelt"), [(b'{"seconds": NaN}', "nan"), (b'{"seconds": Infinity}', "inf")])
def test_clock_advance_non_finite_number_refused(shopee_http, body, spelt):
    response = shopee_http.post("/_emulator/clock/advance", content=body, headers=JSON)
    control_error(response, 400, f"seconds must be a finite number, not {spelt}")


def test_clock_advance_without_seconds_refused(shopee_http):
    control_error(shopee_http.post("/_emulator/clock/advance", json={}), 400, "seconds is required")


def test_clock_advance_past_year_9999_refused(shopee, shopee_http):
    response = shopee_http.post("/_emulator/clock/advance", json={"seconds": 1e300})
    control_error(response, 400, "the clock cannot go past 253402300799 (the end of year 9999)")
    assert shopee.clock.now() == 1767578400


def test_clock_set_forward(shopee, shopee_http):
    answer = shopee_http.post("/_emulator/clock/set", json={"timestamp": 1767600000}).json()
    assert answer["now"] == 1767600000 == shopee.clock.now()


def test_clock_set_past_refused(shopee, shopee_http):
    response = shopee_http.post("/_emulator/clock/set", json={"timestamp": 1767578399})
    control_error(response, 400, "timestamp is in the past: time only moves forward")
    assert shopee.clock.now() == 1767578400


def test_clock_advance_body_not_json_refused(shopee_http):
    control_error(shopee_http.post("/_emulator/clock/advance", content=b"{", headers=JSON), 400, "request body is not valid JSON")


# -- reset and snapshots ---------------------------------------------------------------------------
def test_reset_restores_world_and_clock(shopee, shopee_http, shopee_client, mart_id):
    rename(shopee_client, mart_id, "Renamed")
    shopee.advance(3600)
    assert shopee_http.post("/_emulator/reset").json()["now"] == 1767578400
    assert shopee.shops.get(mart_id)["shop_name"] == "Segar Mart Official"


def test_reset_clears_faults(shopee, shopee_http):
    shopee_http.post("/_emulator/faults", json={"operation": "v2.shop.get_shop_info"})
    shopee_http.post("/_emulator/reset")
    assert shopee_http.get("/_emulator/faults").json() == {"faults": []}


def test_snapshot_export_import_round_trip(shopee, shopee_http, shopee_client, mart_id):
    rename(shopee_client, mart_id, "Saved Name")
    saved = shopee_http.get("/_emulator/snapshot").json()
    shopee.advance(40 * 24 * 3600)
    rename(shopee_client, mart_id, "Later Name")
    answer = shopee_http.post("/_emulator/snapshot", json=saved).json()
    assert answer["imported"] is True
    assert shopee.shops.get(mart_id)["shop_name"] == "Saved Name"
    assert shopee_http.get("/_emulator/snapshot").json() == saved


def test_snapshot_import_into_another_emulator(shopee, shopee_http, shopee_client, mart_id):
    from emulator.world import Emulator

    rename(shopee_client, mart_id, "Carried Over")
    saved = shopee_http.get("/_emulator/snapshot").json()
    other = Emulator("th")
    try:
        with in_process_client(create_app(other)) as other_http:
            other_http.post("/_emulator/snapshot", json=saved)
            assert other_http.get("/_emulator/world").json()["marts"][0]["shop_name"] == "Carried Over"
            assert other_http.get("/_emulator/credentials").json()["partner_id"] == 1203741
    finally:
        other.close()


@pytest.mark.parametrize(
    ("snapshot", "message"),
    [
        ({"shops": []}, "not a snapshot: shops must be an object of documents keyed by id"),
        ({"shops": {}}, "not a snapshot: a snapshot holds at least one partner in its partners collection"),
        (
            {"partners": {"1": {"partner_id": 1}}, "_meta": {"1": {"tx": "many"}}},
            "not a snapshot: _meta.1.tx must be a whole number, 0 or more",
        ),
    ],
)
def test_snapshot_import_bad_state_refused_and_world_kept(shopee, shopee_http, snapshot, message):
    before = shopee_http.get("/_emulator/snapshot").json()
    control_error(shopee_http.post("/_emulator/snapshot", json=snapshot), 400, message)
    assert shopee_http.get("/_emulator/snapshot").json() == before


# -- world and shops -------------------------------------------------------------------------------
def test_world_summary(shopee, shopee_http, mart_id, outlet_ids):
    summary = shopee_http.get("/_emulator/world").json()
    assert (summary["world"], summary["region"], summary["seed"]) == ("id", "ID", 20260105)
    assert [m["shop_id"] for m in summary["marts"]] == [mart_id]
    assert [o["shop_id"] for o in summary["marts"][0]["outlets"]] == outlet_ids
    assert summary["counts"] == {"items": shopee.store.count("items"), "orders": shopee.store.count("orders"), "returns": 0}
    assert summary["counts"]["items"] > 0 and summary["counts"]["orders"] > 0


def test_create_shops_adds_mart_with_outlets(shopee, shopee_http):
    created = shopee_http.post("/_emulator/shops", json={"outlets": 2, "brand": "Kilat"}).json()
    assert len(created["outlet_shop_ids"]) == 2
    names = {s["shop_id"]: s["shop_name"] for s in shopee_http.get("/_emulator/credentials").json()["shops"]}
    assert names[created["mart_shop_id"]] == "Kilat Mart Official"
    assert len(shopee_http.get("/_emulator/world").json()["marts"]) == 2


def test_create_shops_refused_while_sandbox_v2_off(shopee_http):
    assert shopee_http.post("/_emulator/partner", json={"sandbox_v2": False}).json()["mart_outlet_whitelist"] is False
    response = shopee_http.post("/_emulator/shops", json={"outlets": 1})
    control_error(response, 400, NOT_WHITELISTED, error="error_permission")


def test_create_shops_refused_until_whitelist_switched_on_again(shopee_http):
    shopee_http.post("/_emulator/partner", json={"sandbox_v2": False})
    shopee_http.post("/_emulator/partner", json={"sandbox_v2": True})
    control_error(shopee_http.post("/_emulator/shops", json={}), 400, NOT_WHITELISTED, error="error_permission")
    shopee_http.post("/_emulator/partner", json={"mart_outlet_whitelist": True})
    assert shopee_http.post("/_emulator/shops", json={}).status_code == 200


def test_partner_whitelist_before_sandbox_v2_refused(shopee_http):
    shopee_http.post("/_emulator/partner", json={"sandbox_v2": False})
    response = shopee_http.post("/_emulator/partner", json={"mart_outlet_whitelist": True})
    control_error(response, 400, "Sandbox V2 must be enabled before the Mart & Outlet shop whitelist")


def test_partner_get_hides_key(shopee_http):
    partner = shopee_http.get("/_emulator/partner").json()
    assert partner["partner_id"] == 1203741 and "partner_key" not in partner


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"outlets": 51}, "outlets must be a whole number from 0 to 50"),
        ({"outlets": 1.5}, "outlets must be a whole number from 0 to 50"),
        ({"main_account": "no"}, "main_account must be true or false"),
        ({"brand": 7}, "brand must be a string"),
    ],
)
def test_create_shops_bad_body_refused(shopee_http, body, message):
    control_error(shopee_http.post("/_emulator/shops", json=body), 400, message)


# -- faults ----------------------------------------------------------------------------------------
def test_faults_error_twice_then_pass(shopee_http, shopee_client, mart_id):
    shopee_http.post(
        "/_emulator/faults",
        json={"operation": "v2.shop.get_shop_info", "times": 2, "error": "error_busy", "message": "busy", "http_status": 429},
    )
    for _ in range(2):
        response = shopee_client.request("v2.shop.get_shop_info", shop_id=mart_id)
        assert_error(response, 429, "error_busy", "busy")
    ok(shopee_client.call("v2.shop.get_shop_info", shop_id=mart_id))
    assert shopee_http.get("/_emulator/faults").json() == {"faults": []}


def test_faults_effect_sequence_with_pass(shopee_http, shopee_client, mart_id):
    effects = [{"error": "error_server", "message": "Something wrong. Please try later.", "http_status": 500}, "pass"]
    shopee_http.post("/_emulator/faults", json={"operation": "*", "effects": effects * 2})
    outcomes = [shopee_client.request("v2.shop.get_profile", shop_id=mart_id).status_code for _ in range(5)]
    assert outcomes == [500, 200, 500, 200, 200]


def test_faults_scoped_to_shop(shopee_http, shopee_client, mart_id, outlet_id):
    shopee_http.post("/_emulator/faults", json={"operation": "v2.shop.get_profile", "shop_id": outlet_id})
    ok(shopee_client.call("v2.shop.get_profile", shop_id=mart_id))
    assert shopee_client.call("v2.shop.get_profile", shop_id=outlet_id)["error"] == "error_server"


def test_faults_delete_clears(shopee_http, shopee_client, mart_id):
    shopee_http.post("/_emulator/faults", json={"operation": "v2.shop.get_profile"})
    assert shopee_http.delete("/_emulator/faults").json() == {"faults": []}
    ok(shopee_client.call("v2.shop.get_profile", shop_id=mart_id))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"operation": "v2.shop.nothing"}, "operation must be a known API name such as v2.product.update_stock, or *"),
        ({"operation": "*", "times": 10**9}, "times must be a whole number from 1 to 1000"),
        ({"operation": "*", "times": 0}, "times must be a whole number from 1 to 1000"),
        ({"operation": "*", "effects": [{"http_status": "x"}]}, "http_status must be a whole number from 200 to 599"),
        ({"operation": "*", "effects": [7]}, 'effects must be a list of at most 1000 "pass" or {"error", "message", "http_status"}'),
        ({"operation": "*", "shop_id": "mart"}, "shop_id must be a number"),
    ],
)
def test_faults_bad_rule_refused(shopee_http, body, message):
    control_error(shopee_http.post("/_emulator/faults", json=body), 400, message)


# -- links, events, calls, the token ---------------------------------------------------------------
def test_auth_link_opens_the_page(shopee_http):
    url = shopee_http.get("/_emulator/auth_link", params={"redirect": "http://127.0.0.1/cb"}).json()["url"]
    assert shopee_http.get(url).status_code == 200


def test_events_record_profile_update(shopee_http, shopee_client, mart_id):
    rename(shopee_client, mart_id, "Evented")
    events = shopee_http.get("/_emulator/events", params={"name": "shop.profile_updated"}).json()["events"]
    assert [(e["name"], e["shop_id"]) for e in events] == [("shop.profile_updated", mart_id)]


def test_calls_record_each_api_call(shopee_http, shopee_client, mart_id):
    shopee_client.call("v2.shop.get_profile", shop_id=mart_id)
    calls = shopee_http.get("/_emulator/calls").json()["calls"]
    assert [(c["api"], c["shop_id"], c["status"]) for c in calls] == [("v2.shop.get_profile", mart_id, 200)]
    assert "expected_base_string" not in calls[0]


def test_calls_show_the_expected_base_string_of_a_wrong_sign(shopee, shopee_http):
    partner = shopee.auth.default_partner()
    path = "/api/v2/public/get_shops_by_partner"
    query = {"partner_id": partner["partner_id"], "timestamp": shopee.clock.now(), "sign": "0" * 64}
    assert shopee_http.get(path, params=query).json()["error"] == "error_sign"
    (call,) = shopee_http.get("/_emulator/calls").json()["calls"]
    assert call["expected_base_string"] == f"{partner['partner_id']}{path}{shopee.clock.now()}"
    assert partner["partner_key"] not in str(call)


def test_control_token_required_when_set(shopee):
    with in_process_client(create_app(shopee, control_token="s3cret")) as http:
        response = http.get("/_emulator/clock")
        assert (response.status_code, response.json()["error"]) == (403, "forbidden")
        assert http.get("/_emulator/clock", headers={"X-Emulator-Token": "s3cret"}).status_code == 200
        assert http.get("/_emulator/clock", headers={"X-Emulator-Token": "wrong"}).status_code == 403


def test_control_token_non_ascii_header_refused(shopee):
    with in_process_client(create_app(shopee, control_token="s3cret")) as http:
        response = http.get("/_emulator/clock", headers={"X-Emulator-Token": b"\xe9t\xe9"})
        assert (response.status_code, response.json()["error"]) == (403, "forbidden")
