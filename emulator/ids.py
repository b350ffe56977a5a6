"""Identifiers that look like the platform's, drawn from the emulator's seeded streams.

Numeric ids grow from a per-kind counter by a random step, so they are unique, ordered by
creation, deterministic for a seed, and of realistic length.
"""
from __future__ import annotations

import string
from typing import TYPE_CHECKING, Any

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
    "discount": 665_000_000_000_000,
}
_STEP = {"shop": 9_973, "main_account": 97, "item": 99_991, "model": 9_973, "discount": 99_991}
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

        day = _dt.datetime.fromtimestamp(created_at, _dt.UTC).strftime("%y%m%d")
        rng = self.emulator.rng("ids:order_sn")
        return day + "".join(rng.choice(_SN_ALPHABET) for _ in range(8))

    def code(self, prefix: str, length: int = 12) -> str:
        rng = self.emulator.rng(f"ids:{prefix}")
        return prefix + "".join(rng.choice(_SN_ALPHABET) for _ in range(length))


# Where each kind's ids appear in the data: fields holding them in any document, and collections
# keyed by them. A snapshot's counters are raised to the largest id found there (and made when
# absent), so ids issued after an import never repeat one the snapshot already holds.
ID_FIELDS = {
    "shop": ("shop_id", "mart_shop_id"),
    "main_account": ("main_account_id",),
    "item": ("item_id",),
    "model": ("model_id",),
    "address": ("address_id",),
    "withdrawal": ("withdrawal_id",),
    "push_message": ("message_id",),
    "discount": ("discount_id",),
}
ID_COLLECTIONS = {
    "shop": "shops",
    "main_account": "main_accounts",
    "item": "items",
    "wallet_transaction": "wallet_transactions",
    "income_document": "income_documents",
    "push_message": "push_messages",
    "discount": "discounts",
}
_PACKAGE_PREFIX = "OFG"
_PACKAGE_BASE, _PACKAGE_STEP = 160_000_000_000_000, 7_919


def package_number(counter: int) -> str:
    return f"{_PACKAGE_PREFIX}{_PACKAGE_BASE + counter * _PACKAGE_STEP}"


def _package_counter(number: str) -> int:
    digits = number[len(_PACKAGE_PREFIX):]
    return (int(digits) - _PACKAGE_BASE) // _PACKAGE_STEP if digits.isdigit() and len(digits) < 20 else 0


def highest_ids(state: dict[str, Any]) -> dict[str, int]:
    """The largest id of each counted kind that ``state`` (a snapshot) holds."""
    found: dict[str, int] = {}
    by_field = {name: kind for kind, names in ID_FIELDS.items() for name in names}

    def note(kind: str, value: Any) -> None:
        if isinstance(value, int) and not isinstance(value, bool) and value > found.get(kind, 0):
            found[kind] = value

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                kind = by_field.get(key)
                if kind is not None:
                    note(kind, item)
                elif key == "package_number" and isinstance(item, str) and item.startswith(_PACKAGE_PREFIX):
                    note("package", _package_counter(item))
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for kind, collection in ID_COLLECTIONS.items():
        for key in state.get(collection) or {}:
            if str(key).isdigit() and len(str(key)) < 20:
                note(kind, int(key))
    for name, docs in state.items():
        if name not in (COUNTERS, "_meta"):
            walk(docs)
    return found


def reconcile_counters(state: dict[str, Any]) -> None:
    """Raise (or create) ``state``'s counters to the ids it holds; see ``ID_FIELDS``."""
    counters = state.setdefault(COUNTERS, {})
    for kind, highest in highest_ids(state).items():
        doc = counters.get(kind)
        current = doc.get("value") if isinstance(doc, dict) else None
        if not isinstance(current, int) or isinstance(current, bool) or current < highest:
            counters[kind] = {"value": max(highest, _START.get(kind, 1_000_000))}
