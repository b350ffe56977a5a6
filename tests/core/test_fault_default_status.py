"""An injected fault that names no HTTP status answers the same one everywhere it can be added:
the control plane, a scenario file and the console's form (``emulator.faults.DEFAULT_HTTP_STATUS``)."""
from __future__ import annotations

import re

from emulator.faults import DEFAULT_HTTP_STATUS
from emulator.scenarios import parse_text, run_scenario
from tests.console.helpers import post


def test_default_is_a_server_error():
    assert DEFAULT_HTTP_STATUS == 500


def test_control_plane_fault_without_status(shopee, shopee_http, shopee_client, mart_id):
    added = shopee_http.post("/_emulator/faults", json={"operation": "v2.shop.get_shop_info", "error": "error_server"})
    assert added.status_code == 200
    answer = shopee_client.request("v2.shop.get_shop_info", shop_id=mart_id)
    assert (answer.status_code, answer.json()["error"]) == (DEFAULT_HTTP_STATUS, "error_server")


def test_control_plane_effects_without_status(shopee, shopee_http, shopee_client, mart_id):
    shopee_http.post("/_emulator/faults", json={"operation": "*", "effects": [{"error": "error_busy"}]})
    assert shopee_client.request("v2.shop.get_shop_info", shop_id=mart_id).status_code == DEFAULT_HTTP_STATUS


def test_scenario_fault_without_status():
    scenario = parse_text(
        "steps:\n"
        "  - fault: {operation: v2.shop.get_shop_info, error: error_server}\n"
        "  - call: {api: v2.shop.get_shop_info, shop: mart}\n"
        f"    expect: {{error: error_server, http_status: {DEFAULT_HTTP_STATUS}}}\n",
        "default_status.yaml",
    )
    assert len(run_scenario(scenario).steps) == 2


def test_console_form_prefills_the_same_status(shopee, shopee_http, shopee_client, mart_id):
    page = shopee_http.get("/console/faults")
    field = re.search(r'name="http_status"[^>]*value="(\d+)"', page.text)
    assert field is not None and int(field.group(1)) == DEFAULT_HTTP_STATUS
    post(shopee_http, "/console/faults", {"operation": "v2.shop.get_shop_info", "http_status": field.group(1)})
    assert shopee_client.request("v2.shop.get_shop_info", shop_id=mart_id).status_code == DEFAULT_HTTP_STATUS
