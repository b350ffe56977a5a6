"""The clock jobs the payment domain schedules (names owned here; they are stored in data files,
so they never change)."""
from __future__ import annotations

WITHDRAWAL_DONE = "payment.withdrawal_done"  # a withdrawal reaches the seller's bank
INCOME_DOCUMENT_DONE = "payment.income_document_done"  # an income statement or report is ready

KINDS = (WITHDRAWAL_DONE, INCOME_DOCUMENT_DONE)
