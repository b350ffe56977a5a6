"""What the server checks before any route runs, and how it refuses.

Three guards keep the emulator to the person at the keyboard:

    Host allowlist   every route of a served app (``HostGuard``): a DNS-rebinding page reaches the
                     server under the attacker's own name, which is not on the list
    Origin           every state-changing control call: a browser names the page that sent it
    JSON bodies      every state-changing control call: a simple cross-site request (form,
                     ``text/plain`` fetch) cannot send ``application/json`` without a preflight,
                     and the emulator grants none

A refusal on an API path is the platform's envelope; anywhere else the control plane's
``{"error", "message"}``.
"""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Any, Iterable
from urllib.parse import urlsplit

from emulator.domains.push.delivery import PUSH_AGENT
from emulator.render import dumps as encode

API_PREFIX = "/api/"
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARD_BINDS = frozenset({"0.0.0.0", "::", ""})
ANY_HOST = "*"
STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# what a browser says in Sec-Fetch-Site of a request another page made
FOREIGN_FETCH_SITES = frozenset({"cross-site", "same-site"})


def is_loopback(host: str) -> bool:
    name = host.lower()
    if name.startswith("[") and name.endswith("]"):  # only a whole pair: ``[::1`` is no address
        name = name[1:-1]
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _is_ip_literal(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def host_name(value: str) -> str:
    """The name in a ``Host`` header or an Origin's netloc, without port or IPv6 brackets."""
    value = value.strip().lower()
    # a port is digits or nothing: ``127.0.0.1:80@evil.example`` stays whole, and matches no name
    if value.startswith("["):
        name, closed, rest = value[1:].partition("]")
        return name if closed and (rest == "" or (rest[:1] == ":" and _port(rest[1:]))) else value
    if value.count(":") == 1:
        name, port = value.split(":")
        return name if _port(port) else value
    return value


def _port(text: str) -> bool:
    return text == "" or (text.isdigit() and text.isascii())


@dataclass(frozen=True)
class HostAllowlist:
    """The names a served emulator answers to: loopback, the bind address and ``--allowed-host``."""

    names: frozenset[str]
    any_ip: bool = False  # bound to every interface: reachable under any of the machine's addresses
    anything: bool = False

    @classmethod
    def for_server(cls, bind_host: str, extra: Iterable[str] = ()) -> "HostAllowlist":
        extra = [name.strip().lower() for name in extra if name.strip()]
        bind = host_name(bind_host)
        names = set(LOOPBACK_NAMES) | {host_name(name) for name in extra if name != ANY_HOST}
        if bind not in WILDCARD_BINDS:
            names.add(bind)
        return cls(frozenset(names), any_ip=bind in WILDCARD_BINDS, anything=ANY_HOST in extra)

    def permits(self, host: str | None) -> bool:
        if host is None or self.anything:
            return True  # no Host at all is an HTTP/1.0 tool, never a browser
        name = host_name(host)
        if name in self.names or is_loopback(name):
            return True
        # A rebinding page always reaches us under a DNS name it controls, never as an IP literal.
        return self.any_ip and _is_ip_literal(name)


def header(scope: dict[str, Any], name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def refusal_body(path: str, error: str, message: str, request_id: str = "") -> bytes:
    """The platform's envelope on an API path, the control plane's shape elsewhere."""
    if path.startswith(API_PREFIX):
        return encode({"request_id": request_id, "error": error, "message": message})
    return encode({"error": error, "message": message})


async def send_refusal(send: Any, status: int, body: bytes, close: bool = False) -> None:
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if close:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def origin_form(scope: dict[str, Any]) -> dict[str, Any]:
    """A request line in absolute form (``GET http://host/api/v2/...``, as a client set up with a
    proxy sends it) read as the path it names, its authority standing in for ``Host`` (RFC 9112
    3.2.2), so the route and the signed path are the ones the client meant."""
    # split by hand, not by urlsplit: the decoded path may hold a "?" or "#" of its own
    _, _, authority, *rest = scope["path"].split("/", 3)
    raw = scope.get("raw_path") or scope["path"].encode("latin-1")
    raw_rest = raw.split(b"/", 3)[3:]
    headers = [(key, value) for key, value in scope.get("headers", ()) if key != b"host"]
    headers.append((b"host", authority.encode("latin-1")))
    return {**scope, "path": "/" + (rest[0] if rest else ""), "raw_path": b"/" + (raw_rest[0] if raw_rest else b""),
            "headers": headers}


class HostGuard:
    """ASGI middleware refusing any request whose ``Host`` is not on the allowlist."""

    def __init__(self, app: Any, allowed: HostAllowlist) -> None:
        self.app = app
        self.allowed = allowed
        self.state = getattr(app, "state", None)  # Starlette's: the emulator, for request ids

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope.get("path", "").startswith(("http://", "https://")):
            scope = origin_form(scope)
        host = header(scope, b"host")
        if self.allowed.permits(host):
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        name = host_name(host or "")
        if name:
            message = f"Host {name!r} is not one this emulator serves; start it with --allowed-host {name} to allow it."
        else:
            message = "An empty Host header names no host this emulator serves; send the host and port you connect to."
        if path.startswith(API_PREFIX):
            emulator = getattr(self.state, "emulator", None)
            request_id = emulator.new_request_id() if emulator is not None else ""
            body = refusal_body(path, "error_auth", message, request_id)
        else:
            body = refusal_body(path, "forbidden_host", message)
        await send_refusal(send, 403, body)


# -- the control plane's own checks --------------------------------------------------------------
def own_origin(origin: str, host: str | None) -> bool:
    """An Origin (or a Referer's URL) naming this very server (what the console's own pages send)."""
    if origin == "null" or host is None:
        return False
    try:
        netloc = urlsplit(origin).netloc
    except ValueError:  # a Referer is any text a client chose
        return False
    return netloc.lower() == host.strip().lower()


def foreign_sender(method: str, headers: Any) -> str | None:
    """Why a request to the control plane or console came from something other than the person
    at the keyboard (another site's page, or this emulator's own push), or None.

    A browser names the page behind a script's request in Origin, reads included; a plain form
    or link may carry only Referer, which counts for state changes (a link followed from another
    site to a console page is still the person reading it)."""
    if headers.get("user-agent") == PUSH_AGENT:  # a callback URL aimed at this very server
        return "refused: this request is one of the emulator's own pushes; a callback URL cannot drive the control plane"
    origin = headers.get("origin")
    if origin is not None and not own_origin(origin, headers.get("host")):
        return (f"refused: this request was sent by a page at {origin}; the control plane answers only "
                "its own pages and clients that send no Origin")
    if method not in STATE_CHANGING:
        return None
    # a browser names the relation itself, and no page can forge it; a page on another port of
    # the same machine is "same-site" (sites ignore ports), so only the emulator's own pages pass
    fetched_from = headers.get("sec-fetch-site")
    if fetched_from in FOREIGN_FETCH_SITES:
        return (f"refused: the browser marked this request {fetched_from} (Sec-Fetch-Site); the control plane "
                "takes state changes only from its own pages or from clients outside a browser")
    referer = headers.get("referer")
    if origin is None and referer and not own_origin(referer, headers.get("host")):
        return (f"refused: this request came from a page at {referer}; the control plane takes state changes only "
                "from its own pages or from clients that send no Referer")
    return None


def state_change_problem(method: str, headers: Any) -> tuple[int, str, str] | None:
    """Why a control call must be refused, as (status, error, message): a foreign sender
    (``foreign_sender``), or a state change without a JSON body."""
    foreign = foreign_sender(method, headers)
    if foreign is not None:
        return 403, "forbidden_origin", foreign
    if method not in STATE_CHANGING:
        return None
    content_type = headers.get("content-type")
    has_body = headers.get("content-length", "0") not in ("", "0") or "transfer-encoding" in headers
    if content_type is None and not has_body:
        return None
    if content_type is None or content_type.split(";", 1)[0].strip().lower() != "application/json":
        return 415, "unsupported_media_type", (
            "control-plane calls that change state take a JSON body with Content-Type: application/json "
            f"(got {content_type or 'a body without a Content-Type'})"
        )
    return None
