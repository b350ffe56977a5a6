"""The renderer writes string-keyed answers on orjson's fast path and falls back for other keys:
the bytes are the same either way, and what JSON cannot carry is still refused."""
from __future__ import annotations

import dataclasses
import datetime
import enum
from typing import Any

import orjson
import pytest

from emulator import render

EVERY_OPTION = orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS


class Colour(enum.StrEnum):
    RED = "red"


@dataclasses.dataclass
class Point:
    x: int


VALUES: list[Any] = [
    {"request_id": "a", "error": "", "response": {"item_list": [{"item_id": 1, "price": 1.5, "flag": None}]}},
    {1: "one", "2": "two"},
    {"outer": {7: [1, {8: "x"}]}},
    {Colour.RED: 1},
    {"text": "caf\u00e9 \u2603", "n": -(2**63), "u": 2**64 - 1},
    [],
    "plain",
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
@pytest.mark.parametrize("indent", [False, True])
def test_the_bytes_are_those_of_every_option_at_once(value: Any, indent: bool):
    option = EVERY_OPTION | orjson.OPT_INDENT_2 if indent else EVERY_OPTION
    assert render.dumps(value, indent=indent) == orjson.dumps(value, option=option)


@pytest.mark.parametrize("value", [
    {"p": Point(1)}, {"at": datetime.datetime(2026, 1, 1)}, {1: Point(2)}, {"n": 2**64}, {(1, 2): "tuple key"},
])
def test_what_json_cannot_carry_is_still_refused(value: Any):
    with pytest.raises(render.RenderError):
        render.dumps(value)
