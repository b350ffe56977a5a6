"""API domains. Each package's model is built and attached by ``Emulator._build_domains``.

The order matters: a domain may seed the world on top of what earlier domains seeded. Each
package's ``published.PUBLISHES`` names the events it publishes; a subscription to any other name
fails at start-up (``EventBus.seal``).
"""
from __future__ import annotations

import importlib
DOMAINS = ("auth", "shop", "product", "logistics", "order", "returns", "payment", "discount", "push")


def published_events() -> set[str]:
    """Every event name some domain publishes."""
    names: set[str] = set()
    for name in DOMAINS:
        names.update(importlib.import_module(f"emulator.domains.{name}.published").PUBLISHES)
    return names
