"""The item events the product domain publishes on the bus (names owned here; the stock, price,
video and batch events are named beside the code that publishes them)."""

ITEM_CREATED = "product.item_created"  # item_id: a Mart item added
ITEM_PUBLISHED = "product.item_published"  # item_id (the Outlet's copy), mart_item_id
ITEM_UPDATED = "product.item_updated"  # item_id, fields: the names of the fields changed
ITEM_DELETED = "product.item_deleted"  # item_id
