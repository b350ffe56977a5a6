"""Errors of the v2.discount.* APIs, with the platform's codes and strings.

    ShopeeError
    ├── DiscountNotFound   common.error_not_found: no such discount in the calling shop
    ├── DiscountError      a rule of the whole call; ``error`` carries the platform's code
    └── AuthError          error_auth "No permission to current api." (a Mart shop_id)

A rule that fails for one item or model of add/update_discount_item is not raised: it becomes an
``error_list`` entry (``Refusal``) and the other entries apply.
"""
from __future__ import annotations

from dataclasses import dataclass

from emulator.errors import NO_PERMISSION, AuthError, ShopeeError

NOT_FOUND = "The information you queried is not found."
START_BEFORE_NOW = "Discount start time is less than the current time."
END_BEFORE_START = "Discount end time should later than start time."
END_BEFORE_NOW = "Discount end time should later than the current time."
PERIOD_TOO_LONG = "Promotion duration must be within 180 days."
PERIOD_TOO_SHORT = "The end time should be later than 1 hour of start time."
TOO_MANY_DISCOUNTS = "The upcoming and ongoing discount cannot exceed 1000."
IS_END = "The end discount cannot be updated or deleted."
ONGOING_START = "The start time can‘t be changed when discount is in ongoing status."
EARLIER_START = "Promotion start time can only be changed to a later timing."
LATER_END = "Promotion end time can only be changed to an earlier timing."
# The pages pair these two codes with each other's sentence; both are kept as the pages print them.
NOT_DELETABLE = "Only the ongoing discount can be ended."
NOT_ENDABLE = "The ongoing discount cannot be deleted."
END_TOO_EARLY = "Only can end the discount after 1 hour of start time."
BATCH_TOO_BIG = "You can only add up to 50 items at a time."
ITEM_NOT_IN_DISCOUNT = "The item is not in this discount, please check it again."
NAME_EMPTY = "discount_name should not be empty"
NAME_TOO_LONG = "discount_name should be at most {limit} characters"
STATUS_INVALID = "discount_status should be one of upcoming/ongoing/expired/all"
PAGE_SIZE = "page_size should be between 1 and {limit}"
PAGE_NO = "page_no should be at least 1"
REPEATED_ITEM = "Repeat item_id."
ITEM_NOT_FOUND = "Product not found"
UPDATE_WINDOW = "update_time_from should not be later than update_time_to, and the range at most 30 days"

# Per-entry refusals of add/update_discount_item: (fail_error, fail_message)
ITEM_NOT_EXIST = ("discount.item_id_not_exist", "The Item id you provided is not found, please check your item id.")
ITEM_STATUS = ("discount.item_status_invalid", "item status is invalid.")
ITEM_REPEATED = ("discount.item_id_repeated", "The item id can't be upload due to it has duplicated.")
ITEM_IN_THIS = ("discount.item_in_promotion", "Item is already in this discount.")
ITEM_IN_OTHER = ("discount.item_in_other_promotion", "Item is already in other overlapped discount.")
ITEM_NEEDS_MODEL = ("discount.item_need_model_id", "Please input model id for the item with models.")
ITEM_NOT_IN = ("discount.item_not_in_promotion", "Item is not found in this discount.")
TOO_MANY_ITEMS = ("discount.item_in_promotion_too_many", "A maximum of 1000 items can be uploaded in one promotion")
MODEL_NOT_EXIST = ("discount.model_id_not_exist", "The model id you provided is not found. Please check your model id.")
MODEL_REPEATED = ("discount.model_id_repeated", "The model id can't be upload due to it has duplicated.")
MODEL_IN_THIS = ("discount.model_in_promotion", "The model that you provided is already in this discount.")
MODEL_NOT_IN = ("discount.model_not_in_promotion", "The model that you provided is not in this discount.")
NEED_PRICE = ("discount.discount_need_promotion_price", "Please input the discount price.")
PRICE_ABOVE = ("discount.promotion_price_higher_input_price", "Discount price is greater than original price.")
PRICE_TOO_LOW = ("discount.promotion_price_too_low", "Discount price is less than the minimum national amount.")
PRICE_VN = ("discount.promotion_price_for_vn", "The discount price has exceeded 50% of original price.")
NOT_ENOUGH_STOCK = ("discount.error_item_not_enough_stock", "Promotion Sock should be less than current stock")
ASSIGNED_STOCK = ("discount.error_assigned_promo_stock", "The reserved stock of added products or disabled products can't be edited")
BELOW_MPQ = ("discount.error_stock_less_than_mpq", "Promotion Sock should be more than {number}")
HOLIDAY_MODE = ("discount.error_holiday_mode", "Cannot add discount as holiday mode is turned on")
PURCHASE_LIMIT = ("discount.item_purchase_limit_error", "Purchase limit of this product must be greater than {number}.")


@dataclass(frozen=True)
class Refusal:
    """One failed entry of an item call, as ``error_list`` shows it."""

    item_id: int
    model_id: int
    fail_error: str
    fail_message: str

    def render(self) -> dict[str, object]:
        return {"item_id": self.item_id, "model_id": self.model_id, "fail_message": self.fail_message, "fail_error": self.fail_error}


class DiscountNotFound(ShopeeError):
    error = "common.error_not_found"


class DiscountError(ShopeeError):
    error = "discount.error"


def not_found() -> DiscountNotFound:
    return DiscountNotFound(NOT_FOUND)


def refuse(error: str, message: str) -> DiscountError:
    return DiscountError(message, error=error)


def mart_refused() -> AuthError:
    """A Mart runs no discounts of its own: the pages are silent, so the platform's generic refusal."""
    return AuthError(NO_PERMISSION)
