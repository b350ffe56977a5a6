"""Returns and refunds: buyers' return requests on delivered orders, the seller's answers, Shopee's rulings."""
from emulator.domains.returns.models import ReturnModel


def install(emulator) -> None:  # type: ignore[no-untyped-def]
    emulator.returns = ReturnModel(emulator)
