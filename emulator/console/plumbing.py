"""What every console page shares: the control token, calling the control plane, errors as messages.

The console holds no business rules. Every change it makes goes through the very control-plane
function a script's call reaches (``invoke`` calls it directly), so validation, messages and
transactions are the control plane's own.
"""
from __future__ import annotations

import hmac
from typing import Any, Awaitable, Callable

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from emulator.console.render import layout, see_other
from emulator.http.control.plane import TOKEN_HEADER, ControlCall, ControlError, action_of, check_query, run
from emulator.http.state import emulator_of as emulator_of  # the console pages take it from here
from emulator.edge import foreign_sender
from emulator.errors import ShopeeError

COOKIE = "emulator_token"
LOGIN_PATH = "/console/login"

Endpoint = Callable[[Request], Awaitable[Response]]


class ConsoleError(Exception):
    """A message for the person at the console: shown on the page, never a traceback."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message, self.status = message, status


def token_ok(request: Request, given: str | None) -> bool:
    expected = request.app.state.control_token
    if not expected:
        return True
    # bytes: a non-ASCII cookie must compare unequal, not raise (see signing.matches)
    return given is not None and hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


def authorised(request: Request) -> bool:
    """The control token, as the X-Emulator-Token header or the login cookie, when one is set."""
    return token_ok(request, request.headers.get(TOKEN_HEADER)) or token_ok(request, request.cookies.get(COOKIE))


def same_origin(request: Request) -> bool:
    """A form posted from another site (Origin or, without it, Referer) or by the emulator's own
    push must not drive the world."""
    return foreign_sender(request.method, request.headers) is None


def console_path(target: Any, default: str = "/console") -> str:
    """A redirect target that stays on the console, so a crafted form cannot send the browser away."""
    path = str(target or default)
    inside = path == "/console" or path.startswith(("/console/", "/console?"))
    if not inside or "//" in path or "\\" in path:
        return default
    return path


def back_to(form: Any, default: str = "/console") -> str:
    """Where a form returns after its action."""
    return console_path(form.get("back"), default)


def page(fn: Endpoint) -> Endpoint:
    """Token check, and errors rendered as a message: on the page itself for a GET, after the
    redirect back for a POST (so the form page shows what went wrong)."""

    async def endpoint(request: Request) -> Response:
        if not authorised(request):
            if request.method == "GET":
                return see_other(LOGIN_PATH, next=request.url.path)
            return _problem(request, "The console needs the control token: log in first.", 403, public=True)
        if not same_origin(request):
            refused = "this form was posted" if request.method == "POST" else "this page was asked for"
            return _problem(request, f"Refused: {refused} from another site.", 403, public=True)
        try:
            return await fn(request)
        except (ConsoleError, ControlError, ShopeeError, ValueError) as exc:
            message = getattr(exc, "message", None) or str(exc)
            status = getattr(exc, "status", 400) if isinstance(exc, (ConsoleError, ControlError)) else 400
            if request.method == "POST":
                form = await request.form()
                return see_other(back_to(form, _page_of(request, form)), error=message)
            return _problem(request, message, status)

    return endpoint


def _page_of(request: Request, form: Any) -> str:
    """The page a form without ``back`` came from: its action's section of the console."""
    path = request.url.path
    if path.startswith("/console/orders"):
        shop_id = str(form.get("shop_id") or "")
        return f"/console/orders?shop_id={shop_id}" if shop_id.isascii() and shop_id.isdigit() else "/console/orders"
    if path.startswith("/console/returns"):
        return "/console/returns"
    for section in ("/console/faults", "/console/push", "/console/api", "/console/items"):
        if path.startswith(section):
            return section
    return "/console"


def _problem(request: Request, message: str, status: int, public: bool = False) -> HTMLResponse:
    body = '<p><a href="/console">Back to the console</a></p>'
    return layout(emulator_of(request), "", "Console", body, error=message, status=status, public=public)


async def invoke(
    request: Request,
    endpoint: Endpoint,
    body: dict[str, Any] | None = None,
    *,
    method: str = "POST",
    path_params: dict[str, str] | None = None,
    query: str = "",
) -> Any:
    """Run a control-plane endpoint's function for this console request and return its answer.

    The call carries the console request's base URL (so links it builds point at this server);
    the console has already checked the control token.
    """
    params = QueryParams(query)
    call = ControlCall(
        emulator=emulator_of(request), method=method, path=request.url.path, query=params,
        path_params=path_params or {}, base_url=str(request.base_url),
        allow_paths=list(getattr(request.app.state, "allow_paths", None) or []), body=body or {},
    )
    try:
        check_query(params.multi_items())
        return await run(action_of(endpoint), call)
    except ControlError as exc:
        raise ConsoleError(exc.message, status=exc.status) from None


async def run_endpoint(
    request: Request,
    endpoint: Endpoint,
    *,
    method: str,
    headers: list[tuple[bytes, bytes]],
    query: str = "",
    body: bytes = b"",
    path: str | None = None,
    path_params: dict[str, str] | None = None,
) -> Response:
    """Call an endpoint of this app in-process, as if ``method path?query`` had arrived with
    ``headers`` and ``body`` on the console request's connection: no socket, no second request
    to the server the console runs in."""
    scope = {
        **request.scope,
        "method": method,
        "headers": headers,
        "query_string": query.encode(),
        "path_params": path_params or {},
    }
    if path is not None:
        scope.update(path=path, raw_path=path.encode())
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return await endpoint(Request(scope, receive))


def whole(form: Any, key: str, label: str, *, low: int = 0, high: int = 2**63 - 1, default: int | None = None) -> int:
    """A whole number typed into a form field, or a message naming the field."""
    raw = str(form.get(key) or "").strip()
    if not raw and default is not None:
        return default
    # the length check first: int() refuses strings of thousands of digits with a ValueError
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 19 or not low <= int(raw) <= high:
        raise ConsoleError(f"{label} must be a whole number from {low} to {high}")
    return int(raw)

