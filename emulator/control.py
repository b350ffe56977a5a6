"""The control plane at ``/_emulator/...``: the local stand-in for the Open Platform Console.

JSON in, JSON out. Errors answer ``{"error": ..., "message": ...}`` with a 4xx status. When the
server is bound beyond loopback, every control call must carry the ``X-Emulator-Token`` header.
Domains add their own routes (orders, returns, pushes) through ``control_routes()``.
"""
from __future__ import annotations

import functools
import hmac
import logging
import math
from typing import Any, Awaitable, Callable
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route

from emulator import __version__, render, signing
from emulator import text as characters
from emulator.domains.auth.pages import AUTH_PATH
from emulator.edge import state_change_problem
from emulator.errors import ShopeeError
from emulator.faults import COMMON_ERROR, DEFAULT_HTTP_STATUS, named_effect
from emulator.limits import KEYS as LIMIT_KEYS
from emulator.spec import common_errors
from emulator.pipeline import body_not_received, read_body
from emulator.store import JournalError

TOKEN_HEADER = "x-emulator-token"
# 9999-12-31T23:59:59Z: past it, timestamps no longer convert to dates anywhere in the emulator
MAX_TIMESTAMP = 253_402_300_799
MAX_FAULT_EFFECTS = 1000
log = logging.getLogger(__name__)


class ControlError(Exception):
    """A control-plane request that cannot be carried out."""

    def __init__(self, message: str, status: int = 400, error: str = "bad_request") -> None:
        super().__init__(message)
        self.message, self.status, self.error = message, status, error


def control(fn: Callable[[Request], Awaitable[Any]]) -> Callable[[Request], Awaitable[Response]]:
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
            _check_query(request)
            result = await fn(request)
            return result if isinstance(result, Response) else render.response(result)
        except ControlError as exc:
            return render.response({"error": exc.error, "message": exc.message}, exc.status)
        except ShopeeError as exc:
            return render.response({"error": exc.error, "message": exc.message}, 400)
        except ClientDisconnect:
            return body_not_received(request, lambda exc: render.response({"error": "request_timeout", "message": exc.message}, 408))
        except JournalError as exc:  # the data file refused the write, which was undone
            log.error("%s refused: %s", request.url.path, exc)
            return render.response({"error": "error_server", "message": "Something wrong. Please try later."}, 500)
        except Exception:  # a bug: logged, and answered as JSON rather than a bare traceback page
            log.exception("unexpected failure in %s", request.url.path)
            return render.response({"error": "error_server", "message": "Something wrong. Please try later."}, 500)

    return endpoint


# Whole-state snapshots are the largest control bodies: about 1 KB per order, so this allows some
# hundreds of thousands of orders while still bounding what one request may make the server hold.
MAX_CONTROL_BODY_BYTES = 256 * 1024 * 1024


def _check_query(request: Request) -> None:
    for key, value in request.query_params.multi_items():
        problem = characters.first_problem({key: value})
        if problem:
            raise ControlError(problem)


async def json_body(request: Request, *, names: bool = True) -> dict[str, Any]:
    """The body as a JSON object whose strings follow ``emulator.text``'s rules; ``names=False``
    (snapshots: data as stored, names of older versions included) only asks that it be renderable."""
    try:
        raw = await read_body(request, MAX_CONTROL_BODY_BYTES)
    except ShopeeError:
        raise ControlError(f"request body is larger than {MAX_CONTROL_BODY_BYTES} bytes", 413, "payload_too_large") from None
    if not raw.strip():
        return {}
    try:
        body = render.loads(raw)
    except ValueError:  # bad JSON, bad UTF-8, nesting too deep, or a surrogate or NaN (named below)
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
    except (ValueError, RecursionError):
        return "request body is not valid JSON"
    found = (characters.first_problem(lenient) if names else None) or render.unrenderable(lenient)
    return found or "request body is not valid JSON"


