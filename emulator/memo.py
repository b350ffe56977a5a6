"""``FrozenMemo``: the one kind of value several emulators of a process may share.

Some results are pure functions of immutable inputs and far slower to compute than to copy: a
world file's parse, a built world. A process keeps them in a bounded memo whose entries are
immutable by construction (text, bytes, or tuples of them); each reader decodes a copy of its own,
so what one emulator reads it may change freely and no other emulator sees it. Emulator state
itself is never kept here.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Generic, Hashable, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V", str, bytes, tuple[str, bytes])


def _immutable(value: object) -> bool:
    if isinstance(value, tuple):
        return all(_immutable(part) for part in value)
    return isinstance(value, (str, bytes))


class FrozenMemo(Generic[K, V]):
    """A bounded map of immutable values, oldest dropped first; entries are added whole, never changed."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        return self._entries.get(key)

    def __contains__(self, key: K) -> bool:
        return key in self._entries

    def add(self, key: K, value: V) -> None:
        if not _immutable(value):
            raise TypeError(f"a memo keeps only text and bytes, not {type(value).__name__}")
        if key in self._entries:
            return
        self._entries[key] = value
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        """Forget everything (as in a fresh process)."""
        self._entries.clear()
