"""Pushes over real sockets: a uvicorn receiver, the real-time clock's delivery thread."""
from __future__ import annotations

import asyncio
import threading
from typing import Any, Iterator

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from emulator.clock import REALTIME
from emulator.domains.push import delivery
from emulator.domains.push.sink import PushSink
from emulator.server import LiveServer, free_port, uvicorn_config
from emulator.world import Emulator
from tests.domains.push_support import quiet_outlets


@pytest.fixture
def outlet_ids(shopee: Emulator) -> list[int]:
    return quiet_outlets(shopee)


class Receiver:
    """A partner's push endpoint on a real port; it calls the emulator back before answering."""

    def __init__(self, emulator_url: str) -> None:
        self.emulator_url = emulator_url
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/push"
        self.received: list[dict[str, Any]] = []
        app = Starlette(routes=[Route("/push", self._receive, methods=["POST"])])
        self._server = uvicorn.Server(uvicorn_config(app, "127.0.0.1", self.port))
        self._thread = threading.Thread(target=lambda: asyncio.run(self._server.serve()), daemon=True)

    async def _receive(self, request: Request) -> Response:
        body = (await request.body()).decode()
        async with httpx.AsyncClient(base_url=self.emulator_url, timeout=10) as client:
            outbox = await client.get("/_emulator/pushes")
        self.received.append({"authorization": request.headers["authorization"], "body": body, "callback": outbox.status_code})
        return Response(status_code=200)

    def __enter__(self) -> "Receiver":
        self._thread.start()
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError("the receiver could not start")
            self._thread.join(0.01)  # real-time: waiting for a real socket to open
        return self

    def __exit__(self, *exc: Any) -> None:
        self._server.should_exit = True
        self._thread.join(10)


@pytest.fixture
def receiver(shopee_server: LiveServer) -> Iterator[Receiver]:
    with Receiver(shopee_server.url) as running:
        yield running


def test_push_reaches_a_real_receiver_that_calls_back(shopee: Emulator, shopee_server: LiveServer, receiver: Receiver, outlet_id: int) -> None:
    with httpx.Client(base_url=shopee_server.url, timeout=30) as control:
        control.post("/_emulator/push/config", json={"callback_url": receiver.url, "codes": [3]}).raise_for_status()
        shopee.publish("order.status_changed", outlet_id, order_sn="260105LIVE0001", old="UNPAID", new="READY_TO_SHIP")
        control.post("/_emulator/clock/advance", json={"seconds": 0}).raise_for_status()
    (push,) = receiver.received
    assert push["callback"] == 200
    assert delivery.verify(shopee.auth.default_partner()["partner_key"], receiver.url, push["body"], push["authorization"])
    assert shopee.pushes.messages(1)[0]["state"] == "delivered"


def test_realtime_clock_delivers_without_advance() -> None:
    emulator = Emulator(clock_mode=REALTIME)
    arrived = threading.Event()
    PushSink().install(emulator)

    def receive(request: httpx.Request) -> httpx.Response:
        arrived.set()
        return httpx.Response(200)

    emulator.pushes.use_transport(httpx.MockTransport(receive))
    try:
        shop_id = emulator.shops.outlets_of(emulator.shops.marts()[0]["shop_id"])[0]["shop_id"]
        emulator.publish("order.status_changed", shop_id, order_sn="260105REAL0001", old="UNPAID", new="READY_TO_SHIP")
        assert arrived.wait(10)  # real-time: the delivery thread works on the wall clock
    finally:
        emulator.pushes.stop()
        emulator.close()
    assert emulator.pushes.messages(1)[0]["code"] == 3
