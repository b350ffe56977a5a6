"""``/console/push``: the Set Push page (callback URL, push codes, blocked shops), its Verify
button, the Push Test Data buttons (a sample push per code), the push faults, and the live outbox:
every push with its body, signature header and attempts, and a re-send button."""
from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from emulator.http.state import emulator_of
from emulator.console.plumbing import ConsoleError, invoke, page, whole
from emulator.console.render import button_form, copyable, esc, layout, moment, see_other, table, url
from emulator.domains.push import codes, samples
from emulator.http.control import push as push_control

PATH = "/console/push"
PAGE_SIZE = 50
MAX_FIELD = 2000

# The guide's names of the push codes, for people reading the page.
CODE_NAMES = {
    codes.VERIFY: "Verification", 1: "Shop Authorization", 2: "Shop Authorization Canceled", 3: "Order Status",
    4: "Order TrackingNo", 5: "Shopee Updates", 6: "Banned Item", 7: "Item Promotion Info", 8: "Reserved Stock Change",
    9: "Promotion Update", 10: "Webchat", 11: "Video Upload", 12: "Open API Authorization Expiry", 13: "Brand Register Result",
    15: "Shipping Document Status",
}

# The outbox re-reads itself while "live" is on, and only redraws when something changed, so
# an opened body stays open until a push arrives or moves on.
_LIVE = """
(function () {
  var box = document.getElementById('outbox'), live = document.getElementById('live');
  if (!box || !live) return;
  setInterval(function () {
    if (!live.checked) return;
    fetch(location.href, {credentials: 'same-origin'}).then(function (r) { return r.text(); }).then(function (text) {
      var fresh = new DOMParser().parseFromString(text, 'text/html').getElementById('outbox-list');
      var now = document.getElementById('outbox-list');
      if (!fresh || !now || fresh.innerHTML === now.innerHTML) return;
      var open = Array.prototype.map.call(now.querySelectorAll('details[open]'), function (d) { return d.id; });
      now.innerHTML = fresh.innerHTML;
      open.forEach(function (id) { var d = document.getElementById(id); if (d) d.open = true; });
    }).catch(function () {});
  }, 1500);
})();
"""


@page
async def push_page(request: Request) -> Response:
    emulator = emulator_of(request)
    q = request.query_params
    settings = await invoke(request, push_control.config, method="GET")
    fault_rules = (await invoke(request, push_control.faults, method="GET"))["faults"]
    filters = _filters(q)
    before = _before(q.get("before", ""))
    query = urlencode({k: v for k, v in {**filters, "limit": PAGE_SIZE + 1, "before": before}.items() if v is not None})
    pushes = (await invoke(request, push_control.pushes, method="GET", query=query))["pushes"]
    with emulator.transaction():
        shops = [(s["shop_id"], s["shop_name"]) for m in emulator.shops.marts() for s in (m, *emulator.shops.outlets_of(m["shop_id"]))]
    body = (
        _settings(settings, shops)
        + _verify(settings)
        + _test_data(shops)
        + _faults(fault_rules)
        + _outbox(emulator, pushes, filters, shops)
        + f"<script>{_LIVE}</script>"
    )
    return layout(emulator, PATH, "Push", body, notice=q.get("notice", ""), error=q.get("error", ""))


def _filters(q: Any) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name in ("code", "shop_id"):
        raw = q.get(name, "")
        if raw:
            found[name] = whole({name: raw}, name, name)
    state = q.get("state", "")
    if state:
        if state not in push_control.STATES:
            raise ConsoleError(f"state must be one of {', '.join(push_control.STATES)}")
        found["state"] = state
    return found


def _before(raw: str) -> int | None:
    return whole({"before": raw}, "before", "the page of pushes", low=1) if raw else None


def _code(code: int) -> str:
    return f'<span class="nowrap">{esc(code)} <span class="muted">{esc(CODE_NAMES.get(code, "push"))}</span></span>'


