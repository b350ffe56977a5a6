"""Payment: escrow per order, the Outlets' wallets and the asynchronous income documents."""
from emulator.domains.payment.models import PaymentModel


def install(emulator) -> None:  # type: ignore[no-untyped-def]
    emulator.payments = PaymentModel(emulator)
