"""A clock jump that runs due jobs in passes leaves the same world as running them one by one.

Each example builds the same world twice from one script of orders and buyer/courier actions at
random moments, then jumps weeks ahead: once as a user would (one ``advance``, jobs of one kind in
passes), once job by job with passes switched off, each job in a transaction of its own. Every
store document, the sorted indexes, the event log and the clock must come out equal.
"""
from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emulator.world import Emulator

DAY = 86400
ACTIONS = ("pay", "ship", "pickup", "deliver", "buyer_cancel", "fail_delivery", "confirm_receipt")

step = st.one_of(
    st.tuples(st.just("order"), st.integers(0, 5), st.booleans(), st.booleans(), st.integers(1, 2)),
    st.tuples(st.just("act"), st.integers(0, 40), st.sampled_from(ACTIONS)),
    st.tuples(st.just("wait"), st.integers(0, 2 * DAY)),
)


def build(script: list[tuple[Any, ...]], data: str | None = None) -> Emulator:
    emulator = Emulator(data=data)
    emulator.bus.recent.clear()  # a world built here publishes its seeding, a copied one does not
    emulator.after_advance.clear()  # no deliveries: their latencies are the wall clock's
    emulator.pushes.use_transport(httpx.MockTransport(lambda request: httpx.Response(200)))
    partner_id = emulator.auth.default_partner()["partner_id"]
    with emulator.transaction():
        emulator.pushes.settings.configure(partner_id, {"callback_url": "http://receiver.test/push", "codes": "all"})
    outlet = next(s for s in emulator.store.collection("shops").values() if s["kind"] == "outlet")
    items = [d for d in emulator.store.collection("items").values() if d["shop_id"] == outlet["shop_id"] and d["kind"] == "outlet"]
    placed: list[str] = []
    for entry in script:
        if entry[0] == "order":
            _, which, cod, paid, quantity = entry
            item = items[which % len(items)]
            line = {"item_id": item["item_id"], "model_id": item["models"][0]["model_id"], "quantity": quantity}
            placed.append(emulator.orders.create(outlet["shop_id"], [line], cod=cod, paid=paid)["order_sn"])
        elif entry[0] == "act" and placed:
            # an action the order's status does not allow is refused alike in both worlds
            with contextlib.suppress(Exception):
                emulator.orders.act(placed[entry[1] % len(placed)], entry[2])
        elif entry[0] == "wait":
            emulator.advance(entry[1])
    return emulator


def one_by_one(emulator: Emulator, seconds: float) -> None:
    emulator.scheduler.batching = False
    target = emulator.clock.now_float() + seconds
    while (due := _next_due(emulator)) is not None and due <= target:
        emulator.run_jobs(due)
    emulator.advance(target - emulator.clock.now_float())


def _next_due(emulator: Emulator) -> float | None:
    pending = [due for due, _, job in emulator.scheduler._heap if not (job.cancelled or job.done)]
    return min(pending, default=None)


def world_of(emulator: Emulator) -> dict[str, Any]:
    state = emulator.snapshot()
    del state["_meta"]["1"]["tx"]  # how many transactions it took is not part of the world
    return state


def canonical(emulator: Emulator) -> str:
    state = world_of(emulator)
    indexes = {
        collection: sorted((repr(key), list(entries)) for key, entries in index._lists.items() if entries)
        for collection, index in emulator.store._indexes
    }
    events = [(e.name, e.shop_id, e.timestamp, e.data) for e in emulator.bus.recent]
    return json.dumps({"state": state, "indexes": indexes, "events": events}, sort_keys=True, default=str)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(script=st.lists(step, min_size=1, max_size=40), jump=st.integers(DAY, 40 * DAY))
def test_batched_jump_equals_one_job_at_a_time(script: list[tuple[Any, ...]], jump: int) -> None:
    batched, single = build(script), build(script)
    try:
        assert canonical(batched) == canonical(single)  # the same world before the jump
        batched.advance(jump)
        one_by_one(single, jump)
        assert canonical(batched) == canonical(single)
    finally:
        batched.close()
        single.close()


def test_a_jump_over_many_unpaid_orders_closes_them_in_one_pass() -> None:
    emulator = build([("order", i, False, False, 1) for i in range(30)])
    placed = [e.data["order_sn"] for e in emulator.bus.recent if e.name == "order.created"]
    run_pass = emulator.scheduler._passes["order.payment_window"]
    passes: list[list[str]] = []

    def counting(payloads: Iterable[dict[str, Any]]) -> None:
        taken: list[str] = []
        passes.append(taken)
        run_pass(taken.append(p["order_sn"]) or p for p in payloads)

    emulator.scheduler.handle_pass("order.payment_window", counting)
    try:
        emulator.advance(2 * DAY)
        assert passes[-1] == placed  # the seeded world's own unpaid orders close in an earlier pass
        assert {emulator.orders.get(sn)["order_status"] for sn in placed} == {"CANCELLED"}
    finally:
        emulator.close()


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(script=st.lists(step, min_size=1, max_size=30), jump=st.integers(DAY, 40 * DAY))
def test_a_batched_jump_journals_the_world_it_leaves(tmp_path_factory: Any, script: list[tuple[Any, ...]], jump: int) -> None:
    """With a data file, the journal lines of a jump in passes (finished jobs dropped in one go,
    stock written once per item) restart into the same world as those of one job at a time."""
    folder = tmp_path_factory.mktemp("jump")
    worlds: dict[str, dict[str, Any]] = {}
    for how in ("batched", "single"):
        path = str(folder / f"{how}.json")
        emulator = build(script, data=path)
        try:
            if how == "batched":
                emulator.advance(jump)
            else:
                one_by_one(emulator, jump)
            live = world_of(emulator)
        finally:
            emulator.store.abandon()  # a kill: the next start replays the journal
            emulator.close()
        restarted = Emulator(data=path)
        try:
            worlds[how] = world_of(restarted)
        finally:
            restarted.close()
        assert _documents(worlds[how]) == _documents(live)  # the journal holds every write of the jump
    assert worlds["batched"] == worlds["single"]


def _documents(state: dict[str, Any]) -> dict[str, Any]:
    return {name: docs for name, docs in state.items() if name != "_meta" and docs}
