"""The instruction counter's measured process and its reading of callgrind's summary; the
callgrind runs themselves take minutes and are left to ``python -m bench.instructions``."""
from __future__ import annotations

import pytest

from bench import instructions
from bench.cases import CASES

STOCK = next(case.label for case in CASES if "update_stock" in case.label)


@pytest.mark.parametrize("floor", [False, True], ids=["emulator", "floor"])
def test_the_measured_calls_succeed(floor: bool):
    instructions.calls(*instructions.prepared(STOCK, floor), 3)  # raises on any answer with an error


def test_a_refused_call_is_not_measured():
    app, scope, body = instructions.prepared(STOCK, False)
    query = scope["query_string"].decode()
    signature = query.split("sign=")[1].split("&")[0]
    scope["query_string"] = query.replace(signature, "0" * len(signature)).encode()
    with pytest.raises(RuntimeError, match="answered an error"):
        instructions.calls(app, scope, body, 1)


def test_the_words_pick_light_cases():
    assert [case.label for case in instructions.light_cases(["update_stock"])] == [STOCK]
    assert all(case.light for case in instructions.light_cases([]))
    assert instructions.light_cases(["get_order_detail"]) == []  # not a light case


def test_the_summary_line_is_read():
    found = instructions._COLLECTED.search("==1== Events    : Ir\n==1== Collected : 3,764,374,587\n")
    assert found is not None and found.group(1) == "3,764,374,587"
