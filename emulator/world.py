"""``Emulator``: one whole fake Shopee world, and the only owner of state.

It holds the store, the clock and scheduler, the event bus, the fault rules, seeded randomness and
the domain models. The HTTP app, the CLI, the pytest plugin and scenarios all drive an Emulator;
two Emulators in one process share nothing but immutable catalogues.
"""
from __future__ import annotations

import json
import logging
import marshal
import random
import secrets
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any, Callable, Mapping

from emulator.clock import MANUAL, REALTIME, Clock, JobHandler, Scheduler, gc_paused, wall_time
from emulator.domains import published_events, scheduled_jobs
from emulator.domains.auth.models import AuthModel
from emulator.domains.discount.models import DiscountModel
from emulator.domains.logistics.models import LogisticsModel
from emulator.domains.order.models import OrderModel
from emulator.domains.payment.models import PaymentModel
from emulator.domains.product.models import ProductModel
from emulator.domains.push.models import PushModel
from emulator.domains.returns.models import ReturnModel
from emulator.domains.shop.models import ShopModel
from emulator.events import Event, EventBus
from emulator.faults import Faults
from emulator.limits import Limits
from emulator.ids import Ids
from emulator.memo import FrozenMemo
from emulator.numbers import TIMESTAMP
from emulator import snapshots
from emulator.registry import Registry
from emulator.store import META, Store
from emulator import world_cache
from emulator.errors import ShopeeError
from emulator.worlds import WorldError, data_dir, load_world, world_key

log = logging.getLogger(__name__)

SIGN_WINDOW_SECONDS = 300
JOBS = "jobs"
# How partner keys and tokens are drawn: from the seed (reproducible, the same on every install)
# or from the operating system's randomness (what a server others can reach must use).
SEEDED_KEYS, RANDOM_KEYS = "seeded", "random"
SECRET_STREAMS = frozenset({"partner_key", "tokens"})


