"""``/console/api``: the API test tool. Pick an API and a shop, edit the parameters (filled from
the API's declaration), Send: the console signs the call like an integration and runs it through
the emulator's own pipeline in-process, then shows the exact request (URL, base string, sign) and
the answer. A wrong sign shows the base string the emulator expected, from the calls log.
"""
from __future__ import annotations

import itertools
import json
from collections import OrderedDict
from typing import Any, cast
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from emulator import pipeline, render
from emulator import text as characters
from emulator.client import ShopeeClient
from emulator.console.api_params import declaration_rows, example_params
from emulator.http.state import emulator_of
from emulator.console.plumbing import ConsoleError, page, run_endpoint, whole
from emulator.console.render import copyable, esc, layout, see_other, table
from emulator.registry import PARTNER_OR_SHOP, PUBLIC

PATH = "/console/api"
DEFAULT_API = "v2.shop.get_shop_info"
MAX_PARAMS_BYTES = 64 * 1024
MAX_ANSWER_CHARS = 200_000
KEPT_RESULTS = 50
PARTNER_ONLY = ""


@page
async def tool_page(request: Request) -> Response:
    emulator = emulator_of(request)
    q = request.query_params
    result = _results(request).get(q.get("result", ""))
    api = _api(emulator, q.get("api") or (result["api"] if result else DEFAULT_API))
    op = emulator.registry.by_name[api]
    with emulator.transaction():
        shops = [(s["shop_id"], s["shop_name"], s["kind"]) for m in emulator.shops.marts() for s in (m, *emulator.shops.outlets_of(m["shop_id"]))]
        now = emulator.clock.now()
    shop_raw = q.get("shop_id")
    if shop_raw is None:
        shop_raw = str(result["shop_id"] or "") if result else ("" if op.auth == PUBLIC else str(shops[0][0]) if shops else "")
    same = result is not None and result["api"] == api
    params_text = result["params"] if same and result is not None else json.dumps(example_params(op.spec, now), indent=2, ensure_ascii=False)
    body = _picker(emulator, api, shop_raw) + _form(op, shops, shop_raw, params_text, result if same else None)
    if result is not None:
        body += _result(result)
    return layout(emulator, PATH, "API test tool", body, notice=q.get("notice", ""), error=q.get("error", ""))


def _api(emulator: Any, name: str) -> str:
    if name not in emulator.registry.by_name:
        raise ConsoleError(f"{name} is not an API of this emulator; pick one from the list", status=404)
    return name


def _picker(emulator: Any, api: str, shop_raw: str) -> str:
    groups: dict[str, list[str]] = {}
    for name in sorted(emulator.registry.by_name):
        groups.setdefault(name.split(".")[1], []).append(name)
    options = "".join(
        f'<optgroup label="{esc(module)}">'
        + "".join(f'<option{" selected" if n == api else ""}>{esc(n)}</option>' for n in names)
        + "</optgroup>"
        for module, names in groups.items()
    )
    return (
        f'<section id="pick"><form method="get" action="{PATH}" class="row">'
        f'<label>API <select name="api" id="api" onchange="this.form.submit()">{options}</select></label>'
        f'<input type="hidden" name="shop_id" value="{esc(shop_raw)}">'
        '<button type="submit" class="plain">Load</button></form></section>'
    )