def _settings(settings: dict[str, Any], shops: list[tuple[int, str]]) -> str:
    on = set(settings["push_config_on_list"])
    boxes = "".join(
        f'<label class="nowrap"><input type="checkbox" name="codes" value="{c}"{" checked" if c in on else ""}> {_code(c)}</label>'
        for c in codes.KNOWN_CODES
    )
    blocked = set(settings["blocked_shop_id"])
    shop_boxes = "".join(
        f'<label class="nowrap"><input type="checkbox" name="blocked" value="{sid}"{" checked" if sid in blocked else ""}> '
        f'{esc(sid)} <span class="muted">{esc(name)}</span></label>'
        for sid, name in shops
    )
    others = sorted(blocked - {sid for sid, _ in shops})
    intervals = ", ".join(str(s) for s in settings["retry_intervals"])
    return (
        '<section id="settings"><h2>Set Push</h2>'
        f'<form method="post" action="{PATH}/config">'
        '<div class="row"><label>Callback URL <input name="callback_url" size="60" placeholder="https://your-app.example/shopee/push" '
        f'value="{esc(settings["callback_url"])}"></label>'
        f'<span class="muted">live push status: {esc(settings["live_push_status"])}{_rate(settings)}</span></div>'
        f'<h3>Push codes switched on</h3><div class="row" id="codes">{boxes}</div>'
        f'<h3>Blocked shops</h3><div class="row" id="blocked">{shop_boxes or "<span class=muted>no shops</span>"}</div>'
        '<div class="row" style="margin-top:.6em">'
        f'<label>other blocked shop ids <input name="blocked_other" size="30" value="{esc(", ".join(map(str, others)))}" '
        'placeholder="comma separated"></label>'
        f'<label>retry after (seconds) <input name="retry_intervals" size="24" value="{esc(intervals)}"></label>'
        '<button type="submit">Save</button></div></form>'
        '<p class="muted">A push goes out for a switched-on code when a shop that authorized the app, and is not blocked, has news; '
        "a receiver must answer 2xx with an empty body within 3 seconds, otherwise it is retried after each interval, then lost.</p>"
        "</section>"
    )


def _rate(settings: dict[str, Any]) -> str:
    # the grounds of the status: the guide's rule looks at the last 6 hours' pushes
    if settings["success_rate"] is None:
        return " · no pushes in the last 6 hours"
    return f' · {settings["delivered_6h"]} of {settings["sent_6h"]} delivered in the last 6 hours ({settings["success_rate"]:.0%})'


def _verify(settings: dict[str, Any]) -> str:
    return (
        '<section id="verify"><h2>Verify the callback URL</h2>'
        f'<form method="post" action="{PATH}/verify" class="row">'
        f'<label>URL <input name="callback_url" size="60" placeholder="{esc(settings["callback_url"] or "the callback URL")}"></label>'
        '<button type="submit">Verify</button>'
        '<span class="muted">sends one code-0 push now (never retried); empty: to the saved callback URL</span></form>'
        "</section>"
    )


def _test_data(shops: list[tuple[int, str]]) -> str:
    # one form, one button per code: the shop choice applies to whichever button is pressed
    rows = [
        [_code(c), f'<button type="submit" name="code" value="{c}" form="push-test" class="plain">Push Test Data</button>']
        for c in samples.SUPPORTED
    ]
    options = "".join(f'<option value="{sid}">{esc(sid)} · {esc(name)}</option>' for sid, name in shops)
    return (
        '<section id="push-test-data"><h2>Push Test Data</h2>'
        f'<form method="post" action="{PATH}/test" id="push-test" class="row">'
        f'<label>about shop <select name="shop_id"><option value="">the first with news of it</option>{options}</select></label></form>'
        + table(["push", ""], rows, table_id="push-test-list")
        + '<p class="muted">Sends a sample push of that code now to the saved callback URL, whether or not the code is switched '
        "on: the real push's fields, filled from the shop's newest order, package, video or discount where it has one. "
        "It is queued like any push, so faults, retries and the outbox apply.</p></section>"
    )


