"""The events the logistics domain publishes on the bus (names owned here; subscribers import them)."""

# named for the order they concern, as the platform's order pushes are
TRACKING_NUMBER = "order.tracking_number"  # order_sn, package_number, tracking_number (push 4)
SHIPPING_DOCUMENT_STATUS = "order.shipping_document_status"  # push 15
CHANNEL_UPDATED = "logistics.channel_updated"
OPERATING_HOURS_UPDATED = "logistics.operating_hours_updated"
ADDRESS_UPDATED = "logistics.address_updated"
