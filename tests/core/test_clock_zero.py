"""Advancing by zero (and setting the clock to now) is a valid no-op that runs what is due, on the
real-time clock of ``serve`` too."""
from __future__ import annotations

from typing import Iterator

import pytest

from emulator import cli
from emulator.app import create_app
from emulator.asgi import in_process_client
from emulator.clock import REALTIME
from emulator.server import LiveServer
from emulator.world import Emulator


@pytest.fixture
def realtime() -> Iterator[Emulator]:
    emulator = Emulator(clock_mode=REALTIME)
    yield emulator
    emulator.close()


def test_clock_advance_zero_on_realtime_clock_is_a_no_op(realtime):
    with in_process_client(create_app(realtime)) as http:
        for _ in range(20):  # the real-time clock moves between any two readings, every time
            answer = http.post("/_emulator/clock/advance", json={"seconds": 0})
            assert answer.status_code == 200, answer.text
            assert answer.json()["jobs_run"] == 0


def test_clock_advance_zero_runs_what_is_due(shopee, shopee_http):
    ran: list[int] = []
    shopee.scheduler.handle("test.tick", lambda payload: ran.append(payload["n"]))
    with shopee.transaction():
        shopee.scheduler.at(shopee.clock.now_float(), "test.tick", {"n": 1})
    answer = shopee_http.post("/_emulator/clock/advance", json={"seconds": 0}).json()
    assert (answer["jobs_run"], ran, answer["now"]) == (1, [1], shopee.clock.now())


def test_clock_set_to_now_on_realtime_clock_is_a_no_op(realtime):
    with in_process_client(create_app(realtime)) as http:
        now = http.get("/_emulator/clock").json()["now"]  # whole seconds: the clock is past it by now
        answer = http.post("/_emulator/clock/set", json={"timestamp": now})
        assert answer.status_code == 200, answer.text


def test_clock_set_before_the_current_second_still_refused(realtime):
    with in_process_client(create_app(realtime)) as http:
        now = http.get("/_emulator/clock").json()["now"]
        answer = http.post("/_emulator/clock/set", json={"timestamp": now - 1})
        assert (answer.status_code, answer.json()["message"]) == (400, "timestamp is in the past: time only moves forward")


def test_cli_clock_advance_zero_exits_0(realtime, capsys):
    with LiveServer(realtime) as server:
        assert cli.main(["clock", "--advance", "0", "--url", server.url]) == 0
    assert '"jobs_run": 0' in capsys.readouterr().out


def test_live_loaded_scenario_with_advance_zero_runs(realtime):
    scenario = {"name": "zero", "steps": [{"advance": 0}, {"call": {"api": "v2.shop.get_shop_info", "shop": "mart"}}]}
    with in_process_client(create_app(realtime)) as http:
        answer = http.post("/_emulator/scenario", json={"scenario": scenario, "run_steps": True})
    assert (answer.status_code, answer.json()["steps_run"]) == (200, 2), answer.text
