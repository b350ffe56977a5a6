"""The events this domain publishes on the bus: what other domains may subscribe to."""
from emulator.domains.returns.models import COMPENSATION_APPROVED

PUBLISHES = ("return.created", "return.status_changed", COMPENSATION_APPROVED)
