"""``/console``: the world, the virtual clock, the app (partner id/key, whitelist, authorization
link) and the test accounts, as the Open Platform Console's App and Test Account pages show them."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from emulator.console import partner_auth
from emulator.http.control import core as control
from emulator.http.control.summary import world_summary
from emulator.http.state import emulator_of
from emulator.console.plumbing import ConsoleError, invoke, page, whole
from emulator.console.render import button_form, copyable, esc, layout, see_other, table, when
from emulator.http.auth_pages import CONSOLE_AUTH_PATH

UNITS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
MAX_OUTLETS = 50


@page
async def overview(request: Request) -> Response:
    emulator = emulator_of(request)
    creds = await invoke(request, control.credentials, method="GET")
    flags = await invoke(request, control.partner, method="GET")
    redirect = f"{str(request.base_url).rstrip('/')}/_emulator/auth_done"
    signed = (await invoke(request, control.auth_link, method="GET", query=urlencode({"redirect": redirect})))["url"]
    with emulator.transaction():  # the store's lock: the server's clock thread may be running jobs
        body = "".join(
            (
                _world(emulator),
                _clock(emulator),
                _app(creds, flags, signed, _console_link(request, creds["partner_id"], redirect)),
                _accounts(creds),
                partner_auth.section(emulator),
                _wallets(emulator, [emulator.payments.wallet.summary(m["shop_id"]) for m in emulator.shops.marts()]),
                _new_mart(flags),
            )
        )
    q = request.query_params
    return layout(emulator, "/console", "Overview", body, notice=q.get("notice", ""), error=q.get("error", ""))


def _console_link(request: Request, partner_id: int, redirect: str) -> str:
    query = urlencode({"auth_type": "seller", "partner_id": partner_id, "redirect_uri": redirect, "response_type": "code"})
    return f"{str(request.base_url).rstrip('/')}{CONSOLE_AUTH_PATH}?{query}"


def _world(emulator: Any) -> str:
    summary = world_summary(emulator)
    counts = ", ".join(f"{n} {esc(k)}" for k, n in summary["counts"].items())
    return (
        '<section id="world"><h2>World</h2><dl class="kv">'
        f"<dt>name</dt><dd>{esc(summary['world'])}</dd><dt>region</dt><dd>{esc(summary['region'])}</dd>"
        f"<dt>seed</dt><dd>{esc(summary['seed'])}</dd><dt>records</dt><dd>{counts}</dd></dl>"
        + button_form("/console/reset", "Reset the world", css="danger", confirm="Reset the whole world to how it was loaded?")
        + "</section>"
    )


def _clock(emulator: Any) -> str:
    view = control.clock_view(emulator)
    units = "".join(f'<option value="{u}"{" selected" if u == "minutes" else ""}>{u}</option>' for u in UNITS)
    return (
        '<section id="clock"><h2>Virtual clock</h2><dl class="kv">'
        f'<dt>now</dt><dd><span id="now">{esc(when(emulator, view["now"]))}</span> · unix {copyable(view["now"])}</dd>'
        f"<dt>mode</dt><dd>{esc(view['mode'])}</dd><dt>pending jobs</dt><dd>{esc(view['pending_jobs'])}</dd></dl>"
        '<div class="row">'
        + button_form("/console/clock/advance", "+1 hour", amount=1, unit="hours")
        + button_form("/console/clock/advance", "+1 day", amount=1, unit="days")
        + '<form class="inline" method="post" action="/console/clock/advance">'
        f'<input type="number" name="amount" min="0" step="1" value="30" aria-label="amount"> <select name="unit">{units}</select> '
        '<button type="submit" class="plain">Advance</button></form></div>'
        '<p class="muted">Everything that falls due on the way (payment windows, confirm periods, airway bills) runs in order.</p>'
        "</section>"
    )


def _switch(label: str, key: str, on: bool, enabled: bool) -> str:
    state = '<span class="status on">on</span>' if on else '<span class="status off">off</span>'
    action = button_form(
        "/console/partner", "Turn off" if on else "Turn on", css="plain", disabled=not enabled, key=key, value="false" if on else "true"
    )
    return f"<dt>{esc(label)}</dt><dd>{state} {action}</dd>"


def _app(creds: dict[str, Any], flags: dict[str, Any], signed: str, console_link: str) -> str:
    sandbox = bool(flags.get("sandbox_v2"))
    return (
        '<section id="app"><h2>App</h2><dl class="kv">'
        f"<dt>app name</dt><dd>{esc(flags.get('name', ''))}</dd>"
        f"<dt>partner_id</dt><dd>{copyable(creds['partner_id'])}</dd>"
        f"<dt>partner_key</dt><dd>{copyable(creds['partner_key'])}</dd>"
        + _switch("Sandbox V2", "sandbox_v2", sandbox, True)
        + _switch("Mart & Outlet shop whitelist", "mart_outlet_whitelist", bool(flags.get("mart_outlet_whitelist")), sandbox)
        + "</dl>"
        '<p class="muted">Whitelisting takes two steps, as on the platform: Sandbox V2 first, then Mart &amp; Outlet shops.</p>'
        "<h2>Authorize</h2>"
        f'<p>Signed link (valid 5 minutes): <a id="auth-link" href="{esc(signed)}">authorize a test shop</a><br>{copyable(signed)}</p>'
        f'<p>Console link (unsigned): <a href="{esc(console_link)}">authorize</a><br>{copyable(console_link)}</p>'
        "</section>"
    )


def _accounts(creds: dict[str, Any]) -> str:
    rows = [
        [
            esc("Mart" if shop["kind"] == "mart" else "Outlet"),
            copyable(shop["shop_id"]),
            esc(shop["shop_name"]),
            esc(shop["region"]),
            esc(shop["mart_shop_id"] or ""),
            copyable(shop["access_token"]),
            copyable(shop["refresh_token"]),
        ]
        for shop in creds["shops"]
    ]
    accounts = [[copyable(a["main_account_id"]), esc(", ".join(str(s) for s in a["shop_id_list"]))] for a in creds["main_accounts"]]
    return (
        '<section id="accounts"><h2>Test accounts</h2>'
        + table(["kind", "shop_id", "name", "region", "Mart", "access_token", "refresh_token"], rows, table_id="shops")
        + "<h2>Main accounts</h2>"
        + table(["main_account_id", "shops"], accounts, empty="No main accounts.")
        + "</section>"
    )


def _wallets(emulator: Any, marts: list[dict[str, Any]]) -> str:
    """Each Mart's wallet summary (what ``GET /_emulator/wallet/{mart}`` answers): the sum, then each Outlet."""
    rows = []
    for mart in marts:
        for shop in (mart, *mart["outlets"]):
            last = shop["last_transaction"]
            latest = (
                f'{esc(last["transaction_type"])} {esc(last["amount"])} <span class="muted">{esc(when(emulator, last["create_time"]))}</span>'
                if last else '<span class="muted">none</span>'
            )
            is_mart = shop["kind"] == "mart"
            balance = f'<span class="num">{esc(shop["balance"])}</span> {esc(shop["currency"])}'
            rows.append(
                [
                    esc("Mart (sum)" if is_mart else "Outlet"),
                    esc(shop["shop_id"]),
                    esc(shop["shop_name"]),
                    f"<strong>{balance}</strong>" if is_mart else balance,
                    esc(shop["transactions"]),
                    latest if not is_mart else "",
                ]
            )
    return (
        '<section id="wallets"><h2>Wallets</h2>'
        + table(["kind", "shop_id", "name", "balance", "transactions", "latest transaction"], rows, table_id="wallet-list",
                empty="No Mart yet.")
        + '<p class="muted">An order pays its escrow into its Outlet\'s wallet when it completes; accepted returns after that are adjusted.</p>'
        "</section>"
    )


