"""The clock jobs the order domain schedules (names owned here; they are stored in data files, so
they never change)."""
from __future__ import annotations

from typing import TypedDict

PAYMENT_WINDOW = "order.payment_window"  # an unpaid order's payment window has passed: cancel it
CONFIRM_PERIOD = "order.confirm_period"  # a delivered order's confirm period has passed: complete it
CANCELLATION_WINDOW = "order.cancellation_window"  # the seller did not answer a buyer's cancellation
SHIP_WINDOW = "order.ship_window"  # a paid order was still not shipped long after its ship-by date: cancel it

KINDS = (PAYMENT_WINDOW, CONFIRM_PERIOD, CANCELLATION_WINDOW, SHIP_WINDOW)


class OrderJob(TypedDict):
    """The payload of a payment window, confirm period or ship window job."""

    order_sn: str


class CancellationJob(TypedDict):
    """The payload of a cancellation window job: the request it answers, so a later one's job
    leaves this one be."""

    order_sn: str
    requested_at: int
