"""The events this domain publishes on the bus: none (it only listens)."""
PUBLISHES: tuple[str, ...] = ()
