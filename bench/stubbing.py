"""The fixtures' client against the floor of in-process stubbing: a respx-mocked httpx call.

Both sides make the same httpx call shape in the same process: ours is ``shopee_client.call`` of
``v2.shop.get_shop_info`` (sign, send through ``emulator.asgi`` to the app, decode the JSON),
theirs a plain ``httpx.Client.get`` of the same URL and query that respx answers with the very
bytes the emulator answered, decoded the same way. Blocks of calls alternate between the two,
so machine drift hits both alike; the figures are medians per call.
"""
from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

import httpx

from emulator.app import create_app
from emulator.asgi import in_process_client
from emulator.client import client_for
from emulator.world import Emulator

API = "v2.shop.get_shop_info"
BLOCK = 50
STUB_URL = "http://shopee.test"


def _block(call: Callable[[], Any], calls: int) -> list[float]:
    took = []
    clock = time.perf_counter
    for _ in range(calls):
        started = clock()
        call()
        took.append(clock() - started)
    return took


def compare(calls: int) -> dict[str, float]:
    """p50 µs of the fixtures' signed call and of the respx-mocked call, and their ratio."""
    import respx  # a test tool: only this figure needs it

    emulator = Emulator()
    with in_process_client(create_app(emulator)) as http:
        client = client_for(emulator, http)
        shop = next(s["shop_id"] for s in emulator.shops.all_shops() if s["kind"] == "outlet")
        answer = client.request(API, shop_id=shop)
        _, path, query = client.signed_query(API, shop_id=shop)
        ours = lambda: client.call(API, shop_id=shop)  # noqa: E731
        with respx.mock(base_url=STUB_URL, assert_all_called=False) as mock, httpx.Client(base_url=STUB_URL) as plain:
            mock.get(path).mock(return_value=httpx.Response(200, content=answer.content, headers={"content-type": "application/json"}))
            theirs = lambda: plain.get(path, params=query).json()  # noqa: E731
            _block(ours, 20), _block(theirs, 20)  # warm-up
            mine: list[float] = []
            stub: list[float] = []
            for _ in range(max(1, calls // BLOCK)):
                mine += _block(ours, BLOCK)
                stub += _block(theirs, BLOCK)
    emulator.close()
    ours_us, stub_us = statistics.median(mine) * 1e6, statistics.median(stub) * 1e6
    return {"ours_us": ours_us, "respx_us": stub_us, "ratio": ours_us / stub_us}
