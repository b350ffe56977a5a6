"""``instant-mart-emulator scenario run|check|load FILE...``: replay or validate scenario files."""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, Callable, TextIO

from emulator.scenarios.model import ScenarioError, load_scenario
from emulator.scenarios.runner import ScenarioFailure, StepResult, run_scenario


def _load(file: str, out: TextIO) -> Any:
    """The scenario, or None after printing why the file is invalid."""
    try:
        return load_scenario(file)
    except ScenarioError as exc:
        print("INVALID " + str(exc).replace("\n", "\n        "), file=out)
        return None


def check(files: list[str], out: TextIO) -> int:
    failed = 0
    for file in files:
        scenario = _load(file, out)
        if scenario is None:
            failed += 1
            continue
        print(f"ok      {scenario.origin}: {scenario.name} ({len(scenario.spec.steps)} steps)", file=out)
    return 1 if failed else 0


def run(files: list[str], out: TextIO, verbose: bool = False) -> int:
    passed = failed = 0
    for file in files:
        scenario = _load(file, out)
        if scenario is None:
            failed += 1
            continue
        print(f"{scenario.origin}: {scenario.name}", file=out)

        def report(step: StepResult) -> None:
            print(f"  ok   [{step.index}] {step.label}" + (f"  ({step.summary})" if verbose else ""), file=out)

        try:
            run_scenario(scenario, on_step=report)
        except ScenarioFailure as exc:
            failed += 1
            print(f"  FAIL [{exc.index}] {exc.label}", file=out)
            for problem in exc.problems:
                print(f"         {problem}", file=out)
            if exc.answer is not None:
                print("         answer: " + json.dumps(exc.answer, ensure_ascii=False, default=str), file=out)
        except ScenarioError as exc:
            failed += 1
            print("  INVALID " + str(exc).replace("\n", "\n          "), file=out)
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed", file=out)
    return 1 if failed else 0


def load(args: argparse.Namespace, control: Callable[..., Any], out: TextIO) -> int:
    """Load a scenario into a running emulator (the server reads the file: same machine)."""
    body = {"path": str(Path(args.files[0]).resolve()), "run_steps": args.steps}
    print(json.dumps(control(args, "POST", "/_emulator/scenario", body), indent=2), file=out)
    return 0
