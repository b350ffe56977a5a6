"""Starting parameters for the API test tool: the API's reference request example where the spec
carries one, else values built from its declared parameters (types, required flags, nesting)."""
from __future__ import annotations

import json
from typing import Any

from emulator.spec import ApiSpec

DAY = 86400
# Typical values by parameter name, so a first Send of a list API answers something useful.
_BY_NAME: dict[str, Any] = {
    "page_size": 10, "offset": 0, "page_no": 1, "cursor": "", "item_status": ["NORMAL"], "language": "en",
    "time_range_field": "create_time", "order_status": "READY_TO_SHIP", "response_optional_fields": "",
}
_SCALARS: dict[str, Any] = {"string": "", "boolean": False, "bool": False, "float": 0.0, "double": 0.0}


def example_params(spec: ApiSpec | None, now: int) -> dict[str, Any]:
    """The request example of the reference, or every required parameter with a typed value."""
    example = spec.request_example if spec is not None else None
    data = example.get("data") if isinstance(example, dict) else None
    if isinstance(data, dict):
        kinds = {p["name"]: p["type"].strip() for p in spec.request} if spec is not None else {}
        return {name: _typed(value, kinds.get(name, "")) for name, value in data.items()}
    return _values(spec.request if spec is not None else (), now, top=True)


def _typed(value: Any, kind: str) -> Any:
    """A value of a cURL example (query strings are all text) as its declared type, where it reads as one."""
    if not isinstance(value, str):
        return value
    base = kind.removesuffix("[]")
    if kind.endswith("[]") and value.startswith("["):
        try:
            return json.loads(value)  # some pages write a list as its JSON text
        except ValueError:
            return value
    if base in ("int", "int32", "int64", "uint32", "timestamp") and value.lstrip("-").isdigit():
        number: Any = int(value)
    elif base in ("boolean", "bool") and value in ("true", "false"):
        number = value == "true"
    else:
        return value
    return [number] if kind.endswith("[]") else number


def _values(params: Any, now: int, *, top: bool = False) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for param in params:
        name = param["name"]
        # optional top-level parameters are left for the user to add (the declaration lists them);
        # inside an object every field is shown, as an example of its shape
        if top and not param.get("required") and name not in ("page_size", "offset", "cursor"):
            continue
        found[name] = _value(param, now)
    return found


def _value(param: dict[str, Any], now: int) -> Any:
    name, kind = param["name"], param["type"].strip()
    if name in _BY_NAME:
        return _BY_NAME[name]
    if name.endswith("time_from"):
        return now - 7 * DAY
    if name.endswith("time_to"):
        return now
    is_list = kind.endswith("[]")
    base = kind[:-2] if is_list else kind
    if base == "object":
        value: Any = _values(param.get("children") or (), now)
    elif base in _SCALARS:
        value = _SCALARS[base]
    else:
        value = now if base == "timestamp" else 0
    return [value] if is_list else value


def declaration_rows(params: Any, depth: int = 0) -> list[tuple[int, str, str, bool]]:
    """(depth, name, type, required) of every declared parameter, nested ones after their parent."""
    rows: list[tuple[int, str, str, bool]] = []
    for param in params:
        rows.append((depth, param["name"], param["type"], bool(param.get("required"))))
        rows += declaration_rows(param.get("children") or (), depth + 1)
    return rows
