"""The seller wallet of each Outlet: transactions with a running balance, listed by time and filters.

Amounts are signed (money in positive, money out negative); ``current_balance`` is the Outlet's
balance right after the transaction. The Mart's listing merges all of its Outlets' transactions,
each still carrying its own Outlet's balance and shop_name.
"""
from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Iterable

from emulator.domains.payment import jobs
from emulator.domains.payment.index import ALL, TimeIndex
from emulator.domains.product.amounts import money

if TYPE_CHECKING:
    from emulator.domains.payment.models import PaymentModel

WALLETS = "wallets"
WITHDRAWAL_SECONDS = 86400
WALLET_TXNS = "wallet_transactions"
# transaction type -> (its number in the reference, money flow, the tab it is listed under)
TYPES: dict[str, tuple[int, str, str]] = {
    "ESCROW_VERIFIED_ADD": (101, "MONEY_IN", "wallet_order_income"),
    "ESCROW_VERIFIED_MINUS": (102, "MONEY_OUT", "wallet_order_income"),
    "WITHDRAWAL_CREATED": (201, "MONEY_OUT", "wallet_withdrawals"),
    "WITHDRAWAL_COMPLETED": (202, "MONEY_OUT", "wallet_withdrawals"),
    "WITHDRAWAL_CANCELLED": (203, "MONEY_IN", "wallet_withdrawals"),
    "ADJUSTMENT_ADD": (401, "MONEY_IN", "wallet_adjustment_filter"),
    "ADJUSTMENT_MINUS": (402, "MONEY_OUT", "wallet_adjustment_filter"),
}
ADJUSTMENTS = ("ADJUSTMENT_ADD", "ADJUSTMENT_MINUS")
BY_NUMBER = {str(number): name for name, (number, _, _) in TYPES.items()}
FLOWS = ("MONEY_IN", "MONEY_OUT")
TABS = (
    "wallet_order_income", "wallet_adjustment_filter", "wallet_wallet_payment", "wallet_refund_from_order",
    "wallet_withdrawals", "fast_escrow_repayment", "fast_pay", "seller_loan", "corporate_loan",
    "pix_transactions_filter", "open_finance_transactions_filter",
)
DESCRIPTIONS = {
    "ESCROW_VERIFIED_ADD": "Income from order {order_sn}",
    "ESCROW_VERIFIED_MINUS": "Charge for order {order_sn}",
    "ADJUSTMENT_ADD": "Adjustment for order {order_sn}",
    "ADJUSTMENT_MINUS": "Adjustment for order {order_sn}",
    "WITHDRAWAL_CREATED": "Withdrawal {withdrawal_id} to the registered bank account",
    "WITHDRAWAL_COMPLETED": "Withdrawal {withdrawal_id} completed",
}


def _buckets(doc: dict[str, Any]) -> Iterable[str]:
    return (f"type:{doc['transaction_type']}", f"flow:{doc['money_flow']}", f"tab:{doc['transaction_tab_type']}")


