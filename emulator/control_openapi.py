"""``/_emulator/openapi.json``: the control plane as an OpenAPI 3.1 document.

Made from the routes the app serves under ``/_emulator/`` (domains add theirs), so a new control
endpoint is described without anyone listing it here: its summary is its docstring's first line.
Bodies are described as JSON objects; README's control-plane table has each one's fields.
"""
from __future__ import annotations

import inspect
from typing import Any, Iterable

from starlette.routing import BaseRoute, Route

from emulator import __version__
from emulator.openapi import OPENAPI_VERSION

PREFIX = "/_emulator/"
TOKEN_HEADER = "X-Emulator-Token"
_ERROR = {
    "type": "object",
    "required": ["error", "message"],
    "properties": {"error": {"type": "string"}, "message": {"type": "string"}},
}


def _summary(endpoint: Any, path: str) -> str:
    doc = inspect.getdoc(getattr(endpoint, "__wrapped__", endpoint))
    if doc:
        return " ".join(doc.split("\n\n")[0].split()).rstrip(".")
    return getattr(endpoint, "__name__", path).replace("_", " ")


def _operation_id(method: str, path: str) -> str:
    words = [part.strip("{}") for part in path[len(PREFIX):].split("/") if part]
    return "_".join([method.lower(), *words]).replace(".", "_")


def _operation(route: Route, method: str) -> dict[str, Any]:
    names = list(route.param_convertors)
    operation: dict[str, Any] = {
        "operationId": _operation_id(method, route.path),
        "summary": _summary(route.endpoint, route.path),
        "tags": [route.path[len(PREFIX):].split("/")[0]],
        "parameters": [{"name": n, "in": "path", "required": True, "schema": {"type": "string"}} for n in names],
        "responses": {
            "200": {"description": "the result", "content": {"application/json": {"schema": {}}}},
            "4XX": {"description": "refused", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
        },
    }
    if method == "POST":
        operation["requestBody"] = {
            "required": False,
            "content": {"application/json": {"schema": {"type": "object", "additionalProperties": True}}},
        }
    return operation


def build(routes: Iterable[BaseRoute], base_url: str) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for route in routes:
        if not isinstance(route, Route) or not route.path.startswith(PREFIX):
            continue
        for method in sorted((route.methods or {"GET"}) - {"HEAD"}):
            paths.setdefault(route.path, {})[method.lower()] = _operation(route, method)
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "Instant Mart Emulator — control plane",
            "version": __version__,
            "description": "The local stand-in for the Open Platform Console: clock, world, faults, test orders, "
                           "returns, pushes. JSON in, JSON out; errors answer {\"error\", \"message\"} with a 4xx status. "
                           "The Shopee API itself is described at /openapi.json.",
        },
        "servers": [{"url": base_url, "description": "this emulator"}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": {"Error": _ERROR},
            "securitySchemes": {
                "control_token": {
                    "type": "apiKey", "in": "header", "name": TOKEN_HEADER,
                    "description": "Needed only when the server is bound beyond loopback with --control-token.",
                },
            },
        },
        # no token on loopback, the token beyond it
        "security": [{}, {"control_token": []}],
    }