def _form(op: Any, shops: list[tuple[int, str, str]], shop_raw: str, params_text: str, last: dict[str, Any] | None) -> str:
    choices = [(PARTNER_ONLY, "no shop: partner-level sign")] + [
        (str(sid), f'{"Mart" if kind == "mart" else "Outlet"} {sid} · {name}') for sid, name, kind in shops
    ]
    if op.auth not in (PUBLIC, PARTNER_OR_SHOP):
        choices = choices[1:]
    shop_options = "".join(f'<option value="{esc(v)}"{" selected" if v == shop_raw else ""}>{esc(t)}</option>' for v, t in choices)
    rows = [
        [f'<span style="padding-left:{depth * 1.2}em">{esc(name)}</span>', f"<code>{esc(kind)}</code>", esc("yes" if required else "")]
        for depth, name, kind, required in declaration_rows(op.spec.request if op.spec else ())
    ]
    kept = last or {}
    not_emulated = "" if op.handler else '<p class="error">This API is in the catalogue but not emulated: it answers error_not_emulated.</p>'
    where = "the JSON body" if op.method == "POST" else "the query (lists joined by commas)"
    return (
        f'<section id="request"><h2><code>{esc(op.method)} {esc(op.path)}</code></h2>{not_emulated}'
        f'<form method="post" action="{PATH}" id="send-form"><input type="hidden" name="api" value="{esc(op.name)}">'
        f'<div class="row"><label>Shop <select name="shop_id" id="shop">{shop_options}</select></label></div>'
        f'<p><label>Parameters, sent in {where}<br><textarea name="params" id="params" rows="{min(24, params_text.count(chr(10)) + 3)}" '
        f'spellcheck="false">{esc(params_text)}</textarea></label></p>'
        '<details id="signing"><summary>Signing: leave empty to sign as the emulator\'s partner would</summary><div class="row">'
        f'<label>partner_key <input name="partner_key" size="40" value="{esc(kept.get("partner_key_given", ""))}" placeholder="the app\'s key"></label>'
        f'<label>timestamp <input name="timestamp" size="12" value="{esc(kept.get("timestamp_given", ""))}" placeholder="now"></label>'
        f'<label>access_token <input name="access_token" size="34" value="{esc(kept.get("access_token_given", ""))}" placeholder="the shop\'s ready token"></label>'
        f'<label>sign <input name="sign" id="sign-override" size="40" value="{esc(kept.get("sign_given", ""))}" placeholder="computed"></label>'
        "</div></details>"
        '<p><button type="submit" id="send">Send</button></p></form>'
        "<details><summary>Declared parameters</summary>"
        + table(["name", "type", "required"], rows, table_id="declaration", empty="This API takes no parameters.")
        + "</details></section>"
    )


def _result(result: dict[str, Any]) -> str:
    sign_note = "typed in the form" if result["sign_given"] else f"HMAC-SHA256 of the base string with the {result['key_note']}"
    request_part = (
        '<section id="result"><h2>Request</h2><dl class="kv">'
        f'<dt>URL</dt><dd>{copyable(result["url"])}</dd>'
        f'<dt>base string</dt><dd>{copyable(result["base"])}</dd>'
        f'<dt>sign</dt><dd>{copyable(result["sign"])} <span class="muted">{esc(sign_note)}</span></dd>'
        + (f'<dt>body</dt><dd><pre id="request-body">{esc(result["body"])}</pre></dd>' if result["body"] else "")
        + "</dl>"
    )
    expected = ""
    if result.get("expected_base"):
        expected = (
            '<div class="error" id="wrong-sign"><strong>Wrong sign.</strong> The emulator expected the sign over this base string '
            f'(from the calls log, <a href="/_emulator/calls">/_emulator/calls</a>):<br><code id="expected-base">{esc(result["expected_base"])}</code>'
            f"<br>The sign sent was {esc(sign_note)}; " + _diagnosis(result) + "</div>"
        )
    answer = (
        f'<h2>Answer <span class="muted">HTTP <span id="answer-status">{esc(result["status"])}</span> · '
        f'{esc(result["content_type"])}</span></h2>{expected}<pre id="answer">{esc(result["answer"])}</pre></section>'
    )
    return request_part + answer


def _diagnosis(result: dict[str, Any]) -> str:
    """Which part of the signing to look at, from what the two base strings say."""
    if result["sign_given"]:
        return "compute it over the expected base string with the app's partner_key."
    if result["expected_base"] == result["base"]:
        return "the base string is right, so the key it was signed with is not the app's partner_key."
    order = "partner_id, path, timestamp" + (", access_token, shop_id" if result["shop_id"] else "")
    return f"the base strings differ: join {esc(order)} in this order, with nothing between them."


def _results(request: Request) -> "OrderedDict[str, dict[str, Any]]":
    """The last sends of this app, so the page after the redirect can show them (kept in memory only)."""
    state = request.app.state
    found = getattr(state, "api_tool_results", None)
    if found is None:
        found = state.api_tool_results = OrderedDict()
        state.api_tool_ids = itertools.count(1)
    return cast("OrderedDict[str, dict[str, Any]]", found)


