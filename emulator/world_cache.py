"""Built worlds kept on disk, so a fresh process does not build its first world again.

Building the default world (faker names and addresses, the catalogue, the order history) was
most of a fresh process's first ``Emulator()``: every pytest-xdist worker and every CI job paid
it. A built world is a pure function of its definition, seed and start time, and of the code and
data that build it; the file of one is named by a hash of all of those (the package's files and
data as stat'ed, the Python and faker versions), so any change to either builds anew.

Only worlds of a manual clock with seeded keys are kept: a real-time start differs every second,
and random keys must never reach a file. The folder is ``$INSTANT_MART_WORLD_CACHE``, else
``$XDG_CACHE_HOME/instant-mart-emulator/worlds`` (``~/.cache/...``); ``INSTANT_MART_WORLD_CACHE=off``
keeps nothing. A file that cannot be read or written is a miss, never an error.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

CACHE_ENV = "INSTANT_MART_WORLD_CACHE"
OFF = ("off", "0", "no", "false", "")
PACKAGE = Path(__file__).resolve().parent
FORMAT = 1  # bump when the file layout changes


def folder() -> Path | None:
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return None if configured.strip().lower() in OFF else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "instant-mart-emulator" / "worlds"


def _fingerprint(data: Path) -> str:
    """What a build depends on besides its key: every file of the package and its data, the
    interpreter (marshal's format) and faker's version."""
    digest = hashlib.sha256(f"{FORMAT}:{sys.version}:{_faker_version()}".encode())
    for root in sorted({PACKAGE, data.resolve()}):
        for path, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".pyc", ".pyo")):
                    continue
                stat = os.stat(os.path.join(path, name))
                digest.update(f"{path}/{name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _faker_version() -> str:
    try:
        return metadata.version("faker")
    except metadata.PackageNotFoundError:
        return "?"


def _file(key: tuple[Any, ...], data: Path) -> Path | None:
    place = folder()
    if place is None:
        return None
    name = hashlib.sha256(f"{key!r}:{_fingerprint(data)}".encode()).hexdigest()
    return place / f"{name}.world"


def load(key: tuple[Any, ...], data: Path) -> tuple[str, bytes] | None:
    """The JSON text and marshalled state of a world built before, or None."""
    try:
        path = _file(key, data)
        if path is None or not path.exists():
            return None
        text, packed = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(text, str) or not isinstance(packed, bytes):
        return None
    return text, packed


def save(key: tuple[Any, ...], data: Path, text: str, packed: bytes) -> None:
    """Keep a built world; written whole (temp file, then rename) or not at all."""
    try:
        path = _file(key, data)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps((text, packed)))
        os.replace(tmp, path)
    except OSError:
        return
