"""The scheduler and the store under the shortcuts the benchmarks asked for."""
from __future__ import annotations

import pytest

from emulator.domains.auth.authorizations import NOTICE_JOB
from emulator.store import Store
from emulator.world import JOBS, Emulator
from emulator.worlds import load_world
from tests.conftest import no_order_history

# Counting jobs exactly needs a world whose seeded orders have none pending; the one job such a
# world has, its shops' authorization expiry notice, is left out of the counts.
pytestmark = no_order_history
QUIET_WORLD = {**load_world("id"), "orders": {"history": False}, "discounts": []}


def pending(emulator: Emulator) -> int:
    return emulator.scheduler.pending() - emulator.scheduler.pending(NOTICE_JOB)


def stored_jobs(emulator: Emulator) -> list[str]:
    return [key for key, job in emulator.store.collection(JOBS).items() if job["kind"] != NOTICE_JOB]


def test_jobs_run_in_due_then_creation_order_and_cancelled_ones_do_not(shopee: Emulator):
    ran: list[int] = []
    shopee.scheduler.handle("t.record", lambda p: ran.append(p["n"]))
    now = shopee.clock.now()
    with shopee.transaction():
        jobs = [shopee.scheduler.at(now + due, "t.record", {"n": n}) for n, due in enumerate([30, 10, 10, 20, 40])]
        shopee.scheduler.cancel(jobs[3])
    assert pending(shopee) == 4
    assert shopee.advance(35) == 3
    assert ran == [1, 2, 0]
    assert shopee.clock.now() == now + 35
    assert pending(shopee) == 1
    with shopee.transaction():
        shopee.scheduler.cancel(jobs[0])  # already ran: nothing changes
    assert pending(shopee) == 1
    assert stored_jobs(shopee) == [str(jobs[4].seq)]


def test_a_job_sees_the_clock_at_its_due_time(shopee: Emulator):
    seen: list[int] = []
    shopee.scheduler.handle("t.now", lambda p: seen.append(shopee.clock.now()))
    start = shopee.clock.now()
    with shopee.transaction():
        shopee.scheduler.after(100, "t.now")
    shopee.advance(3600)
    assert seen == [start + 100]


def test_pending_jobs_survive_a_restart_with_a_data_file(tmp_path):
    path = tmp_path / "state.json"
    first = Emulator(QUIET_WORLD, data=str(path), jobs={kind: lambda p: None for kind in ("t.later", "t.sooner")})
    now = first.clock.now()
    with first.transaction():
        first.scheduler.at(now + 50, "t.later", {"x": 1})
        first.scheduler.at(now + 10, "t.sooner", {"x": 2})
    first.close()
    ran: list[str] = []
    again = Emulator(QUIET_WORLD, data=str(path), jobs={
        "t.later": lambda p: ran.append("later"), "t.sooner": lambda p: ran.append("sooner"),
    })
    assert pending(again) == 2
    again.set_time(now + 100)
    assert ran == ["sooner", "later"]
    again.close()


def test_rollback_restores_replaced_deleted_and_edited_documents():
    store = Store()
    with store.transaction():
        store.put("c", "a", {"v": 1})
        store.put("c", "b", {"v": 2})
        store.put("c", "same", {"v": 3})
    same = store.get("c", "same")
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.put("c", "a", {"v": 10})
            store.delete("c", "b")
            store.edit("c", "same")["v"] = 30  # type: ignore[index]
            store.put("c", "same", same)
            same["v"] = 31  # type: ignore[index]
            raise RuntimeError("boom")
    assert store.get("c", "a") == {"v": 1}
    assert store.get("c", "b") == {"v": 2}
    assert store.get("c", "same") == {"v": 3}


def test_put_back_of_a_live_document_is_copied_for_undo():
    store = Store()
    with store.transaction():
        store.put("c", "k", {"v": 1})
    live = store.get("c", "k")
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.put("c", "k", live)  # type: ignore[arg-type]
            live["v"] = 2  # type: ignore[index]
            raise RuntimeError("boom")
    assert store.get("c", "k") == {"v": 1}


def test_watchers_hear_about_edits_at_commit():
    store = Store()
    heard: list[tuple[str, object, object]] = []
    store.watch("c", lambda key, old, new: heard.append((key, old and dict(old), new and dict(new))))
    with store.transaction():
        store.put("c", "k", {"v": 1})
    heard.clear()
    with store.transaction():
        store.edit("c", "k")["v"] = 2  # type: ignore[index]
    assert heard == [("k", {"v": 1}, {"v": 2})]


