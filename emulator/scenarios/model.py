"""The scenario file format: YAML loaded into frozen pydantic models and validated once.

Every problem is reported as ``<file>: <key path>: <what is wrong>``, one line each, e.g.
``flash_sale.yaml: steps[3].call.api: unknown API v2.product.frobnicate``.
"""
from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, get_args

import yaml
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError, model_validator

from emulator.durations import duration_seconds
from emulator.file_errors import file_messages, not_utf8
from emulator.faults import MAX_FAULT_EFFECTS, named_effect
from emulator.numbers import TIMESTAMP
from emulator.registry import Registry
from emulator.scenarios.expect import check_expectation, check_path
from emulator.worlds import WorldError, load_world

SHOP_REF = re.compile(r"^(?:mart(?:\[(\d+)\])?(?:\.outlet\[(\d+)\])?|outlet\[(\d+)\])$")
VARIABLE = re.compile(r"\$\{([^}]+)\}")
ERROR_EFFECT_KEYS = ("error", "message", "http_status", "common_error")
FLOW_HINT = ' (inside {...} quote what holds [ or ], e.g. shop: "outlet[0]", or write the mapping in block style)'
# values a file may expand to: YAML aliases repeat what they point at, so a few lines can stand for
# billions of values that every later step would copy
MAX_VALUES = 1_000_000


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


def _json_problem(value: Any, where: str = "") -> str | None:
    """Why ``value`` cannot travel as JSON (YAML also reads dates, binary, sets and odd keys), or None."""
    at = f"{where}: " if where else ""
    if value is None or isinstance(value, (bool, int, str)):
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else f"{at}{value} is not a JSON number"
    if isinstance(value, list):
        return next((p for i, v in enumerate(value) if (p := _json_problem(v, f"{where}[{i}]"))), None)
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                return f"{at}key {key!r} is not text: quote it"
            problem = _json_problem(item, f"{where}.{key}" if where else key)
            if problem:
                return problem
        return None
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"{at}YAML reads {value} as a date, which JSON cannot carry: quote it, '{value}'"
    if isinstance(value, bytes):
        return f"{at}binary data (!!binary) is not a JSON value"
    if isinstance(value, (set, frozenset)):
        return f"{at}a set (!!set) is not a JSON value: write a list"
    return f"{at}{type(value).__name__} is not a JSON value"


def _json_object(value: Any) -> Any:
    problem = _json_problem(value) if isinstance(value, dict) else None
    if problem:
        raise ValueError(problem)
    return value


def _advance(value: Any) -> float:
    seconds = duration_seconds(value)
    if seconds > TIMESTAMP[1]:
        raise ValueError(f"{value!r} would take the clock past the end of year 9999")
    return seconds


def _finishable(value: Any) -> str:
    if value not in FINISHABLE:
        raise ValueError(f"finish waits for one of {', '.join(FINISHABLE)}, not {value!r}")
    return str(value)


def _method(value: Any) -> Any:
    return value.upper() if isinstance(value, str) else value


ApiName = Annotated[str, AfterValidator(_known_api)]
ShopRef = Annotated[Any, AfterValidator(_shop)]
Effect = Annotated[Any, AfterValidator(_effect)]
Duration = Annotated[Any, AfterValidator(_advance)]
JsonObject = Annotated[dict[str, Any], BeforeValidator(_json_object)]
Expectations = Annotated[dict[str, Any], BeforeValidator(_json_object), AfterValidator(_expectations)]
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
        if not 1 <= self.times <= MAX_FAULT_EFFECTS:
            raise ValueError(f"times must be from 1 to {MAX_FAULT_EFFECTS}")
        if self.effects is not None and len(self.effects) > MAX_FAULT_EFFECTS:
            raise ValueError(f"effects may hold at most {MAX_FAULT_EFFECTS}")
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
    body: JsonObject | None = None
    params: JsonObject | None = None
    files: dict[str, str] | None = None
    access_token: str | None = None


