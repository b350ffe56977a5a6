"""The internal event bus: domain code publishes, later layers (pushes, scenarios) subscribe."""
from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass(frozen=True)
class Event:
    """A domain event: ``name`` such as ``order.status_changed``, the shop it concerns, data."""

    name: str
    shop_id: int
    timestamp: int
    data: dict[str, Any] = field(default_factory=dict)


Subscriber = Callable[[Event], None]


class EventBus:
    """Synchronous publish/subscribe keyed by event name; ``*`` receives every event."""

    def __init__(self) -> None:
        self._subscribers: dict[str, list[Subscriber]] = defaultdict(list)
        # a bounded deque: dropping the oldest event is O(1), where trimming a list shifted it all
        self.recent: deque[Event] = deque(maxlen=1000)

    def subscribe(self, name: str, subscriber: Subscriber) -> None:
        self._subscribers[name].append(subscriber)

    def publish(self, event: Event) -> None:
        self.recent.append(event)
        for subscriber in (*self._subscribers.get(event.name, ()), *self._subscribers.get("*", ())):
            subscriber(event)
