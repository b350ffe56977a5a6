"""The documents tools import: /openapi.json and /_emulator/openapi.json validate as OpenAPI 3.1,
with servers, the signature as security schemes, and every control endpoint described."""
from __future__ import annotations

import httpx
import pytest
from openapi_spec_validator import validate
from starlette.routing import Route

from emulator.app import create_app
from emulator.registry import PARTNER_OR_SHOP, PUBLIC, SHOP


def test_api_document_validates(shopee_http):
    document = shopee_http.get("/openapi.json").json()
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_control_document_validates(shopee_http):
    document = shopee_http.get("/_emulator/openapi.json").json()
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_servers_name_the_address_the_caller_used(shopee_server):
    for path in ("/openapi.json", "/_emulator/openapi.json"):
        servers = httpx.get(shopee_server.url + path).json()["servers"]
        assert servers[0]["url"] == shopee_server.url


@pytest.mark.parametrize(("auth", "schemes"), [(SHOP, ["shop_sign"]), (PUBLIC, ["partner_sign"]),
                                               (PARTNER_OR_SHOP, ["partner_sign", "shop_sign"])])
def test_each_operation_names_the_signatures_it_accepts(shopee, shopee_http, auth, schemes):
    document = shopee_http.get("/openapi.json").json()
    ops = [op for op in shopee.registry.implemented() if op.auth == auth]
    assert ops
    for op in ops:
        operation = document["paths"][op.path][op.method.lower()]
        assert [next(iter(s)) for s in operation["security"]] == schemes, op.name


def test_security_schemes_spell_out_the_base_string(shopee_http):
    schemes = shopee_http.get("/openapi.json").json()["components"]["securitySchemes"]
    assert schemes["shop_sign"]["in"] == "query" and schemes["shop_sign"]["name"] == "sign"
    assert "partner_id + path + timestamp + access_token + shop_id" in schemes["shop_sign"]["description"]
    assert "partner_id + path + timestamp`" in schemes["partner_sign"]["description"]


def test_control_document_describes_every_control_route(shopee, shopee_http):
    document = shopee_http.get("/_emulator/openapi.json").json()
    app = create_app(shopee)
    served = {(r.path, m.lower()) for r in app.routes if isinstance(r, Route) and r.path.startswith("/_emulator/")
              for m in (r.methods or ()) if m != "HEAD"}
    described = {(path, method) for path, item in document["paths"].items() for method in item}
    assert described == served
    ids = [op["operationId"] for item in document["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))


def test_control_document_path_parameters_and_summaries(shopee_http):
    paths = shopee_http.get("/_emulator/openapi.json").json()["paths"]
    action = paths["/_emulator/orders/{order_sn}/{action}"]["post"]
    assert [p["name"] for p in action["parameters"]] == ["order_sn", "action"]
    assert paths["/_emulator/clock/advance"]["post"]["summary"].startswith("Move the clock forward")
    assert paths["/_emulator/health"]["get"]["summary"].startswith("Readiness for CI")
