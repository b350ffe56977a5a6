"""The control plane's own endpoints: credentials, the clock, resets and snapshots, the world,
the partner's switches, events and calls, fault rules and limits. Domains' endpoints live beside
this module, one per domain.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from emulator import __version__, render, signing
from emulator.faults import COMMON_ERROR, DEFAULT_HTTP_STATUS, MAX_FAULT_EFFECTS, named_effect
from emulator.http.auth_pages import AUTH_PATH
from emulator.http.control.limits import limits
from emulator.http.control.summary import world_summary
from emulator.http.control.plane import (
    ControlCall, ControlError, NotFoundError, control, flag, json_body, number, whole_number,
)
from emulator.http.state import emulator_of
from emulator.clock import UnknownJobKind
from emulator.snapshots import SnapshotError
from emulator.spec import common_errors

if TYPE_CHECKING:
    from emulator.world import Emulator

# 9999-12-31T23:59:59Z: past it, timestamps no longer convert to dates anywhere in the emulator
MAX_TIMESTAMP = 253_402_300_799


def _check_target(timestamp: float) -> None:
    if timestamp > MAX_TIMESTAMP:
        raise ControlError(f"the clock cannot go past {MAX_TIMESTAMP} (the end of year 9999)")


async def health(request: Request) -> Response:
    """Readiness for CI and compose files: status, version, world and the virtual now.

    Open without the control token: it tells nothing a caller could use.
    """
    emulator = emulator_of(request)
    return render.response({"status": "ok", "version": __version__, "world": emulator.world["name"], "now": emulator.clock.now()})


@control
async def credentials(call: ControlCall) -> dict[str, Any]:
    """The default partner (partner_id, partner_key) and every shop with a ready access and refresh token."""
    emulator = call.emulator
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


def clock_view(emulator: "Emulator") -> dict[str, Any]:
    return {"now": emulator.clock.now(), "mode": emulator.clock.mode, "pending_jobs": emulator.scheduler.pending()}


@control
async def clock(call: ControlCall) -> dict[str, Any]:
    """The virtual clock: now, mode and the jobs waiting on it."""
    return clock_view(call.emulator)


@control
async def clock_advance(call: ControlCall) -> dict[str, Any]:
    """Move the clock forward by ``seconds``, running everything that falls due, in order."""
    body = await json_body(call)
    seconds = number(body, "seconds", bounded=False)  # _check_target bounds it
    if seconds < 0:
        raise ControlError("seconds must not be negative: time only moves forward")
    emulator = call.emulator
    _check_target(emulator.clock.now_float() + seconds)
    # off the event loop: pushes go out after the clock moves, and their receiver may call back
    ran = await run_in_threadpool(emulator.advance, seconds)
    return {**clock_view(emulator), "jobs_run": ran}


@control
async def clock_set(call: ControlCall) -> dict[str, Any]:
    """Move the clock forward to ``timestamp``, running everything that falls due, in order."""
    body = await json_body(call)
    timestamp = number(body, "timestamp", bounded=False)  # _check_target bounds it
    emulator = call.emulator
    if timestamp < emulator.clock.now():  # the current second is now (see Emulator.set_time)
        raise ControlError("timestamp is in the past: time only moves forward")
    _check_target(timestamp)
    ran = await run_in_threadpool(emulator.set_time, timestamp)
    return {**clock_view(emulator), "jobs_run": ran}


@control
async def reset(call: ControlCall) -> dict[str, Any]:
    """Back to the world as loaded."""
    emulator = call.emulator
    emulator.reset()
    return {"reset": True, **clock_view(emulator)}


@control
async def snapshot(call: ControlCall) -> Any:
    """Export (GET) or import (POST) the whole state."""
    emulator = call.emulator
    if call.method == "GET":
        return emulator.snapshot()
    body = await json_body(call, names=False)
    previous = emulator.snapshot()
    try:
        emulator.import_snapshot(body, copy=False)  # the parsed body is nobody else's
        summary = world_summary(emulator)  # reads every shop: a malformed one fails here, not later
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        emulator.import_snapshot(previous, copy=False)
        raise ControlError(f"not a snapshot: {_snapshot_problem(exc)}") from None
    return {"imported": True, **summary}


def _snapshot_problem(exc: Exception) -> str:
    """The checks' own words, else what failed in the emulator's words: Python's ("'shop_name'",
    "invalid literal for int()") tells a user nothing about their data."""
    if isinstance(exc, (SnapshotError, UnknownJobKind)):
        return str(exc)
    if isinstance(exc, KeyError) and exc.args:
        return f"a document lacks its {exc.args[0]} field; GET /_emulator/snapshot shows every document's fields"
    return "a document holds a value of another type than the world stores there; GET /_emulator/snapshot shows them"


@control
async def world(call: ControlCall) -> dict[str, Any]:
    """The shops and counts of items, orders and returns."""
    return world_summary(call.emulator)


@control
async def create_shops(call: ControlCall) -> dict[str, Any]:
    """Create a further Mart with ``outlets`` Outlets (needs Sandbox V2 and the Mart & Outlet whitelist)."""
    body = await json_body(call)
    emulator = call.emulator
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
async def partner(call: ControlCall) -> dict[str, Any]:
    """The app's whitelist switches: ``sandbox_v2``, ``mart_outlet_whitelist``."""
    emulator = call.emulator
    current = emulator.auth.default_partner()
    if call.method == "GET":
        return {k: v for k, v in current.items() if k != "partner_key"}
    body = await json_body(call)
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
async def auth_link(call: ControlCall) -> dict[str, Any]:
    """A freshly signed authorization link, redirecting to ``redirect``."""
    emulator = call.emulator
    partner_doc = emulator.auth.default_partner()
    redirect = call.query.get("redirect", "http://127.0.0.1/callback")
    timestamp = int(emulator.clock.now_float())
    base = signing.base_string(partner_doc["partner_id"], AUTH_PATH, timestamp)
    query = urlencode(
        {"partner_id": partner_doc["partner_id"], "timestamp": timestamp, "sign": signing.sign(partner_doc["partner_key"], base), "redirect": redirect}
    )
    return {"url": f"{call.base_url}{AUTH_PATH.lstrip('/')}?{query}"}


