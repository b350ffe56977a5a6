"""``instant-mart-emulator scenario run|check``: a line per step and the exit code."""
from __future__ import annotations

from emulator.cli import main

PASSING = "name: info\nsteps:\n  - call: {api: v2.shop.get_shop_info, shop: mart}\n  - advance: 2h\n"
FAILING = "steps:\n  - call: {api: v2.shop.get_shop_info, shop: mart}\n    expect: {region: TH}\n"
INVALID = "steps:\n  - call: {api: v2.nope}\n"


def test_scenario_run_passing_exits_0_with_a_line_per_step(write_scenario, capsys):
    assert main(["scenario", "run", str(write_scenario(PASSING, "info.yaml"))]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "info.yaml: info",
        "  ok   [0] call v2.shop.get_shop_info @mart",
        "  ok   [1] advance 2h",
        "1 passed, 0 failed",
    ]


def test_scenario_run_failing_exits_1_naming_step_and_mismatch(write_scenario, capsys):
    files = [str(write_scenario(PASSING, "info.yaml")), str(write_scenario(FAILING, "wrong.yaml"))]
    assert main(["scenario", "run", *files]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[3:5] == ["wrong.yaml: wrong", "  FAIL [0] call v2.shop.get_shop_info @mart"]
    assert out[5] == '         region: expected "TH", got "ID"'
    assert out[6].startswith('         answer: {"request_id": ')
    assert out[-1] == "1 passed, 1 failed"


def test_scenario_run_invalid_file_exits_1(write_scenario, capsys):
    assert main(["scenario", "run", str(write_scenario(INVALID, "bad.yaml"))]) == 1
    assert capsys.readouterr().out.splitlines()[0] == "INVALID bad.yaml: steps[0].call.api: unknown API v2.nope"


def test_scenario_check_validates_without_running(write_scenario, capsys):
    good, bad = write_scenario(PASSING, "info.yaml"), write_scenario(INVALID, "bad.yaml")
    assert main(["scenario", "check", str(good)]) == 0
    assert main(["scenario", "check", str(good), str(bad)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "ok      info.yaml: info (2 steps)",
        "ok      info.yaml: info (2 steps)",
        "INVALID bad.yaml: steps[0].call.api: unknown API v2.nope",
    ]
