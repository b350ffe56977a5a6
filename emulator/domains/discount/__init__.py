"""Outlet discounts (v2.discount.*): promotion prices on the clock, read by products and test orders."""
from emulator.domains.discount.models import DiscountModel


def install(emulator) -> None:  # type: ignore[no-untyped-def]
    emulator.discounts = DiscountModel(emulator)
    emulator.products.promotions = emulator.discounts
