"""The push APIs' error strings, as the reference's error tables give them.

    ParamError   error_param: an invalid or missing callback_url, unknown push codes
    DataError    error_data: confirming a lost message that does not exist
"""
from __future__ import annotations

from emulator.errors import ShopeeError

INVALID_CALLBACK_URL = "this callback_url is invalid, please check your callback_url."
EMPTY_CALLBACK_URL = (
    "Your app's callback_url is empty, please input a callback_url before you turn on push config."
)
DATA_NOT_EXIST = "data not exist"


class DataError(ShopeeError):
    """error_data."""

    error = "error_data"
