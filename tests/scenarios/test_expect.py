"""Expectation paths and matchers."""
from __future__ import annotations

import pytest

from emulator.scenarios.expect import MISSING, check_all, lookup, mismatch

ANSWER = {"error": "", "response": {"item_list": [{"item_id": 1, "tags": ["a", "b"]}, {"item_id": 2}], "more": False, "total": 2.0}}


@pytest.mark.parametrize(
    ("path", "value"),
    [("error", ""), ("response.more", False), ("response.item_list[0].item_id", 1), ("response.item_list[-1].item_id", 2),
     ("response.item_list[0].tags[1]", "b"), ("response.item_list[5]", MISSING), ("response.nothing.here", MISSING)],
)
def test_lookup_paths(path, value):
    assert lookup(ANSWER, path) is value or lookup(ANSWER, path) == value


def test_mismatch_exact_value_bool_is_not_int():
    assert mismatch(True, 1) == "expected true, got 1"
    assert mismatch(2, 2.0) is None


@pytest.mark.parametrize(
    ("expected", "actual", "problem"),
    [
        ({"len": 2}, [1, 2], None),
        ({"len": 3}, [1, 2], "expected length 3, got length 2: [1, 2]"),
        ({"contains": "Jam"}, "SPX Instant - 2 Jam", None),
        ({"contains": {"a": 1}}, [{"a": 1}], None),
        ({"contains": "x"}, ["a"], 'expected it to contain "x", got ["a"]'),
        ({"gte": 3}, 3, None),
        ({"lt": 3}, 3, "expected lt 3, got 3"),
        ({"gte": 1}, "5", 'expected a number gte 1, got "5"'),
        ({"type": "int"}, 5, None),
        ({"type": "int"}, True, "expected type int, got true"),
        ({"type": "str"}, MISSING, 'expected {"type": "str"}, got <missing>'),
        ({"exists": False}, MISSING, None),
        ({"exists": True}, MISSING, "expected it to exist"),
        ({"eq": {"len": 1}}, {"len": 1}, None),
    ],
)
def test_mismatch_matchers(expected, actual, problem):
    assert mismatch(expected, actual) == problem


def test_check_all_reads_http_status():
    assert check_all({"http_status": 403, "error": "error_auth"}, {"error": "error_auth"}, 200) == ["http_status: expected 403, got 200"]
