"""The documents of the push domain, as they travel between its modules and out to the control
plane: an outbox message and its attempts, a lost push, and a ready push as the sender takes it.

At run time each is the plain JSON dict the store holds; these declare its fields for the checker.
"""
from __future__ import annotations

from typing import Any, NotRequired, TypedDict


class Attempt(TypedDict):
    """One POST of a message to the partner's callback URL."""

    time: int  # the virtual time the attempt was due
    url: str | None
    result: str  # delivery.DELIVERED, HTTP_ERROR...
    http_status: int | None
    latency_ms: float | None  # wall-clock milliseconds the receiver took; None when nothing was sent
    authorization: str  # the Authorization header the receiver got
    detail: NotRequired[str]
    duplicate: NotRequired[bool]  # the second send of a duplicate fault


class PushMessage(TypedDict):
    """A message of the outbox (collection ``push_messages``)."""

    message_id: int
    partner_id: int
    shop_id: int | None  # None for partner-level and verification pushes
    code: int
    body: str  # the JSON text sent
    created: int
    state: str  # pending, ready, delivered, lost, dropped, failed, suspended
    fault: Any  # the fault effect drawn for it, or None
    duplicate: bool  # a duplicate fault not yet spent
    attempts: list[Attempt]
    lost_at: NotRequired[int]
    consumed: NotRequired[bool]  # confirmed with confirm_consumed_lost_push_message
    resent_from: NotRequired[int]  # the message this one is a copy of
    callback_url: NotRequired[str]  # Push Test Data to a URL given for it: every attempt goes there
    test_data: NotRequired[bool]  # a sample sent by Push Test Data, not news of the world


class LostPush(TypedDict):
    """A message that ran out of retries, as get_lost_push_message serves it (collection ``push_lost``)."""

    message_id: int
    partner_id: int
    shop_id: int | None
    code: int
    timestamp: int
    data: str


class ReadyPush(TypedDict):
    """A message ready to send, with what sending it needs, as the model hands it to ``Streams``."""

    message_id: int
    time: int
    url: str | None
    key: str  # the partner key that signs it
    body: str
    duplicate: bool
    stream: tuple[Any, ...]
