"""The format example in scenarios/README.md loads and passes, so the documentation stays true."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from emulator.scenarios import parse_text, run_scenario

README = Path(__file__).parents[2] / "scenarios" / "README.md"


def yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", README.read_text("utf-8"), re.S)


def test_readme_format_example_runs():
    result = run_scenario(parse_text(yaml_blocks()[0], "README.md"))
    assert len(result.steps) == 5 and isinstance(result.variables["first_channel"], int)


def test_readme_world_example_loads():
    scenario = parse_text(yaml_blocks()[1], "README.md")
    assert scenario.world["marts"][0]["outlets"] == 2 and scenario.world["region"] == "ID"


def test_readme_marker_example_runs_in_a_project_with_these_scenarios(pytester):
    (block,) = re.findall(r"```python\n(.*?)```", README.read_text("utf-8"), re.S)
    shutil.copytree(README.parent, pytester.path / "scenarios")
    pytester.makeini("[pytest]\n")
    pytester.makepyfile(test_marker="import pytest\n\n" + block)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)
