"""Return & refund requests of the Outlets' orders: creation, the status flow and its clock.

    REQUESTED ──seller confirm──────────────────────────────> ACCEPTED (refund; the buyer keeps the goods)
    REQUESTED ──seller accept_offer / no answer by due_date─> REFUND: ACCEPTED | RETURN_REFUND: PROCESSING
    REQUESTED ──seller offer──> (PENDING_BUYER_RESPOND) ──buyer accept_offer──> as above with the offer
                                                        └─buyer reject_offer──> REQUESTED, seller answers again
                                                        └─no answer by offer_due_date──> CLOSED
    PROCESSING ──buyer ship_back──> (parcel on its way) ──receive──> goods restocked, seller validates
    PROCESSING ──seller confirm / no answer by return_seller_due_date after receipt──> ACCEPTED
    PROCESSING ──goods not shipped by return_ship_due_date──> CLOSED
    REQUESTED | PROCESSING ──seller dispute──> SELLER_DISPUTE ──proof uploaded / evidence due──> JUDGING
    SELLER_DISPUTE | JUDGING ──Shopee judge: buyer──> ACCEPTED | seller──> CLOSED
    ACCEPTED (auto-accepted) ──seller dispute──> compensation requested ──judge / cancel_dispute──>
    REQUESTED | PROCESSING (goods not yet received) ──buyer cancel──> CANCELLED

While a return is open its order shows TO_RETURN; when the last one ends the order is COMPLETED.
Money is exact: each returned line refunds its order price times the quantity returned.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable

from emulator.domains.order.fields import RETURN_WINDOW, active_qty
from emulator.domains.product.amounts import money
from emulator.domains.returns import errors as e
from emulator.domains.returns import events, jobs
from emulator.domains.returns.index import RETURNS, ReturnIndex
from emulator.domains.returns.states import STATUSES as STATUSES
from emulator.errors import ShopeeError, wrong_parameters

if TYPE_CHECKING:
    from emulator.world import Emulator

DAY = 86400
SELLER_RESPONSE = 3 * DAY
BUYER_RESPONSE = 2 * DAY
BUYER_SHIP = 3 * DAY
SELLER_VALIDATION = 3 * DAY
EVIDENCE_WINDOW = 3 * DAY
COMPENSATION_WINDOW = 7 * DAY
COUNTER_LIMIT = 3

# Shopee granted the seller's compensation request (payment books it)
COMPENSATION_APPROVED = "return.compensation_approved"
FINAL = ("ACCEPTED", "CANCELLED", "CLOSED")
SOLUTIONS = ("RETURN_REFUND", "REFUND")
NEGOTIATION = ("PENDING_RESPOND", "PENDING_BUYER_RESPOND", "TERMINATED")
PROOF = ("PENDING", "UPLOADED", "OVERDUE", "NOT_NEEDED")
COMPENSATION = (
    "COMPENSATION_NOT_APPLICABLE", "COMPENSATION_INITIAL_STAGE", "COMPENSATION_PENDING_REQUEST", "COMPENSATION_NOT_REQUIRED",
    "COMPENSATION_REQUESTED", "COMPENSATION_APPROVED", "COMPENSATION_REJECTED", "COMPENSATION_CANCELLED", "COMPENSATION_NOT_ELIGIBLE",
)
REASONS = (
    "NONE", "NOT_RECEIPT", "NONRECEIPT", "WRONG_ITEM", "ITEM_DAMAGED", "DIFFERENT_DESCRIPTION", "DIFF_DESC", "MUTUAL_AGREE",
    "MUITAL_AGREE", "OTHER", "USED", "NO_REASON", "ITEM_WRONGDAMAGED", "CHANGE_MIND", "ITEM_MISSING", "EXPECTATION_FAILED",
    "ITEM_FAKE", "PHYSICAL_DMG", "FUNCTIONAL_DMG", "ITEM_NOT_FIT", "SUSPICIOUS_PARCEL", "EXPIRED_PRODUCT", "WRONG_ORDER_INFO",
    "WRONG_ADDRESS", "CHANGE_OF_MIND", "SELLER_SENT_WRONG_ITEM", "SPILLED_CONTENTS", "BROKEN_PRODUCTS", "DAMAGED_PACKAGE",
    "SCRATCHED", "DAMAGED_OTHERS", "SIZE_DEVIATION", "LOOK_DEVIATION", "DATE_DEVIATION",
)
NON_RECEIPT = ("NOT_RECEIPT", "NONRECEIPT", "ITEM_MISSING")
RETURNABLE_ORDER = ("TO_CONFIRM_RECEIVE", "COMPLETED", "TO_RETURN")
REVERSE_TEXT = {
    "LOGISTICS_PENDING_ARRANGE": "Return approved; waiting for the buyer to send the parcel back",
    "LOGISTICS_PICKUP_DONE": "Return parcel has been handed to the courier",
    "LOGISTICS_DELIVERY_DONE": "Return parcel has been delivered to the outlet",
}
# the smallest amount a refund can be adjusted by, per currency (whole rupiah, satang...)
CURRENCY_DIGITS = {"IDR": 0, "VND": 0, "TWD": 0}


class ActionNotAllowed(ShopeeError):
    """A buyer, courier or Shopee action that the return's status does not allow (control plane)."""

    error = "error_return_status"


