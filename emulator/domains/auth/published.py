"""The events this domain publishes on the bus: what other domains may subscribe to."""
from emulator.domains.auth.authorizations import AUTHORIZED, CANCELLED, EXPIRING

PUBLISHES = (AUTHORIZED, CANCELLED, EXPIRING)