def _new_mart(flags: dict[str, Any]) -> str:
    ready = flags.get("sandbox_v2") and flags.get("mart_outlet_whitelist")
    hint = "" if ready else '<p class="error">Turn on Sandbox V2 and the Mart &amp; Outlet whitelist first.</p>'
    return (
        '<section id="new-mart"><h2>Create a Mart with Outlets</h2>' + hint
        + '<form method="post" action="/console/shops" class="row">'
        '<label>brand <input name="brand" placeholder="optional"></label>'
        f'<label>Outlets <input type="number" name="outlets" min="0" max="{MAX_OUTLETS}" value="2"></label>'
        '<label><input type="checkbox" name="main_account" value="1" checked> with a main account</label>'
        "<button type=submit>Create</button></form></section>"
    )


# -- actions (POST, then back to the overview) ----------------------------------------------------
@page
async def advance_clock(request: Request) -> Response:
    form = await request.form()
    unit = str(form.get("unit") or "seconds")
    if unit not in UNITS:
        raise ConsoleError(f"unit must be one of {', '.join(UNITS)}")
    amount = whole(form, "amount", "amount", high=10**9)
    answer = await invoke(request, control.clock_advance, {"seconds": amount * UNITS[unit]})
    emulator = emulator_of(request)
    return see_other("/console", notice=f"Clock advanced {amount} {unit} to {when(emulator, answer['now'])}; {answer['jobs_run']} jobs ran.")


@page
async def set_partner_flag(request: Request) -> Response:
    form = await request.form()
    key, value = str(form.get("key") or ""), str(form.get("value") or "")
    if key not in ("sandbox_v2", "mart_outlet_whitelist") or value not in ("true", "false"):
        raise ConsoleError("choose a switch to turn on or off")
    await invoke(request, control.partner, {key: value == "true"})
    label = "Sandbox V2" if key == "sandbox_v2" else "Mart & Outlet shop whitelist"
    return see_other("/console", notice=f"{label} turned {'on' if value == 'true' else 'off'}.")


@page
async def create_shops(request: Request) -> Response:
    form = await request.form()
    body: dict[str, Any] = {"outlets": whole(form, "outlets", "Outlets", high=MAX_OUTLETS), "main_account": bool(form.get("main_account"))}
    brand = str(form.get("brand") or "").strip()
    if brand:
        body["brand"] = brand
    made = await invoke(request, control.create_shops, body)
    outlets = ", ".join(str(i) for i in made["outlet_shop_ids"]) or "none"
    return see_other("/console", notice=f"Created Mart {made['mart_shop_id']} with Outlets {outlets}.")


@page
async def reset(request: Request) -> Response:
    await invoke(request, control.reset)
    return see_other("/console", notice="The world is back to how it was loaded.")
