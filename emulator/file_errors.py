"""A pydantic ``ValidationError`` about a user's file (a scenario, a world) as lines naming the
file and the key, the way the user wrote it: ``orders.yaml: steps[3].call.api: unknown key``."""
from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import ValidationError


def key_path(loc: Iterable[Any]) -> str:
    """``("steps", 3, "call", "api")`` -> ``steps[3].call.api``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", str(part)):
            out += ("." if out else "") + str(part)
        else:
            out += f"[{str(part)!r}]"
    return out


# pydantic's wording for a value of the wrong kind, as a file's author would put it
_KIND = {"model_type": "should be a mapping", "dict_type": "should be a mapping", "list_type": "should be a list",
         "string_type": "should be a string"}


def _hint(key: str, keys: list[str]) -> str:
    close = difflib.get_close_matches(key, keys, n=1)
    return f": did you mean {close[0]}?" if close else f" (expected one of: {', '.join(keys)})"


def file_messages(origin: str, exc: ValidationError, allowed: Callable[[tuple[Any, ...]], list[str] | None] | None = None) -> str:
    """``allowed(parent_loc)`` lists the keys a mapping takes, shown beside an unknown key."""
    lines = []
    for err in exc.errors():
        message = err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
        if err["type"] == "extra_forbidden":
            keys = allowed(tuple(err["loc"][:-1])) if allowed else None
            message = "unknown key" + (_hint(str(err["loc"][-1]), keys) if keys else "")
        elif err["type"] in _KIND:
            message = _KIND[err["type"]]
        elif err["type"] == "missing":
            message = "required key is missing"
        where = key_path(err["loc"])
        lines.append(f"{origin}: {where}: {message}" if where else f"{origin}: {message}")
    return "\n".join(lines)


def not_utf8(exc: UnicodeDecodeError) -> str:
    """Where a file stops being UTF-8 text, for a reader with a hex editor at hand."""
    return f"not UTF-8 text (byte {exc.object[exc.start]:#04x} at offset {exc.start})"
