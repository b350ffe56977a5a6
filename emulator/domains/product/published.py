"""What this domain puts on the async edges: the events it publishes on the bus (what other domains
may subscribe to) and the kinds of clock job it schedules. Start-up refuses a subscription to an
event, or a job (scheduled or read back from a data file), that no domain names here."""
from emulator.domains.product import batch, events, schedule, video
from emulator.domains.product.outlet import PRICE_CHANGED
from emulator.domains.product.stock import RESERVED_CHANGED, STOCK_CHANGED
from emulator.domains.product.video import EVENT as VIDEO_TRANSCODED

# stock_changed, price_changed and the item events have no subscriber: they are what GET /_emulator/events shows
PUBLISHES = (
    RESERVED_CHANGED, VIDEO_TRANSCODED, STOCK_CHANGED, PRICE_CHANGED, batch.EVENT,
    events.ITEM_CREATED, events.ITEM_PUBLISHED, events.ITEM_UPDATED, events.ITEM_DELETED,
)
SCHEDULES = (batch.JOB, video.JOB, schedule.JOB)
