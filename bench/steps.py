"""What each step of the API pipeline costs, per case: the table that shows the next regression.

Each prepared request goes through ``emulator.pipeline`` step by step, in-process and with no
client, and every step is timed on its own (``time.perf_counter_ns``): ``context`` (the request
id, the query), ``read`` (the body, when there is one), then the pipeline's own steps (resolve,
parse, authenticate, limits, faults, validate, handle), ``render`` (the envelope) and ``record``
(the calls log). ``app`` is
the whole ASGI call of the same request through ``create_app`` for comparison: the difference
to the sum of the steps is Starlette's routing and middleware. Figures are medians in µs.
``calls`` counts the Python function calls of one whole ASGI call (cProfile, builtins
included): deterministic, so unlike the timings it does not move with the machine's load.
"""
from __future__ import annotations

import asyncio
import cProfile
import pstats
import statistics
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from bench.load import Load
from emulator import pipeline
from emulator.app import create_app
from emulator.world import Emulator

STEP_NAMES = ("context", "read", *(step.__name__.removeprefix("apply_") for step in pipeline.STEPS), "render", "record")


def scope_of(load: Load, app: Any) -> dict[str, Any]:
    """The ASGI scope a server would give ``app`` for this request."""
    body = load.body or b""
    headers = [(b"host", b"emulator.local")]
    if load.body is not None:
        headers += [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    return {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": load.method, "path": load.path,
        "raw_path": load.path.encode(), "query_string": urlencode(load.query, doseq=True).encode(), "headers": headers,
        "scheme": "http", "server": ("emulator.local", 80), "client": ("127.0.0.1", 1), "root_path": "", "app": app,
    }


def _receiver(body: bytes) -> Callable[[], Any]:
    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def _one(emulator: Emulator, scope: dict[str, Any], body: bytes, took: dict[str, list[int]]) -> None:
    clock = time.perf_counter_ns
    scope = dict(scope)
    started = clock()
    ctx = pipeline.context(emulator, scope)
    mark = clock()
    took["context"].append(mark - started)
    await pipeline._read(ctx, scope, _receiver(body))
    now = clock()
    took["read"].append(now - mark)
    for step, name in zip(pipeline.STEPS, STEP_NAMES[2:]):
        mark = now
        step(ctx)
        now = clock()
        took[name].append(now - mark)
    response = pipeline.render(ctx)
    mark = clock()
    took["render"].append(mark - now)
    ctx.emulator.record_call(ctx, response)
    took["record"].append(clock() - mark)


async def _app_call(app: Any, scope: dict[str, Any], body: bytes) -> int:
    async def send(message: dict[str, Any]) -> None:
        pass

    clock = time.perf_counter_ns
    started = clock()
    await app(dict(scope), _receiver(body), send)
    return clock() - started


def calls_per_request(app: Any, scope: dict[str, Any], body: bytes, calls: int = 50) -> float:
    """Python function calls of one ASGI call, averaged over ``calls`` of them after a warm-up."""
    async def send(message: dict[str, Any]) -> None:
        pass

    profile = cProfile.Profile()

    async def run() -> None:
        for _ in range(10):
            await app(dict(scope), _receiver(body), send)
        for _ in range(calls):
            receive = _receiver(body)
            request = dict(scope)
            profile.enable()
            await app(request, receive, send)
            profile.disable()

    asyncio.run(run())
    return float(pstats.Stats(profile).total_calls) / calls


def step_costs(emulator: Emulator, load: Load, calls: int) -> dict[str, float]:
    """Median µs of each step (``STEP_NAMES``), their sum as ``steps``, ``app`` (the whole call)
    and ``calls`` (function calls per request, ``calls_per_request``)."""
    app = create_app(emulator)
    scope = scope_of(load, app)
    body = load.body or b""
    took: dict[str, list[int]] = {name: [] for name in STEP_NAMES}
    whole: list[int] = []

    async def run() -> None:
        for i in range(calls + 20):
            sample: dict[str, list[int]] = {name: [] for name in STEP_NAMES}
            await _one(emulator, scope, body, sample)
            whole_ns = await _app_call(app, scope, body)
            if i >= 20:  # the first calls warm up
                for name, values in sample.items():
                    took[name] += values
                whole.append(whole_ns)

    asyncio.run(run())
    medians = {name: statistics.median(values) / 1000 for name, values in took.items()}
    medians["steps"] = sum(medians[name] for name in STEP_NAMES)
    medians["app"] = statistics.median(whole) / 1000
    medians["calls"] = calls_per_request(app, scope, body)
    return medians
