"""Errors of the order APIs, with the platform's codes and strings (shipping and airway bills:
``emulator.domains.logistics.errors``).

    ShopeeError
    ├── OrderNotFound        error_not_found "Wrong parameters, detail: the order is not found."
    └── OrderError           order.*: list window, cancellation, split rules
"""
from __future__ import annotations

from emulator.errors import ShopeeError, WRONG_PARAMETERS

ORDER_NOT_FOUND = WRONG_PARAMETERS.format(msg="the order is not found")
INVALID_TIME = "Start time must be earlier than end time and diff in 15days."
CANNOT_CANCEL = "Can not cancel this order."
NOT_IN_CANCEL = "Invalid order_status.The order status should be IN_CANCEL."

CANNOT_SPLIT = "You don’t have the permission to split order."
CANNOT_UNDO_SPLIT = "Cannot undo split this order."


class OrderNotFound(ShopeeError):
    """The order does not exist in the calling shop."""

    error = "error_not_found"

    def __init__(self) -> None:
        super().__init__(ORDER_NOT_FOUND)


class OrderError(ShopeeError):
    """A rule of the order APIs; ``error`` carries the platform's ``order.*`` code."""
