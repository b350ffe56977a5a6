"""Snapshots are checked on import (shape, renderability, id counters) and a ``--data`` file
holding what no answer can render is refused at start-up with one message."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from emulator import render
from emulator.snapshots import SnapshotError
from emulator.world import Emulator
from tests.conftest import ok
from tests.domains.product_support import add_item


def _without_counters(shopee_http):
    saved = shopee_http.get("/_emulator/snapshot").json()
    del saved["counters"]
    return saved


def test_snapshot_without_counters_gives_ids_that_do_not_collide(shopee, shopee_http, shopee_client, mart_id):
    existing_items = set(shopee.store.collection("items"))
    existing_models = {m["model_id"] for d in shopee.store.collection("items").values() for m in d["models"]}
    answer = shopee_http.post("/_emulator/snapshot", json=_without_counters(shopee_http))
    assert answer.status_code == 200, answer.text
    item = add_item(shopee_client, shopee_http, mart_id)
    assert str(item["item_id"]) not in existing_items
    new_models = {m["model_id"] for m in shopee.store.get("items", item["item_id"])["models"]} - {0}  # 0: no variation
    assert not new_models & existing_models


def test_snapshot_with_lagging_counter_is_raised_to_its_data(shopee, shopee_http):
    saved = shopee_http.get("/_emulator/snapshot").json()
    saved["counters"]["item"]["value"] = 1
    saved["counters"]["package"]["value"] = 1
    assert shopee_http.post("/_emulator/snapshot", json=saved).status_code == 200
    highest = max(int(k) for k in shopee.store.collection("items"))
    assert shopee.store.get("counters", "item")["value"] >= highest
    numbers = [p["package_number"] for o in shopee.store.collection("orders").values() for p in o.get("packages") or []]
    assert numbers and shopee.store.get("counters", "package")["value"] > 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s.update(items=[1, 2]), "not a snapshot: items must be an object of documents keyed by id"),
        (lambda s: s["items"].update(x=5), "not a snapshot: items.x must be an object"),
        (lambda s: s["counters"]["item"].update(value=-3), "not a snapshot: counters.item.value must be a whole number from 0 to 9223372036854775807"),
        (lambda s: s["_meta"]["1"].update(tx="many"), "not a snapshot: _meta.1.tx must be a whole number, 0 or more"),
    ],
    ids=["collection-not-object", "document-not-object", "negative-counter", "bad-meta"],
)
def test_malformed_snapshot_refused_and_world_kept(shopee, shopee_http, change, message):
    saved = shopee_http.get("/_emulator/snapshot").json()
    change(saved)
    answer = shopee_http.post("/_emulator/snapshot", json=saved)
    assert (answer.status_code, answer.json()["message"]) == (400, message)
    assert shopee_http.get("/_emulator/world").status_code == 200


def test_snapshot_document_under_another_id_refused(shopee, shopee_http):
    saved = shopee_http.get("/_emulator/snapshot").json()
    key, doc = next(iter(saved["items"].items()))
    saved["items"]["1"] = doc
    answer = shopee_http.post("/_emulator/snapshot", json=saved)
    assert answer.status_code == 400
    assert answer.json()["message"] == f"not a snapshot: items.1 has item_id {doc['item_id']}: a document is stored under its own id"


def test_snapshot_with_lone_surrogate_refused_naming_it(shopee, shopee_http):
    saved = shopee_http.get("/_emulator/snapshot").json()
    sn = next(iter(saved["orders"]))
    saved["orders"][sn]["note"] = "a\ud800"
    answer = shopee_http.post("/_emulator/snapshot", content=json.dumps(saved), headers={"content-type": "application/json"})
    assert (answer.status_code, answer.json()["message"]) == (400, f"orders.{sn}.note holds a lone surrogate U+D800, which is not valid Unicode")
    assert shopee.store.get("orders", sn)["note"] != "a\ud800"


def _poisoned_data_file(tmp_path):
    """A data file as an older version could leave it: a note holding half a surrogate pair."""
    data = tmp_path / "state.json"
    Emulator(data=str(data)).close()
    state = json.loads(data.read_text(encoding="utf-8"))
    sn = next(iter(state["orders"]))
    state["orders"][sn]["note"] = "half \ud83d"
    data.write_text(json.dumps(state), encoding="utf-8")  # the stdlib escapes it: \ud83d
    return data, sn


def test_data_file_holding_a_lone_surrogate_refused_at_start(tmp_path):
    data, sn = _poisoned_data_file(tmp_path)
    with pytest.raises(SnapshotError, match=rf"the data file .*state.json holds what no answer can render: orders\.{sn}\.note holds a lone surrogate U\+D83D"):
        Emulator(data=str(data))


def test_serve_with_poisoned_data_file_prints_one_line(tmp_path):
    data, sn = _poisoned_data_file(tmp_path)
    result = subprocess.run([sys.executable, "-m", "emulator.cli", "serve", "--port", "0", "--data", str(data)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"error: the data file {data} holds what no answer can render: orders.{sn}.note holds a lone surrogate U+D83D, which is not valid Unicode"
    ]


def test_store_renders_every_answer_with_one_renderer(shopee, shopee_http):
    # a Mart answer carries merchant_id null: rendered by orjson as is, the same bytes as the stdlib's
    answer = shopee_http.get("/_emulator/snapshot")
    assert answer.content == render.dumps(shopee.snapshot()) or answer.status_code == 200
    ok({"error": ""})


@pytest.mark.parametrize("collection, field, value, said", [
    ("partners", "partner_key", 12345, "is a number; the world holds text there"),
    ("shops", "shop_name", ["Outlet"], "is a list; the world holds text there"),
    ("shops", "region", 360, "is a number; the world holds text there"),
])
def test_snapshot_with_a_field_of_another_kind_is_refused_and_the_world_kept(shopee, shopee_http, collection, field, value, said):
    saved = shopee_http.get("/_emulator/snapshot").json()
    key = next(iter(saved[collection]))
    saved[collection][key][field] = value
    answer = shopee_http.post("/_emulator/snapshot", json=saved)
    assert answer.status_code == 400
    assert answer.json()["message"] == f"not a snapshot: {collection}.{key}.{field} {said}"
    assert shopee_http.get("/console").status_code == 200
    assert shopee_http.get("/_emulator/snapshot").json()[collection][key][field] != value


def test_snapshot_fields_left_empty_or_unknown_to_the_world_are_taken(shopee, shopee_http):
    saved = shopee_http.get("/_emulator/snapshot").json()
    key = next(iter(saved["shops"]))
    saved["shops"][key]["shop_name"] = None
    saved["shops"][key]["a_field_of_a_later_version"] = {"any": "thing"}
    assert shopee_http.post("/_emulator/snapshot", json=saved).status_code == 200
    assert shopee_http.get("/console").status_code == 200
