"""In-process figures: calls through httpx over ``emulator.asgi`` (no socket), fresh worlds."""
from __future__ import annotations

import asyncio
import gc
import statistics
import time
from contextlib import contextmanager
from typing import Any, Iterator
from urllib.parse import urlencode

from bench.cases import Env
from bench.load import Load, percentile
from emulator.app import create_app
from emulator.asgi import in_process_client
from emulator.world import Emulator


@contextmanager
def in_process_env(emulator: Emulator | None = None) -> Iterator[Env]:
    emulator = emulator or Emulator()
    with in_process_client(create_app(emulator)) as http:
        yield Env(http)


def time_calls(env: Env, load: Load, calls: int) -> tuple[float, float, float]:
    """p50 and p99 in ms, and calls per second, of ``calls`` sequential calls."""
    for _ in range(min(20, calls)):
        env.send(load)  # warm-up
    took: list[float] = []
    send = env.send
    for _ in range(calls):
        started = time.perf_counter()
        response = send(load)
        took.append(time.perf_counter() - started)
        if response.status_code >= 500:
            raise RuntimeError(f"{load.path} answered {response.status_code}")
    total = sum(took)
    took.sort()
    return percentile(took, 50) * 1000, percentile(took, 99) * 1000, calls / total if total else 0.0


def asgi_direct(emulator: Emulator, load: Load, calls: int) -> tuple[float, float]:
    """p50 and p99 in ms of the ASGI app alone: the emulator's own cost, without any client."""
    app = create_app(emulator)
    query = urlencode(load.query, doseq=True).encode()
    body = load.body or b""
    headers = [(b"host", b"emulator.local")]
    if load.body is not None:
        headers += [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": load.method, "path": load.path,
        "raw_path": load.path.encode(), "query_string": query, "headers": headers, "scheme": "http",
        "server": ("emulator.local", 80), "client": ("127.0.0.1", 1), "root_path": "",
    }
    status: list[int] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])

    async def run() -> list[float]:
        took = []
        for i in range(calls + 20):
            started = time.perf_counter()
            await app(dict(scope), receive, send)
            if i >= 20:  # the first calls warm up
                took.append(time.perf_counter() - started)
        return took

    took = sorted(asyncio.run(run()))
    if any(code >= 500 for code in status):
        raise RuntimeError(f"{load.path} answered a 5xx")
    return percentile(took, 50) * 1000, percentile(took, 99) * 1000


def fresh_world(runs: int) -> tuple[float, float]:
    """The first ``Emulator()`` of a process (builds the world) and the median of the next ``runs``."""
    started = time.perf_counter()
    Emulator().close()
    first = time.perf_counter() - started
    took = []
    gc.collect()
    for _ in range(runs):
        started = time.perf_counter()
        emulator = Emulator()
        took.append(time.perf_counter() - started)
        emulator.close()
    return first * 1000, statistics.median(took) * 1000