class Emulator:
    """One isolated Instant Mart world; see the module docstring."""

    # The domain models, one per package of emulator.domains, built by _build_domains.
    auth: AuthModel
    shops: ShopModel
    products: ProductModel
    logistics: LogisticsModel
    orders: OrderModel
    returns: ReturnModel
    payments: PaymentModel
    discounts: DiscountModel
    pushes: PushModel

    def __init__(
        self,
        world: str | dict[str, Any] | None = None,
        *,
        seed: int | None = None,
        clock_mode: str = MANUAL,
        start: int | None = None,
        data: str | None = None,
        fsync: bool = False,
        keys: str = SEEDED_KEYS,
        jobs: Mapping[str, JobHandler] | None = None,
    ) -> None:
        """``jobs`` handles job kinds of the caller's own (a test's, a program embedding the
        emulator) beside the domains': they are installed before a data file is read back, so
        such jobs survive a restart, where a kind nothing handles refuses the file."""
        if keys not in (SEEDED_KEYS, RANDOM_KEYS):
            raise ValueError(f"keys must be {SEEDED_KEYS!r} or {RANDOM_KEYS!r}")
        self.world = load_world(world)
        self.seed = int(seed if seed is not None else self.world.get("seed", 1))
        if start is None and clock_mode == MANUAL:
            start = int(self.world.get("start_time", 0)) or None
        self.store = Store(data, fsync=fsync)
        self.store.before_dump = self._before_dump
        self._rng_salt = ""
        # a fresh salt per start, never on file: secrets drawn after a restart must not be
        # computable from the seed and the start count either
        self._secret_salt = f":{secrets.token_hex(16)}" if keys == RANDOM_KEYS else ""
        self.clock = Clock(start, clock_mode)
        self.scheduler = Scheduler(self.clock)
        self.scheduler.on_change = self._job_changed
        self.scheduler.on_done_many = lambda keys: self.store.delete_many(JOBS, keys)
        self.bus = EventBus()
        self.faults = Faults()
        self.limits = Limits()
        self.ids = Ids(self)
        self.calls: list[dict[str, Any]] = []
        # called after advance/set_time, with the lock released: outbound I/O (pushes) goes here,
        # never inside a transaction, so a receiver may call the emulator back while answering
        self.after_advance: list[Callable[[], None]] = []
        self._rngs: dict[str, random.Random] = {}
        self._served_ids: random.Random | None = None
        self._registry: Registry | None = None
        self._domains = self._build_domains()
        for kind, handler in (jobs or {}).items():
            self.scheduler.handle(kind, handler)
        self.bus.seal(published_events())
        self.scheduler.seal(scheduled_jobs() | set(jobs or ()))
        loaded = self.store.open_file() if self.store.path else False
        if loaded:
            # data written by an older version may hold what no answer can render: refuse it now
            # with one message, rather than fail every later read of it
            snapshots.check_renderable(self.store._data, f"the data file {self.store.path}")
        initial = None
        if loaded:
            self._resume_from_file()
        else:
            try:
                initial = self._build_world()
            except ShopeeError as exc:
                # an item or a discount of the world's own that the platform's rules refuse; nothing
                # is on file yet (the data file is written only once the world is whole)
                raise WorldError(f"world {self.world['name']}: {exc.message}") from None
        if keys == RANDOM_KEYS and self.store.meta.get("keys") != RANDOM_KEYS:
            self._use_random_keys()
            initial = None
        if self.store.path:
            # Only now is the whole state in memory (a world copied from the cache never passed
            # through the journal), so this is when the file can hold it and a journal begin.
            self.store.compact()
        self._initial = initial if initial is not None else json.dumps(self.store.dump())

    @property
    def registry(self) -> Registry:
        """Every operation by name and path, found when first asked for: importing every handler
        module is a large share of a fresh process's start, and a world is built without them."""
        return self._registry if self._registry is not None else Registry.scan()

    @registry.setter
    def registry(self, registry: Registry) -> None:
        self._registry = registry  # an emulator serving a registry of its own (tests of old clients)

    def _build_domains(self) -> tuple[object, ...]:
        """Every domain model, in the order they seed the world and rebuild their indexes: a
        domain seeds on top of what the earlier ones seeded (orders need products and shops)."""
        self.auth = AuthModel(self)
        self.shops = ShopModel(self)
        self.products = ProductModel(self)
        self.logistics = LogisticsModel(self)
        self.orders = OrderModel(self)
        self.returns = ReturnModel(self)
        self.payments = PaymentModel(self)
        self.discounts = DiscountModel(self)
        self.products.promotions = self.discounts  # promotion prices while a discount runs
        self.pushes = PushModel(self)
        return (
            self.auth, self.shops, self.products, self.logistics, self.orders, self.returns, self.payments,
            self.discounts, self.pushes,
        )

    # -- randomness ----------------------------------------------------------------------------
    def rng(self, stream: str) -> random.Random:
        """A seeded random stream per purpose, so one purpose's draws never shift another's."""
        rng = self._rngs.get(stream)
        if rng is None:
            salt = self._rng_salt + (self._secret_salt if stream in SECRET_STREAMS else "")
            rng = self._rngs[stream] = random.Random(f"{self.seed}:{stream}{salt}")
        return rng

    def hex_token(self, stream: str = "tokens") -> str:
        """32 lowercase hex characters, like the platform's tokens and codes."""
        return f"{self.rng(stream).getrandbits(128):032x}"

    @property
    def keys(self) -> str:
        """``random`` once this world's partner keys and tokens left the seed's, else ``seeded``."""
        return RANDOM_KEYS if self.store.meta.get("keys") == RANDOM_KEYS else SEEDED_KEYS

    def _use_random_keys(self) -> None:
        # A world built from the seed (or a data file written with seeded keys) holds keys anyone
        # with the same seed can compute; they are replaced once and the choice kept on file.
        with self.transaction():
            self.auth.rotate_secrets()
            self.store.meta["keys"] = RANDOM_KEYS

    def new_request_id(self) -> str:
        if self.clock.mode == REALTIME:
            # a served world answers for days: ids must not repeat from one run to the next, while
            # a manual-clock world (tests) keeps them reproducible for its seed. They are no
            # secret, so a stream seeded once from the system's randomness will do: a tenth of
            # the cost of asking the system for each one.
            if self._served_ids is None:
                self._served_ids = random.Random(secrets.randbits(128))
            return f"{self._served_ids.getrandbits(128):032x}"
        return self.hex_token("request_id")

    # -- the world -----------------------------------------------------------------------------
    def _build_world(self) -> str | None:
        """Build (or copy) the world; returns the JSON text of ``store.dump()`` when it is known."""
        # The clock's actual start, not the ``start`` argument: a world without a start_time starts
        # at the wall clock, and a copy built at another moment would carry stale timestamps.
        key = (world_key(self.world), self.seed, self.clock.now(), self._secret_salt)
        # only what another process could build the same: a manual clock and seeded keys
        keep = self.clock.mode == MANUAL and not self._secret_salt
        cached = _built_worlds(key, keep)
        if cached is not None:
            text, packed = cached
            state = marshal.loads(packed)
            saved = state[META]["1"]
            # a shallow copy: restoring pops the clock from this very dict
            cached_meta = {"1": {"tx": saved["tx"], "meta": dict(saved["meta"])}}
            self._restore(state, keep_clock=True)
            # Serialising the whole state again was most of a fresh world's cost. Nothing but the
            # meta (clock, random streams) can differ from the copied text, since rebuilding
            # indexes cannot write; a real-time clock's offset does differ, and then we dump.
            return text if self.store.dump_meta() == cached_meta else None
        with self.transaction():
            for domain in self._domains:
                seed = getattr(domain, "seed_world", None)
                if seed:
                    seed(self.world)
        text = json.dumps(self.store.dump())
        _remember_world(key, text, marshal.dumps(json.loads(text)), keep)
        return text

    def _after_load(self, origin: str) -> None:
        """Take up a state just loaded; ``origin`` names where it came from in a refusal."""
        clock_state = self.store.meta.get("clock")
        if clock_state and self.clock.mode == MANUAL:
            self.clock.restore(clock_state)
        elif clock_state:
            # a restarted server keeps its virtual offset but follows the wall clock again
            self.clock.move_to(Clock.saved_now(clock_state))
        self.scheduler.load(list(self.store.collection(JOBS).values()), origin)
        for domain in self._domains:
            rebuild = getattr(domain, "rebuild", None)
            if rebuild:
                rebuild()

    def _resume_from_file(self) -> None:
        # Draws made after the last compaction are not on file, so the saved stream states could
        # hand out tokens and request ids again. Each start from the file instead seeds every
        # stream afresh with a salt no earlier start used: the start count, saved at compaction.
        boots = int(self.store.meta.get("boots", 0)) + 1
        self.store.meta["boots"] = boots
        self._rng_salt = f":boot{boots}:{self.store.transactions}"
        self._rngs.clear()
        self._after_load(f"the data file {self.store.path}")

    def _restore(self, state: dict[str, Any], keep_clock: bool = False) -> None:
        with self.store.lock:
            self.store.load(state)
            if keep_clock:
                self.store.meta.pop("clock", None)
            self._rngs.clear()
            for stream, rng_state in self.store.meta.get("rng", {}).items():
                self.rng(stream).setstate(_rng_state(rng_state))
            self._after_load("the snapshot")

    def _job_changed(self, key: str, job: Any) -> None:
        if job is None:
            self.store.delete(JOBS, key)
        else:
            self.store.put(JOBS, key, self.scheduler.dump(job))

    # -- transactions and time -----------------------------------------------------------------
    def transaction(self) -> "_Transaction":
        """All state changes of one request or control action, applied whole or not at all.

        Work that fell due runs first, in a transaction of its own, so that a failing job can
        neither fail the request that happened to come next nor be lost with its rollback.
        """
        return _Transaction(self)

    def run_jobs(self, until: float | None = None) -> int:
        """Run every job due by ``until`` (default: now) in one transaction.

        A job whose handler raises is logged and dropped; the transaction is undone and the other
        jobs run again without it, so one broken job cannot stop the clock for the whole world.
        """
        with self.store.lock:
            if self.store._depth:
                # inside a caller's transaction: its log and its rollback cover these jobs too
                return self.scheduler.run_due(until)
            if not self.scheduler.due(until):
                return 0
        while True:
            with self.store.lock, gc_paused():  # the commit too: it notifies every index of every job's writes
                failed = None
                self.scheduler.begin()
                try:
                    with self.store.transaction():
                        try:
                            ran = self.scheduler.run_due(until)
                        except Exception:
                            failed = self.scheduler.running
                            raise
                        self.store.meta["clock"] = self.clock.state()
                except Exception:
                    self.scheduler.rollback()
                    if failed is None:
                        raise
                    log.exception("scheduled job %s (%s) failed and is dropped", failed.seq, failed.kind)
                    with self.store.transaction():
                        self.scheduler.cancel(failed)
                    continue
                self.scheduler.commit()
                return ran

    def _before_dump(self, meta: dict[str, Any]) -> None:
        meta["clock"] = self.clock.state()
        meta["rng"] = {k: _rng_dump(r.getstate()) for k, r in sorted(self._rngs.items())}

    def advance(self, seconds: float) -> int:
        """Move time forward, running every job that falls due on the way, in order.

        ``advance(0)`` moves nothing but runs what is due (and then the after-advance hooks)."""
        if not seconds >= 0:
            raise ValueError("time only moves forward")
        return self._move(lambda now: now + seconds)

    def set_time(self, timestamp: float) -> int:
        """Move time forward to ``timestamp``; a moment within the current second counts as now,
        since a real-time clock has moved on by the time a caller's reading of it comes back."""
        if not timestamp >= int(self.clock.now_float()):
            raise ValueError("time only moves forward")
        return self._move(lambda now: max(now, timestamp))

    def _move(self, target_of: Callable[[float], float]) -> int:
        with self.store.lock:
            # the target is taken under the lock: a real-time clock moves between any two readings
            timestamp = target_of(self.clock.now_float())
            if timestamp > TIMESTAMP[1]:  # past it no timestamp converts to a date, so nothing could answer
                raise ValueError(f"the clock cannot go past {TIMESTAMP[1]} (the end of year 9999)")
            ran = self.run_jobs(timestamp)
            with self.transaction():
                self.clock.move_to(timestamp)
        # outside the lock: hooks such as push delivery make HTTP calls whose receivers may call back
        self._advanced()
        return ran

    def _advanced(self) -> None:
        for hook in self.after_advance:
            hook()

    def timestamp_acceptable(self, timestamp: int) -> bool:
        """Signed timestamps may be within the window of either clock.

        Real clients sign with their wall clock, while in-process clients sign with the
        emulator's virtual time; accepting both lets a test jump days ahead and keep calling.
        """
        # whole seconds on both sides: a float conversion of an absurd timestamp would overflow
        return (
            abs(timestamp - int(wall_time())) <= SIGN_WINDOW_SECONDS
            or abs(timestamp - self.clock.now()) <= SIGN_WINDOW_SECONDS
        )

    def timestamp_expired(self, timestamp: int) -> bool:
        """Older than the window of both clocks (rather than ahead of one)."""
        return timestamp < min(int(wall_time()), self.clock.now()) - SIGN_WINDOW_SECONDS

    def publish(self, name: str, shop_id: int, **data: Any) -> Event:
        return self.bus.emit(name, int(shop_id), self.clock.now(), data)

    # -- whole-state operations ----------------------------------------------------------------
    def reset(self) -> None:
        """Back to the world as it was loaded."""
        self._replace(json.loads(self._initial))
        self.faults.clear()
        self.limits.clear()
        self.calls.clear()

    def replace_world(self, world: str | dict[str, Any] | None, seed: int | None = None) -> None:
        """Swap in another world (a scenario's) in place, so a running server keeps serving.

        It keeps this emulator's clock mode and data file; ``reset`` then returns to the new world.
        """
        fresh = Emulator(world, seed=seed, clock_mode=self.clock.mode, keys=self.keys)
        try:
            state = fresh.snapshot()
        finally:
            fresh.close()
        self.world, self.seed = fresh.world, fresh.seed
        self._restore(state)
        self.faults.clear()
        self.limits.clear()
        self.calls.clear()
        self._initial = json.dumps(self.store.dump())
        if self.store.path is not None:
            self.store.compact()

    def snapshot(self) -> dict[str, Any]:
        return self.store.dump()

    def import_snapshot(self, state: dict[str, Any], copy: bool = True) -> None:
        """Replace the world with a copy of ``state``, checked and with its id counters reconciled
        (``emulator.snapshots``); a state that fails leaves the current world as it was.
        ``copy=False`` takes ``state`` itself, for a caller that never uses it again."""
        state = snapshots.prepare(state, copy)
        previous = self.store.dump()
        snapshots.check_kinds(state, snapshots.field_kinds(previous))
        try:
            self._restore(state)
        except Exception:
            # a state that loads but cannot be rebuilt from must not replace the working one
            self._restore(previous)
            raise
        self._write_through()

    def _replace(self, state: dict[str, Any]) -> None:
        self._restore(state)
        self._write_through()

    def _write_through(self) -> None:
        # The journal records changes to the state on file; after a whole new state it would
        # replay later changes onto the old one, so the file must take the new state at once.
        if self.store.path is not None:
            self.store.compact()

    def record_call(self, ctx: Any, response: Any) -> None:
        op = ctx.op
        entry = {
            "request_id": ctx.request_id,
            "time": self.clock.now(),
            "api": op.name if op else None,
            "path": ctx.path,
            "shop_id": ctx.shop_id,
            "status": response.status_code,
        }
        expected = ctx.extra.get("expected_base_string")
        if expected is not None:
            entry["expected_base_string"] = expected
        calls = self.calls
        calls.append(entry)
        if len(calls) > 1000:
            del calls[:500]

    def close(self) -> None:
        for domain in self._domains:
            shutdown = getattr(domain, "shutdown", None)
            if shutdown:
                shutdown()  # threads and connections a domain holds (push delivery)
        self.store.close()


