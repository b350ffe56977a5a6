"""A discount's status, read off the clock, and what each status allows.

    upcoming ──start_time passes──> ongoing ──end_time passes──> expired
                                       └────end_discount (end_time := now)────┘
    upcoming ──delete_discount──> (gone)

The status is never stored: it is a function of the discount's times and the clock, so a jump of
the clock can never leave one stale. ``RULES`` says, per action and status, whether the action is
allowed (``None``) or which refusal it gets; models, console buttons and tests read this one table.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from emulator.domains.discount import errors as e

UPCOMING, ONGOING, EXPIRED = "upcoming", "ongoing", "expired"
STATUSES = (UPCOMING, ONGOING, EXPIRED)
ALL = "all"

Refusal = tuple[str, str] | None
_IS_END: Refusal = ("discount.discount_is_end", e.IS_END)

RULES: Mapping[str, Mapping[str, Refusal]] = {
    "update_discount": {UPCOMING: None, ONGOING: None, EXPIRED: _IS_END},
    "update_start_time": {UPCOMING: None, ONGOING: ("discount.update_ongoing_discount_start_time", e.ONGOING_START), EXPIRED: _IS_END},
    "delete_discount": {UPCOMING: None, ONGOING: ("discount.discount_is_ongoing", e.NOT_DELETABLE), EXPIRED: _IS_END},
    "end_discount": {UPCOMING: ("discount.discount_not_ongoing", e.NOT_ENDABLE), ONGOING: None,
                     EXPIRED: ("discount.discount_not_ongoing", e.NOT_ENDABLE)},
    "add_discount_item": {UPCOMING: None, ONGOING: None, EXPIRED: _IS_END},
    "update_discount_item": {UPCOMING: None, ONGOING: None, EXPIRED: _IS_END},
    "delete_discount_item": {UPCOMING: None, ONGOING: None, EXPIRED: _IS_END},
}


def status_of(doc: Mapping[str, Any], now: int) -> str:
    if now < int(doc["start_time"]):
        return UPCOMING
    if now < int(doc["end_time"]):
        return ONGOING
    return EXPIRED


def allowed(action: str, status: str) -> bool:
    return RULES[action][status] is None


def require(action: str, doc: Mapping[str, Any], now: int) -> str:
    """The discount's status, or the refusal the table gives ``action`` in it."""
    status = status_of(doc, now)
    refusal = RULES[action][status]
    if refusal is not None:
        raise e.refuse(*refusal)
    return status
