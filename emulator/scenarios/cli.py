"""``instant-mart-emulator scenario run|check|load FILE...``: replay or validate scenario files."""
from __future__ import annotations

import argparse
import json
import traceback
from pathlib import Path
from typing import Any, Callable, TextIO

from emulator.scenarios.model import ScenarioError, load_scenario
from emulator.scenarios.runner import ScenarioCrash, ScenarioFailure, StepResult, run_scenario

DEBUG_HINT = "(add --debug for the traceback)"


def _crash(where: str, exc: Exception, out: TextIO, debug: bool) -> None:
    """The emulator failed outside any expectation: one line, or the traceback when debugging."""
    if debug:
        traceback.print_exception(exc, file=out)
    print(f"  ERROR {where}: the emulator raised {type(exc).__name__}: {exc}" + ("" if debug else f" {DEBUG_HINT}"), file=out)


def _load(file: str, out: TextIO, debug: bool = False) -> Any:
    """The scenario, or None after printing why the file is invalid."""
    try:
        return load_scenario(file)
    except ScenarioError as exc:
        print("INVALID " + str(exc).replace("\n", "\n        "), file=out)
    except Exception as exc:
        _crash(Path(file).name, exc, out, debug)
    return None


def check(files: list[str], out: TextIO, debug: bool = False) -> int:
    failed = 0
    for file in files:
        scenario = _load(file, out, debug)
        if scenario is None:
            failed += 1
            continue
        print(f"ok      {scenario.origin}: {scenario.name} ({len(scenario.spec.steps)} steps)", file=out)
    return 1 if failed else 0


def run(files: list[str], out: TextIO, verbose: bool = False, debug: bool = False) -> int:
    passed = failed = 0
    for file in files:
        scenario = _load(file, out, debug)
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
                print("         " + problem.replace("\n", "\n         "), file=out)
            if exc.answer is not None:
                print("         answer: " + json.dumps(exc.answer, ensure_ascii=False, default=str), file=out)
            if isinstance(exc, ScenarioCrash):
                if debug:
                    traceback.print_exception(exc.error, file=out)
                else:
                    print(f"         {DEBUG_HINT}", file=out)
        except ScenarioError as exc:
            failed += 1
            print("  INVALID " + str(exc).replace("\n", "\n          "), file=out)
        except Exception as exc:  # building the world or its set-up faults, before any step
            failed += 1
            _crash(scenario.origin, exc, out, debug)
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed", file=out)
    return 1 if failed else 0


def load(args: argparse.Namespace, control: Callable[..., Any], out: TextIO) -> int:
    """Load a scenario into a running emulator (the server reads the file: same machine)."""
    body = {"path": str(Path(args.files[0]).resolve()), "run_steps": args.steps}
    print(json.dumps(control(args, "POST", "/_emulator/scenario", body), indent=2), file=out)
    return 0
