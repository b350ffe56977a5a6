"""Scenario files as pytest items: one item per file, reported as the failing step and mismatch."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import traceback

import pytest

from emulator.scenarios.model import Scenario, ScenarioError, load_scenario
from emulator.scenarios.runner import ScenarioCrash, ScenarioFailure, run_scenario

SUFFIXES = (".yaml", ".yml")
FOLDER = "scenarios"


class ScenarioFile(pytest.File):
    def collect(self) -> list[pytest.Item]:
        try:
            scenario: Scenario | ScenarioError = load_scenario(self.path)
            name = scenario.name if isinstance(scenario, Scenario) else self.path.stem
        except ScenarioError as exc:
            scenario, name = exc, self.path.stem
        return [ScenarioItem.from_parent(self, name=name, scenario=scenario)]


class ScenarioItem(pytest.Item):
    def __init__(self, *, scenario: Scenario | ScenarioError, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario

    def runtest(self) -> None:
        if isinstance(self.scenario, ScenarioError):
            raise self.scenario
        run_scenario(self.scenario)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        error = excinfo.value
        if isinstance(error, ScenarioCrash):
            if self.config.getoption("fulltrace"):
                return str(error) + "\n" + "".join(traceback.format_exception(error.error))
            return str(error) + "\n  (pytest --full-trace shows the emulator's traceback)"
        if isinstance(error, (ScenarioFailure, ScenarioError)):
            return str(error)
        return str(super().repr_failure(excinfo, style))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"scenario: {self.name}"


def find_scenario(name: str, test_dir: Path, rootdir: Path) -> Path:
    """A marker's scenario: a path beside the test, under the rootdir, or a name in ``scenarios/``."""
    candidates = [Path(name)] if Path(name).is_absolute() else [test_dir / name, rootdir / name, rootdir / FOLDER / name]
    if not name.endswith(SUFFIXES):
        candidates += [c.with_name(c.name + suffix) for c in candidates for suffix in SUFFIXES]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise ScenarioError(f"{name}: no such scenario (looked beside the test, in the rootdir and in {FOLDER}/)")
