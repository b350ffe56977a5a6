"""Outlet logistics set-up: Instant channels (whitelists, enabled flags) and pickup addresses.

Orders read ``enabled_channel_ids`` and ``pickup_address``; the channel rules of ``update_channel``
live here too.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

import yaml

from emulator.worlds import fixtures_dir

if TYPE_CHECKING:
    from emulator.world import Emulator

CHANNELS = "shop_channels"


@lru_cache(maxsize=1)
def channel_catalogue() -> dict[str, list[dict[str, Any]]]:
    """Mask channels and their children per region; immutable data shared by every emulator."""
    return yaml.safe_load((fixtures_dir() / "logistics" / "channels.yaml").read_text("utf-8"))


class LogisticsModel:
    """The logistics set-up of one emulator's shops."""

    def __init__(self, emulator: "Emulator") -> None:
        self.emulator = emulator
        self.store = emulator.store

    def region_channels(self, region: str) -> list[dict[str, Any]]:
        return channel_catalogue().get(region, [])

    def channel(self, region: str, channel_id: int) -> dict[str, Any] | None:
        """``{logistics_channel_id, name, mask_channel_id, mask_name}`` or None."""
        for mask in self.region_channels(region):
            for child in mask["channels"]:
                if child["logistics_channel_id"] == channel_id:
                    return {**child, "mask_channel_id": mask["mask_channel_id"], "mask_name": mask["name"]}
        return None

    def shop_channels(self, shop_id: int) -> dict[str, Any]:
        """``{"whitelist": [ids], "enabled": {id: bool}}`` of one Outlet."""
        doc = self.store.get(CHANNELS, shop_id)
        return doc or {"whitelist": [], "enabled": {}}

    def enabled_channel_ids(self, shop_id: int) -> list[int]:
        doc = self.shop_channels(shop_id)
        return [int(cid) for cid, on in doc["enabled"].items() if on and int(cid) in doc["whitelist"]]

    def pickup_address(self, shop_id: int) -> dict[str, Any]:
        return dict(self.emulator.shops.get(shop_id)["address"])

    def seed_world(self, world: dict[str, Any]) -> None:
        whitelist = [int(c) for c in (world.get("channels") or {}).get("whitelist", [])]
        enabled_default = set((world.get("channels") or {}).get("enabled", whitelist))
        for shop in self.emulator.shops.all_shops():
            if shop["kind"] != "outlet":
                continue
            self.store.put(
                CHANNELS,
                shop["shop_id"],
                {"whitelist": whitelist, "enabled": {str(c): c in enabled_default for c in whitelist}},
            )
