"""Partial cancellation: the seller cancels unavailable units and ships the rest.

Each order line keeps what was purchased (``quantity``) and counts what was cancelled
(``cancelled_qty``); everything that follows the goods reads the units left (``fields.active_qty``):
the stock the order holds, the package's items and weight, the escrow and the income documents.
The buyer is refunded the cancelled units at the price paid, so ``total_amount`` drops by as much.
"""
from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from emulator.domains.order import errors as e
from emulator.domains.order.fields import active_qty, can_partial_cancel
from emulator.domains.product.amounts import money
from emulator.errors import wrong_parameters

if TYPE_CHECKING:
    from emulator.world import Emulator

ITEMS_CANCELLED = "order.items_cancelled"
PARTIAL_REASON = "OUT_OF_STOCK"
NO_PROMOTION_GROUP = 0  # the orders here are never in bundle or add-on deals


def checked_units(doc: dict[str, Any], entries: list[dict[str, Any]]) -> dict[int, int]:
    """Per line index, the units ``entries`` cancel; every problem is refused before anything changes."""
    if not can_partial_cancel(doc):
        raise e.OrderError(e.CANNOT_CANCEL, error="order.error_limit")
    lines = {(line["item_id"], line["model_id"]): index for index, line in enumerate(doc["items"])}
    units: dict[int, int] = {}
    for entry in entries:
        index = lines.get((entry["item_id"], entry["model_id"]))
        if index is None:
            raise wrong_parameters(f"item_id {entry['item_id']} model_id {entry['model_id']} is not in the order")
        if entry.get("order_item_id") not in (None, 0, entry["item_id"]):
            raise wrong_parameters(f"order_item_id {entry['order_item_id']} is not the order_item_id of item_id {entry['item_id']}")
        if entry.get("promotion_group_id") not in (None, NO_PROMOTION_GROUP):
            raise wrong_parameters(f"promotion_group_id {entry['promotion_group_id']} is not the promotion_group_id of item_id {entry['item_id']}")
        if entry["model_quantity"] < 1:
            raise wrong_parameters("model_quantity should be at least 1")
        units[index] = units.get(index, 0) + int(entry["model_quantity"])
    for index, count in units.items():
        line = doc["items"][index]
        if count > active_qty(line):
            raise wrong_parameters(
                f"model_quantity {count} of item_id {line['item_id']} model_id {line['model_id']} is more than its {active_qty(line)} active units"
            )
    if sum(active_qty(line) for line in doc["items"]) == sum(units.values()):
        raise wrong_parameters("partial_cancel_item_list cancels every unit of the order; cancel the whole order instead")
    return units


def cancel_units(emulator: "Emulator", doc: dict[str, Any], units: dict[int, int], now: int) -> None:
    """Apply checked ``units`` to a live order: stock back, lines and total reduced, the change published."""
    released = []
    refund = Decimal(0)
    for index, count in units.items():
        line = doc["items"][index]
        line["cancelled_qty"] = int(line.get("cancelled_qty", 0)) + count
        released.append({"item_id": line["item_id"], "model_id": line["model_id"], "quantity": count})
        refund += Decimal(str(line["model_discounted_price"])) * count
    if doc["stock_state"] == "reserved":
        promotions = (int(doc["items"][index].get("promotion_id") or 0) for index in units)
        emulator.products.stock.release(doc["shop_id"], [{**line, "promotion_id": p} for line, p in zip(released, promotions)])
    doc["total_amount"] = money(Decimal(str(doc["total_amount"])) - refund)
    doc["update_time"] = now
    emulator.publish(ITEMS_CANCELLED, doc["shop_id"], order_sn=doc["order_sn"], items=released, refund=money(refund))