@control
async def events(call: ControlCall) -> dict[str, Any]:
    """Recent domain events, optionally of one ``name``."""
    emulator = call.emulator
    name = call.query.get("name")
    found = [e for e in emulator.bus.recent if name is None or e.name == name]
    return {"events": [{"name": e.name, "shop_id": e.shop_id, "timestamp": e.timestamp, "data": e.data} for e in found]}


@control
async def calls(call: ControlCall) -> dict[str, Any]:
    """Recent API calls."""
    return {"calls": list(call.emulator.calls)}


@control
async def faults(call: ControlCall) -> dict[str, Any]:
    """Fault rules that make chosen calls fail: list (GET), add (POST), clear (DELETE)."""
    emulator = call.emulator
    if call.method == "DELETE":
        emulator.faults.clear()
        return {"faults": []}
    if call.method == "POST":
        body = await json_body(call)
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


@control
async def common_error_names(call: ControlCall) -> dict[str, Any]:
    """The platform's common errors, by the name a fault rule injects them with."""
    return {"common_errors": [vars(e) for e in common_errors().values()]}


@control
async def resend_code(call: ControlCall) -> dict[str, Any]:
    """A resend code for ``shop_id``."""
    body = await json_body(call)
    emulator = call.emulator
    shop = emulator.shops.find(int(number(body, "shop_id")))
    if shop is None:
        raise NotFoundError("no such shop_id")
    with emulator.transaction():
        code = emulator.auth.issue_resend_code(shop["partner_id"], shop["shop_id"])
    return {"resend_code": code, "shop_id": shop["shop_id"]}


@control
async def auth_done(call: ControlCall) -> dict[str, Any]:
    """Where the banner's authorization link lands: shows what a partner's callback receives."""
    return {"received": dict(call.query), "next": "POST /api/v2/auth/token/get with this code"}


def routes(domain_routes: list[Route]) -> list[Route]:
    # imported here: scenarios drive the app, which imports this module
    from emulator.http.control.scenario import load_scenario_route

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
