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


def test_journal_line_holds_only_the_changed_fields_and_replays(tmp_path):
    path = tmp_path / "data.json"
    store = Store(path)
    store.open_file()
    with store.transaction():
        store.put("orders", 1, order())
    store.compact()
    with store.transaction():
        store.update("orders", 1, {"status": "READY_TO_SHIP", "note": ""})
    line = json.loads((tmp_path / "data.json.journal").read_text().splitlines()[-1])
    assert line["w"] == [] and line["u"] == [["orders", "1", {"status": "READY_TO_SHIP"}, []]]
    expected = store.dump()["orders"]
    store.abandon()
    again = Store(path)
    again.open_file()
    assert again.dump()["orders"] == expected


def test_changing_a_replaced_value_in_place_fails_when_checked(store):
    store.check_updates = True
    before = json.dumps(store.dump())
    with pytest.raises(AssertionError, match="orders/1 changed inside a value"), store.transaction():
        doc = store.update("orders", 1, {"status": "READY_TO_SHIP"})
        doc["packages"][0]["tracking"].append({"step": "PICKED_UP"})  # shared with the undo record
    assert json.loads(before)["orders"]["1"]["status"] == "UNPAID"
    assert store.get("orders", 1)["status"] == "UNPAID"
