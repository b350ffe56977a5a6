"""The events this domain publishes on the bus: what other domains may subscribe to."""
from emulator.domains.logistics.pause import CHANGED as PAUSE_CHANGED

PUBLISHES = (
    "order.tracking_number", "order.shipping_document_status", PAUSE_CHANGED, "logistics.channel_updated",
    "logistics.operating_hours_updated", "logistics.address_updated",
)
