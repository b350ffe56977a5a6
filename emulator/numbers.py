"""Numbers a request may carry, checked before pydantic coerces them and before any arithmetic.

pydantic's lax mode (needed for query strings, where every value is text) turns ``true`` into 1
for an integer field and lets integers of any size through. The platform is strict: a boolean is
not a number, and an id or a count is a 64-bit integer. The pages' int32/uint32 are not taken at
their word: they type ids (item_id of cancel_order) that real ids have long outgrown.
One plan per request model says which fields are numbers and their range; ``check`` walks the
raw parameters along it, so hand-written models and the ones built from the reference agree.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel, ValidationError

INT64 = (-(2**63), 2**63 - 1)
UINT64 = (0, 2**64 - 1)
# 9999-12-31T23:59:59Z: past it, timestamps no longer convert to dates
TIMESTAMP = (0, 253_402_300_799)
RANGES = {"int": INT64, "int64": INT64, "int32": INT64, "uint32": INT64, "uint64": UINT64, "timestamp": TIMESTAMP}

# A plan entry: ("int", (low, high)) | ("float", None) | ("model", cls) | ("list", entry)
Entry = tuple[str, Any]


def ranged(kind: str) -> Any:
    """The ``int`` annotation for a type of the reference's pages, carrying that type's range."""
    low, high = RANGES[kind]
    return Annotated[int, annotated_types.Ge(low), annotated_types.Le(high)]


class NumberProblem(ValueError):
    """A number the platform would not accept; the message is the detail of its parameter error."""


def _bounds(metadata: list[Any]) -> tuple[int, int]:
    low, high = INT64
    for item in metadata:
        # the ranges of integer fields are integers (``ranged``, hand-written models' Field(ge=...))
        if isinstance(item, annotated_types.Ge) and isinstance(item.ge, int):
            low = max(low, item.ge)
        elif isinstance(item, annotated_types.Le) and isinstance(item.le, int):
            high = min(high, item.le)
    return low, high


def _unwrapped(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any]] | None:
    """The type inside ``Annotated[...]`` and ``Optional[...]`` with the metadata gathered on the
    way; None for a union of several types."""
    while True:
        if get_origin(annotation) is Annotated:
            annotation, *extra = get_args(annotation)
            metadata = metadata + extra
        elif get_origin(annotation) in (Union, UnionType):
            options = [a for a in get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                return None
            annotation = options[0]
        else:
            return annotation, metadata


def _entry(annotation: Any, metadata: list[Any]) -> Entry | None:
    unwrapped = _unwrapped(annotation, metadata)
    if unwrapped is None:
        return None
    annotation, metadata = unwrapped
    if annotation is bool:
        return None
    if annotation is int:
        return ("int", _bounds(metadata))
    if annotation is float:
        return ("float", None)
    if get_origin(annotation) is list:
        args = get_args(annotation)
        inner = _entry(args[0], metadata) if args else None
        return ("list", inner) if inner else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return ("model", annotation)
    return None


@cache
def plan(model: type[BaseModel]) -> dict[str, Entry]:
    """Field name (and alias) -> what its value must be, for the fields that hold numbers."""
    found: dict[str, Entry] = {}
    for name, info in model.model_fields.items():
        entry = _entry(info.annotation, list(info.metadata))
        if entry is None:
            continue
        found[name] = entry
        for alias in (info.alias, *getattr(info.validation_alias, "choices", ())):
            if isinstance(alias, str):
                found[alias] = entry
    return found


def check(model: type[BaseModel], raw: Any, where: str = "") -> None:
    """Raise ``NumberProblem`` for the first boolean or out-of-range integer in ``raw``."""
    if not isinstance(raw, dict):
        return
    for name, entry in plan(model).items():
        if name in raw and raw[name] is not None:
            _check(entry, raw[name], f"{where}.{name}" if where else name)


def _check(entry: Entry, value: Any, where: str) -> None:
    kind, detail = entry
    if kind == "model":
        check(detail, value, where)
    elif kind == "list":
        if isinstance(value, list):
            for index, item in enumerate(value):
                if item is not None:
                    _check(detail, item, f"{where}[{index}]")
    elif isinstance(value, bool) or (isinstance(value, str) and "_" in value):
        # pydantic reads "1_000" as Python does; the platform's number parsers do not
        raise NumberProblem(f"{where} should be {'an integer' if kind == 'int' else 'a number'}")
    elif kind == "int":
        number = _integer(value)
        low, high = detail
        if number is not None and not low <= number <= high:
            raise NumberProblem(f"{where} should be from {low} to {high}")


def _integer(value: Any) -> int | None:
    """The integer pydantic would make of ``value``, or None when it would refuse it anyway."""
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        # JSON integers past 64 bits reach us as floats (orjson), rounded: -2**63 - 1 reads as
        # -2**63, so a float this large is out of every range whatever it rounds to
        return int(value) if abs(value) < 2**63 else INT64[1] + 1
    if isinstance(value, str):
        text = value.strip()
        digits = text[1:] if text[:1] in "+-" else text
        whole, point, fraction = digits.partition(".")
        if point and whole and fraction.strip("0") == "":
            # "12.0": pydantic takes a whole number written with a zero fraction
            text, digits = text[: len(text) - len(point + fraction)], whole
        if digits.isascii() and digits.isdigit():
            # past 20 digits it is out of every range; int() of thousands of digits would raise
            return int(text) if len(digits) <= 20 else (INT64[0] - 1 if text.startswith("-") else INT64[1] + 1)
    return None


# -- the compiled plan of a simple request model -------------------------------------------------
#
# Most light calls declare a few plain parameters: ids, counts, flags, a status string, a list of
# ids, in a body a list of small objects of those. For them the general path (group the query's
# pairs, walk the text and number rules, then let pydantic coerce text) costs more than the
# call's own work. A ``Plan`` reads exactly the inputs whose outcome it can tell without that
# machinery: digits within range, ``true`` and ``false``, strings from input with nothing to
# unquote or check, comma-joined digits, and JSON bodies whose values have the declared types
# (checked by the model's own validator in strict mode). For such input the general path would
# accept the same values; anything else (a value out of range, a missing required field, another
# spelling, a repeated or bracketed key) makes the plan answer None, and the general path then
# runs as before, so every refusal keeps its exact message.

INT, STR, JOINED, BOOL, INT_LIST, MODEL_LIST = range(6)
_MAX_DIGITS = 18  # below 10**18: within every integer range's reach, so only its bounds decide
_BOOLS = {"true": True, "false": False}

# (name, kind, low, high, required, plan of a MODEL_LIST's items)
PlanField = tuple[str, int, int, int, bool, "Plan | None"]


class Plan:
    """How to read one request model's parameters directly; see the comment above."""

    __slots__ = ("model", "fields", "reads_text", "query", "build")

    def __init__(self, model: type[BaseModel], fields: tuple[PlanField, ...]) -> None:
        self.model = model
        if not model.__pydantic_complete__:
            model.model_rebuild()
        # the model from values the plan read: its validator itself, without ``model_validate``'s
        # Python frame and keyword handling around it (half the cost for a small model)
        self.build: Callable[..., BaseModel] = model.__pydantic_validator__.validate_python
        self.fields = fields
        # the body's text check is needed for its strings, and for whatever nested objects hold
        # beyond their declared fields (the general path checks those too)
        self.reads_text = any(kind in (STR, JOINED, MODEL_LIST) for _, kind, *_ in fields)
        self.query = all(kind != MODEL_LIST for _, kind, *_ in fields)  # objects come in bodies only

    def from_query(self, last: Mapping[str, str], plain: bool) -> dict[str, Any] | None:
        """The values of a query the plan can read, or None for the general path: ``last`` holds
        each name's value (a query with none repeated, none bracketed), ``plain`` says that no
        value can break the text rules."""
        if not self.query or (self.reads_text and not plain):
            return None
        values: dict[str, Any] = {}
        for name, kind, low, high, required, _ in self.fields:
            raw = last.get(name)
            if raw is None:
                if required:
                    return None
                continue
            value: Any
            if kind == INT:
                if not (raw.isdigit() and raw.isascii()) or len(raw) > _MAX_DIGITS:
                    return None
                value = int(raw)
                if not low <= value <= high:
                    return None
            elif kind == INT_LIST:
                # every part digits, none empty, none too long: checked on the whole at once
                parts = raw.split(",")
                digits = raw.replace(",", "")
                if not (digits.isdigit() and digits.isascii()) or "" in parts or max(map(len, parts)) > _MAX_DIGITS:
                    return None
                value = list(map(int, parts))
                if min(value) < low or max(value) > high:
                    return None
            elif kind == BOOL:
                value = _BOOLS.get(raw)
                if value is None:
                    return None
            elif kind == JOINED and raw.lstrip().startswith("["):
                return None
            else:
                value = raw
            values[name] = value
        return values

    def from_body(self, body_params: Any) -> BaseModel | None:
        """The request model of a JSON body, or None for the general path: the model's own
        validator in strict mode takes exactly what the plan's kinds allow (an int that is not a
        bool and within range, a str, a bool, lists of those and of plain objects) and refuses
        the rest, in one pass in pydantic's core; the body still needs its text check when the
        plan ``reads_text``."""
        try:
            return self.build(body_params, strict=True)
        except ValidationError:  # the general path words the refusal, or takes what lax reading allows
            return None


