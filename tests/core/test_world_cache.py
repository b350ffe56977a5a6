"""Built worlds on disk: a fresh process reads its first world instead of building it."""
from __future__ import annotations

import json

import pytest

from emulator import world as world_module
from emulator import world_cache
from emulator.world import Emulator

KEY = ("world", 1, 1_700_000_000, "")


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "worlds"
    monkeypatch.setenv(world_cache.CACHE_ENV, str(folder))
    world_module._BUILT.clear()  # as in a fresh process
    yield folder
    world_module._BUILT.clear()


def test_a_world_read_from_disk_is_the_world_built(cache_dir):
    built = Emulator()
    assert len(list(cache_dir.iterdir())) == 1
    world_module._BUILT.clear()
    read = Emulator()
    assert json.dumps(read.store.dump(), sort_keys=True) == json.dumps(built.store.dump(), sort_keys=True)
    read.advance(3600)  # and it runs like any other
    assert read.clock.now() == built.clock.now() + 3600


def test_random_keys_and_real_time_worlds_are_never_kept(cache_dir):
    Emulator(keys="random").close()
    Emulator(clock_mode="realtime").close()
    assert not cache_dir.exists() or not list(cache_dir.iterdir())


def test_a_changed_data_file_builds_anew(tmp_path, cache_dir):
    data = tmp_path / "data"
    data.mkdir()
    (data / "fees.yaml").write_text("a: 1\n")
    world_cache.save(KEY, data, "{}", b"state")
    assert world_cache.load(KEY, data) == ("{}", b"state")
    (data / "extra.yaml").write_text("b: 2\n")
    assert world_cache.load(KEY, data) is None


def test_a_broken_file_is_a_miss(tmp_path, cache_dir):
    data = tmp_path / "data"
    data.mkdir()
    world_cache.save(KEY, data, "{}", b"state")
    (file,) = cache_dir.iterdir()
    file.write_bytes(b"\x00 not marshal")
    assert world_cache.load(KEY, data) is None


def test_off_keeps_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv(world_cache.CACHE_ENV, "off")
    assert world_cache.folder() is None
    world_cache.save(KEY, tmp_path, "{}", b"state")
    assert world_cache.load(KEY, tmp_path) is None
