"""Running a scenario: every call goes through the real HTTP pipeline, signed like a real client."""
from __future__ import annotations

import json
import mimetypes
from dataclasses import dataclass, field
from typing import Any, Callable, TypeVar

import httpx

from emulator.asgi import in_process_client
from emulator.client import ShopeeClient, client_for
from emulator.http.control.limits import set_limits
from emulator.http.control.plane import ControlError
from emulator.scenarios.expect import MISSING, check_all, lookup
from emulator.scenarios.model import SHOP_REF, VARIABLE, CallSpec, ControlSpec, FaultSpec, Scenario, ScenarioError, Step
from emulator.world import Emulator

T = TypeVar("T")


class ScenarioFailure(AssertionError):
    """A step whose answer did not meet its expectations (or could not be sent)."""

    def __init__(self, scenario: Scenario, index: int, label: str, problems: list[str], answer: Any = None) -> None:
        self.scenario, self.index, self.label, self.problems, self.answer = scenario, index, label, problems, answer
        lines = [f"{scenario.origin}: steps[{index}] ({label}):"] + ["  " + p.replace("\n", "\n  ") for p in problems]
        if answer is not None:
            lines.append("  answer: " + json.dumps(answer, ensure_ascii=False, indent=2, default=str).replace("\n", "\n  "))
        super().__init__("\n".join(lines))


class ScenarioCrash(ScenarioFailure):
    """A step during which the emulator itself raised: a bug to report, not a mismatch. The
    original exception is the ``__cause__`` (``scenario run --debug`` prints its traceback)."""

    def __init__(self, scenario: Scenario, index: int, label: str, error: BaseException) -> None:
        super().__init__(scenario, index, label, [f"the emulator raised {type(error).__name__}: {error}"])
        self.error = error


@dataclass
class StepResult:
    """One step that passed; ``answer`` and ``http_status`` are a call's or control step's reply."""

    index: int
    label: str
    summary: str = ""
    answer: Any = None
    http_status: int | None = None


@dataclass
class RunResult:
    scenario: Scenario
    steps: list[StepResult] = field(default_factory=list)
    variables: dict[str, Any] = field(default_factory=dict)


class _StepError(Exception):
    """A step that cannot be carried out (unknown variable, missing shop)."""


def build_emulator(scenario: Scenario) -> Emulator:
    """A fresh emulator holding the scenario's world and its set-up faults."""
    emulator = world_of(scenario, lambda: Emulator(scenario.world, seed=scenario.spec.seed))
    apply_faults(emulator, scenario)
    return emulator


def world_of(scenario: Scenario, build: Callable[[], T]) -> T:
    """Run ``build``; a world definition the domains cannot build is the scenario's error."""
    try:
        return build()
    except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
        raise ScenarioError(f"{scenario.origin}: world: cannot be built: {exc!r}") from None


def apply_faults(emulator: Emulator, scenario: Scenario) -> None:
    """Add the scenario's top-level ``faults`` and ``limits`` (the set-up ones) to ``emulator``."""
    for index, fault in enumerate(scenario.spec.faults):
        try:
            _add_fault(emulator, fault, {})
        except _StepError as exc:
            raise ScenarioError(f"{scenario.origin}: faults[{index}]: {exc}") from None
    for index, body in enumerate(scenario.spec.limits):
        try:
            set_limits(emulator, body)
        except ControlError as exc:
            raise ScenarioError(f"{scenario.origin}: limits[{index}]: {exc.message}") from None


def resolve_shop(emulator: Emulator, ref: int | str) -> int:
    """``mart``, ``mart[N]``, ``outlet[N]``, ``mart[N].outlet[M]`` or a literal shop_id."""
    if isinstance(ref, int):
        return ref
    match = SHOP_REF.match(ref)
    if match is None:
        raise _StepError(f"unknown shop reference {ref!r}")
    mart_index, outlet_index, first_mart_outlet = match.groups()
    marts = emulator.shops.marts()
    m = int(mart_index or 0)
    if m >= len(marts):
        raise _StepError(f"{ref}: the world has {len(marts)} Mart(s)")
    mart = marts[m]
    position = outlet_index if outlet_index is not None else first_mart_outlet
    if position is None:
        return int(mart["shop_id"])
    outlets = emulator.shops.outlets_of(mart["shop_id"])
    if int(position) >= len(outlets):
        raise _StepError(f"{ref}: that Mart has {len(outlets)} Outlet(s)")
    return int(outlets[int(position)]["shop_id"])


