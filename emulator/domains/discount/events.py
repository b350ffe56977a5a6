"""The events the discount domain publishes and the clock jobs it schedules (names owned here).

    discount.item_promotion    per model, when the discount's hold on it begins or ends (push 7):
                               action promo_lock_stock (started, or added while ongoing),
                               promo_end (end_time passed), promo_cancelled (ended early, or the
                               model removed while ongoing)
    discount.promotion_update  per model, when it joins or leaves the discount or the discount's
                               times change (push 9): added_in_promo, removed_from_promo,
                               promo_time_updated

Both carry shop_id, item_id, variation_id (the model id, 0 without variations), promotion_id (the
discount id), promotion_type ``seller_discount``, action, start_time, end_time, update_time, and
reserved_stock where the push sends one.
"""
from __future__ import annotations

from typing import TypedDict

ITEM_PROMOTION = "discount.item_promotion"
PROMOTION_UPDATE = "discount.promotion_update"
PROMOTION_TYPE = "seller_discount"

LOCK, END, CANCELLED = "promo_lock_stock", "promo_end", "promo_cancelled"
ADDED, REMOVED, TIME_UPDATED = "added_in_promo", "removed_from_promo", "promo_time_updated"

STARTED_JOB = "discount.started"
ENDED_JOB = "discount.ended"


class DiscountJob(TypedDict):
    """The payload of a discount's start or end: the moment it was set for, so a moved time's
    old job does nothing."""

    discount_id: int
    due: int
