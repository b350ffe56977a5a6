"""Sending ready pushes in parallel: one stream per order (or per message without one), in order.

A stream is a receiver URL with one shop's order; its messages go out one after another, so the
receiver sees an order's status changes in the order they happened, while different orders (and
shops, and receivers) go out side by side on a bounded pool of threads. Each receiver holds at
most ``PER_RECEIVER`` threads: a receiver that hangs costs its own streams their timeouts, never
the others' place in the pool.
"""
from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable

from emulator.domains.push.documents import ReadyPush

log = logging.getLogger(__name__)

WORKERS = 32
PER_RECEIVER = 16

Item = ReadyPush
# (receiver, shop, order or message): the receiver first, whose share of the workers is bounded
Stream = tuple[Any, ...]


class Streams:
    """The parallel sender of one emulator's push outbox."""

    def __init__(
        self,
        take: Callable[[Callable[[int, Stream], bool]], list[Item]],
        send: Callable[[Item], None],
        on_idle: Callable[[], None] = lambda: None,
        workers: int = WORKERS,
        per_receiver: int = PER_RECEIVER,
    ) -> None:
        self._take, self._send, self._on_idle = take, send, on_idle
        self._workers, self._per_receiver = workers, per_receiver
        self._lock = threading.Lock()
        # signalled whenever a stream finishes; ``_finished`` counts them, so a waiter can tell
        # whether one finished since it last looked, even before it began to wait
        self._stream_done = threading.Condition(self._lock)
        self._finished = 0
        self._busy: dict[Stream, Future[int]] = {}
        self._taken: set[int] = set()
        self._pool: ThreadPoolExecutor | None = None
        self.sent = 0
        self._failures = 0

    def dispatch(self, inline: bool = False) -> int:
        """Start a worker for every stream with ready messages and room at its receiver.

        ``inline`` sends here and now when only one stream is ready and nothing else runs: the
        common case of a test advancing its manual clock needs no thread at all. Answers how many
        streams had finished when the ready messages were taken.
        """
        with self._lock:
            finished = self._finished
            groups: dict[Stream, list[Item]] = {}
            for item in self._take(self._selector()):
                groups.setdefault(item["stream"], []).append(item)
            inline_stream: tuple[Stream, list[Item]] | None = None
            if inline and len(groups) == 1 and not self._busy:
                (inline_stream,) = groups.items()
                self._claim(*inline_stream, None)
            else:
                self._start(groups)
        if inline_stream is not None:
            self._run(*inline_stream)
        return finished

    def _selector(self) -> Callable[[int, Stream], bool]:
        """Which ready messages to take now: not taken yet, of a stream not running, and within
        its receiver's share. Decided before any message is built, so each round stays cheap."""
        room: dict[Any, int] = {}
        for stream in self._busy:
            room[stream[0]] = room.get(stream[0], 0) + 1
        chosen: set[Stream] = set()

        def select(message_id: int, stream: Stream) -> bool:
            if message_id in self._taken or stream in self._busy:
                return False
            if stream in chosen:
                return True
            receiver = stream[0]
            if room.get(receiver, 0) >= self._per_receiver:
                return False  # this receiver already holds its share; its other streams wait
            room[receiver] = room.get(receiver, 0) + 1
            chosen.add(stream)
            return True

        return select

    def _start(self, groups: dict[Stream, list[Item]]) -> None:
        for stream, items in groups.items():
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self._workers, thread_name_prefix="push-stream")
            future: Future[int] = Future()
            self._claim(stream, items, future)
            self._pool.submit(self._run, stream, items, future)

    def _claim(self, stream: Stream, items: list[Item], future: Future[int] | None) -> None:
        self._busy[stream] = future if future is not None else Future()
        self._taken.update(item["message_id"] for item in items)

    def _run(self, stream: Stream, items: list[Item], future: Future[int] | None = None) -> None:
        sent = 0
        try:
            for item in items:
                self._send(item)
                sent += 1
        except Exception:  # a store that refuses the record: the message stays ready for a later round
            log.exception("push stream %s stopped", stream)
            with self._lock:
                self._failures += 1
        finally:
            with self._lock:
                done = self._busy.pop(stream)
                self._taken.difference_update(item["message_id"] for item in items)
                self.sent += sent
                self._finished += 1
                self._stream_done.notify_all()
            done.set_result(sent)
            self._on_idle()

    def drain(self) -> int:
        """Send until nothing is ready and nothing is in flight (retries that fall due included).

        Stops early when a record could not be written: the messages stay ready for the next try.
        """
        before = self.sent
        while True:
            failures = self._failures
            taken_at = self.dispatch(inline=True)
            with self._stream_done:
                # Any stream that finished since the messages were taken freed room for one that
                # had to wait, so look again at once; waiting on the streams still running could
                # leave a waiting stream behind a receiver that hangs.
                while self._busy and self._finished == taken_at:
                    self._stream_done.wait()
                idle = not self._busy
            if self._failures != failures:
                return self.sent - before
            if idle:
                with self._lock:  # a last look: what became ready while the final stream finished
                    if not self._take(self._selector()):
                        return self.sent - before

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