# Every control-plane number is an id, a count, an amount or seconds: none needs more than 64 bits,
# and anything larger would be stored where no answer could render it.
MAX_NUMBER = 2**63 - 1


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


def _check_target(timestamp: float) -> None:
    if timestamp > MAX_TIMESTAMP:
        raise ControlError(f"the clock cannot go past {MAX_TIMESTAMP} (the end of year 9999)")


def _emulator(request: Request) -> Any:
    return request.app.state.emulator


async def health(request: Request) -> Response:
    """Readiness for CI and compose files: status, version, world and the virtual now.

    Open without the control token: it tells nothing a caller could use.
    """
    emulator = _emulator(request)
    return render.response({"status": "ok", "version": __version__, "world": emulator.world["name"], "now": emulator.clock.now()})


@control
async def credentials(request: Request) -> dict[str, Any]:
    """The default partner (partner_id, partner_key) and every shop with a ready access and refresh token."""
    emulator = _emulator(request)
    partner = emulator.auth.default_partner()
    shops = []
    with emulator.transaction():
        for shop in emulator.shops.all_shops():
            tokens = emulator.auth.ready_tokens(shop["shop_id"])
            shops.append(
                {
                    "shop_id": shop["shop_id"],
                    "kind": shop["kind"],
                    "mart_shop_id": shop["mart_shop_id"],
                    "shop_name": shop["shop_name"],
                    "region": shop["region"],
                    "access_token": tokens["access_token"],
                    "refresh_token": tokens["refresh_token"],
                }
            )
    accounts = [
        {"main_account_id": a["main_account_id"], "shop_id_list": a["shop_ids"]} for a in emulator.auth.main_accounts()
    ]
    return {
        "partner_id": partner["partner_id"],
        "partner_key": partner["partner_key"],
        "shops": shops,
        "main_accounts": accounts,
    }


def clock_view(emulator: Any) -> dict[str, Any]:
    return {"now": emulator.clock.now(), "mode": emulator.clock.mode, "pending_jobs": emulator.scheduler.pending()}


@control
async def clock(request: Request) -> dict[str, Any]:
    """The virtual clock: now, mode and the jobs waiting on it."""
    return clock_view(_emulator(request))


@control
async def clock_advance(request: Request) -> dict[str, Any]:
    """Move the clock forward by ``seconds``, running everything that falls due, in order."""
    body = await json_body(request)
    seconds = number(body, "seconds", bounded=False)  # _check_target bounds it
    if seconds < 0:
        raise ControlError("seconds must not be negative: time only moves forward")
    emulator = _emulator(request)
    _check_target(emulator.clock.now_float() + seconds)
    # off the event loop: pushes go out after the clock moves, and their receiver may call back
    ran = await run_in_threadpool(emulator.advance, seconds)
    return {**clock_view(emulator), "jobs_run": ran}


@control
async def clock_set(request: Request) -> dict[str, Any]:
    """Move the clock forward to ``timestamp``, running everything that falls due, in order."""
    body = await json_body(request)
    timestamp = number(body, "timestamp", bounded=False)  # _check_target bounds it
    emulator = _emulator(request)
    if timestamp < emulator.clock.now():  # the current second is now (see Emulator.set_time)
        raise ControlError("timestamp is in the past: time only moves forward")
    _check_target(timestamp)
    ran = await run_in_threadpool(emulator.set_time, timestamp)
    return {**clock_view(emulator), "jobs_run": ran}


@control
async def reset(request: Request) -> dict[str, Any]:
    """Back to the world as loaded."""
    emulator = _emulator(request)
    emulator.reset()
    return {"reset": True, **clock_view(emulator)}


@control
async def snapshot(request: Request) -> Any:
    """Export (GET) or import (POST) the whole state."""
    emulator = _emulator(request)
    if request.method == "GET":
        return emulator.snapshot()
    body = await json_body(request, names=False)
    previous = emulator.snapshot()
    try:
        emulator.import_snapshot(body)
        summary = world_summary(emulator)  # reads every shop: a malformed one fails here, not later
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        emulator.import_snapshot(previous)
        raise ControlError(f"not a snapshot: {exc}") from None
    return {"imported": True, **summary}


