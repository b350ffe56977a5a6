"""Virtual time: the only place in the emulator that reads the wall clock.

A ``Clock`` answers ``now()`` in unix seconds. In ``manual`` mode time stands still until
``advance``/``set`` move it (the default for tests); in ``realtime`` mode it follows the wall clock
plus an offset that ``advance``/``set`` grow (the default for ``serve``). Either way time only moves
forward, and the ``Scheduler`` runs work that falls due, in due order, as it passes.
"""
from __future__ import annotations

import gc
import heapq
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping, TypeVar, cast

MANUAL = "manual"
READY_RUN = 256  # due jobs enough for a run to leave the heap in one sort
REALTIME = "realtime"


def wall_time() -> float:
    """Seconds since the epoch from the host. Only the clock and signature window use it."""
    return time.time()


def stopwatch() -> Callable[[], float]:
    """Start timing real work (a push's round trip); the result gives the seconds elapsed so far."""
    started = time.perf_counter()
    return lambda: time.perf_counter() - started


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
        # ``state()`` as last made: every transaction saves it twice, and it changes only when
        # the clock is moved (the dict is shared, so nobody may change it)
        self._state: dict[str, Any] | None = None

    def now(self) -> int:
        # ``now_float`` inline: a clock jump asks the time several times per job
        if self.mode == MANUAL:
            return int(self._manual_now)
        return int(wall_time() + self._offset)

    def now_float(self) -> float:
        if self.mode == MANUAL:
            return self._manual_now
        return wall_time() + self._offset

    def move_to(self, timestamp: float) -> None:
        """Jump forward to ``timestamp``; never backwards."""
        delta = timestamp - (self._manual_now if self.mode == MANUAL else wall_time() + self._offset)
        if delta <= 0:
            return
        self._manual_now += delta
        self._offset += delta
        self._state = None

    def state(self) -> dict[str, Any]:
        state = self._state
        if state is None:
            state = self._state = {"mode": self.mode, "manual_now": self._manual_now, "offset": self._offset}
        return state

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
        self._state = None


