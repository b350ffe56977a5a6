"""Errors of the order, shipping and airway-bill APIs, with the platform's codes and strings.

    ShopeeError
    ├── OrderNotFound        error_not_found "Wrong parameters, detail: the order is not found."
    ├── OrderError           order.*: list window, cancellation rules
    └── LogisticsError       logistics.*: shipping, tracking and airway-bill rules
"""
from __future__ import annotations

from emulator.errors import ShopeeError, WRONG_PARAMETERS

ORDER_NOT_FOUND = WRONG_PARAMETERS.format(msg="the order is not found")
INVALID_TIME = "Start time must be earlier than end time and diff in 15days."
CANNOT_CANCEL = "Can not cancel this order."
NOT_IN_CANCEL = "Invalid order_status.The order status should be IN_CANCEL."

NOT_READY_TO_SHIP = "The order is not ready to ship."
ONLY_ONE_TYPE = "Please select just one way to ship order: pickup or dropoff or non_integrated."
UNSUPPORTED_DROPOFF = "This order does not support ship with dropoff."
UNSUPPORTED_NON_INTEGRATED = "This order does not support ship with non_integrated."
NEED_ADDRESS_PICKUP_TIME = "Parameter address_id and pickup_time_id are required."
ADDRESS_NOT_FOUND = "Address is not found."
PICKUP_TIME_INVALID = "Invalid pickup time id. Please check the pick up time id."
ORDER_CANCELLED = "The order has been cancelled."
PACKAGE_NOT_EXIST = "The package is not exist."
ORDER_NOT_EXIST = "The order is not exist."
NOT_NEED_PACKAGE_NUMBER = "Please don’t request with package_number for this unsplit order."
PACKAGE_ALREADY_SHIPPED = "This package has already been arranged shipment and you can't call this API again."
DUPLICATE_PACKAGE = "Duplicate package number"
PACKAGE_EXCEEDS_LIMIT = "Package exceeds limit."
NOT_UNDER_CHANNEL = "Package is not under the specified fulfilment channel"
UPDATE_NOT_SUPPORTED = "Order status not support update logistics."
NO_PARAM_CHANGE = "You can’t update shipping with all the same parameters."
SELF_DESIGN_NOT_ALLOWED = "Not allowed to self design AWB"
CANNOT_SPLIT = "You don’t have the permission to split order."
CANNOT_UNDO_SPLIT = "Cannot undo split this order."
BATCH_ALL_FAILED = "Failed, please check result_list for more details."

AWB_STATUS_ERROR = "Order status does not support awb printing."
AWB_TYPE_INVALID = "The shipping_document_type is not invalid. Please check the shipping_document_type."
AWB_ORDER_NOT_EXIST = "The order_sn {order_sn} is not exist."
AWB_PACKAGE_NOT_FOUND = "The package_number {package_number} is not exist."
AWB_PRINT_FIRST = "The package can not print now, please create shipping document first.Detail: these orders: {orders} should print"
AWB_DOWNLOAD_LATER = "Processing, please download later. Detail: these orders: {orders} are processing"
AWB_PRINT_FAILED = "Some package failed to print, please try again later. Detail: these orders: {orders} failed"
AWB_CANNOT_PRINT = "The package can not print now."
AWB_TRACKING_INVALID = "The tracking number is invalid. Please check the tracking number."


class OrderNotFound(ShopeeError):
    """The order does not exist in the calling shop."""

    error = "error_not_found"

    def __init__(self) -> None:
        super().__init__(ORDER_NOT_FOUND)


class OrderError(ShopeeError):
    """A rule of the order APIs; ``error`` carries the platform's ``order.*`` code."""


class LogisticsError(ShopeeError):
    """A rule of the logistics APIs; ``error`` carries the platform's ``logistics.*`` code."""
