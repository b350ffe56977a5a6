"""The order status table: what each buyer, courier, seller and clock action moves an order from
and to. The order model checks actions against it, the console's Test Order page offers its
buttons, and the returns domain moves orders through its return transitions."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from emulator.states import Button, StateMachine, Transition

ORDER_STATUSES = (
    "UNPAID", "READY_TO_SHIP", "PROCESSED", "RETRY_SHIP", "SHIPPED", "TO_CONFIRM_RECEIVE",
    "IN_CANCEL", "CANCELLED", "TO_RETURN", "COMPLETED",
)
SHIPPABLE = ("READY_TO_SHIP", "RETRY_SHIP")
BUYER_CANCELLABLE = ("READY_TO_SHIP", "PROCESSED", "RETRY_SHIP")
SELLER_CANCELLABLE = ("UNPAID", *BUYER_CANCELLABLE)


def _by_courier(doc: Mapping[str, Any]) -> str | None:
    """Courier steps do not happen to an order its buyer collects at the Outlet."""
    if doc.get("self_collection"):
        return (f"order {doc['order_sn']} is collected by its buyer at the Outlet: "
                "update_self_collection_order_logistics moves it, not a courier")
    return None


def _at_outlet(doc: Mapping[str, Any]) -> str | None:
    if not doc.get("self_collection"):
        return f"order {doc['order_sn']} is delivered by a courier, not collected by its buyer at the Outlet"
    return None


ORDER_FLOW = StateMachine("order", ORDER_STATUSES, (
    Transition("pay", ("UNPAID",), ("READY_TO_SHIP",), (Button("Pay"),)),
    Transition("ship", SHIPPABLE, ("PROCESSED",), (Button("Arrange pickup"),), _by_courier),
    Transition("pickup", ("PROCESSED",), ("SHIPPED",), (Button("Pick up"),), _by_courier),
    Transition("fail_pickup", ("PROCESSED",), ("RETRY_SHIP", "CANCELLED"),
               (Button("Fail pickup"), Button("Fail pickup (final)", {"final": "true"})), _by_courier),
    Transition("deliver", ("SHIPPED",), ("TO_CONFIRM_RECEIVE",), (Button("Deliver"),), _by_courier),
    Transition("fail_delivery", ("SHIPPED",), ("CANCELLED",), (Button("Fail delivery"),), _by_courier),
    Transition("lose", ("SHIPPED",), ("CANCELLED",), (Button("Lose parcel"),), _by_courier),
    # the seller's update_self_collection_order_logistics, for an order its buyer collects at the Outlet
    Transition("ready_for_collection", ("READY_TO_SHIP",), ("PROCESSED",), guard=_at_outlet),
    Transition("collect", ("PROCESSED",), ("TO_CONFIRM_RECEIVE",), guard=_at_outlet),
    Transition("confirm_receipt", ("TO_CONFIRM_RECEIVE",), ("COMPLETED",), (Button("Confirm receipt"),)),
    Transition("buyer_cancel", ("UNPAID", *BUYER_CANCELLABLE), ("CANCELLED", "IN_CANCEL"),
               (Button("Buyer cancels", only_from=("UNPAID",)), Button("Buyer requests cancel", only_from=BUYER_CANCELLABLE))),
    Transition("seller_cancel", SELLER_CANCELLABLE, ("CANCELLED",)),
    # the returns domain's: an open return shows on its order, and the order completes when none is
    Transition("return_opened", ("TO_CONFIRM_RECEIVE", "COMPLETED"), ("TO_RETURN",)),
    Transition("returns_closed", ("TO_RETURN",), ("COMPLETED",)),
))
