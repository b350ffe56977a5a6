"""One JSON renderer for everything the emulator writes: API envelopes, control-plane and console
answers, push bodies, snapshots and journal lines.

orjson writes compact UTF-8 JSON about ten times faster than the stdlib encoder. It refuses what
JSON cannot carry faithfully (a lone surrogate, an integer past 64 bits, a key that is not a
string); it would write NaN and infinities as ``null``, so those are refused where numbers enter
(request parsing, the parameter models, the control plane's number checks) instead of here.
Since every input is checked that way, whatever the store holds renders; ``unrenderable`` finds
the first value that would not, for the start-up and import checks of older data.
"""
from __future__ import annotations

import json
import math
from typing import Any

import orjson
from starlette.responses import Response

# Dataclasses and datetimes stay errors, as with the stdlib; integer keys become strings, as there.
# OPT_NON_STR_KEYS makes orjson take its slow path for every dict (twice the time of a whole
# order list page), so it is asked for only when a dict with another key refused the fast one.
_FAST = orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME
_INT_RANGE = (-(2**63), 2**64 - 1)  # what orjson writes: int64 and uint64


class RenderError(ValueError):
    """A value JSON cannot carry; the message names where it is."""


# No request the emulator reads (API bodies, control-plane bodies, snapshots) nests half as deep;
# deeper input would outrun the recursive walks that check it, and orjson writes at most 255 levels,
# so it could be stored but never answered again.
MAX_DEPTH = 64


class NestingError(ValueError):
    """JSON nested deeper than ``MAX_DEPTH`` arrays and objects."""

    def __init__(self) -> None:
        super().__init__(f"nests arrays and objects deeper than {MAX_DEPTH} levels")


def dumps(value: Any, *, indent: bool = False) -> bytes:
    """Compact UTF-8 JSON (two-space indented with ``indent``)."""
    option = _FAST | orjson.OPT_INDENT_2 if indent else _FAST
    try:
        return orjson.dumps(value, option=option)
    except TypeError:  # orjson.JSONEncodeError: a key that is not a string, or what JSON cannot carry
        pass
    try:
        return orjson.dumps(value, option=option | orjson.OPT_NON_STR_KEYS)
    except TypeError:
        raise RenderError(f"cannot render {unrenderable(value) or 'a value'}") from None


def text(value: Any, *, indent: bool = False) -> str:
    return dumps(value, indent=indent).decode("utf-8")


def loads(data: bytes | str) -> Any:
    """Strict JSON: a lone surrogate, NaN or Infinity is not JSON, nor is nesting past
    ``MAX_DEPTH`` (``NestingError``); both are ``ValueError``."""
    return _shallow(orjson.loads(data), data)


def loads_lenient(data: bytes | str) -> Any:
    """What the stdlib accepts beyond strict JSON (lone surrogates, NaN): used only to find and
    name the offending field after ``loads`` has refused a body. Nesting is bounded as there;
    past the stdlib's own depth it is not JSON either parser reads (``ValueError``)."""
    try:
        value = json.loads(data)
    except RecursionError:
        raise ValueError("nested past the parser's depth") from None
    return _shallow(value, data)


def _shallow(value: Any, data: bytes | str) -> Any:
    # text with no more brackets than the limit cannot nest past it: most bodies skip the walk
    opened = data.count(b"[") + data.count(b"{") if isinstance(data, bytes) else data.count("[") + data.count("{")
    if opened > MAX_DEPTH and not _within_depth(value):
        raise NestingError()
    return value


def _within_depth(value: Any) -> bool:
    """Iterative, so that the check itself cannot exhaust the stack."""
    stack = [(value, 1)] if type(value) is dict or type(value) is list else []
    while stack:
        current, depth = stack.pop()
        if depth > MAX_DEPTH:
            return False
        children = current.values() if type(current) is dict else current
        depth += 1
        stack.extend((child, depth) for child in children if type(child) is dict or type(child) is list)
    return True


def response(payload: Any, status: int = 200) -> Response:
    return Response(dumps(payload), status_code=status, media_type="application/json")


def unrenderable(value: Any, where: str = "") -> str | None:
    """The path (``orders.123.note``) and kind of the first value that JSON cannot carry, or None."""
    if isinstance(value, str):
        return _bad_text(value, where)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return None if _INT_RANGE[0] <= value <= _INT_RANGE[1] else f"{where or 'value'} is an integer past 64 bits"
    if isinstance(value, float):
        return None if math.isfinite(value) else f"{where or 'value'} must be a finite number, not {value}"
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, (str, int)):
                return f"{where or 'value'} has a key that is neither a string nor an integer ({key!r})"
            found = (_bad_text(key, where) if isinstance(key, str) else None) or unrenderable(item, f"{where}.{key}" if where else str(key))
            if found:
                return found
        return None
    if isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            found = unrenderable(item, f"{where}[{index}]")
            if found:
                return found
        return None
    return f"{where or 'value'} is a {type(value).__name__}, not a JSON value"


def _bad_text(value: str, where: str) -> str | None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"{where or 'value'} holds a lone surrogate U+{ord(value[exc.start]):04X}, which is not valid Unicode"
    return None
