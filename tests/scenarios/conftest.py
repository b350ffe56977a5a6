"""Helpers for the scenario-engine tests: write a scenario file and load it."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from emulator.scenarios import Scenario, load_scenario


@pytest.fixture
def write_scenario(tmp_path: Path) -> Callable[[str, str], Path]:
    def write(text: str, name: str = "case.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, "utf-8")
        return path

    return write


@pytest.fixture
def scenario_of(write_scenario: Callable[[str, str], Path]) -> Callable[[str], Scenario]:
    def load(text: str) -> Scenario:
        return load_scenario(write_scenario(text, "case.yaml"))

    return load
