"""Control plane for pushes: the console's Set Push page, its Verify button, the outbox, faults.

``GET  /_emulator/pushes?code=&shop_id=&state=&limit=&before=``  the outbox, newest first, with attempts
``POST /_emulator/pushes/{message_id}/resend``  queues a copy of a push and sends what is ready now
``GET/POST /_emulator/push/config``  ``{"partner_id"?, "callback_url", "codes": [..] | "all",
"blocked_shop_ids", "retry_intervals"}``; ``codes`` is the exact set switched on
``POST /_emulator/push/test``  ``{"code"?, "shop_id"?, "partner_id"?, "callback_url"?}`` sends a
verification push now, or with ``code`` a sample push of that code (the sandbox's Push Test Data)
``GET/POST/DELETE /_emulator/push/faults``  ``{"code"?, "effects": ["drop", "duplicate",
{"delay": 30}, "pass"], "repeat_last"?}``, one effect per message of that code
"""
from __future__ import annotations

import asyncio
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.routing import Route

from emulator.http.control.plane import ControlCall, ControlError, NotFoundError, control, json_body, number
from emulator.domains.push import codes, samples
from emulator.domains.push.errors import DataError
from emulator.domains.push.models import (
    DELIVERED,
    MESSAGES,
    DROPPED,
    FAILED,
    LOST_STATE,
    PENDING,
    SENDING,
    SUSPENDED_STATE,
    TestsBusy,
)
from emulator.domains.push.rates import Window
from emulator.domains.push.settings import valid_callback_url

STATES = (PENDING, SENDING, DELIVERED, LOST_STATE, DROPPED, FAILED, SUSPENDED_STATE)
MAX_LIST = 1000


def _partner_id(emulator: Any, body: dict[str, Any]) -> int:
    default = emulator.auth.default_partner()["partner_id"]
    partner_id = int(number(body, "partner_id", required=False, default=default))
    if emulator.auth.partner(partner_id) is None:
        raise NotFoundError("no such partner_id")
    return partner_id


def _query_int(call: ControlCall, name: str) -> int | None:
    raw = call.query.get(name)
    if raw is None or raw == "":
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 19:
        raise ControlError(f"{name} must be a whole number")
    return int(raw)


@control
async def pushes(call: ControlCall) -> dict[str, Any]:
    emulator = call.emulator
    state = call.query.get("state") or None
    if state is not None and state not in STATES:
        raise ControlError(f"state must be one of {', '.join(STATES)}")
    limit = _query_int(call, "limit") or 100
    with emulator.transaction():
        found = emulator.pushes.messages(
            min(limit, MAX_LIST), _query_int(call, "code"), _query_int(call, "shop_id"), state, _query_int(call, "before")
        )
    return {"pushes": found}


@control
async def resend(call: ControlCall) -> dict[str, Any]:
    emulator = call.emulator
    raw = call.path_params["message_id"]
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 19:
        raise NotFoundError("message_id must be a whole number")
    try:
        with emulator.transaction():
            copy = emulator.pushes.resend(int(raw))
    except DataError:
        raise NotFoundError(f"push {raw} is not in the outbox (verification pushes are not re-sent)") from None
    return await _sent_now(emulator, copy)


async def _sent_now(emulator: Any, queued: dict[str, Any]) -> dict[str, Any]:
    """A message just queued, after sending what is ready (it too, unless a fault delays or drops it)."""
    # like Verify: sent now, off the event loop, since the receiver may call the emulator back
    await run_in_threadpool(emulator.pushes.deliver_ready)
    with emulator.transaction():
        view: dict[str, Any] = emulator.pushes.view(emulator.store.get(MESSAGES, queued["message_id"]) or queued)
        return view


@control
async def config(call: ControlCall) -> dict[str, Any]:
    emulator = call.emulator
    if call.method == "GET":
        partner_id = _partner_id(emulator, {"partner_id": _query_int(call, "partner_id")})
        return {"partner_id": partner_id, **_config_view(emulator, partner_id)}
    body = await json_body(call)
    partner_id = _partner_id(emulator, body)
    try:
        with emulator.transaction():
            emulator.pushes.settings.configure(partner_id, body)
    except ValueError as exc:
        raise ControlError(str(exc)) from None
    return {"partner_id": partner_id, **_config_view(emulator, partner_id)}


def _config_view(emulator: Any, partner_id: int) -> dict[str, Any]:
    return {
        **emulator.pushes.settings.view(partner_id),
        "retry_intervals": emulator.pushes.settings.retry_intervals(partner_id),
        **_success_rate(emulator.pushes.settings.window(partner_id)),
    }


