"""The return status table: what the buyer, the return courier and Shopee's dispute team may do to
a return from which statuses, and what else each needs (a guard). The buyer actions check it and
the console's Returns page offers its buttons."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from emulator.states import Button, Guard, StateMachine, Transition, needs

STATUSES = ("REQUESTED", "ACCEPTED", "CANCELLED", "JUDGING", "CLOSED", "PROCESSING", "SELLER_DISPUTE")


def _ship_back(doc: Mapping[str, Any]) -> str | None:
    if doc["logistics_status"] != "LOGISTICS_PENDING_ARRANGE":
        return f"return {doc['return_sn']} has already been shipped back"
    return None


def _receive(doc: Mapping[str, Any]) -> str | None:
    if doc["logistics_status"] != "LOGISTICS_PICKUP_DONE":
        return f"return {doc['return_sn']} has no parcel on its way (logistics status {doc['logistics_status'] or 'none'})"
    return None


def _offer_waiting(doc: Mapping[str, Any]) -> str | None:
    if doc["negotiation"]["status"] != "PENDING_BUYER_RESPOND":
        return f"return {doc['return_sn']} has no seller offer waiting for the buyer"
    return None


def _goods_not_received(doc: Mapping[str, Any]) -> str | None:
    if doc["goods_received"]:
        return f"return {doc['return_sn']}: the goods have already reached the seller"
    return None


def _judgeable(doc: Mapping[str, Any]) -> str | None:
    # an accepted return is judged only while the seller's compensation request is open
    if doc["status"] == "ACCEPTED" and doc["compensation"]["status"] != "COMPENSATION_REQUESTED":
        return needs("judge", "return", ("SELLER_DISPUTE", "JUDGING"), doc["return_sn"], doc["status"])
    return None


JUDGE_GUARD: Guard = _judgeable

RETURN_FLOW = StateMachine("return", STATUSES, (
    Transition("ship_back", ("PROCESSING",), ("PROCESSING",), (Button("Buyer ships back"),), _ship_back),
    # the courier's delivery follows the parcel, whatever the return's status has become meanwhile
    Transition("receive", STATUSES, STATUSES, (Button("Courier delivers to Outlet"),), _receive),
    Transition("accept_offer", ("REQUESTED",), ("ACCEPTED", "PROCESSING"), (Button("Buyer accepts offer"),), _offer_waiting),
    Transition("reject_offer", ("REQUESTED",), ("REQUESTED",), (), _offer_waiting),
    Transition("cancel", ("REQUESTED", "PROCESSING"), ("CANCELLED",), (Button("Buyer cancels"),), _goods_not_received),
    Transition("judge", ("SELLER_DISPUTE", "JUDGING", "ACCEPTED"), ("ACCEPTED", "CLOSED"),
               (Button("Shopee rules for buyer", {"winner": "buyer"}), Button("Shopee rules for seller", {"winner": "seller"})),
               JUDGE_GUARD),
))
