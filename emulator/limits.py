"""Call limits per partner, on the virtual clock: the platform's rate limit and daily call cap.

Both are off by default. Per partner, ``rate_limit_per_second`` bounds the partner's calls in
any one second of virtual time and ``daily_call_limit`` its calls in one day, the day turning at
00:00 UTC+8 as the platform's does; ``apis`` holds the same two settings per API, counted over
that API's calls, on top of the partner-wide ones. A refused call is not counted. A clock that
does not move (tests advance it) keeps every call in the same second, so a rate limit of N
allows N calls until the clock moves on.

    rate limit    -> error_rate_limit  (the common error's message, HTTP 429)
    daily cap     -> error_limit       (its message, HTTP 429)

The pipeline consults the limits after authentication (the partner is known), before faults.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from emulator.errors import ShopeeError
from emulator.faults import named_effect

if TYPE_CHECKING:
    from emulator.context import RequestContext

KEYS = ("rate_limit_per_second", "daily_call_limit")
UTC8 = 8 * 3600
DAY = 86400
ALL = "*"  # the partner-wide counter


@dataclass
class PartnerLimits:
    """One partner's settings: ``None`` is off."""

    rate_limit_per_second: int | None = None
    daily_call_limit: int | None = None
    apis: dict[str, dict[str, int | None]] = field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        return {"rate_limit_per_second": self.rate_limit_per_second, "daily_call_limit": self.daily_call_limit,
                "apis": {name: dict(values) for name, values in sorted(self.apis.items())}}


def day_of(timestamp: float) -> int:
    """The platform's day number: days turn at 00:00 UTC+8."""
    return int((timestamp + UTC8) // DAY)


class Limits:
    """The call limits of one emulator, and the counters they are held to."""

    def __init__(self) -> None:
        self.partners: dict[int, PartnerLimits] = {}
        self._recent: dict[tuple[int, str], deque[float]] = {}
        self._daily: dict[tuple[int, str], tuple[int, int]] = {}

    def settings(self, partner_id: int) -> PartnerLimits:
        return self.partners.get(partner_id) or PartnerLimits()

    def configure(self, partner_id: int, rate_limit_per_second: int | None, daily_call_limit: int | None,
                  apis: dict[str, dict[str, int | None]] | None = None) -> PartnerLimits:
        """Replace a partner's settings (``apis`` None keeps the per-API ones)."""
        current = self.settings(partner_id)
        kept = current.apis if apis is None else {n: v for n, v in apis.items() if any(x is not None for x in v.values())}
        self.partners[partner_id] = PartnerLimits(rate_limit_per_second, daily_call_limit, kept)
        return self.partners[partner_id]

    def clear(self) -> None:
        self.partners.clear()
        self._recent.clear()
        self._daily.clear()

    def calls_today(self, partner_id: int, now: float, api: str = ALL) -> int:
        day, count = self._daily.get((partner_id, api), (day_of(now), 0))
        return count if day == day_of(now) else 0

    def apply(self, ctx: "RequestContext") -> None:
        """Refuse the call when it would pass a limit of its partner; count it otherwise."""
        if not self.partners or ctx.partner is None or ctx.op is None:
            return
        limits = self.partners.get(ctx.partner_id)
        if limits is None:
            return
        now = ctx.emulator.clock.now_float()
        scopes = [(ALL, limits.rate_limit_per_second, limits.daily_call_limit)]
        own = limits.apis.get(ctx.op.name)
        if own:
            scopes.append((ctx.op.name, own.get("rate_limit_per_second"), own.get("daily_call_limit")))
        for scope, per_second, per_day in scopes:
            if per_day is not None and self.calls_today(ctx.partner_id, now, scope) >= per_day:
                raise _refusal("error_limit")
            if per_second is not None and len(self._window(ctx.partner_id, scope, now)) >= per_second:
                raise _refusal("error_rate_limit")
        for scope, per_second, _ in scopes:
            if per_second is not None:
                self._window(ctx.partner_id, scope, now).append(now)
            self._daily[(ctx.partner_id, scope)] = (day_of(now), self.calls_today(ctx.partner_id, now, scope) + 1)

    def _window(self, partner_id: int, scope: str, now: float) -> deque[float]:
        """The calls of the last second of virtual time (the same second, on a clock that stands)."""
        recent = self._recent.setdefault((partner_id, scope), deque())
        while recent and (recent[0] <= now - 1 or recent[0] > now):
            recent.popleft()
        return recent


def _refusal(name: str) -> ShopeeError:
    effect = named_effect(name)
    return ShopeeError(effect["message"], error=effect["error"], http_status=effect["http_status"])
