"""Helpers shared by the push tests."""
from __future__ import annotations

from emulator.world import Emulator


def quiet_outlets(shopee: Emulator, count: int = 2) -> list[int]:
    """Outlets of a Mart of their own whose events are the only ones pushed.

    Every seeded shop is blocked, so seeded order history moving on the clock pushes nothing and
    each test sees exactly the pushes of the events it publishes (the new Mart's own authorization
    push, code 1, is not sent: the codes switched on are switched on once it is made).
    """
    partner_id = shopee.auth.default_partner()["partner_id"]
    with shopee.transaction():
        seeded = [shop["shop_id"] for shop in shopee.shops.all_shops()]
        codes = shopee.pushes.settings.config(partner_id)["on"]
        shopee.pushes.settings.configure(partner_id, {"codes": []})
        shopee.auth.set_flags(partner_id, sandbox_v2=True, mart_outlet_whitelist=True)
        mart = shopee.shops.create_mart(partner_id, "Quiet", count)
        shopee.pushes.settings.configure(partner_id, {"blocked_shop_ids": seeded, "codes": list(codes)})
    return [int(shop_id) for shop_id in mart["outlet_shop_ids"]]