def _effect(effect: Any) -> str:
    return f"delay {effect['delay']} s" if isinstance(effect, dict) else str(effect)


def _faults(rules: list[dict[str, Any]]) -> str:
    rows = [
        [
            "any" if rule["code"] is None else _code(rule["code"]),
            esc(", ".join(_effect(e) for e in rule["effects"]) or "none left"),
            esc("yes" if rule["repeat_last"] else "no"),
            esc(rule["matched"]),
        ]
        for rule in rules
    ]
    options = "".join(f'<option value="{c}">{esc(c)} · {esc(CODE_NAMES[c])}</option>' for c in codes.KNOWN_CODES)
    return (
        '<section id="push-faults"><h2>Push faults</h2>'
        + table(["code", "next effects", "repeat last", "matched"], rows, table_id="push-fault-list",
                empty="No push faults: every push is sent as it is made.")
        + (button_form(f"{PATH}/faults/clear", "Clear push faults", css="danger") if rows else "")
        + f'<form method="post" action="{PATH}/faults" class="row" style="margin-top:.6em">'
        f'<label>code <select name="code"><option value="">any</option>{options}</select></label>'
        '<label>effects <input name="effects" size="36" value="drop" placeholder="drop, duplicate, delay 30, pass"></label>'
        '<label><input type="checkbox" name="repeat_last" value="1"> keep the last effect</label>'
        '<button type="submit" class="plain">Add</button></form>'
        '<p class="muted">One effect per push of that code, in order: <code>drop</code> (never sent, never lost), '
        "<code>duplicate</code> (delivered twice), <code>delay N</code> (first attempt N seconds later), <code>pass</code>.</p>"
        "</section>"
    )


def _outbox(emulator: Any, pushes: list[dict[str, Any]], filters: dict[str, Any], shops: list[tuple[int, str]]) -> str:
    rows = [_push_row(emulator, doc) for doc in pushes[:PAGE_SIZE]]
    older = ""
    if len(pushes) > PAGE_SIZE:
        older = f'<p><a id="older" href="{esc(url(PATH, **filters, before=pushes[PAGE_SIZE - 1]["message_id"]))}">Older pushes →</a></p>'
    code_options = "".join(
        f'<option value="{c}"{" selected" if filters.get("code") == c else ""}>{esc(c)} · {esc(CODE_NAMES[c])}</option>'
        for c in (codes.VERIFY, *codes.KNOWN_CODES)
    )
    state_options = "".join(f'<option{" selected" if filters.get("state") == s else ""}>{s}</option>' for s in push_control.STATES)
    shop_options = "".join(
        f'<option value="{sid}"{" selected" if filters.get("shop_id") == sid else ""}>{esc(sid)} · {esc(name)}</option>'
        for sid, name in shops
    )
    return (
        '<section id="outbox"><h2>Outbox</h2>'
        f'<form method="get" action="{PATH}" class="row">'
        f'<label>code <select name="code"><option value="">all</option>{code_options}</select></label>'
        f'<label>state <select name="state"><option value="">all</option>{state_options}</select></label>'
        f'<label>shop <select name="shop_id"><option value="">all</option>{shop_options}</select></label>'
        '<button type="submit" class="plain">Filter</button>'
        '<label><input type="checkbox" id="live" checked> live</label></form>'
        '<div id="outbox-list">'
        + table(["# · created", "code · shop", "state", "body and signature", "attempts (time · HTTP · latency)"], rows, table_id="push-list",
                empty="No pushes yet. Set a callback URL, switch codes on, then create or move a test order.")
        + "</div>"
        + older
        + '<p class="muted">Pushes leave once the clock moves (the overview\'s clock buttons), or within a second with the '
        "real-time clock of <code>serve</code>. Latency is each attempt's real round trip.</p></section>"
    )


