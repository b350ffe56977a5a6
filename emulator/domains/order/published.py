"""What this domain puts on the async edges: the events it publishes on the bus (what other domains
may subscribe to) and the kinds of clock job it schedules. Start-up refuses a subscription to an
event, or a job (scheduled or read back from a data file), that no domain names here."""
from emulator.domains.order import events, jobs
from emulator.domains.order.partial import ITEMS_CANCELLED

PUBLISHES = (events.CREATED, events.STATUS_CHANGED, ITEMS_CANCELLED)
SCHEDULES = jobs.KINDS
