"""Durations as people write them: ``7200``, ``"2h"``, ``"30m"``, ``"1d 6h"``, ``"90s"``.

One parser for scenario files (``advance: 2h``) and the CLI (``clock --advance 2h``); standard
library only, so the CLI can use it without loading the emulator.
"""
from __future__ import annotations

import re
from typing import Any

_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(d|h|m|s)\b")
_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_HINT = "write seconds, or e.g. 2h, 30m, 1d 6h, 90s"


def duration_seconds(value: Any) -> float:
    """``7200``, ``"7200"``, ``"2h"``, ``"1d 6h"``, ``"30m"``, ``"90s"`` -> seconds (never negative)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = float(value)
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            seconds = float(text)
        except ValueError:
            parts = _PART.findall(text)
            if not parts or _PART.sub("", text).strip():
                raise ValueError(f"not a duration {value!r}: {_HINT}") from None
            seconds = sum(float(n) * _UNITS[unit] for n, unit in parts)
    else:
        raise ValueError(f"not a duration {value!r}: {_HINT}")
    if seconds != seconds or seconds in (float("inf"), float("-inf")):
        raise ValueError(f"not a duration {value!r}: {_HINT}")
    if seconds < 0:
        raise ValueError("time only moves forward")
    return seconds