def world_summary(emulator: Any) -> dict[str, Any]:
    store = emulator.store
    marts = []
    for mart in emulator.shops.marts():
        marts.append(
            {
                "shop_id": mart["shop_id"],
                "shop_name": mart["shop_name"],
                "outlets": [{"shop_id": o["shop_id"], "shop_name": o["shop_name"]} for o in emulator.shops.outlets_of(mart["shop_id"])],
            }
        )
    counts = {name: store.count(name) for name in ("items", "orders", "returns")}
    return {"world": emulator.world["name"], "region": emulator.world["region"], "seed": emulator.seed, "marts": marts, "counts": counts}


@control
async def world(request: Request) -> dict[str, Any]:
    """The shops and counts of items, orders and returns."""
    return world_summary(_emulator(request))


@control
async def create_shops(request: Request) -> dict[str, Any]:
    """Create a further Mart with ``outlets`` Outlets (needs Sandbox V2 and the Mart & Outlet whitelist)."""
    body = await json_body(request)
    emulator = _emulator(request)
    outlets = whole_number(body, "outlets", 0, 50, default=1)
    partner_id = number(body, "partner_id", required=False, default=emulator.auth.default_partner()["partner_id"])
    main_account = flag(body, "main_account", True)
    brand = body.get("brand")
    if brand is not None and not isinstance(brand, str):
        raise ControlError("brand must be a string")
    with emulator.transaction():
        mart = emulator.shops.create_mart(int(partner_id), brand, outlets, main_account)
    return {
        "mart_shop_id": mart["shop_id"],
        "outlet_shop_ids": mart["outlet_shop_ids"],
        "main_account_id": mart["main_account_id"],
    }


@control
async def partner(request: Request) -> dict[str, Any]:
    """The app's whitelist switches: ``sandbox_v2``, ``mart_outlet_whitelist``."""
    emulator = _emulator(request)
    current = emulator.auth.default_partner()
    if request.method == "GET":
        return {k: v for k, v in current.items() if k != "partner_key"}
    body = await json_body(request)
    flags = {}
    for key in ("sandbox_v2", "mart_outlet_whitelist"):
        if key in body:
            if not isinstance(body[key], bool):
                raise ControlError(f"{key} must be true or false")
            flags[key] = body[key]
    sandbox = flags.get("sandbox_v2", current.get("sandbox_v2"))
    if flags.get("mart_outlet_whitelist") and not sandbox:
        raise ControlError("Sandbox V2 must be enabled before the Mart & Outlet shop whitelist")
    if sandbox is False:
        flags["mart_outlet_whitelist"] = False
    with emulator.transaction():
        doc = emulator.auth.set_flags(current["partner_id"], **flags)
    return {k: v for k, v in doc.items() if k != "partner_key"}


@control
async def auth_link(request: Request) -> dict[str, Any]:
    """A freshly signed authorization link, redirecting to ``redirect``."""
    emulator = _emulator(request)
    partner_doc = emulator.auth.default_partner()
    redirect = request.query_params.get("redirect", "http://127.0.0.1/callback")
    timestamp = int(emulator.clock.now_float())
    base = signing.base_string(partner_doc["partner_id"], AUTH_PATH, timestamp)
    query = urlencode(
        {"partner_id": partner_doc["partner_id"], "timestamp": timestamp, "sign": signing.sign(partner_doc["partner_key"], base), "redirect": redirect}
    )
    return {"url": f"{request.base_url}{AUTH_PATH.lstrip('/')}?{query}"}


@control
async def events(request: Request) -> dict[str, Any]:
    """Recent domain events, optionally of one ``name``."""
    emulator = _emulator(request)
    name = request.query_params.get("name")
    found = [e for e in emulator.bus.recent if name is None or e.name == name]
    return {"events": [{"name": e.name, "shop_id": e.shop_id, "timestamp": e.timestamp, "data": e.data} for e in found]}


