"""Slow or oversized requests are bounded, and whatever the server answers before the pipeline
runs is the platform's envelope on an API path."""
from __future__ import annotations

import asyncio
import json
import logging
import socket
from typing import Any

import pytest

from emulator.app import create_app
from emulator.server import LiveServer
from emulator.slow_clients import Limits

QUICK = Limits(head_seconds=0.5, body_idle_seconds=0.5, body_seconds=2.0)


@pytest.fixture
def served(shopee):
    with LiveServer(shopee, limits=QUICK) as server:
        yield server


def _exchange(port: int, *parts: bytes, timeout: float = 10.0) -> tuple[int, dict[str, Any], bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        for part in parts:
            sock.sendall(part)
        data = b""
        while chunk := sock.recv(65536):  # the server closing the connection ends the loop
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(body), head


def test_slow_head_is_answered_408_in_the_envelope(served):
    status, body, head = _exchange(served.port, b"GET /api/v2/shop/get_shop_info HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    assert status == 408 and b"connection: close" in head.lower()
    assert body["error"] == "error_param" and body["request_id"]
    assert "did not arrive within 0.5 seconds" in body["message"]


def test_body_that_stops_coming_is_answered_408(served):
    head = b"POST /api/v2/shop/update_profile HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
    status, body, _ = _exchange(served.port, head + b'{"shop_na')
    assert status == 408
    assert (body["error"], body["message"]) == ("error_param", "Wrong parameters, detail: the request body did not arrive in time.")


def test_huge_request_line_on_api_path_gets_the_envelope(served):
    line = b"GET /api/v2/shop/get_shop_info?" + b"&".join(b"k%d=1" % n for n in range(50_000)) + b" HTTP/1.1\r\n"
    status, body, _ = _exchange(served.port, line + b"Host: 127.0.0.1\r\n\r\n")
    assert status == 400
    assert set(body) == {"request_id", "error", "message"} and body["error"] == "error_param"


def test_oversized_header_on_control_path_gets_the_control_shape(served):
    request = b"GET /_emulator/clock HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 200_000 + b"\r\n\r\n"
    status, body, _ = _exchange(served.port, request)
    assert status == 400 and set(body) == {"error", "message"}


@pytest.mark.parametrize("upgrade", [b"websocket", b"h2c"])
def test_upgrade_request_is_answered_as_a_plain_request(served, upgrade):
    request = (
        b"GET /api/v2/shop/get_shop_info HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade, close\r\nUpgrade: " + upgrade
        + b"\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    )
    status, body, _ = _exchange(served.port, request)
    assert (status, body["error"], body["message"]) == (200, "error_param", "There is no partner_id in query.")


def test_ordinary_requests_still_pass(served):
    assert served.client().call("v2.shop.get_shop_info", shop_id=served.emulator.shops.marts()[0]["shop_id"])["error"] == ""


@pytest.mark.parametrize("path", ["/api/v2/shop/update_profile", "/_emulator/clock/advance"])
def test_client_leaving_mid_body_is_not_logged_as_a_failure(shopee, caplog, path):
    app = create_app(shopee)
    messages = iter([{"type": "http.request", "body": b'{"a', "more_body": True}, {"type": "http.disconnect"}])

    async def receive() -> dict[str, Any]:
        return next(messages)

    async def send(message: dict[str, Any]) -> None:
        pass

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
        "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "", "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80), "headers": [(b"host", b"127.0.0.1"), (b"content-type", b"application/json"), (b"content-length", b"50")],
    }
    with caplog.at_level(logging.WARNING):
        asyncio.run(app(scope, receive, send))
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_a_client_gone_before_the_refusal_is_closed_quietly():
    """Writing EOF to a socket whose peer has already hung up raises; the refusal path closes instead."""
    from emulator.slow_clients import EdgeProtocol

    class GoneTransport:
        closed = False

        def can_write_eof(self) -> bool:
            return True

        def write_eof(self) -> None:
            raise OSError(107, "Transport endpoint is not connected")

        def close(self) -> None:
            self.closed = True

    protocol = object.__new__(EdgeProtocol)
    protocol.transport = GoneTransport()
    protocol._linger()
    assert protocol.transport.closed and protocol._discarding


def test_a_head_past_the_limit_is_refused_even_when_it_arrives_in_one_read(served):
    # 20 KB of query in one send: h11 alone would take it, since its limit applies to unfinished heads
    request = b"GET /api/v2/shop/get_shop_info?partner_id=1&x=" + b"a" * 20_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    status, body, head = _exchange(served.port, request)
    assert status == 400 and b"connection: close" in head.lower()
    assert body["error"] == "error_param"
    assert body["message"] == "Wrong parameters, detail: the request line and headers are malformed or longer than 16384 bytes."


def test_a_head_at_the_limit_split_across_reads_still_passes(served):
    start = b"GET /api/v2/shop/get_shop_info?x="
    end = b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    request = start + b"a" * (16 * 1024 - len(start) - len(end)) + end
    assert len(request) == 16 * 1024
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as sock:
        sock.sendall(request[:-2])  # the blank line straddles the two reads
        sock.sendall(request[-2:])
        answer = b""
        while b"\r\n\r\n" not in answer or len(answer.partition(b"\r\n\r\n")[2]) < _content_length(answer):
            chunk = sock.recv(65536)
            assert chunk, f"the connection closed after {answer!r}"
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 200 OK")
    assert json.loads(answer.partition(b"\r\n\r\n")[2])["error"] == "error_param"  # unsigned: the pipeline answered


def _content_length(answer: bytes) -> int:
    head = answer.partition(b"\r\n\r\n")[0].lower()
    for line in head.split(b"\r\n"):
        if line.startswith(b"content-length:"):
            return int(line.split(b":", 1)[1])
    return 0
