"""What every control-plane endpoint shares: one call's inputs, JSON bodies, numbers, errors.

An endpoint is ``async def name(call: ControlCall) -> data``, decorated with ``@control``. Over
HTTP the decorator checks the control token and the cross-site guards, builds the call from the
request and renders the answer; the console runs the same function with a call it builds itself
(``run``), so validation, messages and transactions are the control plane's own.

JSON in, JSON out. Errors answer ``{"error": ..., "message": ...}`` with a 4xx status. When the
server is bound beyond loopback, every control call must carry the ``X-Emulator-Token`` header.
"""
from __future__ import annotations

import functools
import hmac
import logging
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Iterable, Mapping, Sequence

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from emulator import render
from emulator import text as characters
from emulator.edge import state_change_problem
from emulator.errors import ShopeeError
from emulator.http.responses import file_response
from emulator.http.state import emulator_of
from emulator.pipeline import body_not_received, read_body
from emulator.results import FileAnswer
from emulator.store import JournalError

if TYPE_CHECKING:
    from emulator.world import Emulator

TOKEN_HEADER = "x-emulator-token"
SERVER_ERROR = "Something wrong. Please try later."
# Whole-state snapshots are the largest control bodies: about 1 KB per order, so this allows some
# hundreds of thousands of orders while still bounding what one request may make the server hold.
MAX_CONTROL_BODY_BYTES = 256 * 1024 * 1024
# Every control-plane number is an id, a count, an amount or seconds: none needs more than 64 bits,
# and anything larger would be stored where no answer could render it.
MAX_NUMBER = 2**63 - 1
log = logging.getLogger(__name__)


class ControlError(Exception):
    """A control-plane request that cannot be carried out."""

    def __init__(self, message: str, status: int = 400, error: str = "bad_request") -> None:
        super().__init__(message)
        self.message, self.status, self.error = message, status, error


class NotFoundError(ControlError):
    """The path names a shop, order, return, document or push the world does not have."""

    def __init__(self, message: str) -> None:
        super().__init__(message, status=404, error="not_found")


@dataclass
class ControlCall:
    """One control-plane call as its endpoint sees it, whether it came over HTTP or from the console."""

    emulator: "Emulator"
    method: str = "GET"
    path: str = ""
    query: Mapping[str, str] = field(default_factory=dict)
    path_params: Mapping[str, str] = field(default_factory=dict)
    base_url: str = "http://127.0.0.1/"  # where the server is reachable, ending in /
    allow_paths: Sequence[str] = ()  # directories beyond the working directory scenario files may come from
    read: Callable[[], Awaitable[bytes]] | None = None  # the raw body, read when the endpoint asks
    body: dict[str, Any] | None = None  # or the body as data, from the console


ControlFn = Callable[[ControlCall], Awaitable[Any]]
Endpoint = Callable[[Request], Awaitable[Response]]


def call_of(request: Request) -> ControlCall:
    return ControlCall(
        emulator=emulator_of(request),
        method=request.method,
        path=request.url.path,
        query=request.query_params,
        path_params=request.path_params,
        base_url=str(request.base_url),
        allow_paths=list(getattr(request.app.state, "allow_paths", None) or []),
        read=lambda: read_body(request, MAX_CONTROL_BODY_BYTES),
    )


def control(fn: ControlFn) -> Endpoint:
    """Token check, the cross-site guards (``edge.state_change_problem``), JSON rendering and
    error mapping for one control endpoint."""

    @functools.wraps(fn)  # its name and docstring describe the endpoint in /_emulator/openapi.json
    async def endpoint(request: Request) -> Response:
        expected = request.app.state.control_token
        given = request.headers.get(TOKEN_HEADER, "").encode("utf-8", "replace")  # bytes: see signing.matches
        if expected and not hmac.compare_digest(given, expected.encode("utf-8")):
            return render.response({"error": "forbidden", "message": "missing or wrong X-Emulator-Token"}, 403)
        problem = state_change_problem(request.method, request.headers)
        if problem is not None:
            status, error, message = problem
            return render.response({"error": error, "message": message}, status)
        try:
            check_query(request.query_params.multi_items())
            result = await run(fn, call_of(request))
        except ControlError as exc:
            return render.response({"error": exc.error, "message": exc.message}, exc.status)
        except ClientDisconnect:
            return body_not_received(request, lambda exc: render.response({"error": "request_timeout", "message": exc.message}, 408))
        return file_response(result) if isinstance(result, FileAnswer) else render.response(result)

    return endpoint


