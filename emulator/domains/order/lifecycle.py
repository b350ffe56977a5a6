"""What buyers, couriers, sellers and the clock do to an order once it exists.

A mixin of ``OrderModel`` (see its module docstring for the status flow); every method works on
documents taken with ``editable`` and moves them through ``move`` and ``cancel``.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from emulator.domains.order import errors as e
from emulator.domains.order import events
from emulator.domains.order import jobs
from emulator.domains.order import partial
from emulator.domains.order.index import ORDERS
from emulator.domains.order.states import ORDER_FLOW
from emulator.errors import wrong_parameters

if TYPE_CHECKING:
    from emulator.world import Emulator

HOUR = 3600
DAY = 24 * HOUR
CONFIRM_PERIOD = 3 * DAY
CANCELLATION_RESPONSE_WINDOW = 2 * DAY
SELLER_REASONS = {
    "OUT_OF_STOCK": "Out of Stock",
    "CUSTOMER_REQUEST": "Customer Request",
    "UNDELIVERABLE_AREA": "Undeliverable Area",
    "COD_NOT_SUPPORTED": "COD Not Supported",
}
UNDELIVERABLE_REGIONS = ("TW", "MY")
DEFAULT_BUYER_REASON = "Need to change delivery address"
DAYS_TO_SHIP = 1
ARRANGED = ("LOGISTICS_REQUEST_CREATED", "LOGISTICS_PICKUP_RETRY")  # a driver was asked for: cancelling cancels that
UNPAID_REASON = "Unpaid Order"
NOT_SHIPPED_REASON = "Seller did not Ship"
LOST_REASON = "Parcel is Lost"
# how long after its ship-by date an order nobody shipped stays open before the platform cancels it
SHIP_GRACE = 3 * DAY
NOT_SHIPPED = ("READY_TO_SHIP", "RETRY_SHIP")
COLLECTION_READY_TEXT = "Parcel is ready for the buyer to collect at the outlet"
COLLECTED_TEXT = "Parcel has been collected by the buyer at the outlet"


class Lifecycle:
    """Buyer and courier actions, the seller's order APIs and the clock's jobs."""

    if TYPE_CHECKING:  # provided by OrderModel
        emulator: Emulator

        def find(self, order_sn: str) -> dict[str, Any] | None: ...
        def of_shop(self, shop_id: int | None, order_sn: str) -> dict[str, Any]: ...
        def editable(self, order_sn: str) -> dict[str, Any]: ...
        def now(self, at: int | None = None) -> int: ...
        def move(
            self, doc: dict[str, Any], status: str | None, now: int, logistics: str | None = None, track: str | None = None,
            text: str | None = None,
        ) -> None: ...
        def later(self, due: int, kind: str, payload: jobs.OrderJob | jobs.CancellationJob) -> None: ...
        def _stock(self, doc: dict[str, Any]) -> list[dict[str, Any]]: ...
        def _require(self, doc: dict[str, Any], action: str) -> None: ...

    # -- buyer and courier actions (the console's Test Order page) ----------------------------------
    def pay(self, order_sn: str, at: int | None = None) -> dict[str, Any]:
        doc = self.editable(order_sn)
        self._require(doc, "pay")
        now = self.now(at)
        doc["pay_time"] = now
        doc["ship_by_date"] = self.emulator.shops.holiday.ship_by(doc["shop_id"], now, now + DAYS_TO_SHIP * DAY, DAYS_TO_SHIP)
        self.move(doc, "READY_TO_SHIP", now, "LOGISTICS_READY")
        self.watch_shipping(doc)
        return doc

    def watch_shipping(self, doc: dict[str, Any], now: int | None = None) -> None:
        """From its ship-by date on, an order the seller leaves unshipped has ``SHIP_GRACE`` left;
        ``now``: an order back from a refused cancellation whose deadline passed meanwhile closes
        at the next tick."""
        due = int(doc["ship_by_date"]) + SHIP_GRACE
        self.later(due if now is None else max(due, now + 1), jobs.SHIP_WINDOW, {"order_sn": doc["order_sn"]})

    def pickup(self, order_sn: str, at: int | None = None) -> dict[str, Any]:
        doc = self.editable(order_sn)
        self._require(doc, "pickup")
        now = self.now(at)
        self.emulator.products.stock.sell(doc["shop_id"], self._stock(doc))
        doc["stock_state"] = "sold"
        doc["pickup_done_time"] = now
        if not doc["packages"][0].get("rider"):  # a rider's own steps already told of the way there
            self.move(doc, None, now, track="PICKUP_PENDING")
        self.move(doc, "SHIPPED", now, "LOGISTICS_PICKUP_DONE", track="PICKED_UP")
        return doc

    def fail_pickup(self, order_sn: str, at: int | None = None, final: bool = False) -> dict[str, Any]:
        """The driver did not collect: first a retry, a repeated failure cancels the order."""
        doc = self.editable(order_sn)
        self._require(doc, "fail_pickup")
        now = self.now(at)
        doc["pickup_failures"] += 1
        if final or doc["pickup_failures"] > 1:
            self.cancel(doc, "system", "3PL pickup Fail", now, "LOGISTICS_PICKUP_FAILED", "FAILED_PICKED_UP")
        else:
            self.move(doc, "RETRY_SHIP", now, "LOGISTICS_PICKUP_RETRY", track="PICKUP_RETRY")
        return doc

    def deliver(self, order_sn: str, at: int | None = None) -> dict[str, Any]:
        doc = self.editable(order_sn)
        self._require(doc, "deliver")
        now = self.now(at)
        if doc["cod"]:
            doc["pay_time"] = now
        doc["delivered_time"] = now
        tracking = doc["packages"][0]["tracking"]
        if not tracking or tracking[-1]["logistics_status"] != "DELIVERY_PENDING":
            self.move(doc, None, now, track="DELIVERY_PENDING")
        self.move(doc, "TO_CONFIRM_RECEIVE", now, "LOGISTICS_DELIVERY_DONE", track="DELIVERED")
        self.later(now + CONFIRM_PERIOD, jobs.CONFIRM_PERIOD, {"order_sn": order_sn})
        return doc

    def fail_delivery(self, order_sn: str, at: int | None = None) -> dict[str, Any]:
        doc = self.editable(order_sn)
        self._require(doc, "fail_delivery")
        self.cancel(doc, "system", "Failed Delivery", self.now(at), "LOGISTICS_DELIVERY_FAILED", "FAILED_DELIVERED")
        return doc

    def lose(self, order_sn: str, at: int | None = None) -> dict[str, Any]:
        doc = self.editable(order_sn)
        self._require(doc, "lose")
        self.cancel(doc, "system", LOST_REASON, self.now(at), "LOGISTICS_LOST", "LOST", restock=False)
        return doc

    def confirm_receipt(self, order_sn: str, at: int | None = None) -> dict[str, Any]:
        doc = self.editable(order_sn)
        self._require(doc, "confirm_receipt")
        self.move(doc, "COMPLETED", self.now(at))
        return doc

    # -- an order its buyer collects at the Outlet (update_self_collection_order_logistics) ---------
    def ready_for_collection(self, doc: dict[str, Any], now: int) -> None:
        """The Outlet has prepared the parcel: it waits at the counter for its buyer."""
        self._require(doc, "ready_for_collection")
        self.move(doc, "PROCESSED", now, "LOGISTICS_REQUEST_CREATED", track="PICKUP_PENDING", text=COLLECTION_READY_TEXT)

    def collected(self, doc: dict[str, Any], proof: list[str], now: int) -> None:
        """The buyer took the parcel at the Outlet: sold, as a courier's delivery would leave it."""
        self._require(doc, "collect")
        self.emulator.products.stock.sell(doc["shop_id"], self._stock(doc))
        doc["stock_state"] = "sold"
        doc["pickup_done_time"] = doc["delivered_time"] = now
        if doc["cod"]:
            doc["pay_time"] = now
        doc["packages"][0]["proof_of_collection"] = list(proof)
        self.move(doc, "TO_CONFIRM_RECEIVE", now, "LOGISTICS_DELIVERY_DONE", track="DELIVERED", text=COLLECTED_TEXT)
        self.later(now + CONFIRM_PERIOD, jobs.CONFIRM_PERIOD, {"order_sn": doc["order_sn"]})

    def buyer_cancel(self, order_sn: str, reason: str | None = None, at: int | None = None) -> dict[str, Any]:
        """Unpaid orders cancel at once; later the buyer only requests it and the seller answers."""
        doc = self.editable(order_sn)
        self._require(doc, "buyer_cancel")
        now = self.now(at)
        doc["buyer_cancel_reason"] = reason or DEFAULT_BUYER_REASON
        if doc["order_status"] == "UNPAID":
            self.cancel(doc, "buyer", "Buyer Request to Cancel", now)
            return doc
        doc["status_before_cancel"] = doc["order_status"]
        doc["cancel_requested_at"] = now
        self.move(doc, "IN_CANCEL", now)
        self.later(now + CANCELLATION_RESPONSE_WINDOW, jobs.CANCELLATION_WINDOW, {"order_sn": order_sn, "requested_at": now})
        return doc

    def cancel(
        self,
        doc: dict[str, Any],
        by: str,
        reason: str,
        now: int,
        logistics: str | None = None,
        track: str | None = None,
        restock: bool = True,
    ) -> None:
        """Final cancellation: stock back through the one stock path, package closed."""
        package = doc["packages"][0]
        if logistics is None:
            arranged = package["logistics_status"] in ARRANGED
            logistics = "LOGISTICS_REQUEST_CANCELED" if arranged else "LOGISTICS_INVALID"
            track = "CANCELED" if package["tracking"] else None
        if doc["stock_state"] == "reserved":
            self.emulator.products.stock.release(doc["shop_id"], self._stock(doc))
            doc["stock_state"] = "released"
        elif doc["stock_state"] == "sold" and restock:
            self.emulator.products.stock.restock(doc["shop_id"], self._stock(doc))
            doc["stock_state"] = "restocked"
        doc["cancel_by"], doc["cancel_reason"] = by, reason
        self.move(doc, "CANCELLED", now, logistics, track=track)

    # -- the seller's order APIs ------------------------------------------------------------------
    def seller_cancel(
        self,
        shop_id: int,
        order_sn: str,
        reason: str,
        item_list: list[dict[str, Any]] | None,
        partial_items: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Cancel the whole order, or with ``partial_items`` (a partial_cancel_item_list) only those
        units, where get_order_detail's ``can_partial_cancel_order`` says the buyer allows it."""
        doc = self.of_shop(shop_id, order_sn)
        if not self._reason_applies(doc, reason):
            raise wrong_parameters(f"cancel_reason {reason} is not supported")
        if partial_items:
            if reason != partial.PARTIAL_REASON:
                raise wrong_parameters(f"partial_cancel_item_list needs cancel_reason {partial.PARTIAL_REASON}")
            units = partial.checked_units(doc, partial_items)
            doc = self.editable(order_sn)
            partial.cancel_units(self.emulator, doc, units, self.now())
            return doc
        if reason == "OUT_OF_STOCK":
            self._check_cancel_items(doc, item_list)
        if not ORDER_FLOW.allows("seller_cancel", doc["order_status"]):
            raise e.OrderError(e.CANNOT_CANCEL, error="order.error_limit")
        doc = self.editable(order_sn)
        self.cancel(doc, "seller", SELLER_REASONS[reason], self.now())
        return doc

    @staticmethod
    def _reason_applies(doc: dict[str, Any], reason: str) -> bool:
        if reason == "UNDELIVERABLE_AREA":
            return doc["region"] in UNDELIVERABLE_REGIONS
        if reason == "COD_NOT_SUPPORTED":
            return bool(doc["cod"])
        return reason in SELLER_REASONS

    def _check_cancel_items(self, doc: dict[str, Any], item_list: list[dict[str, Any]] | None) -> None:
        if not item_list:
            raise wrong_parameters("item_list is required when cancel_reason is OUT_OF_STOCK")
        ordered = {(l["item_id"], l["model_id"]) for l in doc["items"]}
        for entry in item_list:
            if (entry["item_id"], entry["model_id"]) not in ordered:
                raise wrong_parameters(f"item_id {entry['item_id']} model_id {entry['model_id']} is not in the order")

    def handle_buyer_cancellation(self, shop_id: int, order_sn: str, operation: str) -> dict[str, Any]:
        if operation not in ("ACCEPT", "REJECT"):
            raise wrong_parameters("operation should be ACCEPT or REJECT")
        doc = self.of_shop(shop_id, order_sn)
        if doc["order_status"] != "IN_CANCEL":
            raise e.OrderError(e.NOT_IN_CANCEL, error="order.cancel_order_invalid_status")
        doc = self.editable(order_sn)
        self._answer_cancellation(doc, operation == "ACCEPT", self.now())
        return doc

    def _answer_cancellation(self, doc: dict[str, Any], accept: bool, now: int) -> None:
        if accept:
            self.cancel(doc, "buyer", "Buyer Request to Cancel", now)
        else:
            self.move(doc, doc["status_before_cancel"] or "READY_TO_SHIP", now)
            if doc["order_status"] in NOT_SHIPPED:
                self.watch_shipping(doc, now)
        doc["cancel_requested_at"] = 0

    def set_note(self, shop_id: int, order_sn: str, note: str) -> dict[str, Any]:
        self.of_shop(shop_id, order_sn)
        doc = self.editable(order_sn)
        now = self.now()
        doc["note"], doc["note_update_time"] = note, now
        doc["update_time"] = now
        return doc

    # -- clock jobs: each re-checks the order, so a stale job does nothing ---------------------------
    def _payment_window_passed(self, payload: jobs.OrderJob) -> None:
        doc = self.find(payload["order_sn"])
        if doc is not None and doc["order_status"] == "UNPAID":
            self.cancel(self.editable(payload["order_sn"]), "system", UNPAID_REASON, self.now())

    def _payment_windows_passed(self, payloads: Iterable[jobs.OrderJob]) -> None:
        """A clock jump's run of closing payment windows in one pass: stock goes back once per
        item at the end of it, not once per order."""
        get, clock = self.emulator.store.get, self.emulator.clock
        with self.emulator.products.stock.held():
            for payload in payloads:
                doc = get(ORDERS, payload["order_sn"])  # ``find`` and ``now`` inline: once per order
                if doc is not None and doc["order_status"] == "UNPAID":
                    self._close_unpaid(doc, clock.now())

    def _close_unpaid(self, doc: dict[str, Any], now: int) -> None:
        """``cancel`` for the plain case a payment window closes on (reserved stock, one package
        never arranged), as one store update that copies only the package; anything else takes
        the general path. The batched-equals-one-by-one test holds the two to the same result."""
        package = doc["packages"][0]
        if len(doc["packages"]) != 1 or doc["stock_state"] != "reserved" or package["tracking"] or package["logistics_status"] in ARRANGED:
            self.cancel(self.editable(doc["order_sn"]), "system", UNPAID_REASON, now)
            return
        self.emulator.products.stock.release(doc["shop_id"], self._stock(doc))
        if package["logistics_status"] != "LOGISTICS_INVALID":
            package = {**package, "logistics_status": "LOGISTICS_INVALID", "update_time": now}
        changes = {"stock_state": "released", "cancel_by": "system", "cancel_reason": UNPAID_REASON, "update_time": now,
                   "packages": [package], "order_status": "CANCELLED"}
        self.emulator.store.update(ORDERS, doc["order_sn"], changes)
        # ``Emulator.publish`` at ``now`` (the job's moment), without its keyword packing and clock read
        self.emulator.bus.emit(events.STATUS_CHANGED, int(doc["shop_id"]), now,
                               {"order_sn": doc["order_sn"], "old": "UNPAID", "new": "CANCELLED"})

    def _ship_window_passed(self, payload: jobs.OrderJob) -> None:
        doc = self.find(payload["order_sn"])
        if doc is None or doc["order_status"] not in NOT_SHIPPED:
            return  # shipped or cancelled; an order the buyer asks to cancel is watched again if refused
        if int(doc["ship_by_date"]) + SHIP_GRACE > self.now():
            self.watch_shipping(doc)  # the ship-by date moved later (a holiday): so does the deadline
            return
        self.cancel(self.editable(payload["order_sn"]), "system", NOT_SHIPPED_REASON, self.now())

    def _confirm_period_passed(self, payload: jobs.OrderJob) -> None:
        doc = self.find(payload["order_sn"])
        if doc is not None and doc["order_status"] == "TO_CONFIRM_RECEIVE":
            self.move(self.editable(payload["order_sn"]), "COMPLETED", self.now())

    def _cancellation_window_passed(self, payload: jobs.CancellationJob) -> None:
        doc = self.find(payload["order_sn"])
        if doc is not None and doc["order_status"] == "IN_CANCEL" and doc["cancel_requested_at"] == payload["requested_at"]:
            self._answer_cancellation(self.editable(payload["order_sn"]), True, self.now())