def compile_plan(
    model: type[BaseModel], list_params: frozenset[str], joined_params: frozenset[str], nested: bool = False
) -> Plan | None:
    """The model's plan, or None when any of its fields is beyond what a plan reads (floats,
    constrained strings or lists, aliases, defaults other than None, objects other than lists
    of plain ones) or the model has validators of its own, which could see the plan's typed
    values differently from text. ``nested``: the model of a list's items, read in bodies only."""
    decorators = model.__pydantic_decorators__
    if any((decorators.validators, decorators.field_validators, decorators.root_validators, decorators.model_validators)):
        return None
    config = model.model_config
    if config.get("extra", "ignore") != "ignore" or config.get("strict"):
        return None
    fields: list[PlanField] = []
    for name, info in model.model_fields.items():
        if info.alias or info.validation_alias:
            return None
        required = info.is_required()
        if not required and info.default is not None:
            return None
        found = _plan_kind(info.annotation, list(info.metadata))
        if found is None:
            return None
        kind, low, high, items = found
        if not nested and (kind in (INT_LIST, MODEL_LIST)) != (name in list_params):
            return None
        if kind == STR and name in joined_params:
            kind = JOINED
        fields.append((name, kind, low, high, required, items))
    return Plan(model, tuple(fields))


def _plan_kind(annotation: Any, metadata: list[Any]) -> tuple[int, int, int, Plan | None] | None:
    unwrapped = _unwrapped(annotation, metadata)
    if unwrapped is None:
        return None
    annotation, metadata = unwrapped
    if annotation is int:
        bounds = _int_bounds(metadata)
        return None if bounds is None else (INT, *bounds, None)
    if metadata:
        return None
    if annotation is bool:
        return BOOL, 0, 0, None
    if annotation is str:
        return STR, 0, 0, None
    if get_origin(annotation) is list:
        args = get_args(annotation)
        if not args:
            return None
        inner = args[0]
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            items = compile_plan(inner, frozenset(), frozenset(), nested=True)
            return None if items is None else (MODEL_LIST, 0, 0, items)
        found = _plan_kind(inner, [])
        return (INT_LIST, found[1], found[2], None) if found is not None and found[0] == INT else None
    return None


def _int_bounds(metadata: list[Any]) -> tuple[int, int] | None:
    """The range this module and pydantic both enforce, when the metadata says nothing else."""
    low, high = INT64
    for item in metadata:
        if isinstance(item, annotated_types.Ge) and type(item.ge) is int:
            low = max(low, item.ge)
        elif isinstance(item, annotated_types.Le) and type(item.le) is int:
            high = min(high, item.le)
        else:
            return None
    return low, high