@control
async def calls(request: Request) -> dict[str, Any]:
    """Recent API calls."""
    return {"calls": list(_emulator(request).calls)}


@control
async def faults(request: Request) -> dict[str, Any]:
    """Fault rules that make chosen calls fail: list (GET), add (POST), clear (DELETE)."""
    emulator = _emulator(request)
    if request.method == "DELETE":
        emulator.faults.clear()
        return {"faults": []}
    if request.method == "POST":
        body = await json_body(request)
        operation = body.get("operation")
        if not isinstance(operation, str) or not (operation == "*" or operation in emulator.registry.by_name):
            raise ControlError("operation must be a known API name such as v2.product.update_stock, or *")
        effects = body.get("effects")
        if effects is None:
            error = {k: body[k] for k in ("common_error", "error", "message", "http_status") if k in body}
            effects = [error or {"error": "error_server"}] * whole_number(body, "times", 1, MAX_FAULT_EFFECTS, default=1)
        _check_effects(effects)
        shop_id = None if body.get("shop_id") is None else whole_number(body, "shop_id", 1, 2**63 - 1)
        emulator.faults.add(operation, effects, shop_id, flag(body, "repeat_last", False))
    return {"faults": [rule.describe() for rule in emulator.faults.rules]}


def _check_effects(effects: Any) -> None:
    """Refuse a bad effect now: found when a call matches, it would turn that call into a 500."""
    shape = 'effects must be a list of at most 1000 "pass" or {"error", "message", "http_status"}'
    if not isinstance(effects, list) or not 0 < len(effects) <= MAX_FAULT_EFFECTS:
        raise ControlError(shape)
    for effect in effects:
        if effect == "pass":
            continue
        if not isinstance(effect, dict) or not all(isinstance(effect.get(k, ""), str) for k in ("error", "message")):
            raise ControlError(shape)
        if COMMON_ERROR in effect:
            if "error" in effect or "message" in effect:
                raise ControlError("give common_error or error/message, not both")
            try:
                named_effect(effect[COMMON_ERROR])
            except ValueError as exc:
                raise ControlError(str(exc)) from None
        status = effect.get("http_status", DEFAULT_HTTP_STATUS)
        if isinstance(status, bool) or not isinstance(status, int) or not 200 <= status <= 599:
            raise ControlError("http_status must be a whole number from 200 to 599")


MAX_LIMIT = 10**9


def _limit_values(body: dict[str, Any], current: dict[str, Any], where: str = "") -> dict[str, int | None]:
    """The two limit settings from ``body``: a key left out keeps ``current``, null or 0 is off."""
    out: dict[str, int | None] = {}
    for key in LIMIT_KEYS:
        if key not in body:
            out[key] = current.get(key)
            continue
        if body[key] is None:
            out[key] = None
            continue
        try:
            value = whole_number(body, key, 0, MAX_LIMIT)
        except ControlError:
            raise ControlError(f"{where}{key} must be null or a whole number from 0 to {MAX_LIMIT}") from None
        out[key] = value or None
    return out


def set_limits(emulator: Any, body: dict[str, Any]) -> dict[str, Any]:
    """Apply a ``/_emulator/limits`` body (scenarios use it too); answers the partner's settings."""
    unknown = sorted(set(body) - {"partner_id", "apis", *LIMIT_KEYS})
    if unknown:
        raise ControlError(f"unknown key {unknown[0]!r} (allowed: partner_id, rate_limit_per_second, daily_call_limit, apis)")
    partner_id = _limits_partner(emulator, body.get("partner_id"))
    current = emulator.limits.settings(partner_id)
    apis = dict(current.apis)
    given = body.get("apis")
    if given is not None:
        if not isinstance(given, dict):
            raise ControlError('apis must be an object: {"v2.product.update_stock": {"rate_limit_per_second": 1}}')
        for name, values in given.items():
            if name not in emulator.registry.by_name:
                raise ControlError(f"apis: {name!r} is not a known API name")
            if not isinstance(values, dict):
                raise ControlError(f"apis.{name} must be an object of rate_limit_per_second and daily_call_limit")
            apis[name] = _limit_values(values, apis.get(name, {}), f"apis.{name}.")
    top = _limit_values(body, current.describe())
    emulator.limits.configure(partner_id, top["rate_limit_per_second"], top["daily_call_limit"], apis)
    return _limits_answer(emulator, partner_id)


