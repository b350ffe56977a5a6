"""What this domain puts on the async edges: the events it publishes on the bus (what other domains
may subscribe to) and the kinds of clock job it schedules. Start-up refuses a subscription to an
event, or a job (scheduled or read back from a data file), that no domain names here."""
from emulator.domains.shop.events import CREATED, HOLIDAY_MODE_CHANGED, PROFILE_UPDATED

PUBLISHES = (CREATED, PROFILE_UPDATED, HOLIDAY_MODE_CHANGED)
SCHEDULES: tuple[str, ...] = ()