def _push_row(emulator: Any, doc: dict[str, Any]) -> list[str]:
    message_id = doc["message_id"]
    state = f'<span class="status" id="state-{esc(message_id)}">{esc(doc["state"])}</span>'
    if doc.get("fault") not in (None, "pass"):
        state += f'<span class="tag">{esc(_effect(doc["fault"]))}</span>'
    if doc.get("test_data"):
        state += '<span class="tag">test data</span>'
    if doc.get("resent_from"):
        state += f'<br><span class="muted">re-send of #{esc(doc["resent_from"])}</span>'
    if doc.get("consumed"):
        state += '<br><span class="muted">lost push confirmed</span>'
    if doc["code"] != codes.VERIFY:
        state += "<br>" + button_form(f"{PATH}/{message_id}/resend", "Re-send", css="plain")
    signature = next((a["authorization"] for a in reversed(doc["attempts"]) if a.get("authorization")), "")
    body = (
        f'<details id="body-{esc(message_id)}"><summary><code>{esc(_summary(doc["body"]))}</code></summary>'
        f"<pre>{esc(_pretty(doc['body']))}</pre></details>"
        + (f'<span class="muted">Authorization</span> {copyable(signature)}' if signature else "")
    )
    return [
        f'{esc(message_id)}<br><span class="muted">{moment(emulator, doc["created"])}</span>',
        _code(doc["code"]) + f'<br><span class="muted">shop</span> {esc(doc["shop_id"] if doc["shop_id"] is not None else "partner")}',
        state,
        f'<div class="push-body">{body}</div>',
        _attempts(emulator, doc["attempts"]),
    ]


def _summary(body: str) -> str:
    """What a push is about, in one line: its order and status where it has them."""
    try:
        data = json.loads(body).get("data") or {}
    except (ValueError, AttributeError):
        return body[:60]
    parts = [str(data[k]) for k in ("ordersn", "status", "tracking_no", "package_number") if data.get(k)]
    return " · ".join(parts) or body[:60]


def _pretty(body: str) -> str:
    try:
        return json.dumps(json.loads(body), indent=2, ensure_ascii=False)
    except ValueError:
        return body


def _attempts(emulator: Any, attempts: list[dict[str, Any]]) -> str:
    if not attempts:
        return '<span class="muted">not sent yet</span>'
    rows = "".join(
        "<tr>"
        f"<td>{moment(emulator, a['time'])}</td>"
        f'<td class="nowrap">{esc(a["http_status"] if a["http_status"] is not None else "-")} '
        f'<span class="{"on" if a["result"] == "delivered" else "off"}">{esc(a["result"])}</span>'
        f'{" <span class=tag>duplicate</span>" if a.get("duplicate") else ""}</td>'
        f'<td class="num nowrap">{esc(_ms(a.get("latency_ms")))}</td>'
        "</tr>"
        + (f'<tr><td colspan="3" class="muted">{esc(a["detail"])}</td></tr>' if a.get("detail") else "")
        for a in attempts
    )
    return f'<table class="attempts"><tbody>{rows}</tbody></table>'


def _ms(latency: float | None) -> str:
    return "-" if latency is None else f"{latency:g} ms"


# -- actions ------------------------------------------------------------------------------------
@page
async def save_config(request: Request) -> Response:
    form = await request.form()
    chosen = [whole({"code": raw}, "code", "a push code") for raw in form.getlist("codes")]
    blocked = [whole({"id": raw}, "id", "a blocked shop id", low=1) for raw in form.getlist("blocked")]
    blocked += _numbers(form, "blocked_other", "other blocked shop ids", low=1)
    body: dict[str, Any] = {"callback_url": _text(form, "callback_url"), "codes": chosen, "blocked_shop_ids": blocked}
    if _text(form, "retry_intervals"):
        body["retry_intervals"] = _numbers(form, "retry_intervals", "retry after", high=30 * 86400)
    saved = await invoke(request, push_control.config, body)
    on = ", ".join(str(c) for c in saved["push_config_on_list"]) or "none"
    return see_other(PATH, notice=f"Push settings saved: {saved['callback_url'] or 'no callback URL'}; codes on: {on}.")


