"""Identifiers that look like the platform's, drawn from the emulator's seeded streams.

Numeric ids grow from a per-kind counter by a random step, so they are unique, ordered by
creation, deterministic for a seed, and of realistic length.
"""
from __future__ import annotations

import string
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from emulator.world import Emulator

COUNTERS = "counters"
_START = {
    "shop": 227_000_000,
    "main_account": 1_430_000,
    "item": 24_000_000_000,
    "model": 180_000_000_000,
    "image": 1,
    "package": 1,
    "return": 200_000_000_000_000,
}
_STEP = {"shop": 9_973, "main_account": 97, "item": 99_991, "model": 9_973}
_SN_ALPHABET = string.digits + string.ascii_uppercase


class Ids:
    """Id factory bound to one emulator."""

    def __init__(self, emulator: "Emulator") -> None:
        self.emulator = emulator

    def next(self, kind: str) -> int:
        store = self.emulator.store
        doc = store.edit(COUNTERS, kind)
        if doc is None:
            doc = store.put(COUNTERS, kind, {"value": _START.get(kind, 1_000_000)})
        step = _STEP.get(kind, 1)
        doc["value"] += self.emulator.rng(f"ids:{kind}").randint(1, step) if step > 1 else 1
        return int(doc["value"])

    def order_sn(self, created_at: int) -> str:
        """``YYMMDD`` of the order's date then 8 characters, like ``260105KX3M9QWE``."""
        import datetime as _dt

        day = _dt.datetime.fromtimestamp(created_at, _dt.timezone.utc).strftime("%y%m%d")
        rng = self.emulator.rng("ids:order_sn")
        return day + "".join(rng.choice(_SN_ALPHABET) for _ in range(8))

    def code(self, prefix: str, length: int = 12) -> str:
        rng = self.emulator.rng(f"ids:{prefix}")
        return prefix + "".join(rng.choice(_SN_ALPHABET) for _ in range(length))
