"""Turning a request's query string or body into validated parameters."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote_plus

from pydantic import BaseModel, ValidationError

from emulator import numbers, render
from emulator.context import Query
from emulator import text as characters
from emulator.errors import INVALID_JSON, ParamError, wrong_parameters

COMMON = frozenset({"partner_id", "timestamp", "sign", "access_token", "shop_id", "merchant_id"})

# Bytes through which a string could break the text rules (``emulator.text``): anything beyond
# printable ASCII, and the escapes that could spell such a character (JSON's backslash, the
# query's percent). A JSON body may hold tab, line feed and carriage return between its tokens
# only (orjson refuses them raw inside a string). Input without any of these needs no walk.
# Each is kept as the bytes that carry no such risk: ``bytes.translate`` deleting them leaves
# nothing of safe input, several times faster than a regular expression's search for the rest.
_SAFE_BODY = bytes(b for b in range(256) if b in b"\t\n\r" or 0x20 <= b <= 0x7E and b != 0x5C)
_SAFE_QUERY = bytes(b for b in range(256) if 0x20 <= b <= 0x7E and b != 0x25)


def plain_body(body: bytes) -> bool:
    """Whether no string in this JSON body can break the text rules (see ``_SAFE_BODY``)."""
    return not body.translate(None, _SAFE_BODY)


def _key(raw: str) -> str:
    """``ids[]`` and ``ids[0]`` (how some HTTP libraries send arrays) both mean ``ids``."""
    return raw.split("[", 1)[0] if raw.endswith("]") and "[" in raw else raw


def _list_value(values: list[str]) -> list[Any]:
    if len(values) != 1:
        return values
    text = values[0].strip()
    if text.startswith("["):
        try:
            parsed = render.loads(text)
        except ValueError:
            # Python's repr of a list (some clients send str(list) unencoded): ['a', 'b']
            parsed = [part.strip().strip("'\"") for part in text.strip("[]").split(",") if part.strip()]
        return parsed if isinstance(parsed, list) else [parsed]
    if text == "":
        return []
    return [part.strip() for part in text.split(",")]


class ParsedQuery:
    """A query string's pairs, read as the pipeline reads them (``Query``): the last value of a
    name, or every pair in order. Starlette's ``QueryParams`` checked and copied every pair twice,
    a third of a light call's query handling."""

    __slots__ = ("_pairs", "last", "plain", "simple", "undecodable")

    def __init__(
        self, pairs: list[tuple[str, str]], plain: bool = False, bracketed: bool = True,
        undecodable: frozenset[str] = frozenset(),
    ) -> None:
        self._pairs = pairs
        self.last = dict(pairs)
        self.plain = plain  # no value can break the text rules: printable ASCII, nothing unquoted
        # each name once, none of them spelled ``ids[]``: the last value is the only one (``Plan``)
        self.simple = not bracketed and len(self.last) == len(pairs)
        # names (as ``_key`` reads them) whose escapes spell bytes that are not UTF-8: their values
        # hold U+FFFD where those bytes were, so a declared one is refused (``undecodable_param``)
        self.undecodable = undecodable

    def undecodable_param(self, declared: frozenset[str]) -> str | None:
        """The first declared parameter sent as bytes that are not UTF-8 (``caf%E9``), or None."""
        return next((name for name in map(_key, self.last) if name in self.undecodable and name in declared), None)

    def get(self, key: str, default: str | None = None) -> str | None:
        return self.last.get(key, default)

    def multi_items(self) -> list[tuple[str, str]]:
        return list(self._pairs)


def parse_query(raw: bytes) -> ParsedQuery:
    """What ``QueryParams(raw)`` gives, in about a third of the time: signed calls carry long
    plain values (sign, access_token) that need no unquoting, so only parts with ``%`` or ``+``
    get it."""
    plain = not raw.translate(None, _SAFE_QUERY)
    text = raw.decode("latin-1")
    if plain and "+" not in text:
        # nothing to unquote anywhere (plain input holds no %): one comprehension instead of a
        # loop with a branch per part; ``[::2]`` of a partition is its (key, value)
        pairs: list[tuple[str, str]] = [part.partition("=")[::2] for part in text.split("&") if part]
        return ParsedQuery(pairs, True, "]" in text)
    pairs = []
    undecodable: set[str] = set()
    for part in text.split("&"):
        if not part:
            continue
        key, _, value = part.partition("=")
        if "%" in part or "+" in part:
            key, key_ok = _unquote(key)
            value, value_ok = _unquote(value)
            if not (key_ok and value_ok):
                undecodable.add(_key(key))
        pairs.append((key, value))
    return ParsedQuery(pairs, plain, any(key.endswith("]") for key, _ in pairs), frozenset(undecodable))


