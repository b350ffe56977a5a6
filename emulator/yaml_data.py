"""Reading the package's YAML data files (catalogue, channels, fees, worlds' parts).

libyaml's C parser, where PyYAML was built with it, reads these files about ten times faster
than the pure-Python one; parsing the catalogue alone was a fifth of a fresh process's first
``Emulator()``. Both parsers accept the same safe subset, so results are the same.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_text(text: str) -> Any:
    return yaml.load(text, Loader=LOADER)


def load(path: Path) -> Any:
    return load_text(path.read_text("utf-8"))
