"""Control-plane routes for shop set-up, as a seller does it in Seller Centre.

    POST /_emulator/shops/{shop_id}/addresses    {"address", "city", "state", "zipcode", "district", "town",
                                                 "name", "phone"}: a new address with no role
    POST /_emulator/shops/{mart_id}/structure    {"structure": "normal" | "warehouse"}: the Mart and its
                                                 Outlets join or leave the multi-warehouse programme
"""
from __future__ import annotations

from typing import Any

from starlette.routing import Route

from emulator.http.control.plane import ControlCall, ControlError, NotFoundError, control, json_body


def _shop_id(call: ControlCall) -> int:
    raw = call.path_params["shop_id"]
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        raise NotFoundError("shop_id must be a whole number")
    shop_id = int(raw)
    if call.emulator.shops.find(shop_id) is None:
        raise NotFoundError(f"shop {shop_id} does not exist")
    return shop_id


async def _target(call: ControlCall) -> tuple[dict[str, Any], Any, int]:
    """The JSON body, the emulator and the shop the path names."""
    body = await json_body(call)
    return body, call.emulator, _shop_id(call)


@control
async def add_address(call: ControlCall) -> dict[str, Any]:
    """Seller Centre's "add a new address"."""
    body, emulator, shop_id = await _target(call)
    with emulator.transaction():
        return dict(emulator.logistics.addresses.add(shop_id, body))


@control
async def structure(call: ControlCall) -> dict[str, Any]:
    """A Mart's structure: normal shops, or warehouses in the multi-warehouse programme."""
    body, emulator, shop_id = await _target(call)
    with emulator.transaction():
        try:
            changed = emulator.shops.warehouses.set_structure(shop_id, body.get("structure"))
        except ValueError as exc:
            raise ControlError(str(exc)) from None
    return {"structure": body["structure"], "shop_ids": changed}


def routes() -> list[Route]:
    return [
        Route("/_emulator/shops/{shop_id}/addresses", add_address, methods=["POST"]),
        Route("/_emulator/shops/{shop_id}/structure", structure, methods=["POST"]),
    ]
