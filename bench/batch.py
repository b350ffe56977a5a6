"""A batch publish of 1,000 entries over five Outlets: the time to apply it on the clock, and its memory.

The platform takes 100 entries per task, so 1,000 entries are ten tasks started together; one
clock advance past their delay applies them all. The time is that advance (wall and CPU); the
memory is what tracemalloc sees allocated at the peak of a second, identical run, and what the
finished tasks keep in the store.
"""
from __future__ import annotations

import json
import time
import tracemalloc
from typing import Any

from emulator.domains.product import batch
from emulator.world import Emulator


def _world(entries: int) -> tuple[Emulator, float]:
    """A fresh default world with enough Mart items for ``entries`` publishes, the tasks started."""
    emulator = Emulator()
    mart = emulator.shops.marts()[0]
    outlets = [int(o) for o in mart["outlet_shop_ids"]]
    template = emulator.products.items_of_shop(mart["shop_id"])[0]
    fields = {k: template[k] for k in ("item_name", "description", "category_id", "attribute_list", "brand", "image", "weight", "dimension",
                                       "condition", "item_sku", "logistic_info")}
    with emulator.transaction():
        items = [emulator.products.create_mart_item(mart["shop_id"], {**fields, "original_price": 25000, "stock": 0})["item_id"]
                 for _ in range(-(-entries // len(outlets)))]
        work = [{"mart_item_id": item, "outlet_shop_id": outlet, "publish_item": {
                    "model": [{"relate_mart_model_id": 0, "original_price": 25900, "seller_stock": [{"stock": 10}]}],
                    "purchase_limit_info": {"min_purchase_limit": 1, "max_purchase_limit": {"purchase_limit": 5}}}}
                for item in items for outlet in outlets][:entries]
        for start in range(0, len(work), batch.ENTRY_LIMIT):
            emulator.products.batches.create(mart["shop_id"], batch.PUBLISH, work[start:start + batch.ENTRY_LIMIT])
    return emulator, float(emulator.products.batches.settings()["delay_seconds"])


def _finished(emulator: Emulator) -> list[dict[str, Any]]:
    return list(emulator.store.collection(batch.TASKS).values())


def run(entries: int) -> dict[str, Any]:
    emulator, delay = _world(entries)
    wall, cpu = time.perf_counter(), time.process_time()
    emulator.advance(delay)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    tasks = _finished(emulator)
    applied = sum(len(t["success_list"]) for t in tasks)
    failed = sum(len(t["failed_list"]) for t in tasks)
    kept = len(json.dumps(tasks).encode("utf-8"))
    emulator.close()

    again, delay = _world(entries)
    tracemalloc.start()
    again.advance(delay)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    again.close()
    return {"entries": entries, "tasks": len(tasks), "seconds": wall, "cpu_s": cpu, "applied": applied, "failed": failed,
            "peak_mb": peak / 2**20, "kept_kb": kept / 1024}


if __name__ == "__main__":
    print(json.dumps(run(1000)))
