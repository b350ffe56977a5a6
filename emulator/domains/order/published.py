"""The events this domain publishes on the bus: what other domains may subscribe to."""
from emulator.domains.order.partial import ITEMS_CANCELLED

PUBLISHES = ("order.created", "order.status_changed", ITEMS_CANCELLED)
