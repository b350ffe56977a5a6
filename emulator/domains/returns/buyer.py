"""What the buyer, the return courier and Shopee's dispute team do to a return (the control plane)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from emulator.domains.product.amounts import money
from emulator.domains.returns import jobs
from emulator.domains.returns.models import (
    COMPENSATION_APPROVED, REVERSE_TEXT, SELLER_RESPONSE, SELLER_VALIDATION, SOLUTIONS, ActionNotAllowed, dec,
)
from emulator.domains.returns.states import RETURN_FLOW
from emulator.errors import ShopeeError, wrong_parameters

if TYPE_CHECKING:
    from emulator.domains.returns.models import ReturnModel


class BuyerActions:
    """Buyer, courier and Shopee actions, each named after what happens."""

    def __init__(self, model: "ReturnModel") -> None:
        self.model = model

    def actions(self) -> dict[str, Callable[..., dict[str, Any]]]:
        return {
            "ship_back": self.ship_back,
            "receive": self.receive,
            "accept_offer": self.accept_offer,
            "reject_offer": self.reject_offer,
            "cancel": self.cancel,
            "judge": self.judge,
        }

    def allowed(self, doc: dict[str, Any]) -> tuple[str, ...]:
        """The actions the return's state allows now (read-only; what the console offers)."""
        return RETURN_FLOW.allowed(doc["status"], doc)

    def _require(self, doc: dict[str, Any], action: str) -> None:
        refusal = RETURN_FLOW.refusal(action, doc["status"], doc["return_sn"], doc)
        if refusal is not None:
            raise ActionNotAllowed(refusal)

    def _track(self, doc: dict[str, Any], status: str, now: int) -> None:
        doc["logistics_status"] = status
        doc["logistics_update_time"] = now
        doc["tracking"].append({"update_time": now, "description": REVERSE_TEXT[status], "status": status})

    def ship_back(self, return_sn: str, tracking_number: str | None = None) -> dict[str, Any]:
        """The buyer hands the goods to the return courier."""
        model = self.model
        doc = model.editable(return_sn)
        self._require(doc, "ship_back")
        now = model.now()
        doc["tracking_number"] = tracking_number or "RT" + model.emulator.ids.code("", 11)
        self._track(doc, "LOGISTICS_PICKUP_DONE", now)
        model.move(doc, "PROCESSING", now)
        return doc

    def receive(self, return_sn: str) -> dict[str, Any]:
        """The return parcel reaches the Outlet: goods back into stock, the seller has a while to check them."""
        model = self.model
        doc = model.editable(return_sn)
        self._require(doc, "receive")
        now = model.now()
        self._track(doc, "LOGISTICS_DELIVERY_DONE", now)
        doc["restocked"] = self._restock(doc)
        doc["goods_received"] = True
        if doc["status"] == "PROCESSING":
            doc["return_seller_due_date"] = doc["due_date"] = now + SELLER_VALIDATION
            model.later(jobs.SELLER_VALIDATION, doc, doc["return_seller_due_date"])
        model.move(doc, doc["status"], now)
        return doc

    def _restock(self, doc: dict[str, Any]) -> bool:
        """Each returned line back into stock; a line whose item has left the Outlet since is skipped."""
        stock = self.model.emulator.products.stock
        restocked = True
        for line in doc["items"]:
            try:
                stock.restock(doc["shop_id"], [{"item_id": line["item_id"], "model_id": line["model_id"], "quantity": line["amount"]}])
            except ShopeeError:
                restocked = False
        return restocked

    def accept_offer(self, return_sn: str) -> dict[str, Any]:
        """The buyer takes the seller's offer."""
        model = self.model
        doc = model.editable(return_sn)
        self._require(doc, "accept_offer")
        offer = doc["negotiation"]
        model.settle(doc, offer["solution"], offer["amount"], model.now(), "seller")
        return doc

    def reject_offer(self, return_sn: str, solution: str | None = None, amount: Any = None) -> dict[str, Any]:
        """The buyer turns the seller's offer down, optionally with a counter-proposal; the seller answers again."""
        model = self.model
        doc = model.editable(return_sn)
        self._require(doc, "reject_offer")
        offer = doc["negotiation"]
        solution = solution or doc["solution"]
        if solution not in SOLUTIONS:
            raise wrong_parameters("solution should be RETURN_REFUND or REFUND")
        proposed = dec(doc["full_refund"]) if amount is None else dec(amount)
        if not 0 < proposed <= dec(doc["full_refund"]):
            raise wrong_parameters(f"amount should be above 0 and at most {doc['full_refund']}")
        if proposed != round(proposed, model.digits(doc)):
            raise wrong_parameters(f"amount takes at most {model.digits(doc)} decimals in {doc['currency']}")
        now = model.now()
        doc["due_date"] = now + SELLER_RESPONSE
        offer.update(status="PENDING_RESPOND", solution=solution, amount=money(proposed), creator="buyer", due_date=doc["due_date"])
        model.move(doc, "REQUESTED", now)
        model.later(jobs.SELLER_RESPONSE, doc, doc["due_date"])
        return doc

    def cancel(self, return_sn: str) -> dict[str, Any]:
        """The buyer withdraws the request (possible until the goods are back with the seller)."""
        model = self.model
        doc = model.editable(return_sn)
        self._require(doc, "cancel")
        model.move(doc, "CANCELLED", model.now())
        return doc

    def judge(self, return_sn: str, winner: str = "") -> dict[str, Any]:
        """Shopee rules on a dispute (or a compensation request) for the buyer or for the seller."""
        if winner not in ("buyer", "seller"):
            raise wrong_parameters('winner should be "buyer" or "seller"')
        model = self.model
        doc = model.editable(return_sn)
        now = model.now()
        self._require(doc, "judge")
        if doc["status"] == "ACCEPTED":
            approved = winner == "seller"
            doc["compensation"]["status"] = "COMPENSATION_APPROVED" if approved else "COMPENSATION_REJECTED"
            doc["compensation"]["amount"] = doc["refund_amount"] if approved else "0"
            model.move(doc, "ACCEPTED", now)
            if approved:
                model.emulator.publish(COMPENSATION_APPROVED, doc["shop_id"], return_sn=doc["return_sn"],
                                       order_sn=doc["order_sn"], amount=doc["compensation"]["amount"])
            return doc
        if winner == "buyer":
            model.refund(doc, now, "shopee_judgement")
        else:
            model.move(doc, "CLOSED", now)
        return doc
