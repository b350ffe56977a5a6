"""Products: the Mart catalogue, its Outlet copies, variants, stock and price."""
from emulator.domains.product.models import ProductModel


def install(emulator) -> None:  # type: ignore[no-untyped-def]
    emulator.products = ProductModel(emulator)
