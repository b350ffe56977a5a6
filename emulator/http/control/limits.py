"""``/_emulator/limits``: a partner's rate and daily call limits, overall and per API (scenarios
set them through ``set_limits`` too)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from emulator.http.control.plane import ControlCall, ControlError, NotFoundError, control, json_body, whole_number
from emulator.limits import KEYS as LIMIT_KEYS

if TYPE_CHECKING:
    from emulator.world import Emulator

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


def set_limits(emulator: "Emulator", body: dict[str, Any]) -> dict[str, Any]:
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


def _limits_partner(emulator: "Emulator", value: Any) -> int:
    if value is None:
        return int(emulator.auth.default_partner()["partner_id"])
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)  # from the query string
    partner_id = whole_number({"partner_id": value}, "partner_id", 1, 2**63 - 1)
    if emulator.auth.partner(partner_id) is None:
        raise NotFoundError("no such partner_id")
    return int(partner_id)


def _limits_answer(emulator: "Emulator", partner_id: int) -> dict[str, Any]:
    now = emulator.clock.now_float()
    return {"partner_id": partner_id, **emulator.limits.settings(partner_id).describe(),
            "calls_today": emulator.limits.calls_today(partner_id, now)}


@control
async def limits(call: ControlCall) -> dict[str, Any]:
    emulator = call.emulator
    if call.method == "POST":
        return set_limits(emulator, await json_body(call))
    return _limits_answer(emulator, _limits_partner(emulator, call.query.get("partner_id")))
