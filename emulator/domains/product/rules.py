"""The platform's checks on item fields, against the region's catalogue and limits.

Each check either returns the normalised value to store or raises the platform's error. Checks
run before anything is written, so a refused call changes nothing.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from emulator.domains.product import errors as e
from emulator.domains.product.amounts import money, round_price, spread_too_large
from emulator.domains.product.catalogue import (
    DATE_TYPE,
    FLOAT_TYPE,
    INPUT_TYPES_WITH_FREE_VALUES,
    INT_TYPE,
    MONTH_YEAR,
    MULTI_VALUE_TYPES,
    STRING_TYPE,
    TEXT_FIELD,
    Catalogue,
    catalogue,
)
from emulator.domains.product.channels import fulfilment_channel, product_channel
from emulator.domains.product.errors import ProductError, constraints
from emulator.domains.shop.warehouses import WRONG_LOCATION
from emulator.errors import wrong_parameters

if TYPE_CHECKING:
    from emulator.world import Emulator

SKU_MAX = 100
LAST_TIMESTAMP = 253402300799  # 9999-12-31: a date attribute's timestamp must still be a calendar date
CONDITIONS = ("NEW", "USED")
SETTABLE_STATUSES = ("NORMAL", "UNLIST")
DESCRIPTION_TYPES = ("normal", "extended")
# get_item_limit's wholesale_price_threshold_percentage: a tier's unit price as a share of the original price
WHOLESALE_PERCENT = {"min_limit": 10, "max_limit": 100}
NO_GTIN = "00"
GTIN_RULES = ("Mandatory", "Flexible", "Optional")
# the dangerous-goods flag exists for local sellers of these regions only (add_item's page)
DANGEROUS_GOODS_REGIONS = ("ID", "MY")
HOUR, DAY = 3600, 86400


class Rules:
    """Field checks of one emulator's region."""

    def __init__(self, emulator: "Emulator") -> None:
        self.emulator = emulator

    @property
    def catalogue(self) -> Catalogue:
        return catalogue(self.emulator.world["region"])

    @property
    def limits(self) -> dict[str, Any]:
        return self.catalogue.limits

    # -- single fields ---------------------------------------------------------------------------
    def item_name(self, value: str) -> str:
        name = value.strip()
        low, high = self.limits["item_name"]["min"], self.limits["item_name"]["max"]
        if not name:
            raise ProductError(e.NAME_EMPTY, error="error_item_name_empty")
        if len(name) < low:
            raise ProductError(e.NAME_TOO_SHORT, error="error_item_name_is_too_short")
        if len(name) > high:
            raise ProductError(e.NAME_TOO_LONG, error="error_title_exceeds_max_length")
        return name

    def description(self, value: str) -> str:
        low, high = self.limits["description"]["min"], self.limits["description"]["max"]
        if len(value.strip()) < low:
            raise ProductError(e.DESC_TOO_SHORT, error="error_desc_length_min_limit")
        if len(value) > high:
            raise constraints(f"description length should be less than {high}")
        return value

    def category(self, category_id: int) -> dict[str, Any]:
        category = self.catalogue.leaf(category_id)
        if category is None:
            raise ProductError(e.INVALID_CATEGORY)
        return category

    def price(self, value: Any, field: str = "original_price") -> str:
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            raise ProductError(e.INVALID_PRICE, error="error_invalid_price") from None
        if not amount.is_finite() or amount <= 0:
            raise ProductError(e.INVALID_PRICE, error="error_invalid_price")
        high = Decimal(str(self.limits["price"]["max"]))
        if amount > high + 1:  # refused before rounding: quantizing past 28 digits raises
            raise ProductError(e.PRICE_TOO_HIGH, error="error_price_exceed_max_limitt")
        amount = round_price(amount, self.emulator.world["region"])
        if amount < Decimal(str(self.limits["price"]["min"])):
            raise ProductError(e.PRICE_TOO_LOW, error="error_price_exceed_min_limitt")
        if amount > high:
            raise ProductError(e.PRICE_TOO_HIGH, error="error_price_exceed_max_limitt")
        return money(amount)

    def stock(self, value: int) -> int:
        low, high = self.limits["stock"]["min"], self.limits["stock"]["max"]
        if not low <= value <= high:
            raise constraints(f"stock should be between {low} and {high}")
        return int(value)

    def price_spread(self, prices: list[Any]) -> None:
        """An item's model prices may not be further apart than the guide's multiple for the region
        (the most expensive divided by the cheapest), answered with update_price's range error."""
        if spread_too_large(self.emulator.world["region"], prices):
            raise ProductError(e.PRICE_OUT_OF_RANGE, error="error_price_out_of_range")

    def seller_stock(self, shop_id: int, entries: list[dict[str, Any]] | None, where: str = "seller_stock",
                     location_required: bool = False) -> tuple[str, int]:
        """One stock location per model, the shop's own: ``(location_id, stock)``.

        Every API that takes ``seller_stock[].location_id`` checks it here against the location
        get_warehouse_detail names for ``shop_id`` (none outside the warehouse programme);
        ``location_required``: a warehouse Outlet must name it (update_stock's page)."""
        if not entries:
            raise wrong_parameters(f"{where} is required")
        locations = {str(entry.get("location_id") or "") for entry in entries}
        if len(locations) != len(entries):
            raise constraints(f"{where} has a repeated location_id")
        if len(entries) > 1:
            raise ProductError(WRONG_LOCATION, error="error_auth")
        stock = self.stock(int(entries[0]["stock"]))
        return self.emulator.shops.warehouses.stock_location(shop_id, entries[0].get("location_id"), location_required), stock

    def weight(self, value: Any) -> str:
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            raise ProductError(e.INVALID_WEIGHT) from None
        low, high = Decimal(str(self.limits["weight"]["min"])), Decimal(str(self.limits["weight"]["max"]))
        if not amount.is_finite() or not low <= amount <= high:
            raise ProductError(e.INVALID_WEIGHT)
        return str(amount.normalize()) if amount != amount.to_integral_value() else str(amount.quantize(Decimal(1)))

    def dimension(self, value: dict[str, Any] | None) -> dict[str, int]:
        if not value:
            raise ProductError(e.DIMENSION_REQUIRED)
        low, high = self.limits["dimension"]["min"], self.limits["dimension"]["max"]
        out = {}
        for name in ("package_length", "package_width", "package_height"):
            size = value.get(name)
            if size is None:
                raise ProductError(e.DIMENSION_REQUIRED)
            if not low <= int(size) <= high:
                raise constraints(f"{name} should be between {low} and {high}")
            out[name] = int(size)
        return out

    def sku(self, value: str, field: str = "item_sku") -> str:
        if len(value) > SKU_MAX:
            raise constraints(f"{field} length should be no more than {SKU_MAX}")
        return value

    def condition(self, value: str) -> str:
        if value.upper() not in CONDITIONS:
            raise wrong_parameters("condition should be NEW or USED")
        return value.upper()

    @property
    def gtin_rule(self) -> str:
        """get_item_limit's gtin_validation_rule for the region."""
        return str(self.limits.get("gtin_validation_rule") or "Optional")

    def gtin(self, value: str | None) -> str:
        """A GS1 number of 8 to 14 digits whose last digit checks, or "00" (no GTIN) unless the rule
        is Mandatory; left out (None or "") only where the rule is Optional."""
        code = (value or "").strip()
        if not code:
            if self.gtin_rule != "Optional":
                raise ProductError(e.GTIN_MANDATORY, error="product.error_busi")
            return ""
        if code == NO_GTIN:
            if self.gtin_rule == "Mandatory":
                raise ProductError(e.GTIN_MANDATORY, error="product.error_busi")
            return code
        if not (code.isascii() and code.isdigit() and 8 <= len(code) <= 14 and _gs1_check_digit(code[:-1]) == int(code[-1])):
            raise ProductError(e.INVALID_GTIN, error="error_param_validate")
        return code

    def item_dangerous(self, value: Any) -> int:
        flag = int(value or 0)
        if flag not in (0, 1):
            raise wrong_parameters("item_dangerous should be 0 or 1")
        if flag and self.emulator.world["region"] not in DANGEROUS_GOODS_REGIONS:
            raise wrong_parameters(f"item_dangerous is only for local sellers in {' and '.join(DANGEROUS_GOODS_REGIONS)}")
        return flag

    def scheduled_publish_time(self, value: Any, item_status: str) -> int:
        """A whole minute from an hour to 90 days ahead of the (virtual) now, for an UNLIST item; 0 clears it."""
        when = int(value or 0)
        if not when:
            return 0
        if item_status != "UNLIST":
            raise constraints("scheduled_publish_time can only be set for an item with UNLIST status")
        now = self.emulator.clock.now()
        if not now + HOUR <= when <= now + 90 * DAY:
            raise constraints("scheduled_publish_time should be from 1 hour to 90 days after the current time")
        if when % 60:
            raise constraints("scheduled_publish_time should be a whole minute")
        return when

    def promotion_images(self, value: dict[str, Any], image: dict[str, Any]) -> dict[str, Any]:
        """At most one issued image, and only beside 3:4 item images."""
        ids = [str(i) for i in value.get("image_id_list") or []]
        if ids and image.get("image_ratio") != "3:4":
            raise constraints("promotion_images can only be set when the item images are 3:4")
        if len(ids) > 1:
            raise constraints("promotion_images should have at most 1 image")
        self.issued(ids)
        return {"image_id_list": ids}

    def channels_fit(self, channels: list[dict[str, Any]], weight: Any, dimension: dict[str, int] | None) -> None:
        """Every enabled channel takes the package: SIZE_INPUT channels (all of Instant Mart's) need
        its dimension, and its weight and sides may not pass what get_channel_list gives the channel."""
        region = self.emulator.world["region"]
        for entry in channels:
            if not entry["enabled"]:
                continue
            channel_id = entry["logistic_id"]
            channel = product_channel(region, channel_id) or {}
            if channel.get("fee_type") == "SIZE_INPUT" and not dimension:
                raise ProductError(e.DIMENSION_REQUIRED)
            problem = _package_problem(channel, Decimal(str(weight)), dimension or {})
            if problem:
                raise ProductError(e.INVALID_LOGISTIC.format(info=f"{problem} of logistic_id {channel_id}"))

    def item_status(self, value: str) -> str:
        if value not in SETTABLE_STATUSES:
            raise wrong_parameters("item_status should be NORMAL or UNLIST")
        return value

    def images(self, value: dict[str, Any]) -> dict[str, Any]:
        ids = [str(i) for i in value.get("image_id_list") or []]
        low, high = self.limits["image_count"]["min"], self.limits["image_count"]["max"]
        if not low <= len(ids) <= high:
            raise constraints(f"image_id_list should have between {low} and {high} images")
        self.issued(ids)
        ratio = value.get("image_ratio") or "1:1"
        if ratio not in ("1:1", "3:4"):
            raise wrong_parameters("image_ratio should be 1:1 or 3:4")
        return {"image_id_list": ids, "image_ratio": ratio}

    def issued(self, image_ids: list[str]) -> None:
        media = self.emulator.products.media
        if any(not media.issued(i) for i in image_ids):
            raise ProductError(e.IMAGE_NOT_EXIST)

    def pre_order(self, value: dict[str, Any], category: dict[str, Any] | None) -> dict[str, Any]:
        is_pre_order = bool(value.get("is_pre_order"))
        dts = value.get("days_to_ship")
        if is_pre_order:
            if category is not None and not category["pre_order"]:
                raise ProductError(e.NO_PRE_ORDER, error="error_param_category_not_support_pre_order")
            low, high = self.limits["pre_order_days_to_ship"]["min"], self.limits["pre_order_days_to_ship"]["max"]
            if dts is None or not low <= int(dts) <= high:
                raise ProductError(e.INVALID_DTS, error="error_invalid_days_to_ship")
        else:
            high = self.limits["non_pre_order_days_to_ship"]
            dts = high if dts is None else dts
            if not 1 <= int(dts) <= high:
                raise ProductError(e.INVALID_DTS, error="error_invalid_days_to_ship")
        return {"is_pre_order": is_pre_order, "days_to_ship": int(dts)}

    def logistic_info(self, value: list[dict[str, Any]], enabled_channels: list[int] | None = None) -> list[dict[str, Any]]:
        """Product channels of the region (and, given the shop's enabled ones, switched on there); one must be on."""
        region = self.emulator.world["region"]
        out = []
        seen = set()
        for entry in value:
            channel_id = int(entry["logistic_id"])
            channel = self._product_channel(region, channel_id)
            if channel_id in seen:
                raise ProductError(e.INVALID_LOGISTIC.format(info=f"logistic_id {channel_id} is repeated"))
            seen.add(channel_id)
            if enabled_channels is not None and entry.get("enabled", True) and channel_id not in enabled_channels:
                raise ProductError(e.INVALID_LOGISTIC.format(info=f"logistic_id {channel_id} is not enabled for this shop"))
            out.append({
                "logistic_id": channel_id, "logistic_name": channel["name"], "enabled": bool(entry.get("enabled", True)),
                "shipping_fee": float(entry.get("shipping_fee") or 0), "size_id": int(entry.get("size_id") or 0),
                "is_free": bool(entry.get("is_free", False)),
            })
        if not any(c["enabled"] for c in out):
            raise ProductError(e.INVALID_LOGISTIC.format(info="at least one logistics channel should be enabled"))
        return out

    @staticmethod
    def _product_channel(region: str, channel_id: int) -> dict[str, Any]:
        channel = product_channel(region, channel_id)
        if channel is not None:
            return channel
        child = fulfilment_channel(region, channel_id)
        if child is not None:
            info = f"logistic_id {channel_id} can not be set for product, use its mask channel {child['mask_channel_id']}"
            raise ProductError(e.INVALID_LOGISTIC.format(info=info))
        raise ProductError(e.INVALID_LOGISTIC.format(info=f"logistic_id {channel_id} does not exist"))

    def purchase_limit(self, value: dict[str, Any] | None) -> dict[str, Any] | None:
        """A minimum per order, and a maximum of 0 (none) or at least the minimum; None clears the limit."""
        if not value:
            return None
        low = int(value.get("min_purchase_limit") or 0)
        high = int(((value.get("max_purchase_limit") or {}).get("purchase_limit")) or 0)
        if low < 0 or high < 0 or (high and low > high):
            raise constraints("min_purchase_limit should not be bigger than max_purchase_limit")
        return {"min_purchase_limit": low, "max_purchase_limit": {"purchase_limit": high}}

    def wholesale(self, tiers: list[dict[str, Any]], price: str) -> list[dict[str, Any]]:
        """Tiers by growing quantity, each cheaper than the one before and than ``price``, none
        below get_item_limit's share of ``price``."""
        out = []
        previous_max, previous_price = 0, None
        for tier in tiers:
            low, high = int(tier["min_count"]), int(tier["max_count"])
            stored = self.price(tier["unit_price"])
            unit = Decimal(stored)  # compared as stored: two tiers apart only before rounding are the same price
            if low < 2 or high < low or low <= previous_max:
                raise ProductError(e.INVALID_WHOLESALE)
            if unit >= Decimal(price):
                raise ProductError(e.WHOLESALE_ABOVE_PRICE, error="error_whole_sale_price_setting_incorrect")
            if previous_price is not None and unit >= previous_price:
                # no string of its own on the pages: a tier that is not cheaper than the one before is a wrong setting
                raise ProductError(e.INVALID_WHOLESALE)
            previous_max, previous_price = high, unit
            out.append({"min_count": low, "max_count": high, "unit_price": stored})
        if out:
            self.wholesale_fits(out, price)
        return out

    @staticmethod
    def wholesale_fits(tiers: list[dict[str, Any]], price: str) -> None:
        """Whether an original price still sits above every wholesale tier and the cheapest tier
        within get_item_limit's share of it (update_price's two errors)."""
        if not tiers:
            return
        amount = Decimal(price)
        units = [Decimal(str(t["unit_price"])) for t in tiers]
        if max(units) >= amount:
            raise ProductError(e.PRICE_BELOW_WHOLESALE, error="error_busi_price_lower_then_wholesale_price")
        if min(units) * 100 < amount * WHOLESALE_PERCENT["min_limit"]:
            raise ProductError(e.WHOLESALE_RATIO, error="error_wholesale_price_less_than_ratio_limit")

    # -- attributes and brand ----------------------------------------------------------------------
    def brand(self, value: dict[str, Any] | None, category_id: int) -> dict[str, Any]:
        brand_id = int((value or {}).get("brand_id") or 0)
        if brand_id and not str((value or {}).get("original_brand_name") or "").strip():
            # the page requires the name beside the id; published clients send a bare brand_id 0
            # (or an empty name) for "No Brand", which the platform takes
            raise ProductError(e.BRAND_NAME_REQUIRED, error="error_invalid_brand")
        if brand_id and _spells_no_brand(str((value or {}).get("original_brand_name") or "")):
            raise ProductError(e.NO_BRAND_ID, error="error_invalid_brand")  # "No Brand" is brand 0
        if brand_id == 0:
            if self.catalogue.brand_mandatory(category_id):
                raise ProductError(e.BRAND_REQUIRED, error="error_invalid_brand")
            return {"brand_id": 0, "original_brand_name": str((value or {}).get("original_brand_name") or "").strip() or "NoBrand"}
        brand = self.catalogue.brand(category_id, brand_id)
        if brand is None or brand["status"] != 1:
            raise ProductError(e.INVALID_BRAND, error="error_invalid_brand")
        return {"brand_id": brand_id, "original_brand_name": brand["name"]}

    def attributes(self, given: list[dict[str, Any]], category_id: int) -> list[dict[str, Any]]:
        allowed = {a["attribute_id"]: a for a in self.catalogue.attributes_of(category_id)}
        out = []
        for entry in given:
            attribute = allowed.get(int(entry["attribute_id"]))
            if attribute is None:
                raise ProductError(e.CATEGORY_ATTRIBUTE_MISMATCH, error="error_invalid_category_attribute")
            values = [self._attribute_value(attribute, v) for v in entry.get("attribute_value_list") or []]
            limit = attribute.get("max_value_count", 1) if attribute["input_type"] in MULTI_VALUE_TYPES else 1
            if not values or len(values) > limit:
                raise ProductError(e.INVALID_ATTRIBUTE_VALUE, error="error_invalid_attribute_value")
            out.append({"attribute_id": attribute["attribute_id"], "original_attribute_name": attribute["name"],
                        "is_mandatory": attribute["mandatory"], "attribute_value_list": values})
        present = {a["attribute_id"] for a in out}
        if len(present) != len(out):
            raise ProductError(e.INVALID_ATTRIBUTE_VALUE, error="error_invalid_attribute_value")
        if any(a["mandatory"] and a["attribute_id"] not in present for a in allowed.values()):
            raise ProductError(e.MANDATORY_ATTRIBUTE, error="error_invalid_attribute")
        return out

    def _attribute_value(self, attribute: dict[str, Any], value: dict[str, Any]) -> dict[str, Any]:
        value_id = int(value.get("value_id") or 0)
        name = str(value.get("original_value_name") or "").strip()
        unit = str(value.get("value_unit") or "").strip()
        if value_id == 0:
            if attribute["input_type"] not in INPUT_TYPES_WITH_FREE_VALUES:
                raise ProductError(e.INVALID_ATTRIBUTE_VALUE, error="error_invalid_attribute_value")
            if not name:
                raise ProductError(e.VALUE_NAME_REQUIRED, error="error_value_name_required")
            if attribute.get("units") and unit not in attribute["units"]:
                raise ProductError(e.INVALID_ATTRIBUTE_VALUE, error="error_invalid_attribute_value")
            return {"value_id": 0, "original_value_name": self._typed_value(attribute, name), "value_unit": unit}
        if attribute["input_type"] == TEXT_FIELD:
            raise ProductError(e.VALUE_ID_MUST_BE_ZERO, error="error_value_id_must_equal_zero")
        known = next((v for v in attribute["values"] if v["value_id"] == value_id), None)
        if known is None:
            raise ProductError(e.INVALID_ATTRIBUTE_VALUE, error="error_invalid_attribute_value")
        return {"value_id": value_id, "original_value_name": known["name"], "value_unit": ""}

    def _typed_value(self, attribute: dict[str, Any], name: str) -> str:
        """A typed-in value as its input_validation_type wants it; a date comes in as a Unix
        timestamp and is kept as the readable date get_item_base_info shows (product creation guide)."""
        kind = attribute.get("validation", STRING_TYPE)
        pattern = {INT_TYPE: r"-?\d+", FLOAT_TYPE: r"-?\d+(\.\d+)?", DATE_TYPE: r"\d{1,12}"}.get(kind)
        if pattern is not None and re.fullmatch(pattern, name, flags=re.ASCII) is None:
            raise ProductError(e.INVALID_ATTRIBUTE_VALUE, error="error_invalid_attribute_value")
        if kind != DATE_TYPE:
            return name
        if int(name) > LAST_TIMESTAMP:
            raise ProductError(e.INVALID_ATTRIBUTE_VALUE, error="error_invalid_attribute_value")
        day = dt.datetime.fromtimestamp(int(name), ZoneInfo(self.emulator.world.get("timezone", "UTC")))
        return f"{day:%m/%Y}" if attribute.get("date_format") == MONTH_YEAR else f"{day:%d/%m/%Y}"

    def description_info(self, value: dict[str, Any] | None) -> dict[str, Any]:
        fields = ((value or {}).get("extended_description") or {}).get("field_list") or []
        out: list[dict[str, Any]] = []
        high = self.limits["description"]["max"]
        if len(fields) > high:
            raise constraints(f"description_info.extended_description.field_list should have at most {high} fields")
        for field in fields:
            kind = field.get("field_type")
            if kind == "text":
                text = str(field.get("text") or "")
                if not text.strip():
                    raise wrong_parameters("a text field of description_info needs its text")
                out.append({"field_type": "text", "text": text})
            elif kind == "image":
                image_id = str((field.get("image_info") or {}).get("image_id") or "")
                self.issued([image_id])
                out.append({"field_type": "image", "image_info": {"image_id": image_id}})
            else:
                raise wrong_parameters("field_type should be text or image")
        if not out:
            raise wrong_parameters("description_info.extended_description.field_list is required")
        # the extended description's text is held to the plain description's length, all fields together
        if sum(len(f["text"]) for f in out if f["field_type"] == "text") > high:
            raise constraints(f"description length should be less than {high}")
        return {"extended_description": {"field_list": out}}