class Wallet:
    """Wallet balances and transactions (see the module docstring)."""

    def __init__(self, payments: "PaymentModel") -> None:
        self.emulator = payments.emulator
        self.store = payments.store
        self.index = TimeIndex(self.store, WALLET_TXNS, "create_time", _buckets)
        self.emulator.scheduler.handle(jobs.WITHDRAWAL_DONE, self._withdrawal_done)

    def balance(self, shop_id: int) -> Decimal:
        doc = self.store.get(WALLETS, shop_id)
        return Decimal(doc["balance"]) if doc else Decimal(0)

    def post(
        self, shop_id: int, kind: str, amount: Decimal, at: int, *, order_sn: str = "", reason: str = "",
        refund_sn: str = "", buyer_name: str = "", withdrawal_id: int = 0, moves_balance: bool = True,
    ) -> dict[str, Any]:
        """Book one transaction on the Outlet's wallet and (unless it only settles earlier money) move its balance."""
        shop = self.emulator.shops.get(shop_id)
        wallet = self.store.edit(WALLETS, shop_id)
        if wallet is None:
            wallet = self.store.put(WALLETS, shop_id, {"shop_id": shop_id, "currency": shop["currency"], "balance": "0"})
        balance = Decimal(wallet["balance"]) + (amount if moves_balance else 0)
        wallet["balance"] = money(balance)
        transaction_id = self.emulator.ids.next("wallet_transaction")
        _, flow, tab = TYPES[kind]
        doc = {
            "transaction_id": transaction_id,
            "shop_id": int(shop_id),
            "mart_shop_id": shop.get("mart_shop_id"),
            "shop_name": shop["shop_name"],
            "currency": shop["currency"],
            "status": "COMPLETED",
            "transaction_type": kind,
            "amount": money(amount),
            "current_balance": money(balance),
            "create_time": int(at),
            "order_sn": order_sn,
            "refund_sn": refund_sn,
            "reason": reason,
            "buyer_name": buyer_name,
            "description": DESCRIPTIONS.get(kind, "").format(order_sn=order_sn, withdrawal_id=withdrawal_id),
            # the Adjustment Center's title of an adjustment: its reason (other transactions have none)
            "txn_title": reason if kind in ADJUSTMENTS else "",
            "withdrawal_id": withdrawal_id,
            "money_flow": flow,
            "transaction_tab_type": tab,
        }
        self.store.put(WALLET_TXNS, str(transaction_id), doc)
        return doc

    # -- withdrawals: the seller moves the balance to the bank; the bank transfer settles later ----------
    def withdrawal_seconds(self) -> float:
        return float((self.emulator.world.get("payment") or {}).get("withdrawal_seconds", WITHDRAWAL_SECONDS))

    def withdraw(self, shop_id: int, amount: Decimal) -> dict[str, Any]:
        """WITHDRAWAL_CREATED takes the amount off the balance now; WITHDRAWAL_COMPLETED follows on the clock."""
        withdrawal_id = self.emulator.ids.next("withdrawal")
        now = self.emulator.clock.now()
        doc = self.post(shop_id, "WITHDRAWAL_CREATED", -amount, now, withdrawal_id=withdrawal_id)
        payload: jobs.WithdrawalJob = {"shop_id": shop_id, "withdrawal_id": withdrawal_id, "amount": money(amount)}
        self.emulator.scheduler.after(self.withdrawal_seconds(), jobs.WITHDRAWAL_DONE, payload)
        return doc

    def _withdrawal_done(self, payload: jobs.WithdrawalJob) -> None:
        # the money already left the balance when the withdrawal was created
        self.post(int(payload["shop_id"]), "WITHDRAWAL_COMPLETED", -Decimal(payload["amount"]), self.emulator.clock.now(),
                  withdrawal_id=int(payload["withdrawal_id"]), moves_balance=False)

    def page(
        self, shop_id: int, time_from: int, time_to: int, offset: int, size: int, filters: dict[str, str]
    ) -> tuple[list[dict[str, Any]], bool]:
        """Transactions of the window matching every filter, newest first; the first filter picks the index."""
        buckets = [f"{field}:{value}" for field, value in filters.items()]
        if len(buckets) <= 1:
            keys, more = self.index.page(shop_id, time_from, time_to, offset, size, buckets[0] if buckets else ALL)
            return self._docs(key for _, key in keys), more
        wanted = {"type": "transaction_type", "flow": "money_flow", "tab": "transaction_tab_type"}
        checks = [(wanted[field], value) for field, value in list(filters.items())[1:]]
        matched: list[dict[str, Any]] = []
        for _, key in self.index.newest_first(shop_id, time_from, time_to, buckets[0]):
            doc = self.store.get(WALLET_TXNS, key)
            if doc is not None and all(doc[field] == value for field, value in checks):
                matched.append(doc)
                if len(matched) > offset + size:
                    break
        return matched[offset:offset + size], len(matched) > offset + size

    def adjustments_between(self, shop_id: int, time_from: int, time_to: int) -> list[dict[str, Any]]:
        """An Outlet's order adjustments booked in the window, oldest first (for income documents)."""
        found = [doc for kind in ADJUSTMENTS
                 for doc in self._docs(key for _, key in self.index.window(shop_id, time_from, time_to, f"type:{kind}"))
                 if int(doc["shop_id"]) == shop_id]
        return sorted(found, key=lambda d: (d["create_time"], d["transaction_id"]))

    def _docs(self, keys: Iterable[str]) -> list[dict[str, Any]]:
        docs = [self.store.get(WALLET_TXNS, key) for key in keys]
        return [d for d in docs if d is not None]

    def summary(self, shop_id: int) -> dict[str, Any]:
        shop = self.emulator.shops.get(shop_id)
        outlets = [self._outlet_summary(int(s)) for s in shop.get("outlet_shop_ids", [])] if shop["kind"] == "mart" else []
        own = self._outlet_summary(shop_id)
        if shop["kind"] == "mart":
            own["balance"] = money(sum((Decimal(o["balance"]) for o in outlets), Decimal(0)))
            own["transactions"] = sum(o["transactions"] for o in outlets)
            own["outlets"] = outlets
        return own

    def _outlet_summary(self, shop_id: int) -> dict[str, Any]:
        shop = self.emulator.shops.get(shop_id)
        latest = next(iter(self.index.newest_first(shop_id, 0, 2**62)), None)
        last = self.store.get(WALLET_TXNS, latest[1]) if latest else None
        return {
            "shop_id": shop_id,
            "kind": shop["kind"],
            "shop_name": shop["shop_name"],
            "currency": shop["currency"],
            "balance": money(self.balance(shop_id)),
            "transactions": self.index.count(shop_id),
            "last_transaction": last,
        }
