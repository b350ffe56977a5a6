"""Jobs and events are named edges: a kind nothing handles, or an event nothing publishes, fails
when the emulator starts, with a message naming it, instead of silently never running."""
from __future__ import annotations

import pytest

from emulator.clock import UnknownJobKind
from emulator.domains.push import codes
from emulator.domains.shop.models import ShopModel
from emulator.events import UnknownEvent
from emulator.world import Emulator
from tests.conftest import no_order_history


def test_a_subscription_to_an_event_no_domain_publishes_fails_at_start_up(monkeypatch):
    misspelt = {**codes.EVENT_CODES, "order.tracking_number_assigned": codes.EVENT_CODES["order.tracking_number"]}
    monkeypatch.setattr(codes, "EVENT_CODES", misspelt)
    with pytest.raises(UnknownEvent, match="'order.tracking_number_assigned', which no domain publishes"):
        Emulator()


def test_a_job_of_a_kind_nothing_handles_fails_at_start_up(monkeypatch):
    seed = ShopModel.seed_world

    def seed_and_schedule(self, world):  # type: ignore[no-untyped-def]
        seed(self, world)
        self.emulator.scheduler.after(60, "shop.reminder_typo", {})

    monkeypatch.setattr(ShopModel, "seed_world", seed_and_schedule)
    with pytest.raises(UnknownJobKind, match="no handler for the job kind 'shop.reminder_typo'"):
        Emulator(seed=987654)  # a seed no other test builds, so the world is built, not copied


@no_order_history
def test_after_start_up_an_unknown_kind_is_refused_and_a_late_subscription_checked(shopee: Emulator):
    before = shopee.scheduler.pending()
    with pytest.raises(UnknownJobKind), shopee.transaction():
        shopee.scheduler.after(10, "order.no_such_job")
    assert shopee.scheduler.pending() == before
    with pytest.raises(UnknownEvent):
        shopee.bus.subscribe("order.no_such_event", lambda event: None)
    shopee.bus.subscribe("order.status_changed", lambda event: None)  # a published name is fine


# -- job kinds: named by their domain, checked when a state is read back ---------------------------
KIND_TAKING = {"at", "after", "handle", "handle_pass", "later"}  # scheduler calls and the domains' wrappers


def test_domain_code_names_every_job_kind_by_a_constant():
    """A kind written out where a job is scheduled or handled is one typo from a job that never
    runs: each domain names its kinds once (its jobs or events module) and lists them in published.py."""
    import ast
    from pathlib import Path

    import emulator.domains

    spelt_out = []
    for path in sorted(Path(emulator.domains.__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in KIND_TAKING:
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and "." in arg.value:
                        spelt_out.append(f"{path.name}:{node.lineno} {arg.value}")
    assert spelt_out == []


def test_every_declared_kind_is_handled_and_every_handled_kind_declared(monkeypatch):
    from emulator import world

    declared = world.scheduled_jobs()
    assert {"order.payment_window", "returns.evidence_due", "payment.withdrawal_done", "push.deliver"} <= declared
    monkeypatch.setattr(world, "scheduled_jobs", lambda: declared | {"order.reminder"})
    with pytest.raises(UnknownJobKind, match="no handler for the job kind 'order.reminder'"):
        Emulator()
    monkeypatch.setattr(world, "scheduled_jobs", lambda: declared - {"push.deliver"})
    with pytest.raises(UnknownJobKind, match="a handler takes the job kind 'push.deliver', which no domain schedules"):
        Emulator()


def test_a_data_file_holding_a_job_no_domain_handles_is_refused_at_start_up(tmp_path):
    path = str(tmp_path / "state.json")
    ran: list[str] = []
    first = Emulator(data=path, jobs={"shop.reminder": lambda payload: ran.append(payload["note"])})
    with first.transaction():
        first.scheduler.after(60, "shop.reminder", {"note": "kept"})
    first.close()
    with pytest.raises(UnknownJobKind, match=(
        f"the data file {path} holds jobs of a kind no domain handles: 'shop.reminder' "
        r"\(known kinds: auth.expiry_notice, "
    )):
        Emulator(data=path)
    # refused, not dropped: started with a handler for it, the file still holds the job
    again = Emulator(data=path, jobs={"shop.reminder": lambda payload: ran.append(payload["note"])})
    try:
        again.advance(60)
        assert ran == ["kept"]
    finally:
        again.close()


def test_a_snapshot_holding_a_job_no_domain_handles_is_refused_and_the_world_kept(shopee, shopee_http):
    before = shopee_http.get("/_emulator/snapshot").json()
    state = {**before, "jobs": {**before.get("jobs", {}), "999999": {
        "due": shopee.clock.now() + 60, "seq": 999999, "kind": "order.no_such_job", "payload": {}}}}
    answer = shopee_http.post("/_emulator/snapshot", json=state)
    assert answer.status_code == 400
    assert answer.json()["message"].startswith(
        "not a snapshot: the snapshot holds jobs of a kind no domain handles: 'order.no_such_job'"
    )
    assert shopee_http.get("/_emulator/snapshot").json() == before
