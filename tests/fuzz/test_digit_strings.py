"""Every text parameter of every operation sent as thousands of digits: no 5xx.

Text fields that the emulator reads as numbers (slot ids, cursors, offsets) must refuse a digit
string past any id before converting it, because Python refuses to turn more than 4,300 digits
into an int. The base requests are the numeric fuzz's, which reach each handler's rules.
"""
from __future__ import annotations

import types
import typing
from typing import Any

import pytest
from pydantic import BaseModel

from tests.fuzz.test_numeric_bounds import EMULATOR, _call

LONG_DIGITS = "9" * 5000


def _is_text(annotation: Any) -> bool:
    return annotation is str or (typing.get_origin(annotation) in (typing.Union, types.UnionType) and str in typing.get_args(annotation))


def _inner(annotation: Any) -> Any:
    """The model or list element an annotation holds (``X | None`` unwrapped)."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(annotation) if a is not type(None)]
        return rest[0] if len(rest) == 1 else None
    return annotation


def _text_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    found: list[str] = []
    for name, field in model.model_fields.items():
        where = prefix + (field.alias or name)
        annotation = field.annotation
        if _is_text(annotation):
            found.append(where)
            continue
        inner = _inner(annotation)
        if typing.get_origin(inner) is list:
            (element,) = typing.get_args(inner) or (None,)
            if element is str:
                found.append(where + "[0]")
            elif isinstance(element, type) and issubclass(element, BaseModel):
                found += _text_paths(element, where + "[0].")
        elif isinstance(inner, type) and issubclass(inner, BaseModel):
            found += _text_paths(inner, where + ".")
    return found


CASES = [(op.name, path) for op in EMULATOR.registry.implemented() if op.request_model is not None
         for path in _text_paths(op.request_model)]


@pytest.mark.parametrize(("api", "path"), CASES, ids=[f"{a}:{p}" for a, p in CASES])
def test_text_parameter_of_long_digits_never_answers_a_server_error(api: str, path: str) -> None:
    _call(api, path, LONG_DIGITS, "outlet")


def test_the_text_parameters_are_found() -> None:
    assert len(CASES) >= 150
    assert ("v2.logistics.ship_order", "pickup.pickup_time_id") in CASES
