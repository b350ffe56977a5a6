"""The events this domain publishes on the bus: what other domains may subscribe to."""
from emulator.domains.discount.events import ITEM_PROMOTION, PROMOTION_UPDATE

PUBLISHES = (ITEM_PROMOTION, PROMOTION_UPDATE)