def _add_fault(emulator: Emulator, fault: FaultSpec, variables: dict[str, Any]) -> None:
    shop = None if fault.shop is None else resolve_shop(emulator, _substitute(emulator, fault.shop, variables))
    emulator.faults.add(fault.operation, fault.effect_list(), shop, fault.repeat_last)


def _variable(emulator: Emulator, name: str, variables: dict[str, Any]) -> Any:
    if name in variables:
        return variables[name]
    if SHOP_REF.match(name):
        return resolve_shop(emulator, name)
    if name == "now":
        return emulator.clock.now()
    saved = ", ".join(sorted(variables)) or "none"
    raise _StepError(f"unknown variable ${{{name}}} (saved so far: {saved}; built in: now, mart, outlet[N])")


def _substitute(emulator: Emulator, value: Any, variables: dict[str, Any]) -> Any:
    """``${name}`` in strings; a string that is only ``${name}`` takes the value's own type."""
    if isinstance(value, str):
        whole = VARIABLE.fullmatch(value)
        if whole:
            return _variable(emulator, whole.group(1), variables)
        return VARIABLE.sub(lambda m: str(_variable(emulator, m.group(1), variables)), value)
    if isinstance(value, dict):
        return {_substitute(emulator, k, variables): _substitute(emulator, v, variables) for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(emulator, v, variables) for v in value]
    return value


def label(step: Step) -> str:
    if step.name:
        return step.name
    if step.call is not None:
        return f"call {step.call.api}" + (f" @{step.call.shop}" if step.call.shop is not None else "")
    if step.control is not None:
        return f"control {step.control.method} {step.control.path}"
    if step.fault is not None:
        return f"fault {step.fault.operation}" + (f" @{step.fault.shop}" if step.fault.shop is not None else "")
    if step.finish is not None:
        return f"finish {step.finish}"
    return f"advance {_human(float(step.advance or 0))}"


