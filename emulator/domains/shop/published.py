"""The events this domain publishes on the bus: what other domains may subscribe to."""
PUBLISHES = ("shop.created", "shop.profile_updated", "shop.holiday_mode_changed")
