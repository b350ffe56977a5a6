"""Signing and sending one push: the only code in the push domain that does network I/O.

The platform POSTs the body to the callback URL with ``Authorization`` set to the lowercase hex
HMAC-SHA256 of ``callback_url + "|" + body`` keyed by the partner key, and counts a push as
delivered only when the answer is a 2xx with an empty body within the timeout.

A ``Sender`` is any callable ``(url, body, headers) -> httpx.Response`` that raises
``httpx.TimeoutException`` on a timeout; tests swap in an ``httpx.MockTransport`` or an
in-process ASGI app through ``HttpxSender(transport=...)``.
"""
from __future__ import annotations

import hashlib
import hmac
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

# Sent with every push: the control plane and console refuse it, so a callback URL aimed at this
# very server cannot reset or drive the world.
PUSH_AGENT = "Instant-Mart-Emulator-Push/1"

if TYPE_CHECKING:  # httpx loads when the first push goes out: a fifth of a fresh start-up
    import httpx

TIMEOUT_SECONDS = 3.0
# One client serves every push of an emulator: its pool keeps connections to each receiver alive,
# which a client per push (about 35 ms of set-up each) could not.
MAX_CONNECTIONS = 64

DELIVERED = "delivered"
TIMEOUT = "timeout"
HTTP_ERROR = "http_status"
NON_EMPTY_BODY = "non_empty_body"
CONNECTION_ERROR = "connection_error"

Sender = Callable[[str, bytes, dict[str, str]], "httpx.Response"]


def signature(partner_key: str, url: str, body: str) -> str:
    return hmac.new(partner_key.encode(), f"{url}|{body}".encode(), hashlib.sha256).hexdigest()


def verify(partner_key: str, url: str, body: str, authorization: str) -> bool:
    """What a partner's receiver does with a push: recompute and compare the signature."""
    return hmac.compare_digest(signature(partner_key, url, body), authorization)


class HttpxSender:
    """POSTs with one shared, pooled httpx client; each attempt has its own timeout."""

    def __init__(self, transport: httpx.BaseTransport | None = None, timeout: float = TIMEOUT_SECONDS) -> None:
        self.transport = transport
        self.timeout = timeout
        self._client: httpx.Client | None = None
        self._lock = threading.Lock()

    def _shared(self) -> httpx.Client:
        with self._lock:
            if self._client is None:
                import httpx

                limits = httpx.Limits(max_connections=MAX_CONNECTIONS, max_keepalive_connections=MAX_CONNECTIONS)
                self._client = httpx.Client(
                    transport=self.transport, timeout=self.timeout, limits=limits, follow_redirects=False
                )
            return self._client

    def __call__(self, url: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
        response = self._shared().post(url, content=body, headers=headers)
        response.read()
        return response

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None


@dataclass(frozen=True)
class Outcome:
    """How one attempt went, as the outbox records it."""

    result: str
    http_status: int | None = None
    detail: str = ""

    @property
    def delivered(self) -> bool:
        return self.result == DELIVERED


def send(sender: Sender, url: str, partner_key: str, body: str) -> Outcome:
    import httpx

    headers = {"Content-Type": "application/json", "Authorization": signature(partner_key, url, body), "User-Agent": PUSH_AGENT}
    try:
        response = sender(url, body.encode(), headers)
    except httpx.TimeoutException:
        return Outcome(TIMEOUT, detail=f"no answer within {TIMEOUT_SECONDS:g} seconds")
    except Exception as exc:  # unreachable host, bad URL, a broken custom sender: the push failed
        return Outcome(CONNECTION_ERROR, detail=str(exc) or type(exc).__name__)
    status = response.status_code
    if not 200 <= status < 300:
        return Outcome(HTTP_ERROR, status, f"answered HTTP {status}, not 2xx")
    if response.content.strip():
        return Outcome(NON_EMPTY_BODY, status, "answered 2xx with a non-empty body")
    return Outcome(DELIVERED, status)