def _human(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"


class Runner:
    """Runs one scenario's steps against ``emulator`` through ``http`` (in-process by default)."""

    def __init__(self, scenario: Scenario, emulator: Emulator, http: httpx.Client | None = None) -> None:
        from emulator.app import create_app  # the app imports the control plane, which serves scenarios

        self.scenario = scenario
        self.emulator = emulator
        self._own_http = http is None
        self.http = http or in_process_client(create_app(emulator))
        self.client: ShopeeClient = client_for(emulator, self.http)
        self.variables: dict[str, Any] = {}

    def run(self, on_step: Callable[[StepResult], None] | None = None) -> RunResult:
        result = RunResult(self.scenario, variables=self.variables)
        try:
            for index, step in enumerate(self.scenario.spec.steps):
                try:
                    outcome = self._step(index, step)
                except (ScenarioFailure, ScenarioError):
                    raise
                except Exception as exc:
                    raise ScenarioCrash(self.scenario, index, label(step), exc) from exc
                result.steps.append(outcome)
                if on_step:
                    on_step(outcome)
        finally:
            if self._own_http:
                self.http.close()
        return result

    def _fail(self, index: int, step: Step, problems: list[str], answer: Any = None) -> ScenarioFailure:
        return ScenarioFailure(self.scenario, index, label(step), problems, answer)

    def _step(self, index: int, step: Step) -> StepResult:
        step_label = label(step)
        try:
            if step.fault is not None:
                _add_fault(self.emulator, step.fault, self.variables)
                return StepResult(index, step_label, f"{len(step.fault.effect_list())} effect(s)")
            if step.advance is not None:
                ran = self._advance(float(step.advance))
                return StepResult(index, step_label, f"clock {self.emulator.clock.now()}, {ran} job(s) ran")
            if step.finish is not None:
                due = self.emulator.products.last_due(step.finish)
                ran = self._advance(max(0.0, due - self.emulator.clock.now_float())) if due is not None else 0
                return StepResult(index, step_label, f"clock {self.emulator.clock.now()}, {ran} job(s) ran")
            try:
                if step.call is not None:
                    answer, status = self._call(step.call)
                    default = {"error": ""}
                else:
                    assert step.control is not None
                    answer, status = self._control(step.control)
                    default = {}
            except httpx.InvalidURL:  # params no URL can carry (a query past 64 KiB): the step's fault
                raise _StepError("the request cannot be sent: its URL would be longer than 65536 characters; send less in params") from None
            expectations = _substitute(self.emulator, step.expect if step.expect is not None else default, self.variables)
        except _StepError as exc:
            raise self._fail(index, step, [str(exc)]) from None
        problems = check_all(expectations, answer, status)
        if step.control is not None and status >= 400 and "http_status" not in expectations:
            problems.insert(0, f"http_status: expected below 400, got {status}")
        if problems:
            raise self._fail(index, step, problems, answer)
        for name, path in (step.save or {}).items():
            value = lookup(answer, path)
            if value is MISSING:
                raise self._fail(index, step, [f"save {name}: nothing at {path}"], answer)
            self.variables[name] = value
        error = answer.get("error") if isinstance(answer, dict) else None
        return StepResult(index, step_label, f"error {error}" if error else f"HTTP {status}", answer, status)

    def _advance(self, seconds: float) -> int:
        try:
            return self.emulator.advance(seconds)
        except ValueError as exc:  # the clock's own bound: past the end of year 9999
            raise _StepError(f"advance: {exc}") from None

    def _call(self, call: CallSpec) -> tuple[Any, int]:
        v = self.variables
        shop = None if call.shop is None else resolve_shop(self.emulator, _substitute(self.emulator, call.shop, v))
        body = _substitute(self.emulator, call.body, v)
        params = _substitute(self.emulator, call.params, v)
        token = _substitute(self.emulator, call.access_token, v)
        if shop is not None and token is None and self.emulator.shops.find(shop) is None:
            raise _StepError(f"shop {shop} is not in this world: give access_token to call it anyway")
        if call.files:
            method, path, query = self.client.signed_query(call.api, shop, access_token=token)
            query.update(params or {})
            response = self.http.post(path, params=query, data=body or {}, files=self._files(call.files))
        else:
            response = self.client.request(call.api, shop, body=body, params=params, access_token=token)
        return _decode(response), response.status_code

    def _files(self, files: dict[str, str]) -> list[tuple[str, tuple[str, bytes, str]]]:
        out = []
        for form_field, name in files.items():
            path = self.scenario.base_dir / name
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise _StepError(f"files.{form_field}: cannot read {name}: {exc.strerror}") from None
            out.append((form_field, (path.name, data, mimetypes.guess_type(path.name)[0] or "application/octet-stream")))
        return out

    def _control(self, control: ControlSpec) -> tuple[Any, int]:
        v = self.variables
        path = _substitute(self.emulator, control.path, v)
        body = _substitute(self.emulator, control.body, v)
        params = _substitute(self.emulator, control.params, v)
        response = self.http.request(control.method, path, params=params, json=body if control.method != "GET" else None)
        return _decode(response), response.status_code


def _decode(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return {"content_type": response.headers.get("content-type", ""), "bytes": len(response.content)}


def run_scenario(scenario: Scenario, emulator: Emulator | None = None, on_step: Callable[[StepResult], None] | None = None) -> RunResult:
    """Run ``scenario`` on a fresh emulator (or the one given, whose world is left as it is)."""
    own = emulator is None
    target = build_emulator(scenario) if emulator is None else emulator
    try:
        return Runner(scenario, target).run(on_step)
    finally:
        if own:
            target.close()

