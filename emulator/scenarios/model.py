"""The scenario file format: YAML loaded into frozen pydantic models and validated once.

Every problem is reported as ``<file>: <key path>: <what is wrong>``, one line each, e.g.
``flash_sale.yaml: steps[3].call.api: unknown API v2.product.frobnicate``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError, model_validator

from emulator.durations import duration_seconds
from emulator.file_errors import file_messages
from emulator.faults import named_effect
from emulator.registry import Registry
from emulator.scenarios.expect import check_expectation, check_path
from emulator.worlds import WorldError, load_world

SHOP_REF = re.compile(r"^(?:mart(?:\[(\d+)\])?(?:\.outlet\[(\d+)\])?|outlet\[(\d+)\])$")
VARIABLE = re.compile(r"\$\{([^}]+)\}")
ERROR_EFFECT_KEYS = ("error", "message", "http_status", "common_error")


class ScenarioError(ValueError):
    """A scenario file that cannot be used; each line names the file and the key path."""


def _known_api(name: Any) -> str:
    if not isinstance(name, str) or name not in Registry.scan().by_name:
        raise ValueError(f"unknown API {name}")
    return name


def _fault_operation(name: Any) -> str:
    return name if name == "*" else _known_api(name)


def _shop(value: Any) -> int | str:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 19:
        return int(value)
    if isinstance(value, str) and (SHOP_REF.match(value) or VARIABLE.fullmatch(value)):
        return value
    raise ValueError(f"unknown shop reference {value!r}: use mart, mart[N], outlet[N], mart[N].outlet[M], a shop_id or ${{name}}")


def _effect(value: Any) -> Any:
    if value == "pass":
        return value
    if not isinstance(value, dict):
        raise ValueError('an effect is "pass", {error, message, http_status} or {common_error}')
    unknown = sorted(set(value) - set(ERROR_EFFECT_KEYS))
    if unknown:
        raise ValueError(f"unknown effect key {unknown[0]!r} (allowed: error, message, http_status)")
    if "common_error" in value:
        if "error" in value or "message" in value:
            raise ValueError("give common_error or error/message, not both")
        named_effect(value["common_error"])  # ValueError naming the known ones
    if "http_status" in value and not (isinstance(value["http_status"], int) and 100 <= value["http_status"] <= 599):
        raise ValueError("http_status must be an HTTP status code")
    for key in ("error", "message"):
        if key in value and not isinstance(value[key], str):
            raise ValueError(f"{key} must be a string")
    return dict(value)


def _expectations(value: dict[str, Any]) -> dict[str, Any]:
    for path, expected in value.items():
        problem = check_path(path) or check_expectation(expected)
        if problem:
            raise ValueError(f"{path}: {problem}")
    return value


def _saves(value: dict[str, str]) -> dict[str, str]:
    for name, path in value.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ValueError(f"{name!r}: a saved name is letters, digits and _")
        problem = check_path(path)
        if problem:
            raise ValueError(f"{name}: {problem}")
    return value


def _finishable(value: Any) -> str:
    if value not in FINISHABLE:
        raise ValueError(f"finish waits for one of {', '.join(FINISHABLE)}, not {value!r}")
    return str(value)


def _method(value: Any) -> Any:
    return value.upper() if isinstance(value, str) else value


ApiName = Annotated[str, AfterValidator(_known_api)]
ShopRef = Annotated[Any, AfterValidator(_shop)]
Effect = Annotated[Any, AfterValidator(_effect)]
Duration = Annotated[Any, AfterValidator(duration_seconds)]
Expectations = Annotated[dict[str, Any], AfterValidator(_expectations)]
Saves = Annotated[dict[str, str], AfterValidator(_saves)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FaultSpec(_Frozen):
    """A fault rule: ``effects`` consumed one per matching call, or ``error`` ``times`` times."""

    operation: Annotated[str, AfterValidator(_fault_operation)]
    shop: ShopRef | None = None
    effects: list[Effect] | None = None
    error: str | None = None
    message: str | None = None
    http_status: int | None = None
    common_error: str | None = None
    times: int = 1
    repeat_last: bool = False

    @model_validator(mode="after")
    def _one_way(self) -> "FaultSpec":
        given = (self.error, self.message, self.http_status, self.common_error)
        if self.effects is not None and any(v is not None for v in given):
            raise ValueError("give either effects or error/message/http_status/common_error, not both")
        if self.common_error is not None:
            if self.error is not None or self.message is not None:
                raise ValueError("give common_error or error/message, not both")
            named_effect(self.common_error)
        if self.effects is not None and not self.effects:
            raise ValueError("effects must not be empty")
        if self.times < 1:
            raise ValueError("times must be at least 1")
        return self

    def effect_list(self) -> list[Any]:
        if self.effects is not None:
            return list(self.effects)
        pairs = (("error", self.error), ("message", self.message), ("http_status", self.http_status),
                 ("common_error", self.common_error))
        error = {k: v for k, v in pairs if v is not None}
        return [error or {"error": "error_server"}] * self.times


class CallSpec(_Frozen):
    """One signed API call, exactly as an integration sends it."""

    api: ApiName
    shop: ShopRef | None = None
    body: dict[str, Any] | None = None
    params: dict[str, Any] | None = None
    files: dict[str, str] | None = None
    access_token: str | None = None


class ControlSpec(_Frozen):
    """Any control-plane call (``/_emulator/...``)."""

    method: Annotated[str, BeforeValidator(_method)] = "POST"
    path: str
    body: dict[str, Any] | None = None
    params: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _control_path(self) -> "ControlSpec":
        if self.method not in ("GET", "POST", "DELETE"):
            raise ValueError("method must be GET, POST or DELETE")
        if not self.path.startswith("/_emulator/"):
            raise ValueError("path must start with /_emulator/")
        return self


ACTIONS = ("call", "control", "fault", "advance", "finish")
# what a ``finish`` step waits for: the clock moves on until every one of them has ended
FINISHABLE = ("batch_tasks", "video_uploads")


class Step(_Frozen):
    """Exactly one action, with optional expectations and saved values."""

    name: str | None = None
    call: CallSpec | None = None
    control: ControlSpec | None = None
    fault: FaultSpec | None = None
    advance: Duration | None = None
    finish: Annotated[str, AfterValidator(_finishable)] | None = None
    expect: Expectations | None = None
    save: Saves | None = None

    @model_validator(mode="after")
    def _one_action(self) -> "Step":
        given = [a for a in ACTIONS if getattr(self, a) is not None]
        if len(given) != 1:
            raise ValueError(f"a step has exactly one of {', '.join(ACTIONS)} (found {', '.join(given) or 'none'})")
        if given[0] in ("fault", "advance", "finish") and (self.expect is not None or self.save is not None):
            raise ValueError(f"{given[0]} steps take no expect or save")
        return self

    @property
    def action(self) -> str:
        return next(a for a in ACTIONS if getattr(self, a) is not None)


class ScenarioSpec(_Frozen):
    """The whole file."""

    name: str
    description: str = ""
    world: str | dict[str, Any] = "id"
    seed: int | None = None
    faults: list[FaultSpec] = []
    # /_emulator/limits bodies applied at set-up: {"rate_limit_per_second": N, "daily_call_limit": N}
    limits: list[dict[str, Any]] = []
    steps: list[Step] = []


@dataclass(frozen=True)
class Scenario:
    """A validated scenario with what it needs from its file: the resolved world and folder."""

    spec: ScenarioSpec
    origin: str
    world: dict[str, Any]
    base_dir: Path

    @property
    def name(self) -> str:
        return self.spec.name


def _resolve_world(world: str | dict[str, Any], base_dir: Path) -> dict[str, Any]:
    if isinstance(world, dict):
        spec = dict(world)
        base = spec.pop("extends", None)
        if base is not None:
            spec = {**load_world(_world_name(base, base_dir)), **spec}
        return load_world(spec)
    return load_world(_world_name(world, base_dir))


def _world_name(name: Any, base_dir: Path) -> str:
    if not isinstance(name, str):
        raise WorldError("extends names a world (id, th) or a YAML file")
    if name.endswith((".yaml", ".yml")) and not Path(name).is_absolute():
        return str(base_dir / name)
    return name


def parse_scenario(data: Any, origin: str = "inline scenario", base_dir: Path | None = None) -> Scenario:
    """Validate a decoded scenario; ``origin`` is the file name errors mention."""
    base = base_dir or Path.cwd()
    if not isinstance(data, dict):
        raise ScenarioError(f"{origin}: a scenario is a mapping with name, world, seed, faults and steps")
    if "name" not in data:
        data = {"name": Path(origin).stem, **data}
    try:
        spec = ScenarioSpec.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(file_messages(origin, exc)) from None
    try:
        world = _resolve_world(spec.world, base)
    except WorldError as exc:
        raise ScenarioError(f"{origin}: world: {exc}") from None
    return Scenario(spec, origin, world, base)


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate one scenario file."""
    file = Path(path)
    try:
        text = file.read_text("utf-8")
    except OSError as exc:
        raise ScenarioError(f"{file.name}: cannot read: {exc.strerror}") from None
    return parse_text(text, file.name, file.resolve().parent)


def parse_text(text: str, origin: str = "inline scenario", base_dir: Path | None = None) -> Scenario:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise ScenarioError(f"{origin}: not valid YAML{where}: {getattr(exc, 'problem', None) or exc}") from None
    except RecursionError:  # the parser recurses once per level of nesting
        raise ScenarioError(f"{origin}: nested too deeply to be a scenario") from None
    if not _within_size(data):
        raise ScenarioError(f"{origin}: expands to more than {MAX_VALUES} values (YAML aliases repeat what they name)")
    try:
        return parse_scenario(data, origin, base_dir)
    except RecursionError:
        raise ScenarioError(f"{origin}: nested too deeply to be a scenario") from None


# A few hundred bytes of nested aliases name billions of values; every later walk (validation,
# substitution, rendering a call's body) would take them one by one.
MAX_VALUES = 1_000_000


def _within_size(data: Any) -> bool:
    """Counted iteratively, an alias as often as it is used, stopping at the bound."""
    stack, seen = [data], 0
    while stack:
        value = stack.pop()
        seen += 1
        if seen > MAX_VALUES:
            return False
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return True
