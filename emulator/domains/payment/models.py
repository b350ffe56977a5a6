"""Escrow, the seller wallet and income documents of the Outlets.

    order placed ──> escrow projected from the order (get_escrow_detail answers at any status)
    order COMPLETED ──> escrow released: frozen in ``escrows``, ESCROW_VERIFIED_ADD posted to the
                        Outlet's wallet with the running balance
    order CANCELLED ──> escrow of zero (a paid order's goods refunded; a never-paid one moved no money)
    parcel LOST ──> the goods' value as seller_lost_compensation, released like an escrow once the
                        confirm period after the loss has passed (ESCROW_VERIFIED_ADD)
    return ACCEPTED after release ──> the breakdown stays as released; the refund less the fees given
                        back on the refunded goods is an order_adjustment, posted ADJUSTMENT_MINUS
    compensation approved (returns) ──> ADJUSTMENT_ADD of the compensation
    ``adjust`` (disputes, logistics) ──> order_adjustment on the escrow, ADJUSTMENT_ADD/MINUS posted

Each Outlet has its own wallet. A Mart has no orders of its own: for the finance APIs it stands for
all of its Outlets (aggregated listings and documents), as the Instant Mart guide describes.

Withdrawals (control plane only) take money off an Outlet's balance and settle a day later.

LIMITATIONS: no vouchers, coins or Shopee discounts (all zero; a seller discount shows as seller_discount); no payouts (the payout
APIs are for cross-border sellers); cancelled orders carry no shipping charge back (a failed
delivery's ``final_return_to_seller_shipping_fee`` is 0: the reference names no amount or rule).
"""
from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from emulator.domains.order import events as order_events
from emulator.domains.order.fields import active_qty
from emulator.domains.order.lifecycle import CONFIRM_PERIOD, LOST_REASON
from emulator.domains.payment import fees, jobs
from emulator.domains.payment.events import ESCROW_RELEASED
from emulator.domains.payment.index import TimeIndex
from emulator.domains.payment.wallet import Wallet
from emulator.domains.product.amounts import money
from emulator.domains.returns.events import STATUS_CHANGED as RETURN_STATUS_CHANGED
from emulator.domains.returns.models import COMPENSATION_APPROVED
from emulator.events import Event

if TYPE_CHECKING:
    from emulator.world import Emulator

ESCROWS = "escrows"
# adjustments approved while the order's escrow is not yet released: paid with the release
WAITING = "waiting_adjustments"
# lost parcels whose compensation is still to be released, with the time it falls due
LOST = "lost_compensations"
# the platform pays for a lost parcel when a delivered order would at the latest have completed
LOST_RELEASE_SECONDS = CONFIRM_PERIOD
RETURN_REFUND_REASON = "Return Refund deduction"
COMPENSATION_REASON = "Return Refund compensation"


