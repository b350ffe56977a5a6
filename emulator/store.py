"""State storage: named collections of JSON documents, transactions, and a crash-safe file.

Every write happens inside ``transaction()``. A failed transaction restores what it touched, so a
request that raises leaves nothing half-written. With a data file, a committed transaction is
appended as one line to ``FILE.journal`` and flushed before the request is answered; a kill at any
moment leaves at worst a torn last line, which loading ignores. ``compact()`` folds the journal
into ``FILE`` (a TinyDB JSON document) through write-to-temp, fsync and rename, so the file is
always either the old or the new whole state. Appending keeps the cost of a write independent of
how much state there is; compaction runs at start-up and shut-down, not per write.
"""
from __future__ import annotations

import json
import os
import pickle
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from tinydb.storages import JSONStorage

Doc = dict[str, Any]
Watcher = Callable[[str, Doc | None, Doc | None], None]
META = "_meta"


def _copy(doc: Any) -> Any:
    return pickle.loads(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))


class Store:
    """Collections of documents keyed by string; see the module docstring for durability."""

    def __init__(self, path: str | os.PathLike[str] | None = None, fsync: bool = False) -> None:
        self.lock = threading.RLock()
        self.path = Path(path) if path else None
        self.fsync = fsync
        self._data: dict[str, dict[str, Doc]] = {}
        self._watchers: dict[str, list[Watcher]] = {}
        self._undo: list[tuple[str, str, Any]] | None = None
        self._dirty: dict[tuple[str, str], Any] = {}
        self._edited: set[tuple[str, str]] = set()
        self._depth = 0
        self._tx = 0
        self._journal: Any = None
        self.meta: dict[str, Any] = {}
        self.before_dump: Callable[[dict[str, Any]], None] | None = None

    # -- reading ------------------------------------------------------------------------------
    @property
    def transactions(self) -> int:
        return self._tx

    def get(self, collection: str, key: str | int) -> Doc | None:
        """The live document; treat it as read-only (use ``edit`` to change it)."""
        return self._data.get(collection, {}).get(str(key))

    def collection(self, collection: str) -> dict[str, Doc]:
        return self._data.setdefault(collection, {})

    def count(self, collection: str) -> int:
        return len(self._data.get(collection, {}))

    # -- writing ------------------------------------------------------------------------------
    def watch(self, collection: str, watcher: Watcher) -> None:
        self._watchers.setdefault(collection, []).append(watcher)

    def put(self, collection: str, key: str | int, doc: Doc) -> Doc:
        key = str(key)
        docs = self.collection(collection)
        old = docs.get(key)
        # A replaced document leaves the store, so undo can keep the object itself; only a
        # document put back under its own key may still be changed in place and needs a copy.
        self._remember(collection, key, old, copy=old is doc)
        self._edited.discard((collection, key))
        docs[key] = doc
        self._notify(collection, key, old, doc)
        return doc

    def edit(self, collection: str, key: str | int) -> Doc | None:
        """The live document, to be changed in place; the change commits with the transaction."""
        key = str(key)
        doc = self._data.get(collection, {}).get(key)
        if doc is not None:
            self._remember(collection, key, doc)
            self._edited.add((collection, key))
        return doc

    def delete(self, collection: str, key: str | int) -> None:
        key = str(key)
        docs = self.collection(collection)
        if key not in docs:
            return
        old = docs.pop(key)
        self._remember(collection, key, old, copy=False)
        self._edited.discard((collection, key))
        self._notify(collection, key, old, None)

    def _remember(self, collection: str, key: str, old: Doc | None, copy: bool = True) -> None:
        if self._depth == 0:
            raise RuntimeError("store writes must happen inside a transaction")
        if (collection, key) in self._dirty:
            return
        snapshot = _copy(old) if copy and old is not None else old
        self._dirty[(collection, key)] = snapshot
        assert self._undo is not None
        self._undo.append((collection, key, snapshot))

    def _notify(self, collection: str, key: str, old: Doc | None, new: Doc | None) -> None:
        for watcher in self._watchers.get(collection, ()):
            watcher(key, old, new)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All-or-nothing: nested calls join the outermost transaction."""
        with self.lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._depth = 1
            self._undo = []
            self._dirty = {}
            self._edited = set()
            try:
                yield
            except BaseException:
                self._rollback()
                raise
            else:
                self._commit()
            finally:
                self._depth = 0
                self._undo = None
                self._dirty = {}

    def _rollback(self) -> None:
        assert self._undo is not None
        for collection, key, old in reversed(self._undo):
            docs = self.collection(collection)
            current = docs.get(key)
            if old is None:
                docs.pop(key, None)
            else:
                docs[key] = old
            self._notify(collection, key, current, old)

    def _commit(self) -> None:
        if not self._dirty:
            return
        data = self._data
        if self._edited:
            for (collection, key), before in self._dirty.items():
                if (collection, key) in self._edited:
                    current = data.get(collection, {}).get(key)
                    if current is not None:
                        self._notify(collection, key, before, current)
        self._tx += 1
        if self._journal is not None:
            writes = [[collection, key, data.get(collection, {}).get(key)] for collection, key in self._dirty]
            line = json.dumps({"tx": self._tx, "w": writes, "m": {"clock": self.meta.get("clock")}}, separators=(",", ":"))
            self._journal.write(line + "\n")
            self._journal.flush()
            if self.fsync:
                os.fsync(self._journal.fileno())

    # -- whole state ---------------------------------------------------------------------------
    def dump(self) -> dict[str, Any]:
        with self.lock:
            if self.before_dump is not None:
                self.before_dump(self.meta)
            state = _copy(self._data)
            state[META] = {"1": {"tx": self._tx, "meta": _copy(self.meta)}}
            return state

    def load(self, state: dict[str, Any]) -> None:
        """Replace everything; watchers are not told (callers rebuild their indexes)."""
        with self.lock:
            state = dict(state)
            meta = state.pop(META, {}).get("1", {})
            self._data = {name: dict(docs) for name, docs in state.items()}
            self._tx = int(meta.get("tx", 0))
            self.meta = meta.get("meta", {})

    # -- the data file -------------------------------------------------------------------------
    def open_file(self) -> bool:
        """Load FILE and replay its journal; returns False when there was nothing to load."""
        assert self.path is not None
        found = False
        if self.path.exists() and self.path.stat().st_size:
            storage = JSONStorage(str(self.path), access_mode="r")
            try:
                self.load(storage.read() or {})
            finally:
                storage.close()
            found = True
        found = self._replay() or found
        self.compact()
        return found

    def _journal_path(self) -> Path:
        assert self.path is not None
        return self.path.with_name(self.path.name + ".journal")

    def _replay(self) -> bool:
        journal = self._journal_path()
        if not journal.exists():
            return False
        replayed = False
        with journal.open("r", encoding="utf-8") as fh:
            for line in fh:
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError:
                    break  # a torn last line: the write it held was never acknowledged
                if entry["tx"] <= self._tx:
                    continue
                for collection, key, doc in entry["w"]:
                    docs = self.collection(collection)
                    if doc is None:
                        docs.pop(key, None)
                    else:
                        docs[key] = doc
                self._tx = entry["tx"]
                self.meta.update(entry.get("m") or {})
                replayed = True
        return replayed

    def compact(self) -> None:
        """Write the whole state atomically to FILE, then start an empty journal."""
        assert self.path is not None
        with self.lock:
            if self._journal is not None:
                self._journal.close()
                self._journal = None
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(self.path.name + ".tmp")
            # TinyDB's JSONStorage format is plain JSON; writing it directly avoids the storage's
            # warning about mode "w" (an error under the test suite) and its extra copy.
            with tmp.open("w", encoding="utf-8") as fh:
                json.dump(self.dump(), fh, separators=(",", ":"))
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
            self._fsync_dir()
            self._journal = self._journal_path().open("w", encoding="utf-8")
            self._journal.flush()

    def _fsync_dir(self) -> None:
        assert self.path is not None
        fd = os.open(str(self.path.parent), os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def close(self) -> None:
        if self.path is not None and self._journal is not None:
            self.compact()
            self._journal.close()
            self._journal = None
