"""Mart and Outlet shops."""
from emulator.domains.shop.models import ShopModel


def install(emulator) -> None:  # type: ignore[no-untyped-def]
    emulator.shops = ShopModel(emulator)
