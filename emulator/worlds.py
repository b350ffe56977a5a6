"""World definitions: YAML data files in the package's ``data/worlds`` (or any path), or an inline dict."""
from __future__ import annotations

import copy
import hashlib
import json
import os
import pickle
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from emulator.file_errors import file_messages, not_utf8
from emulator.memo import FrozenMemo
from emulator.world_spec import WorldSpec

DEFAULT_WORLD = "id"


DATA_ENV = "INSTANT_MART_FIXTURES"


def data_dir() -> Path:
    """The runtime data shipped in the package (``emulator/data``); ``INSTANT_MART_FIXTURES``
    names another folder of the same layout instead."""
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override)
    # a wheel is installed unpacked, so the package's files are a real folder (worlds are globbed)
    return Path(str(resources.files("emulator") / "data"))


fixtures_dir = data_dir  # the name earlier code used


class WorldError(ValueError):
    """A world file that cannot be used; the message names the file and the key."""


# Parsing YAML was three quarters of the cost of a fresh Emulator(); a file's parse is kept, as
# immutable pickled bytes, for as long as the file is unchanged, and each caller unpickles a copy
# of its own (faster than copying the parsed objects).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PARSED: FrozenMemo[tuple[str, int, int], bytes] = FrozenMemo(32)


def _parse(path: Path) -> Any:
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    parsed = _PARSED.get(key)
    if parsed is None:
        parsed = pickle.dumps(yaml.load(path.read_text("utf-8"), Loader=_LOADER) or {})
        _PARSED.add(key, parsed)
    return pickle.loads(parsed)


def load_world(world: str | dict[str, Any] | None = None) -> dict[str, Any]:
    if isinstance(world, dict):
        # a copy all the way down: the emulator may change its world, the caller the dict it gave
        spec, origin = copy.deepcopy(world), "inline world"
    else:
        name = world or DEFAULT_WORLD
        path = Path(name)
        if not path.suffix:
            path = data_dir() / "worlds" / f"{name}.yaml"
        if not path.exists():
            known = sorted(p.stem for p in (data_dir() / "worlds").glob("*.yaml"))
            raise WorldError(f"world {name!r} not found (known worlds: {', '.join(known)})")
        try:
            spec = _parse(path)
        except yaml.YAMLError as exc:
            raise WorldError(f"{path.name}: not valid YAML: {exc}") from None
        except RecursionError:  # the parser recurses once per level of nesting
            raise WorldError(f"{path.name}: nested too deeply to be a world file") from None
        except OSError as exc:  # a folder, a device, a file without read permission
            raise WorldError(f"{path.name}: cannot read: {exc.strerror}") from None
        except UnicodeDecodeError as exc:
            raise WorldError(f"{path.name}: {not_utf8(exc)}") from None
        origin = path.name
    if not isinstance(spec, dict):
        raise WorldError(f"{origin}: a world is a mapping")
    try:  # every key it lacks, every value it gets wrong, each named as the file writes it
        WorldSpec.model_validate(spec)
    except ValidationError as exc:
        raise WorldError(file_messages(origin, exc)) from None
    region = str(spec["region"])
    if not (data_dir() / "catalogue" / f"{region}.yaml").exists():
        known = sorted(p.stem for p in (data_dir() / "catalogue").glob("[A-Z][A-Z].yaml"))
        raise WorldError(f"{origin}: region: no catalogue for region {region!r} (known regions: {', '.join(known)})")
    # the file as written, not the model: its hash keys the cache of built worlds
    return spec


def world_key(spec: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode()).hexdigest()
