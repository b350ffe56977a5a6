"""Exact money: Decimal amounts stored as strings, rendered as JSON numbers."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any


def money(value: Any) -> str:
    """Prices are exact decimal strings: whole amounts as integers, others to two places."""
    amount = Decimal(str(value))
    if amount == amount.to_integral_value():
        return str(amount.quantize(Decimal(1)))
    return str(amount.quantize(Decimal("0.01")))


def number(value: str) -> float:
    """A stored amount as the float the reference's JSON type asks for."""
    return float(Decimal(value))


# update_price's page: these regions' sellers price to two decimals, every other region's in whole
# units, and the product guide rounds what a seller fills in beyond that.
TWO_DECIMAL_REGIONS = frozenset({"SG", "MY", "BR", "MX", "PL", "ES", "AR"})


def price_places(region: str) -> Decimal:
    """The smallest price step a region's item prices take."""
    return Decimal("0.01") if region in TWO_DECIMAL_REGIONS else Decimal(1)


def round_price(amount: Decimal, region: str) -> Decimal:
    """A price rounded half up to its region's step, as the product guide rounds what is filled in."""
    return amount.quantize(price_places(region), rounding=ROUND_HALF_UP)


# The stock-and-price guide: the most expensive variation's price divided by the cheapest's may not
# exceed this multiple (CNSC, 7, is cross-border: not an Instant Mart shop).
PRICE_MULTIPLE = {"BR": 4, "SG": 5, "VN": 5, "TW": 5, "TH": 5, "PH": 5, "MX": 5, "ID": 7, "MY": 7, "CL": 9, "CO": 9}


def spread_too_large(region: str, prices: list[Any]) -> bool:
    """Whether an item's model prices are further apart than its region allows."""
    multiple = PRICE_MULTIPLE.get(region)
    amounts = [Decimal(str(p)) for p in prices]
    if multiple is None or len(amounts) < 2 or min(amounts) <= 0:
        return False
    return max(amounts) > min(amounts) * multiple
