"""What this domain puts on the async edges: the events it publishes on the bus (what other domains
may subscribe to) and the kinds of clock job it schedules. Start-up refuses a subscription to an
event, or a job (scheduled or read back from a data file), that no domain names here."""
from emulator.domains.logistics import document_jobs, documents, pause, riders
from emulator.domains.logistics.pause import CHANGED as PAUSE_CHANGED

PUBLISHES = (
    "order.tracking_number", "order.shipping_document_status", PAUSE_CHANGED, "logistics.channel_updated",
    "logistics.operating_hours_updated", "logistics.address_updated",
)
SCHEDULES = (documents.DONE, document_jobs.DONE, riders.CALL, riders.STEP, pause.TAKES_EFFECT, pause.RUNS_OUT)
