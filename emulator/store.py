"""State storage: named collections of JSON documents, transactions, and a crash-safe file.

Every write happens inside ``transaction()``. A failed transaction restores what it touched, so a
request that raises leaves nothing half-written. With a data file, a committed transaction is
appended as one line to ``FILE.journal`` and flushed before the request is answered; a kill at any
moment leaves at worst a torn last line, which loading ignores. ``compact()`` folds the journal
into ``FILE`` (a TinyDB JSON document) through write-to-temp, fsync and rename, so the file is
always either the old or the new whole state. Appending keeps the cost of a write independent of
how much state there is; compaction runs at start-up, at shut-down, and whenever the journal has
grown past ``compact_after`` bytes and the size of the last compacted file (so its cost stays a
fixed share of the writes that caused it).

Undo is kept per document at its first write in a transaction. ``update`` sets top-level fields
and never changes a replaced value, so its undo record is the old value of each field it replaced
(``_Before``: a clock jump's 100k order updates copy six fields each, not whole documents) and its
journal entry is those fields as they are now; ``edit`` hands out the live document for changes
anywhere inside it, so its record is a deep copy (an ``update`` record is deepened first).

Write-ahead: a transaction's line is written before anyone can see its changes. When the write
fails (a full disk, a read-only directory) the journal is cut back to its last whole line, every
change is undone as if the transaction had raised, and ``JournalError`` reaches the caller; so a
refused write is neither visible now nor replayed after a restart.
"""
from __future__ import annotations

import json
import logging
import os
import pickle
import threading
from pathlib import Path
from types import TracebackType
from typing import Any, Callable, Mapping, TypeVar, cast, overload

from tinydb.storages import JSONStorage

from emulator import render
from emulator.indexes import Places, SortedIndex

Doc = dict[str, Any]
D = TypeVar("D", bound=Mapping[str, Any])  # a stored document, typed as its domain declares it
COMPACT_AFTER_BYTES = 64 * 1024 * 1024


class JournalError(OSError):
    """A committed transaction's journal line could not be written; the transaction was undone."""
Watcher = Callable[[str, Doc | None, Doc | None], None]
# told of many changes at once: [(key, as last seen, as now)], one entry per document
BatchWatcher = Callable[[list[tuple[str, Doc | None, Doc | None]]], None]
META = "_meta"
_MISSING = object()
log = logging.getLogger(__name__)


class _Before:
    """An ``update``d document as it was before the transaction: the live object it changed, and
    the old value of every top-level field the updates replaced (``_MISSING``: it had none).

    Only updates change that object while the record is shallow (``edit`` deepens it first, and a
    ``put`` replaces the object in the store), so the object and the old values are the state the
    transaction started from."""

    __slots__ = ("doc", "fields", "complete")

    def __init__(self, doc: Doc, changes: Mapping[str, Any]) -> None:
        self.doc = doc
        self.fields: dict[str, Any] = {name: doc.get(name, _MISSING) for name in changes}
        self.complete = False  # ``fields`` is the whole top level (``Store.own``)

    def note(self, changes: Mapping[str, Any]) -> None:
        """Keep the old value of each field ``changes`` is about to replace, once."""
        if self.complete:
            return
        fields, doc = self.fields, self.doc
        for name in changes:
            if name not in fields:
                fields[name] = doc.get(name, _MISSING)

    def take_whole(self) -> None:
        """From now on the record is the whole top level, which the caller may set directly."""
        if not self.complete:
            self.fields, self.complete = self.whole(), True

    def whole(self) -> Doc:
        """The document as it was, as a new top-level dict (values shared with the live one)."""
        if self.complete:
            return dict(self.fields)
        return _overlay(dict(self.doc), self.fields)

    def restore(self) -> Doc:
        """Put the old values back into the live object itself, which rollback stores again."""
        if self.complete:
            self.doc.clear()
            self.doc.update(self.fields)
            return self.doc
        return _overlay(self.doc, self.fields)


def _overlay(doc: Doc, fields: dict[str, Any]) -> Doc:
    """``doc`` with each of ``fields`` set back to its value, or removed where it had none."""
    for name, value in fields.items():
        if value is _MISSING:
            doc.pop(name, None)
        else:
            doc[name] = value
    return doc


