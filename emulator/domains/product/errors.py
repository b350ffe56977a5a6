"""Product errors, with the platform's codes and strings.

    ShopeeError
    ├── ItemNotFound        error_item_not_found: no such item in this shop (or deleted)
    ├── NotBelongShop       error_item_not_belong_shop: the item is another shop's
    ├── ProductError        any other product rule, with the code given at the raise site
    └── OwnershipError      error_param: a field owned by the other side of the Mart/Outlet split

Messages are constants so tests can assert on them; ``{…}`` placeholders are the platform's
``{{.error_info}}`` slots, filled with what went wrong.
"""
from __future__ import annotations

from emulator.errors import ShopeeError

PRODUCT_NOT_FOUND = "Product not found"
ITEM_ID_NOT_FOUND = "Item_id is not found."
NOT_BELONG_SHOP = "Item not belong to shop."
CONSTRAINTS = "Parameter is not match the constraints, {info}."
INVALID_CATEGORY = "Invalid category."
INVALID_CATEGORY_ID = "Invalid category ID {info}"
MANDATORY_ATTRIBUTE = "Mandatory attribute information required"
CATEGORY_ATTRIBUTE_MISMATCH = "Category and attribute not match."
INVALID_ATTRIBUTE_VALUE = "Invalid attribute value."
VALUE_ID_MUST_BE_ZERO = "Value_id must equal 0."
VALUE_NAME_REQUIRED = "Value_name is required."
INVALID_BRAND = "Invalid brand"
BRAND_REQUIRED = "Brand information required"
BRAND_NAME_REQUIRED = "Brand name required"
NO_BRAND_ID = 'Brand ID value should be "0".'
INVALID_GTIN = "This is not a valid GTIN. Please, inform a valid number."
GTIN_MANDATORY = "The GTIN code is mandatory, please check and upload again."
IMAGE_NOT_EXIST = "Image not exist."
INVALID_WEIGHT = "Invalid Weight."
DIMENSION_REQUIRED = "dimension is required"
INVALID_DTS = "Invalid days_to_ship."
NO_PRE_ORDER = "Category does not support pre-order."
PRICE_TOO_LOW = "Original_price is less than min price limit."
PRICE_TOO_HIGH = "Original_price is bigger than max price limit."
PRICE_OUT_OF_RANGE = "Price is out of range."
INVALID_PRICE = "Invalid price, please use the correct format"
NAME_EMPTY = "Item name could not be empty."
NAME_TOO_SHORT = "Item_name length is less than min limit."
NAME_TOO_LONG = "The length of item_name is bigger than max limit."
DESC_TOO_SHORT = "Description length is less than the min limit."
INVALID_LOGISTIC = "Invalid logistic info, {info}"
INVALID_WHOLESALE = "Invalid wholesale setting."
WHOLESALE_ABOVE_PRICE = "Wholesale price can't more than original price."
WHOLESALE_RATIO = "Wholesale price is less than ratio limit."
PRICE_BELOW_WHOLESALE = "Original_price should bigger then wholesale price"
ITEM_COUNT_LIMIT = "Item published item count reaches limit."
ITEM_STATUS_ERROR = "Item status error."
UPDATE_TIME_RANGE = "Update_time_to should be later than update_time_from."
OFFSET_OVER_LIMIT = "get items offset over limit, please use the next field"
SEARCH_NEEDS_FILTER = "request must set one of [item_name,attribute_status]"
REPEAT_MODEL = "Repeat model_id."
WRONG_MODEL = "Wrong model_id."
STOCK_BELOW_RESERVED = "Can not update item with stock less than reserve stock"
UPDATE_STOCK_FAILED = "Update stock failed, please check failure_list for detailed reason"
UNLIST_ALL_FAILED = "Unlist item all failed."
RELIST_UNLISTED = "Cannot change unlisted item status to normal directly, need to publishdelisted item first."
INVALID_MODEL_ID = "Invalid model_id."
MODEL_ITEM_MISMATCH = "Model_id and item_id not match."
TIER_LEVEL_OVER_2 = "The level of tier-variation over 2."
TIER_LEVEL_SAME = "The level of tier-variation not change."
TIER_LEVEL_CHANGE = "Canot change the level of tier-variation."
TIER_INDEX_ERROR = "Model tier_index error."
TIER_INDEX_REQUIRED = "Item tier_index is required."
TIER_INDEX_BOUND = "Invalid item iter_index."
TIER_INDEX_LEVEL = "Item tier_index level mismatch tier variation list level."
TIER_INDEX_MISSING = "The tier_index is not exist"
TIER_COUNT = "Count of tier_variation options should be under 50. Count of 2-level variations combinations should be under 50."
NO_TIER_VARIATION = "Item without tier_variation. Please use init_tier_variation api to upgrade the structure."
DUPLICATE_TIER_INDEX = "Item have duplicate tier_index."
DUPLICATE_TIER_NAME = "Item tier_variation have duplicate name."
WRONG_MODEL_OF_ITEM = "The model_id is wrong or not related to this item, model_id:{model_id}"
DUPLICATE_MODEL = "The model_id is duplicate, model_id:{model_id}"
TIER_NAME_EMPTY = "Item tier_variation name cannot be empty."
CANNOT_DELETE_ALL_MODELS = "Cannot delete all models by this api."
DEFAULT_MODEL = "Can't delete default model."
ITEM_HAS_MODEL_PRICE = "Can't edit item price directly while item has models."
ITEM_HAS_MODEL_STOCK = "Can't to edit item stock directly while item has models."
# an upcoming or ongoing discount holds the item (docs/decisions.md, "Items under promotion")
ITEM_PRICE_IN_PROMOTION = "Original_price cannot be edited when item is under promotion."
MODEL_PRICE_IN_PROMOTION = "Price cannot be changed when model is under promotion."
DELETE_IN_PROMOTION = "Item cannot be deleted when item is under promotion."
UNLIST_IN_PROMOTION = "Item cannot be unlisted when item is under promotion."
UNLIST_LOCK_IN_PROMOTION = "Can't unlist item when item is under promotion."
MODEL_IN_PROMOTION = "Model cannot be deleted when item/model is under promotion or groupbuy."
OPTION_IN_PROMOTION = "Option of tier_variation cannot be deleted when item is under promotion."
NO_VARIATION_IN_PROMOTION = "Item cannot be without model when item is under promotion."
INIT_TIER_IN_PROMOTION = "Tier_variation cannot be changed when item is under promotion."
STRUCTURE_IN_PROMOTION = "Structure of tier_variation cannot be edited when item is under promotion."
IMAGE_TOO_LARGE = "image size should be less than 10.0 MB"
IMAGE_FORMAT = "image format should be one of JPG, JPEG, PNG"
IMAGE_COUNT = "image number should be less than 9"
# Instant Mart rules appear only in the integration guide, which gives no strings (docs/decisions.md).
MART_OWNED = "{field} is managed by the Mart item; update it with the Mart shop_id."
OUTLET_OWNED = "{field} is managed by the Outlet item; update it with the Outlet shop_id."
OUTLET_CANNOT_ADD = "Outlet shop can not add item. Add the item with the Mart shop_id and publish it to the outlet."
NOT_MART_SHOP = "shop_id {shop_id} is not a Mart shop."
OUTLET_NOT_UNDER_MART = "outlet_shop_id {outlet_shop_id} is not an outlet of this Mart shop."
# the page's error example: the listing service's lock on one Outlet SKU per Mart product and shop
ALREADY_PUBLISHED = ("external system business error : call marketplace.listing.upload.product error: lock: {itemID: 0, "
                     "[lockID: 127, msg: Outlet SKU cannot be created because the mart product related to another outlet SKU in this shop.]}")
MODELS_NOT_MATCH = "publish_item.model does not match the Mart item's models: {info}."
QUERIED_NOT_FOUND = "The information you queried is not found."
CHANNEL_NOT_ENABLED = "logistic_id {logistic_id} is not enabled for outlet_shop_id {outlet_shop_id}."


class ItemNotFound(ShopeeError):
    """No such item in the calling shop."""

    error = "error_item_not_found"


class NotBelongShop(ShopeeError):
    """The item exists but belongs to another shop."""

    error = "error_item_not_belong_shop"


class ProductError(ShopeeError):
    """A product rule; the platform's code is passed where it is raised."""

    error = "error_param"


class OwnershipError(ShopeeError):
    """A field changed on the wrong side of the Mart/Outlet split."""

    error = "error_param"


def constraints(info: str) -> ProductError:
    return ProductError(CONSTRAINTS.format(info=info))


WRONG_PARAMS = "Wrong parameters, detail: {msg}."


def wrong(detail: str) -> ProductError:
    return ProductError(WRONG_PARAMS.format(msg=detail))