def test_a_job_scheduled_by_a_failed_transaction_never_runs(shopee: Emulator):
    ran: list[int] = []
    shopee.scheduler.handle("t.record", lambda p: ran.append(p["n"]))
    now = shopee.clock.now()
    with pytest.raises(RuntimeError):
        with shopee.transaction():
            shopee.scheduler.at(now + 10, "t.record", {"n": 1})
            raise RuntimeError("the request failed")
    assert pending(shopee) == 0
    assert stored_jobs(shopee) == []
    shopee.advance(60)
    assert ran == []


def test_a_cancel_in_a_failed_transaction_is_undone(shopee: Emulator):
    ran: list[int] = []
    shopee.scheduler.handle("t.record", lambda p: ran.append(p["n"]))
    now = shopee.clock.now()
    with shopee.transaction():
        job = shopee.scheduler.at(now + 10, "t.record", {"n": 1})
    with pytest.raises(RuntimeError):
        with shopee.transaction():
            shopee.scheduler.cancel(job)
            raise RuntimeError("the request failed")
    assert pending(shopee) == 1
    shopee.advance(60)
    assert ran == [1]


def test_a_failing_job_is_dropped_and_the_others_still_run(shopee: Emulator, caplog):
    ran: list[int] = []

    def record(payload: dict) -> None:
        with shopee.transaction():
            shopee.store.put("t_side_effects", payload["n"], {"n": payload["n"]})
        if payload["n"] == 2:
            raise ValueError("job bug")
        ran.append(payload["n"])

    shopee.scheduler.handle("t.record", record)
    now = shopee.clock.now()
    with shopee.transaction():
        for n in (1, 2, 3):
            shopee.scheduler.at(now + n * 10, "t.record", {"n": n})
    assert shopee.advance(60) == 2
    assert 1 in ran and 3 in ran and 2 not in ran
    assert sorted(int(k) for k in shopee.store.collection("t_side_effects")) == [1, 3]  # job 2's writes undone
    assert pending(shopee) == 0 and stored_jobs(shopee) == []
    assert "job bug" in caplog.text
    assert shopee.clock.now() == now + 60


def test_a_failing_job_in_a_pass_is_dropped_and_the_pass_runs_again_without_it(shopee: Emulator, caplog):
    ran: list[int] = []

    def record(payloads) -> None:
        for payload in payloads:
            shopee.store.put("t_side_effects", payload["n"], {"n": payload["n"]})
            if payload["n"] == 2:
                raise ValueError("job bug")
            ran.append(payload["n"])

    shopee.scheduler.handle("t.record", lambda payload: record([payload]))
    shopee.scheduler.handle_pass("t.record", record)
    now = shopee.clock.now()
    with shopee.transaction():
        for n in (1, 2, 3):
            shopee.scheduler.at(now + n * 10, "t.record", {"n": n})
    assert len(stored_jobs(shopee)) == 3
    assert shopee.advance(60) == 2
    assert ran == [1, 1, 3]  # the first try was undone at job 2; the second ran without it
    assert sorted(int(k) for k in shopee.store.collection("t_side_effects")) == [1, 3]
    # the pass's finished jobs leave the store with it, and the dropped one too
    assert pending(shopee) == 0 and stored_jobs(shopee) == []
    assert "job bug" in caplog.text


def test_a_failing_job_does_not_fail_the_next_request(shopee: Emulator, shopee_client, outlet_id):
    def broken(payload: dict) -> None:
        raise ValueError("job bug")

    shopee.scheduler.handle("t.broken", broken)
    with shopee.transaction():
        shopee.scheduler.at(shopee.clock.now(), "t.broken")
    answer = shopee_client.call("v2.shop.get_shop_info", shop_id=outlet_id)
    assert answer["error"] == ""
    assert pending(shopee) == 0


def test_advancing_inside_a_failed_transaction_undoes_the_jobs_it_ran(shopee: Emulator):
    ran: list[int] = []
    shopee.scheduler.handle("t.record", lambda p: ran.append(p["n"]))
    now = shopee.clock.now()
    with shopee.transaction():
        shopee.scheduler.at(now + 10, "t.record", {"n": 1})
    with pytest.raises(RuntimeError):
        with shopee.transaction():
            shopee.advance(60)
            assert ran == [1]
            raise RuntimeError("the scenario step failed")
    assert pending(shopee) == 1
    assert len(stored_jobs(shopee)) == 1
    assert shopee.clock.now() == now
    shopee.advance(60)
    assert ran == [1, 1]
    assert pending(shopee) == 0
