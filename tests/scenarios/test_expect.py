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


def test_mapping_mismatch_lists_each_place_it_differs():
    expected = {"id": 8000, "enabled": False, "limits": {"max": 10}, "name": "Instant"}
    actual = {"id": 8000, "enabled": True, "limits": {"max": 20.0, "min": 0}, "fee_type": "SIZE_INPUT"}
    assert mismatch(expected, actual).splitlines()[1:] == [
        "  .enabled: expected false, got true",
        "  .limits.max: expected 10, got 20.0",
        "  .limits: keys not expected: min (an exact mapping holds every key; expect single paths to check a few)",
        '  .name: missing (expected "Instant")',
        "  (the mapping): keys not expected: fee_type (an exact mapping holds every key; expect single paths to check a few)",
    ]


def test_list_mismatch_names_items_and_lengths_and_long_values_are_cut():
    problem = mismatch([1, {"a": "x" * 500}], [2, {"a": "y"}, 3])
    first, *rest = problem.splitlines()
    assert len(first) < 2 * 200 + 40 and "…" in first
    assert rest == ["  [0]: expected 1, got 2", '  [1].a: expected "' + "x" * 198 + '…, got "y"', "  (the list): expected 2 items, got 3"]


def test_many_differences_are_counted_not_all_listed():
    problem = mismatch({f"k{i}": 0 for i in range(15)}, {f"k{i}": 1 for i in range(15)})
    assert problem.splitlines()[-1] == "  ... and 5 more differences" and len(problem.splitlines()) == 12


def test_failure_shows_the_differences_indented_under_their_path(scenario_of):
    from emulator.scenarios import ScenarioFailure, run_scenario

    scenario = scenario_of(
        "steps:\n  - call: {api: v2.shop.get_shop_info, shop: mart}\n"
        "    expect:\n      outlet_shop_info_list[0]: {outlet_shop_id: 1}\n"
    )
    with pytest.raises(ScenarioFailure) as caught:
        run_scenario(scenario)
    lines = str(caught.value).splitlines()
    assert lines[1].startswith("  outlet_shop_info_list[0]: expected {\"outlet_shop_id\": 1}, got {\"outlet_shop_id\": ")
    assert lines[2].startswith("    .outlet_shop_id: expected 1, got ")