@contextmanager
def gc_paused() -> Iterator[None]:
    """No garbage collection inside: a long run of jobs piles up undo records that all survive,
    and each pile sets off another full collection over the whole world (half the time of a
    100k-job jump); collecting once at the end finds the same garbage."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


@dataclass(eq=False, slots=True)  # slots: a world of 100k orders holds 100k pending jobs
class Job:
    """Work due at ``due``; ``kind`` names a handler registered on the scheduler."""

    due: float
    seq: int
    kind: str
    payload: dict[str, Any] = field(default_factory=dict)
    cancelled: bool = False
    done: bool = False


JobHandler = Callable[[dict[str, Any]], None]  # runs one due job, given its payload
# A job's payload as its domain declares it (a TypedDict in the domain's jobs module), or any mapping.
Payload = TypeVar("Payload", bound=Mapping[str, Any])


class UnknownJobKind(ValueError):
    """A job scheduled with a kind no handler takes."""


class Scheduler:
    """Runs jobs in (due, seq) order as the clock passes them.

    Jobs are data (a kind and a JSON payload) so that they persist with the rest of the state;
    handlers are looked up by kind when the job runs.

    Between ``begin`` and ``commit`` the scheduler logs what it does, so that ``rollback`` can undo
    it alongside the store: a job scheduled by a request that then fails never runs, and a job
    that ran in a failed transaction is due again.

    The heap holds ``(due, seq, job)`` tuples: tuple comparison runs in C, which matters when a
    clock jump runs 100k jobs (a dataclass ``__lt__`` costs about ten Python calls per pop).
    Cancelled and finished jobs leave the heap lazily.
    """

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._heap: list[tuple[float, int, Job]] = []
        # a long run's due entries, taken out of the heap at once and sorted, last first: popping
        # them is O(1) where a heap pop compares its way down 17 levels of a 100k-job heap
        self._ready: list[tuple[float, int, Job]] = []
        self._runs = 0  # run_due calls under way (a handler may advance the clock itself)
        self._until_ready = 0  # heap pops left in this run before the rest is taken out at once
        self._handlers: dict[str, JobHandler] = {}
        self._passes: dict[str, Callable[[Iterable[dict[str, Any]]], None]] = {}
        # False runs every job through its one-job handler: what batched runs are checked against
        self.batching = True
        self._seq = 0
        self._pending = 0
        self._log: tuple[list[Job], list[Job], list[Job]] | None = None
        self._clock_at_begin: dict[str, Any] | None = None
        self.running: Job | None = None  # the job whose handler is running (or last raised)
        self.on_change: Callable[[str, Job | None], None] | None = None
        # told at the end of a pass of every job the pass ran (by key), in place of one
        # ``on_change`` call per job; without it each job is told of one by one
        self.on_done_many: Callable[[list[str]], None] | None = None
        self._sealed = False  # set once the domains are installed: then every kind needs a handler

    def handle(self, kind: str, handler: Callable[[Payload], None]) -> None:
        """Run ``handler`` with the payload of each due job of ``kind``; a domain types the payload
        with the TypedDict it schedules the job with."""
        self._handlers[kind] = cast(JobHandler, handler)

    def seal(self, declared: Iterable[str]) -> None:
        """Start-up has installed every handler: from now on scheduling a job of a kind nothing
        handles fails at once, rather than the job being dropped when it falls due.

        ``declared`` is every kind the domains say they schedule; a declared kind without a
        handler, or a handler for a kind no domain declares, is a wiring mistake refused here.
        """
        declared = set(declared)
        unhandled = sorted(declared - self._handlers.keys())
        if unhandled:
            raise UnknownJobKind(
                f"no handler for the job kind {unhandled[0]!r}: the domain that owns it registers one with scheduler.handle"
            )
        undeclared = sorted(self._handlers.keys() - declared)
        if undeclared:
            raise UnknownJobKind(
                f"a handler takes the job kind {undeclared[0]!r}, which no domain schedules "
                "(each domain names its job kinds in its published.py)"
            )
        self._sealed = True

    def handle_pass(self, kind: str, handler: Callable[[Iterable[Payload]], None]) -> None:
        """Run consecutive due jobs of ``kind`` in one call: ``handler`` takes their payloads in
        due order, and taking one moves the clock to its job, exactly as one-job runs would.

        A run ends at the first due job of another kind, including one a payload's own work has
        just scheduled, so jobs interleave as they do one by one. The handler must finish each
        payload before taking the next, so that a payload that raises is the one dropped.
        """
        self._passes[kind] = cast(Callable[[Iterable[dict[str, Any]]], None], handler)

    # -- transactions --------------------------------------------------------------------------
    def begin(self) -> None:
        # three plain lists of jobs, not one list of (action, job) tuples: a clock jump over 100k
        # jobs would otherwise allocate 100k tuples and wake the garbage collector that much more
        self._log = ([], [], [])
        self._clock_at_begin = self.clock.state()

    def commit(self) -> None:
        self._log = None

    def rollback(self) -> None:
        if self._log is None:
            return
        added, cancelled, ran = self._log
        self._log = None
        # undo in reverse: a job that was added and then ran or was cancelled ends up inactive
        for job in ran:
            job.done = False
            self._pending += 1
            heapq.heappush(self._heap, (job.due, job.seq, job))
        for job in cancelled:
            job.cancelled = False
            self._pending += 1
            heapq.heappush(self._heap, (job.due, job.seq, job))
        for job in added:
            job.cancelled = True
            self._pending -= 1
        if self._clock_at_begin is not None:
            self.clock.restore(self._clock_at_begin)

    # -- jobs ----------------------------------------------------------------------------------
    def at(self, due: float, kind: str, payload: Mapping[str, Any] | None = None) -> Job:
        if self._sealed and kind not in self._handlers:
            raise UnknownJobKind(
                f"no handler for the job kind {kind!r}: the domain that owns it registers one with scheduler.handle"
            )
        self._seq += 1
        # the payload is kept as given (a plain dict at run time, whatever its declared type)
        job = Job(float(due), self._seq, kind, cast(dict[str, Any], payload) if payload else {})
        heapq.heappush(self._heap, (job.due, job.seq, job))
        self._pending += 1
        if self._log is not None:
            self._log[0].append(job)
        if self.on_change:
            self.on_change(str(job.seq), job)
        return job

    def after(self, seconds: float, kind: str, payload: Mapping[str, Any] | None = None) -> Job:
        return self.at(self.clock.now_float() + seconds, kind, payload)

    def cancel(self, job: Job) -> None:
        if job.cancelled or job.done:
            return
        job.cancelled = True
        self._pending -= 1
        if self._log is not None:
            self._log[1].append(job)
        if self.on_change:
            self.on_change(str(job.seq), None)

    def pending(self, kind: str | None = None) -> int:
        if kind is None:
            return self._pending
        return sum(1 for _, _, job in (*self._heap, *self._ready) if not (job.cancelled or job.done) and job.kind == kind)

    def due(self, until: float | None = None) -> bool:
        """Whether anything may be due by ``until`` (default: now): a cheap check for every request."""
        heap, ready = self._heap, self._ready
        limit = self.clock.now_float() if until is None else until
        return (bool(heap) and heap[0][0] <= limit) or (bool(ready) and ready[-1][0] <= limit)

    def _pop_due(self, limit: float) -> tuple[float, int, Job] | None:
        """The next live entry due by ``limit``, from the heap or the ready run, whichever is first."""
        heap, ready = self._heap, self._ready
        while True:
            if heap and heap[0][0] <= limit and (not ready or heap[0] < ready[-1]):
                self._until_ready -= 1
                if not self._until_ready:
                    self._take_ready(limit)
                    heap, ready = self._heap, self._ready
                    continue
                entry = heapq.heappop(heap)
            elif ready and ready[-1][0] <= limit:
                entry = ready.pop()
            else:
                return None
            job = entry[2]
            if not (job.cancelled or job.done):
                return entry

    def _take_ready(self, limit: float) -> None:
        """Move every entry due by ``limit`` out of the heap into the ready run, in one sort."""
        heap = self._heap
        due = [entry for entry in heap if entry[0] <= limit]
        if len(due) < READY_RUN:
            return
        rest = [entry for entry in heap if entry[0] > limit]
        heapq.heapify(rest)
        due.extend(self._ready)  # at most the entry a pass stopped at
        due.sort(reverse=True)  # (due, seq) pairs are unique: the jobs themselves are never compared
        self._heap, self._ready = rest, due

    def _return_ready(self) -> None:
        """What a run left in the ready run goes back into the heap, where everything else looks."""
        if self._ready:
            self._heap.extend(self._ready)
            heapq.heapify(self._heap)
            self._ready = []

    def run_due(self, until: float | None = None) -> int:
        """Run every job due at or before ``until`` (default: now), moving the clock to each."""
        limit = self.clock.now_float() if until is None else until
        if not self.due(limit):
            return 0  # the common case on every request: nothing due
        self.running = None
        handlers = self._handlers
        passes = self._passes if self.batching else {}
        ran = 0
        self._runs += 1
        if self._runs == 1:
            # a long run leaves the heap once it has popped a sixteenth of it: a short run never
            # pays for the scan, and a clock jump's 100k jobs come out in one sort
            self._until_ready = max(len(self._heap) // 16, READY_RUN)
        try:
            with gc_paused():
                while True:
                    entry = self._pop_due(limit)
                    if entry is None:
                        break
                    job = entry[2]
                    ran += self._run_one(job, limit, handlers, passes)
        finally:
            self._runs -= 1
            if not self._runs:
                self._return_ready()
        return ran

    def _run_one(self, job: Job, limit: float, handlers: dict[str, JobHandler],
                 passes: dict[str, Callable[[Iterable[dict[str, Any]]], None]]) -> int:
        """Run ``job`` (with the run of its kind that follows it, when its kind runs in passes)."""
        run_pass = passes.get(job.kind)
        if run_pass is not None:
            taken: list[Job] = []
            try:
                run_pass(self._run_of(job, limit, taken))
            finally:
                self._done_many(taken)
            self.running = None
            return len(taken)
        self._take(job)
        handler = handlers.get(job.kind)
        if handler is not None:
            self.running = job
            handler(job.payload)
            self.running = None
        return 1

    def _take(self, job: Job) -> None:
        """Mark a job run and move the clock to it, before its handler runs."""
        job.done = True
        self._pending -= 1
        if self._log is not None:
            self._log[2].append(job)
        self.clock.move_to(job.due)
        if self.on_change:
            self.on_change(str(job.seq), None)

    def _done_many(self, jobs: list[Job]) -> None:
        if self.on_done_many is not None:
            self.on_done_many([str(job.seq) for job in jobs])
        elif self.on_change:
            for job in jobs:
                self.on_change(str(job.seq), None)

    def _run_of(self, first: Job, limit: float, taken: list[Job]) -> Iterator[dict[str, Any]]:
        """``first``'s payload, then those of the jobs of its kind that follow it in due order."""
        kind, job = first.kind, first
        log, move_to, pop_due = self._log, self.clock.move_to, self._pop_due
        while True:
            # ``_take`` inline, without ``on_change``: the pass tells of its jobs at its end
            job.done = True
            self._pending -= 1
            if log is not None:
                log[2].append(job)
            move_to(job.due)
            self.running = job
            taken.append(job)
            yield job.payload
            entry = pop_due(limit)
            if entry is None:
                return
            if entry[2].kind != kind:
                # first of both the heap and the ready run: it goes back on top of the ready run
                self._ready.append(entry)
                return
            job = entry[2]

    def load(self, jobs: list[dict[str, Any]], origin: str = "the state") -> None:
        """Take up the pending jobs of a saved state; once sealed, a job of a kind nothing handles
        refuses the whole state (naming ``origin``), rather than being dropped when it falls due."""
        if self._sealed:
            unknown = sorted({str(j.get("kind")) for j in jobs} - self._handlers.keys())
            if unknown:
                raise UnknownJobKind(
                    f"{origin} holds jobs of a kind no domain handles: {', '.join(map(repr, unknown))} "
                    f"(known kinds: {', '.join(sorted(self._handlers))})"
                )
        loaded = [Job(float(j["due"]), int(j["seq"]), j["kind"], j.get("payload") or {}) for j in jobs]
        self._ready = []
        self._heap = [(job.due, job.seq, job) for job in loaded]
        heapq.heapify(self._heap)
        self._pending = len(loaded)
        self._seq = max((job.seq for job in loaded), default=self._seq)

    @staticmethod
    def dump(job: Job) -> dict[str, Any]:
        return {"due": job.due, "seq": job.seq, "kind": job.kind, "payload": job.payload}
