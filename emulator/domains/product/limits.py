"""Purchase limits per order: an Outlet item's minimum and maximum quantity a buyer may check out.

The limit counts every model of the item in one order together, as the platform's item-level
``purchase_limit_info`` does; a maximum of 0 means none.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from emulator.errors import ShopeeError

if TYPE_CHECKING:
    from emulator.domains.product.models import ProductModel

ABOVE_MAX = "Purchase limit exceeded for item_id {item_id}: at most {limit} per order, {quantity} requested."
BELOW_MIN = "Purchase limit not reached for item_id {item_id}: at least {limit} per order, {quantity} requested."


class PurchaseLimitError(ShopeeError):
    """A test order asked for more than an item's maximum or less than its minimum."""

    error = "error_purchase_limit"


def check(p: ProductModel, lines: Iterable[dict[str, Any]]) -> None:
    """Refuse the order (nothing reserved yet) if any item's total quantity is outside its limits."""
    totals: dict[int, int] = {}
    for line in lines:
        totals[int(line["item_id"])] = totals.get(int(line["item_id"]), 0) + int(line["quantity"])
    for item_id, quantity in totals.items():
        doc = p.find(item_id)
        limit = (doc or {}).get("purchase_limit_info") or {}
        low = int(limit.get("min_purchase_limit") or 0)
        high = int((limit.get("max_purchase_limit") or {}).get("purchase_limit") or 0)
        if high and quantity > high:
            raise PurchaseLimitError(ABOVE_MAX.format(item_id=item_id, limit=high, quantity=quantity))
        if quantity < low:
            raise PurchaseLimitError(BELOW_MIN.format(item_id=item_id, limit=low, quantity=quantity))
