"""Every v2 API the platform documents answers: its implementation, or not-emulated by name."""
from __future__ import annotations

import json
from importlib import resources

from emulator.errors import NOT_EMULATED

CATALOGUE = json.loads(resources.files("emulator.spec").joinpath("catalogue.json").read_text("utf-8"))


def test_the_catalogue_is_the_platforms_444_apis(shopee):
    assert len(CATALOGUE) == 444
    assert {entry["name"] for entry in CATALOGUE} <= set(shopee.registry.by_name)


def test_every_catalogue_api_answers_its_implementation_or_not_emulated(shopee, shopee_http):
    built, unbuilt = 0, 0
    for entry in CATALOGUE:
        op = shopee.registry.by_path[entry["path"]]
        assert op.name == entry["name"] and op.accepts(entry["method"]), entry
        response = shopee_http.request(entry["method"], entry["path"], json={} if entry["method"] == "POST" else None)
        answer = response.json()
        if op.handler is None:
            unbuilt += 1
            assert response.status_code == 501, (entry, answer)
            assert (answer["error"], answer["message"]) == ("error_not_emulated", NOT_EMULATED.format(api=entry["name"]))
        else:
            built += 1  # unsigned: the implementation's gateway answers, never not-found or not-emulated
            assert answer["error"] != "error_not_emulated" and response.status_code != 404, (entry, answer)
    assert built >= 100 and built + unbuilt == 444


def test_an_unknown_path_is_still_not_found(shopee_http):
    answer = shopee_http.get("/api/v2/shop/get_shop_infos").json()
    assert answer["error"] == "error_param"
    assert answer["message"] == "Permission denied. This API is currently offline or the request path is incorrect."


def test_not_emulated_answers_at_the_documented_method_only(shopee_http):
    # v2.account_health.get_late_orders is documented as GET
    assert shopee_http.get("/api/v2/account_health/get_late_orders").status_code == 501
    assert shopee_http.post("/api/v2/account_health/get_late_orders", json={}).status_code == 405