def dec(value: Any) -> Decimal:
    return Decimal(str(value))


def _orders_of(return_sn: str, old: dict[str, Any] | None, new: dict[str, Any] | None) -> set[str]:
    return {doc["order_sn"] for doc in (old, new) if doc is not None}


class ReturnModel:
    """The returns of one emulator."""

    def __init__(self, emulator: "Emulator") -> None:
        self.emulator = emulator
        self.store = emulator.store
        self.index = ReturnIndex(self.store)
        # an order's detail shows its returned quantities: a changed return drops its order's views
        emulator.orders.views.watch(RETURNS, _orders_of)
        for kind, job in (
            (jobs.SELLER_RESPONSE, self._seller_response_due),
            (jobs.BUYER_RESPONSE, self._buyer_response_due),
            (jobs.SHIP_DUE, self._ship_due),
            (jobs.SELLER_VALIDATION, self._seller_validation_due),
            (jobs.EVIDENCE_DUE, self._evidence_due),
        ):
            emulator.scheduler.handle(kind, job)
        from emulator.domains.returns.buyer import BuyerActions
        from emulator.domains.returns.seller import SellerActions

        self.buyer = BuyerActions(self)
        self.seller = SellerActions(self)

    # -- state -------------------------------------------------------------------------------------
    def now(self) -> int:
        return int(self.emulator.clock.now())

    def find(self, return_sn: str) -> dict[str, Any] | None:
        return self.store.get(RETURNS, return_sn)

    def of_shop(self, shop_id: int | None, return_sn: str, missing: ShopeeError | None = None) -> dict[str, Any]:
        """The calling Outlet's return; another shop's answers exactly as an unknown one."""
        doc = self.find(return_sn)
        if doc is None or doc["shop_id"] != shop_id:
            raise missing or e.ReturnNotFound()
        return doc

    def editable(self, return_sn: str) -> dict[str, Any]:
        doc = self.store.edit(RETURNS, return_sn)
        if doc is None:
            raise e.ReturnNotFound()
        return doc

    def of_order(self, order_sn: str) -> list[dict[str, Any]]:
        found = (self.find(sn) for sn in self.index.of_order(order_sn))
        return [doc for doc in found if doc is not None and doc["order_sn"] == order_sn]

    def later(self, kind: str, doc: dict[str, Any], due: int) -> None:
        """A deadline job; it carries the deadline it was set for, so a superseded one does nothing."""
        payload: jobs.DeadlineJob = {"return_sn": doc["return_sn"], "due": due}
        self.emulator.scheduler.at(due, kind, payload)

    # -- creation (the buyer's request) -------------------------------------------------------------
    def request(
        self,
        order_sn: str,
        items: list[dict[str, Any]] | None = None,
        reason: str = "",
        text_reason: str = "",
        solution: str | None = None,
        images: list[str] | None = None,
    ) -> dict[str, Any]:
        """The buyer asks to return (part of) a delivered order, within the window after delivery."""
        with self.emulator.transaction():
            return self._request(order_sn, items, reason or "OTHER", text_reason, solution, images or [])

    def _request(
        self, order_sn: str, items: list[dict[str, Any]] | None, reason: str, text_reason: str, solution: str | None, images: list[str]
    ) -> dict[str, Any]:
        order = self.emulator.orders.get(order_sn)
        now = self.now()
        refusal = self.request_refusal(order)
        if refusal is not None:
            raise ActionNotAllowed(refusal)
        if reason not in REASONS:
            raise wrong_parameters(f"reason should be one of {', '.join(REASONS)}")
        solution = solution or ("REFUND" if reason in NON_RECEIPT else "RETURN_REFUND")
        if solution not in SOLUTIONS:
            raise wrong_parameters("solution should be RETURN_REFUND or REFUND")
        lines = self._lines(order, items)
        doc = self._new_doc(order, lines, reason, text_reason, solution, images, now)
        self.store.put(RETURNS, doc["return_sn"], doc)
        self.emulator.publish(events.CREATED, doc["shop_id"], return_sn=doc["return_sn"], order_sn=order_sn)
        self.emulator.publish(events.STATUS_CHANGED, doc["shop_id"], return_sn=doc["return_sn"], old=None, new="REQUESTED")
        self.later(jobs.SELLER_RESPONSE, doc, doc["due_date"])
        self._sync_order(order_sn, now)
        return doc

    def request_refusal(self, order: dict[str, Any], whole_order: bool = False) -> str | None:
        """Why the buyer cannot ask to return the order now, or None (read-only). ``whole_order``
        also asks that some quantity is not yet in another return (a request without items)."""
        order_sn = order["order_sn"]
        if order["order_status"] not in RETURNABLE_ORDER or not order.get("delivered_time"):
            return f"order {order_sn} is {order['order_status']}; returns are requested on delivered orders"
        if self.now() > order["delivered_time"] + RETURN_WINDOW:
            return f"the return window of order {order_sn} closed at {order['delivered_time'] + RETURN_WINDOW}"
        if whole_order and not any(quantity > 0 for quantity in self.returnable(order).values()):
            return f"every item of order {order_sn} is already in a return"
        return None

    def allowed_actions(self, doc: dict[str, Any]) -> tuple[str, ...]:
        """The buyer, courier and Shopee actions the return's state allows now (read-only)."""
        return self.buyer.allowed(doc)

    def returnable(self, order: dict[str, Any]) -> dict[tuple[int, int], int]:
        """Quantity per (item_id, model_id) not yet claimed by a return that is open or refunded."""
        left = {(line["item_id"], line["model_id"]): active_qty(line) for line in order["items"]}
        for doc in self.of_order(order["order_sn"]):
            if doc["status"] in ("CANCELLED", "CLOSED"):
                continue
            for line in doc["items"]:
                left[(line["item_id"], line["model_id"])] -= int(line["amount"])
        return left

    def _lines(self, order: dict[str, Any], items: list[dict[str, Any]] | None) -> list[tuple[dict[str, Any], int]]:
        left = self.returnable(order)
        by_key = {(line["item_id"], line["model_id"]): line for line in order["items"]}
        if not items:
            lines = [(by_key[key], quantity) for key, quantity in left.items() if quantity > 0]
            if not lines:
                raise ActionNotAllowed(f"every item of order {order['order_sn']} is already in a return")
            return lines
        wanted: dict[tuple[int, int], int] = {}
        for entry in items:
            key = (int(entry["item_id"]), int(entry.get("model_id") or 0))
            if key not in by_key:
                raise wrong_parameters(f"item_id {key[0]} model_id {key[1]} is not in order {order['order_sn']}")
            quantity = entry.get("quantity")
            wanted[key] = wanted.get(key, 0) + int(left[key] if quantity is None else quantity)
        for key, quantity in wanted.items():
            if quantity < 1 or quantity > left[key]:
                raise wrong_parameters(f"quantity of item_id {key[0]} model_id {key[1]} should be 1 to {max(left[key], 0)}")
        return [(by_key[key], quantity) for key, quantity in wanted.items()]

    def _new_doc(
        self,
        order: dict[str, Any],
        lines: list[tuple[dict[str, Any], int]],
        reason: str,
        text_reason: str,
        solution: str,
        images: list[str],
        now: int,
    ) -> dict[str, Any]:
        items = [
            {
                "item_id": line["item_id"],
                "model_id": line["model_id"],
                "name": line["item_name"],
                "image_id": line.get("image_id", ""),
                "amount": quantity,
                "item_price": line["model_discounted_price"],
                "original_price": line["model_original_price"],
                "item_sku": line.get("item_sku", ""),
                "variation_sku": line.get("model_sku", ""),
                "refund_amount": money(dec(line["model_discounted_price"]) * quantity),
            }
            for line, quantity in lines
        ]
        full = sum((dec(i["refund_amount"]) for i in items), Decimal(0))
        before = sum((dec(i["original_price"]) * i["amount"] for i in items), Decimal(0))
        username = order.get("buyer_username", "")
        return {
            "return_sn": self._new_return_sn(now),
            "order_sn": order["order_sn"],
            "shop_id": order["shop_id"],
            "region": order["region"],
            "currency": order["currency"],
            "create_time": now,
            "update_time": now,
            "status": "REQUESTED",
            "reason": reason,
            "text_reason": text_reason,
            "images": list(images),
            "solution": solution,
            "return_refund_type": "RRAOC" if order["order_status"] == "COMPLETED" else "RRBOC",
            "items": items,
            "full_refund": money(full),
            "refund_amount": money(full),
            "amount_before_discount": money(before),
            "user": {"username": username, "email": f"{username[:2]}{'*' * 8}@mail.test" if username else "", "portrait": ""},
            "pickup_address": dict(order.get("recipient_address") or {}),
            "due_date": now + SELLER_RESPONSE,
            "return_ship_due_date": 0,
            "return_seller_due_date": 0,
            "tracking_number": "",
            "logistics_status": "",
            "logistics_update_time": 0,
            "tracking": [],
            "goods_received": False,
            "shipping_proof": None,
            "dispute_reason": 0,
            "dispute_text_reason": "",
            "dispute_email": "",
            "dispute_images": [],
            "proof": {"status": "NOT_NEEDED", "deadline": 0, "photo": [], "description": ""},
            "compensation": {"status": "COMPENSATION_NOT_APPLICABLE", "due_date": 0, "amount": "0"},
            "negotiation": {
                "status": "PENDING_RESPOND",
                "solution": solution,
                "amount": money(full),
                "creator": "buyer",
                "counter_limit": COUNTER_LIMIT,
                "due_date": now + SELLER_RESPONSE,
            },
            "accepted_by": "",
            "refunded_time": 0,
        }

    def _new_return_sn(self, now: int) -> str:
        day = dt.datetime.fromtimestamp(now, dt.UTC).strftime("%y%m%d")
        while True:
            return_sn = day + self.emulator.ids.code("", 9)
            if self.find(return_sn) is None:
                return return_sn

    # -- moving the status --------------------------------------------------------------------------
    def move(self, doc: dict[str, Any], status: str, now: int) -> None:
        """Stamp update_time, publish the change, and reflect the end of a return on its order."""
        old = doc["status"]
        doc["update_time"] = now
        if status == old:
            return
        doc["status"] = status
        self.emulator.publish(events.STATUS_CHANGED, doc["shop_id"], return_sn=doc["return_sn"], old=old, new=status)
        if status in FINAL or status in ("SELLER_DISPUTE", "JUDGING"):
            # a dispute ends the negotiation however it reaches Shopee, with or without evidence
            doc["negotiation"]["status"] = "TERMINATED"
        if status in FINAL:
            doc["due_date"] = 0
            self._sync_order(doc["order_sn"], now)

    def refund(self, doc: dict[str, Any], now: int, by: str) -> None:
        """The refund is granted: ACCEPTED at the agreed amount."""
        doc["accepted_by"] = by
        doc["refunded_time"] = now
        if by == "shopee":
            doc["compensation"] = {"status": "COMPENSATION_PENDING_REQUEST", "due_date": now + COMPENSATION_WINDOW, "amount": "0"}
        self.move(doc, "ACCEPTED", now)

    def approve_return(self, doc: dict[str, Any], now: int) -> None:
        """A return-and-refund is agreed: the buyer now sends the goods back."""
        doc["negotiation"]["status"] = "TERMINATED"
        doc["logistics_status"] = "LOGISTICS_PENDING_ARRANGE"
        doc["logistics_update_time"] = now
        doc["tracking"].append({"update_time": now, "description": REVERSE_TEXT["LOGISTICS_PENDING_ARRANGE"], "status": "LOGISTICS_PENDING_ARRANGE"})
        doc["return_ship_due_date"] = now + BUYER_SHIP
        doc["due_date"] = 0
        self.move(doc, "PROCESSING", now)
        self.later(jobs.SHIP_DUE, doc, doc["return_ship_due_date"])

    def settle(self, doc: dict[str, Any], solution: str, amount: str, now: int, by: str) -> None:
        """An agreed solution takes effect: refund now, or first the goods back."""
        doc["solution"] = solution
        doc["refund_amount"] = amount
        if solution == "REFUND":
            self.refund(doc, now, by)
        else:
            self.approve_return(doc, now)

    def _sync_order(self, order_sn: str, now: int) -> None:
        """The order shows TO_RETURN while any of its returns is open, COMPLETED once none is."""
        orders = self.emulator.orders
        order = orders.find(order_sn)
        if order is None or order["order_status"] not in RETURNABLE_ORDER:
            return
        open_return = any(doc["status"] not in FINAL for doc in self.of_order(order_sn))
        wanted = "TO_RETURN" if open_return else "COMPLETED"
        if order["order_status"] != wanted and (open_return or order["order_status"] == "TO_RETURN"):
            orders.transition(order_sn, "return_opened" if open_return else "returns_closed", wanted, now)

    # -- the control plane's actions ----------------------------------------------------------------
    def actions(self) -> dict[str, Callable[..., dict[str, Any]]]:
        return self.buyer.actions()

    def act(self, return_sn: str, action: str, **options: Any) -> dict[str, Any]:
        """Run one buyer, courier or Shopee action by name (what the control plane calls)."""
        handler = self.actions().get(action)
        if handler is None:
            raise ActionNotAllowed(f"unknown action {action!r}; known: {', '.join(self.actions())}")
        if self.find(return_sn) is None:
            raise e.ReturnNotFound()
        with self.emulator.transaction():
            return handler(return_sn, **options)

    # -- clock jobs: each re-checks the return and the deadline it was set for ----------------------
    def _due(self, payload: jobs.DeadlineJob, stamp: str, *statuses: str) -> dict[str, Any] | None:
        doc = self.find(payload["return_sn"])
        if doc is None or doc["status"] not in statuses or doc.get(stamp) != payload["due"]:
            return None
        return self.editable(payload["return_sn"])

    def _seller_response_due(self, payload: jobs.DeadlineJob) -> None:
        """The seller did not answer in time: the platform grants what the buyer asked for."""
        doc = self._due(payload, "due_date", "REQUESTED")
        if doc is not None and doc["negotiation"]["status"] == "PENDING_RESPOND":
            offer = doc["negotiation"]
            self.settle(doc, offer["solution"], offer["amount"], self.now(), "shopee")

    def _buyer_response_due(self, payload: jobs.DeadlineJob) -> None:
        doc = self.find(payload["return_sn"])
        if doc is None or doc["status"] != "REQUESTED" or doc["negotiation"]["status"] != "PENDING_BUYER_RESPOND":
            return
        if doc["negotiation"]["due_date"] == payload["due"]:
            self.move(self.editable(payload["return_sn"]), "CLOSED", self.now())

    def _ship_due(self, payload: jobs.DeadlineJob) -> None:
        doc = self._due(payload, "return_ship_due_date", "PROCESSING")
        if doc is not None and doc["logistics_status"] == "LOGISTICS_PENDING_ARRANGE":
            self.move(doc, "CLOSED", self.now())

    def _seller_validation_due(self, payload: jobs.DeadlineJob) -> None:
        doc = self._due(payload, "return_seller_due_date", "PROCESSING")
        if doc is not None:
            self.refund(doc, self.now(), "shopee")

    def _evidence_due(self, payload: jobs.DeadlineJob) -> None:
        doc = self.find(payload["return_sn"])
        if doc is None or doc["status"] != "SELLER_DISPUTE" or doc["proof"]["status"] != "PENDING":
            return
        if doc["proof"]["deadline"] == payload["due"]:
            doc = self.editable(payload["return_sn"])
            doc["proof"]["status"] = "OVERDUE"
            doc["due_date"] = 0
            self.move(doc, "JUDGING", self.now())

    def digits(self, doc: dict[str, Any]) -> int:
        return CURRENCY_DIGITS.get(doc["currency"], 2)
