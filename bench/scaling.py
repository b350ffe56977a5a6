"""Scaling figures, each section run in its own process (``python -m bench.scaling SECTION``)
so that memory figures describe an emulator alone and sections do not warm each other up.

    scheduler N        schedule N jobs spread over 30 days, then time advancing the clock 30 days
    writes SIZES       cost per write with ``--data FILE`` at each size of existing state
    orders SIZES       get_order_list / get_order_detail at each order count in one outlet, RSS,
                       and a 30-day clock jump over the largest world (its orders' own jobs)
    jump N             a 30-day clock jump over a world of N unpaid orders (their payment windows
                       close: cancel, release stock, publish, re-index), and the per-job path beside it

Orders are seeded with ``emulator.orders.create``, the very call ``POST /_emulator/orders`` makes,
without the HTTP request around it (100,000 requests would take minutes): each is its own
transaction, reserves stock, schedules its payment-window job and is filed in the order index.
The virtual clock moves 1 s every 10 orders, so orders have distinct create times.

Prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from bench.cases import NOT_IMPLEMENTED, Env, NotAvailable, implemented, ok
from bench.inproc import in_process_env
from bench.servers import rss_mb
from emulator import render
from emulator.world import Emulator

THIRTY_DAYS = 30 * 24 * 3600
ORDER_APIS = ("v2.order.get_order_list", "v2.order.get_order_detail")
ORDERS_PER_SECOND = 10


def seed_orders(emulator: Emulator, env: Env, count: int) -> None:
    """``count`` orders in the outlet in all (the world's seeded history included)."""
    lines = env.order_lines()
    shop = env.outlet
    for i in range(count - emulator.orders.index.count(shop)):
        emulator.orders.create(shop, [lines[i % len(lines)]])
        if i % ORDERS_PER_SECOND == ORDERS_PER_SECOND - 1:
            emulator.advance(1)


def scheduler(jobs: int) -> dict[str, Any]:
    emulator = Emulator()
    ran = [0]

    def job(payload: dict[str, Any]) -> None:
        ran[0] += 1

    emulator.scheduler.handle("bench.noop", job)
    now = emulator.clock.now()
    started = time.process_time()
    with emulator.transaction():
        for i in range(jobs):
            emulator.scheduler.at(now + 1 + (i * THIRTY_DAYS) // jobs, "bench.noop", {"i": i})
    scheduled = time.process_time() - started
    started = time.process_time()
    emulator.advance(THIRTY_DAYS)
    advanced = time.process_time() - started
    if ran[0] != jobs:
        raise RuntimeError(f"{ran[0]} of {jobs} jobs ran")
    return {"jobs": jobs, "schedule_ms": scheduled * 1000, "advance_ms": advanced * 1000, "us_per_job": advanced / jobs * 1e6}


def _filler(emulator: Emulator, count: int) -> None:
    """Order-sized documents (about 1 KB of JSON) standing in for orders until they exist."""
    with emulator.transaction():
        for i in range(count - emulator.store.count("bench_filler")):
            doc = {"order_sn": f"BENCH{i:09d}", "items": [{"item_id": i, "model_id": i, "qty": 1, "name": "x" * 60}] * 5, "note": "y" * 200}
            emulator.store.put("bench_filler", f"BENCH{i:09d}", doc)


def writes(sizes: list[int], calls: int) -> dict[str, Any]:
    """µs per write with a data file, at each size; orders when they exist, else filler documents."""
    use_orders = implemented("v2.order.get_order_list")
    if use_orders:
        try:
            return _writes(sizes, calls, True)
        except NotAvailable:
            pass  # orders cannot be made through the control plane yet: measure the store alone
    return _writes(sizes, calls, False)


def _writes(sizes: list[int], calls: int, use_orders: bool) -> dict[str, Any]:
    """One emulator per size, each with its own data file, written to in turn: alternating keeps
    the drift of a shared machine out of the comparison between sizes."""
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        worlds = []
        for size in sorted(sizes):
            emulator = Emulator(data=str(Path(tmp) / f"state-{size}.json"))
            stack.callback(emulator.close)
            env = stack.enter_context(in_process_env(emulator))
            if use_orders:
                seed_orders(emulator, env, size)
                loads: list[Any] = []
            else:
                _filler(emulator, size)
                loads = [env.signed("v2.shop.update_profile", env.outlet, body={"description": text}) for text in ("bench a", "bench b")]
            worlds.append((size, env, loads, []))
        for i in range(-10, calls):  # the first ten warm up
            for _size, env, loads, took in worlds:
                started = time.process_time()
                if use_orders:
                    ok(env.create_order(), "POST /_emulator/orders")
                else:
                    ok(env.send(loads[i % 2]), "v2.shop.update_profile")
                if i >= 0:
                    took.append(time.process_time() - started)
        results = [{"size": size, "us_per_write": statistics.median(took) * 1e6} for size, _, _, took in worlds]
    kind = "orders (POST /_emulator/orders)" if use_orders else "order-sized filler docs (v2.shop.update_profile)"
    return {"kind": kind, "results": results}


def orders(sizes: list[int], calls: int) -> dict[str, Any]:
    """List and detail at each order count, one emulator per count, timed in turn (alternating keeps
    machine drift out of the comparison); RSS is read right after the largest world is seeded."""
    if not implemented(*ORDER_APIS):
        return {"na": NOT_IMPLEMENTED}
    try:
        with ExitStack() as stack:
            worlds = []
            rss_at_largest = None
            for size in sorted(sizes, reverse=True):
                emulator = Emulator()
                env = stack.enter_context(in_process_env(emulator))
                started = time.perf_counter()
                seed_orders(emulator, env, size)
                seeded = time.perf_counter() - started
                if rss_at_largest is None:
                    rss_at_largest = rss_mb()
                worlds.append({"size": size, "env": env, "emulator": emulator, "loads": (env.list_load(), env.detail_load()),
                               "list": [], "detail": [], "seed_s": seeded})
            for i in range(-5, calls):  # the first five warm up
                for world in worlds:
                    for load, key in zip(world["loads"], ("list", "detail")):
                        started = time.process_time()
                        answer = world["env"].send(load)
                        took = time.process_time() - started
                        ok(answer, load.path)
                        if i >= 0:
                            world[key].append(took)
            results = [
                {
                    "size": w["size"], "list_ms": statistics.median(w["list"]) * 1000, "detail_ms": statistics.median(w["detail"]) * 1000,
                    "seed_s": w["seed_s"], "rss_mb": rss_at_largest if w["size"] == max(sizes) else None,
                }
                for w in sorted(worlds, key=lambda w: w["size"])
            ]
            jump = _advance_orders(worlds[0]["emulator"])
    except NotAvailable as exc:
        return {"na": str(exc)}
    except Exception as exc:  # an API answering in an unexpected shape
        return {"na": f"failed: {type(exc).__name__}: {exc}"[:200]}
    return {"results": results, "advance": jump}


def _advance_orders(emulator: Emulator) -> dict[str, Any]:
    """30 days over a world of orders: every unpaid order's payment window closes (cancelled,
    stock released, events published), with whatever else the world had scheduled."""
    jobs = emulator.scheduler.pending()
    started = time.process_time()
    ran = emulator.advance(THIRTY_DAYS)
    took = time.process_time() - started
    return {"jobs": jobs, "ran": ran, "ms": took * 1000, "us_per_job": took / max(ran, 1) * 1e6}


def jump(size: int) -> dict[str, Any]:
    """The 30-day jump over ``size`` orders, in passes as shipped; then the same world (restored
    from a snapshot taken before) with passes switched off, each job through its one-job handler."""
    if not implemented(*ORDER_APIS):
        return {"na": NOT_IMPLEMENTED}
    emulator = Emulator()
    with in_process_env(emulator) as env:
        started = time.perf_counter()
        seed_orders(emulator, env, size)
        seeded = time.perf_counter() - started
    # the snapshots wait as bytes: a second copy of 100k orders as live objects beside the world
    # would make the jumps measured here slower than in a user's process, which holds no copy
    before = render.dumps(emulator.snapshot())
    batched = _advance_orders(emulator)
    after = render.dumps(_without_tx(emulator.snapshot()))
    emulator.import_snapshot(render.loads(before), copy=False)
    del before
    emulator.scheduler.batching = False
    single = _advance_orders(emulator)
    same = _without_tx(emulator.snapshot()) == render.loads(after)
    return {"size": size, "seed_s": seeded, "batched": batched, "single": single, "same_world": same}


def _without_tx(state: dict[str, Any]) -> dict[str, Any]:
    """The world without what depends on how it got there: the transaction count, and a manual
    clock's offset from the wall clock (unused; restoring a snapshot zeroes it)."""
    meta = state["_meta"]["1"]
    meta.pop("tx", None)
    meta["meta"].get("clock", {}).pop("offset", None)
    return state


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("section", choices=["scheduler", "writes", "orders", "jump"])
    parser.add_argument("--sizes", default="1000")
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.section == "scheduler":
        result = scheduler(sizes[0])
    elif args.section == "writes":
        result = writes(sizes, args.calls)
    elif args.section == "jump":
        result = jump(sizes[0])
    else:
        result = orders(sizes, args.calls)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
