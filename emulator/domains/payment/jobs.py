"""The clock jobs the payment domain schedules (names owned here; they are stored in data files,
so they never change)."""
from __future__ import annotations

from typing import TypedDict

WITHDRAWAL_DONE = "payment.withdrawal_done"  # a withdrawal reaches the seller's bank
INCOME_DOCUMENT_DONE = "payment.income_document_done"  # an income statement or report is ready
LOST_COMPENSATION_DUE = "payment.lost_compensation_due"  # a lost parcel's compensation is released

KINDS = (WITHDRAWAL_DONE, INCOME_DOCUMENT_DONE, LOST_COMPENSATION_DUE)


class WithdrawalJob(TypedDict):
    """The payload of a withdrawal's completion: the amount as money text."""

    shop_id: int
    withdrawal_id: int
    amount: str


class IncomeDocumentJob(TypedDict):
    """The payload of an income document's completion."""

    id: int


class LostCompensationJob(TypedDict):
    """The payload of a lost parcel's release."""

    order_sn: str
