"""Mart structures and the warehouses of v2.shop.get_warehouse_detail.

A Mart is a normal Mart (its Outlets are shops that keep their own stock, the default) or a
warehouse Mart (its Outlets are warehouses in the platform's multi-warehouse programme): the
control plane switches a Mart and its Outlets together, and get_shop_info's
``mart_outlet_structure_type`` says which. A warehouse Outlet has one stock location, named by
its ``location_id``, at its pickup address (pickup warehouse) and its return address (return
warehouse); stock updates may name that location. Shops outside the programme answer its
whitelist error, and carry no location.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from emulator.errors import ShopeeError, wrong_parameters

if TYPE_CHECKING:
    from emulator.world import Emulator

NORMAL, WAREHOUSE = "normal", "warehouse"
STRUCTURES = (NORMAL, WAREHOUSE)
PICKUP_WAREHOUSE, RETURN_WAREHOUSE = 1, 2
ROLE_OF_TYPE = {PICKUP_WAREHOUSE: "PICK_UP_ADDRESS", RETURN_WAREHOUSE: "RETURN_ADDRESS"}
NOT_IN_WHITELIST = "Your shop is not in multi-warehouse whitelist."
NO_WAREHOUSE = "There is no legal warehouse address for this shop."
WRONG_LOCATION = "The location_id input is not matched the shop's location_id(more/wrong). Please double check."
NOT_IN_HOLIDAY_MODE, HOLIDAY_ACTIVE = 0, 1
# update_stock's sample sends "-" for a seller without warehouses
NO_LOCATION = ("", "-")


def structure(shop: dict[str, Any]) -> str:
    return str(shop.get("structure") or NORMAL)


def structure_type(shop: dict[str, Any]) -> str:
    """get_shop_info's mart_outlet_structure_type: normal_mart_shop, warehouse_outlet_shop, ..."""
    return f"{structure(shop)}_{shop['kind']}_shop"


def location_id(shop: dict[str, Any]) -> str:
    """The stock location of a warehouse Outlet (region and shop id); "" for any other shop."""
    if structure(shop) != WAREHOUSE or shop["kind"] != "outlet":
        return ""
    return f"{shop['region']}Z{shop['shop_id']}"


class Warehouses:
    """Structures and warehouses of one emulator's shops."""

    def __init__(self, emulator: "Emulator") -> None:
        self.emulator = emulator

    def set_structure(self, mart_shop_id: int, value: str) -> list[int]:
        """Switch a Mart and its Outlets to ``normal`` or ``warehouse``; answers the shops changed."""
        shops = self.emulator.shops
        if value not in STRUCTURES:
            raise ValueError(f"structure should be one of {', '.join(STRUCTURES)}")
        mart = shops.get(mart_shop_id)
        if mart["kind"] != "mart":
            raise ValueError(f"shop {mart_shop_id} is an Outlet; the structure is the Mart's")
        ids = [mart_shop_id, *mart.get("outlet_shop_ids", [])]
        for shop_id in ids:
            doc = self.emulator.store.edit(shops.COLLECTION, shop_id)
            assert doc is not None
            doc["structure"] = value
        return ids

    def detail(self, shop_id: int, warehouse_type: int | None) -> list[dict[str, Any]]:
        kind = PICKUP_WAREHOUSE if warehouse_type is None else warehouse_type
        if kind not in ROLE_OF_TYPE:
            raise wrong_parameters("warehouse_type should be 1 (pickup warehouse) or 2 (return warehouse)")
        shop = self.emulator.shops.get(shop_id)
        if structure(shop) != WAREHOUSE:
            raise ShopeeError(NOT_IN_WHITELIST, error="warehouse.error_not_in_whitelist")
        entry = self.emulator.logistics.addresses.with_role(shop_id, ROLE_OF_TYPE[kind]) if shop["kind"] == "outlet" else None
        if entry is None:
            raise ShopeeError(NO_WAREHOUSE, error="warehouse.error_can_not_find_warehouse")
        return [{
            "warehouse_id": entry["address_id"],
            "warehouse_name": f"{shop['shop_name']} warehouse",
            "warehouse_type": kind,
            "location_id": location_id(shop),
            "address_id": entry["address_id"],
            "region": entry["region"],
            "state": entry.get("state", ""),
            "city": entry.get("city", ""),
            "district": entry.get("district", ""),
            "town": entry.get("town", ""),
            "address": entry.get("address", ""),
            "zipcode": entry.get("zipcode", ""),
            "state_code": "",
            "holiday_mode_state": HOLIDAY_ACTIVE if self.emulator.shops.holiday.current(shop_id) else NOT_IN_HOLIDAY_MODE,
        }]

    def stock_location(self, shop_id: int, given: str | None) -> str:
        """The location a stock update names, checked against the shop's (ShopeeError when it is not it)."""
        own = location_id(self.emulator.shops.get(shop_id))
        wanted = (given or "").strip()
        if wanted in NO_LOCATION:
            return own
        if wanted != own:
            raise ShopeeError(WRONG_LOCATION, error="error_auth")
        return own