def _unquote(text: str) -> tuple[str, bool]:
    """``unquote_plus``, and whether the bytes its escapes spell are UTF-8 (if not, U+FFFD
    stands for them). The comma of joined lists (``1%2C2``) is put back first: an ASCII
    character stands alone in UTF-8, so unquoting it before the rest changes nothing, and a
    list of 50 ids is one replace instead of 49 escapes decoded one by one."""
    text = text.replace("%2C", ",").replace("%2c", ",")
    if "%" not in text and "+" not in text:
        return text, True
    try:
        return unquote_plus(text, errors="strict"), True
    except UnicodeDecodeError:
        return unquote_plus(text), False


def _joined_value(values: list[str]) -> str:
    """A comma-joined string parameter sent as a list (repeated keys, JSON or Python repr)."""
    if len(values) == 1 and not values[0].strip().startswith("["):
        return values[0]
    return ",".join(str(part) for part in _list_value(values))


def from_query(
    query: Query,
    list_params: frozenset[str],
    joined_params: frozenset[str] = frozenset(),
    declared: frozenset[str] | None = None,
) -> dict[str, Any]:
    """The query's parameters (only the ``declared`` ones, when given), lists and joined
    strings in the forms clients send them."""
    grouped: dict[str, list[str]] = {}
    for raw_key, value in query.multi_items():
        key = _key(raw_key)
        if declared is None or key in declared:
            grouped.setdefault(key, []).append(value)
    params: dict[str, Any] = {}
    for key, values in grouped.items():
        if key in list_params:
            params[key] = _list_value(values)
        elif key in joined_params:
            params[key] = _joined_value(values)
        else:
            params[key] = values[0]
    return params


def from_json_body(body: bytes) -> dict[str, Any]:
    if not body.strip():
        return {}
    try:
        parsed = render.loads(body)
    except render.NestingError as exc:
        raise wrong_parameters(f"request body {exc}") from None
    except ValueError:  # bad JSON, bad UTF-8, or JSON the stdlib reads leniently
        raise _json_problem(body) from None
    if not isinstance(parsed, dict):
        raise ParamError(INVALID_JSON)
    return parsed


def _json_problem(body: bytes) -> ParamError:
    """Name the field when the body is JSON but for a lone surrogate, NaN or an infinity."""
    try:
        lenient = render.loads_lenient(body)
    except render.NestingError as exc:
        return wrong_parameters(f"request body {exc}")
    except ValueError:
        return ParamError(INVALID_JSON)
    problem = characters.first_problem(lenient) or render.unrenderable(lenient)
    return wrong_parameters(problem) if problem else ParamError(INVALID_JSON)


def _location(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "body"


_KINDS = {
    "finite_number": "a finite number",  # NaN or an infinity sent as a string ("NaN", "1e309")
    "int": "an integer",
    "float": "a number",
    "decimal": "a number",
    "bool": "a boolean",
    "string": "a string",
    "list": "an array",
    "dict": "an object",
    "model": "an object",
}


# pydantic's constraint errors in the platform's words (``page_size should be at most 100``)
_BOUNDS = {
    "greater_than_equal": ("at least", "ge"),
    "greater_than": ("greater than", "gt"),
    "less_than_equal": ("at most", "le"),
    "less_than": ("less than", "lt"),
}
_LENGTHS = {
    "too_short": ("at least", "min_length", "items"),
    "too_long": ("at most", "max_length", "items"),
    "string_too_short": ("at least", "min_length", "characters"),
    "string_too_long": ("at most", "max_length", "characters"),
}


def describe(error: Mapping[str, Any]) -> str:
    where = _location(tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-"))))
    kind = error["type"]
    if kind == "missing":
        return f"{where} is required"
    bound = _BOUNDS.get(kind)
    if bound is not None:
        phrase, key = bound
        return f"{where} should be {phrase} {(error.get('ctx') or {}).get(key)}"
    if kind in _LENGTHS:
        phrase, key, unit = _LENGTHS[kind]
        return f"{where} should have {phrase} {(error.get('ctx') or {}).get(key)} {unit}"
    if kind in ("literal_error", "enum"):
        return f"{where} should be {(error.get('ctx') or {}).get('expected')}"
    for prefix, label in _KINDS.items():
        if kind.startswith(prefix):
            return f"{where} should be {label}"
    return f"{where}: {error['msg']}"


def validate(model: type[BaseModel], params: dict[str, Any], plain: bool = False) -> BaseModel:
    """The request model of ``params``, after the checks lax coercion would skip: text that is
    valid Unicode without control characters (stricter in names), numbers that are not booleans
    and integers within their type's range (see ``emulator.text`` and ``emulator.numbers``).

    ``plain``: the input they came from is printable ASCII without escapes (``plain_body``,
    ``ParsedQuery.plain``), so no string in them can break the text rules."""
    problem = None if plain else characters.first_problem(params)
    if problem:
        raise wrong_parameters(problem)
    try:
        numbers.check(model, params)
    except numbers.NumberProblem as exc:
        raise wrong_parameters(str(exc)) from None
    try:
        return model.model_validate(params)
    except ValidationError as exc:
        raise wrong_parameters(describe(exc.errors(include_url=False)[0])) from None
