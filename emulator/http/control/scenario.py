"""``POST /_emulator/scenario``: put a running emulator into a scenario's state.

Body: ``{"path": "scenarios/x.yaml"}`` (a file the server can read), ``{"yaml": "..."}`` or
``{"scenario": {...}}``, plus ``"run_steps": true`` to also run its steps. The world is replaced
by the scenario's (seeded), its set-up faults are added, and the answer lists what was loaded.

A path is read only inside the server's working directory (where ``scenarios/`` lives) or a
directory given with ``serve --allow-path``, and a file that is not a valid scenario is refused
without quoting it: a caller of the control plane must not be able to read other files through
its error messages.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool

from emulator.http.control.summary import world_summary
from emulator.http.control.plane import ControlCall, ControlError, control, json_body
from emulator.scenarios.model import Scenario, ScenarioError, load_scenario, parse_scenario, parse_text
from emulator.scenarios.runner import Runner, ScenarioFailure, apply_faults, world_of


def _inside(path: Path, roots: list[Path]) -> bool:
    return any(path.is_relative_to(root) for root in roots)


def _load_path(given: str, roots: list[Path]) -> Scenario:
    path = Path(given)
    try:
        # symlinks and .. resolved first, so neither can lead outside the roots
        resolved = (path if path.is_absolute() else roots[0] / path).resolve()
    except (OSError, RuntimeError, ValueError):
        raise ControlError("path cannot be resolved") from None
    if not _inside(resolved, roots):
        raise ControlError(
            "path must be inside the server's working directory or a directory given with serve --allow-path",
            status=403, error="path_not_allowed",
        )
    try:
        return load_scenario(resolved)
    except ScenarioError:
        raise ControlError(
            f"{resolved.name} is not a valid scenario file: `instant-mart-emulator scenario check` shows why",
            error="invalid_scenario",
        ) from None


def _scenario(body: dict[str, Any], roots: list[Path]) -> Scenario:
    given = [k for k in ("path", "yaml", "scenario") if k in body]
    if len(given) != 1:
        raise ControlError("give exactly one of path, yaml or scenario")
    if "path" in body:
        if not isinstance(body["path"], str):
            raise ControlError("path must be a string")
        return _load_path(body["path"], roots)
    if "yaml" in body:
        if not isinstance(body["yaml"], str):
            raise ControlError("yaml must be a string")
        return parse_text(body["yaml"], str(body.get("filename") or "inline scenario"))
    return parse_scenario(body["scenario"], str(body.get("filename") or "inline scenario"))


def scenario_roots(call: ControlCall) -> list[Path]:
    """Where scenario paths may lead: the working directory first (relative paths start there)."""
    return [Path.cwd().resolve(), *(Path(p).resolve() for p in call.allow_paths)]


@control
async def load_scenario_route(call: ControlCall) -> dict[str, Any]:
    body = await json_body(call)
    run_steps = body.get("run_steps", False)
    if not isinstance(run_steps, bool):
        raise ControlError("run_steps must be true or false")
    try:
        scenario = _scenario(body, scenario_roots(call))
    except ScenarioError as exc:
        raise ControlError(str(exc), error="invalid_scenario") from None
    emulator = call.emulator

    def load() -> dict[str, Any]:
        world_of(scenario, lambda: emulator.replace_world(scenario.world, scenario.spec.seed))
        apply_faults(emulator, scenario)
        steps = Runner(scenario, emulator).run().steps if run_steps else []
        return {
            "scenario": scenario.name,
            **world_summary(emulator),
            "faults": [rule.describe() for rule in emulator.faults.rules],
            "steps_run": len(steps),
        }

    try:
        return await run_in_threadpool(load)
    except ScenarioError as exc:
        raise ControlError(str(exc), error="invalid_scenario") from None
    except ScenarioFailure as exc:
        raise ControlError(str(exc), status=409, error="scenario_failed") from None
