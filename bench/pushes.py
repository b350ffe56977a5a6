"""Push delivery and durability figures (``bench.__main__``'s "pushes" section).

    python -m bench.pushes throughput --pushes 1000    seconds to deliver them all to a local receiver
    python -m bench.pushes restart --megabytes 1024    restart time after that many MB of journaled writes

Each runs in its own process (JSON on the last line of stdout), so one figure's threads, sockets
and memory never colour another's.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench import load as loadmod
from bench.cases import Env, ok
from bench.servers import Server, emulator_server
from emulator.world import Emulator

STATUSES = ("READY_TO_SHIP", "PROCESSED", "SHIPPED", "TO_CONFIRM_RECEIVE", "COMPLETED")
BLOB_BYTES = 1024 * 1024
BLOB_KEYS = 50  # writes replace these: the state stays ~50 MB however much is written


def receiver(*extra: str) -> Server:
    return Server([sys.executable, "-m", "bench.receiver", *extra], "push receiver")


def throughput(pushes: int) -> dict[str, Any]:
    """``pushes`` order-status pushes over the default world's Outlets, five per order, sent on
    one clock advance; the wall time from the advance until every one is recorded delivered."""
    emulator = Emulator()
    with receiver() as sink:
        partner_id = emulator.auth.default_partner()["partner_id"]
        with emulator.transaction():
            emulator.pushes.settings.configure(partner_id, {"callback_url": sink.url + "/push", "codes": [3]})
        emulator.advance(0)  # whatever the seeded history had due goes first, outside the timing
        outlets = [o["shop_id"] for m in emulator.shops.marts() for o in emulator.shops.outlets_of(m["shop_id"])]
        for n in range(pushes):
            order, status = divmod(n, len(STATUSES))
            emulator.publish("order.status_changed", outlets[order % len(outlets)], order_sn=f"BENCH{order:06d}",
                             old="", new=STATUSES[status])
        cpu = time.process_time()
        started = time.perf_counter()
        emulator.advance(0)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
        states = [m["state"] for m in emulator.pushes.messages(pushes) if "BENCH" in m["body"]]
    emulator.close()
    return {"pushes": pushes, "seconds": seconds, "cpu_s": cpu, "delivered": states.count("delivered")}


def restart(megabytes: int) -> dict[str, Any]:
    """Journal ``megabytes`` of 1 MB writes with --data (compacting as it grows), then time a start."""
    with tempfile.TemporaryDirectory() as tmp:
        data = str(Path(tmp) / "world.json")
        emulator = Emulator(data=data)
        blob = "x" * BLOB_BYTES
        started = time.perf_counter()
        for n in range(megabytes):
            with emulator.transaction():
                emulator.store.put("bench_blobs", str(n % BLOB_KEYS), {"n": n, "data": blob})
        write_s = time.perf_counter() - started
        compactions = emulator.store.compactions
        journal_mb = Path(data + ".journal").stat().st_size / 2**20
        file_mb = Path(data).stat().st_size / 2**20
        emulator.store.abandon()  # as a kill leaves it: the journal is replayed at the next start
        started = time.perf_counter()
        again = Emulator(data=data)
        restart_s = time.perf_counter() - started
        assert again.store.get("bench_blobs", str((megabytes - 1) % BLOB_KEYS))["n"] == megabytes - 1
        again.store.abandon()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"megabytes": megabytes, "write_s": write_s, "compactions": compactions, "journal_mb": journal_mb,
            "file_mb": file_mb, "restart_s": restart_s, "peak_rss_mb": peak}


def hang_p99(settings: loadmod.LoadSettings, orders: int) -> dict[str, Any]:
    """API p99 under load, before and while every push goes to a receiver that never answers."""
    with emulator_server() as server, receiver("--hang") as hole, httpx.Client(base_url=server.url, timeout=60) as http:
        env = Env(http)
        load = env.signed("v2.shop.get_shop_info", env.outlet)
        ok(env.send(load), "v2.shop.get_shop_info")
        calm = loadmod.run(server.url, load, settings)
        http.post("/_emulator/push/config", json={"callback_url": hole.url + "/push", "codes": "all"}).raise_for_status()
        for _ in range(orders):
            env.create_order()
        hung = loadmod.run(server.url, load, settings)
        waiting = len(http.get("/_emulator/pushes", params={"state": "ready", "limit": 1000}).json()["pushes"])
        rss = server.rss_mb()
    return {"calm_p99": calm.p99_ms, "hung_p99": hung.p99_ms, "calm_rps": calm.rps, "hung_rps": hung.rps,
            "waiting": waiting, "rss_mb": rss}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["throughput", "restart"])
    parser.add_argument("--pushes", type=int, default=1000)
    parser.add_argument("--megabytes", type=int, default=1024)
    args = parser.parse_args()
    result = throughput(args.pushes) if args.what == "throughput" else restart(args.megabytes)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
