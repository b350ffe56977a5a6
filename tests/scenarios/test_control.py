"""``POST /_emulator/scenario``: load a scenario's world and faults into a running emulator."""
from __future__ import annotations

from pathlib import Path

import pytest

from emulator.client import client_for

DATA = Path(__file__).parent / "data"


def test_scenario_route_replaces_world_and_adds_faults(shopee, shopee_http):
    answer = shopee_http.post("/_emulator/scenario", json={"path": str(DATA / "setup_faults.yaml")})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["scenario"], body["world"], body["seed"], body["steps_run"]) == ("an Outlet's shop info fails once", "th", 5, 0)
    outlet = body["marts"][0]["outlets"][1]["shop_id"]
    assert body["faults"][0]["shop_id"] == outlet
    client = client_for(shopee, shopee_http)  # the scenario's world brings its own partner
    assert client.partner_id == 1203742
    assert client.call("v2.shop.get_shop_info", shop_id=outlet)["error"] == "error_server"


def test_scenario_route_runs_steps_and_reset_returns_to_its_world(shopee, shopee_http):
    text = "world: th\nsteps:\n  - call: {api: v2.shop.get_shop_info, shop: mart}\n    expect: {region: TH}\n"
    answer = shopee_http.post("/_emulator/scenario", json={"yaml": text, "run_steps": True})
    assert answer.status_code == 200 and answer.json()["steps_run"] == 1
    assert shopee_http.post("/_emulator/reset").status_code == 200
    assert shopee_http.get("/_emulator/world").json()["world"] == "th"


def test_scenario_route_invalid_scenario_names_key(shopee_http):
    answer = shopee_http.post("/_emulator/scenario", json={"scenario": {"steps": [{"advance": "soon"}]}, "filename": "mine.yaml"})
    assert answer.status_code == 400
    assert answer.json() == {
        "error": "invalid_scenario",
        "message": "mine.yaml: steps[0].advance: not a duration 'soon': write seconds, or e.g. 2h, 30m, 1d 6h, 90s",
    }


def test_scenario_route_failing_step_answers_409(shopee_http):
    text = "steps:\n  - call: {api: v2.shop.get_shop_info, shop: mart}\n    expect: {region: TH}\n"
    answer = shopee_http.post("/_emulator/scenario", json={"yaml": text, "run_steps": True})
    assert answer.status_code == 409 and answer.json()["error"] == "scenario_failed"
    assert answer.json()["message"].startswith('inline scenario: steps[0] (call v2.shop.get_shop_info @mart):\n  region: expected "TH", got "ID"')


def test_scenario_route_needs_one_source(shopee_http):
    answer = shopee_http.post("/_emulator/scenario", json={"run_steps": True})
    assert (answer.status_code, answer.json()) == (400, {"error": "bad_request", "message": "give exactly one of path, yaml or scenario"})


@pytest.mark.parametrize("text", ["[" * 2000, "steps:\n  - " + "[" * 1500])
def test_scenario_nested_too_deeply_is_refused_not_a_server_error(shopee_http, text):
    answer = shopee_http.post("/_emulator/scenario", json={"yaml": text})
    assert answer.status_code == 400
    assert answer.json() == {"error": "invalid_scenario", "message": "inline scenario: nested too deeply to be a scenario"}
