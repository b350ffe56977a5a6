"""Scenario files: set up a world, call APIs, jump the clock, inject faults and assert outcomes.

    load_scenario(path) -> Scenario        validated once; errors name the file and key path
    run_scenario(scenario) -> RunResult    raises ScenarioFailure naming the step and the mismatch
"""
from emulator.scenarios.model import Scenario, ScenarioError, load_scenario, parse_scenario, parse_text
from emulator.scenarios.runner import RunResult, Runner, ScenarioCrash, ScenarioFailure, StepResult, apply_faults, build_emulator, run_scenario

__all__ = [
    "RunResult",
    "Runner",
    "Scenario",
    "ScenarioCrash",
    "ScenarioError",
    "ScenarioFailure",
    "StepResult",
    "apply_faults",
    "build_emulator",
    "load_scenario",
    "parse_scenario",
    "parse_text",
    "run_scenario",
]
