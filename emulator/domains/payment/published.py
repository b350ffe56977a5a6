"""What this domain puts on the async edges: the events it publishes on the bus (what other domains
may subscribe to) and the kinds of clock job it schedules. Start-up refuses a subscription to an
event, or a job (scheduled or read back from a data file), that no domain names here."""
from emulator.domains.payment import jobs
from emulator.domains.payment.events import ESCROW_RELEASED

PUBLISHES = (ESCROW_RELEASED,)
SCHEDULES = jobs.KINDS
