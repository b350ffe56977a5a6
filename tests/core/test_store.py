"""The store: transactions, watchers that keep indexes, and the journal."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from emulator.store import Store


class StatusIndex:
    """A watcher keeping a count per status, the way a domain keeps an index."""

    def __init__(self, store: Store) -> None:
        self.counts: Counter[str] = Counter()
        self.calls = 0
        store.watch("orders", self)

    def __call__(self, key, old, new) -> None:
        self.calls += 1
        if old is not None:
            self.counts[old["status"]] -= 1
        if new is not None:
            self.counts[new["status"]] += 1

    def live(self) -> dict[str, int]:
        return {k: v for k, v in self.counts.items() if v}


def actual(store: Store) -> dict[str, int]:
    return dict(Counter(doc["status"] for doc in store.collection("orders").values()))


@pytest.fixture
def store():
    return Store()


def test_put_outside_transaction_refused(store):
    with pytest.raises(RuntimeError):
        store.put("orders", 1, {"status": "READY"})


def test_collection_read_does_not_create_it(store):
    assert store.collection("orders") == {}
    assert "orders" not in store.dump()


def test_transaction_rollback_restores_put_edit_delete(store):
    with store.transaction():
        store.put("orders", 1, {"status": "READY"})
        store.put("orders", 2, {"status": "READY"})
    before = store.dump()
    with pytest.raises(ValueError), store.transaction():
        store.edit("orders", 1)["status"] = "SHIPPED"
        store.delete("orders", 2)
        store.put("orders", 3, {"status": "NEW"})
        raise ValueError("handler failed")
    assert store.dump() == before


def test_transaction_rollback_of_first_write_leaves_no_empty_collection(store):
    before = json.dumps(store.dump())
    with pytest.raises(ValueError), store.transaction():
        store.put("returns", 1, {"status": "NEW"})
        raise ValueError
    assert json.dumps(store.dump()) == before


def test_nested_transaction_joins_outer(store):
    with pytest.raises(ValueError), store.transaction():
        with store.transaction():
            store.put("orders", 1, {"status": "READY"})
        raise ValueError
    assert store.get("orders", 1) is None


def test_watch_edit_notified_once_at_commit(store):
    index = StatusIndex(store)
    with store.transaction():
        store.put("orders", 1, {"status": "READY"})
    with store.transaction():
        store.edit("orders", 1)["status"] = "PROCESSED"
        store.edit("orders", 1)["status"] = "SHIPPED"
        assert index.calls == 1  # nothing told before commit
    assert index.calls == 2
    assert index.live() == actual(store) == {"SHIPPED": 1}


def test_watch_put_then_edit_in_one_transaction_counts_once(store):
    index = StatusIndex(store)
    with store.transaction():
        store.put("orders", 1, {"status": "READY"})
        store.edit("orders", 1)["status"] = "SHIPPED"
    assert index.live() == actual(store) == {"SHIPPED": 1}


def test_watch_edit_then_put_in_one_transaction(store):
    index = StatusIndex(store)
    with store.transaction():
        store.put("orders", 1, {"status": "READY"})
    with store.transaction():
        store.edit("orders", 1)["status"] = "PROCESSED"
        store.put("orders", 1, {"status": "CANCELLED"})
    assert index.live() == actual(store) == {"CANCELLED": 1}


def test_watch_edit_then_delete_in_one_transaction(store):
    index = StatusIndex(store)
    with store.transaction():
        store.put("orders", 1, {"status": "READY"})
        store.put("orders", 2, {"status": "READY"})
    with store.transaction():
        store.edit("orders", 1)["status"] = "PROCESSED"
        store.delete("orders", 1)
    assert index.live() == actual(store) == {"READY": 1}


def test_watch_rollback_leaves_index_matching(store):
    index = StatusIndex(store)
    with store.transaction():
        store.put("orders", 1, {"status": "READY"})
    with pytest.raises(ValueError), store.transaction():
        store.edit("orders", 1)["status"] = "SHIPPED"
        store.put("orders", 2, {"status": "NEW"})
        store.edit("orders", 2)["status"] = "READY"
        raise ValueError
    assert index.live() == actual(store) == {"READY": 1}


def test_journal_replays_after_kill_and_skips_torn_line(tmp_path):
    path = tmp_path / "data.json"
    store = Store(path)
    assert store.open_file() is False
    store.compact()
    with store.transaction():
        store.put("orders", 1, {"status": "READY"})
    with store.transaction():
        store.edit("orders", 1)["status"] = "SHIPPED"
    with open(f"{path}.journal", "a", encoding="utf-8") as journal:
        journal.write('{"tx": 99, "w": [["orders", "1", {"sta')  # the write a kill cut short
    reopened = Store(path)
    assert reopened.open_file() is True
    assert reopened.get("orders", 1) == {"status": "SHIPPED"}
    assert reopened.transactions == 2
    store.close()


def test_journal_records_clock_only_transaction(tmp_path):
    path = tmp_path / "data.json"
    store = Store(path)
    store.open_file()
    store.compact()
    with store.transaction():
        store.meta["clock"] = {"mode": "manual", "manual_now": 10.0, "offset": 0.0}
    reopened = Store(path)
    reopened.open_file()
    assert reopened.meta["clock"]["manual_now"] == 10.0
    store.close()


def test_compact_leaves_tinydb_document(tmp_path):
    from tinydb import TinyDB

    path = tmp_path / "data.json"
    store = Store(path)
    store.open_file()
    with store.transaction():
        store.put("orders", 1, {"status": "READY"})
    store.close()
    with TinyDB(path, access_mode="r") as db:
        assert db.table("orders").get(doc_id=1) == {"status": "READY"}
