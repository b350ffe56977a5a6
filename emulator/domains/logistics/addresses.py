"""A shop's address book: update_address, delete_address, set_address_config, and Seller Centre's
"add a new address" (control plane).

Each role (default, pickup, return) belongs to exactly one address once a shop has it: a role moves
from one address to another, it is never simply taken off, so an address holding one can never be
deleted. The pickup address is where couriers collect (get_shipping_parameter reads it).

LIMITATIONS: no inbound pickup programme (INBOUND_PICKUP_ADDRESS is refused), no Brazilian SRN checks.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from emulator.domains.logistics import events
from emulator.errors import ParamError, ShopeeError, wrong_parameters

if TYPE_CHECKING:
    from emulator.world import Emulator

ADDRESSES = "shop_addresses"
DEFAULT, PICKUP, RETURN, INBOUND = "DEFAULT_ADDRESS", "PICK_UP_ADDRESS", "RETURN_ADDRESS", "INBOUND_PICKUP_ADDRESS"
# set_address_config spells the pickup role without the underscore get_address_list answers
ROLE_NAMES = {"DEFAULT_ADDRESS": DEFAULT, "PICKUP_ADDRESS": PICKUP, "PICK_UP_ADDRESS": PICKUP, "RETURN_ADDRESS": RETURN,
              "INBOUND_PICKUP_ADDRESS": INBOUND}
TEXT_FIELDS = ("state", "city", "district", "town", "address", "zipcode", "name", "phone")
TEXT_MAX = 512
LISTED = ("region", "state", "city", "address", "zipcode", "district", "town")

ADDRESS_NOT_FOUND = "The address is invalid. Please check the address."
CANNOT_DELETE = "Sorry you can't delete the default address/pickup address/return address."
CANNOT_DELETE_INBOUND = "Can't delete default address/pickup address/return address/inbound pickup address."
REGION_LOCKED = "The param is invalid. not allow to edit address region."
INVALID_TYPE = "Address_type ({address_type}) is invalid. Please check the address_type."
NO_INBOUND = "Cannot set inbound pickup address for this address."


class AddressError(ShopeeError):
    error = "logistics.address_not_found"


class AddressBook:
    """The addresses of one emulator's shops (stored per shop in ``shop_addresses``)."""

    def __init__(self, emulator: "Emulator") -> None:
        self.emulator = emulator
        self.store = emulator.store

    def entries(self, shop_id: int) -> list[dict[str, Any]]:
        doc = self.store.get(ADDRESSES, shop_id) or {"address_list": []}
        return list(doc["address_list"])

    def with_role(self, shop_id: int, role: str) -> dict[str, Any] | None:
        return next((a for a in self.entries(shop_id) if role in a["address_type"]), None)

    def show_pickup_address(self, shop_id: int) -> bool:
        doc = self.store.get(ADDRESSES, shop_id) or {}
        shown = doc.get("show_pickup_address")
        return self.emulator.shops.get(shop_id)["kind"] == "outlet" if shown is None else bool(shown)

    def _find(self, shop_id: int, address_id: int) -> dict[str, Any]:
        found = next((a for a in self.entries(shop_id) if a["address_id"] == address_id), None)
        if found is None:
            raise AddressError(ADDRESS_NOT_FOUND)
        return found

    def _edit(self, shop_id: int) -> dict[str, Any]:
        """The live address book, its list copied so the store's undo keeps the old one."""
        doc = self.store.edit(ADDRESSES, shop_id)
        if doc is None:
            doc = self.store.put(ADDRESSES, shop_id, {"address_list": []})
        doc["address_list"] = [dict(a, address_type=list(a["address_type"])) for a in doc["address_list"]]
        return doc

    def listing(self, shop_id: int) -> dict[str, Any]:
        """get_address_list: each address with the documented fields and its roles."""
        return {
            "show_pickup_address": self.show_pickup_address(shop_id),
            "address_list": [{**{k: a.get(k, "") for k in LISTED}, "address_id": a["address_id"], "address_type": list(a["address_type"])}
                             for a in self.entries(shop_id)],
        }

    def pickup(self, shop_id: int) -> dict[str, Any]:
        """The shop's address as couriers use it: the pickup address's fields over the shop's own."""
        address = dict(self.emulator.shops.get(shop_id)["address"])
        entry = self.with_role(shop_id, PICKUP)
        if entry is not None:
            address.update({k: entry[k] for k in (*LISTED, *TEXT_FIELDS) if entry.get(k) not in (None, "")})
            address["address_id"] = entry["address_id"]
            location = (entry.get("geo_info") or {}).get("region") or {}
            if "latitude" in location and "longitude" in location:
                address["latitude"], address["longitude"] = float(location["latitude"]), float(location["longitude"])
        return address

    # -- the APIs ------------------------------------------------------------------------------
    def update(self, shop_id: int, address_id: int, fields: dict[str, Any], geo_info: str | None) -> None:
        current = self._find(shop_id, address_id)
        region = fields.pop("region", None)
        if region is not None and str(region).strip().upper() != str(current["region"]).upper():
            raise ShopeeError(REGION_LOCKED, error="NOT_ALLOW_TO_EDIT_ADDRESS_REGION")
        changes = {name: _text(name, value) for name, value in fields.items() if name in TEXT_FIELDS and value is not None}
        geo = _geo(geo_info) if geo_info is not None else None
        doc = self._edit(shop_id)
        entry = next(a for a in doc["address_list"] if a["address_id"] == address_id)
        entry.update(changes)
        if geo is not None:
            entry["geo_info"] = geo
        self.emulator.publish(events.ADDRESS_UPDATED, shop_id, address_id=address_id)

    def delete(self, shop_id: int, address_id: int) -> None:
        current = self._find(shop_id, address_id)
        if INBOUND in current["address_type"]:
            raise ParamError(CANNOT_DELETE_INBOUND)
        if current["address_type"]:
            raise ShopeeError(CANNOT_DELETE, error="logistics.cannot_delete_address")
        doc = self._edit(shop_id)
        doc["address_list"] = [a for a in doc["address_list"] if a["address_id"] != address_id]

    def configure(self, shop_id: int, show_pickup_address: bool | None, address_id: int | None, types: list[str] | None) -> None:
        roles: list[str] = []
        for name in types or []:
            role = ROLE_NAMES.get(str(name))
            if role is None:
                raise ShopeeError(INVALID_TYPE.format(address_type=name), error="logistics.invalid_address_type")
            if role == INBOUND:
                raise ParamError(NO_INBOUND)
            roles.append(role)
        if roles and address_id is None:
            raise wrong_parameters("address_type_config.address_id is required with address_type")
        if address_id is not None:
            self._find(shop_id, address_id)
        doc = self._edit(shop_id)
        if show_pickup_address is not None:
            doc["show_pickup_address"] = bool(show_pickup_address)
        for role in dict.fromkeys(roles):
            for entry in doc["address_list"]:
                has = role in entry["address_type"]
                if entry["address_id"] == address_id and not has:
                    entry["address_type"].append(role)
                elif entry["address_id"] != address_id and has:
                    entry["address_type"].remove(role)
        if roles:
            self.emulator.publish(events.ADDRESS_UPDATED, shop_id, address_id=address_id)

    def add(self, shop_id: int, fields: dict[str, Any]) -> dict[str, Any]:
        """Seller Centre's "add a new address": an address with no role, in the shop's region."""
        shop = self.emulator.shops.get(shop_id)
        entry: dict[str, Any] = {"address_id": self.emulator.ids.next("address"), "region": shop["region"]}
        entry.update({name: _text(name, fields.get(name) or "") for name in TEXT_FIELDS})
        entry["address_type"] = []
        self._edit(shop_id)["address_list"].append(entry)
        return dict(entry)


def _text(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise wrong_parameters(f"{name} should be a string")
    if len(value) > TEXT_MAX:
        raise wrong_parameters(f"{name} should be at most {TEXT_MAX} characters")
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def _geo(raw: str) -> dict[str, Any]:
    """geo_info's JSON text: "" or {} clears it, otherwise an object with the documented keys."""
    if raw.strip() in ("", "{}"):
        return {}
    try:
        value = json.loads(raw, parse_constant=_no_constant)
    except ValueError:
        raise wrong_parameters("geo_info should be a JSON object") from None
    if not isinstance(value, dict):
        raise wrong_parameters("geo_info should be a JSON object")
    region = value.get("region", {})
    if not isinstance(region, dict) or not all(isinstance(region.get(k, 0.0), (int, float)) and not isinstance(region.get(k, 0.0), bool)
                                               for k in ("latitude", "longitude")):
        raise wrong_parameters("geo_info.region should hold latitude and longitude numbers")
    return {k: value[k] for k in ("formattedAddress", "region", "user_verified", "user_adjusted") if k in value}
