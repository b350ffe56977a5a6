"""What this domain puts on the async edges: the events it publishes on the bus (what other domains
may subscribe to) and the kinds of clock job it schedules. Start-up refuses a subscription to an
event, or a job (scheduled or read back from a data file), that no domain names here."""
from emulator.domains.logistics import document_jobs, documents, events, pause, riders
from emulator.domains.logistics.pause import CHANGED as PAUSE_CHANGED

PUBLISHES = (
    events.TRACKING_NUMBER, events.SHIPPING_DOCUMENT_STATUS, PAUSE_CHANGED, events.CHANNEL_UPDATED,
    events.OPERATING_HOURS_UPDATED, events.ADDRESS_UPDATED,
)
SCHEDULES = (documents.DONE, document_jobs.DONE, riders.CALL, riders.STEP, pause.TAKES_EFFECT, pause.RUNS_OUT)
