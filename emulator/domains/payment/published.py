"""The events this domain publishes on the bus: what other domains may subscribe to."""
PUBLISHES = ("payment.escrow_released",)
