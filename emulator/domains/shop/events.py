"""The events the shop domain publishes on the bus (names owned here; subscribers import them)."""

CREATED = "shop.created"  # a Mart and its Outlets were created (shop_id the Mart; outlet_shop_ids, region)
PROFILE_UPDATED = "shop.profile_updated"
HOLIDAY_MODE_CHANGED = "shop.holiday_mode_changed"  # holiday_mode_type, start, end (0: open-ended)