class ControlSpec(_Frozen):
    """Any control-plane call (``/_emulator/...``)."""

    method: Annotated[str, BeforeValidator(_method)] = "POST"
    path: str
    body: JsonObject | None = None
    params: JsonObject | None = None

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
    limits: list[JsonObject] = []
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


class _Loader(yaml.SafeLoader):
    """Safe YAML that refuses a key given twice in one mapping: plain YAML keeps the last one, which
    silently drops an ``expect`` or a whole step's action."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[tuple[str, str], int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = (key_node.tag, key_node.value)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key_node.value!r} given twice (first on line {seen[key] + 1})", key_node.start_mark
                )
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep)


def _too_big(data: Any) -> str | None:
    """Why the decoded file cannot be used as it stands (self-reference, alias bomb), or None."""
    sizes: dict[int, int] = {}
    open_now: set[int] = set()

    def size(value: Any) -> int:
        if not isinstance(value, (list, dict)):
            return 1
        key = id(value)
        if key in sizes:
            return sizes[key]
        if key in open_now:
            raise _SelfReference
        open_now.add(key)
        children = value.values() if isinstance(value, dict) else value
        total = 1 + sum(size(child) for child in children)
        open_now.discard(key)
        sizes[key] = total
        return total

    try:
        total = size(data)
    except _SelfReference:
        return "a YAML alias refers to the value holding it, which no JSON can carry"
    if total > MAX_VALUES:
        return f"expands to {total} values (YAML aliases repeat what they point at; at most {MAX_VALUES})"
    return None


class _SelfReference(Exception):
    pass


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((m for arg in get_args(annotation) if (m := _model_in(arg)) is not None), None)


def _allowed_keys(loc: tuple[Any, ...]) -> list[str] | None:
    """The keys the mapping at ``loc`` (the unknown key's parent) takes, to list beside "unknown key"."""
    model: type[BaseModel] | None = ScenarioSpec
    for part in loc:
        if isinstance(part, int):
            continue  # an index into a list: the element's model was already chosen
        field = model.model_fields.get(part) if model else None
        model = _model_in(field.annotation) if field else None
        if model is None:
            return None
    return list(model.model_fields) if model else None


def parse_scenario(data: Any, origin: str = "inline scenario", base_dir: Path | None = None) -> Scenario:
    """Validate a decoded scenario; ``origin`` is the file name errors mention."""
    base = base_dir or Path.cwd()
    if not isinstance(data, dict):
        raise ScenarioError(f"{origin}: a scenario is a mapping with name, world, seed, faults and steps")
    problem = _too_big(data)
    if problem:
        raise ScenarioError(f"{origin}: {problem}")
    if "name" not in data:
        data = {"name": Path(origin).stem, **data}
    try:
        spec = ScenarioSpec.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(file_messages(origin, exc, _allowed_keys)) from None
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
    except UnicodeDecodeError as exc:
        raise ScenarioError(f"{file.name}: {not_utf8(exc)}") from None
    return parse_text(text, file.name, file.resolve().parent)


def parse_text(text: str, origin: str = "inline scenario", base_dir: Path | None = None) -> Scenario:
    try:
        data = yaml.load(text, Loader=_Loader)  # a SafeLoader: no tags that build objects
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = str(getattr(exc, "problem", None) or exc)
        # the commonest slip: outlet[0] or a[0].b unquoted inside a {...} mapping, where [ starts a list
        hint = FLOW_HINT if problem.startswith("expected ',' or '}'") and problem.endswith(("'['", "']'")) else ""
        raise ScenarioError(f"{origin}: not valid YAML{where}: {problem}{hint}") from None
    except RecursionError:  # the parser recurses once per level of nesting
        raise ScenarioError(f"{origin}: nested too deeply to be a scenario") from None
    try:
        return parse_scenario(data, origin, base_dir)
    except RecursionError:
        raise ScenarioError(f"{origin}: nested too deeply to be a scenario") from None

