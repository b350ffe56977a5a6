"""Numbers a request may carry, checked before pydantic coerces them and before any arithmetic.

pydantic's lax mode (needed for query strings, where every value is text) turns ``true`` into 1
for an integer field and lets integers of any size through. The platform is strict: a boolean is
not a number, and an id or a count is a 64-bit integer. The pages' int32/uint32 are not taken at
their word: they type ids (item_id of cancel_order) that real ids have long outgrown.
One plan per request model says which fields are numbers and their range; ``check`` walks the
raw parameters along it, so hand-written models and the ones built from the reference agree.
"""
from __future__ import annotations

from functools import cache
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel

INT64 = (-(2**63), 2**63 - 1)
UINT64 = (0, 2**64 - 1)
# 9999-12-31T23:59:59Z: past it, timestamps no longer convert to dates
TIMESTAMP = (0, 253_402_300_799)
RANGES = {"int": INT64, "int64": INT64, "int32": INT64, "uint32": INT64, "uint64": UINT64, "timestamp": TIMESTAMP}

# A plan entry: ("int", (low, high)) | ("float", None) | ("model", cls) | ("list", entry)
Entry = tuple[str, Any]


def ranged(kind: str) -> Any:
    """The ``int`` annotation for a type of the reference's pages, carrying that type's range."""
    low, high = RANGES[kind]
    return Annotated[int, annotated_types.Ge(low), annotated_types.Le(high)]


class NumberProblem(ValueError):
    """A number the platform would not accept; the message is the detail of its parameter error."""


def _bounds(metadata: list[Any]) -> tuple[int, int]:
    low, high = INT64
    for item in metadata:
        # the ranges of integer fields are integers (``ranged``, hand-written models' Field(ge=...))
        if isinstance(item, annotated_types.Ge) and isinstance(item.ge, int):
            low = max(low, item.ge)
        elif isinstance(item, annotated_types.Le) and isinstance(item.le, int):
            high = min(high, item.le)
    return low, high


def _entry(annotation: Any, metadata: list[Any]) -> Entry | None:
    if get_origin(annotation) is Annotated:
        base, *extra = get_args(annotation)
        return _entry(base, metadata + extra)
    if get_origin(annotation) in (Union, UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        return _entry(options[0], metadata) if len(options) == 1 else None
    if annotation is bool:
        return None
    if annotation is int:
        return ("int", _bounds(metadata))
    if annotation is float:
        return ("float", None)
    if get_origin(annotation) is list:
        args = get_args(annotation)
        inner = _entry(args[0], metadata) if args else None
        return ("list", inner) if inner else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return ("model", annotation)
    return None


@cache
def plan(model: type[BaseModel]) -> dict[str, Entry]:
    """Field name (and alias) -> what its value must be, for the fields that hold numbers."""
    found: dict[str, Entry] = {}
    for name, info in model.model_fields.items():
        entry = _entry(info.annotation, list(info.metadata))
        if entry is None:
            continue
        found[name] = entry
        for alias in (info.alias, *getattr(info.validation_alias, "choices", ())):
            if isinstance(alias, str):
                found[alias] = entry
    return found


def check(model: type[BaseModel], raw: Any, where: str = "") -> None:
    """Raise ``NumberProblem`` for the first boolean or out-of-range integer in ``raw``."""
    if not isinstance(raw, dict):
        return
    for name, entry in plan(model).items():
        if name in raw and raw[name] is not None:
            _check(entry, raw[name], f"{where}.{name}" if where else name)


def _check(entry: Entry, value: Any, where: str) -> None:
    kind, detail = entry
    if kind == "model":
        check(detail, value, where)
    elif kind == "list":
        if isinstance(value, list):
            for index, item in enumerate(value):
                if item is not None:
                    _check(detail, item, f"{where}[{index}]")
    elif isinstance(value, bool) or (isinstance(value, str) and "_" in value):
        # pydantic reads "1_000" as Python does; the platform's number parsers do not
        raise NumberProblem(f"{where} should be {'an integer' if kind == 'int' else 'a number'}")
    elif kind == "int":
        number = _integer(value)
        low, high = detail
        if number is not None and not low <= number <= high:
            raise NumberProblem(f"{where} should be from {low} to {high}")


def _integer(value: Any) -> int | None:
    """The integer pydantic would make of ``value``, or None when it would refuse it anyway."""
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        # JSON integers past 64 bits reach us as floats (orjson), rounded: -2**63 - 1 reads as
        # -2**63, so a float this large is out of every range whatever it rounds to
        return int(value) if abs(value) < 2**63 else INT64[1] + 1
    if isinstance(value, str):
        text = value.strip()
        digits = text[1:] if text[:1] in "+-" else text
        whole, point, fraction = digits.partition(".")
        if point and whole and fraction.strip("0") == "":
            # "12.0": pydantic takes a whole number written with a zero fraction
            text, digits = text[: len(text) - len(point + fraction)], whole
        if digits.isascii() and digits.isdigit():
            # past 20 digits it is out of every range; int() of thousands of digits would raise
            return int(text) if len(digits) <= 20 else (INT64[0] - 1 if text.startswith("-") else INT64[1] + 1)
    return None