def _limits_partner(emulator: Any, value: Any) -> int:
    if value is None:
        return int(emulator.auth.default_partner()["partner_id"])
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)  # from the query string
    partner_id = whole_number({"partner_id": value}, "partner_id", 1, 2**63 - 1)
    if emulator.auth.partner(partner_id) is None:
        raise ControlError("no such partner_id", status=404, error="not_found")
    return int(partner_id)


def _limits_answer(emulator: Any, partner_id: int) -> dict[str, Any]:
    now = emulator.clock.now_float()
    return {"partner_id": partner_id, **emulator.limits.settings(partner_id).describe(),
            "calls_today": emulator.limits.calls_today(partner_id, now)}


@control
async def limits(request: Request) -> dict[str, Any]:
    emulator = _emulator(request)
    if request.method == "POST":
        return set_limits(emulator, await json_body(request))
    return _limits_answer(emulator, _limits_partner(emulator, request.query_params.get("partner_id")))


@control
async def common_error_names(request: Request) -> dict[str, Any]:
    """The platform's common errors, by the name a fault rule injects them with."""
    return {"common_errors": [vars(e) for e in common_errors().values()]}


@control
async def resend_code(request: Request) -> dict[str, Any]:
    """A resend code for ``shop_id``."""
    body = await json_body(request)
    emulator = _emulator(request)
    shop = emulator.shops.find(int(number(body, "shop_id")))
    if shop is None:
        raise ControlError("no such shop_id", status=404, error="not_found")
    with emulator.transaction():
        code = emulator.auth.issue_resend_code(shop["partner_id"], shop["shop_id"])
    return {"resend_code": code, "shop_id": shop["shop_id"]}


@control
async def auth_done(request: Request) -> dict[str, Any]:
    """Where the banner's authorization link lands: shows what a partner's callback receives."""
    return {"received": dict(request.query_params), "next": "POST /api/v2/auth/token/get with this code"}


def routes(domain_routes: list[Route]) -> list[Route]:
    # imported here: scenarios drive the app, which imports this module
    from emulator.scenarios.control import load_scenario_route

    return [
        Route("/_emulator/health", health, methods=["GET"]),
        Route("/_emulator/credentials", credentials, methods=["GET"]),
        Route("/_emulator/clock", clock, methods=["GET"]),
        Route("/_emulator/clock/advance", clock_advance, methods=["POST"]),
        Route("/_emulator/clock/set", clock_set, methods=["POST"]),
        Route("/_emulator/reset", reset, methods=["POST"]),
        Route("/_emulator/snapshot", snapshot, methods=["GET", "POST"]),
        Route("/_emulator/world", world, methods=["GET"]),
        Route("/_emulator/shops", create_shops, methods=["POST"]),
        Route("/_emulator/partner", partner, methods=["GET", "POST"]),
        Route("/_emulator/auth_link", auth_link, methods=["GET"]),
        Route("/_emulator/auth_done", auth_done, methods=["GET"]),
        Route("/_emulator/resend_code", resend_code, methods=["POST"]),
        Route("/_emulator/events", events, methods=["GET"]),
        Route("/_emulator/calls", calls, methods=["GET"]),
        Route("/_emulator/faults", faults, methods=["GET", "POST", "DELETE"]),
        Route("/_emulator/common_errors", common_error_names, methods=["GET"]),
        Route("/_emulator/limits", limits, methods=["GET", "POST"]),
        Route("/_emulator/scenario", load_scenario_route, methods=["POST"]),
        *domain_routes,
    ]
