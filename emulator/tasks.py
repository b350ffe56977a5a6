"""Settings of the platform's asynchronous tasks (airway bills, income documents).

A task stays PROCESSING for ``delay_seconds`` of virtual time, then finishes; while ``fail_next`` is
above zero the next tasks end FAILED instead, one per unit. The settings live in the store, so they
persist and reset with the world.
"""
from __future__ import annotations

from typing import Any

from emulator.store import Store


def settings_problem(delay_seconds: float | None, fail_next: float | None) -> str | None:
    """What is wrong with new settings, if anything: a delay is 0 or more, fail_next a count."""
    if delay_seconds is not None and delay_seconds < 0:
        return "delay_seconds must not be negative"
    if fail_next is not None and (not isinstance(fail_next, int) or fail_next < 0):
        return "fail_next must be a whole number, 0 or more"
    return None


class TaskSettings:
    """One kind of task's delay and forced failures, kept as one store document."""

    def __init__(self, store: Store, collection: str, key: str, default_delay: float) -> None:
        self.store, self.collection, self.key, self.default_delay = store, collection, key, default_delay

    def current(self) -> dict[str, Any]:
        return self.store.get(self.collection, self.key) or {"delay_seconds": self.default_delay, "fail_next": 0}

    def configure(self, delay_seconds: float | None = None, fail_next: int | None = None) -> dict[str, Any]:
        settings = dict(self.current())
        if delay_seconds is not None:
            settings["delay_seconds"] = delay_seconds
        if fail_next is not None:
            settings["fail_next"] = fail_next
        self.store.put(self.collection, self.key, settings)
        return settings

    def take_failure(self) -> bool:
        """Whether the task finishing now must fail; uses up one forced failure if so."""
        left = int(self.current().get("fail_next", 0))
        if left > 0:
            self.configure(fail_next=left - 1)
        return left > 0
