"""``Store.update``: undo and journal entries that hold the fields an edit changed, not the document."""
from __future__ import annotations

import json

import pytest

from emulator.store import Store


def order() -> dict:
    return {"status": "UNPAID", "packages": [{"logistics": "NOT_START", "tracking": []}], "note": ""}


@pytest.fixture
def store() -> Store:
    store = Store()
    with store.transaction():
        store.put("orders", 1, order())
    return store


def test_update_rollback_restores_fields_and_the_values_they_replaced(store):
    before = json.dumps(store.dump())
    with pytest.raises(ValueError), store.transaction():
        doc = store.get("orders", 1)
        package = {**doc["packages"][0], "logistics": "INVALID", "tracking": [{"step": "CANCELED"}]}
        store.update("orders", 1, {"status": "CANCELLED", "packages": [package], "cancel_by": "system"})
        raise ValueError
    assert json.dumps(store.dump()) == before


def test_update_then_edit_in_one_transaction_rolls_back_whole(store):
    before = json.dumps(store.dump())
    with pytest.raises(ValueError), store.transaction():
        store.update("orders", 1, {"status": "READY_TO_SHIP"})
        store.edit("orders", 1)["packages"][0]["tracking"].append({"step": "PICKED_UP"})
        raise ValueError
    assert json.dumps(store.dump()) == before


def test_update_of_missing_document_refused(store):
    with pytest.raises(KeyError), store.transaction():
        store.update("orders", 2, {"status": "READY_TO_SHIP"})


def test_watchers_see_the_document_as_it_was_before_the_update(store):
    seen = []
    store.watch("orders", lambda key, old, new: seen.append((old["status"], new["status"])))
    with store.transaction():
        store.update("orders", 1, {"status": "READY_TO_SHIP"})
        store.update("orders", 1, {"status": "PROCESSED"})
        assert seen == []
    assert seen == [("UNPAID", "PROCESSED")]


def journaled(path) -> Store:
    """A store with a data file, holding ``order()`` compacted, so the journal starts empty."""
    store = Store(path)
    store.open_file()
    with store.transaction():
        store.put("orders", 1, order())
    store.compact()
    return store


def last_line_and_replay(store: Store, path) -> tuple[dict, dict]:
    """The journal's last line, and the orders a restart from the file and journal finds."""
    line = json.loads(path.with_name(path.name + ".journal").read_text().splitlines()[-1])
    store.abandon()
    again = Store(path)
    again.open_file()
    return line, again.dump()["orders"]


def test_journal_line_holds_only_the_changed_fields_and_replays(tmp_path):
    store = journaled(tmp_path / "data.json")
    with store.transaction():
        store.update("orders", 1, {"status": "READY_TO_SHIP", "note": ""})
    expected = store.dump()["orders"]
    line, replayed = last_line_and_replay(store, tmp_path / "data.json")
    assert line["w"] == [] and line["u"] == [["orders", "1", {"status": "READY_TO_SHIP"}, []]]
    assert replayed == expected


def test_changing_a_replaced_value_in_place_fails_when_checked(store):
    store.check_updates = True
    before = json.dumps(store.dump())
    with pytest.raises(AssertionError, match="orders/1 changed inside a value"), store.transaction():
        doc = store.update("orders", 1, {"status": "READY_TO_SHIP"})
        doc["packages"][0]["tracking"].append({"step": "PICKED_UP"})  # shared with the undo record
    assert json.loads(before)["orders"]["1"]["status"] == "UNPAID"
    assert store.get("orders", 1)["status"] == "UNPAID"


def test_rollback_removes_a_field_the_update_added_and_keeps_the_live_object(store):
    live = store.get("orders", 1)
    with pytest.raises(ValueError), store.transaction():
        store.update("orders", 1, {"cancel_by": "system", "status": "CANCELLED"})
        store.update("orders", 1, {"status": "INVALID", "cancel_reason": "unpaid"})
        raise ValueError
    assert store.get("orders", 1) is live  # whoever holds the document sees it as it was
    assert live == order()


def test_update_then_put_of_another_object_rolls_back_to_the_first(store):
    with pytest.raises(ValueError), store.transaction():
        store.update("orders", 1, {"status": "READY_TO_SHIP"})
        store.put("orders", 1, {"status": "SHIPPED"})
        store.update("orders", 1, {"note": "late"})
        raise ValueError
    assert store.get("orders", 1) == order()


def test_own_lets_the_caller_set_top_level_fields_and_still_rolls_back(store):
    store.check_updates = True
    with pytest.raises(ValueError), store.transaction():
        store.update("orders", 1, {"note": "first"})
        doc = store.own("orders", 1, {})
        doc["status"] = "READY_TO_SHIP"
        doc["ship_by"] = 1767600000
        raise ValueError
    assert store.get("orders", 1) == order()


def test_journal_line_of_an_owned_document_holds_what_the_caller_set(tmp_path):
    store = journaled(tmp_path / "data.json")
    with store.transaction():
        doc = store.own("orders", 1, {"note": "seen"})
        doc["status"] = "READY_TO_SHIP"
        del doc["packages"]
    line, replayed = last_line_and_replay(store, tmp_path / "data.json")
    assert line["u"] == [["orders", "1", {"status": "READY_TO_SHIP", "note": "seen"}, ["packages"]]]
    assert replayed == {"1": {"status": "READY_TO_SHIP", "note": "seen"}}


def test_a_batch_gets_the_old_documents_only_when_a_watcher_reads_them():
    store = Store()
    with store.transaction():
        for key in (1, 2):
            store.put("orders", key, order())
    blind: list[tuple[str, object]] = []
    store.watch("orders", lambda key, old, new: None, lambda changes: blind.extend((k, old) for k, old, _ in changes), reads_old=False)
    with store.transaction():
        for key in (1, 2):
            store.update("orders", key, {"status": "CANCELLED"})
    assert blind == [("1", None), ("2", None)]
    reading: list[str] = []
    store.watch("orders", lambda key, old, new: None, lambda changes: reading.extend(old["status"] for _, old, _ in changes))
    with store.transaction():
        for key in (1, 2):
            store.update("orders", key, {"status": "INVALID"})
    assert reading == ["CANCELLED", "CANCELLED"]
