"""Runtime data ships inside the package; INSTANT_MART_FIXTURES still replaces it."""
from __future__ import annotations

import fnmatch
import shutil
import tomllib
from pathlib import Path

import pytest

import emulator
from emulator.worlds import DATA_ENV, WorldError, data_dir, load_world

ROOT = Path(__file__).resolve().parents[2]


def test_data_lives_in_the_package():
    assert data_dir() == Path(emulator.__file__).parent / "data"
    assert (data_dir() / "worlds" / "id.yaml").is_file()


def test_every_data_file_is_declared_package_data():
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["package-data"]["emulator"]
    package = Path(emulator.__file__).parent
    files = [str(p.relative_to(package)) for p in (package / "data").rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert files and [f for f in files if not any(fnmatch.fnmatch(f, g) for g in globs)] == []


def test_override_folder_replaces_the_shipped_data(tmp_path, monkeypatch):
    shutil.copytree(data_dir(), tmp_path / "data")
    world = tmp_path / "data" / "worlds" / "id.yaml"
    world.write_text(world.read_text("utf-8").replace("name: id", "name: my-id", 1), "utf-8")
    (tmp_path / "data" / "worlds" / "th.yaml").unlink()
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "data"))
    assert load_world("id")["name"] == "my-id"
    with pytest.raises(WorldError, match=r"known worlds: id\)"):
        load_world("th")
