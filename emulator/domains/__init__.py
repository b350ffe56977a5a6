"""API domains. Each package's model is built and attached by ``Emulator._build_domains``.

The order matters: a domain may seed the world on top of what earlier domains seeded. Each
package's ``published.PUBLISHES`` names the events it publishes, and ``published.SCHEDULES`` the
kinds of clock job it schedules; a subscription to any other event, or a job of any other kind
(scheduled, or read back from a data file or a snapshot), fails at start-up (``EventBus.seal``,
``Scheduler.seal``).
"""
from __future__ import annotations

import importlib
DOMAINS = ("auth", "shop", "product", "logistics", "order", "returns", "payment", "discount", "push")


def published_events() -> set[str]:
    """Every event name some domain publishes."""
    return _declared("PUBLISHES")


def scheduled_jobs() -> set[str]:
    """Every kind of clock job some domain schedules."""
    return _declared("SCHEDULES")


def _declared(what: str) -> set[str]:
    names: set[str] = set()
    for name in DOMAINS:
        names.update(getattr(importlib.import_module(f"emulator.domains.{name}.published"), what))
    return names
