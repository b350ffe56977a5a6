"""Errors of the outlet logistics set-up (channels, operating hours, packaging), with the platform's strings.

    ShopeeError
    ├── ChannelError            logistics_error: a channel toggle the platform refuses
    ├── MinimumActivationError  logistics.minimum_activation_rule: the last Instant channel
    ├── InvalidChannelError     logistics.error_param: no such channel in the shop's region
    ├── NotAllowedToUpdate      logistics.not_allow_to_update_channel: Mart shops own no channels
    ├── AutoCallError           error_param: an Auto Call Driver setting the channel refuses
    └── PermissionError_        error_permission: a shop not eligible for a setting

Kept apart from the shipping/documents errors of the same package so the two halves stay independent.
"""
from __future__ import annotations

from emulator.errors import ShopeeError

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