class _Transaction:
    """``Emulator.transaction`` as a plain context manager: every API call opens one, and two
    nested generator-based managers were a tenth of a light call's own work.

    Entering takes the store's lock; the outermost one runs what fell due, opens the scheduler's
    log and the store's transaction (the store's own steps, without a second manager around
    them). Leaving without an exception saves the clock with the writes and commits both, the
    scheduler only once the store has (a journal write that fails undoes both); leaving with
    one, or a commit that fails, rolls both back."""

    __slots__ = ("_emulator", "_store", "_inner")

    def __init__(self, emulator: Emulator) -> None:
        self._emulator = emulator
        self._store = emulator.store
        self._inner: AbstractContextManager[None] | None = None  # a nested one joins the store's

    def __enter__(self) -> None:
        emulator, store = self._emulator, self._store
        store.lock.acquire()
        try:
            if store._depth:
                inner = store.transaction()
                inner.__enter__()
                self._inner = inner
                return
            scheduler = emulator.scheduler
            if scheduler.due():
                emulator.run_jobs()
            scheduler.begin()
            try:
                store._begin()
            except BaseException:
                scheduler.rollback()
                raise
        except BaseException:
            store.lock.release()
            raise

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        emulator, store, inner = self._emulator, self._store, self._inner
        try:
            if inner is not None:
                inner.__exit__(kind, error, trace)
                return
            try:
                if kind is None:
                    try:
                        store.meta["clock"] = emulator.clock.state()
                    except BaseException:
                        store._finish(True)
                        raise
                    store._finish(False)  # the commit, which may fail
                else:
                    store._finish(True)  # the rollback; the error goes on
            except BaseException:
                emulator.scheduler.rollback()
                raise
            if kind is None:
                emulator.scheduler.commit()
            else:
                emulator.scheduler.rollback()
        finally:
            store.lock.release()


