"""The authorization page a seller sees at ``/api/v2/shop/auth_partner`` (the signed link a
partner builds) or at ``/auth`` (the console's unsigned link: ``auth_type``, ``partner_id``,
``redirect_uri``, ``response_type=code``, optional ``state``, which some SDKs build).

It lists the world's test accounts (the Mart, each Outlet, each main account) and the
authorization periods the seller may pick; confirming one redirects to the partner's URL with
``code`` and ``shop_id`` or ``main_account_id``.

``/api/v2/shop/cancel_auth_partner`` is the same signed link for cancelling: it lists the accounts
that have authorized the partner, and confirming one ends their authorization.
"""
from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit, parse_qsl

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from emulator import errors, signing
from emulator.domains.auth import periods
from emulator.edge import foreign_sender
from emulator.http.state import emulator_of

AUTH_PATH = "/api/v2/shop/auth_partner"
MAIN_ACCOUNT_NOT_FOUND = "The main account you chose is not found. Choose one of the listed accounts."
NOTHING_TO_CANCEL = "No account has authorized this app."
CONFIRM_PATH = AUTH_PATH + "/confirm"
CANCEL_PATH = "/api/v2/shop/cancel_auth_partner"
CANCEL_CONFIRM_PATH = CANCEL_PATH + "/confirm"
CONSOLE_AUTH_PATH = "/auth"
_SIGNED_FIELDS = ("partner_id", "timestamp", "sign", "redirect")
_CONSOLE_FIELDS = ("partner_id", "auth_type", "redirect_uri", "response_type", "state")

