"""Requests made from a page's request tree: every documented parameter, and wrong-typed ones.

``complete`` adds every documented parameter a case's call leaves out, valued from the page's
request example where that value has the declared type and from a type sample otherwise, so
the call shows each parameter is accepted with its type. ``wrong_types`` yields the same call
with one parameter of another type, which the gateway must refuse. A query string carries text,
so in a GET a string (or a list of strings, or an object) has no wrong type to send.
"""
from __future__ import annotations

import copy
import re
from typing import Any, Iterator, Mapping

_INTEGER = frozenset({"int", "int32", "int64", "uint32", "uint64", "timestamp"})
_NUMBER = frozenset({"float", "double"})
_VALIDATION = re.compile(r"^Wrong parameters, detail: \S+ (is required|should be )")


def is_validation_failure(answer: Mapping[str, Any]) -> bool:
    """The pipeline's refusal of a parameter's presence or type (not a domain rule's answer)."""
    return answer.get("error") == "error_param" and bool(_VALIDATION.match(str(answer.get("message", ""))))


def _base(kind: str) -> tuple[str, bool]:
    kind = kind.strip()
    return (kind[:-2], True) if kind.endswith("[]") else (kind, False)


def _fits(base: str, value: Any) -> bool:
    if base in _INTEGER:
        return isinstance(value, int) and not isinstance(value, bool)
    if base in _NUMBER:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if base == "string":
        return isinstance(value, str) and value not in ("", "-")
    if base in ("boolean", "bool"):
        return isinstance(value, bool)
    if base == "object":
        return isinstance(value, dict)
    return False


def _from_text(base: str, value: Any) -> Any:
    """A query-string example value read as its declared type."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if base in _INTEGER and re.fullmatch(r"-?\d+", text):
        return int(text)
    if base in _NUMBER and re.fullmatch(r"-?\d+(\.\d+)?", text):
        return float(text)
    if base in ("boolean", "bool") and text.lower() in ("true", "false"):
        return text.lower() == "true"
    return value


def sample(param: Mapping[str, Any], example: Any = None) -> Any:
    """A value of the parameter's declared type, the example's where it has that type."""
    base, is_list = _base(param["type"])
    if is_list:
        items = example if isinstance(example, list) else (
            [p for p in example.strip("[]").split(",") if p] if isinstance(example, str) else [])
        first = _from_text(base, items[0].strip() if isinstance(items[0], str) else items[0]) if items else None
        return [sample({**param, "type": base}, first)]
    example = _from_text(base, example)
    if base == "object":
        return complete(param.get("children") or [], {}, example if isinstance(example, dict) else {})
    if _fits(base, example):
        return example
    if base in _INTEGER:
        return 1
    if base in _NUMBER:
        return 1.5
    if base in ("boolean", "bool"):
        return False
    return "sample"


def complete(tree: list[Mapping[str, Any]], params: Mapping[str, Any], example: Mapping[str, Any] | None = None,
             values: Mapping[str, Any] | None = None, skip: frozenset[str] = frozenset(), path: str = "") -> dict[str, Any]:
    """``params`` with every documented parameter of ``tree`` present (nested ones too)."""
    example = example if isinstance(example, Mapping) else {}
    values = values or {}
    out = dict(params)
    for param in tree:
        name = param["name"]
        where = f"{path}.{name}" if path else name
        if not name.isidentifier() or where in skip:
            continue
        base, is_list = _base(param["type"])
        if base == "file":
            continue  # uploads travel as files, which a case gives itself
        if name not in out:
            out[name] = copy.deepcopy(values[where]) if where in values else sample(param, example.get(name))
            continue
        children = param.get("children") or []
        if base == "object" and children:
            given = example.get(name)
            if is_list and isinstance(out[name], list):
                out[name] = [
                    complete(children, item, given[0] if isinstance(given, list) and given else {}, values, skip, where)
                    if isinstance(item, Mapping) else item
                    for item in out[name]
                ]
            elif isinstance(out[name], Mapping):
                out[name] = complete(children, out[name], given, values, skip, where)
    return out


def _wrong(base: str, is_list: bool, in_query: bool) -> Any:
    """A value the declared type cannot be read from, or ``...`` where none can be sent."""
    if base in _INTEGER or base in _NUMBER:
        return ["not-a-number"] if is_list else "not-a-number"
    if base in ("boolean", "bool"):
        return ["not-a-boolean"] if is_list else "not-a-boolean"
    if in_query:
        return ...
    if is_list:
        return "not-a-list"
    if base == "string":
        return 12345
    if base == "object":
        return "not-an-object"
    return ...


def wrong_types(tree: list[Mapping[str, Any]], params: Mapping[str, Any], in_query: bool,
                path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """(path, params with that one parameter of a wrong type), for each parameter sent."""
    for param in tree:
        name = param["name"]
        if name not in params:
            continue
        where = f"{path}.{name}" if path else name
        base, is_list = _base(param["type"])
        if base == "file":
            continue
        wrong = _wrong(base, is_list, in_query)
        if wrong is not ...:
            yield where, {**params, name: wrong}
        children = param.get("children") or []
        value = params[name]
        if base == "object" and children and not in_query:
            if is_list and isinstance(value, list) and value and isinstance(value[0], Mapping):
                for inner, changed in wrong_types(children, value[0], in_query, f"{where}[0]"):
                    yield inner, {**params, name: [changed, *value[1:]]}
            elif isinstance(value, Mapping):
                for inner, changed in wrong_types(children, value, in_query, where):
                    yield inner, {**params, name: changed}


def _at(param: Mapping[str, Any], value: Any, bound: int) -> Any:
    """``value`` moved to a documented bound: the number itself, or that many items or characters."""
    base, is_list = _base(param["type"])
    if is_list:
        item = value[0] if isinstance(value, list) and value else sample({**param, "type": base})
        return [copy.deepcopy(item) for _ in range(bound)]
    if base == "string" and isinstance(value, str):
        first = value.split(",")[0] or "x"
        return ",".join([first] * bound)
    return bound


def at_limits(tree: list[Mapping[str, Any]], params: Mapping[str, Any],
              path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """(``path=bound``, params with that parameter at one of its documented bounds), for each
    bound the page states: the maximum, the minimum when it is at least 1, the longest text."""
    for param in tree:
        name = param["name"]
        if name not in params:
            continue
        where = f"{path}.{name}" if path else name
        bounds = param.get("limits") or {}
        value = params[name]
        for key in ("max", "min"):
            bound = bounds.get(key)
            if bound is None or (key == "min" and bound < 1):
                continue
            yield f"{where}={bound} ({key})", {**params, name: _at(param, value, bound)}
        if "max_length" in bounds:
            yield f"{where}=({bounds['max_length']} characters)", {**params, name: "x" * bounds["max_length"]}
        children = param.get("children") or []
        base, is_list = _base(param["type"])
        if base == "object" and children:
            if is_list and isinstance(value, list) and value and isinstance(value[0], Mapping):
                for inner, changed in at_limits(children, value[0], f"{where}[0]"):
                    yield inner, {**params, name: [changed, *value[1:]]}
            elif isinstance(value, Mapping):
                for inner, changed in at_limits(children, value, where):
                    yield inner, {**params, name: changed}