def _rng_dump(state: tuple[Any, ...]) -> list[Any]:
    return [state[0], list(state[1]), state[2]]


def _rng_state(dumped: list[Any]) -> tuple[Any, ...]:
    return (dumped[0], tuple(dumped[1]), dumped[2])


# A built world is a pure function of (world definition, seed, start time). Building one runs
# faker and the domain seeders, far slower than copying the result, so each process keeps the
# serialised result of the worlds it has built: the JSON text of its dump, and the same state in
# marshal's format, which loads about twice as fast as JSON. Entries are immutable (str, bytes)
# pairs (a FrozenMemo takes nothing else), so emulators share no state through them.
_BUILT: FrozenMemo[tuple[Any, ...], tuple[str, bytes]] = FrozenMemo(16)


def _built_worlds(key: tuple[Any, ...], on_disk: bool = False) -> tuple[str, bytes] | None:
    found = _BUILT.get(key)
    if found is None and on_disk:
        found = world_cache.load(key, data_dir())
        if found is not None:
            _remember_world(key, *found)
    return found


def _remember_world(key: tuple[Any, ...], text: str, packed: bytes, on_disk: bool = False) -> None:
    if key in _BUILT:
        return
    _BUILT.add(key, (text, packed))
    if on_disk:
        world_cache.save(key, data_dir(), text, packed)
