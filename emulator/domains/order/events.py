"""The events the order domain publishes on the bus (names owned here; subscribers import them)."""

CREATED = "order.created"  # order_sn
STATUS_CHANGED = "order.status_changed"  # order_sn, old (None for a new order), new
