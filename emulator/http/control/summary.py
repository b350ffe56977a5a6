"""The shops and counts of a world, as the control plane, the console and scenario loads report them."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from emulator.world import Emulator


def world_summary(emulator: "Emulator") -> dict[str, Any]:
    store = emulator.store
    marts = []
    for mart in emulator.shops.marts():
        marts.append(
            {
                "shop_id": mart["shop_id"],
                "shop_name": mart["shop_name"],
                "outlets": [{"shop_id": o["shop_id"], "shop_name": o["shop_name"]} for o in emulator.shops.outlets_of(mart["shop_id"])],
            }
        )
    counts = {name: store.count(name) for name in ("items", "orders", "returns")}
    return {"world": emulator.world["name"], "region": emulator.world["region"], "seed": emulator.seed, "marts": marts, "counts": counts}
