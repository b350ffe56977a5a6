"""Outlet logistics set-up: Instant channels (whitelists, enabled flags), operating hours, Mart
packaging fees and shop addresses.

Orders read ``enabled_channel_ids`` and ``pickup_address``. The channel rules live in
``channels.py``, the operating-hour rules in ``hours.py``; this module keeps the state.

Every new shop gets its set-up when ``shop.created`` is published (world seeding and the control
plane alike), so nothing is created lazily on a read.

LIMITATIONS: only the Instant channels of ID and TH exist; no COD on them; one special operating
hour set per outlet at a time; one address per shop.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from emulator.domains.logistics import channels as ch
from emulator.domains.logistics import errors as e
from emulator.domains.logistics import events
from emulator.domains.logistics import hours as oh
from emulator.domains.logistics.addresses import AddressBook
from emulator.domains.logistics.channels import channel_catalogue  # noqa: F401  (kept for importers)
from emulator.domains.shop import events as shop_events
from emulator.errors import ShopeeError, wrong_parameters
from emulator.events import Event

if TYPE_CHECKING:
    from emulator.world import Emulator

CHANNELS = "shop_channels"
HOURS = "operating_hours"
PACKAGING = "mart_packaging"
ADDRESSES = "shop_addresses"
PACKAGING_REGIONS = ("ID",)
PACKAGING_MAX_SIDE = 200  # cm
PACKAGING_MAX_FEE = 100_000  # in the local currency (IDR)


class LogisticsModel:
    """The logistics set-up of one emulator's shops."""

    def __init__(self, emulator: "Emulator") -> None:
        self.emulator = emulator
        self.store = emulator.store
        self.addresses = AddressBook(emulator)
        emulator.bus.subscribe(shop_events.CREATED, self._on_shop_created)
        from emulator.domains.logistics.document_jobs import DocumentJobs
        from emulator.domains.logistics.pause import Pauses
        from emulator.domains.logistics.riders import Riders

        self.pauses = Pauses(emulator)
        self.riders = Riders(emulator)
        self.document_jobs = DocumentJobs(emulator)

    # -- catalogue -----------------------------------------------------------------------------
    def region_channels(self, region: str) -> list[dict[str, Any]]:
        return ch.masks(region)

    def channel(self, region: str, channel_id: int) -> dict[str, Any] | None:
        """``{logistics_channel_id, name, mask_channel_id, mask_name, ...}`` or None."""
        return ch.find_child(region, channel_id)

    # -- channel state -------------------------------------------------------------------------
    def _world_channels(self) -> dict[str, Any]:
        return self.emulator.world.get("channels") or {}

    def _default_channels(self, position: int | None) -> dict[str, Any]:
        """The world's whitelist/enabled set, with a per-outlet override by 1-based position."""
        spec = self._world_channels()
        region = self.emulator.world["region"]
        whitelist = spec.get("whitelist")
        if whitelist is None:
            whitelist = [c["logistics_channel_id"] for c in ch.children(region)]
        enabled = spec.get("enabled", whitelist)
        override = (spec.get("outlets") or {}).get(position) or (spec.get("outlets") or {}).get(str(position)) or {}
        whitelist = [int(c) for c in override.get("whitelist", whitelist)]
        enabled = {int(c) for c in override.get("enabled", [c for c in enabled if int(c) in whitelist])}
        return {"whitelist": whitelist, "enabled": {str(c): c in enabled for c in whitelist}, "cod": {}}

    def shop_channels(self, shop_id: int) -> dict[str, Any]:
        """``{"whitelist": [ids], "enabled": {id: bool}}`` of one Outlet."""
        doc = self.store.get(CHANNELS, shop_id)
        return doc or {"whitelist": [], "enabled": {}}

    def enabled_channel_ids(self, shop_id: int) -> list[int]:
        doc = self.shop_channels(shop_id)
        return [int(cid) for cid, on in doc["enabled"].items() if on and int(cid) in doc["whitelist"]]

    def set_shop_channels(self, shop_id: int, whitelist: list[int] | None, enabled: list[int] | None) -> dict[str, Any]:
        """Control plane: replace an Outlet's whitelist and/or its set of enabled channels."""
        shop = self._outlet(shop_id)
        current = self.shop_channels(shop_id)
        region = shop["region"]
        new_whitelist = [int(c) for c in (whitelist if whitelist is not None else current["whitelist"])]
        for cid in new_whitelist:
            if ch.find_child(region, cid) is None:
                raise ValueError(f"channel {cid} is not an Instant channel of {region}")
        on = set(enabled) if enabled is not None else {int(c) for c, v in current["enabled"].items() if v}
        stray = sorted(on - set(new_whitelist))
        if stray:
            raise ValueError(f"channels {stray} are not in the whitelist")
        doc = {
            "whitelist": new_whitelist, "enabled": {str(c): c in on for c in new_whitelist}, "cod": current.get("cod", {}),
            "auto_call": current.get("auto_call", {}),
        }
        return self.store.put(CHANNELS, shop_id, doc)

    def channel_list(self, shop_id: int) -> list[dict[str, Any]]:
        """get_channel_list: the region's mask channels, each followed by its fulfilment channels.

        A Mart ships nothing itself; it sees a channel enabled when any of its Outlets has it on,
        which is what its item listings may offer.
        """
        shop = self.emulator.shops.get(shop_id)
        region = shop["region"]
        if shop["kind"] == "mart":
            on = {cid for o in shop.get("outlet_shop_ids", []) for cid in self.enabled_channel_ids(o)}
            whitelist: set[int] = set()
        else:
            on = set(self.enabled_channel_ids(shop_id))
            whitelist = {int(c) for c in self.shop_channels(shop_id)["whitelist"]}
        auto_calls = self.shop_channels(shop_id).get("auto_call", {})
        listing = []
        for mask in ch.masks(region):
            kids = ch.children(region)
            kids = [c for c in kids if c["mask_channel_id"] == mask["mask_channel_id"]]
            if mask["mask_channel_id"]:
                mask_view = {**mask, "logistics_channel_id": mask["mask_channel_id"]}
                any_on = any(c["logistics_channel_id"] in on for c in kids)
                listing.append(ch.fields(mask_view, any_on, False, 0))
            for child in kids:
                cid = child["logistics_channel_id"]
                rules = ch.relation_rules(region, child, whitelist)
                auto_call = ch.auto_call_view(child, auto_calls.get(str(cid))) if shop["kind"] == "outlet" else None
                listing.append(ch.fields(
                    child, cid in on, False, mask["mask_channel_id"], rules, ch.compulsory(child, whitelist), auto_call,
                ))
        return listing

    def update_channel(
        self,
        shop_id: int,
        channel_id: int,
        enabled: bool | None,
        cod_enabled: bool | None,
        auto_call: tuple[bool | None, int | None] | None = None,
    ) -> dict[str, Any]:
        """``auto_call``: (auto_call_driver_enabled, preparation_time) when the request sets it."""
        shop = self.emulator.shops.get(shop_id)
        if shop["kind"] != "outlet":
            raise e.NotAllowedToUpdate(e.NOT_ALLOWED_TO_UPDATE)
        region = shop["region"]
        if ch.find_mask(region, channel_id) is not None:
            raise e.ChannelError(e.MASKED_CANNOT_ENABLE)
        target = ch.find_child(region, channel_id)
        if target is None:
            raise e.InvalidChannelError(e.INVALID_CHANNEL)
        current = self.shop_channels(shop_id)
        whitelist = {int(c) for c in current["whitelist"]}
        if cod_enabled and not target.get("cod_enabled"):
            raise e.ChannelError(e.COD_NOT_SUPPORTED)
        auto_state = None
        if auto_call is not None:
            try:
                auto_state = ch.checked_auto_call(target, current.get("auto_call", {}).get(str(channel_id)), *auto_call)
            except ch.AutoCallRefused as refused:
                raise e.AutoCallError(str(refused)) from None
        updated = [target]
        switch_on: set[int] = set()
        if enabled is not None:
            if enabled and channel_id not in whitelist:
                raise e.ChannelError(e.NOT_WHITELISTED)
            # exactly the channels get_channel_list publishes in channel_relation_rules
            related = ch.switched_with(ch.relation_rules(region, target, whitelist), enabled)
            updated += [c for c in (ch.find_child(region, cid) for cid in related) if c]
            if channel_id in whitelist:
                compulsory = {c["logistics_channel_id"] for c in ch.children(region) if ch.compulsory(c, whitelist)}
                before = {int(c) for c, v in current["enabled"].items() if v and int(c) in compulsory}
                after = set(before)
                for c in updated:
                    (after.add if enabled else after.discard)(c["logistics_channel_id"])
                if before and not after:
                    raise e.MinimumActivationError(ch.minimum_activation_message(region, target, whitelist))
                switch_on = {c["logistics_channel_id"] for c in updated}
        doc = self.store.edit(CHANNELS, shop_id) or self.store.put(CHANNELS, shop_id, self._default_channels(None))
        for cid in switch_on:
            doc["enabled"][str(cid)] = bool(enabled)
        if cod_enabled is not None and target.get("cod_enabled"):
            doc.setdefault("cod", {})[str(channel_id)] = cod_enabled
        if auto_state is not None and ch.auto_call_limits(target) is not None:
            doc.setdefault("auto_call", {})[str(channel_id)] = auto_state
        state = self.enabled_channel_ids(shop_id)
        self.emulator.publish(
            events.CHANNEL_UPDATED, shop_id, logistics_channel_id=channel_id, enabled=channel_id in state,
            updated_channel_ids=[c["logistics_channel_id"] for c in updated],
        )
        setting = ch.auto_call_view(target, doc.get("auto_call", {}).get(str(channel_id)))
        return {
            "shop_id": shop_id,
            "enabled": channel_id in state,
            "cod_enabled": bool(doc.get("cod", {}).get(str(channel_id), False)),
            "logistics_channel_id": channel_id,
            "updated_channels": [
                {"channel_id": c["logistics_channel_id"], "channel_display_name": c["name"], "unsupport_warehouse": []}
                for c in updated
            ],
            "is_multi_warehouse": False,
            "auto_call_driver_setting": {
                "auto_call_driver_enabled": setting["auto_call_driver_enabled"],
                "preparation_time": setting["preparation_time"],
            },
        }

    def preparation_minutes(self, shop_id: int, channel_id: int) -> int | None:
        """The preparation time of a channel whose Auto Call Driver is on, else None."""
        shop = self.emulator.shops.get(shop_id)
        channel = ch.find_child(shop["region"], channel_id)
        if channel is None or ch.auto_call_limits(channel) is None:
            return None
        state = self.shop_channels(shop_id).get("auto_call", {}).get(str(channel_id)) or {}
        return int(state["preparation_time"]) if state.get("enabled") else None

    # -- operating hours -----------------------------------------------------------------------
    def _hours_shop(self, shop_id: int, kind: str = "Regular") -> dict[str, Any]:
        shop = self.emulator.shops.get(shop_id)
        if shop["kind"] != "outlet":
            raise e.not_eligible(kind)
        return shop

    def today(self) -> dt.date:
        zone = ZoneInfo(self.emulator.world.get("timezone", "UTC"))
        return dt.datetime.fromtimestamp(self.emulator.clock.now(), zone).date()

    def _hours_doc(self, shop_id: int) -> dict[str, Any]:
        doc = self.store.edit(HOURS, shop_id)
        if doc is None:
            doc = self.store.put(HOURS, shop_id, oh.seed_hours(self.emulator.rng("logistics:hours")))
        return doc

    def operating_hour_restrictions(self, shop_id: int) -> dict[str, Any]:
        self._hours_shop(shop_id)
        return oh.restrictions_view()

    def operating_hours(self, shop_id: int) -> dict[str, Any]:
        self._hours_shop(shop_id)
        doc = self.store.get(HOURS, shop_id) or {}
        view: dict[str, Any] = {}
        for section in ("regular", "instant", "special", "shop_collection"):
            key = f"{section}_operating_hour"
            if section == "special":
                special = doc.get("special")
                # a special set whose last day has passed no longer applies
                view[key] = special if special and special["end_date"] >= self.today().isoformat() else {}
            else:
                week = doc.get(section) or {}
                view[key] = {day: dict(week[day]) for day in oh.DAYS if day in week}
        return view

    def update_operating_hours(self, shop_id: int, sections: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        """Overwrite each given hour set; returns the result_list and whether anything was saved."""
        given = [s for s in oh.SECTIONS if sections.get(s) is not None]
        if not given:
            raise wrong_parameters(
                "at least one of regular_operating_hour, special_operating_hour, instant_operating_hour, "
                "shop_collection_operating_hour is required"
            )
        self._hours_shop(shop_id, oh.KIND_NAMES[given[0]])
        doc = self._hours_doc(shop_id)
        results: dict[str, Any] = {}
        saved = False
        for section in given:
            value = sections[section]
            if section == "special":
                failures = oh.check_special(value, self.today())
            else:
                failures = oh.check_week(section, value)
            if failures:
                results[f"{section}_operating_hour"] = {"status": "Failed", "fail_message": "; ".join(failures) + "."}
                continue
            doc[section] = value
            saved = True
            results[f"{section}_operating_hour"] = {"status": "Success", "fail_message": "-"}
        if saved:
            self.emulator.publish(events.OPERATING_HOURS_UPDATED, shop_id, sections=given)
        return {"result_list": results}, saved

    def delete_special_operating_hour(self, shop_id: int, name: str) -> None:
        self._hours_shop(shop_id, "Special")
        doc = self.store.get(HOURS, shop_id) or {}
        special = doc.get("special")
        if not special or special["name"] != name:
            raise ShopeeError(e.SPECIAL_NOT_FOUND, error="error_permission")
        self._hours_doc(shop_id)["special"] = None

    # -- Mart packaging ------------------------------------------------------------------------
    def _packaging_shop(self, shop_id: int) -> dict[str, Any]:
        shop = self.emulator.shops.get(shop_id)
        if shop["region"] not in PACKAGING_REGIONS:
            raise e.PermissionError_(e.PACKAGING_REGION)
        return shop

    def packaging_info(self, shop_id: int) -> dict[str, Any]:
        self._packaging_shop(shop_id)
        doc = self.store.get(PACKAGING, shop_id) or {"enable": False}
        if not doc["enable"]:
            return {"enable": False}
        return {
            "enable": True,
            "dimension": dict(doc["dimension"]),
            "packaging_fee": {"value": float(Decimal(doc["packaging_fee"]))},
        }

    def set_packaging_info(
        self, shop_id: int, enable: bool, dimension: dict[str, int] | None, fee: float | None
    ) -> dict[str, Any]:
        shop = self._packaging_shop(shop_id)
        if not enable:
            current = self.store.get(PACKAGING, shop_id) or {}
            self.store.put(PACKAGING, shop_id, {**current, "enable": False})
            return self.packaging_info(shop_id)
        if dimension is None:
            raise wrong_parameters("dimension is required when enable is true")
        if fee is None:
            raise wrong_parameters("packaging_fee is required when enable is true")
        for side in ("length", "width", "height"):
            if not 0 < dimension[side] <= PACKAGING_MAX_SIDE:
                raise wrong_parameters(f"dimension.{side} should be between 1 and {PACKAGING_MAX_SIDE}")
        try:
            value = Decimal(str(fee))
        except InvalidOperation:
            raise wrong_parameters("packaging_fee.value should be a number") from None
        if not value.is_finite() or not 0 <= value <= PACKAGING_MAX_FEE:
            raise wrong_parameters(f"packaging_fee.value should be between 0 and {PACKAGING_MAX_FEE}")
        if shop["region"] not in ("SG", "MY", "BR", "MX") and value != value.to_integral_value():
            raise wrong_parameters("packaging_fee.value should be an integer")
        self.store.put(PACKAGING, shop_id, {"enable": True, "dimension": dict(dimension), "packaging_fee": str(value)})
        return self.packaging_info(shop_id)

    # -- addresses -----------------------------------------------------------------------------
    def address_list(self, shop_id: int) -> dict[str, Any]:
        return self.addresses.listing(shop_id)

    def pickup_address(self, shop_id: int) -> dict[str, Any]:
        """The shop's address; with ``address_id`` once the shop's address book exists."""
        return self.addresses.pickup(shop_id)

    def _address_book(self, shop: dict[str, Any]) -> dict[str, Any]:
        address = shop["address"]
        flags = ["DEFAULT_ADDRESS", "PICK_UP_ADDRESS", "RETURN_ADDRESS"] if shop["kind"] == "outlet" else ["DEFAULT_ADDRESS"]
        return {
            "address_list": [
                {
                    "address_id": self.emulator.ids.next("address"),
                    "region": address.get("region", shop["region"]),
                    "state": address.get("state", ""),
                    "city": address.get("city", ""),
                    "address": address.get("address", ""),
                    "zipcode": address.get("zipcode", ""),
                    "district": address.get("district", ""),
                    "town": address.get("town", ""),
                    "address_type": flags,
                }
            ]
        }

    # -- set-up of new shops -------------------------------------------------------------------
    def _outlet(self, shop_id: int) -> dict[str, Any]:
        shop = self.emulator.shops.get(shop_id)
        if shop["kind"] != "outlet":
            raise ValueError(f"shop {shop_id} is a Mart; channels belong to Outlets")
        return shop

    def _on_shop_created(self, event: Event) -> None:
        mart = self.emulator.shops.get(event.shop_id)
        if self.store.get(ADDRESSES, mart["shop_id"]) is None:
            self.store.put(ADDRESSES, mart["shop_id"], self._address_book(mart))
        for position, outlet_id in enumerate(mart.get("outlet_shop_ids", []), start=1):
            outlet = self.emulator.shops.get(outlet_id)
            if self.store.get(CHANNELS, outlet_id) is None:
                self.store.put(CHANNELS, outlet_id, self._default_channels(position))
            if self.store.get(HOURS, outlet_id) is None:
                self.store.put(HOURS, outlet_id, oh.seed_hours(self.emulator.rng("logistics:hours")))
            if self.store.get(ADDRESSES, outlet_id) is None:
                self.store.put(ADDRESSES, outlet_id, self._address_book(outlet))
