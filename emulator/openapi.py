"""The emulator's OpenAPI document, made from the same request models the pipeline validates.

A registry never changes, so its document is built once and shared.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from emulator.registry import MERCHANT, PARTNER_OR_SHOP, PUBLIC, Registry

_COMMON = {
    "partner_id": {"type": "integer"},
    "timestamp": {"type": "integer"},
    "sign": {"type": "string"},
    "access_token": {"type": "string"},
    "shop_id": {"type": "integer"},
    "merchant_id": {"type": "integer"},
}


def _common_parameters(auth: str) -> list[dict[str, Any]]:
    names = ["partner_id", "timestamp", "sign"]
    if auth != PUBLIC:
        names += ["access_token", "merchant_id" if auth == MERCHANT else "shop_id"]
    # partner-level APIs take a shop's token too, so those two are optional there
    return [
        {"name": n, "in": "query", "required": auth != PARTNER_OR_SHOP or i < 3, "schema": _COMMON[n]}
        for i, n in enumerate(names)
    ]


def _hoist(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    for name, definition in schema.pop("$defs", {}).items():
        components[name] = definition
    return schema


def _query_parameters(schema: dict[str, Any]) -> list[dict[str, Any]]:
    required = set(schema.get("required", []))
    return [
        {"name": name, "in": "query", "required": name in required, "schema": prop,
         **({"style": "form", "explode": True} if prop.get("type") == "array" else {})}
        for name, prop in schema.get("properties", {}).items()
        if name not in _COMMON
    ]


@lru_cache(maxsize=4)
def build(registry: Registry, implemented_only: bool = True) -> dict[str, Any]:
    components: dict[str, Any] = {}
    paths: dict[str, Any] = {}
    envelope = {"$ref": "#/components/schemas/Envelope"}
    for op in sorted(registry.by_name.values(), key=lambda o: o.path):
        if implemented_only and op.handler is None:
            continue
        schema = _hoist(op.request_model.model_json_schema(ref_template="#/components/schemas/{model}"), components)
        operation: dict[str, Any] = {
            "operationId": op.name,
            "summary": op.name,
            "tags": [op.name.split(".")[1]],
            "parameters": _common_parameters(op.auth),
            "responses": {"200": {"description": "The platform's envelope", "content": {"application/json": {"schema": envelope}}}},
        }
        if op.method == "GET":
            operation["parameters"] += _query_parameters(schema)
        elif op.form:
            operation["requestBody"] = {"required": True, "content": {"multipart/form-data": {"schema": _form_schema(schema)}}}
        else:
            components[schema.get("title", op.name)] = schema
            operation["requestBody"] = {
                "required": bool(schema.get("required")),
                "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema.get('title', op.name)}"}}},
            }
        paths[op.path] = {op.method.lower(): operation}
    components["Envelope"] = {
        "type": "object",
        "required": ["request_id", "error", "message"],
        "properties": {
            "request_id": {"type": "string"},
            "error": {"type": "string"},
            "message": {"type": "string"},
            "warning": {"type": "string"},
            "response": {},
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Instant Mart Emulator — Shopee Open Platform v2", "version": "2"},
        "paths": paths,
        "components": {"schemas": components},
    }


def _form_schema(schema: dict[str, Any]) -> dict[str, Any]:
    properties = {}
    for name, prop in schema.get("properties", {}).items():
        properties[name] = {"type": "string", "format": "binary"} if name in ("image", "images", "file") else prop
    return {"type": "object", "properties": properties, "required": schema.get("required", [])}
