"""HTML building blocks of the console: one layout, escaping, times and small form pieces.

Plain f-strings rather than a template engine: the pages are few and small, and every value that
came from state or from a request goes through ``esc`` (``html.escape`` with quotes) exactly once.
"""
from __future__ import annotations

import datetime as dt
import html
from typing import Any, Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit
from zoneinfo import ZoneInfo

from starlette.responses import HTMLResponse, RedirectResponse

NAV = (
    ("/console", "Overview"), ("/console/items", "Items"), ("/console/orders", "Test Order"), ("/console/returns", "Returns"),
    ("/console/push", "Push"), ("/console/api", "API test tool"), ("/console/faults", "Faults"),
)
# Downloads for other tools, served by the control plane.
LINKS = (("/_emulator/postman.json", "Postman collection"), ("/openapi.json", "OpenAPI"))

_STYLE = """
body{font-family:system-ui,sans-serif;margin:0;color:#222;background:#f6f6f6;font-size:14px}
header{background:#ee4d2d;color:#fff;padding:.6em 1.5em;display:flex;flex-wrap:wrap;gap:.4em 1.2em;align-items:center}
header a{color:#fff;text-decoration:none;padding:.2em .4em;border-radius:3px}
header a.current{background:rgba(255,255,255,.25)} header .brand{font-weight:bold;font-size:1.1em}
header .clock{margin-left:auto;font-size:.9em;opacity:.95}
main{max-width:1440px;margin:1em auto;padding:0 1em}
section{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:.4em 1.2em 1em;margin:0 0 1em}
h1{font-size:1.3em} h2{font-size:1.1em;color:#ee4d2d;margin:.8em 0 .5em}
table{border-collapse:collapse;width:100%} th,td{border-bottom:1px solid #eee;padding:.35em .5em;text-align:left;vertical-align:top}
th{background:#fafafa;font-weight:600} td.num{text-align:right}
.nowrap{white-space:nowrap} code.copy.nowrap{word-break:normal}
code.copy{background:#f1f1f1;padding:.1em .35em;border-radius:3px;user-select:all;word-break:break-all;cursor:copy;line-height:1.7;box-decoration-break:clone;-webkit-box-decoration-break:clone}
button,.button{background:#ee4d2d;color:#fff;border:0;padding:.35em .9em;border-radius:4px;font-size:.95em;cursor:pointer;text-decoration:none;display:inline-block}
button.plain{background:#fff;color:#ee4d2d;border:1px solid #ee4d2d} button:disabled{background:#ccc;cursor:not-allowed}
button.danger{background:#b00020}
form.inline{display:inline;margin:0 .2em .2em 0}
input,select{padding:.3em;border:1px solid #ccc;border-radius:3px;font-size:.95em} input[type=number]{width:6em}
.notice{background:#e7f6ea;border:1px solid #8bc79a;padding:.6em 1em;border-radius:4px;margin-bottom:1em}
.error{background:#fdecee;border:1px solid #e08a95;color:#8a0015;padding:.6em 1em;border-radius:4px;margin-bottom:1em}
.muted{color:#777} .status{font-weight:600} .on{color:#1a7f37} .off{color:#8a0015}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.3em 1em;margin:.3em 0} dl.kv dt{color:#555}
.row{display:flex;gap:1em;flex-wrap:wrap;align-items:flex-end}
header nav.links{font-size:.85em} header nav.links a{opacity:.9;text-decoration:underline}
pre{background:#f6f6f6;border:1px solid #e6e6e6;border-radius:4px;padding:.5em .7em;margin:.3em 0;white-space:pre-wrap;word-break:break-all;max-height:28em;overflow:auto;font-size:.9em}
textarea{width:100%;box-sizing:border-box;font-family:ui-monospace,monospace;font-size:.9em;padding:.4em;border:1px solid #ccc;border-radius:3px}
table.attempts{width:auto;font-size:.9em} table.attempts td,table.attempts th{padding:.1em .5em;border:0}
details summary{cursor:pointer;color:#555}
.tag{display:inline-block;background:#eee;border-radius:3px;padding:0 .35em;font-size:.85em;margin-left:.3em}
.num{font-variant-numeric:tabular-nums}
.push-body{max-width:30em} .push-body code.copy{font-size:.85em}
table.models{width:auto} table.models td{border:0;padding:.05em .6em .05em 0;white-space:nowrap}
.lines{min-width:14em}
section{overflow-x:auto}
"""

