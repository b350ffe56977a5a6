"""Bounds on what one HTTP client may hold: the request head's size and time, the body's time.

uvicorn (over h11) bounds the head's size only while the head is incomplete (a 100 KB head that
arrives in one read passes), not the time it takes to arrive, nor the time between body chunks,
and it answers a head it cannot parse with its own plain-text 400. Here:

    ``EdgeProtocol``   uvicorn's h11 protocol with a deadline on the head, its size bounded
                       however the bytes arrive, and every answer it gives on its own
                       (malformed or oversized head, head too slow) in the
                       platform's envelope on an API path, the control plane's shape elsewhere
    ``BodyDeadline``   ASGI middleware: a body whose next chunk does not come in time, or that
                       takes longer than the whole-body deadline, ends as a client disconnect
                       flagged on the scope, which the pipeline answers 408 in the envelope
"""
from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from emulator import errors
from emulator.edge import refusal_body
from emulator.pipeline import BODY_TIMED_OUT

log = logging.getLogger(__name__)

_HEAD_SAMPLE = 512
# set in scope["state"] by the protocol when a request's whole body came with its head: there is
# nothing left to wait for, so the body deadline sets no timer
BODY_ARRIVED = "emulator.body_arrived"
_LINGER_SECONDS = 2.0  # enough of a request's first bytes to read its method and path


@dataclass(frozen=True)
class Limits:
    """How long and how large a request may be before the pipeline sees it."""

    head_bytes: int = 16 * 1024  # request line plus headers (h11's own default)
    head_seconds: float = 10.0
    body_idle_seconds: float = 10.0  # between two chunks of a body
    body_seconds: float = 60.0  # the whole body
    keep_alive_seconds: int = 5


def path_of(head: bytes) -> str:
    """The path of a request from its first bytes, even when its head is not valid HTTP."""
    parts = head.split(b"\r\n", 1)[0].split(b" ")
    if len(parts) < 2:
        return ""
    return parts[1].split(b"?", 1)[0].decode("latin-1")


class EdgeProtocol(H11Protocol):
    """uvicorn's h11 protocol with a head deadline and its own answers in the emulator's shapes."""

    limits = Limits()

    # uvicorn's H11Protocol narrows asyncio's BaseTransport to Transport itself; we follow it
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head = b""  # the first bytes of the current request, kept until the next one starts
        self._head_complete = False
        self._discarding = False  # answered on our own: what still arrives is read and dropped
        self._head_seen = 0  # bytes of the current head received before the latest read
        self._tail = b""  # its last three bytes: a blank line may straddle two reads
        self._head_timer: asyncio.TimerHandle | None = None
        self._arm_head_timer()

    def data_received(self, data: bytes) -> None:
        if self._discarding:
            return
        if self.conn.their_state is h11.IDLE:
            if self._head_complete:
                self._head, self._head_complete = b"", False
                self._head_seen, self._tail = 0, b""
            self._head += data[: max(_HEAD_SAMPLE - len(self._head), 0)]
            if self._head_too_large(data):
                self.send_400_response("")
                return
        super().data_received(data)
        cycle = getattr(self, "cycle", None)
        if cycle is not None and not cycle.more_body:
            cycle.scope.setdefault("state", {})[BODY_ARRIVED] = True
        if self.conn.their_state is h11.IDLE:
            self._arm_head_timer()
        else:
            self._head_complete = True
            self._disarm_head_timer()

    def _head_too_large(self, data: bytes) -> bool:
        """Whether the head that ends in ``data`` is past the limit. One still unfinished is
        h11's to refuse once it grows past the same limit (``h11_max_incomplete_event_size``)."""
        window = self._tail + data
        end = window.find(b"\r\n\r\n")
        if end >= 0:
            return self._head_seen - len(self._tail) + end + 4 > self.limits.head_bytes
        self._head_seen += len(data)
        self._tail = window[-3:]
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_head_timer()
        super().connection_lost(exc)

    def _arm_head_timer(self) -> None:
        # from a connection's start, or a kept-alive one's next first byte, to the end of the head
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(self.limits.head_seconds, self._head_too_slow)

    def _disarm_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_too_slow(self) -> None:
        self._head_timer = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        if not self._head:
            self.transport.close()  # nothing sent at all: there is no one to answer
            return
        detail = f"the request line and headers did not arrive within {self.limits.head_seconds:g} seconds"
        self._answer(408, detail)

    def send_400_response(self, msg: str) -> None:
        detail = f"the request line and headers are malformed or longer than {self.limits.head_bytes} bytes"
        self._answer(400, detail)

    def _answer(self, status: int, detail: str) -> None:
        path = path_of(self._head)
        body = refusal_body(path, "error_param", errors.WRONG_PARAMETERS.format(msg=detail), self._request_id())
        head = (
            f"HTTP/1.1 {status} {'Bad Request' if status == 400 else 'Request Timeout'}\r\n"
            f"content-type: application/json\r\ncontent-length: {len(body)}\r\nconnection: close\r\n\r\n"
        ).encode("ascii")
        # Written raw: h11 refuses to send anything once the client's side is in error.
        self.transport.write(head + body)
        self._linger()

    def _linger(self) -> None:
        """Close after the client has read the answer: closing with its unread bytes still
        arriving would reset the connection and lose the answer on the way."""
        self._discarding = True
        try:
            if self.transport.can_write_eof():
                self.transport.write_eof()
        except OSError:  # the client has gone already: nothing is left to read the answer
            self.transport.close()
            return
        self.transport.resume_reading()
        self.loop.call_later(_LINGER_SECONDS, self.transport.close)

    def _request_id(self) -> str:
        emulator = getattr(getattr(self.app, "state", None), "emulator", None)
        if emulator is None:
            inner = getattr(self.app, "app", None)
            emulator = getattr(getattr(inner, "state", None), "emulator", None)
        return str(emulator.new_request_id()) if emulator is not None else ""


def protocol_with(limits: Limits) -> type[EdgeProtocol]:
    """An ``EdgeProtocol`` class bound to these limits (uvicorn takes a class, not an instance)."""
    return type("EdgeProtocol", (EdgeProtocol,), {"limits": limits})


class BodyDeadline:
    """ASGI middleware bounding the time between body chunks and for the whole body."""

    def __init__(self, app: Any, limits: Limits) -> None:
        self.app = app
        self.limits = limits
        self.state = getattr(app, "state", None)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("state", {}).get(BODY_ARRIVED):
            await self.app(scope, receive, send)
            return
        deadline = time.monotonic() + self.limits.body_seconds  # real-time: a socket's deadline
        done = False

        async def bounded_receive() -> Any:
            nonlocal done
            if done:
                return await receive()
            wait = min(self.limits.body_idle_seconds, deadline - time.monotonic())
            try:
                # a timer on the running task, not wait_for's task per receive: most bodies are
                # there already and never wait
                async with asyncio.timeout(max(wait, 0.0)):
                    message = await receive()
            except TimeoutError:
                done = True
                scope.setdefault("state", {})[BODY_TIMED_OUT] = True
                return {"type": "http.disconnect"}
            if message["type"] != "http.request" or not message.get("more_body", False):
                done = True
            return message

        await self.app(scope, bounded_receive, send)
