"""A world with history: orders over the two weeks before the world starts, in every status.

Each Outlet gets the same storyline (ages and paths below), with items, quantities and buyers drawn
from the seeded streams, so a seed always gives the same orders. Transitions are stamped at their
own past moments; clock jobs are only scheduled for what is still ahead of the world's start.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from emulator.domains.logistics.fulfilment import SLOT_SECONDS
from emulator.domains.product.stock import OutOfStock

if TYPE_CHECKING:
    from emulator.domains.order.models import OrderModel

MIN, HOUR, DAY = 60, 3600, 86400
# (age of the order at world start, cash on delivery, the steps it went through with their delay)
STORIES: tuple[tuple[int, bool, tuple[tuple[str, int], ...]], ...] = (
    (13 * DAY, False, (("pay", 5 * MIN), ("ship", 20 * MIN), ("pickup", 45 * MIN), ("deliver", 2 * HOUR), ("confirm_receipt", 1 * DAY))),
    (11 * DAY, True, (("ship", 15 * MIN), ("pickup", 40 * MIN), ("deliver", 90 * MIN), ("confirm_receipt", 3 * HOUR))),
    (9 * DAY, False, (("pay", 2 * MIN), ("ship", 10 * MIN), ("pickup", 30 * MIN), ("deliver", 80 * MIN), ("confirm_receipt", 3 * DAY))),
    (12 * DAY, False, (("payment_window", DAY),)),
    (8 * DAY, False, (("pay", 3 * MIN), ("seller_cancel", 30 * MIN))),
    (6 * DAY, False, (("pay", 4 * MIN), ("buyer_cancel", 10 * MIN), ("accept", 40 * MIN))),
    (4 * DAY, True, (("ship", 10 * MIN), ("pickup", 30 * MIN), ("deliver", 70 * MIN), ("confirm_receipt", 5 * HOUR))),
    (30 * HOUR, False, (("pay", 3 * MIN), ("ship", 12 * MIN), ("pickup", 35 * MIN), ("deliver", 75 * MIN))),
    (5 * HOUR, True, (("ship", 10 * MIN), ("pickup", 35 * MIN))),
    (6 * HOUR, False, (("pay", 5 * MIN), ("ship", 15 * MIN), ("fail_pickup", 60 * MIN))),
    (3 * HOUR, False, (("pay", 2 * MIN), ("ship", 20 * MIN))),
    (4 * HOUR, False, (("pay", 6 * MIN), ("buyer_cancel", 30 * MIN))),
    (2 * HOUR, False, (("pay", 3 * MIN),)),
    (50 * MIN, True, ()),
    (30 * MIN, False, ()),
)


def seed_history(orders: "OrderModel", world: dict[str, Any]) -> None:
    if world.get("orders", {}).get("history") is False:
        return
    emulator = orders.emulator
    start = emulator.clock.now()
    rng = emulator.rng("orders:seed")
    for shop in emulator.shops.all_shops():
        if shop["kind"] != "outlet" or not emulator.logistics.enabled_channel_ids(shop["shop_id"]):
            continue
        items = [d for d in emulator.products.items_of_shop(shop["shop_id"]) if d["kind"] == "outlet" and d["item_status"] == "NORMAL"]
        if not items:
            continue
        for age, cod, steps in STORIES:
            chosen = rng.sample(items, k=min(len(items), rng.randint(1, 3)))
            lines = [{"item_id": d["item_id"], "model_id": rng.choice(d["models"])["model_id"], "quantity": rng.randint(1, 2)} for d in chosen]
            at = start - age
            try:
                doc = orders.create(shop["shop_id"], lines, cod=cod, at=at)
            except OutOfStock:
                # a world's own small catalogue: the stock checks before it writes, so the story
                # is left out whole (the random draws stay those of a world with stock to spare)
                continue
            for step, delay in steps:
                at += delay
                _apply(orders, doc["order_sn"], step, at)


def _apply(orders: "OrderModel", order_sn: str, step: str, at: int) -> None:
    if step == "ship":
        doc = orders.get(order_sn)
        address_id = orders.fulfilment.address(doc["shop_id"])["address_id"]
        orders.fulfilment.arrange(order_sn, address_id, str((at // SLOT_SECONDS + 1) * SLOT_SECONDS), at=at)
    elif step == "payment_window":
        orders.cancel(orders.editable(order_sn), "system", "Unpaid Order", at)
    elif step == "seller_cancel":
        orders.cancel(orders.editable(order_sn), "seller", "Out of Stock", at)
    elif step == "accept":
        orders._answer_cancellation(orders.editable(order_sn), True, at)
    else:
        getattr(orders, step)(order_sn, at=at)
