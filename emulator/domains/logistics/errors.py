"""Errors of the logistics APIs, with the platform's strings: the outlet set-up (channels,
operating hours, packaging), shipping, tracking and airway bills.

    ShopeeError
    ├── LogisticsError          logistics.*: shipping, tracking and airway-bill rules
    ├── ChannelError            logistics_error: a channel toggle the platform refuses
    ├── MinimumActivationError  logistics.minimum_activation_rule: the last Instant channel
    ├── InvalidChannelError     logistics.error_param: no such channel in the shop's region
    ├── NotAllowedToUpdate      logistics.not_allow_to_update_channel: Mart shops own no channels
    ├── AutoCallError           error_param: an Auto Call Driver setting the channel refuses
    └── PermissionError_        error_permission: a shop not eligible for a setting
"""
from __future__ import annotations

from emulator.errors import ShopeeError

NOT_READY_TO_SHIP = "The order is not ready to ship."
PARAMETERS_NOT_READY = "Shipping parameters can only be obtained when package is ready to be shipped"
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
BATCH_ALL_FAILED = "Failed, please check result_list for more details."

NOT_SELF_COLLECTION = "Buyer self collection unavailable for this order"
NOT_READY_FOR_COLLECTION = "Parcel is not ready for collection yet"
OUTBOUND_FAILED = "Prepare order for buyer collection"
COLLECTION_PIN_INVALID = "Invalid collection PIN. Please verify and try again."

AWB_STATUS_ERROR = "Order status does not support awb printing."
AWB_TYPE_INVALID = "The shipping_document_type is not invalid. Please check the shipping_document_type."
AWB_ORDER_NOT_EXIST = "The order_sn {order_sn} is not exist."
AWB_PACKAGE_NOT_FOUND = "The package_number {package_number} is not exist."
AWB_PRINT_FIRST = "The package can not print now, please create shipping document first.Detail: these orders: {orders} should print"
AWB_DOWNLOAD_LATER = "Processing, please download later. Detail: these orders: {orders} are processing"
AWB_PRINT_FAILED = "Some package failed to print, please try again later. Detail: these orders: {orders} failed"
AWB_CANNOT_PRINT = "The package can not print now."
AWB_TRACKING_INVALID = "The tracking number is invalid. Please check the tracking number."

INVALID_CHANNEL = "Invalid logistics_channel_id. Please check the logistics_channel_id."
MASKED_CANNOT_ENABLE = "Sorry that this masked channel can't be enabled."
NOT_WHITELISTED = (
    "Sorry that this channel can't be enabled since it doesn\u2019t pass the validation "
    "(whitelist validation / exclusive validation / serviceable validation )."
)
COD_NOT_SUPPORTED = "Sorry that this channel can't be enabled(disabled)/preferred/ COD enabled(COD disabled)."
NOT_ALLOWED_TO_UPDATE = "You are not allowed to enable or disable channel."

PERMISSION = "Sorry you don't have the permission, detail: {detail}"
NOT_ELIGIBLE = "This shop isn't eligible to set up {kind} Operating Hours."
SPECIAL_NOT_FOUND = "Special Operating Hours not found for this shop."
ALL_HOURS_FAILED = (
    "All modifications to the operating hours were unsuccessful. Please check the result_list and try again."
)
PACKAGING_REGION = "The packaging fee setting is only available to ID Instant Mart sellers."


class LogisticsError(ShopeeError):
    """A rule of the logistics APIs; ``error`` carries the platform's ``logistics.*`` code."""


class ChannelError(ShopeeError):
    error = "logistics_error"


class MinimumActivationError(ShopeeError):
    error = "logistics.minimum_activation_rule"


class InvalidChannelError(ShopeeError):
    error = "logistics.error_param"


class NotAllowedToUpdate(ShopeeError):
    error = "logistics.not_allow_to_update_channel"


class AutoCallError(ShopeeError):
    error = "error_param"


class PermissionError_(ShopeeError):
    """error_permission with the platform's ``detail:`` wording."""

    error = "error_permission"

    def __init__(self, detail: str) -> None:
        super().__init__(PERMISSION.format(detail=detail))


def not_eligible(kind: str) -> PermissionError_:
    """``kind`` is Regular, Special or Instant, as the platform names the hour sets."""
    return PermissionError_(NOT_ELIGIBLE.format(kind=kind))