# Clicking a token copies it; the selection (user-select:all) is the fallback where the clipboard
# API is unavailable (plain http on a non-loopback host).
_SCRIPT = """
document.addEventListener('click', function (e) {
  var t = e.target;
  if (t.matches && t.matches('code.copy') && navigator.clipboard) {
    navigator.clipboard.writeText(t.textContent).then(function () { t.title = 'copied'; });
  }
});
"""


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def url(path: str, **query: Any) -> str:
    """``path`` with ``query`` merged into any query it has; empty or None values are left out."""
    parts = urlsplit(path)
    merged = {k: v for k, v in parse_qsl(parts.query) if k not in query}
    merged.update({k: v for k, v in query.items() if v not in (None, "")})
    return f"{parts.path}?{urlencode(merged)}" if merged else parts.path


def when(emulator: Any, timestamp: int) -> str:
    """A unix time as the world's local time; 0 is 'never' in the platform's documents."""
    if not timestamp:
        return "-"
    zone = ZoneInfo(emulator.world.get("timezone", "UTC"))
    return dt.datetime.fromtimestamp(int(timestamp), zone).strftime("%Y-%m-%d %H:%M:%S %Z")


def moment(emulator: Any, timestamp: int) -> str:
    """A time in a table cell: on one line, so a narrow column never wraps it."""
    return f'<span class="nowrap">{esc(when(emulator, timestamp))}</span>'


def amount(value: Any, currency: str) -> str:
    """Money as the platform shows it: the exact amount and its currency."""
    return f'<span class="num nowrap">{esc(value)} {esc(currency)}</span>'


def layout(
    emulator: Any, active: str, title: str, body: str, *, notice: str = "", error: str = "", status: int = 200, public: bool = False
) -> HTMLResponse:
    """The page around ``body``; a ``public`` page (login, refusals) shows nothing of the world."""
    nav = "".join(f'<a href="{href}"{" class=current" if href == active else ""}>{esc(text)}</a>' for href, text in NAV)
    nav += '<nav class="links">' + " ".join(f'<a href="{href}" download>{esc(text)}</a>' for href, text in LINKS) + "</nav>"
    flash = (f'<div class="notice" id="notice">{esc(notice)}</div>' if notice else "") + (
        f'<div class="error" id="error" role="alert">{esc(error)}</div>' if error else ""
    )
    clock = "" if public else f'<span class="clock">world {esc(emulator.world["name"])} · {esc(when(emulator, emulator.clock.now()))}</span>'
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(title)} · Instant Mart Emulator</title><style>{_STYLE}</style></head><body>"
        f'<header><span class="brand">Instant Mart Emulator · Console</span>{"" if public else nav}{clock}</header>'
        f"<main><h1>{esc(title)}</h1>{flash}{body}</main><script>{_SCRIPT}</script></body></html>"
    )
    return HTMLResponse(page, status_code=status)


def see_other(location: str, **query: Any) -> RedirectResponse:
    """The R of POST-redirect-GET: a 303 so a reload never repeats the action."""
    return RedirectResponse(url(location, **query), status_code=303)


def hidden(**fields: Any) -> str:
    return "".join(f'<input type="hidden" name="{esc(k)}" value="{esc(v)}">' for k, v in fields.items())


def button_form(target: str, label: str, /, *, css: str = "", confirm: str = "", disabled: bool = False, **fields: Any) -> str:
    """One button that POSTs ``fields`` to ``target``."""
    onsubmit = f' onsubmit="return confirm({esc(_js_string(confirm))})"' if confirm else ""
    attrs = (f' class="{css}"' if css else "") + (" disabled" if disabled else "")
    return (
        f'<form class="inline" method="post" action="{esc(target)}"{onsubmit}>{hidden(**fields)}'
        f'<button type="submit"{attrs}>{esc(label)}</button></form>'
    )


def _js_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def table(headers: Iterable[str], rows: Iterable[Iterable[str]], *, table_id: str = "", empty: str = "Nothing yet.") -> str:
    """A table whose cells are already HTML (callers escape values)."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    if not body:
        return f'<p class="muted">{esc(empty)}</p>'
    ident = f' id="{esc(table_id)}"' if table_id else ""
    return f"<table{ident}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def copyable(value: Any, *, nowrap: bool = False) -> str:
    css = "copy nowrap" if nowrap else "copy"
    return f'<code class="{css}" title="click to copy">{esc(value)}</code>'
