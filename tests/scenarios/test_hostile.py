"""Hostile scenario files: each is refused with one line naming the file, the step and the problem,
never a traceback, and the CLI exits non-zero."""
from __future__ import annotations

import pytest

from emulator.cli import main
from emulator.scenarios import ScenarioCrash, ScenarioError, ScenarioFailure, run_scenario
from emulator.scenarios.runner import Runner
from emulator.world import Emulator

CALL = "steps:\n  - call: {api: v2.shop.get_shop_info, shop: mart, body: %s}\n    expect: {}\n"


def problems(scenario_of, text: str) -> str:
    with pytest.raises(ScenarioError) as caught:
        scenario_of(text)
    return str(caught.value)


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("{when: 2024-01-01}", "case.yaml: steps[0].call.body: when: YAML reads 2024-01-01 as a date, which JSON cannot carry: quote it, '2024-01-01'"),
        ("{item: {ids: !!set {a, b}}}", "case.yaml: steps[0].call.body: item.ids: a set (!!set) is not a JSON value: write a list"),
        ("{image: !!binary aGVsbG8=}", "case.yaml: steps[0].call.body: image: binary data (!!binary) is not a JSON value"),
        ("{list: [1, {2: x}]}", "case.yaml: steps[0].call.body: list[1]: key 2 is not text: quote it"),
        ("{price: .nan}", "case.yaml: steps[0].call.body: price: nan is not a JSON number"),
    ],
)
def test_values_json_cannot_carry_are_refused_before_anything_runs(scenario_of, body, problem):
    assert problems(scenario_of, CALL % body) == problem


def test_an_expected_date_is_refused_rather_than_never_matching(scenario_of):
    text = "steps:\n  - call: {api: v2.shop.get_shop_info, shop: mart}\n    expect: {shop_name: 2024-01-01}\n"
    assert problems(scenario_of, text) == (
        "case.yaml: steps[0].expect: shop_name: YAML reads 2024-01-01 as a date, which JSON cannot carry: quote it, '2024-01-01'"
    )


def test_a_key_given_twice_is_refused_naming_both_lines(scenario_of):
    text = "steps:\n  - call: {api: v2.shop.get_shop_info, shop: mart}\n    expect: {region: TH}\n    expect: {region: ID}\n"
    assert problems(scenario_of, text) == "case.yaml: not valid YAML (line 4): key 'expect' given twice (first on line 3)"


def test_merge_keys_may_still_be_overridden(scenario_of):
    text = "base: &base {api: v2.shop.get_shop_info, shop: mart}\n"
    assert "base: unknown key" in problems(scenario_of, text + "steps: []\n")
    ok = "steps:\n  - call: &c {api: v2.shop.get_shop_info, shop: mart}\n  - call: {<<: *c, shop: \"outlet[0]\"}\n"
    assert [s.call.shop for s in scenario_of(ok).spec.steps if s.call] == ["mart", "outlet[0]"]


def test_alias_bomb_is_refused_by_size(scenario_of):
    lines = ["steps:", "  - call:", "      api: v2.shop.get_shop_info", "      body:", "        a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"        a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 7)]
    assert problems(scenario_of, "\n".join(lines) + "\n").startswith("case.yaml: expands to 1")


def test_self_referencing_alias_is_refused(scenario_of):
    text = "steps:\n  - call: {api: v2.shop.get_shop_info, shop: mart, body: {x: &b [*b]}}\n"
    assert problems(scenario_of, text) == "case.yaml: a YAML alias refers to the value holding it, which no JSON can carry"


def test_a_file_that_is_not_utf8_is_refused(write_scenario, tmp_path):
    path = tmp_path / "binary.yaml"
    path.write_bytes(b"\xff\xfe\x00steps: []")
    with pytest.raises(ScenarioError) as caught:
        from emulator.scenarios import load_scenario

        load_scenario(path)
    assert str(caught.value) == "binary.yaml: not UTF-8 text (byte 0xff at offset 0)"


def test_unknown_step_kind_lists_the_actions_and_a_typo_gets_a_suggestion(scenario_of):
    assert problems(scenario_of, "steps:\n  - frobnicate: {x: 1}\n") == (
        "case.yaml: steps[0].frobnicate: unknown key (expected one of: name, call, control, fault, advance, finish, expect, save)"
    )
    assert problems(scenario_of, "steps:\n  - advnce: 1h\n") == "case.yaml: steps[0].advnce: unknown key: did you mean advance?"


def test_wrong_kinds_are_named_in_plain_words(scenario_of):
    assert problems(scenario_of, "steps:\n  - advance 1h\n") == "case.yaml: steps[0]: should be a mapping"
    assert problems(scenario_of, "steps: null\n") == "case.yaml: steps: should be a list"
    text = "steps:\n  - call: {api: v2.shop.get_shop_info, access_token: 5}\n"
    assert problems(scenario_of, text) == "case.yaml: steps[0].call.access_token: should be a string"


