"""Dispute reasons a seller may raise, by what has happened to the return so far.

Ids are the platform's ReturnDisputeReasonId values; the evidence each one asks for is ours.
"""
from __future__ import annotations

from typing import Any

from emulator.domains.returns.models import NON_RECEIPT

UNBOXING = "Unboxing photos of the return parcel showing its airway bill"
ITEMS = "Photos of every returned item as received"
DAMAGE = "Close-up photos of the damage on the returned item(s)"
SHIPPED = "Proof that the order was handed to the courier"
CONDITION = "Photos of the item(s) as they were packed for the buyer"
CHAT = "Screenshots of the conversation with the buyer"
TRACKING = "Screenshot of the return parcel's tracking, if there is any"
REQUIREMENT = "Please send evidence for your dispute as listed below:"

EVIDENCE: dict[int, tuple[tuple[str, bool], ...]] = {
    1: ((SHIPPED, True),),
    2: ((CONDITION, True), (CHAT, False)),
    44: ((CHAT, True),),
    # the one reason the dispute page lets go without images: nothing came back to photograph
    46: ((TRACKING, False),),
    47: ((UNBOXING, True), (DAMAGE, True)),
    48: ((UNBOXING, True), (ITEMS, True)),
    49: ((UNBOXING, True), (ITEMS, True)),
    50: ((UNBOXING, True), (ITEMS, True)),
    53: ((CONDITION, True), (CHAT, False)),
    54: ((CHAT, True),),
    56: ((UNBOXING, True), (ITEMS, True)),
}


def modules(reason_id: int) -> dict[int, tuple[str, bool]]:
    """The reason's evidence modules by module_index: (requirement, is_required)."""
    return dict(enumerate(EVIDENCE[reason_id], start=1))


def reason_ids(doc: dict[str, Any]) -> tuple[int, ...]:
    """Before the goods come back the seller disputes the claim; after, the condition of what came back."""
    if doc["status"] == "ACCEPTED":
        return (46, 47, 48, 49, 54) if doc["goods_received"] else (53, 54)
    if doc["goods_received"]:
        return (47, 48, 49, 50, 56)
    if doc["status"] == "PROCESSING":
        return (46, 44)
    return (1, 53) if doc["reason"] in NON_RECEIPT else (2, 44, 53)


def reason_list(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            # a string since the page's 2026-04 update; it is the id dispute's dispute_reason_id takes
            "dispute_reason": str(reason_id),
            "dispute_requirement": REQUIREMENT,
            "sample_evidence": [],
            "evidence_module_list": [
                {"module_index": index, "requirement": text, "is_required": required}
                for index, (text, required) in modules(reason_id).items()
            ],
        }
        for reason_id in reason_ids(doc)
    ]
