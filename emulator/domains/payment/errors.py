"""The payment APIs' errors, with the platform's own codes and strings.

    ShopeeError
    ├── ParamError (error_param)        missing or invalid parameters, unknown documents, CB-only APIs
    └── PaymentError                    the APIs' own codes: order_not_found, exceed_max_limit,
                                        time_period_too_large, time_invalid
"""
from __future__ import annotations

from emulator.errors import ParamError, ShopeeError

MISSING_ORDER_SN = "Missing order_sn. Please include a valid order_sn to get escrow details."
ORDER_NOT_FOUND = "Order SN provided is invalid or does not belong to you. Please enter a valid Order SN."
BATCH_REQUIRED = "order_sn_list is required, format should be string[]"
BATCH_LIMIT = "Your request exceeds the max limit of 50 orders."
BATCH_ORDER_NOT_FOUND = "The order info not found."
PAGE_SIZE = (
    "Invalid or missing page_size parameter , please enter a valid value that is with 1-100, indicating the number of "
    "records within a page."
)
RELEASE_MISSING = (
    "release_time_from and/or release_time_to parameter is missing or invalid. Please provide both a valid start date, "
    "and end date to query."
)
RELEASE_ORDER = (
    "release_time_from and/or release_time_to parameter is invalid. Please provide both a valid start date, and end date "
    "to query where start date cannot be later than the end date."
)
REPORT_RANGE = (
    "release_time_from and/or release_time_to parameter is missing or invalid. Please provide both a valid start date, "
    "and end date to query where start date cannot be later than the end date."
)
STATEMENT_RANGE = (
    "Invalid time range, Weekly reports must span from Day 1 (Monday) to Day 7 (Sunday), and monthly reports must cover "
    "from 1st to last day of the month."
)
STATEMENT_TYPE = "Wrong income statement type. Please provide the correct parameter."
STATEMENT_TYPE_LOCAL = "For local sellers, please input weekly or monthly."
DOCUMENT_ID = "Wrong document ID provided. Please provide the correct ID in integer format."
NOT_FOUND = "The information you queried is not found."
NOT_MART_SHOP = "Shop is not a mart shop. Please use Mart Shop ID."
CROSS_BORDER_ONLY = "This payment API is only applicable for cross boarder shop"
TIME_TOO_LARGE = "The param error: time period too large."
TIME_ORDER = "The param error: create_time_from bigger than create_time_to."
TIME_INVALID = "The param error: time is invalid"


class PaymentError(ShopeeError):
    """A payment API's own error code (``error`` is given per raise)."""


def order_not_found() -> PaymentError:
    return PaymentError(ORDER_NOT_FOUND, error="order_not_found")


def param(message: str) -> ParamError:
    return ParamError(message)
