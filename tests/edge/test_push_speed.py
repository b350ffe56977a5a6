"""Pushes at speed: one pooled client, streams in parallel, a hanging receiver costs only its own
stream, and verification pushes cannot starve the server's threads."""
from __future__ import annotations

import json
import socket
import threading
import time
from typing import Any, Iterator

import httpx
import pytest

from emulator.domains.push import delivery
from emulator.domains.push import models as push_models
from emulator.server import LiveServer
from emulator.world import Emulator
from tests.domains.push_support import quiet_outlets

SINK = "http://receiver.test/push"


def _order_sn(request: httpx.Request) -> str:
    return str(json.loads(request.content)["data"]["ordersn"])


def _wait_for(condition: Any, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds  # real-time: worker threads deliver on their own
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        threading.Event().wait(0.01)


def _states(shopee: Emulator) -> dict[str, str]:
    return {json.loads(m["body"])["data"]["ordersn"]: m["state"] for m in shopee.pushes.messages(100) if m["code"] == 3}


@pytest.fixture
def outlets(shopee: Emulator) -> list[int]:
    ids = quiet_outlets(shopee, 2)
    with shopee.transaction():
        shopee.pushes.settings.configure(shopee.auth.default_partner()["partner_id"], {"callback_url": SINK, "codes": "all"})
    return ids


def test_hanging_order_stream_does_not_hold_the_others(shopee: Emulator, outlets: list[int]) -> None:
    release = threading.Event()
    order: list[str] = []

    def receiver(request: httpx.Request) -> httpx.Response:
        order.append(_order_sn(request))
        if _order_sn(request) == "HANG":
            release.wait(60)  # real-time: a receiver that hangs on this one order
            raise httpx.ReadTimeout("no answer", request=request)
        return httpx.Response(200)

    shopee.pushes.use_transport(httpx.MockTransport(receiver))
    shopee.publish("order.status_changed", outlets[0], order_sn="HANG", old="UNPAID", new="READY_TO_SHIP")
    shopee.publish("order.status_changed", outlets[0], order_sn="HANG", old="READY_TO_SHIP", new="PROCESSED")
    for n in range(20):
        shopee.publish("order.status_changed", outlets[n % 2], order_sn=f"OK{n}", old="UNPAID", new="READY_TO_SHIP")
    advancing = threading.Thread(target=shopee.advance, args=(0,))
    advancing.start()
    _wait_for(lambda: sum(state == "delivered" for state in _states(shopee).values()) == 20)
    assert order.count("HANG") == 1  # the order's second push waits behind its first
    release.set()
    advancing.join(10)
    hung = [m for m in shopee.pushes.messages(100) if json.loads(m["body"])["data"]["ordersn"] == "HANG"]
    assert [m["attempts"][0]["result"] for m in reversed(hung)] == ["timeout", "timeout"]
    assert order.index("HANG") < len(order) - 1 - order[::-1].index("HANG")


def test_each_orders_pushes_arrive_in_order(shopee: Emulator, outlets: list[int]) -> None:
    seen: list[tuple[str, str]] = []
    lock = threading.Lock()

    def receiver(request: httpx.Request) -> httpx.Response:
        with lock:
            seen.append((_order_sn(request), json.loads(request.content)["data"]["status"]))
        return httpx.Response(200)

    shopee.pushes.use_transport(httpx.MockTransport(receiver))
    flow = ["READY_TO_SHIP", "PROCESSED", "SHIPPED", "TO_CONFIRM_RECEIVE", "COMPLETED"]
    for status in flow:
        for n in range(10):
            shopee.publish("order.status_changed", outlets[n % 2], order_sn=f"SN{n}", old="", new=status)
    shopee.advance(0)
    for n in range(10):
        assert [status for sn, status in seen if sn == f"SN{n}"] == flow


def test_pushes_reuse_one_client(shopee: Emulator, outlets: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[httpx.Client] = []
    original = httpx.Client.__init__

    def counting(self: httpx.Client, *args: Any, **kwargs: Any) -> None:
        made.append(self)
        original(self, *args, **kwargs)

    shopee.pushes.use_transport(httpx.MockTransport(lambda request: httpx.Response(200)))
    monkeypatch.setattr(httpx.Client, "__init__", counting)
    for n in range(30):
        shopee.publish("order.status_changed", outlets[n % 2], order_sn=f"SN{n}", old="", new="PROCESSED")
    shopee.advance(0)
    assert len(made) == 1
    assert set(_states(shopee).values()) == {"delivered"}


@pytest.fixture
def black_hole() -> Iterator[str]:
    """A receiver that accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(200)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/push"


def test_many_verify_calls_on_a_hanging_receiver_leave_the_clock_free(black_hole: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(push_models, "MAX_TESTS_WAITING", 8)
    shopee = Emulator()
    shopee.pushes.sender = delivery.HttpxSender(timeout=1.0)
    with LiveServer(shopee) as server, httpx.Client(base_url=server.url, timeout=30) as http:
        answers: list[int] = []

        def verify() -> None:
            answers.append(http.post("/_emulator/push/test", json={"callback_url": black_hole}).status_code)

        callers = [threading.Thread(target=verify) for _ in range(40)]
        for caller in callers:
            caller.start()
        _wait_for(lambda: 429 in answers)  # the waiting room is full: the rest are turned away at once
        started = time.monotonic()  # real-time: how long the clock call takes is the point
        assert http.post("/_emulator/clock/advance", json={"seconds": 60}).status_code == 200
        assert time.monotonic() - started < 1.0
        for caller in callers:
            caller.join(60)
    shopee.close()
    assert set(answers) == {200, 429}
