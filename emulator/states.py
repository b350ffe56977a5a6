"""Declarative state machines: which action moves a document from which statuses to which.

A domain declares its machine once (``StateMachine`` with ``Transition`` rows); the model checks
an action against it before acting, the console offers the buttons it lists per status, and tests
walk it. A new state machine (discounts, batch tasks) declares its own table the same way.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

# what else an action needs once the status allows it: a refusal message, or None
Guard = Callable[[Mapping[str, Any]], str | None]


@dataclass(frozen=True)
class Button:
    """How a console offers a transition: its label and form options, from some of its statuses
    (all of them when ``only_from`` is empty)."""

    label: str
    options: Mapping[str, str] = field(default_factory=dict)
    only_from: tuple[str, ...] = ()


@dataclass(frozen=True)
class Transition:
    """``action`` may run from any of ``sources`` (and when ``guard`` finds nothing missing) and
    leaves the document in one of ``targets``."""

    action: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    buttons: tuple[Button, ...] = ()
    guard: Guard | None = None


@dataclass(frozen=True)
class StateMachine:
    """The statuses of one kind of document and the transitions between them."""

    name: str
    states: tuple[str, ...]
    transitions: tuple[Transition, ...]

    def __post_init__(self) -> None:
        known = set(self.states)
        for transition in self.transitions:
            unknown = (set(transition.sources) | set(transition.targets)) - known
            if unknown:
                raise ValueError(f"{self.name}: {transition.action} names unknown statuses {sorted(unknown)}")

    def transition(self, action: str) -> Transition:
        for transition in self.transitions:
            if transition.action == action:
                return transition
        raise KeyError(f"{self.name} has no action {action!r}")

    def allows(self, action: str, status: str) -> bool:
        return status in self.transition(action).sources

    def refusal(self, action: str, status: str, subject: str, doc: Mapping[str, Any] | None = None) -> str | None:
        """Why ``action`` may not run on ``subject`` in ``status`` (``doc`` for the guard), or None."""
        transition = self.transition(action)
        if status not in transition.sources:
            return needs(action, self.name, transition.sources, subject, status)
        if transition.guard is not None and doc is not None:
            return transition.guard(doc)
        return None

    def allowed(self, status: str, doc: Mapping[str, Any] | None = None) -> tuple[str, ...]:
        """The actions the table allows now, in table order."""
        return tuple(t.action for t in self.transitions if self.refusal(t.action, status, "", doc) is None)

    def labels(self, action: str) -> tuple[tuple[str, dict[str, str]], ...]:
        """(label, options) of an action's buttons, whatever the status."""
        return tuple((button.label, dict(button.options)) for button in self.transition(action).buttons)

    def buttons(self, status: str) -> tuple[tuple[str, str, dict[str, str]], ...]:
        """(action, label, options) of every button offered in ``status``, in table order."""
        return tuple(
            (transition.action, button.label, dict(button.options))
            for transition in self.transitions
            if status in transition.sources
            for button in transition.buttons
            if not button.only_from or status in button.only_from
        )


def needs(action: str, name: str, sources: tuple[str, ...], subject: str, status: str) -> str:
    """The refusal of an action in the wrong status, in one wording for every table."""
    return f"{action} needs the {name} in {' or '.join(sources)}; {name} {subject} is {status}"
