"""A long run of due jobs leaves the scheduler's heap in one sort (the ready run); it must run
exactly what popping the heap job by job runs, in the same order, at the same moments."""
from __future__ import annotations

import random
from collections.abc import Iterable
from typing import Any

import pytest

from emulator import clock as clock_module
from emulator.clock import Clock, Scheduler


def scripted_run(seed: int, take_ready: bool, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int, float]]:
    """2,000 jobs of three kinds (one in passes) with tied due times; handlers schedule jobs that
    fall due inside the run, cancel pending ones and run the clock themselves (a nested run)."""
    monkeypatch.setattr(clock_module, "READY_RUN", 16 if take_ready else 10**9)
    rng = random.Random(seed)
    clock = Clock(1000)
    scheduler = Scheduler(clock)
    log: list[tuple[str, int, float]] = []
    jobs = []

    def plain(payload: dict[str, Any]) -> None:
        log.append(("plain", payload["n"], clock.now_float()))
        roll = rng.random()
        if roll < 0.2:  # due inside the run, before much of what was taken out
            jobs.append(scheduler.after(rng.choice([0, 1, 5, 50]), rng.choice(["plain", "batched", "nested"]), {"n": -len(jobs)}))
        elif roll < 0.35 and jobs:
            scheduler.cancel(rng.choice(jobs))

    def nested(payload: dict[str, Any]) -> None:
        log.append(("nested", payload["n"], clock.now_float()))
        scheduler.run_due(clock.now_float() + rng.choice([0, 3]))

    def batched(payloads: Iterable[dict[str, Any]]) -> None:
        for payload in payloads:
            log.append(("batched", payload["n"], clock.now_float()))
            if rng.random() < 0.1:
                jobs.append(scheduler.after(rng.choice([0, 2]), "plain", {"n": -len(jobs)}))

    scheduler.handle("plain", plain)
    scheduler.handle("nested", nested)
    scheduler.handle("batched", lambda payload: batched([payload]))
    scheduler.handle_pass("batched", batched)
    for n in range(2000):
        kind = rng.choices(["plain", "batched", "nested"], [3, 6, 1])[0]
        jobs.append(scheduler.at(1000 + rng.randrange(0, 600), kind, {"n": n}))
    scheduler.run_due(1300)  # half of them: the rest stays in the heap
    log.append(("pending", scheduler.pending(), clock.now_float()))
    scheduler.run_due(2000)
    log.append(("pending", scheduler.pending(), clock.now_float()))
    return log


@pytest.mark.parametrize("seed", range(5))
def test_a_ready_run_runs_what_the_heap_would(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    assert scripted_run(seed, True, monkeypatch) == scripted_run(seed, False, monkeypatch)


def test_what_a_run_leaves_goes_back_into_the_heap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock_module, "READY_RUN", 4)
    clock = Clock(0)
    scheduler = Scheduler(clock)
    seen: list[int] = []

    def fail_at(payload: dict[str, Any]) -> None:
        seen.append(payload["n"])
        if payload["n"] == 40:
            raise RuntimeError("a broken job")

    scheduler.handle("t", fail_at)
    for n in range(100):
        scheduler.at(n, "t", {"n": n})
    with pytest.raises(RuntimeError):
        scheduler.run_due(99)
    assert seen == list(range(41))
    assert not scheduler._ready
    assert scheduler.pending("t") == 59 and scheduler.due(99)
    scheduler.run_due(99)
    assert seen == list(range(100))
