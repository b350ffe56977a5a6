"""The discounts a world starts with: one ongoing and one upcoming on the last Outlet of each Mart.

The last Outlet, so that the first one (where tests and examples place their orders) sells at its
list prices. A world file may list its own under ``discounts`` (an empty list for none)::

    discounts:
      - {name: Weekend deal, outlet: 5, item: 1, percent_off: 10, starts_in_hours: -24, hours: 168}
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from emulator.domains.discount.models import DISCOUNTS
from emulator.domains.product.amounts import money, price_places

if TYPE_CHECKING:
    from emulator.domains.discount.models import DiscountModel

DEFAULTS = (
    {"name": "Opening week", "outlet": -1, "item": 1, "percent_off": 10, "starts_in_hours": -24, "hours": 7 * 24},
    {"name": "Payday sale", "outlet": -1, "item": 2, "percent_off": 15, "starts_in_hours": 48, "hours": 3 * 24},
)


def seed_discounts(d: DiscountModel, world: dict[str, Any]) -> None:
    specs = world.get("discounts", DEFAULTS)
    for mart in d.emulator.shops.marts():
        outlets = list(mart.get("outlet_shop_ids") or [])
        for spec in specs:
            position = int(spec.get("outlet", -1))
            if not outlets or not -len(outlets) <= (position - 1 if position > 0 else position) < len(outlets):
                continue
            _seed_one(d, world, outlets[position - 1 if position > 0 else position], spec)


def _seed_one(d: DiscountModel, world: dict[str, Any], outlet_id: int, spec: dict[str, Any]) -> None:
    # written directly: a seeded discount may already be running, which add_discount never allows
    items = d.emulator.products.items_of_shop(outlet_id)
    index = int(spec.get("item", 1)) - 1
    if not 0 <= index < len(items):
        return
    item = items[index]
    now = d.now()
    start = now + int(float(spec.get("starts_in_hours", 48)) * 3600)
    end = start + int(float(spec.get("hours", 72)) * 3600)
    keep = 1 - Decimal(str(spec.get("percent_off", 10))) / 100
    step = price_places(world["region"])
    models = {
        str(m["model_id"]): {"model_id": int(m["model_id"]), "promotion_price": money((Decimal(m["original_price"]) * keep).quantize(step, rounding=ROUND_HALF_UP)),
                             "promotion_stock": None, "promotion_sold": 0}
        for m in item["models"]
    }
    discount_id = d.emulator.ids.next("discount")
    doc = {
        "discount_id": discount_id, "shop_id": outlet_id, "discount_name": str(spec.get("name", "Discount")), "source": 0,
        "start_time": start, "end_time": end, "create_time": now, "update_time": now, "ended_early": False,
        "items": {str(item["item_id"]): {"item_id": int(item["item_id"]), "purchase_limit": int(spec.get("purchase_limit", 0)),
                                         "models": models}},
    }
    d.store.put(DISCOUNTS, discount_id, doc)
    d.schedule(doc)
