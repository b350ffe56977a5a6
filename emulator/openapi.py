"""The emulator's OpenAPI 3.1 document, made from the same request models the pipeline validates.

A registry never changes, so its document is built once and shared; ``document`` adds the
``servers`` entry of the address a caller used. The signature is described as security schemes
(one per identity the base string carries), so tools that import the document know what to send.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from emulator import __version__
from emulator.registry import MERCHANT, PARTNER_OR_SHOP, PUBLIC, SHOP_OR_MERCHANT, Registry

OPENAPI_VERSION = "3.1.0"
_SIGN_TEXT = (
    "HMAC-SHA256 with the partner_key over {base}, as lowercase hex, sent as `sign` in the query with "
    "`partner_id` and `timestamp` (Unix seconds, within 5 minutes of now){extra}."
)
SECURITY_SCHEMES: dict[str, dict[str, Any]] = {
    "partner_sign": {
        "type": "apiKey", "in": "query", "name": "sign",
        "description": _SIGN_TEXT.format(base="`partner_id + path + timestamp`", extra=""),
    },
    "shop_sign": {
        "type": "apiKey", "in": "query", "name": "sign",
        "description": _SIGN_TEXT.format(base="`partner_id + path + timestamp + access_token + shop_id`",
                                         extra=", plus the shop's `access_token` and `shop_id`"),
    },
    "merchant_sign": {
        "type": "apiKey", "in": "query", "name": "sign",
        "description": _SIGN_TEXT.format(base="`partner_id + path + timestamp + access_token + merchant_id`",
                                         extra=", plus the main account's `access_token` and `merchant_id`"),
    },
}
# which signatures an operation accepts, by the registry's auth kind
_SECURITY = {
    PUBLIC: ["partner_sign"],
    PARTNER_OR_SHOP: ["partner_sign", "shop_sign"],
    MERCHANT: ["merchant_sign"],
    SHOP_OR_MERCHANT: ["shop_sign", "merchant_sign"],
}

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
            "security": [{scheme: []} for scheme in _SECURITY.get(op.auth, ["shop_sign"])],
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
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "Instant Mart Emulator — Shopee Open Platform v2",
            "version": __version__,
            "description": "Every call is signed: see the security schemes. `GET /_emulator/credentials` gives the "
                           "partner_id, partner_key and each shop's access_token; the control plane has its own "
                           "document at `/_emulator/openapi.json`.",
        },
        "paths": paths,
        "components": {"schemas": components, "securitySchemes": SECURITY_SCHEMES},
    }


def document(registry: Registry, base_url: str) -> dict[str, Any]:
    """The shared document with ``servers`` naming the address the caller reached."""
    return {**build(registry), "servers": [{"url": base_url, "description": "this emulator"}]}


def _form_schema(schema: dict[str, Any]) -> dict[str, Any]:
    properties = {}
    for name, prop in schema.get("properties", {}).items():
        properties[name] = {"type": "string", "format": "binary"} if name in ("image", "images", "file") else prop
    return {"type": "object", "properties": properties, "required": schema.get("required", [])}
