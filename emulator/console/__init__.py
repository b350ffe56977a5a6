"""The web console at ``/console``: the emulator's stand-in for the Open Platform Console's tools.

Server-rendered pages (no build step, nothing fetched from the network) over the same control-plane
endpoints as ``/_emulator``; see ``plumbing.invoke``. When the server has a control token, the
console asks for it once (``/console/login``) and keeps it in a cookie.
"""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from emulator.console import api_tool, faults, items, orders, overview, partner_auth, push, returns
from emulator.http.state import emulator_of
from emulator.console.plumbing import COOKIE, LOGIN_PATH, console_path, same_origin, token_ok
from emulator.console.render import button_form, esc, layout, see_other

__all__ = ["routes"]

LOGOUT_PATH = "/console/logout"


async def login(request: Request) -> Response:
    """GET shows the form (or takes ``?token=``); POST takes the form. A right token sets the cookie."""
    if not request.app.state.control_token:
        return see_other("/console")
    values = await request.form() if request.method == "POST" else request.query_params
    token = values.get("token")
    target = console_path(values.get("next"))
    if token is not None and token_ok(request, str(token)):
        response = see_other(target)
        response.set_cookie(COOKIE, str(token), httponly=True, samesite="strict", path="/")
        return response
    error = "" if token is None else "That is not the control token this server was started with."
    body = (
        '<section><p>This emulator is reachable beyond loopback, so its console asks for the control token '
        "(<code>--control-token</code>).</p>"
        f'<form method="post" action="{LOGIN_PATH}" class="row"><input type="hidden" name="next" value="{esc(target)}">'
        '<label>control token <input type="password" name="token" autofocus></label> <button type="submit">Log in</button></form></section>'
    )
    return layout(emulator_of(request), "", "Console login", body, error=error, status=403 if error else 200, public=True)


async def logout(request: Request) -> Response:
    """Only a POST from the console's own pages logs out: a GET (an image tag on another site could send
    one) shows the button instead."""
    if request.method == "GET":
        body = "<section><p>End this browser's console session?</p>" + button_form(LOGOUT_PATH, "Log out") + "</section>"
        return layout(emulator_of(request), "", "Console logout", body, public=True)
    if not same_origin(request):
        return layout(emulator_of(request), "", "Console", "", error="Refused: this form was posted from another site.", status=403, public=True)
    response = see_other(LOGIN_PATH)
    response.delete_cookie(COOKIE, path="/")
    return response


def routes() -> list[Route]:
    return [
        Route("/console", overview.overview, methods=["GET"]),
        Route("/console/", overview.overview, methods=["GET"]),
        Route(LOGIN_PATH, login, methods=["GET", "POST"]),
        Route(LOGOUT_PATH, logout, methods=["GET", "POST"]),
        Route("/console/clock/advance", overview.advance_clock, methods=["POST"]),
        Route("/console/partner", overview.set_partner_flag, methods=["POST"]),
        Route("/console/shops", overview.create_shops, methods=["POST"]),
        Route("/console/reset", overview.reset, methods=["POST"]),
        Route(partner_auth.PATH, partner_auth.cancel, methods=["POST"]),
        Route(orders.PATH, orders.orders_page, methods=["GET"]),
        Route(orders.PATH, orders.create_order, methods=["POST"]),
        Route(orders.PATH + "/channels", orders.set_channels, methods=["POST"]),
        Route(orders.PATH + "/{order_sn}/act", orders.order_action, methods=["POST"]),
        Route(orders.PATH + "/{order_sn}/return", orders.request_return, methods=["POST"]),
        Route(orders.PATH + "/{order_sn}/print", orders.print_airway_bill, methods=["POST"]),
        Route(orders.PATH + "/{order_sn}/airway_bill.pdf", orders.airway_bill, methods=["GET"]),
        Route(returns.PATH, returns.returns_page, methods=["GET"]),
        Route(returns.PATH + "/{return_sn}/act", returns.return_action, methods=["POST"]),
        Route(items.PATH, items.items_page, methods=["GET"]),
        Route(push.PATH, push.push_page, methods=["GET"]),
        Route(push.PATH + "/config", push.save_config, methods=["POST"]),
        Route(push.PATH + "/verify", push.verify, methods=["POST"]),
        Route(push.PATH + "/test", push.test_data, methods=["POST"]),
        Route(push.PATH + "/faults", push.add_fault, methods=["POST"]),
        Route(push.PATH + "/faults/clear", push.clear_faults, methods=["POST"]),
        Route(push.PATH + "/{message_id}/resend", push.resend, methods=["POST"]),
        Route(api_tool.PATH, api_tool.tool_page, methods=["GET"]),
        Route(api_tool.PATH, api_tool.send, methods=["POST"]),
        Route(faults.PATH, faults.faults_page, methods=["GET"]),
        Route(faults.PATH, faults.add_fault, methods=["POST"]),
        Route(faults.PATH + "/clear", faults.clear_faults, methods=["POST"]),
        Route(faults.PATH + "/limits", faults.set_limits, methods=["POST"]),
    ]
