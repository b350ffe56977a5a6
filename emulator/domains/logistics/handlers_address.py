"""The shop's address book."""
from __future__ import annotations

from typing import Any

from emulator.context import RequestContext
from emulator.spec.requests import V2LogisticsGetAddressListRequest
from emulator.registry import operation


@operation("v2.logistics.get_address_list")
def get_address_list(ctx: RequestContext, req: V2LogisticsGetAddressListRequest) -> dict[str, Any]:
    """The shop's addresses with their default / pickup / return flags."""
    return ctx.emulator.logistics.address_list(ctx.signed_shop_id)