_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:sans-serif;max-width:40em;margin:3em auto;color:#222}}
h1{{color:#ee4d2d;font-size:1.4em}} label{{display:block;padding:.5em;border:1px solid #ddd;margin:.3em 0;border-radius:4px}}
button{{background:#ee4d2d;color:#fff;border:0;padding:.6em 1.4em;border-radius:4px;font-size:1em}}
.error{{color:#b00020}}</style></head><body>{body}</body></html>"""


def _error_page(message: str, status: int = 400) -> HTMLResponse:
    body = f'<h1>Authorization failed</h1><p class="error" id="error">{html.escape(message)}</p>'
    return HTMLResponse(_PAGE.format(title="Authorization failed", body=body), status_code=status)


def _check_link(
    emulator: Any, values: Any, check_window: bool, path: str = AUTH_PATH
) -> tuple[dict[str, Any] | None, str | None]:
    try:
        partner_id = int(values.get("partner_id", ""))
    except ValueError:
        return None, errors.INVALID_PARTNER_ID
    partner = emulator.auth.partner(partner_id)
    if partner is None:
        return None, errors.INVALID_PARTNER_ID
    timestamp = values.get("timestamp")
    if not timestamp or not (timestamp.isascii() and timestamp.isdigit()) or len(timestamp) > 20:
        return None, errors.INVALID_TIMESTAMP
    if check_window and not emulator.timestamp_acceptable(int(timestamp)):
        return None, "This authorization link has expired. " + errors.INVALID_TIMESTAMP
    if not values.get("sign") or not signing.matches(
        partner["partner_key"], signing.base_string(partner_id, path, timestamp), values["sign"]
    ):
        return None, errors.WRONG_SIGN
    if not values.get("redirect"):
        return None, errors.WRONG_PARAMETERS.format(msg="redirect is required")
    return partner, None


def _check_console_link(emulator: Any, values: Any) -> tuple[dict[str, Any] | None, str | None]:
    """The console's link carries no sign: the partner only has to exist."""
    try:
        partner = emulator.auth.partner(int(values.get("partner_id", "")))
    except ValueError:
        partner = None
    if partner is None:
        return None, errors.INVALID_PARTNER_ID
    if values.get("response_type", "code") != "code":
        return None, errors.WRONG_PARAMETERS.format(msg="response_type should be code")
    if not values.get("redirect_uri"):
        return None, errors.WRONG_PARAMETERS.format(msg="redirect_uri is required")
    return partner, None


def _accounts(emulator: Any, partner_id: int, authorized_only: bool = False) -> list[tuple[str, str]]:
    options = []
    shops = emulator.shops
    for shop in shops.all_shops():
        if shop["partner_id"] != partner_id or (authorized_only and not shops.authorized(shop["shop_id"])):
            continue
        kind = "Mart shop" if shop["kind"] == "mart" else "Outlet shop"
        options.append((f"shop:{shop['shop_id']}", f"{kind} · {shop['shop_name']} (shop_id {shop['shop_id']})"))
    for account in emulator.auth.main_accounts():
        if authorized_only and not any(shops.authorized(sid) for sid in account["shop_ids"]):
            continue
        if account["partner_id"] == partner_id:
            options.append(
                (
                    f"main:{account['main_account_id']}",
                    f"Main account {account['main_account_id']} · {len(account['shop_ids'])} shops",
                )
            )
    return options


async def auth_partner(request: Request) -> Response:
    """GET: the account picker for a partner's signed link."""
    emulator = emulator_of(request)
    partner, problem = _check_link(emulator, request.query_params, check_window=True)
    if problem:
        return _error_page(problem)
    assert partner is not None
    return _picker(emulator, partner, request.query_params, _SIGNED_FIELDS)


async def console_auth(request: Request) -> Response:
    """GET: the account picker for the console's unsigned link."""
    emulator = emulator_of(request)
    partner, problem = _check_console_link(emulator, request.query_params)
    if problem:
        return _error_page(problem)
    assert partner is not None
    return _picker(emulator, partner, request.query_params, _CONSOLE_FIELDS)


def routes() -> list[Route]:
    """Mounted before the API's catch-all: the signed link's path is under ``/api/``."""
    return [
        Route(AUTH_PATH, auth_partner, methods=["GET"]),
        Route(CONFIRM_PATH, confirm, methods=["POST"]),
        Route(CANCEL_PATH, cancel_auth_partner, methods=["GET"]),
        Route(CANCEL_CONFIRM_PATH, cancel_confirm, methods=["POST"]),
        Route(CONSOLE_AUTH_PATH, console_auth, methods=["GET"]),
    ]


def _picker(emulator: Any, partner: dict[str, Any], query: Any, fields: tuple[str, ...]) -> Response:
    intro = f"<p>Partner {partner['partner_id']} asks to manage your shop. Log in as a test account:</p>"
    form = _form(CONFIRM_PATH, query, fields, _accounts(emulator, partner["partner_id"]), _period_choice(), "Confirm Authorization")
    body = f"<h1>Authorize {html.escape(partner['name'])}</h1>{intro}{form}"
    return HTMLResponse(_PAGE.format(title="Shop authorization", body=body))


def _form(action: str, query: Any, fields: tuple[str, ...], accounts: list[tuple[str, str]], extra: str, button: str) -> str:
    hidden = "".join(
        f'<input type="hidden" name="{k}" value="{html.escape(query[k])}">' for k in fields if k in query
    )
    choices = "".join(
        f'<label><input type="radio" name="account" value="{value}"{" checked" if i == 0 else ""}> {html.escape(text)}</label>'
        for i, (value, text) in enumerate(accounts)
    )
    return (
        f'<form method="post" action="{action}">{hidden}{choices}{extra}'
        f'<p><button type="submit">{button}</button></p></form>'
    )


def _period_choice() -> str:
    options = "".join(
        f'<option value="{value}"{" selected" if value == str(periods.DEFAULT_DAYS) else ""}>{label}</option>'
        for value, label in periods.options()
    )
    return (
        f'<p><label>Authorization period <select name="auth_period" id="auth_period">{options}</select></label>'
        '<label>Until (when the period is a date) <input type="date" name="auth_until" id="auth_until"></label></p>'
    )


async def confirm(request: Request) -> Response:
    """POST: issue a code and send the browser back to the partner."""
    emulator = emulator_of(request)
    if foreign_sender(request.method, request.headers) is not None:
        # only this page's own button grants access: another site's form would mint a code
        return _error_page("Refused: this authorization was posted from another site.", 403)
    form = await request.form()
    values = {k: str(v) for k, v in form.items()}
    console = "sign" not in values and "redirect_uri" in values
    # the window was checked when the page was shown; a tester may take a while to click
    partner, problem = (
        _check_console_link(emulator, values) if console else _check_link(emulator, values, check_window=False)
    )
    if problem:
        return _error_page(problem)
    assert partner is not None
    kind, raw_id = _chosen(values)
    if not raw_id:
        return _error_page("Choose an account to authorize.")
    try:
        timezone = emulator.world.get("timezone", "UTC")
        expires = periods.expire_time(values.get("auth_period"), values.get("auth_until"), emulator.clock.now(), timezone)
    except periods.PeriodError as exc:
        return _error_page(str(exc))
    with emulator.transaction():
        if kind == "shop":
            shop = emulator.shops.find(int(raw_id))
            if shop is None or shop["partner_id"] != partner["partner_id"]:
                return _error_page(errors.SHOP_NOT_FOUND)
            code = emulator.auth.issue_code(partner["partner_id"], shop_id=int(raw_id), expire_time=expires)
            extra = {"code": code, "shop_id": raw_id}
        else:
            account = emulator.auth.main_account(int(raw_id))
            if account is None or account["partner_id"] != partner["partner_id"]:
                return _error_page(MAIN_ACCOUNT_NOT_FOUND)
            code = emulator.auth.issue_code(partner["partner_id"], main_account_id=int(raw_id), expire_time=expires)
            extra = {"code": code, "main_account_id": raw_id}
    if console and values.get("state"):
        extra["state"] = values["state"]
    return RedirectResponse(_with_query(values["redirect_uri" if console else "redirect"], extra), status_code=302)


async def cancel_auth_partner(request: Request) -> Response:
    """GET: the accounts that have authorized the partner, for its signed cancellation link."""
    emulator = emulator_of(request)
    partner, problem = _check_link(emulator, request.query_params, check_window=True, path=CANCEL_PATH)
    if problem:
        return _error_page(problem)
    assert partner is not None
    with emulator.transaction():
        accounts = _accounts(emulator, partner["partner_id"], authorized_only=True)
    if not accounts:
        return _error_page(NOTHING_TO_CANCEL)
    intro = f"<p>Partner {partner['partner_id']} manages these accounts. Choose the one to separate from it:</p>"
    form = _form(CANCEL_CONFIRM_PATH, request.query_params, _SIGNED_FIELDS, accounts, "", "Cancel Authorization")
    body = f"<h1>Cancel the authorization of {html.escape(partner['name'])}</h1>{intro}{form}"
    return HTMLResponse(_PAGE.format(title="Cancel authorization", body=body))


async def cancel_confirm(request: Request) -> Response:
    """POST: end the chosen account's authorization and send the browser back to the partner."""
    emulator = emulator_of(request)
    if foreign_sender(request.method, request.headers) is not None:
        return _error_page("Refused: this cancellation was posted from another site.", 403)
    form = await request.form()
    values = {k: str(v) for k, v in form.items()}
    partner, problem = _check_link(emulator, values, check_window=False, path=CANCEL_PATH)
    if problem:
        return _error_page(problem)
    assert partner is not None
    kind, raw_id = _chosen(values)
    if not raw_id:
        return _error_page("Choose an account to separate.")
    identity = "shop_id" if kind == "shop" else "main_account_id"
    with emulator.transaction():
        try:
            emulator.auth.cancel_authorization(partner["partner_id"], **{identity: int(raw_id)})
        except ValueError as exc:
            return _error_page(str(exc))
    extra = {identity: raw_id}
    return RedirectResponse(_with_query(values["redirect"], extra), status_code=302)


def _chosen(values: dict[str, str]) -> tuple[str, str]:
    """The account radio's ``shop:<id>`` or ``main:<id>``; an empty id when it is neither."""
    kind, _, raw_id = values.get("account", "").partition(":")
    return (kind, raw_id) if kind in ("shop", "main") and raw_id.isdigit() else (kind, "")


def _with_query(url: str, extra: dict[str, str]) -> str:
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True) + list(extra.items())
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))
