"""Virtual time: the clock, the scheduler's jobs, and both kept with the world."""
from __future__ import annotations

import pytest

from emulator import clock as clock_module
from emulator.clock import Clock
from emulator.world import Emulator
from emulator.worlds import load_world

START = 1767578400


@pytest.fixture
def ran(shopee):
    """Records the jobs of kind ``note`` as they run, with the clock at that moment."""
    seen: list[tuple[str, int]] = []
    shopee.scheduler.handle("note", lambda payload: seen.append((payload["name"], shopee.clock.now())))
    return seen


def schedule(emulator: Emulator, after: int, name: str) -> None:
    with emulator.transaction():
        emulator.scheduler.after(after, "note", {"name": name})


def test_advance_manual_clock_stands_still_between_moves(shopee):
    assert shopee.clock.now() == START
    shopee.advance(0)
    assert shopee.clock.now() == START


def test_advance_negative_refused(shopee):
    with pytest.raises(ValueError):
        shopee.advance(-1)


def test_set_time_past_refused(shopee):
    with pytest.raises(ValueError):
        shopee.set_time(START - 1)


def test_advance_runs_due_jobs_in_order_at_their_time(shopee, ran):
    schedule(shopee, 120, "second")
    schedule(shopee, 60, "first")
    schedule(shopee, 60, "first-again")
    assert shopee.advance(90) == 2
    assert ran == [("first", START + 60), ("first-again", START + 60)]
    assert shopee.clock.now() == START + 90
    shopee.advance(30)
    assert ran[-1] == ("second", START + 120)


def test_advance_job_not_yet_due_stays_pending(shopee, ran):
    schedule(shopee, 61, "later")
    shopee.advance(60)
    assert ran == [] and shopee.scheduler.pending("note") == 1


def test_reset_drops_jobs_scheduled_since_load(shopee, ran):
    schedule(shopee, 60, "gone")
    shopee.reset()
    shopee.advance(120)
    assert ran == []


def test_data_file_keeps_pending_jobs(tmp_path):
    path = str(tmp_path / "state.json")
    first = Emulator(data=path, jobs={"note": lambda payload: None})
    schedule(first, 60, "survives")
    seen: list[str] = []
    second = Emulator(data=path, jobs={"note": lambda payload: seen.append(payload["name"])})  # no close: as after a kill
    second.advance(60)
    assert seen == ["survives"]
    first.close()
    second.close()


def test_realtime_clock_follows_wall_clock_plus_advance(monkeypatch):
    now = [2_000_000_000.0]
    monkeypatch.setattr(clock_module, "wall_time", lambda: now[0])
    clock = Clock(None, "realtime")
    clock.move_to(clock.now_float() + 3600)
    now[0] += 10
    assert clock.now() == 2_000_000_000 + 3600 + 10


def test_world_without_start_time_built_at_its_own_start(monkeypatch):
    spec = {k: v for k, v in load_world("id").items() if k != "start_time"}
    for wall in (1_900_000_000.0, 1_900_100_000.0):
        monkeypatch.setattr(clock_module, "wall_time", lambda wall=wall: wall)
        emulator = Emulator(spec)
        mart = emulator.shops.marts()[0]
        assert mart["auth_time"] == int(wall) == emulator.clock.now()
        emulator.close()


def test_saved_clock_state_follows_every_move_and_restore():
    clock = Clock(START)
    first = clock.state()
    assert first == {"mode": "manual", "manual_now": float(START), "offset": 0.0}
    clock.move_to(START + 60)
    assert clock.state()["manual_now"] == START + 60
    assert first["manual_now"] == START  # a state handed out earlier keeps its moment
    clock.restore(first)
    assert clock.state() == first


def test_data_file_keeps_the_clock_of_the_last_transaction(tmp_path):
    path = str(tmp_path / "state.json")
    emulator = Emulator(data=path)
    emulator.advance(3600)
    with emulator.transaction():
        pass
    again = Emulator(data=path)  # no close: as after a kill, read from the journal
    assert again.clock.now() == emulator.clock.now() == START + 3600
    emulator.close()
    again.close()
