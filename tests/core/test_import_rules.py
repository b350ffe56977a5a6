"""The layers hold: the import contracts in pyproject.toml, checked by import-linter."""
from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import emulator

ROOT = Path(__file__).resolve().parents[2]


def _contracts() -> dict[str, dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["id"]: c for c in config["tool"]["importlinter"]["contracts"]}


def test_the_import_contracts_are_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--no-cache", "--config", str(ROOT / "pyproject.toml")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_every_top_level_module_has_a_place_in_a_layer():
    contracts = _contracts()
    core = set(contracts["core-stays-below"]["source_modules"])  # type: ignore[arg-type]
    outer = set(contracts["domains-use-the-core"]["forbidden_modules"])  # type: ignore[arg-type]
    assert outer == set(contracts["core-stays-below"]["forbidden_modules"]) - {"emulator.domains"}  # type: ignore[operator]
    package = Path(emulator.__file__).parent
    found = {f"emulator.{p.stem}" for p in package.glob("*.py") if p.stem != "__init__"}
    found |= {f"emulator.{p.parent.name}" for p in package.glob("*/__init__.py")}
    unplaced = sorted(found - core - outer - {"emulator.domains"})
    assert not unplaced, f"name these in pyproject.toml's import contracts, as core or outer: {unplaced}"
    assert not core & outer
