"""Which characters a string sent to the emulator may hold.

Every string anywhere in a request (API query, JSON body or multipart field, control-plane and
console bodies) must be valid Unicode without control characters other than tab, line feed and
carriage return: a lone surrogate (half of a JavaScript string) could be stored but never
rendered again, and a NUL breaks most consumers. Names are stricter: no control character at all
and no bidirectional override, embedding or isolate, which can make a name display as another.
"""
from __future__ import annotations

import re
from typing import Any

# C0 controls except \t \n \r, DEL, C1 controls, and the surrogate range (only lone surrogates
# reach a Python str: a well-formed pair decodes to one character)
_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_NAME = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def is_name(key: str) -> bool:
    """Single-line names shown to buyers or sellers: item, model, shop and brand names, variation
    options, SKUs and order notes."""
    return key in ("name", "note", "option") or key.endswith(("_name", "_sku"))


def _describe(char: str) -> str:
    return f"U+{ord(char):04X}"


def first_problem(value: Any, where: str = "") -> str | None:
    """``"{where} contains ... U+XXXX"`` for the first string breaking the rules above, or None.

    Dict keys name the field for the stricter name rule; list items inherit their list's key.
    """
    return _walk(value, where, where.rsplit(".", 1)[-1].split("[", 1)[0])


def _walk(value: Any, where: str, key: str) -> str | None:
    if isinstance(value, str):
        found = (_NAME if is_name(key) else _TEXT).search(value)
        if found is None:
            return None
        kind = "a lone surrogate" if "\ud800" <= found.group() <= "\udfff" else "the character"
        return f"{where or 'value'} contains {kind} {_describe(found.group())}, which is not allowed"
    if isinstance(value, dict):
        for name, item in value.items():
            name = str(name)
            problem = _walk(name, where or "key", "") if _TEXT.search(name) else None
            problem = problem or _walk(item, f"{where}.{name}" if where else name, name)
            if problem:
                return problem
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            problem = _walk(item, f"{where}[{index}]", key)
            if problem:
                return problem
    return None
