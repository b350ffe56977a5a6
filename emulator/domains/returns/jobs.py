"""The clock jobs the returns domain schedules: one per deadline of a return (names owned here;
they are stored in data files, so they never change). Each payload carries the return_sn and the
deadline it was set for, so a superseded deadline does nothing."""
from __future__ import annotations

from typing import TypedDict

SELLER_RESPONSE = "returns.seller_response"
BUYER_RESPONSE = "returns.buyer_response"
SHIP_DUE = "returns.ship_due"
SELLER_VALIDATION = "returns.seller_validation"
EVIDENCE_DUE = "returns.evidence_due"

KINDS = (SELLER_RESPONSE, BUYER_RESPONSE, SHIP_DUE, SELLER_VALIDATION, EVIDENCE_DUE)


class DeadlineJob(TypedDict):
    """The payload of every returns job."""

    return_sn: str
    due: int