# -- sending -------------------------------------------------------------------------------------
@page
async def send(request: Request) -> Response:
    emulator = emulator_of(request)
    form = await request.form()
    api = _api(emulator, str(form.get("api") or ""))
    op = emulator.registry.by_name[api]
    if op.form:
        raise ConsoleError(f"{api} takes a multipart file upload, which this tool does not send; use a client")
    shop_raw = str(form.get("shop_id") or "")
    shop_id = whole(form, "shop_id", "shop_id", low=1) if shop_raw else None
    if shop_id is None and op.auth not in (PUBLIC, PARTNER_OR_SHOP):
        raise ConsoleError(f"choose a shop: {api} is signed with a shop's access_token and shop_id")
    params_text = str(form.get("params") or "").strip() or "{}"
    params = _params(params_text)
    call = _sign(emulator, api, shop_id, form)
    query = {**call["query"]}
    body = b""
    headers = [(b"host", request.headers.get("host", "").encode())]
    if op.method == "GET":
        query.update({k: _query_value(v) for k, v in params.items()})
    else:
        body = json.dumps(params, ensure_ascii=False).encode()
        headers.append((b"content-type", b"application/json"))
    query_string = urlencode(query)
    response = await run_endpoint(request, pipeline.endpoint, method=op.method, headers=headers, query=query_string, body=body, path=op.path)
    answer, request_id = _answer(response)
    results = _results(request)
    key = str(next(request.app.state.api_tool_ids))
    results[key] = {
        **call, "api": api, "shop_id": shop_id, "params": params_text, "body": body.decode() if body else "",
        "url": f"{pipeline.base_url(request.scope)}{op.path}?{query_string}", "status": response.status_code,
        "content_type": response.headers.get("content-type", ""), "answer": answer,
        "expected_base": _expected_base(emulator, request_id),
    }
    while len(results) > KEPT_RESULTS:
        results.popitem(last=False)
    return see_other(PATH, api=api, shop_id=shop_raw, result=key)


def _params(text: str) -> dict[str, Any]:
    if len(text.encode()) > MAX_PARAMS_BYTES:
        raise ConsoleError(f"the parameters are larger than {MAX_PARAMS_BYTES // 1024} KB")
    try:
        params = render.loads_lenient(text)  # the stdlib's messages say where the JSON breaks
    except render.NestingError:
        raise ConsoleError(f"the parameters nest arrays and objects deeper than {render.MAX_DEPTH} levels") from None
    except ValueError as exc:
        raise ConsoleError(f"the parameters are not JSON: {exc}") from None
    if not isinstance(params, dict):
        raise ConsoleError('the parameters must be a JSON object, such as {"item_id": 100}')
    # what a client could not send either (a lone surrogate, NaN): named here, before signing
    problem = characters.first_problem(params) or render.unrenderable(params)
    if problem:
        raise ConsoleError(f"the parameters: {problem}")
    return params


def _sign(emulator: Any, api: str, shop_id: int | None, form: Any) -> dict[str, Any]:
    """The common parameters as an integration signs them, with the form's overrides."""
    partner = emulator.auth.default_partner()
    key_given = str(form.get("partner_key") or "").strip()
    token_given = str(form.get("access_token") or "").strip()
    timestamp = whole(form, "timestamp", "timestamp", default=emulator.clock.now())
    client = ShopeeClient(cast(Any, None), partner["partner_id"], key_given or partner["partner_key"], emulator)
    with emulator.transaction():
        if shop_id is not None and emulator.shops.find(shop_id) is None:
            raise ConsoleError(f"shop {shop_id} is not a shop of this world")
        method, path, query, base = client.signed_parts(api, shop_id, access_token=token_given or None, timestamp=timestamp)
    sign_given = str(form.get("sign") or "").strip()
    if sign_given:
        query["sign"] = sign_given
    return {
        "query": query, "base": base, "sign": query["sign"], "sign_given": sign_given, "partner_key_given": key_given,
        "access_token_given": token_given, "timestamp_given": str(form.get("timestamp") or "").strip(),
        "key_note": "partner_key typed in the form" if key_given else "app's partner_key",
    }


def _query_value(value: Any) -> str:
    if isinstance(value, list):
        return ",".join(_query_value(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _answer(response: Response) -> tuple[str, str]:
    """The answer as text (JSON pretty-printed), and its request_id when it is an envelope."""
    raw = bytes(response.body)
    if not response.headers.get("content-type", "").startswith("application/json"):
        return f"({len(raw)} bytes of {response.headers.get('content-type', 'data')})", ""
    try:
        decoded = json.loads(raw)
    except ValueError:
        return raw.decode("utf-8", "replace")[:MAX_ANSWER_CHARS], ""
    request_id = decoded.get("request_id", "") if isinstance(decoded, dict) else ""
    return json.dumps(decoded, indent=2, ensure_ascii=False)[:MAX_ANSWER_CHARS], str(request_id)


def _expected_base(emulator: Any, request_id: str) -> str:
    """What the pipeline recorded for this call: the base string a right sign covers, on a wrong sign."""
    for call in reversed(emulator.calls):
        if request_id and call["request_id"] == request_id:
            return str(call.get("expected_base_string", ""))
    return ""