@pytest.mark.parametrize("duration", ["1e12", "99999999d", "1e308"])
def test_an_advance_past_year_9999_is_refused_at_load(scenario_of, duration):
    assert problems(scenario_of, f"steps:\n  - advance: {duration}\n") == (
        f"case.yaml: steps[0].advance: '{duration}' would take the clock past the end of year 9999"
    )


def test_advances_adding_up_past_year_9999_fail_at_that_step(scenario_of):
    scenario = scenario_of("steps:\n" + "  - advance: 100000000000\n" * 3)
    with pytest.raises(ScenarioFailure) as caught:
        run_scenario(scenario)
    assert caught.value.index == 2
    assert caught.value.problems == ["advance: the clock cannot go past 253402300799 (the end of year 9999)"]


def test_the_emulator_clock_itself_stops_at_year_9999():
    emulator = Emulator()
    with pytest.raises(ValueError, match="cannot go past 253402300799"):
        emulator.advance(1e12)
    assert emulator.clock.now() < 253402300799
    emulator.close()


def test_fault_times_are_bounded_like_the_control_plane(scenario_of):
    text = "steps:\n  - fault: {operation: v2.shop.get_shop_info, times: 100000000000}\n"
    assert problems(scenario_of, text) == "case.yaml: steps[0].fault: times must be from 1 to 1000"


def crash(*_args, **_kwargs):
    raise KeyError("order_sn")


CRASHING = "steps:\n  - advance: 1h\n  - call: {api: v2.shop.get_shop_info, shop: mart}\n"


def test_an_emulator_crash_names_the_step_and_keeps_the_cause(scenario_of, monkeypatch):
    monkeypatch.setattr(Runner, "_call", crash)
    with pytest.raises(ScenarioCrash) as caught:
        run_scenario(scenario_of(CRASHING))
    assert str(caught.value).splitlines() == [
        "case.yaml: steps[1] (call v2.shop.get_shop_info @mart):",
        "  the emulator raised KeyError: 'order_sn'",
    ]
    assert isinstance(caught.value.__cause__, KeyError)


def test_cli_reports_a_crash_in_one_line_and_the_traceback_only_with_debug(write_scenario, monkeypatch, capsys):
    monkeypatch.setattr(Runner, "_call", crash)
    path = str(write_scenario(CRASHING, "boom.yaml"))
    assert main(["scenario", "run", path]) == 1
    out = capsys.readouterr().out
    assert "Traceback" not in out
    assert out.splitlines()[2:5] == [
        "  FAIL [1] call v2.shop.get_shop_info @mart",
        "         the emulator raised KeyError: 'order_sn'",
        "         (add --debug for the traceback)",
    ]
    assert main(["scenario", "run", "--debug", path]) == 1
    debug = capsys.readouterr().out
    assert "Traceback (most recent call last)" in debug and "in crash" in debug


def test_cli_exits_non_zero_for_every_hostile_file_without_a_traceback(write_scenario, capsys):
    files = [
        write_scenario("steps:\n  - call: {api: v2.shop.get_shop_info, shop: mart\n", "unclosed.yaml"),
        write_scenario(CALL % "{when: 2024-01-01}", "date.yaml"),
        write_scenario("steps:\n  - advance: 1e12\n", "far.yaml"),
        write_scenario("steps:\n  - call: {api: v2.shop.get_shop_info, shop: mart}\n    expect:\n      response.nope[3]: 1\n", "nowhere.yaml"),
    ]
    for file in files:
        assert main(["scenario", "run", str(file)]) == 1
        assert main(["scenario", "check", str(file)]) == (0 if file.name == "nowhere.yaml" else 1)
    out = capsys.readouterr().out
    assert "Traceback" not in out
    assert "response.nope[3]: expected 1, got <missing>" in out


def test_a_crashing_scenario_item_in_pytest_shows_the_message_not_a_traceback(pytester):
    pytester.makeconftest(
        "from emulator.scenarios.runner import Runner\nORIGINAL = Runner._call\n\n"
        "def crash(*a, **k):\n    raise KeyError('order_sn')\n\n"
        "def pytest_configure(config):\n    Runner._call = crash\n\n"
        "def pytest_unconfigure(config):\n    Runner._call = ORIGINAL\n"
    )
    pytester.makefile(".yaml", boom=CRASHING)
    pytester.makeini("[pytest]\n")
    result = pytester.runpytest("-p", "no:cacheprovider", "boom.yaml")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*steps?1? (call v2.shop.get_shop_info @mart):", "*the emulator raised KeyError: 'order_sn'",
                                 "*pytest --full-trace shows*"])
    assert "Traceback" not in result.stdout.str()