def _success_rate(window: Window) -> dict[str, Any]:
    """What the console's Push page shows of the last 6 hours (the live status's grounds)."""
    rate = window.rate
    return {"sent_6h": window.sent, "delivered_6h": window.delivered,
            "success_rate": None if rate is None else round(rate, 4)}


@control
async def test_push(call: ControlCall) -> dict[str, Any]:
    """The console's Verify (no code) and Push Test Data (a code): one push sent now."""
    emulator = call.emulator
    body = await json_body(call)
    code = _test_code(body)
    shop = _test_shop(emulator, body) if code else None
    partner_id = _partner_id(emulator, body if shop is None or "partner_id" in body else {"partner_id": shop["partner_id"]})
    if shop is not None and shop["partner_id"] != partner_id:
        raise ControlError(f"shop_id {shop['shop_id']} is not a shop of partner_id {partner_id}")
    url = body.get("callback_url")
    if url is not None and (not isinstance(url, str) or not valid_callback_url(url)):
        raise ControlError("callback_url must be an http(s) URL")
    if not (url or emulator.pushes.settings.config(partner_id)["callback_url"]):
        raise ControlError("the app has no callback_url: pass one or set it first")
    if code:
        with emulator.transaction():
            if shop is None and not any(s["partner_id"] == partner_id for s in emulator.shops.all_shops()):
                raise ControlError(f"partner_id {partner_id} has no shops to send test data of")
            queued = emulator.pushes.enqueue_sample(partner_id, code, [shop] if shop else None, url, call.base_url)
        return await _sent_now(emulator, dict(queued))
    # the receiver may call the emulator back, so the send must not block the event loop; nor may
    # it hold one of the server's shared threads, which clock and control calls need
    try:
        future = emulator.pushes.submit_test(partner_id, url)
    except TestsBusy as exc:
        raise ControlError(str(exc), status=429, error="busy") from None
    return await asyncio.wrap_future(future)


def _test_code(body: dict[str, Any]) -> int | None:
    """The push code asked for: None or 0 for the verification push."""
    code = number(body, "code", required=False)
    if code is None or code == codes.VERIFY:
        return None
    if not isinstance(code, int) or code not in samples.SUPPORTED:
        valid = ", ".join(map(str, samples.SUPPORTED))
        silent = ", ".join(str(c) for c in codes.KNOWN_CODES if c not in samples.SUPPORTED)
        raise ControlError(f"code {code} has no test data: valid codes are 0 (verification), {valid} "
                           f"(the emulator never sends {silent})")
    return code


def _test_shop(emulator: Any, body: dict[str, Any]) -> dict[str, Any] | None:
    shop_id = number(body, "shop_id", required=False)
    if shop_id is None:
        return None
    with emulator.transaction():
        shop: dict[str, Any] | None = emulator.shops.find(shop_id) if isinstance(shop_id, int) else None
    if shop is None:
        raise NotFoundError(f"no such shop_id {shop_id}")
    return shop


@control
async def faults(call: ControlCall) -> dict[str, Any]:
    emulator = call.emulator
    settings = emulator.pushes.settings
    if call.method in ("POST", "DELETE"):
        body = await json_body(call) if call.method == "POST" else {}
        try:
            with emulator.transaction():
                if call.method == "DELETE":
                    settings.clear_faults()
                else:
                    _add_fault(settings, body)
        except ValueError as exc:
            raise ControlError(str(exc)) from None
    return {"faults": settings.faults()}


def _add_fault(settings: Any, body: dict[str, Any]) -> None:
    code = number(body, "code", required=False)
    if code is not None and not isinstance(code, int):
        raise ValueError("code must be a push code")
    effects = body.get("effects")
    if not isinstance(effects, list) or len(effects) > 1000:
        raise ValueError("effects must be a list (at most 1000)")
    settings.add_fault(code, effects, bool(body.get("repeat_last", False)))


def routes() -> list[Route]:
    return [
        Route("/_emulator/pushes", pushes, methods=["GET"]),
        Route("/_emulator/pushes/{message_id}/resend", resend, methods=["POST"]),
        Route("/_emulator/push/config", config, methods=["GET", "POST"]),
        Route("/_emulator/push/test", test_push, methods=["POST"]),
        Route("/_emulator/push/faults", faults, methods=["GET", "POST", "DELETE"]),
    ]
