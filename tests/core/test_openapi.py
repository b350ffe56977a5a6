"""/openapi.json describes every implemented operation of the registry, with its request schema."""
from __future__ import annotations

from typing import Any

import pytest

from emulator.params import COMMON
from emulator.registry import PUBLIC, Registry

IMPLEMENTED = Registry.scan().implemented()


@pytest.fixture
def document(shopee_http) -> dict[str, Any]:
    response = shopee_http.get("/openapi.json")
    assert response.status_code == 200
    return response.json()


def resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref is None:
        return schema
    assert ref.startswith("#/components/schemas/"), ref
    return document["components"]["schemas"][ref.rsplit("/", 1)[1]]


def all_refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "$ref"] + [r for v in node.values() for r in all_refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in all_refs(v)]
    return []


def test_openapi_lists_exactly_the_implemented_operations(document):
    listed = {(path, method) for path, item in document["paths"].items() for method in item}
    assert listed == {(op.path, op.method.lower()) for op in IMPLEMENTED}


@pytest.mark.parametrize("op", IMPLEMENTED, ids=lambda op: op.name)
def test_openapi_operation_has_common_parameters(document, op):
    operation = document["paths"][op.path][op.method.lower()]
    assert operation["operationId"] == op.name
    names = {p["name"] for p in operation["parameters"] if p["in"] == "query"}
    expected = {"partner_id", "timestamp", "sign"} | (set() if op.auth == PUBLIC else {"access_token", "shop_id"})
    assert expected <= names


@pytest.mark.parametrize("op", IMPLEMENTED, ids=lambda op: op.name)
def test_openapi_operation_has_request_schema(document, op):
    operation = document["paths"][op.path][op.method.lower()]
    fields = {name for name in op.request_model.model_fields if name not in COMMON}
    required = {name for name, f in op.request_model.model_fields.items() if f.is_required() and name not in COMMON}
    if op.method == "GET":
        params = {p["name"]: p for p in operation["parameters"] if p["name"] not in COMMON}
        assert set(params) == fields
        assert {n for n, p in params.items() if p["required"]} == required
        assert all("schema" in p for p in params.values())
    else:
        content = operation["requestBody"]["content"]
        media = "multipart/form-data" if op.form else "application/json"
        schema = resolve(document, content[media]["schema"])
        assert set(schema.get("properties", {})) >= fields
        assert set(schema.get("required", [])) >= required


def test_openapi_every_reference_resolves(document):
    schemas = document["components"]["schemas"]
    missing = [ref for ref in all_refs(document) if ref.rsplit("/", 1)[1] not in schemas]
    assert missing == []


def test_openapi_envelope_schema(document):
    envelope = document["components"]["schemas"]["Envelope"]
    assert envelope["required"] == ["request_id", "error", "message"]