def _text(form: Any, key: str) -> str:
    value = str(form.get(key) or "").strip()
    if len(value) > MAX_FIELD:
        raise ConsoleError(f"{key} is longer than {MAX_FIELD} characters")
    return value


def _numbers(form: Any, key: str, label: str, *, low: int = 0, high: int = 2**63 - 1) -> list[int]:
    """Comma- or space-separated whole numbers typed into one field."""
    raw = _text(form, key).replace(",", " ").split()
    if len(raw) > 500:
        raise ConsoleError(f"{label}: at most 500 numbers")
    return [whole({"n": n}, "n", label, low=low, high=high) for n in raw]


@page
async def verify(request: Request) -> Response:
    form = await request.form()
    target = _text(form, "callback_url")
    sent = await invoke(request, push_control.test_push, {"callback_url": target} if target else {})
    attempt = sent["attempts"][-1] if sent["attempts"] else {}
    where = attempt.get("url", target)
    if sent["state"] == "delivered":
        return see_other(PATH, notice=f"Verified: {where} answered HTTP {attempt['http_status']} in {_ms(attempt.get('latency_ms'))} (push #{sent['message_id']}).")
    reason = attempt.get("detail") or attempt.get("result", "not sent")
    return see_other(PATH, error=f"Verify failed: {where}: {reason} (push #{sent['message_id']}).")


@page
async def test_data(request: Request) -> Response:
    form = await request.form()
    code = whole(form, "code", "the push code")
    body: dict[str, Any] = {"code": code}
    if form.get("shop_id"):
        body["shop_id"] = whole(form, "shop_id", "the shop", low=1)
    sent = await invoke(request, push_control.test_push, body)
    what = f"Test data of code {code} ({CODE_NAMES.get(code, 'push')}), push #{sent['message_id']}"
    if not sent["attempts"]:
        return see_other(PATH, notice=f"{what}: {sent['state']} (a push fault applies).")
    attempt = sent["attempts"][-1]
    if sent["state"] == "delivered":
        return see_other(PATH, notice=f"{what}: {attempt['url']} answered HTTP {attempt['http_status']} in {_ms(attempt.get('latency_ms'))}.")
    later = "; it is retried later" if sent["state"] == "pending" else ""
    return see_other(PATH, error=f"{what}: {attempt['url']}: {attempt.get('detail') or attempt['result']}{later}.")


@page
async def resend(request: Request) -> Response:
    copy = await invoke(request, push_control.resend, path_params={"message_id": request.path_params["message_id"]})
    return see_other(PATH, notice=f"Push #{request.path_params['message_id']} re-sent as #{copy['message_id']}: {copy['state']}.")


@page
async def add_fault(request: Request) -> Response:
    form = await request.form()
    effects: list[Any] = []
    for part in _text(form, "effects").split(","):
        words = part.split()
        if len(words) == 2 and words[0] == "delay":
            effects.append({"delay": whole({"s": words[1]}, "s", "the delay", high=30 * 86400)})
        elif words:
            effects.append(" ".join(words))
    if not effects:
        raise ConsoleError("effects: name at least one of drop, duplicate, delay N, pass")
    body: dict[str, Any] = {"effects": effects, "repeat_last": bool(form.get("repeat_last"))}
    if form.get("code"):
        body["code"] = whole(form, "code", "code")
    await invoke(request, push_control.faults, body)
    which = f"code {body['code']}" if "code" in body else "any code"
    return see_other(PATH, notice=f"Push fault added for {which}: {', '.join(_effect(e) for e in effects)}.")


@page
async def clear_faults(request: Request) -> Response:
    await invoke(request, push_control.faults, method="DELETE")
    return see_other(PATH, notice="Push faults cleared.")
