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
