"""The shop's address book."""
from __future__ import annotations

from typing import Any

from emulator.context import RequestContext
from emulator.registry import operation
from emulator.spec.requests import (
    V2LogisticsDeleteAddressRequest,
    V2LogisticsGetAddressListRequest,
    V2LogisticsSetAddressConfigRequest,
    V2LogisticsUpdateAddressRequest,
)

UPDATABLE = ("region", "state", "city", "district", "town", "address", "zipcode", "name", "phone")


def _shop(ctx: RequestContext) -> int:
    return ctx.signed_shop_id


@operation("v2.logistics.get_address_list")
def get_address_list(ctx: RequestContext, req: V2LogisticsGetAddressListRequest) -> dict[str, Any]:
    """The shop's addresses with their default / pickup / return flags."""
    return ctx.emulator.logistics.address_list(_shop(ctx))


@operation("v2.logistics.update_address")
def update_address(ctx: RequestContext, req: V2LogisticsUpdateAddressRequest) -> None:
    """Change an address's details; its region stays."""
    fields = {name: getattr(req, name) for name in UPDATABLE}
    ctx.emulator.logistics.addresses.update(_shop(ctx), req.address_id, fields, req.geo_info)


@operation("v2.logistics.delete_address")
def delete_address(ctx: RequestContext, req: V2LogisticsDeleteAddressRequest) -> None:
    """Delete an address that holds no role (default, pickup, return)."""
    ctx.emulator.logistics.addresses.delete(_shop(ctx), req.address_id)


@operation("v2.logistics.set_address_config")
def set_address_config(ctx: RequestContext, req: V2LogisticsSetAddressConfigRequest) -> None:
    """Show the pickup address or not; move roles to an address."""
    config = req.address_type_config
    ctx.emulator.logistics.addresses.configure(
        _shop(ctx), req.show_pickup_address, config.address_id if config else None, config.address_type if config else None,
    )
