"""The success rate of an app's pushes, and the warning and suspension it leads to.

The push guide's rule: once more than 600 pushes went to the app in the past 6 hours, a success
rate under 70% puts it in Warning and one under 30% suspends its subscription. Suspension lasts
until the app subscribes again (``resubscribe``), which also starts the rate afresh.

Outcomes are counted per minute of virtual time, so a partner's record stays small (at most 360
buckets) however many pushes it receives.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from emulator.store import Store

RATES = "push_rates"
WINDOW_SECONDS = 6 * 3600
BUCKET_SECONDS = 60
MIN_SENT = 600  # the rule applies with more pushes than this in the window
WARNING_BELOW = 0.70
SUSPEND_BELOW = 0.30
NORMAL, WARNING, SUSPENDED = "Normal", "Warning", "Suspended"


class Window(NamedTuple):
    """The pushes sent to an app in the past 6 hours and how many of them were delivered."""

    sent: int
    delivered: int

    @property
    def rate(self) -> float | None:
        return self.delivered / self.sent if self.sent else None

    def below(self, threshold: float) -> bool:
        return self.sent > MIN_SENT and self.delivered < threshold * self.sent


class PushRates:
    """Per-partner outcome counts (collection ``push_rates``)."""

    def __init__(self, store: "Store") -> None:
        self.store = store

    def record(self, partner_id: int, at: int, delivered: bool) -> Window:
        """Count one attempt made at ``at``; the window as it stands after it."""
        doc = self.store.edit(RATES, partner_id) or self.store.put(RATES, partner_id, {"partner_id": partner_id, "buckets": {}})
        buckets: dict[str, list[int]] = doc["buckets"]
        for key in [k for k in buckets if int(k) * BUCKET_SECONDS <= at - WINDOW_SECONDS]:
            del buckets[key]
        counts = buckets.setdefault(str(at // BUCKET_SECONDS), [0, 0])
        counts[0 if delivered else 1] += 1
        return _window(buckets, at)

    def window(self, partner_id: int, now: int) -> Window:
        doc = self.store.get(RATES, partner_id)
        return _window(doc["buckets"], now) if doc else Window(0, 0)

    def restart(self, partner_id: int) -> None:
        if self.store.get(RATES, partner_id) is not None:
            self.store.delete(RATES, partner_id)


def _window(buckets: dict[str, Any], now: int) -> Window:
    start = now - WINDOW_SECONDS
    delivered = failed = 0
    for key, (ok, bad) in buckets.items():
        # a bucket counts while its minute is inside the window (attempts stamped later than now,
        # a retry due inside a long advance, count too)
        if int(key) * BUCKET_SECONDS > start:
            delivered += ok
            failed += bad
    return Window(delivered + failed, delivered)
