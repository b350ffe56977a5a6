"""Which logistics channels an item may name: the product-creation guide's rule over get_channel_list.

Only channels that get_channel_list shows with ``mask_channel_id`` 0 are product channels: in ID the
mask (checkout) channels 8000, 8008 and 8007, whose fulfilment channels (80044, 80054, ...) are chosen
per order; in TH the Instant channels themselves (70124, 70125), which have no mask above them. A
product channel may be switched on for an item only while get_channel_list shows it enabled for the
shop (a Mart: on at any of its Outlets).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from emulator.domains.logistics import channels as catalogue

if TYPE_CHECKING:
    from emulator.world import Emulator


def product_channel(region: str, channel_id: int) -> dict[str, Any] | None:
    """``{logistic_id, name, fee_type, weight_limit, item_max_dimension}`` of a product channel of
    the region (the limits get_channel_list shows for it), or None."""
    for mask in catalogue.masks(region):
        if mask["mask_channel_id"]:
            if mask["mask_channel_id"] == channel_id:
                return _product_channel(channel_id, mask)
            continue
        for child in mask["channels"]:
            if child["logistics_channel_id"] == channel_id:
                return _product_channel(channel_id, catalogue.find_child(region, channel_id) or child)
    return None


def _product_channel(channel_id: int, source: dict[str, Any]) -> dict[str, Any]:
    return {"logistic_id": channel_id, "name": source["name"], "fee_type": catalogue.FEE_TYPE,
            "weight_limit": source.get("weight_limit") or {}, "item_max_dimension": source.get("item_max_dimension") or {}}


def fulfilment_channel(region: str, channel_id: int) -> dict[str, Any] | None:
    """The fulfilment channel of a mask (it exists, but is not a product channel), or None."""
    child = catalogue.find_child(region, channel_id)
    return child if child is not None and child["mask_channel_id"] else None


def enabled_product_channels(emulator: "Emulator", shop_id: int) -> list[int]:
    """The product channels get_channel_list shows enabled for the shop, in its order."""
    listing = emulator.logistics.channel_list(shop_id)
    return [c["logistics_channel_id"] for c in listing if c["mask_channel_id"] == 0 and c["enabled"]]