def action_of(endpoint: Endpoint) -> ControlFn:
    """The function behind a ``@control`` endpoint, for callers that build the call themselves."""
    fn: ControlFn = vars(endpoint)["__wrapped__"]  # set by functools.wraps in ``control``
    return fn


async def run(fn: ControlFn, call: ControlCall) -> Any:
    """``fn``'s answer, or a ControlError for any failure (a platform rule, a refused write, a bug)."""
    try:
        return await fn(call)
    except (ControlError, ClientDisconnect):
        raise
    except ShopeeError as exc:
        raise ControlError(exc.message, 400, exc.error) from None
    except JournalError as exc:  # the data file refused the write, which was undone
        log.error("%s refused: %s", call.path, exc)
        raise ControlError(SERVER_ERROR, 500, "error_server") from None
    except Exception:  # a bug: logged, and answered as JSON rather than a bare traceback page
        log.exception("unexpected failure in %s", call.path)
        raise ControlError(SERVER_ERROR, 500, "error_server") from None


def check_query(items: Iterable[tuple[str, str]]) -> None:
    for key, value in items:
        problem = characters.first_problem({key: value})
        if problem:
            raise ControlError(problem)


async def json_body(call: ControlCall, *, names: bool = True) -> dict[str, Any]:
    """The body as a JSON object whose strings follow ``emulator.text``'s rules; ``names=False``
    (snapshots: data as stored, names of older versions included) only asks that it be renderable."""
    if call.body is not None:
        problem = (characters.first_problem(call.body) if names else None) or render.unrenderable(call.body)
        if problem:
            raise ControlError(problem)
        return dict(call.body)
    try:
        raw = await call.read() if call.read is not None else b""
    except ShopeeError:
        raise ControlError(f"request body is larger than {MAX_CONTROL_BODY_BYTES} bytes", 413, "payload_too_large") from None
    if not raw.strip():
        return {}
    try:
        body = render.loads(raw)
    except render.NestingError as exc:
        raise ControlError(f"request body {exc}") from None
    except ValueError:  # bad JSON, bad UTF-8, or a surrogate or NaN (named below)
        raise ControlError(_json_problem(raw, names)) from None
    if not isinstance(body, dict):
        raise ControlError("request body must be a JSON object")
    problem = characters.first_problem(body) if names else None
    if problem:
        raise ControlError(problem)
    return body


def _json_problem(raw: bytes, names: bool) -> str:
    try:
        lenient = render.loads_lenient(raw)
    except render.NestingError as exc:
        return f"request body {exc}"
    except ValueError:
        return "request body is not valid JSON"
    found = (characters.first_problem(lenient) if names else None) or render.unrenderable(lenient)
    return found or "request body is not valid JSON"


def number(body: dict[str, Any], key: str, *, required: bool = True, default: Any = None, bounded: bool = True) -> Any:
    """A finite number (``bounded``: within 64 bits; a caller with its own, tighter bound says so)."""
    if key not in body or body[key] is None:
        if required:
            raise ControlError(f"{key} is required")
        return default
    value = body[key]
    # JSON parsing lets NaN and Infinity through; neither is a time or a count
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ControlError(f"{key} must be a number")
    if bounded and not -MAX_NUMBER <= value <= MAX_NUMBER:
        raise ControlError(f"{key} must be a number from {-MAX_NUMBER} to {MAX_NUMBER}")
    return value


def whole_number(body: dict[str, Any], key: str, low: int, high: int, default: int | None = None) -> Any:
    value = number(body, key, required=default is None, default=default)
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or not low <= value <= high:
        raise ControlError(f"{key} must be a whole number from {low} to {high}")
    return value


def flag(body: dict[str, Any], key: str, default: bool) -> bool:
    value = body.get(key, default)
    if not isinstance(value, bool):
        raise ControlError(f"{key} must be true or false")
    return value
