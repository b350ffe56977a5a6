"""Emulator instances: isolation from each other, determinism by seed, and the --data file."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from emulator import world as world_module
from emulator.app import create_app
from emulator.asgi import in_process_client
from emulator.client import client_for
from emulator.clock import wall_time
from emulator.world import Emulator
from emulator.worlds import load_world
from tests.conftest import ok

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def make():
    """Emulators made by the test, all closed after it."""
    made: list[Emulator] = []

    def factory(*args, **kwargs) -> Emulator:
        made.append(Emulator(*args, **kwargs))
        return made[-1]

    yield factory
    for emulator in made:
        emulator.close()


def dumped(emulator: Emulator) -> str:
    return json.dumps(emulator.snapshot())


# -- isolation -------------------------------------------------------------------------------------
def test_two_emulators_api_write_stays_in_one(make):
    first, second = make(), make()
    before = dumped(second)
    mart = first.shops.marts()[0]["shop_id"]
    with in_process_client(create_app(first)) as http:
        ok(client_for(first, http).call("v2.shop.update_profile", shop_id=mart, body={"shop_name": "Only Here"}))
    assert first.shops.get(mart)["shop_name"] == "Only Here"
    assert second.shops.get(mart)["shop_name"] == "Segar Mart Official"
    assert dumped(second) == before


def test_two_emulators_clock_faults_and_shops_stay_in_one(make):
    first, second = make(), make()
    first.advance(3600)
    first.faults.add("*", [{"error": "error_server"}])
    with first.transaction():
        first.shops.create_mart(first.auth.default_partner()["partner_id"], "Extra", 1)
    assert second.clock.now() == 1767578400
    assert second.faults.rules == []
    assert len(second.shops.marts()) == 1


def test_new_emulator_unaffected_by_changes_to_an_earlier_one(make):
    first = make()
    with first.transaction():
        first.store.edit("shops", first.shops.marts()[0]["shop_id"])["shop_name"] = "Mutated In Place"
    assert make().shops.marts()[0]["shop_name"] == "Segar Mart Official"


def test_two_emulators_from_one_world_dict_share_none_of_it(make):
    given = load_world("id")
    first, second = make(given), make(given)
    first.world["marts"][0]["brand"] = "Changed"  # one emulator changes its world, deep inside
    first.world["marts"][0]["outlets"] = 1
    first.replace_world(first.world)
    assert [s["shop_name"] for s in first.shops.marts()] == ["Changed Mart Official"]
    assert len(first.shops.outlets_of(first.shops.marts()[0]["shop_id"])) == 1
    assert given["marts"][0] == {"brand": "Segar", "outlets": 5, "main_account": True}
    second.reset()
    assert second.world["marts"][0]["brand"] == "Segar"
    assert [s["shop_name"] for s in second.shops.marts()] == ["Segar Mart Official"]
    given["marts"][0]["brand"] = "Later"  # and the caller changing its dict reaches neither
    assert first.world["marts"][0]["brand"] == "Changed" and second.world["marts"][0]["brand"] == "Segar"


def test_each_load_of_a_world_file_is_a_copy_of_its_own():
    one = load_world("id")
    one["marts"][0]["brand"] = "Mine"
    one["channels"]["whitelist"].append(1)
    again = load_world("id")
    assert again["marts"][0]["brand"] == "Segar" and 1 not in again["channels"]["whitelist"]


def test_two_emulators_reset_only_resets_one(make):
    first, second = make(), make()
    second.advance(60)
    first.reset()
    assert second.clock.now() == 1767578460


# -- determinism -----------------------------------------------------------------------------------
def test_snapshot_same_seed_byte_identical(make):
    assert dumped(make(seed=7)) == dumped(make(seed=7))


def test_snapshot_same_seed_identical_without_world_cache(make):
    warm = dumped(make(seed=8))
    world_module._BUILT.clear()
    assert dumped(make(seed=8)) == warm


# a seeded world with one order and an hour on the clock, as a digest of its whole state
DIGEST = """
import hashlib, json, sys
from emulator.world import Emulator

def digest(seed):
    emulator = Emulator(seed=seed)
    outlet = emulator.shops.marts()[0]["outlet_shop_ids"][0]
    item = next(d for d in emulator.store.collection("items").values() if d["kind"] == "outlet" and d["shop_id"] == outlet)
    emulator.orders.create(outlet, [{"item_id": item["item_id"], "model_id": item["models"][0]["model_id"]}], paid=True)
    emulator.advance(3600)
    text = json.dumps(emulator.snapshot())
    emulator.close()
    return hashlib.sha256(text.encode()).hexdigest()
