"""How long an authorization lasts: the options a seller picks from on the authorization page.

A number of days from the list, or a calendar date; an authorization never runs past 365 days.
A date lasts to the end of that day in the world's time zone, since that is the day the seller saw.
"""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

DAY = 24 * 3600
DAY_OPTIONS = (7, 30, 90, 180, 365)
DEFAULT_DAYS = 365
MAX_DAYS = 365
BY_DATE = "date"


class PeriodError(ValueError):
    """A period the authorization page does not offer."""


def expire_time(choice: str | None, until: str | None, now: int, timezone: str) -> int:
    """The expire_time an authorization made at ``now`` gets for the seller's choice."""
    picked = (choice or str(DEFAULT_DAYS)).strip()
    if picked == BY_DATE:
        return _until_date(until, now, timezone)
    if not (picked.isascii() and picked.isdigit()) or len(picked) > 4 or int(picked) not in DAY_OPTIONS:
        raise PeriodError(f"Choose an authorization period of {', '.join(map(str, DAY_OPTIONS))} days or a date.")
    return now + int(picked) * DAY


def _until_date(until: str | None, now: int, timezone: str) -> int:
    try:
        day = dt.date.fromisoformat((until or "").strip())
    except ValueError:
        raise PeriodError("Choose the date the authorization ends (YYYY-MM-DD).") from None
    zone = ZoneInfo(timezone)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    expires = int(end.timestamp())
    if expires <= now:
        raise PeriodError("The authorization must end after today.")
    if expires > now + MAX_DAYS * DAY:
        raise PeriodError(f"An authorization lasts at most {MAX_DAYS} days.")
    return expires


def options() -> list[tuple[str, str]]:
    """(value, label) of each choice, in the page's order."""
    return [(str(days), f"{days} days") for days in DAY_OPTIONS] + [(BY_DATE, "Until a date")]
