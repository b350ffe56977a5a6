"""Expectations: dotted/indexed paths into an answer, exact values and a few matchers.

A path is ``response.order_list[0].order_status`` (``[-1]`` counts from the end). An expected
value is compared exactly, unless it is a mapping of one matcher key:

    {len: 3}         a list, string or mapping of that length
    {contains: x}    a list holding x, a string holding the substring x, or a mapping with key x
    {gte: n} {lte: n} {gt: n} {lt: n}   numeric comparisons
    {type: int}      int, float, number, str, bool, list, dict or null
    {exists: false}  the path is absent (true: present, any value)
    {eq: {...}}      exact equality, for a literal mapping that looks like a matcher
"""
from __future__ import annotations

import json
import re
from typing import Any

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "<missing>"})()
HTTP_STATUS = "http_status"
_SEGMENT = re.compile(r"([^.\[\]]+)?((?:\[-?\d+\])*)")
_INDEX = re.compile(r"\[(-?\d+)\]")
_TYPES: dict[str, tuple[type, ...]] = {
    "int": (int,),
    "float": (float,),
    "number": (int, float),
    "str": (str,),
    "bool": (bool,),
    "list": (list,),
    "dict": (dict,),
    "null": (type(None),),
}
MATCHERS = ("len", "contains", "gte", "lte", "gt", "lt", "type", "exists", "eq")


def _segments(path: str) -> list[str | int] | None:
    out: list[str | int] = []
    for part in path.split("."):
        match = _SEGMENT.fullmatch(part)
        if not part or not match or (match.group(1) is None and not out):
            return None
        if match.group(1) is not None:
            out.append(match.group(1))
        out.extend(int(i) for i in _INDEX.findall(match.group(2)))
    return out


def check_path(path: Any) -> str | None:
    """Why ``path`` is not a usable path, or None."""
    if not isinstance(path, str) or _segments(path) is None:
        return f"not a path {path!r}: write e.g. response.item_list[0].item_id"
    return None


def lookup(doc: Any, path: str) -> Any:
    """The value at ``path``, or MISSING."""
    current = doc
    for segment in _segments(path) or []:
        if isinstance(segment, int):
            if not isinstance(current, list) or not -len(current) <= segment < len(current):
                return MISSING
            current = current[segment]
        elif isinstance(current, dict) and segment in current:
            current = current[segment]
        else:
            return MISSING
    return current


def _matcher(expected: Any) -> tuple[str, Any] | None:
    if isinstance(expected, dict) and len(expected) == 1:
        key = next(iter(expected))
        if key in MATCHERS:
            return key, expected[key]
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check_expectation(expected: Any) -> str | None:
    """Why a matcher's argument is unusable, or None (plain values are always usable)."""
    found = _matcher(expected)
    if found is None:
        return None
    key, arg = found
    if key == "len" and not (isinstance(arg, int) and not isinstance(arg, bool) and arg >= 0):
        return "len takes a whole number"
    if key in ("gte", "lte", "gt", "lt") and not _is_number(arg):
        return f"{key} takes a number"
    if key == "type" and arg not in _TYPES:
        return f"type takes one of {', '.join(_TYPES)}"
    if key == "exists" and not isinstance(arg, bool):
        return "exists takes true or false"
    return None


# how much of a value one mismatch line shows; the whole answer follows the mismatches anyway
SHORT = 200
# how many differences inside one mapping or list are listed before the rest are counted
MAX_DIFFERENCES = 10