def _gs1_check_digit(body: str) -> int:
    """GS1's mod-10 check digit: weights 3 and 1 alternate from the digit next to it."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def _package_problem(channel: dict[str, Any], weight: Decimal, dimension: dict[str, int]) -> str:
    """What of the package a channel cannot carry ("" if nothing); a limit of 0 is no limit."""
    max_weight = Decimal(str((channel.get("weight_limit") or {}).get("item_max_weight") or 0))
    if max_weight and weight > max_weight:
        return f"weight {weight.normalize():f} kg is more than the {max_weight.normalize():f} kg limit"
    sides = channel.get("item_max_dimension") or {}
    for name, side in (("package_length", "length"), ("package_width", "width"), ("package_height", "height")):
        limit = float(sides.get(side) or 0)
        if limit and name in dimension and dimension[name] > limit:
            return f"{name} {dimension[name]} cm is more than the {limit:g} cm limit"
    total, limit = sum(dimension.values()), float(sides.get("dimension_sum") or 0)
    if limit and dimension and total > limit:
        return f"package sides add up to {total} cm, more than the {limit:g} cm limit"
    return ""


def _spells_no_brand(name: str) -> bool:
    """``NoBrand``, ``No Brand``, ``no-brand``: the name the platform gives brand 0."""
    return "".join(ch for ch in name.lower() if ch.isalnum()) == "nobrand"
