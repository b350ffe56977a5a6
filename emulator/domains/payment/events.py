"""The events the payment domain publishes on the bus (names owned here; subscribers import them)."""

ESCROW_RELEASED = "payment.escrow_released"  # order_sn, the escrow's amounts
