"""``/_emulator/postman.json``: every emulated API as a Postman collection (format v2.1).

Made from the registry, like ``/openapi.json``: one folder per API domain, one request per API,
its parameters from the API's declaration (values from the reference's request example, required
ones switched on). A collection-level pre-request script signs each call from the collection's
variables (``partner_id``, ``partner_key``, ``shop_id``, ``access_token``; ``merchant_id`` for
merchant APIs), so an imported collection works as it is.
"""
from __future__ import annotations

import json
from typing import Any

from emulator.params import COMMON
from emulator.registry import MERCHANT, PARTNER_OR_SHOP, PUBLIC, Operation, Registry

SCHEMA = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
VARIABLES = ("base_url", "partner_id", "partner_key", "shop_id", "access_token", "merchant_id")

# The platform's base string: partner_id + path + timestamp, then access_token + shop_id (or
# merchant_id) for calls that carry a token. Postman's sandbox ships CryptoJS.
PRE_REQUEST = [
    "// Signs every call as the platform checks it: HMAC-SHA256(partner_key, base string), lowercase hex.",
    "const timestamp = Math.floor(Date.now() / 1000).toString();",
    "const query = pm.request.url.query.toObject(true);",
    "let base = pm.variables.get('partner_id') + pm.request.url.getPath() + timestamp;",
    "if ('access_token' in query) {",
    "    const identity = 'shop_id' in query ? query.shop_id : query.merchant_id;",
    "    base += pm.variables.replaceIn(query.access_token) + pm.variables.replaceIn(identity);",
    "}",
    "pm.variables.set('timestamp', timestamp);",
    "pm.variables.set('sign', CryptoJS.HmacSHA256(base, pm.variables.get('partner_key')).toString(CryptoJS.enc.Hex));",
]


def _identity(op: Operation) -> list[str]:
    """The query parameters after partner_id and timestamp that the signature covers."""
    if op.auth in (PUBLIC, PARTNER_OR_SHOP):
        return []
    return ["access_token", "merchant_id" if op.auth == MERCHANT else "shop_id"]


def _example(op: Operation, kind: str) -> dict[str, Any]:
    example = (op.spec.request_example if op.spec else None) or {}
    data = example.get("data") if example.get("kind") == kind else None
    return {k: v for k, v in (data or {}).items() if k not in COMMON} if isinstance(data, dict) else {}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _query(op: Operation) -> list[dict[str, Any]]:
    names = ["partner_id", "timestamp", *_identity(op), "sign"]
    query: list[dict[str, Any]] = [{"key": n, "value": "{{" + n + "}}"} for n in names]
    if op.method != "GET":
        return query
    example = _example(op, "query_string")
    schema = op.request_model.model_json_schema()
    required = set(schema.get("required", []))
    for name, prop in schema.get("properties", {}).items():
        if name in COMMON:
            continue
        value = example.get(name, prop.get("default"))
        entry: dict[str, Any] = {"key": name, "value": "" if value is None else _text(value)}
        if name not in required:
            entry["disabled"] = True
        query.append(entry)
    return query


def _body(op: Operation) -> dict[str, Any] | None:
    if op.method == "GET":
        return None
    if op.form:
        return {"mode": "formdata", "formdata": [{"key": "image", "type": "file", "src": None}]}
    return {"mode": "raw", "raw": json.dumps(_example(op, "json_body"), indent=2, ensure_ascii=False),
            "options": {"raw": {"language": "json"}}}


def _item(op: Operation) -> dict[str, Any]:
    query = _query(op)
    raw_query = "&".join(f"{q['key']}={q['value']}" for q in query if not q.get("disabled"))
    request: dict[str, Any] = {
        "method": op.method,
        "header": [] if op.method == "GET" or op.form else [{"key": "Content-Type", "value": "application/json"}],
        "url": {
            "raw": "{{base_url}}" + op.path + "?" + raw_query,
            "host": ["{{base_url}}"],
            "path": op.path.strip("/").split("/"),
            "query": query,
        },
        "description": f"`{op.name}`",
    }
    body = _body(op)
    if body is not None:
        request["body"] = body
    return {"name": op.name, "request": request, "response": []}


def build(registry: Registry, values: dict[str, Any]) -> dict[str, Any]:
    """The collection; ``values`` fills the variables (the emulator's own partner and a shop)."""
    folders: dict[str, list[dict[str, Any]]] = {}
    for op in sorted(registry.implemented(), key=lambda o: o.name):
        folders.setdefault(op.name.split(".")[1], []).append(_item(op))
    return {
        "info": {
            "name": "Instant Mart Emulator — Shopee Open Platform v2",
            "schema": SCHEMA,
            "description": "Every API the emulator answers, signed by the collection's pre-request script from the "
                           "variables partner_id, partner_key, shop_id and access_token (GET /_emulator/credentials "
                           "lists them all).",
        },
        "event": [{"listen": "prerequest", "script": {"type": "text/javascript", "exec": PRE_REQUEST}}],
        "variable": [{"key": k, "value": str(values.get(k, "")), "type": "string"} for k in VARIABLES]
        + [{"key": k, "value": "", "type": "string"} for k in ("timestamp", "sign")],
        "item": [{"name": name, "item": items} for name, items in sorted(folders.items())],
    }
