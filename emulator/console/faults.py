"""``/console/faults``: the fault rules that make chosen API calls fail on purpose."""
from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from emulator.http.control import core as control
from emulator.http.control import limits as control_limits
from emulator.faults import DEFAULT_ERROR, DEFAULT_HTTP_STATUS, MAX_FAULT_EFFECTS
from emulator.spec import common_errors
from emulator.http.state import emulator_of
from emulator.console.plumbing import invoke, page, whole
from emulator.console.render import button_form, esc, layout, see_other, table

PATH = "/console/faults"


@page
async def faults_page(request: Request) -> Response:
    emulator = emulator_of(request)
    rules = (await invoke(request, control.faults, method="GET"))["faults"]
    rows = [
        [
            esc(rule["id"]),
            f"<code>{esc(rule['operation'])}</code>",
            esc(rule["shop_id"] if rule["shop_id"] is not None else "any"),
            _effects(rule["remaining"]),
            esc("yes" if rule["repeat_last"] else "no"),
            esc(rule["matched"]),
        ]
        for rule in rules
    ]
    names = "".join(f'<option value="{esc(name)}">' for name in sorted(emulator.registry.by_name))
    common = "".join(
        f'<option value="{esc(e.name)}">{esc(e.name)} · HTTP {e.http_status}: {esc(e.message[:60])}</option>'
        for e in common_errors().values()
    )
    limits = await invoke(request, control_limits.limits, method="GET")
    body = (
        '<section id="rules"><h2>Active rules</h2>'
        + table(["id", "operation", "shop", "remaining effects", "repeat last", "matched"], rows, table_id="fault-rules",
                empty="No fault rules: every call behaves normally.")
        + (button_form(PATH + "/clear", "Clear all rules", css="danger") if rows else "")
        + "</section>"
        '<section id="add"><h2>Add a rule</h2>'
        f'<form method="post" action="{PATH}"><div class="row">'
        '<label>operation <input name="operation" list="operations" placeholder="v2.product.update_stock or *" size="34" required></label>'
        f'<datalist id="operations"><option value="*">{names}</datalist>'
        '<label>shop_id <input name="shop_id" placeholder="any" size="10"></label>'
        '<label>times <input type="number" name="times" min="1" max="1000" value="1"></label>'
        '<label><input type="checkbox" name="repeat_last" value="1"> keep failing</label></div>'
        '<div class="row" style="margin-top:.6em">'
        '<label>platform common error <select name="common_error"><option value="">none: the error below</option>'
        f'{common}</select></label></div>'
        '<div class="row" style="margin-top:.6em">'
        '<label>error <input name="error" value="error_server"></label>'
        '<label>message <input name="message" value="Something wrong. Please try later." size="40"></label>'
        f'<label>HTTP status <input type="number" name="http_status" min="200" max="599" value="{DEFAULT_HTTP_STATUS}"></label>'
        '<button type="submit">Add</button></div></form></section>'
        + _limits_section(limits)
    )
    q = request.query_params
    return layout(emulator, PATH, "Faults", body, notice=q.get("notice", ""), error=q.get("error", ""))


def _limits_section(limits: dict[str, Any]) -> str:
    """The partner's rate limit and daily cap (virtual clock; empty is off)."""
    def value(key: str) -> str:
        return "" if limits[key] is None else esc(limits[key])

    overrides = ", ".join(f"<code>{esc(name)}</code> {esc(v)}" for name, v in limits["apis"].items()) or "none"
    return (
        '<section id="limits"><h2>Call limits</h2>'
        f'<p>Partner {esc(limits["partner_id"])}: {esc(limits["calls_today"])} call(s) today (the day turns at 00:00 UTC+8 '
        f'on the virtual clock). Per-API limits: {overrides}.</p>'
        f'<form method="post" action="{PATH}/limits"><div class="row">'
        f'<label>requests per second <input type="number" name="rate_limit_per_second" min="0" value="{value("rate_limit_per_second")}" placeholder="off"></label>'
        f'<label>daily call limit <input type="number" name="daily_call_limit" min="0" value="{value("daily_call_limit")}" placeholder="off"></label>'
        '<button type="submit">Set limits</button></div></form></section>'
    )


def _effects(effects: list[Any]) -> str:
    """Runs of equal effects as "2 × error_server · HTTP 500: message", in order."""
    runs: list[list[Any]] = []
    for effect in effects:
        if runs and runs[-1][1] == effect:
            runs[-1][0] += 1
        else:
            runs.append([1, effect])
    parts = []
    for count, effect in runs:
        if effect == "pass":
            text = "pass"
        else:
            text = f"{effect.get('error', DEFAULT_ERROR)} · HTTP {effect.get('http_status', DEFAULT_HTTP_STATUS)}"
            if effect.get("message"):
                text += f": {effect['message']}"
        parts.append(f"{count} × {esc(text)}")
    return "<br>".join(parts) or '<span class="muted">none left</span>'


@page
async def add_fault(request: Request) -> Response:
    form = await request.form()
    body: dict[str, Any] = {
        "operation": str(form.get("operation") or "").strip(),
        "times": whole(form, "times", "times", low=1, high=MAX_FAULT_EFFECTS, default=1),
        "repeat_last": bool(form.get("repeat_last")),
        "http_status": whole(form, "http_status", "HTTP status", low=200, high=599, default=DEFAULT_HTTP_STATUS),
    }
    common = str(form.get("common_error") or "").strip()
    if common:
        # the named error brings its own message and status
        body["common_error"] = common
        del body["http_status"]
    # left empty, error and message keep the fault rules' own defaults
    for key in ("error", "message"):
        if not common and str(form.get(key) or "").strip():
            body[key] = str(form.get(key)).strip()
    if str(form.get("shop_id") or "").strip():
        body["shop_id"] = whole(form, "shop_id", "shop_id", low=1)
    await invoke(request, control.faults, body)
    return see_other(PATH, notice=f"Rule added: {body['operation']} fails {body['times']} time(s).")


@page
async def set_limits(request: Request) -> Response:
    form = await request.form()
    body = {
        key: (whole(form, key, label, low=0, high=control_limits.MAX_LIMIT) if str(form.get(key) or "").strip() else None)
        for key, label in (("rate_limit_per_second", "requests per second"), ("daily_call_limit", "daily call limit"))
    }
    await invoke(request, control_limits.limits, body)
    shown = ", ".join(f"{k} {v if v else 'off'}" for k, v in body.items())
    return see_other(PATH, notice=f"Limits set: {shown}.")


@page
async def clear_faults(request: Request) -> Response:
    await invoke(request, control.faults, method="DELETE")
    return see_other(PATH, notice="All fault rules cleared.")
