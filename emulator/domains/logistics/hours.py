"""Operating-hour rules: the restrictions outlets must meet, and checks of one requested hour set.

Pure functions; ``models.py`` keeps each outlet's hours. A check returns the failure reasons in the
order a seller would fix them; an empty list means the set may be saved.
"""
from __future__ import annotations

import datetime as dt
import random
import re
from functools import lru_cache
from typing import Any

from emulator import yaml_data
from emulator.worlds import data_dir

WEEK = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAYS = (*WEEK, "public_holiday")
WEEKLY = ("regular", "instant", "shop_collection")
SECTIONS = ("regular", "special", "instant", "shop_collection")
# How the platform names each hour set in its permission errors.
KIND_NAMES = {"regular": "Regular", "special": "Special", "instant": "Instant", "shop_collection": "Regular"}
ALL_DAY = ("00:00", "23:59")
_TIME = re.compile(r"^([01]\d|2[0-3]):(00|30)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml_data.load(data_dir() / "logistics" / "operating_hours.yaml")
    return loaded


def day_rule(section: str, day: str) -> dict[str, Any]:
    spec: dict[str, dict[str, Any]] = rules()[section]
    if day == "public_holiday":
        return spec["public_holiday"]
    return spec["weekend" if day in ("saturday", "sunday") else "weekday"]


def restrictions_view() -> dict[str, Any]:
    """The response of get_operating_hour_restrictions."""
    view: dict[str, Any] = {}
    for section in WEEKLY:
        view[f"{section}_operating_hour_restrictions"] = {
            "minimum_working_days_in_week": rules()[section]["minimum_working_days_in_week"],
            "working_day_config": {day: dict(day_rule(section, day)) for day in DAYS},
        }
    view["special_operating_hour_restrictions"] = {"special_day": dict(rules()["special"]["special_day"])}
    return {key: view[key] for key in (
        "regular_operating_hour_restrictions",
        "instant_operating_hour_restrictions",
        "special_operating_hour_restrictions",
        "shop_collection_operating_hour_restrictions",
    )}


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def check_day(label: str, hours: dict[str, str], rule: dict[str, Any]) -> list[str]:
    """Failures of one day's ``{start_time, end_time}`` against its restriction."""
    start, end = hours["start_time"], hours["end_time"]
    if rule.get("operating_24_hour_toggle") and (start, end) == ALL_DAY:
        return []
    for name, value in (("start_time", start), ("end_time", end)):
        if not _TIME.match(value):
            return [f"{label}: {name} {value!r} must be in the format HH:MM with minutes 00 or 30"]
    failures = []
    if _minutes(end) <= _minutes(start):
        return [f"{label}: end_time {end} must be later than start_time {start}"]
    if _minutes(start) < _minutes(rule["minimum_start_time"]):
        failures.append(f"{label}: start_time {start} is earlier than the minimum start time {rule['minimum_start_time']}")
    if _minutes(start) > _minutes(rule["maximum_start_time"]):
        failures.append(f"{label}: start_time {start} is later than the maximum start time {rule['maximum_start_time']}")
    if _minutes(end) < _minutes(rule["minimum_end_time"]):
        failures.append(f"{label}: end_time {end} is earlier than the minimum end time {rule['minimum_end_time']}")
    if _minutes(end) > _minutes(rule["maximum_end_time"]):
        failures.append(f"{label}: end_time {end} is later than the maximum end time {rule['maximum_end_time']}")
    minimum = int(rule.get("minimum_operating_hour") or 0)
    if _minutes(end) - _minutes(start) < minimum * 60:
        failures.append(f"{label}: the shop must operate at least {minimum} hours, got {start}-{end}")
    return failures


def check_week(section: str, week: dict[str, dict[str, str]]) -> list[str]:
    """Failures of a weekly hour set; days left out are closed."""
    failures: list[str] = []
    for day in DAYS:
        rule = day_rule(section, day)
        if day not in week:
            if rule.get("mandatory"):
                failures.append(f"{day} is mandatory and must be open")
            continue
        failures += check_day(day, week[day], rule)
    open_days = sum(1 for day in WEEK if day in week)
    minimum = int(rules()[section]["minimum_working_days_in_week"])
    if open_days < minimum:
        failures.append(f"at least {minimum} working days from Monday to Sunday are required, got {open_days}")
    return failures


def _date(text: str) -> dt.date | None:
    if not isinstance(text, str) or not _DATE.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def check_special(special: dict[str, Any], today: dt.date) -> list[str]:
    """Failures of a special-hours request: its date range and each date's hours."""
    spec = rules()["special"]
    if not special["name"].strip():
        return ["name must not be empty"]
    start, end = _date(special["start_date"]), _date(special["end_date"])
    if start is None:
        return [f"start_date {special['start_date']!r} must be a date in the format YYYY-MM-DD"]
    if end is None:
        return [f"end_date {special['end_date']!r} must be a date in the format YYYY-MM-DD"]
    earliest = today + dt.timedelta(days=spec["earliest_start_days"])
    latest = today + dt.timedelta(days=spec["latest_start_days"])
    if not earliest <= start <= latest:
        return [f"start_date must be between {earliest.isoformat()} and {latest.isoformat()}"]
    last = start + dt.timedelta(days=spec["longest_span_days"])
    if not start <= end <= last:
        return [f"end_date must be between {start.isoformat()} and {last.isoformat()}"]
    wanted = [(start + dt.timedelta(days=n)).isoformat() for n in range((end - start).days + 1)]
    given = [entry["date"] for entry in special["operating_hours"]]
    if len(set(given)) != len(given):
        return ["operating_hours must list each date once"]
    if sorted(given) != wanted:
        missing = [d for d in wanted if d not in given]
        extra = [d for d in given if d not in wanted]
        if missing:
            return [f"operating_hours must include every date from start_date to end_date, missing {missing[0]}"]
        return [f"operating_hours date {extra[0]} is outside start_date to end_date"]
    failures: list[str] = []
    for entry in special["operating_hours"]:
        if entry["enable"]:
            failures += check_day(entry["date"], entry, spec["special_day"])
    return failures


def seed_hours(rng: random.Random) -> dict[str, Any]:
    """Plausible hours of a new outlet: pickups on working days, Instant orders every day."""
    opening = rng.choice(["07:00", "07:30", "08:00"])
    closing = rng.choice(["21:00", "21:30", "22:00"])
    pickup_close = rng.choice(["17:00", "18:00", "20:00"])
    return {
        "regular": {day: {"start_time": "08:00", "end_time": pickup_close} for day in WEEK[:6]},
        "instant": {day: {"start_time": opening, "end_time": closing} for day in DAYS},
        "shop_collection": {day: {"start_time": "09:00", "end_time": "21:00"} for day in DAYS},
        "special": None,
    }
