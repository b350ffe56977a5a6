"""A pydantic ``ValidationError`` about a user's file (a scenario, a world) as lines naming the
file and the key, the way the user wrote it: ``orders.yaml: steps[3].call.api: unknown key``."""
from __future__ import annotations

import re
from collections.abc import Iterable
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


def file_messages(origin: str, exc: ValidationError) -> str:
    lines = []
    for err in exc.errors():
        message = err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
        if err["type"] == "extra_forbidden":
            message = "unknown key"
        elif err["type"] == "missing":
            message = "required key is missing"
        where = key_path(err["loc"])
        lines.append(f"{origin}: {where}: {message}" if where else f"{origin}: {message}")
    return "\n".join(lines)
