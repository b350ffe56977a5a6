"""Virtual time: the only place in the emulator that reads the wall clock.

A ``Clock`` answers ``now()`` in unix seconds. In ``manual`` mode time stands still until
``advance``/``set`` move it (the default for tests); in ``realtime`` mode it follows the wall clock
plus an offset that ``advance``/``set`` grow (the default for ``serve``). Either way time only moves
forward, and the ``Scheduler`` runs work that falls due, in due order, as it passes.
"""
from __future__ import annotations

import heapq
import time
from dataclasses import dataclass, field
from typing import Any, Callable

MANUAL = "manual"
REALTIME = "realtime"


def wall_time() -> float:
    """Seconds since the epoch from the host. Only the clock and signature window use it."""
    return time.time()


class Clock:
    """Virtual clock; see module docstring for the two modes."""

    def __init__(self, start: int | None = None, mode: str = MANUAL) -> None:
        if mode not in (MANUAL, REALTIME):
            raise ValueError(f"unknown clock mode {mode!r}")
        self.mode = mode
        start_at = int(wall_time()) if start is None else int(start)
        self._manual_now = float(start_at)
        # A manual clock never reads the wall clock again, so it keeps no offset from it: that
        # keeps its state (and so a snapshot) a pure function of the start time.
        self._offset = start_at - wall_time() if mode == REALTIME else 0.0

    def now(self) -> int:
        return int(self.now_float())

    def now_float(self) -> float:
        if self.mode == MANUAL:
            return self._manual_now
        return wall_time() + self._offset

    def move_to(self, timestamp: float) -> None:
        """Jump forward to ``timestamp``; never backwards."""
        delta = timestamp - self.now_float()
        if delta <= 0:
            return
        self._manual_now += delta
        self._offset += delta

    def state(self) -> dict[str, Any]:
        return {"mode": self.mode, "manual_now": self._manual_now, "offset": self._offset}

    @staticmethod
    def saved_now(state: dict[str, Any]) -> float:
        """The moment a saved clock stands at now: a real-time one has moved on with the wall clock."""
        if state["mode"] == REALTIME:
            return wall_time() + float(state["offset"])
        return float(state["manual_now"])

    def restore(self, state: dict[str, Any]) -> None:
        """Stand at a saved clock's moment, even an earlier one; the mode stays this clock's own,
        so a test that imports a running server's snapshot keeps its manual clock."""
        moment = self.saved_now(state)
        self._manual_now = moment
        self._offset = moment - wall_time() if self.mode == REALTIME else 0.0


@dataclass(order=True)
class Job:
    """Work due at ``due``; ``kind`` names a handler registered on the scheduler."""

    due: float
    seq: int
    kind: str = field(compare=False)
    payload: dict[str, Any] = field(compare=False, default_factory=dict)
    cancelled: bool = field(compare=False, default=False)


class Scheduler:
    """Runs jobs in (due, seq) order as the clock passes them.

    Jobs are data (a kind and a JSON payload) so that they persist with the rest of the state;
    handlers are looked up by kind when the job runs.
    """

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._heap: list[Job] = []
        self._handlers: dict[str, Callable[[dict[str, Any]], None]] = {}
        self._seq = 0
        self.on_change: Callable[[str, Job | None], None] | None = None

    def handle(self, kind: str, handler: Callable[[dict[str, Any]], None]) -> None:
        self._handlers[kind] = handler

    def at(self, due: float, kind: str, payload: dict[str, Any] | None = None) -> Job:
        self._seq += 1
        job = Job(float(due), self._seq, kind, payload or {})
        heapq.heappush(self._heap, job)
        if self.on_change:
            self.on_change(str(job.seq), job)
        return job

    def after(self, seconds: float, kind: str, payload: dict[str, Any] | None = None) -> Job:
        return self.at(self.clock.now_float() + seconds, kind, payload)

    def cancel(self, job: Job) -> None:
        job.cancelled = True
        if self.on_change:
            self.on_change(str(job.seq), None)

    def pending(self, kind: str | None = None) -> int:
        return sum(1 for j in self._heap if not j.cancelled and (kind is None or j.kind == kind))

    def next_due(self) -> float | None:
        while self._heap and self._heap[0].cancelled:
            heapq.heappop(self._heap)
        return self._heap[0].due if self._heap else None

    def run_due(self, until: float | None = None) -> int:
        """Run every job due at or before ``until`` (default: now), moving the clock to each."""
        limit = self.clock.now_float() if until is None else until
        ran = 0
        while True:
            due = self.next_due()
            if due is None or due > limit:
                break
            job = heapq.heappop(self._heap)
            self.clock.move_to(job.due)
            if self.on_change:
                self.on_change(str(job.seq), None)
            handler = self._handlers.get(job.kind)
            if handler is not None:
                handler(job.payload)
            ran += 1
        return ran

    def advance(self, seconds: float) -> int:
        target = self.clock.now_float() + seconds
        ran = self.run_due(target)
        self.clock.move_to(target)
        return ran

    def set_time(self, timestamp: float) -> int:
        ran = self.run_due(timestamp)
        self.clock.move_to(timestamp)
        return ran

    def load(self, jobs: list[dict[str, Any]]) -> None:
        self._heap = [Job(j["due"], j["seq"], j["kind"], j.get("payload") or {}) for j in jobs]
        heapq.heapify(self._heap)
        self._seq = max((j.seq for j in self._heap), default=self._seq)

    @staticmethod
    def dump(job: Job) -> dict[str, Any]:
        return {"due": job.due, "seq": job.seq, "kind": job.kind, "payload": job.payload}
