"""What a whole state must be before it becomes the world: an imported snapshot, or a ``--data``
file written by this or an older version.

    check_renderable   every value is one JSON can carry (an older version could store a lone
                       surrogate, which no answer could render afterwards)
    prepare            the snapshot's shape (collections of documents, documents under their own
                       ids, the ``_meta`` entry), renderable, and id counters at least the largest
                       id it holds, created when absent, so ids issued later never collide
    check_kinds        an imported document's fields hold the kinds of value (text, number, yes/no,
                       list, object) the world holds in them
"""
from __future__ import annotations

import pickle
from typing import Any

from emulator import render
from emulator.ids import COUNTERS, reconcile_counters
from emulator.store import META

# Collections whose documents are stored under one of their own fields.
KEYED = {
    "partners": "partner_id",
    "shops": "shop_id",
    "main_accounts": "main_account_id",
    "items": "item_id",
    "orders": "order_sn",
    "returns": "return_sn",
}


class SnapshotError(ValueError):
    """A state that cannot become the world; the message names the first problem."""


def check_renderable(state: Any, what: str = "the snapshot") -> None:
    problem = render.unrenderable(state)
    if problem:
        raise SnapshotError(f"{what} holds what no answer can render: {problem}")


def prepare(state: Any, copy: bool = True) -> dict[str, Any]:
    """A checked copy of ``state`` with reconciled counters; ``SnapshotError`` says what is wrong.
    ``copy=False``: the caller hands ``state`` over (a parsed request body) and never reads it again."""
    if not isinstance(state, dict):
        raise SnapshotError("a snapshot is an object of collections, as GET /_emulator/snapshot gives")
    for name, docs in state.items():
        if name == META:
            _check_meta(docs)
        else:
            _check_collection(name, docs)
    if not state.get("partners"):
        # every API call and the control plane start from the partner app
        raise SnapshotError("a snapshot holds at least one partner in its partners collection")
    check_renderable(state)
    # The world writes into the documents it holds: were they the caller's own objects, restoring
    # one saved snapshot twice (or into two emulators) would see the first restore's later writes.
    prepared: dict[str, Any] = pickle.loads(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)) if copy else dict(state)
    prepared[COUNTERS] = prepared.get(COUNTERS) or {}
    reconcile_counters(prepared)
    return prepared


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "an object"


def field_kinds(state: dict[str, Any]) -> dict[str, dict[str, set[str]]]:
    """Per collection and top-level field, the kinds of value ``state``'s documents hold there."""
    kinds: dict[str, dict[str, set[str]]] = {}
    for name, docs in state.items():
        if name in (META, COUNTERS) or not isinstance(docs, dict):
            continue
        fields = kinds.setdefault(name, {})
        for doc in docs.values():
            for field, value in doc.items():
                fields.setdefault(field, set()).add(_kind(value))
    return kinds


def check_kinds(state: dict[str, Any], known: dict[str, dict[str, set[str]]]) -> None:
    """Each document field of ``state`` holds a kind of value the world (``known``: ``field_kinds``
    of a working state) holds there: a partner key sent as a number would break every later page
    that shows it. An empty value (null) is taken anywhere, and a field the world has only seen
    empty, or not at all, takes anything: those are the world's to fill."""
    for name, docs in state.items():
        fields = known.get(name)
        if not fields or not isinstance(docs, dict):
            continue
        for key, doc in docs.items():
            for field, value in doc.items():
                seen = fields.get(field)
                kind = _kind(value)
                if seen and kind != "null" and kind not in seen and seen != {"null"}:
                    wanted = " or ".join(sorted(seen - {"null"}))
                    raise SnapshotError(f"{name}.{key}.{field} is {kind}; the world holds {wanted} there")


def _check_collection(name: str, docs: Any) -> None:
    if not isinstance(docs, dict):
        raise SnapshotError(f"{name} must be an object of documents keyed by id")
    field = KEYED.get(name)
    for key, doc in docs.items():
        if not isinstance(doc, dict):
            raise SnapshotError(f"{name}.{key} must be an object")
        if field is not None and str(doc.get(field)) != str(key):
            raise SnapshotError(f"{name}.{key} has {field} {doc.get(field)!r}: a document is stored under its own id")
    if name == COUNTERS:
        for kind, doc in docs.items():
            value = doc.get("value")
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**63:
                raise SnapshotError(f"{COUNTERS}.{kind}.value must be a whole number from 0 to {2**63 - 1}")


def _check_meta(meta: Any) -> None:
    entry = meta.get("1", {}) if isinstance(meta, dict) else None
    if not isinstance(entry, dict):
        raise SnapshotError(f"{META} must be an object like {{\"1\": {{\"tx\": 0, \"meta\": {{}}}}}}")
    tx = entry.get("tx", 0)
    if isinstance(tx, bool) or not isinstance(tx, int) or tx < 0:
        raise SnapshotError(f"{META}.1.tx must be a whole number, 0 or more")
    if not isinstance(entry.get("meta", {}), dict):
        raise SnapshotError(f"{META}.1.meta must be an object")
