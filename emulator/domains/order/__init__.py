"""Orders: test orders, the order lifecycle, packages and fulfilment."""
from emulator.domains.order.models import OrderModel


def install(emulator) -> None:  # type: ignore[no-untyped-def]
    emulator.orders = OrderModel(emulator)