class PaymentModel:
    """Escrows, wallets and income documents of one emulator."""

    def __init__(self, emulator: "Emulator") -> None:
        self.emulator = emulator
        self.store = emulator.store
        self.escrow_index = TimeIndex(self.store, ESCROWS, "release_time")
        self.wallet = Wallet(self)
        emulator.bus.subscribe(order_events.STATUS_CHANGED, self._status_changed)
        emulator.bus.subscribe(RETURN_STATUS_CHANGED, self._return_changed)
        emulator.bus.subscribe(COMPENSATION_APPROVED, self._compensated)
        emulator.scheduler.handle(jobs.LOST_COMPENSATION_DUE, self._lost_due)
        from emulator.domains.payment.reports import IncomeDocuments

        self.documents = IncomeDocuments(self)

    # -- who may see what ---------------------------------------------------------------------------
    def covered_shops(self, shop_id: int) -> list[int]:
        """The Outlets whose money a shop sees: a Mart all of its Outlets, an Outlet itself."""
        shop = self.emulator.shops.get(shop_id)
        if shop["kind"] == "mart":
            return [int(s) for s in shop.get("outlet_shop_ids", [])]
        return [int(shop_id)]

    def order_of(self, shop_id: int, order_sn: str) -> dict[str, Any] | None:
        order: dict[str, Any] | None = self.emulator.orders.find(order_sn)
        if order is None or int(order["shop_id"]) not in self.covered_shops(shop_id):
            return None
        return order

    # -- escrow ---------------------------------------------------------------------------------------
    def escrow(self, order: dict[str, Any]) -> dict[str, Any]:
        """The released escrow, or the one the order would release as it stands now."""
        released = self.store.get(ESCROWS, order["order_sn"])
        if released is not None:
            return released
        return self._project(order, order["order_status"] == "CANCELLED", lost=self.is_lost(order))

    def is_released(self, order_sn: str) -> bool:
        return self.store.get(ESCROWS, order_sn) is not None

    @staticmethod
    def is_lost(order: dict[str, Any]) -> bool:
        return order["order_status"] == "CANCELLED" and order.get("cancel_reason") == LOST_REASON

    def compensation_due(self, order_sn: str) -> int | None:
        """When a lost parcel's compensation is released; None once released, or for any other order."""
        waiting = self.store.get(LOST, order_sn)
        return int(waiting["due"]) if waiting is not None else None

    def _refunds(self, order_sn: str) -> dict[str, Decimal]:
        """What each accepted return of the order refunded, by return_sn."""
        returns = getattr(self.emulator, "returns", None)
        accepted = [r for r in (returns.of_order(order_sn) if returns else []) if r["status"] == "ACCEPTED"]
        return {r["return_sn"]: Decimal(str(r["refund_amount"])) for r in accepted}

    def _project(self, order: dict[str, Any], cancelled: bool, lost: bool = False) -> dict[str, Any]:
        refunds = self._refunds(order["order_sn"]) if not cancelled else {}
        return_sns = list(refunds)
        amounts = fees.breakdown(order, cancelled=cancelled, refunded=sum(refunds.values(), Decimal(0)), lost=lost)
        shop = self.emulator.shops.get(order["shop_id"])
        weight = sum((Decimal(str(line.get("weight") or 0)) * active_qty(line) for line in order["items"]), Decimal(0))
        return {
            "order_sn": order["order_sn"],
            "shop_id": int(order["shop_id"]),
            "mart_shop_id": shop.get("mart_shop_id"),
            "shop_name": shop["shop_name"],
            "region": order["region"],
            "currency": order["currency"],
            "release_time": 0,
            "buyer_user_name": order.get("buyer_username", ""),
            "payment_method": order.get("payment_method", ""),
            "chargeable_weight": int(weight * 1000),
            "income": {name: money(value) for name, value in amounts.items()},
            "checkout": {name: money(value) for name, value in fees.checkout(order).items()},
            "items": [{k: (money(v) if isinstance(v, Decimal) else v) for k, v in row.items()} for row in fees.item_rows(order)],
            "adjustments": [],
            "return_order_sn_list": return_sns,
        }

    def _status_changed(self, event: Event) -> None:
        if event.data.get("new") == "COMPLETED":
            self.release(event.data["order_sn"])
        elif event.data.get("new") == "CANCELLED":
            order = self.emulator.orders.find(event.data["order_sn"])
            if order is not None and self.is_lost(order):
                self._lost(order)

    def _lost(self, order: dict[str, Any]) -> None:
        order_sn = order["order_sn"]
        due = int(order["update_time"]) + LOST_RELEASE_SECONDS
        if due <= self.emulator.clock.now():
            # a loss written into the past (seeded history): released at its own time, as completions are
            self.release(order_sn, at=due)
            return
        self.store.put(LOST, order_sn, {"order_sn": order_sn, "due": due})
        payload: jobs.LostCompensationJob = {"order_sn": order_sn}
        self.emulator.scheduler.at(due, jobs.LOST_COMPENSATION_DUE, payload)

    def _lost_due(self, payload: jobs.LostCompensationJob) -> None:
        order_sn = payload["order_sn"]
        if self.store.get(LOST, order_sn) is not None:
            self.store.delete(LOST, order_sn)
            self.release(order_sn, at=self.emulator.clock.now())

    def release(self, order_sn: str, at: int | None = None) -> dict[str, Any] | None:
        """Freeze the escrow at the order's completion time (``at``: a lost parcel's release time)
        and pay it into the Outlet's wallet."""
        order = self.emulator.orders.find(order_sn)
        if order is None or self.store.get(ESCROWS, order_sn) is not None:
            return None
        escrow = self._project(order, cancelled=False, lost=self.is_lost(order))
        escrow["release_time"] = int(order["update_time"]) if at is None else int(at)
        self.store.put(ESCROWS, order_sn, escrow)
        amount = Decimal(escrow["income"]["escrow_amount"])
        kind = "ESCROW_VERIFIED_ADD" if amount >= 0 else "ESCROW_VERIFIED_MINUS"
        self.wallet.post(escrow["shop_id"], kind, amount, escrow["release_time"], order_sn=order_sn,
                         buyer_name=escrow["buyer_user_name"])
        self.emulator.publish(ESCROW_RELEASED, escrow["shop_id"], order_sn=order_sn,
                              escrow_amount=escrow["income"]["escrow_amount"], release_time=escrow["release_time"])
        waiting = self.store.get(WAITING, order_sn)
        if waiting is not None:
            self.store.delete(WAITING, order_sn)
            for entry in waiting["entries"]:
                self.adjust(order_sn, entry["amount"], COMPENSATION_REASON, refund_sn=entry["refund_sn"])
        return self.store.get(ESCROWS, order_sn)

    def _return_changed(self, event: Event) -> None:
        if event.data.get("new") != "ACCEPTED":
            return
        doc = self.emulator.returns.find(event.data["return_sn"])
        if doc is not None:
            self.book_returns(doc["order_sn"])

    def _compensated(self, event: Event) -> None:
        # Shopee pays the seller back a refund it granted and then found the seller right about
        order_sn, entry = event.data["order_sn"], {"amount": money(event.data["amount"]), "refund_sn": event.data["return_sn"]}
        if self.adjust(order_sn, entry["amount"], COMPENSATION_REASON, refund_sn=entry["refund_sn"]) is None:
            # another return of the order is still open: the compensation waits for the release
            waiting = self.store.get(WAITING, order_sn)
            self.store.put(WAITING, order_sn, {"order_sn": order_sn, "entries": [*(waiting or {}).get("entries", []), entry]})

    def book_returns(self, order_sn: str) -> dict[str, Any] | None:
        """Refunds accepted after release, one adjustment each; None before release.

        The breakdown stays as released: escrow_amount is its formula's sum and changes only before
        completion. Each new refund, less the fees given back on the refunded goods, is a
        ``Return Refund deduction``, so the adjustments bring the order to what its final breakdown
        (every refund taken into account) would release.
        """
        escrow = self.store.get(ESCROWS, order_sn)
        order = self.emulator.orders.find(order_sn)
        if escrow is None or order is None:
            return None  # not released yet: the release itself takes the refunds into account
        refunds = self._refunds(order_sn)
        booked_sns = set(escrow["return_order_sn_list"])
        booked = sum((amount for sn, amount in refunds.items() if sn in booked_sns), Decimal(0))
        before = fees.breakdown(order, refunded=booked)["escrow_amount"]
        for return_sn, amount in refunds.items():
            if return_sn in booked_sns:
                continue
            booked += amount
            after = fees.breakdown(order, refunded=booked)["escrow_amount"]
            escrow = self.adjust(order_sn, after - before, RETURN_REFUND_REASON, refund_sn=return_sn, return_sn=return_sn) or escrow
            before = after
        return escrow

    def adjust(self, order_sn: str, amount: Any, reason: str, refund_sn: str = "", return_sn: str = "") -> dict[str, Any] | None:
        """An order-level adjustment after release (a return's refund is negative); None before release."""
        escrow = self.store.edit(ESCROWS, order_sn)
        if escrow is None:
            return None
        value = fees.rates(escrow["region"]).round(Decimal(str(amount)))
        now = self.emulator.clock.now()
        escrow["adjustments"].append({"amount": money(value), "date": now, "currency": escrow["currency"],
                                      "adjustment_reason": reason, "return_sn": return_sn})
        if refund_sn and refund_sn not in escrow["return_order_sn_list"]:
            escrow["return_order_sn_list"].append(refund_sn)
        kind = "ADJUSTMENT_ADD" if value >= 0 else "ADJUSTMENT_MINUS"
        self.wallet.post(escrow["shop_id"], kind, value, now, order_sn=order_sn, reason=reason, refund_sn=refund_sn,
                         buyer_name=escrow["buyer_user_name"])
        return escrow

    def escrow_page(self, shop_id: int, time_from: int, time_to: int, page_no: int, page_size: int) -> tuple[list[dict[str, Any]], bool]:
        """Released escrows of the window, newest release first."""
        keys, more = self.escrow_index.page(shop_id, time_from, time_to, (page_no - 1) * page_size, page_size)
        docs = [self.store.get(ESCROWS, key) for _, key in keys]
        return [d for d in docs if d is not None], more

    def released_between(self, shop_id: int, time_from: int, time_to: int) -> list[dict[str, Any]]:
        """Every escrow an Outlet released in the window, oldest first (for income documents)."""
        docs = [self.store.get(ESCROWS, key) for _, key in self.escrow_index.window(shop_id, time_from, time_to)]
        return [d for d in docs if d is not None and int(d["shop_id"]) == shop_id]
