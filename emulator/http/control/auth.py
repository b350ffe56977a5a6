"""Control-plane routes for authorizations: what a seller does in Seller Centre.

    GET  /_emulator/authorizations           every shop's auth_time, expire_time and state
    POST /_emulator/authorizations/cancel    {"shop_id"} or {"main_account_id"}: the seller separates
                                             the app (push 2 follows, the tokens stop working)
"""
from __future__ import annotations

from typing import Any

from starlette.routing import Route

from emulator.http.control.plane import ControlCall, MAX_NUMBER, ControlError, control, json_body



def authorization_states(emulator: Any) -> list[dict[str, Any]]:
    """Per shop: its partner, auth_time, expire_time and whether it is authorized, cancelled or expired."""
    shops, grants = emulator.shops, emulator.auth.authorizations
    return [
        {
            "shop_id": shop["shop_id"],
            "partner_id": shop["partner_id"],
            "auth_time": shop["auth_time"],
            "expire_time": shop["expire_time"],
            "state": "authorized" if shops.authorized(shop["shop_id"])
            else "cancelled" if grants.cancelled(shop["shop_id"]) else "expired",
        }
        for shop in shops.all_shops()
    ]


@control
async def authorizations(call: ControlCall) -> dict[str, Any]:
    """Each shop's authorization of its partner."""
    emulator = call.emulator
    with emulator.transaction():
        return {"authorizations": authorization_states(emulator)}


@control
async def cancel(call: ControlCall) -> dict[str, Any]:
    """The seller cancels the app's authorization of a shop or of a main account's shops."""
    body = await json_body(call)
    emulator = call.emulator
    shop_id, main_account_id = (_optional_id(body, key) for key in ("shop_id", "main_account_id"))
    with emulator.transaction():
        shop = emulator.shops.find(shop_id)
        account = emulator.auth.main_account(main_account_id) if main_account_id is not None else None
        owner = shop or account or emulator.auth.default_partner()
        try:
            cancelled = emulator.auth.cancel_authorization(int(owner["partner_id"]), shop_id, main_account_id)
        except ValueError as exc:
            raise ControlError(str(exc)) from None
    return {"cancelled_shop_ids": cancelled, "cancel_time": emulator.clock.now()}


def _optional_id(body: dict[str, Any], key: str) -> int | None:
    if body.get(key) is None:
        return None
    value = body[key]
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_NUMBER:
        raise ControlError(f"{key} must be a whole number from 1 to {MAX_NUMBER}")
    return value


def routes() -> list[Route]:
    return [
        Route("/_emulator/authorizations", authorizations, methods=["GET"]),
        Route("/_emulator/authorizations/cancel", cancel, methods=["POST"]),
    ]
