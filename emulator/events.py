"""The internal event bus: domain code publishes, later layers (pushes, scenarios) subscribe."""
from __future__ import annotations

from collections import defaultdict, deque
from typing import Any, Callable, NamedTuple


class Event(NamedTuple):
    """A domain event: ``name`` such as ``order.status_changed``, the shop it concerns, data.

    A named tuple rather than a frozen dataclass: as immutable, and made in C, where a frozen
    dataclass sets each field through ``object.__setattr__`` (a clock jump makes 300k events, and
    that was a sixth of publishing them)."""

    name: str
    shop_id: int
    timestamp: int
    data: dict[str, Any]


_new_event = tuple.__new__  # the named tuple's own ``__new__`` is a Python function around this


Subscriber = Callable[[Event], None]


class UnknownEvent(ValueError):
    """A subscription to an event name that no domain publishes."""


class EventBus:
    """Synchronous publish/subscribe keyed by event name; ``*`` receives every event."""

    def __init__(self) -> None:
        self._subscribers: dict[str, list[Subscriber]] = defaultdict(list)
        # per event name, its own subscribers then those of ``*``: built once per subscription
        # rather than per event (a clock jump publishes hundreds of thousands)
        self._routes: dict[str, tuple[Subscriber, ...]] = {}
        self._published: frozenset[str] | None = None  # known once start-up is over (``seal``)
        # a bounded deque: dropping the oldest event is O(1), where trimming a list shifted it all
        self.recent: deque[Event] = deque(maxlen=1000)

    def subscribe(self, name: str, subscriber: Subscriber) -> None:
        if self._published is not None:
            self._check(name)
        self._subscribers[name].append(subscriber)
        self._routes.clear()

    def seal(self, published: set[str]) -> None:
        """Start-up is over: every subscription, now and later, must name an event some domain
        publishes, so a misspelt name fails here rather than never firing."""
        self._published = frozenset(published)
        for name in self._subscribers:
            self._check(name)

    def _check(self, name: str) -> None:
        assert self._published is not None
        if name != "*" and name not in self._published:
            raise UnknownEvent(
                f"a subscriber listens for the event {name!r}, which no domain publishes "
                "(each domain names its events in its published.py)"
            )

    def publish(self, event: Event) -> None:
        self.recent.append(event)
        route = self._routes.get(event.name)
        if route is None:
            route = self._route(event.name)
        for subscriber in route:
            subscriber(event)

    def emit(self, name: str, shop_id: int, timestamp: int, data: dict[str, Any]) -> Event:
        """``publish`` of a new event, made here: the one construction path, kept short."""
        event: Event = _new_event(Event, (name, shop_id, timestamp, data))
        self.recent.append(event)
        route = self._routes.get(name)
        if route is None:
            route = self._route(name)
        for subscriber in route:
            subscriber(event)
        return event

    def _route(self, name: str) -> tuple[Subscriber, ...]:
        route = self._routes[name] = (*self._subscribers.get(name, ()), *self._subscribers.get("*", ()))
        return route
