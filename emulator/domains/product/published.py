"""The events this domain publishes on the bus: what other domains may subscribe to."""
from emulator.domains.product.stock import RESERVED_CHANGED
from emulator.domains.product.video import EVENT as VIDEO_TRANSCODED

# stock_changed and price_changed have no subscriber: they are what GET /_emulator/events shows
PUBLISHES = (RESERVED_CHANGED, VIDEO_TRANSCODED, "product.stock_changed", "product.price_changed",
             "product.batch_task_finished")
