"""Push delivery figures: throughput to a healthy receiver, and the API while a receiver hangs.

    python -m bench.pushes throughput --pushes 1000     JSON: seconds to deliver them all
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from bench.servers import Server
from emulator.world import Emulator

STATUSES = ("READY_TO_SHIP", "PROCESSED", "SHIPPED", "TO_CONFIRM_RECEIVE", "COMPLETED")


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
        started = time.perf_counter()
        emulator.advance(0)
        seconds = time.perf_counter() - started
        states = [m["state"] for m in emulator.pushes.messages(pushes) if m["body"].find("BENCH") >= 0]
    emulator.close()
    return {"pushes": pushes, "seconds": seconds, "delivered": states.count("delivered")}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["throughput"])
    parser.add_argument("--pushes", type=int, default=1000)
    args = parser.parse_args()
    print(json.dumps(throughput(args.pushes)))


if __name__ == "__main__":
    main()
