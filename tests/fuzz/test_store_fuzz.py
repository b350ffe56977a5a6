"""The store's undo and journal against generated mixes of writes in one transaction.

Every write the store offers (``put``, ``update``, ``own`` with top-level sets, ``edit``,
``delete``) in any order, on a few documents: a transaction that fails leaves the store, and the
live objects still in it, as they were; one that commits leaves a journal that a restart replays
to the same state. ``STORE_EXAMPLES`` sets how many mixes (40 in the ordinary suite; more in
``make fuzz``).
"""
from __future__ import annotations

import json
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emulator.store import Store

EXAMPLES = int(os.environ.get("STORE_EXAMPLES", "40"))
KEYS = ("1", "2", "3")
FIELDS = ("status", "note", "packages", "extra")

values = st.one_of(st.integers(-5, 5), st.sampled_from(["", "A", "B"]), st.lists(st.integers(0, 3), max_size=2))
changes = st.dictionaries(st.sampled_from(FIELDS), values, min_size=0, max_size=3)
writes = st.lists(
    st.one_of(
        st.tuples(st.just("put"), st.sampled_from(KEYS), changes),
        st.tuples(st.just("update"), st.sampled_from(KEYS), changes),
        st.tuples(st.just("own"), st.sampled_from(KEYS), changes),
        st.tuples(st.just("edit"), st.sampled_from(KEYS), changes),
        st.tuples(st.just("delete"), st.sampled_from(KEYS), changes),
    ),
    min_size=1,
    max_size=12,
)


def document(key: str) -> dict[str, Any]:
    return {"key": key, "status": "UNPAID", "note": "", "packages": [{"tracking": []}]}


def seeded(path: Any = None) -> Store:
    store = Store(path)
    if path is not None:
        store.open_file()
    with store.transaction():
        for key in KEYS:
            store.put("orders", key, document(key))
    if path is not None:
        store.compact()
    return store


def apply(store: Store, kind: str, key: str, fields: dict[str, Any]) -> None:
    """One write, made the way domain code makes it (new values only, never a replaced one changed)."""
    fresh = json.loads(json.dumps(fields))  # values nobody else holds
    exists = store.get("orders", key) is not None
    if kind == "put":
        store.put("orders", key, {"key": key, **fresh})
    elif kind == "delete":
        store.delete("orders", key)
    elif not exists:
        return
    elif kind == "update":
        store.update("orders", key, fresh)
    elif kind == "own":
        doc = store.own("orders", key, {})
        for name, value in fresh.items():
            doc[name] = value  # top-level sets on the owned document
        if "extra" in doc and "extra" not in fresh:
            del doc["extra"]
    else:
        doc = store.edit("orders", key)
        assert doc is not None
        doc.setdefault("log", []).append({"edited": sorted(fresh)})  # a change deep inside (only edits touch log)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(program=writes)
def test_a_failed_transaction_leaves_everything_as_it_was(program):
    store = seeded()
    store.check_updates = True
    before = json.dumps(store.dump(), sort_keys=True)
    live = {key: store.get("orders", key) for key in KEYS}
    with pytest.raises(LookupError), store.transaction():
        for kind, key, fields in program:
            apply(store, kind, key, fields)
        raise LookupError  # any failure after the writes
    assert json.dumps(store.dump(), sort_keys=True) == before
    # a document that only saw updates is the same object again, as its holders expect
    for kind_key in {key for kind, key, _ in program if kind == "update"} - {key for kind, key, _ in program if kind != "update"}:
        assert store.get("orders", kind_key) is live[kind_key]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(program=writes)
def test_a_committed_transaction_replays_from_the_journal(program, tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "data.json"
    store = seeded(path)
    store.check_updates = True
    with store.transaction():
        for kind, key, fields in program:
            apply(store, kind, key, fields)
    expected = json.dumps(store.dump().get("orders", {}), sort_keys=True)
    store.abandon()  # no compaction at the end: the restart reads the journal line
    again = Store(path)
    again.open_file()
    assert json.dumps(again.dump().get("orders", {}), sort_keys=True) == expected
