"""The Items page's Batch tasks section: a Mart's publish, price and stock tasks, queued on the clock
until their delay passes, then each entry's outcome."""
from __future__ import annotations

from typing import Any

from emulator.console.render import copyable, esc, moment, table

# the task types as get_batch_task_result numbers them
TYPES = {1: "Outlet prices", 2: "Outlet stock", 3: "publish to Outlets", 4: "add items"}
STATUSES = {1: "ongoing", 2: "finished"}
SHOWN = 20


def section(emulator: Any, shop: dict[str, Any]) -> str:
    batches = emulator.products.batches
    tasks = batches.of_shop(shop["shop_id"])
    delay = batches.settings()["delay_seconds"]
    return (
        f'<section id="batch-tasks"><h2>Batch tasks of {esc(shop["shop_name"])} <span class="muted">({len(tasks)})</span></h2>'
        f'<p class="muted">Started with v2.product.batch_*; each runs {esc(delay)} s of virtual time after it was made '
        '(<code>/_emulator/product/batch_tasks</code> sets the delay and forced failures).</p>'
        + table(["Task ID", "type", "status", "entries", "outcome", "made", "runs at"], [_row(emulator, t) for t in tasks[:SHOWN]],
                table_id="batch-task-list", empty="This Mart has started no batch task.")
        + "</section>"
    )


def _row(emulator: Any, task: dict[str, Any]) -> list[str]:
    finished = task["publish_status"] == 2
    failures = "".join(
        f'<li>shop {esc(f["shop_id"])} · item {esc(f["item_id"])} · model {esc(f["model_id"])}: {esc(f["failed_reason"])}</li>'
        for f in task["failed_list"][:5]
    )
    outcome = (f'{len(task["success_list"])} applied, {len(task["failed_list"])} failed'
               + (f'<ul class="muted">{failures}</ul>' if failures else "")) if finished else '<span class="muted">waiting</span>'
    return [
        copyable(task["task_id"], nowrap=True),
        esc(TYPES.get(task["task_type"], task["task_type"])),
        esc(STATUSES.get(task["publish_status"], task["publish_status"])),
        esc(len(task["entries"])),
        outcome,
        moment(emulator, task["create_time"]),
        moment(emulator, task["finish_time"] if finished else int(task["due_time"])),
    ]