"""


def test_same_seed_same_state_in_another_process():
    """pytest -n and CI jobs rebuild the world in fresh processes: a seed must mean the same data there."""
    # another hash seed and no world cache, so the other processes share nothing with this one
    env = {**os.environ, "PYTHONHASHSEED": "12345", "INSTANT_MART_WORLD_CACHE": "off"}
    script = DIGEST + "\nprint(digest(int(sys.argv[1])))\n"
    digests = [
        subprocess.run([sys.executable, "-c", script, str(seed)], capture_output=True, text=True, check=True,
                       env=env, cwd=ROOT, timeout=120).stdout.strip()
        for seed in (21, 21, 22)
    ]
    here: dict[str, Any] = {}
    exec(DIGEST, here)
    assert digests[0] == digests[1] == here["digest"](21)
    assert digests[2] != digests[0]


def test_snapshot_different_seed_differs(make):
    one, two = make(seed=7), make(seed=9)
    assert dumped(one) != dumped(two)
    assert one.auth.default_partner()["partner_key"] != two.auth.default_partner()["partner_key"]


def test_same_seed_same_calls_same_answers(make):
    answers = []
    for emulator in (make(seed=3), make(seed=3)):
        with in_process_client(create_app(emulator)) as http:
            client = client_for(emulator, http)
            mart = emulator.shops.marts()[0]["shop_id"]
            emulator.advance(5 * 3600)  # the ready tokens expire, so new ones are drawn
            answers.append([client.call("v2.shop.get_shop_info", shop_id=mart) for _ in range(3)])
    assert answers[0] == answers[1]


def test_world_th_marker_world(make):
    thai = make("th")
    assert thai.world["region"] == "TH"
    assert len(thai.shops.outlets_of(thai.shops.marts()[0]["shop_id"])) == 3


# -- the data file ---------------------------------------------------------------------------------
def test_data_file_keeps_changes_across_clean_restart(make, tmp_path):
    path = str(tmp_path / "state.json")
    first = make(data=path)
    mart = first.shops.marts()[0]["shop_id"]
    with first.transaction():
        first.shops.update_profile(mart, "Kept", None, None)
    first.close()
    assert make(data=path).shops.get(mart)["shop_name"] == "Kept"


def test_data_file_keeps_changes_without_close(make, tmp_path):
    path = str(tmp_path / "state.json")
    first = make(data=path)
    mart = first.shops.marts()[0]["shop_id"]
    with first.transaction():
        first.shops.update_profile(mart, "Journaled", None, None)
    # no close: as after a kill, only the journal holds the change
    assert make(data=path).shops.get(mart)["shop_name"] == "Journaled"


def test_data_file_keeps_clock_advance_without_close(make, tmp_path):
    path = str(tmp_path / "state.json")
    make(data=path).advance(3600)
    assert make(data=path).clock.now() == 1767578400 + 3600


def test_data_file_realtime_keeps_virtual_offset(make, tmp_path):
    path = str(tmp_path / "state.json")
    first = make(clock_mode="realtime", data=path)
    first.advance(24 * 3600)
    first.close()
    again = make(clock_mode="realtime", data=path)
    assert again.clock.now() >= int(wall_time()) + 24 * 3600 - 5


def test_data_file_holds_world_copied_from_cache(make, tmp_path):
    reference = make()  # warms the world cache, so the next one copies instead of building
    path = str(tmp_path / "state.json")
    make(data=path)
    reopened = make(data=path)
    assert reopened.auth.default_partner() == reference.auth.default_partner()
    assert [s["shop_id"] for s in reopened.shops.all_shops()] == [s["shop_id"] for s in reference.shops.all_shops()]


def test_data_file_restarts_never_repeat_request_ids(make, tmp_path):
    path = str(tmp_path / "state.json")
    make(data=path)
    seen: set[str] = set()
    for _ in range(3):
        # reads only: nothing is written between these starts
        ids = {make(data=path).new_request_id() for _ in range(5)}
        assert not ids & seen
        seen |= ids


def test_data_file_import_snapshot_is_written_through(make, tmp_path):
    path = str(tmp_path / "state.json")
    source = make(seed=11)
    target = make(data=path)
    target.import_snapshot(source.snapshot())
    assert make(data=path).auth.default_partner() == source.auth.default_partner()


def test_data_file_reset_is_written_through(make, tmp_path):
    path = str(tmp_path / "state.json")
    first = make(data=path)
    mart, outlet = first.shops.marts()[0]["shop_id"], first.shops.all_shops()[1]["shop_id"]
    with first.transaction():
        first.shops.update_profile(mart, "Before Reset", None, None)
    first.reset()
    with first.transaction():
        first.shops.update_profile(outlet, "After Reset", None, None)
    reopened = make(data=path)  # no close: as after a kill
    assert reopened.shops.get(mart)["shop_name"] == "Segar Mart Official"
    assert reopened.shops.get(outlet)["shop_name"] == "After Reset"



def test_one_saved_snapshot_restores_the_same_world_each_time(make):
    emulator = make()
    saved = emulator.snapshot()
    untouched = json.dumps(saved, sort_keys=True)
    mart = emulator.shops.marts()[0]["shop_id"]
    name, started = emulator.shops.get(mart)["shop_name"], emulator.clock.now()
    for rename in ("After The First Restore", "After The Second Restore"):
        emulator.import_snapshot(saved)
        assert (emulator.shops.get(mart)["shop_name"], emulator.clock.now()) == (name, started)
        with emulator.transaction():
            emulator.shops.update_profile(mart, rename, None, None)
        emulator.advance(3600)
    assert json.dumps(saved, sort_keys=True) == untouched


def test_two_emulators_restored_from_one_snapshot_share_nothing(make):
    saved = make().snapshot()
    first, second = make(), make()
    first.import_snapshot(saved)
    second.import_snapshot(saved)
    mart = first.shops.marts()[0]["shop_id"]
    with first.transaction():
        first.shops.update_profile(mart, "Only In The First", None, None)
    first.advance(3600)
    assert second.shops.get(mart)["shop_name"] != "Only In The First"
    assert second.clock.now() == first.clock.now() - 3600


def test_import_snapshot_of_realtime_server_keeps_manual_clock(make):
    server = make(clock_mode="realtime")
    server.advance(24 * 3600)
    test_world = make()
    test_world.import_snapshot(server.snapshot())
    assert test_world.clock.mode == "manual"
    assert abs(test_world.clock.now() - server.clock.now()) <= 5
    frozen = test_world.clock.now()
    test_world.advance(0)
    assert test_world.clock.now() == frozen
