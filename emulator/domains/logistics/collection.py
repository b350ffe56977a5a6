"""Orders their buyer collects at the Outlet: update_self_collection_order_logistics.

    READY_TO_SHIP ──ready_for_collection──> PROCESSED ──order_collected──> TO_CONFIRM_RECEIVE

No courier comes for such an order (ship_order refuses it and no rider is dispatched); the seller
says when the parcel waits at the counter and, with photos of the hand-over (and the order's PIN
when it has one), when the buyer took it. From there the order completes as a delivered one does.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from emulator.domains.logistics import errors as e
from emulator.errors import wrong_parameters

if TYPE_CHECKING:
    from emulator.domains.order.models import OrderModel

READY = "ready_for_collection"
COLLECTED = "order_collected"
ACTIONS = (READY, COLLECTED)
MAX_PROOF_IMAGES = 3


class SelfCollection:
    """The seller's two steps of an order its buyer collects."""

    def __init__(self, orders: "OrderModel") -> None:
        self.orders = orders
        self.emulator = orders.emulator

    def update(self, shop_id: int, package_number: str, action: str, images: list[str] | None, pin: str | None) -> None:
        if action not in ACTIONS:
            raise wrong_parameters(f"self_collection_logistics_action should be {READY} or {COLLECTED}")
        proof = [str(image_id) for image_id in images or ()]
        if action == COLLECTED:
            if not proof:
                raise wrong_parameters(f"epoc_image_list is required when self_collection_logistics_action is {COLLECTED}")
            if len(proof) > MAX_PROOF_IMAGES:
                raise wrong_parameters(f"epoc_image_list should have at most {MAX_PROOF_IMAGES} images")
        doc = self.orders.by_package(shop_id, package_number)
        if doc is None:
            raise e.LogisticsError(e.PACKAGE_NOT_EXIST, error="logistics.package_not_exist")
        if not doc.get("self_collection"):
            raise e.LogisticsError(e.NOT_SELF_COLLECTION, error="logistics.not_available_for_self_collection")
        now = self.orders.now()
        if action == READY:
            if doc["order_status"] != "READY_TO_SHIP":
                raise e.LogisticsError(e.OUTBOUND_FAILED, error="logistics.self_collect_outbound_failed")
            self.orders.ready_for_collection(self.orders.editable(doc["order_sn"]), now)
            return
        if doc["order_status"] != "PROCESSED":
            raise e.LogisticsError(e.NOT_READY_FOR_COLLECTION, error="logistics.not_ready_for_self_collection")
        media = self.emulator.products.media
        unknown = next((image_id for image_id in proof if not media.issued(image_id)), None)
        if unknown is not None:
            raise wrong_parameters(f"epoc_image_list: {unknown} is not an image uploaded with v2.media.upload_image")
        expected = str(doc.get("collection_pin") or "")
        if expected and (pin or "") != expected:
            raise e.LogisticsError(e.COLLECTION_PIN_INVALID, error="logistics.self_collection_pin_invalid")
        self.orders.collected(self.orders.editable(doc["order_sn"]), proof, now)
