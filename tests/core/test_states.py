"""Status tables: one declaration per state machine, checked by its model and offered by the console."""
from __future__ import annotations

import pytest

from emulator.domains.order.models import ActionNotAllowed
from emulator.domains.order.states import ORDER_FLOW, ORDER_STATUSES
from emulator.states import Button, StateMachine, Transition
from emulator.world import Emulator


def test_a_table_naming_an_unknown_status_is_refused_when_declared():
    with pytest.raises(ValueError, match="pay names unknown statuses"):
        StateMachine("order", ("UNPAID",), (Transition("pay", ("UNPAID",), ("PAID",)),))


def test_buttons_follow_the_table_and_their_statuses():
    flow = StateMachine("task", ("NEW", "RUNNING", "DONE"), (
        Transition("start", ("NEW",), ("RUNNING",), (Button("Start"),)),
        Transition("stop", ("NEW", "RUNNING"), ("DONE",), (Button("Drop", only_from=("NEW",)), Button("Stop", {"why": "x"}))),
    ))
    assert flow.buttons("NEW") == (("start", "Start", {}), ("stop", "Drop", {}), ("stop", "Stop", {"why": "x"}))
    assert flow.buttons("RUNNING") == (("stop", "Stop", {"why": "x"}),)
    assert flow.refusal("start", "DONE", "7") == "start needs the task in NEW; task 7 is DONE"


def test_every_console_action_of_the_order_table_is_an_order_model_action(shopee: Emulator):
    offered = {action for status in ORDER_STATUSES for action, _, _ in ORDER_FLOW.buttons(status)}
    assert offered <= set(shopee.orders.actions())


def test_returns_move_orders_only_through_the_order_table(shopee: Emulator):
    cancelled = next(sn for sn, d in shopee.store.collection("orders").items() if d["order_status"] == "CANCELLED")
    with pytest.raises(ActionNotAllowed, match="return_opened needs the order in TO_CONFIRM_RECEIVE or COMPLETED"):
        with shopee.transaction():
            shopee.orders.transition(cancelled, "return_opened", "TO_RETURN", shopee.clock.now())
    assert shopee.orders.get(cancelled)["order_status"] == "CANCELLED"


def test_a_finished_return_takes_nothing_but_a_late_parcel():
    from emulator.domains.returns.states import RETURN_FLOW

    parcel_gone = {"return_sn": "R1", "logistics_status": "", "negotiation": {"status": ""}, "goods_received": True,
                   "compensation": {"status": ""}}
    for status in ("CANCELLED", "CLOSED", "ACCEPTED"):
        assert RETURN_FLOW.allowed(status, {**parcel_gone, "status": status}) == ()
    assert RETURN_FLOW.allowed("CLOSED", {**parcel_gone, "status": "CLOSED", "logistics_status": "LOGISTICS_PICKUP_DONE"}) == ("receive",)
