"""Control-plane routes for the catalogue's asynchronous work.

    GET/POST /_emulator/product/batch_tasks     {"delay_seconds", "fail_next"} of batch tasks
    GET      /_emulator/product/batch_tasks/list ?shop_id=  the Mart's tasks, newest first
    GET/POST /_emulator/product/videos          {"delay_seconds", "fail_next"} of video transcoding
"""
from __future__ import annotations

from typing import Any

from starlette.routing import Route

from emulator.http.control.plane import ControlCall, ControlError, control, json_body, number
from emulator.tasks import TaskSettings, settings_problem


async def configure_task(call: ControlCall, settings: TaskSettings) -> dict[str, Any]:
    """GET: a task kind's delay and forced failures; POST: change either (both checked first)."""
    if call.method == "GET":
        return dict(settings.current())
    body = await json_body(call)
    delay, fail_next = (number(body, key, required=False) for key in ("delay_seconds", "fail_next"))
    problem = settings_problem(delay, fail_next)
    if problem is not None:
        raise ControlError(problem)
    with call.emulator.transaction():
        return dict(settings.configure(delay, fail_next))


@control
async def batch_task_settings(call: ControlCall) -> dict[str, Any]:
    """Batch tasks' delay on the clock and forced failures."""
    return await configure_task(call, call.emulator.products.batches.task_settings)


@control
async def video_settings(call: ControlCall) -> dict[str, Any]:
    """Video transcoding's delay on the clock and forced failures."""
    return await configure_task(call, call.emulator.products.videos.task_settings)


@control
async def batch_task_list(call: ControlCall) -> dict[str, Any]:
    """A Mart's batch tasks, newest first, with their entries and outcomes."""
    emulator = call.emulator
    raw = call.query.get("shop_id", "")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        raise ControlError("shop_id must be a shop id")
    return {"task_list": emulator.products.batches.of_shop(int(raw))}


def routes() -> list[Route]:
    return [
        Route("/_emulator/product/batch_tasks", batch_task_settings, methods=["GET", "POST"]),
        Route("/_emulator/product/batch_tasks/list", batch_task_list, methods=["GET"]),
        Route("/_emulator/product/videos", video_settings, methods=["GET", "POST"]),
    ]
