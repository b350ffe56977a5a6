"""Start-up costs an installed emulator adds to things that never use it.

    plugin   a pytest run of one trivial test, with the plugin and with ``-p no:instant_mart_emulator``
    --help   ``instant-mart-emulator --help`` against ``python -c pass``
    world    the first ``Emulator()`` of a fresh process

Runs alternate (with, without, with, ...) and the figures are medians of the per-pair
differences, so drift on a shared machine hits both sides alike. Wall time: a process start is
what a user waits for.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PLUGIN = "instant_mart_emulator"
# This checkout's test tools register plugins of their own (hypothesis through schemathesis, respx) that
# cost seconds; a user's environment gets the package and its dependencies only, so both runs
# leave those out. faker, a dependency, keeps its plugin: the user gets that one.
NOT_A_USERS = ("hypothesispytest", "schemathesis", "respx")
UNRELATED_TEST = "def test_unrelated():\n    assert 1 + 1 == 2\n"


@dataclass(frozen=True)
class Paired:
    """Medians of the measured command, of its baseline, and of their per-pair difference."""

    measured_s: float
    baseline_s: float
    added_s: float


def _seconds(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True, timeout=300, env=_env())
    return time.perf_counter() - started


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTEST_ADDOPTS", None)
    env.pop("PYTEST_PLUGINS", None)
    return env


def paired(measured: list[str], baseline: list[str], rounds: int, cwd: Path) -> Paired:
    if rounds > 1:  # warm the OS file cache for both, so the first pair is not an outlier
        _seconds(measured, cwd)
        _seconds(baseline, cwd)
    pairs = [(_seconds(measured, cwd), _seconds(baseline, cwd)) for _ in range(rounds)]
    return Paired(
        statistics.median(m for m, _ in pairs),
        statistics.median(b for _, b in pairs),
        statistics.median(m - b for m, b in pairs),
    )


def plugin_cost(rounds: int, plugin: str = PLUGIN) -> Paired:
    """A pytest run that uses none of the fixtures, in a project of its own, with and without ``plugin``."""
    with tempfile.TemporaryDirectory(prefix="bench-plugin-") as folder:
        project = Path(folder)
        (project / "pytest.ini").write_text("[pytest]\n")
        (project / "test_unrelated.py").write_text(UNRELATED_TEST)
        pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        for other in NOT_A_USERS:
            pytest += ["-p", f"no:{other}"]
        return paired(pytest, [*pytest, "-p", f"no:{plugin}"], rounds, project)


def help_startup(rounds: int) -> Paired:
    """``instant-mart-emulator --help`` as installed (the console script) against a bare interpreter."""
    script = Path(sys.executable).parent / "instant-mart-emulator"
    command = [str(script), "--help"] if script.exists() else [sys.executable, "-c", "from emulator.cli import main; main(['--help'])"]
    with tempfile.TemporaryDirectory(prefix="bench-help-") as folder:
        return paired(command, [sys.executable, "-c", "pass"], rounds, Path(folder))


_FIRST_WORLD = """
import time
started = time.perf_counter()
from emulator.world import Emulator
imported = time.perf_counter()
Emulator().close()
print(imported - started, time.perf_counter() - imported)
"""


@dataclass(frozen=True)
class FirstWorld:
    """Medians of a fresh process's import of ``emulator.world`` and of its first ``Emulator()``."""

    import_s: float
    first_s: float


def first_world(rounds: int, world_cache: bool = True) -> FirstWorld:
    """The first ``Emulator()`` of fresh processes, as an installed package runs it: with compiled
    bytecode (kept in a folder of its own for the run) and, unless ``world_cache`` is off, the
    on-disk cache of built worlds, which the first (warming) process fills."""
    with tempfile.TemporaryDirectory(prefix="bench-first-") as folder:
        env = _env()
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pyc")
        env["INSTANT_MART_WORLD_CACHE"] = str(Path(folder) / "worlds") if world_cache else "off"
        runs = []
        for _ in range(rounds + 1):  # the first run compiles and fills the caches
            out = subprocess.run([sys.executable, "-c", _FIRST_WORLD], capture_output=True, text=True, check=True, timeout=300, env=env)
            imported, first = map(float, out.stdout.split())
            runs.append((imported, first))
        runs = runs[1:]
        return FirstWorld(statistics.median(i for i, _ in runs), statistics.median(f for _, f in runs))
