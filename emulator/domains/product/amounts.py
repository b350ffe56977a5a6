"""Exact money: Decimal amounts stored as strings, rendered as JSON numbers."""
from __future__ import annotations

from decimal import Decimal
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