def _seen(value: "Doc | _Before | None") -> Doc | None:
    """How watchers last saw a document, as a document."""
    return value.whole() if value.__class__ is _Before else cast("Doc | None", value)


def _copy(doc: Any) -> Any:
    return pickle.loads(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))


class Store:
    """Collections of documents keyed by string; see the module docstring for durability."""

    def __init__(
        self, path: str | os.PathLike[str] | None = None, fsync: bool = False, compact_after: int = COMPACT_AFTER_BYTES
    ) -> None:
        self.lock = threading.RLock()
        self.path = Path(path) if path else None
        self.fsync = fsync
        self.compact_after = compact_after
        self.compactions = 0
        self._journal_size = 0
        self._file_size = 0
        self._data: dict[str, dict[str, Doc]] = {}
        self._watchers: dict[str, list[Watcher]] = {}
        self._batched: dict[str, list[BatchWatcher | None]] = {}
        self._reads_old: set[str] = set()  # collections with a watcher that looks at the old document
        self._indexes: list[tuple[str, SortedIndex]] = []
        # one [collection, key, document as it was] per document written in the transaction
        self._undo: list[list[Any]] | None = None
        self._dirty: dict[tuple[str, str], list[Any]] = {}
        # documents whose undo record is a shallow copy: written by ``update`` alone so far
        self._shallow: set[tuple[str, str]] = set()
        self._shallow_seen: set[tuple[str, str]] = set()  # likewise for what watchers last saw
        # documents changed in place and not yet shown to watchers, with how watchers last saw them
        self._edited: dict[tuple[str, str], Doc | _Before | None] = {}
        self._depth = 0
        self._clock_before: Any = None
        self._tx = 0
        self._journal: Any = None
        self._opened = False
        self.meta: dict[str, Any] = {}
        # tests set it (EMULATOR_CHECK_UPDATES=1): every ``update`` also takes a deep copy, and a
        # transaction that changed a replaced value in place fails loudly instead of leaving an
        # undo record that no longer holds the document as it was
        self.check_updates = os.environ.get("EMULATOR_CHECK_UPDATES") == "1"
        self._checked: dict[tuple[str, str], Doc] = {}
        self.before_dump: Callable[[dict[str, Any]], None] | None = None

    # -- reading ------------------------------------------------------------------------------
    @property
    def transactions(self) -> int:
        return self._tx

    @property
    def changing(self) -> bool:
        """Whether the open transaction has written anything yet (its edits reach watchers at commit)."""
        return bool(self._dirty)

    def get(self, collection: str, key: str | int) -> Doc | None:
        """The live document; treat it as read-only (use ``edit`` to change it)."""
        docs = self._data.get(collection)  # no empty dict made per call, no str() of a str key
        if docs is None:
            return None
        return docs.get(key if key.__class__ is str else str(key))

    def collection(self, collection: str) -> dict[str, Doc]:
        """The live documents of a collection; read-only, like ``get``."""
        # Reading must not create the collection: an empty one would appear in the next dump and
        # make two equal states dump differently.
        return self._data.get(collection, {})

    def _docs(self, collection: str) -> dict[str, Doc]:
        return self._data.setdefault(collection, {})

    def count(self, collection: str) -> int:
        return len(self._data.get(collection, {}))

    def written(self, collection: str, key: str | int) -> bool:
        """Whether the current transaction has already written this document (and so owns it)."""
        return (collection, str(key)) in self._dirty

    # -- writing ------------------------------------------------------------------------------
    def watch(self, collection: str, watcher: Watcher, many: BatchWatcher | None = None, *, reads_old: bool = True) -> None:
        """Call ``watcher`` on every change; at commit, documents changed in place reach ``many``
        (when given) in one call, so an index can apply a whole clock jump's changes at once. A
        commit with a single such document calls ``watcher`` instead: ``many`` of one change must
        do what ``watcher`` does. A watcher that never looks at the old document says so
        (``reads_old=False``): when no watcher of the collection does, a commit's batch gets None
        there instead of a copy of every ``update``d document as it was."""
        self._watchers.setdefault(collection, []).append(watcher)
        self._batched.setdefault(collection, []).append(many)
        if reads_old:
            self._reads_old.add(collection)

    def index(self, collection: str, places: Places) -> SortedIndex:
        """A sorted index over ``collection``, kept current by every write and rebuilt on load."""
        index = SortedIndex(places)
        self.watch(collection, index.watcher, index.many, reads_old=False)  # it knows where it filed each key
        self._indexes.append((collection, index))
        index.rebuild(self.collection(collection))
        return index

    def rebuild_indexes(self) -> None:
        for collection, index in self._indexes:
            index.rebuild(self.collection(collection))

    @overload
    def put(self, collection: str, key: str | int, document: Doc) -> Doc: ...
    @overload
    def put(self, collection: str, key: str | int, document: D) -> D: ...

    def put(self, collection: str, key: str | int, document: D) -> D:
        """Store ``document`` itself (a domain may declare its fields with a TypedDict)."""
        doc = cast(Doc, document)
        key = str(key)
        docs = self._docs(collection)
        old = docs.get(key)
        # A replaced document leaves the store, so undo can keep the object itself; only a
        # document put back under its own key may still be changed in place and needs a copy.
        self._remember(collection, key, old, copy=old is doc)
        docs[key] = doc
        self._notify(collection, key, _seen(self._edited.pop((collection, key), old)), doc)
        return document

    def edit(self, collection: str, key: str | int) -> Doc | None:
        """The live document, to be changed in place; watchers hear of it once, at commit."""
        key = str(key)
        doc = self._data.get(collection, {}).get(key)
        if doc is not None:
            if (collection, key) in self._shallow or (collection, key) in self._shallow_seen:
                self._deepen((collection, key))
            taken = self._remember(collection, key, doc)
            if (collection, key) not in self._edited:
                # Watchers must get the document as they last saw it, which is not the state at
                # the start of the transaction when a put came first in it. A copy the undo log
                # has just taken is that state already: sharing it halves the copying per edit.
                seen = (taken if taken is not None else _copy(doc)) if self._watchers.get(collection) else None
                self._edited[(collection, key)] = seen
        return doc

    def update(self, collection: str, key: str | int, changes: dict[str, Any]) -> Doc:
        """Set top-level fields of a live document in place; watchers hear of it once, at commit.

        The values replaced must not be changed afterwards (build a new list or dict instead of
        changing the old one): undo keeps them as they are, with the rest of the top level.
        """
        key = key if key.__class__ is str else str(key)
        docs = self._data.get(collection)
        doc = docs.get(key) if docs is not None else None
        if doc is None:
            raise KeyError(f"{collection}/{key} does not exist")
        place = (collection, key)
        if place not in self._dirty:
            if self._depth == 0:
                raise RuntimeError("store writes must happen inside a transaction")
            before = _Before(doc, changes)
            entry: list[Any] = [collection, key, before]
            self._dirty[place] = entry
            assert self._undo is not None
            self._undo.append(entry)
            self._shallow.add(place)
            if self.check_updates:
                self._checked[place] = _copy(doc)
            # first written now, so watchers last saw it as it was: the undo record (a clock
            # jump's path, once per order; only documents already written need the checks below).
            # Being in ``_shallow`` already marks that shared record for ``_deepen``.
            if self._watchers.get(collection):
                self._edited[place] = before
        else:
            recorded = self._dirty[place][2]
            if place in self._shallow:
                recorded.note(changes)
            if place not in self._edited and self._watchers.get(collection):
                # how watchers last saw it: at the start of the transaction, or as put earlier in it
                self._edited[place] = recorded if place in self._shallow else dict(doc)
                self._shallow_seen.add(place)
        doc.update(changes)
        return doc

    def own(self, collection: str, key: str | int, changes: dict[str, Any]) -> Doc:
        """``update``, for a caller that then sets top-level fields of the returned live document
        itself: its undo record takes the whole top level (a shallow copy), not the changed fields.
        Nested values still follow ``update``'s rule: replaced, never changed in place."""
        doc = self.update(collection, key, changes)
        place = (collection, key if key.__class__ is str else str(key))
        if place in self._shallow:
            self._dirty[place][2].take_whole()
        return doc

    def _deepen(self, place: tuple[str, str]) -> None:
        """An ``update``d document is about to change anywhere inside: the records of it that
        share its values (its undo record, the copy watchers last saw) become deep copies."""
        if place in self._shallow:
            self._check_update(place)
            self._shallow.discard(place)
            entry = self._dirty[place]
            shared = entry[2]
            entry[2] = _copy(shared.whole())
            if self._edited.get(place) is shared:
                self._edited[place] = entry[2]
                self._shallow_seen.discard(place)
        if place in self._shallow_seen:
            self._shallow_seen.discard(place)
            seen = _seen(self._edited.get(place))
            if seen is not None:
                self._edited[place] = _copy(seen)

    def _check_update(self, place: tuple[str, str]) -> None:
        expected = self._checked.pop(place, None)
        if expected is not None and expected != _seen(self._dirty[place][2]):
            raise AssertionError(
                f"{place[0]}/{place[1]} changed inside a value that Store.update replaced; build a new value or use edit"
            )

    def delete(self, collection: str, key: str | int) -> None:
        key = str(key)
        docs = self._docs(collection)
        if key not in docs:
            return
        old = docs.pop(key)
        self._remember(collection, key, old, copy=False)
        self._notify(collection, key, _seen(self._edited.pop((collection, key), old)), None)

    def delete_many(self, collection: str, keys: list[str]) -> None:
        """``delete`` of each key in turn, in one call: a clock pass drops thousands of finished jobs."""
        if self._depth == 0:
            raise RuntimeError("store writes must happen inside a transaction")
        if self._watchers.get(collection):
            for key in keys:
                self.delete(collection, key)
            return
        docs, dirty, undo = self._data.get(collection), self._dirty, self._undo
        if not docs:
            return
        assert undo is not None
        for key in keys:
            old = docs.pop(key, None)
            if old is None:
                continue
            place = (collection, key)
            if place not in dirty:
                entry = [collection, key, old]
                dirty[place] = entry
                undo.append(entry)
            else:  # only a document written in this transaction can be waiting for watchers
                self._edited.pop(place, None)

    def _remember(self, collection: str, key: str, old: Doc | None, copy: bool = True) -> Doc | None:
        """Log the document for undo once per transaction; returns the copy when this call made one."""
        if self._depth == 0:
            raise RuntimeError("store writes must happen inside a transaction")
        if (collection, key) in self._dirty:
            return None
        snapshot = _copy(old) if copy and old is not None else old
        entry = [collection, key, snapshot]
        self._dirty[(collection, key)] = entry
        assert self._undo is not None
        self._undo.append(entry)
        return snapshot if copy else None

    def _notify(self, collection: str, key: str, old: Doc | None, new: Doc | None) -> None:
        for watcher in self._watchers.get(collection, ()):
            watcher(key, old, new)

    def transaction(self) -> "_Transaction":
        """All-or-nothing: nested calls join the outermost transaction."""
        return _Transaction(self)

    def _begin(self) -> None:
        # most transactions (every read) write nothing: containers are made anew only after
        # one that used them
        self._depth = 1
        self._undo = []
        if self._dirty or self._shallow or self._shallow_seen or self._checked or self._edited:
            self._dirty, self._shallow, self._shallow_seen, self._checked, self._edited = {}, set(), set(), {}, {}
        self._clock_before = self.meta.get("clock")

    def _finish(self, failed: bool) -> None:
        try:
            if failed:
                self._rollback()
            else:
                try:
                    for place in list(self._checked):
                        self._check_update(place)
                except BaseException:
                    self._rollback()
                    raise
                self._commit()
        finally:
            self._depth = 0
            self._undo = None
            if self._dirty:
                self._dirty = {}
            if self._shallow:
                self._shallow = set()
            if self._shallow_seen:
                self._shallow_seen = set()
            if self._edited:
                self._edited = {}

    def _rollback(self) -> None:
        assert self._undo is not None
        for collection, key, old in reversed(self._undo):
            docs = self._docs(collection)
            seen = _seen(self._edited.pop((collection, key), docs.get(key)))
            if old.__class__ is _Before:
                if seen is old.doc:
                    seen = dict(seen)  # watchers were told of the committed state: not the restored one
                old = old.restore()
            if old is None:
                docs.pop(key, None)
                if not docs:
                    del self._data[collection]  # leave no empty collection behind to show in dumps
            else:
                docs[key] = old
            self._notify(collection, key, seen, old)

    def _commit(self) -> None:
        # A clock advance writes no document but must survive a kill all the same.
        if not self._dirty and self.meta.get("clock") == self._clock_before:
            return

        # Watchers first: whatever they write in response belongs to this transaction's line.
        self._notify_edited()
        if self._journal is not None:
            try:
                line = render.dumps({"tx": self._tx + 1, **self._journal_writes(), "m": {"clock": self.meta.get("clock")}})
                self._append(line + b"\n")
            except OSError as exc:
                self._undo_commit()
                raise JournalError(exc.errno, f"the journal could not take the write: {exc.strerror or exc}") from exc
            except Exception:  # a value the journal cannot hold: refused like any failed write
                self._undo_commit()
                raise
        self._tx += 1
        if self._journal is not None and self._journal_size > max(self.compact_after, self._file_size):
            self._compact_quietly()

    def _notify_edited(self) -> None:
        edited = self._edited
        if len(edited) == 1:  # an API call's one edit: its watchers, without the batching below
            ((collection, key), recorded), = edited.items()
            current = self._data.get(collection, {}).get(key)
            if current is not None:
                seen = _seen(recorded) if collection in self._reads_old else None
                for watcher in self._watchers.get(collection, ()):
                    watcher(key, seen, current)
            return
        changed: dict[str, list[tuple[str, Doc | None, Doc | None]]] = {}
        data = self._data
        # a clock jump's edits come in long runs of one collection: its documents and list are
        # looked up once per run rather than once per document
        last: str | None = None
        docs: dict[str, Doc] = {}
        out: list[tuple[str, Doc | None, Doc | None]] = []
        reads_old = False
        for (collection, key), recorded in self._edited.items():
            if collection != last:
                last, docs = collection, data.get(collection, {})
                out = changed.setdefault(collection, [])
                reads_old = collection in self._reads_old
            current = docs.get(key)
            if current is not None:
                out.append((key, _seen(recorded) if reads_old else None, current))
        for collection, changes in changed.items():
            if not changes:
                continue
            for watcher, many in zip(self._watchers.get(collection, ()), self._batched.get(collection, ())):
                if many is not None:
                    many(changes)
                else:
                    for key, seen, current in changes:
                        watcher(key, seen, current)

    def _journal_writes(self) -> dict[str, Any]:
        """Whole documents under ``w``; documents only ``update``d as the fields that changed
        under ``u`` (``[collection, key, {field: value}, [fields removed]]``)."""
        writes: list[list[Any]] = []
        updates: list[list[Any]] = []
        for place, (collection, key, before) in self._dirty.items():
            current = self._data.get(collection, {}).get(key)
            if place in self._shallow and current is not None:
                if current is before.doc and not before.complete:
                    # only updates changed it, and an update never removes a field: the ones it replaced
                    changed = {f: current[f] for f, v in before.fields.items() if current[f] is not v}
                    removed = []
                else:  # put back as another object: whatever differs from how it was
                    whole = before.whole()
                    changed = {f: v for f, v in current.items() if whole.get(f, _MISSING) is not v}
                    removed = [f for f in whole if f not in current]
                if changed or removed:
                    updates.append([collection, key, changed, removed])
            else:
                writes.append([collection, key, current])
        return {"w": writes, "u": updates} if updates else {"w": writes}

    def _append(self, data: bytes) -> None:
        """Write one whole line, or leave the journal as it was."""
        fd = self._journal.fileno()
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            if self.fsync:
                os.fsync(fd)
        except OSError:
            try:
                os.ftruncate(fd, self._journal_size)  # a torn line would hide every later one
            except OSError:
                log.exception("the journal could not be cut back after a failed write")
            raise
        self._journal_size += len(data)

    def _undo_commit(self) -> None:
        # watchers were told of the committed state, which is what they must now be told is undone
        self._edited = {}
        self._rollback()
        self.meta["clock"] = self._clock_before
        if self._clock_before is None:
            self.meta.pop("clock", None)

    def _compact_quietly(self) -> None:
        try:
            self.compact()
        except OSError as exc:  # the journal still holds every write: compaction can wait
            log.warning("journal compaction failed, will retry: %s", exc)
            self._file_size = self._journal_size  # not again before the journal doubles

    # -- whole state ---------------------------------------------------------------------------
    def dump(self) -> dict[str, Any]:
        with self.lock:
            state: dict[str, Any] = _copy(self._data)
            state[META] = _copy(self.dump_meta())
            return state

    def dump_meta(self) -> dict[str, Any]:
        """The ``_meta`` entry a dump would hold now (live objects: do not change them)."""
        with self.lock:
            if self.before_dump is not None:
                self.before_dump(self.meta)
            # sorted, so that equal states dump to equal bytes whatever order meta keys were set in
            return {"1": {"tx": self._tx, "meta": dict(sorted(self.meta.items()))}}

    def load(self, state: dict[str, Any]) -> None:
        """Replace everything; watchers are not told (callers rebuild their indexes)."""
        with self.lock:
            state = dict(state)
            meta = state.pop(META, {}).get("1", {})
            # everything that can fail comes first, so a bad state leaves the current one whole
            data = {name: dict(docs) for name, docs in state.items()}
            tx = int(meta.get("tx", 0))
            extra = meta.get("meta", {})
            if not isinstance(extra, dict):
                raise ValueError("_meta.1.meta must be an object")
            self._data, self._tx, self.meta = data, tx, extra
            self.rebuild_indexes()

    # -- the data file -------------------------------------------------------------------------
    def open_file(self) -> bool:
        """Load FILE and replay its journal; returns False when there was nothing to load.

        The caller compacts once its own state (clock, randomness) is restored: compacting here
        would overwrite the saved clock with a fresh one before anyone had read it.
        """
        assert self.path is not None
        self._opened = True
        found = False
        if self.path.exists() and self.path.stat().st_size:
            storage = JSONStorage(str(self.path), access_mode="r")
            try:
                self.load(storage.read() or {})
            finally:
                storage.close()
            found = True
        found = self._replay() or found
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
                    docs = self._docs(collection)
                    if doc is None:
                        docs.pop(key, None)
                    else:
                        docs[key] = doc
                for collection, key, changed, removed in entry.get("u", ()):
                    doc = self._docs(collection).setdefault(key, {})
                    doc.update(changed)
                    for name in removed:
                        doc.pop(name, None)
                self._tx = entry["tx"]
                self.meta.update(entry.get("m") or {})
                replayed = True
        if replayed:
            self.rebuild_indexes()
        return replayed

    def compact(self) -> None:
        """Write the whole state atomically to FILE, then start an empty journal.

        The old journal is kept open until the new file is in place: when the disk refuses the
        new file, nothing is lost and writes go on being journaled.
        """
        assert self.path is not None
        with self.lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(self.path.name + ".tmp")
            # A leftover of an interrupted compaction goes first, so the new file starts empty.
            # TinyDB warns (an error under pytest) about mode "w"; its own "r+" creates the file.
            tmp.unlink(missing_ok=True)
            try:
                storage = JSONStorage(str(tmp), create_dirs=True, access_mode="r+")
                try:
                    storage.write(self.dump())  # TinyDB flushes and fsyncs
                finally:
                    storage.close()
                os.replace(tmp, self.path)
            except OSError:
                tmp.unlink(missing_ok=True)
                raise
            self._fsync_dir()
            if self._journal is not None:
                self._journal.close()
            # truncating (not a new file): the emptied journal takes no space the full disk lacks
            self._journal = self._journal_path().open("ab")
            self._journal.truncate(0)
            self._journal_size = 0
            self._file_size = self.path.stat().st_size
            self.compactions += 1

    def _fsync_dir(self) -> None:
        assert self.path is not None
        fd = os.open(str(self.path.parent), os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def abandon(self) -> None:
        """Let go of the journal as a killed process would: no compaction, the files as they are."""
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        self._opened = False

    def close(self) -> None:
        # Whenever the file was read, not only once a journal is open: writes made between
        # open_file and the first compaction are held in memory alone.
        if self.path is not None and self._opened:
            try:
                self.compact()
            except OSError as exc:
                log.warning("could not compact %s on close (%s); its journal keeps every write for the next start", self.path, exc)
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        self._opened = False


class _Transaction:
    """``Store.transaction`` as a plain context manager: every API call opens one, and a
    generator-based manager cost a light call a few microseconds of its own."""

    __slots__ = ("_store", "_nested")

    def __init__(self, store: Store) -> None:
        self._store = store
        self._nested = False

    def __enter__(self) -> None:
        store = self._store
        store.lock.acquire()
        if store._depth:
            store._depth += 1
            self._nested = True
        else:
            store._begin()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        store = self._store
        try:
            if self._nested:
                store._depth -= 1
            else:
                store._finish(kind is not None)
        finally:
            store.lock.release()
