"""The parallel push sender on its own: ready messages from a list, sends recorded in memory."""
from __future__ import annotations

import threading
from typing import Any, Callable

import pytest

from emulator.domains.push.streams import Item, Stream, Streams

RECEIVER = "http://receiver.test/push"


class Outbox:
    """Ready messages, each of its own stream at one receiver; ``HANG`` blocks until released."""

    def __init__(self, orders: list[str]) -> None:
        self.ready = {n: order for n, order in enumerate(orders)}
        self.sent: list[str] = []
        self.release = threading.Event()
        self.lock = threading.Lock()

    def take(self, select: Callable[[int, Stream], bool]) -> list[Item]:
        with self.lock:
            pending = list(self.ready.items())
        return [
            {"message_id": n, "order": order, "stream": (RECEIVER, 1, order)}
            for n, order in pending
            if select(n, (RECEIVER, 1, order))
        ]

    def send(self, item: Item) -> None:
        if item["order"] == "HANG":
            assert self.release.wait(30)  # real-time: a receiver that hangs until the test lets go
        with self.lock:
            self.sent.append(item["order"])
            del self.ready[item["message_id"]]


def test_a_stream_that_had_to_wait_goes_out_while_another_receiver_stream_hangs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The receiver's share is full (HANG and OK1), so OK2 waits; OK1 finishing must start OK2
    even when it finishes before the sender has looked at what is still running."""
    outbox = Outbox(["HANG", "OK1", "OK2"])
    streams = Streams(outbox.take, outbox.send, workers=4, per_receiver=2)
    original = Streams.dispatch

    def dispatch_then_let_quick_streams_finish(self: Streams, inline: bool = False) -> int:
        taken_at = original(self, inline)
        for _ in range(3000):  # the interleaving of a loaded machine, made certain
            with self._lock:
                if all(stream[2] == "HANG" for stream in self._busy):
                    break
            threading.Event().wait(0.001)  # real-time: pool threads finish on their own
        return taken_at

    monkeypatch.setattr(Streams, "dispatch", dispatch_then_let_quick_streams_finish)
    draining = threading.Thread(target=streams.drain)
    draining.start()
    try:
        for _ in range(5000):
            with outbox.lock:
                if "OK2" in outbox.sent:
                    break
            threading.Event().wait(0.001)  # real-time: the pool sends on its own
        with outbox.lock:
            assert sorted(outbox.sent) == ["OK1", "OK2"]
    finally:
        outbox.release.set()
        draining.join(30)
        streams.close()
    assert sorted(outbox.sent) == ["HANG", "OK1", "OK2"]
    assert not draining.is_alive()


def test_drain_sends_everything_and_answers_how_many() -> None:
    outbox = Outbox([f"OK{n}" for n in range(40)])
    outbox.release.set()
    streams = Streams(outbox.take, outbox.send, workers=4, per_receiver=3)
    try:
        assert streams.drain() == 40
    finally:
        streams.close()
    assert sorted(outbox.sent) == sorted(f"OK{n}" for n in range(40))
    assert outbox.ready == {}


def test_one_ready_stream_is_sent_inline_without_a_thread() -> None:
    outbox = Outbox(["OK"])
    threads: list[Any] = []
    streams = Streams(outbox.take, lambda item: (threads.append(threading.current_thread()), outbox.send(item)))
    assert streams.drain() == 1
    assert threads == [threading.current_thread()]