def render(value: Any, limit: int | None = None) -> str:
    if value is MISSING:
        return "<missing>"
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def _differences(expected: Any, actual: Any, at: str, out: list[str]) -> None:
    """Where two JSON values part, one line per differing place: ``.a[2].b: expected 1, got 2``."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in expected:
            if key not in actual:
                out.append(f"{at}.{key}: missing (expected {render(expected[key], SHORT)})")
            else:
                _differences(expected[key], actual[key], f"{at}.{key}", out)
        extra = [key for key in actual if key not in expected]
        if extra:
            shown = ", ".join(extra[:MAX_DIFFERENCES]) + (f" and {len(extra) - MAX_DIFFERENCES} more" if len(extra) > MAX_DIFFERENCES else "")
            out.append(f"{at or '(the mapping)'}: keys not expected: {shown} (an exact mapping holds every key; expect single paths to check a few)")
    elif isinstance(expected, list) and isinstance(actual, list):
        for index, (e, a) in enumerate(zip(expected, actual)):
            _differences(e, a, f"{at}[{index}]", out)
        if len(expected) != len(actual):
            out.append(f"{at or '(the list)'}: expected {len(expected)} items, got {len(actual)}")
    elif not _equal(actual, expected):
        out.append(f"{at}: expected {render(expected, SHORT)}, got {render(actual, SHORT)}")


def _unequal(expected: Any, actual: Any) -> str:
    """An exact mismatch; between two mappings or two lists, also each place they differ."""
    line = f"expected {render(expected, SHORT)}, got {render(actual, SHORT)}"
    if not (isinstance(expected, dict) and isinstance(actual, dict) or isinstance(expected, list) and isinstance(actual, list)):
        return line
    found: list[str] = []
    _differences(expected, actual, "", found)
    shown = found[:MAX_DIFFERENCES]
    if len(found) > len(shown):
        shown.append(f"... and {len(found) - len(shown)} more differences")
    return "\n".join([line, *("  " + d for d in shown)])


def _type_ok(value: Any, name: str) -> bool:
    if name in ("int", "number", "float") and isinstance(value, bool):
        return False
    return isinstance(value, _TYPES[name])


def mismatch(expected: Any, actual: Any) -> str | None:
    """A description of how ``actual`` fails ``expected``, or None when it passes."""
    found = _matcher(expected)
    if found is None:
        return None if _equal(actual, expected) else _unequal(expected, actual)
    key, arg = found
    got = render(actual, SHORT)
    if key == "exists":
        return None if (actual is not MISSING) == arg else ("expected it to exist" if arg else f"expected it to be absent, got {got}")
    if actual is MISSING:
        return f"expected {render(expected)}, got <missing>"
    if key == "eq":
        return None if _equal(actual, arg) else _unequal(arg, actual)
    if key == "len":
        if not isinstance(actual, (list, str, dict)):
            return f"expected length {arg}, got {got} (no length)"
        return None if len(actual) == arg else f"expected length {arg}, got length {len(actual)}: {got}"
    if key == "contains":
        if isinstance(actual, str):
            ok = isinstance(arg, str) and arg in actual
        elif isinstance(actual, list):
            ok = any(_equal(item, arg) for item in actual)
        elif isinstance(actual, dict):
            ok = isinstance(arg, str) and arg in actual
        else:
            ok = False
        return None if ok else f"expected it to contain {render(arg)}, got {got}"
    if key == "type":
        return None if _type_ok(actual, arg) else f"expected type {arg}, got {got}"
    if not _is_number(actual):
        return f"expected a number {key} {render(arg)}, got {got}"
    ok = {"gte": actual >= arg, "lte": actual <= arg, "gt": actual > arg, "lt": actual < arg}[key]
    return None if ok else f"expected {key} {render(arg)}, got {got}"


def _equal(actual: Any, expected: Any) -> bool:
    """Equality as JSON sees it: true is not 1, but 1 equals 1.0."""
    if isinstance(actual, bool) or isinstance(expected, bool):
        return type(actual) is type(expected) and actual == expected
    if isinstance(actual, list) and isinstance(expected, list):
        return len(actual) == len(expected) and all(_equal(a, e) for a, e in zip(actual, expected))
    if isinstance(actual, dict) and isinstance(expected, dict):
        return actual.keys() == expected.keys() and all(_equal(actual[k], expected[k]) for k in actual)
    return actual is not MISSING and actual == expected


def check_all(expectations: dict[str, Any], answer: Any, http_status: int) -> list[str]:
    """Every failed expectation as ``path: expected ..., got ...``."""
    problems = []
    for path, expected in expectations.items():
        actual = http_status if path == HTTP_STATUS else lookup(answer, path)
        problem = mismatch(expected, actual)
        if problem:
            problems.append(f"{path}: {problem}")
    return problems
