"""The events the returns domain publishes on the bus (names owned here; subscribers import them)."""

CREATED = "return.created"  # return_sn, order_sn
STATUS_CHANGED = "return.status_changed"  # return_sn, old (None for a new return), new
