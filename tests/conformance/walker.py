"""Walk an answer against a page's response tree; every divergence is named by its path.

    response.order_list[0].item_list[0].model_discounted_price: missing
    response.shop_name: renamed? answered shop_nam, documented shop_name
    response.item_list[0].weight: expected float, got str ('1.2')
    response.merchant_id: null where a value is documented

The rules (docs/decisions.md, "Conformance suite"):
- Only documented fields are checked; an answer may carry more (a field only the page's example
  shows, an emulator extra). Envelope fields (request_id, error, message, warning) are the
  pipeline's and are not walked; ``warning`` is answered only when there is one.
- A documented field must be present, unless the case lists its path in ``optional`` with why
  (a region- or programme-only field the platform leaves out for a local ID/TH Instant Mart shop,
  a field answered only on request). Paths there use ``[]`` for list items:
  ``response.item_list[].tax_info``.
- null only where the page marks the field nullable (or the case says so, with why).
- Types: int, int32, int64, uint32, uint64 and timestamp take a JSON integer (not a boolean);
  float and double take any JSON number; string takes a string; boolean a boolean; object an
  object; ``X[]`` a list whose items are X. ``file`` is not walked.
- A list is walked item by item; an empty list cannot show its items' fields, so a case sets
  the world up with items (the suite's coverage check reports fields no case reached).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

ENVELOPE = frozenset({"request_id", "error", "message", "warning"})
_INTEGER = frozenset({"int", "int32", "int64", "uint32", "uint64", "timestamp"})
_NUMBER = frozenset({"float", "double"})


@dataclass
class Walk:
    """What one walk found: the problems, and every documented path it could check."""

    problems: list[str] = field(default_factory=list)
    reached: set[str] = field(default_factory=set)


def _type_ok(kind: str, value: Any) -> bool:
    if kind in _INTEGER:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind in _NUMBER:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "string":
        return isinstance(value, str)
    if kind in ("boolean", "bool"):
        return isinstance(value, bool)
    if kind == "object":
        return isinstance(value, dict)
    return True  # file, or a type the page names loosely: nothing to hold the value to


def _describe(value: Any) -> str:
    text = repr(value)
    return f"{type(value).__name__} ({text[:40]}{'…' if len(text) > 40 else ''})"


def _near(name: str, keys: Iterable[str]) -> str | None:
    """An answered key that looks like the documented one renamed (same words, other spelling)."""
    close = difflib.get_close_matches(name, [k for k in keys], n=1, cutoff=0.75)
    return close[0] if close else None


def walk(
    tree: list[dict[str, Any]],
    value: Any,
    *,
    optional: Iterable[str] = (),
    nullable: Iterable[str] = (),
    path: str = "",
) -> Walk:
    """Check ``value`` (a dict of fields) against ``tree``; paths start at ``path``."""
    result = Walk()
    _fields(tree, value, path, frozenset(optional), frozenset(nullable), result)
    return result


def _fields(tree: list[dict[str, Any]], value: Any, path: str, optional: frozenset[str],
            nullable: frozenset[str], result: Walk) -> None:
    if not isinstance(value, dict):
        result.problems.append(f"{path or 'answer'}: expected object, got {_describe(value)}")
        return
    documented = {f["name"] for f in tree}
    for spec in tree:
        name = spec["name"]
        if not path and name in ENVELOPE:
            continue
        where = f"{path}.{name}" if path else name
        pattern = _pattern(where)
        if name not in value:
            if pattern in optional:
                continue
            renamed = _near(name, [k for k in value if k not in documented])
            hint = f" (answered {renamed}: renamed?)" if renamed else ""
            result.problems.append(f"{where}: missing{hint}")
            continue
        _value(spec, value[name], where, optional, nullable, result)


def _pattern(where: str) -> str:
    """``a[0].b[3].c`` -> ``a[].b[].c``: the form optional/nullable paths are written in."""
    return re.sub(r"\[\d+\]", "[]", where)


def _value(spec: dict[str, Any], value: Any, where: str, optional: frozenset[str],
           nullable: frozenset[str], result: Walk) -> None:
    kind = spec["type"].strip()
    pattern = _pattern(where)
    result.reached.add(pattern)
    if value is None:
        if not (spec.get("nullable") or pattern in nullable):
            result.problems.append(f"{where}: null where a value is documented")
        return
    children = spec.get("children") or []
    if kind.endswith("[]"):
        if not isinstance(value, list):
            result.problems.append(f"{where}: expected {kind}, got {_describe(value)}")
            return
        base = kind[:-2]
        for i, item in enumerate(value):
            item_spec = {**spec, "type": base}
            _value(item_spec, item, f"{where}[{i}]", optional, nullable, result)
        return
    if not _type_ok(kind, value):
        result.problems.append(f"{where}: expected {kind}, got {_describe(value)}")
        return
    if children and isinstance(value, dict):
        _fields(children, value, where, optional, nullable, result)


def documented_paths(tree: list[dict[str, Any]], path: str = "") -> set[str]:
    """Every documented path of a tree, in the ``[]`` form (envelope fields left out)."""
    out: set[str] = set()
    for spec in tree:
        if not path and spec["name"] in ENVELOPE:
            continue
        where = f"{path}.{spec['name']}" if path else spec["name"]
        if spec["type"].strip().endswith("[]"):
            where_items = where + "[]"
            out.add(where)
            out |= documented_paths(spec.get("children") or [], where_items)
        else:
            out.add(where)
            out |= documented_paths(spec.get("children") or [], where)
    return out
