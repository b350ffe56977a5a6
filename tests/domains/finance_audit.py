"""A finance audit: drive a world through mixed order, return and clock flows, then check that every
money figure a seller reads reconciles, through the APIs an integration calls.

``Driver`` interprets a program of steps (what hypothesis draws, or a fixed script); each step picks
among the moves the order or return allows at that moment, so every run reaches deep states (returns
after completion, disputes judged, compensation) rather than bouncing off refusals. ``audit`` then
reads every order's escrow, every wallet, escrow list, income overview, income detail and income
document of the Mart and its Outlets and checks them against each other and the reference's rules.
"""
from __future__ import annotations

import datetime as dt
import io
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pypdf import PdfReader

from emulator.app import create_app
from emulator.asgi import in_process_client
from emulator.client import ShopeeClient, client_for
from emulator.domains.returns.models import FINAL
from emulator.world import Emulator
from emulator.worlds import load_world
from tests.domains.product_support import image_id
from tests.domains.return_helpers import evidence

HOUR = 3600
DAY = 86400
ZERO = Decimal(0)
EMAIL = "finance@outlet.test"

# get_escrow_detail's formula of escrow_amount for a local (non-CB) shop, term by term as its page writes it
ESCROW_FORMULA: tuple[tuple[int, str], ...] = tuple((-1 if sign == "-" else 1, name) for sign, name in (
    ("+", "original_cost_of_goods_sold"), ("-", "original_shopee_discount"), ("+", "seller_return_refund"),
    ("+", "shopee_discount"), ("-", "voucher_from_seller"), ("-", "seller_coin_cash_back"), ("+", "buyer_paid_shipping_fee"),
    ("-", "actual_shipping_fee"), ("+", "shopee_shipping_rebate"), ("+", "shipping_fee_discount_from_3pl"),
    ("-", "reverse_shipping_fee"), ("+", "rsf_seller_protection_fee_claim_amount"), ("-", "final_return_to_seller_shipping_fee"),
    ("-", "seller_transaction_fee"), ("-", "service_fee"), ("-", "commission_fee"), ("-", "campaign_fee"),
    ("-", "shipping_seller_protection_fee_amount"), ("-", "delivery_seller_protection_fee_premium_amount"),
    ("-", "final_escrow_product_gst"), ("-", "order_ams_commission_fee"), ("-", "escrow_tax"), ("-", "sales_tax_on_lvg"),
    ("-", "reverse_shipping_fee_sst"), ("-", "shipping_fee_sst"), ("-", "withholding_tax"), ("-", "overseas_return_service_fee"),
    ("-", "vat_on_imported_goods"), ("-", "withholding_vat_tax"), ("-", "withholding_pit_tax"), ("-", "withholding_cit_tax"),
    ("-", "seller_order_processing_fee"), ("+", "buyer_paid_packaging_fee"), ("-", "trade_in_bonus_by_seller"),
    ("-", "fbs_fee"), ("-", "ads_escrow_top_up_fee_or_technical_support_fee"), ("-", "th_import_duty"),
))
FEES = ("commission_fee", "service_fee", "seller_transaction_fee", "seller_order_processing_fee")
# amounts that are item prices (or sums of them): whole units wherever update_price allows only integers
PRICE_AMOUNTS = ("order_original_price", "original_price", "order_discounted_price", "order_selling_price",
                 "order_seller_discount", "seller_discount", "estimated_shipping_fee")
ITEM_MONEY = ("original_price", "selling_price", "discounted_price", "seller_discount", "shopee_discount",
              "discount_from_coin", "discount_from_voucher_shopee", "discount_from_voucher_seller", "ams_commission_fee")
ESCROW_TYPES = ("ESCROW_VERIFIED_ADD", "ESCROW_VERIFIED_MINUS")
ADJUSTMENT_TYPES = ("ADJUSTMENT_ADD", "ADJUSTMENT_MINUS")
KINDS = ("paid", "unpaid", "cod", "collect_paid", "collect_cod")
JUMPS = (60, HOUR, 6 * HOUR, DAY, 3 * DAY + HOUR, 4 * DAY, 7 * DAY, 15 * DAY)


def dec(value: Any) -> Decimal:
    return Decimal(str(value))


class Refused(Exception):
    """The emulator refused a move (a 4xx or an error envelope): fine for a random walk, never a 5xx."""


class Driver:
    """One emulator and the moves buyers, couriers, sellers and the clock make on it."""

    def __init__(self, world: str, seed: int = 7) -> None:
        spec = load_world(world)
        self.emulator = Emulator(spec, seed=seed)
        self._http_cm = in_process_client(create_app(self.emulator))
        self.http = self._http_cm.__enter__()
        self.client: ShopeeClient = client_for(self.emulator, self.http)
        self.mart = int(self.emulator.shops.marts()[0]["shop_id"])
        self.outlets = [int(o["shop_id"]) for o in self.emulator.shops.outlets_of(self.mart)]
        self.region = self.emulator.shops.get(self.outlets[0])["region"]
        self.orders: list[str] = []
        self.photo: dict[int, str] = {}
        self.documents: list[tuple[str, int]] = []  # (kind, id) of income documents asked for during the run
        self.moves: Counter[str] = Counter()
        self.refusals: list[str] = []

    def close(self) -> None:
        self._http_cm.__exit__(None, None, None)
        self.emulator.close()

    # -- calls ------------------------------------------------------------------------------------
    def control(self, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        answer = self.http.post(f"/_emulator/{path}", json=body or {})
        assert answer.status_code < 500, answer.text
        if answer.status_code != 200:
            raise Refused(answer.text)
        result: dict[str, Any] = answer.json()
        return result

    def api(self, name: str, shop_id: int, **body: Any) -> dict[str, Any]:
        method = self.emulator.registry.by_name[name].method
        envelope = self.client.call(name, shop_id=shop_id, **({"params": body} if method == "GET" else {"body": body}))
        if envelope.get("error"):
            raise Refused(f"{name}: {envelope}")
        result: dict[str, Any] = envelope.get("response", envelope)
        return result

    def read(self, name: str, shop_id: int, **params: Any) -> Any:
        """A read the audit depends on: it must succeed."""
        envelope = self.client.call(name, shop_id=shop_id, params=params)
        assert envelope.get("error") == "", (name, params, envelope)
        return envelope.get("response", envelope)

    # -- the program ------------------------------------------------------------------------------
    def run(self, steps: list[tuple[Any, ...]], strict: bool = False) -> None:
        """Each step in turn; a refused move is skipped, unless ``strict`` (a script, whose every move must happen)."""
        for step in steps:
            try:
                getattr(self, f"step_{step[0]}")(*step[1:])
            except Refused as refused:
                if strict:
                    raise
                self.moves["refused"] += 1
                self.refusals.append(f"{step[0]}: {refused}")

    def step_advance(self, seconds: int) -> None:
        self.emulator.advance(seconds)

    def step_place(self, outlet: int, lines: list[tuple[int, int]], kind: int, partial: bool) -> None:
        shop_id = self.outlets[outlet % len(self.outlets)]
        items = [d for d in self.emulator.products.items_of_shop(shop_id) if d["item_status"] == "NORMAL"]
        wanted: dict[tuple[int, int], int] = {}
        for item_pick, quantity in lines:
            item = items[item_pick % len(items)]
            model = item["models"][item_pick // len(items) % len(item["models"])]
            key = (int(item["item_id"]), int(model["model_id"]))
            wanted[key] = wanted.get(key, 0) + quantity
        name = KINDS[kind % len(KINDS)]
        body: dict[str, Any] = {
            "shop_id": shop_id, "items": [{"item_id": i, "model_id": m, "quantity": q} for (i, m), q in wanted.items()],
            "cod": name.endswith("cod"), "paid": name in ("paid", "collect_paid"), "self_collection": name.startswith("collect"),
            "buyer_preference_for_partial_cancellation": 0 if partial else 1,
        }
        try:
            placed = self.control("orders", body)
        except Refused as refused:
            if "error_stock_not_enough" not in str(refused):
                raise
            self._restock(shop_id, wanted)  # the seller tops the shelf up, and the buyer tries again
            placed = self.control("orders", body)
        self.orders.append(placed["order_sn"])
        self.moves[f"place {name}"] += 1

    def _restock(self, shop_id: int, wanted: dict[tuple[int, int], int]) -> None:
        for (item_id, model_id), quantity in wanted.items():
            model = next(m for m in (self.emulator.products.find(item_id) or {"models": []})["models"] if int(m["model_id"]) == model_id)
            stock = int(model["stock"]) + quantity + 50
            self.api("v2.product.update_stock", shop_id, item_id=item_id,
                     stock_list=[{"model_id": model_id, "seller_stock": [{"stock": stock}]}])
        self.moves["restock"] += 1

    def step_discount(self, outlet: int, item_pick: int, percent: int) -> None:
        """A discount starting within the hour on one item: later orders of it pay the promotion price."""
        shop_id = self.outlets[outlet % len(self.outlets)]
        held = {int(i) for d in self.emulator.store.collection("discounts").values() for i in d["items"]}
        free = [d for d in self.emulator.products.items_of_shop(shop_id)
                if d["item_status"] == "NORMAL" and d["models"][0]["model_id"] == 0 and d["item_id"] not in held]
        if not free:
            return
        item = free[item_pick % len(free)]
        start = self.emulator.clock.now() + HOUR
        discount_id = self.api("v2.discount.add_discount", shop_id, discount_name="Audit deal", start_time=start,
                               end_time=start + 5 * DAY)["discount_id"]
        original = dec(item["models"][0]["original_price"])
        price = max(Decimal(1), (original * (100 - percent) / 100).quantize(Decimal(1)))
        self.api("v2.discount.add_discount_item", shop_id, discount_id=discount_id,
                 item_list=[{"item_id": item["item_id"], "item_promotion_price": float(price), "purchase_limit": 0}])
        self.moves["discount"] += 1

    def step_report(self, days_back: int, weekly: bool) -> None:
        """An income report (or the last whole week's statement) over a window already past: its
        figures cannot change once the document is done."""
        now = self.emulator.clock.now()
        if weekly:
            zone = ZoneInfo(self.emulator.world.get("timezone", "UTC"))
            today = dt.datetime.fromtimestamp(now, zone).date()
            monday = today - dt.timedelta(days=today.weekday() + 7)
            first = int(dt.datetime.combine(monday, dt.time(), zone).timestamp())
            doc_id = self.api("v2.payment.generate_income_statement", self.mart, release_time_from=first,
                              release_time_to=first + 7 * DAY - 1, statement_type=1)["id"]
            self.documents.append(("statement", int(doc_id)))
        else:
            doc_id = self.api("v2.payment.generate_income_report", self.mart, release_time_from=now - days_back * DAY,
                              release_time_to=now - 1)["id"]
            self.documents.append(("report", int(doc_id)))
        self.moves["document"] += 1

    def step_order(self, pick: int, choice: int) -> None:
        movable = [(sn, moves) for sn in self.orders if (moves := self.order_moves(sn))]
        if movable:
            _, moves = movable[pick % len(movable)]
            label, move = moves[choice % len(moves)]
            move()
            self.moves[label] += 1

    def step_do(self, index: int, label: str) -> None:
        """A scripted move: the one named ``label`` on the index-th order placed (it must be possible)."""
        order_sn = self.orders[index]
        moves = dict(self.order_moves(order_sn))
        assert label in moves, (order_sn, label, self.emulator.orders.get(order_sn)["order_status"], sorted(moves))
        moves[label]()
        self.moves[label] += 1

    def step_ret(self, index: int, label: str) -> None:
        """A scripted move on the newest return of the index-th order that allows it."""
        returns = sorted(self.emulator.returns.of_order(self.orders[index]), key=lambda d: d["create_time"])
        for doc in reversed(returns):
            moves = dict(self._return_moves(doc))
            if label in moves:
                moves[label]()
                self.moves[label] += 1
                return
        raise AssertionError((self.orders[index], label, [(d["return_sn"], d["status"]) for d in returns]))

    def step_return(self, pick: int, choice: int) -> None:
        open_returns = [doc for doc in self.emulator.store.collection("returns").values()
                        if doc["order_sn"] in self.orders and self._return_moves(doc)]
        if not open_returns:
            return
        doc = sorted(open_returns, key=lambda d: d["return_sn"])[pick % len(open_returns)]
        moves = self._return_moves(doc)
        label, move = moves[choice % len(moves)]
        move()
        self.moves[label] += 1

    # -- what may happen to an order now -------------------------------------------------------------
    def order_moves(self, order_sn: str) -> list[tuple[str, Callable[[], Any]]]:
        doc = self.emulator.orders.get(order_sn)
        status, shop_id = doc["order_status"], int(doc["shop_id"])

        def act(action: str, **body: Any) -> Callable[[], Any]:
            return lambda: self.control(f"orders/{order_sn}/{action}", body)

        def seller_cancel(reason: str) -> Callable[[], Any]:
            line = doc["items"][0]
            extra = {"item_list": [{"item_id": line["item_id"], "model_id": line["model_id"]}]} if reason == "OUT_OF_STOCK" else {}
            return lambda: self.api("v2.order.cancel_order", shop_id, order_sn=order_sn, cancel_reason=reason, **extra)

        moves: list[tuple[str, Callable[[], Any]]] = []
        if status == "UNPAID":
            moves += [("pay", act("pay")), ("pay", act("pay")), ("buyer cancels unpaid", act("buyer_cancel")),
                      ("seller cancels", seller_cancel("CUSTOMER_REQUEST"))]
        if status in ("READY_TO_SHIP", "RETRY_SHIP", "PROCESSED"):
            moves += [("buyer asks to cancel", act("buyer_cancel")), ("seller cancels", seller_cancel("OUT_OF_STOCK"))]
            if self._partly_cancellable(doc):
                moves.append(("partial cancel", lambda: self._partial_cancel(doc)))
        if status in ("READY_TO_SHIP", "RETRY_SHIP"):
            if doc.get("self_collection"):
                moves += [("ready for collection", lambda: self._collection(doc, "ready_for_collection"))] * 3
            else:
                moves += [("ship", lambda: self._ship(shop_id, order_sn))] * 3
        if status == "PROCESSED":
            if doc.get("self_collection"):
                moves += [("collected", lambda: self._collection(doc, "order_collected"))] * 3
            else:
                moves += [("pickup", act("pickup"))] * 3 + [("fail pickup", act("fail_pickup"))]
        if status == "SHIPPED":
            moves += [("deliver", act("deliver"))] * 4 + [("fail delivery", act("fail_delivery")), ("lose", act("lose"))]
        if status == "IN_CANCEL":
            for operation in ("ACCEPT", "REJECT"):
                moves.append((f"cancellation {operation}", lambda op=operation: self.api(
                    "v2.order.handle_buyer_cancellation", shop_id, order_sn=order_sn, operation=op)))
        if status == "TO_CONFIRM_RECEIVE":
            moves += [("confirm receipt", act("confirm_receipt"))] * 2
        if self.emulator.returns.request_refusal(doc, whole_order=True) is None:
            moves += [(f"return {sol}{' of one unit' if part else ''}", lambda sol=sol, part=part: self._request_return(doc, sol, part))
                      for sol in ("RETURN_REFUND", "REFUND") for part in (False, True)]
        return moves

    @staticmethod
    def _partly_cancellable(doc: dict[str, Any]) -> bool:
        units = sum(int(line["quantity"]) - int(line.get("cancelled_qty", 0)) for line in doc["items"])
        return doc.get("buyer_preference_for_partial_cancellation") == 0 and units > 1

    def _partial_cancel(self, doc: dict[str, Any]) -> None:
        line = next(line for line in doc["items"] if int(line["quantity"]) - int(line.get("cancelled_qty", 0)) > 0)
        self.api("v2.order.cancel_order", int(doc["shop_id"]), order_sn=doc["order_sn"], cancel_reason="OUT_OF_STOCK",
                 partial_cancel_item_list=[{"item_id": line["item_id"], "model_id": line["model_id"], "order_item_id": line["item_id"],
                                            "promotion_group_id": 0, "model_quantity": 1}])

    def _ship(self, shop_id: int, order_sn: str) -> None:
        params = self.api("v2.logistics.get_shipping_parameter", shop_id, order_sn=order_sn)
        address = params["pickup"]["address_list"][0]
        pickup = {"address_id": address["address_id"], "pickup_time_id": address["time_slot_list"][0]["pickup_time_id"]}
        self.api("v2.logistics.ship_order", shop_id, order_sn=order_sn, pickup=pickup)

    def _collection(self, doc: dict[str, Any], action: str) -> None:
        shop_id = int(doc["shop_id"])
        body: dict[str, Any] = {"package_number": doc["packages"][0]["package_number"], "self_collection_logistics_action": action}
        if action == "order_collected":
            if shop_id not in self.photo:
                self.photo[shop_id] = image_id(self.client, self.http, shop_id)
            body["epoc_image_list"] = [self.photo[shop_id]]
        self.api("v2.logistics.update_self_collection_order_logistics", shop_id, **body)

    def _request_return(self, doc: dict[str, Any], solution: str, part: bool) -> None:
        body: dict[str, Any] = {"order_sn": doc["order_sn"], "solution": solution,
                                "reason": "ITEM_DAMAGED" if solution == "RETURN_REFUND" else "ITEM_MISSING"}
        if part:
            left = self.emulator.returns.returnable(doc)
            key = next((k for k, q in left.items() if q > 0), None)
            if key is not None:
                body["items"] = [{"item_id": key[0], "model_id": key[1], "quantity": 1}]
        self.control("returns", body)

    # -- what may happen to a return now ----------------------------------------------------------------
    def _return_moves(self, doc: dict[str, Any]) -> list[tuple[str, Callable[[], Any]]]:
        return_sn, shop_id, status = doc["return_sn"], int(doc["shop_id"]), doc["status"]

        def buyer(action: str, **body: Any) -> Callable[[], Any]:
            return lambda: self.control(f"returns/{return_sn}/{action}", body)

        def seller(api: str, **body: Any) -> Callable[[], Any]:
            return lambda: self.api(f"v2.returns.{api}", shop_id, return_sn=return_sn, **body)

        moves: list[tuple[str, Callable[[], Any]]] = []
        negotiation = doc["negotiation"]["status"]
        if status == "REQUESTED" and negotiation == "PENDING_RESPOND":
            moves += [("return confirmed", seller("confirm")), ("return offer accepted by seller", seller("accept_offer")),
                      ("seller offers", lambda: self._offer(doc)), ("seller disputes", lambda: self._dispute(doc)),
                      ("buyer withdraws", buyer("cancel"))]
        if status == "REQUESTED" and negotiation == "PENDING_BUYER_RESPOND":
            moves += [("buyer takes offer", buyer("accept_offer")), ("buyer counters", buyer("reject_offer"))]
        if status == "PROCESSING":
            if doc["logistics_status"] == "LOGISTICS_PENDING_ARRANGE":
                moves += [("ship back", buyer("ship_back")), ("buyer withdraws", buyer("cancel"))]
            if doc["logistics_status"] == "LOGISTICS_PICKUP_DONE":
                moves.append(("return received", buyer("receive")))
            moves += [("return confirmed", seller("confirm")), ("seller disputes", lambda: self._dispute(doc))]
        if status in ("SELLER_DISPUTE", "JUDGING"):
            moves += [("judged for buyer", buyer("judge", winner="buyer")), ("judged for seller", buyer("judge", winner="seller"))]
        if status == "ACCEPTED":
            compensation = doc["compensation"]["status"]
            if compensation == "COMPENSATION_PENDING_REQUEST":
                moves.append(("compensation requested", lambda: self._dispute(doc)))
            if compensation == "COMPENSATION_REQUESTED":
                moves += [("compensation judged for seller", buyer("judge", winner="seller")),
                          ("compensation judged for buyer", buyer("judge", winner="buyer")),
                          ("compensation withdrawn", seller("cancel_dispute", email=EMAIL))]
        return moves if status not in FINAL or moves else []

    def _offer(self, doc: dict[str, Any]) -> None:
        full = dec(doc["full_refund"])
        step = Decimal(1) if doc["currency"] in ("IDR",) else Decimal("0.01")
        amount = max(step, (full * Decimal("0.37")).quantize(step))
        solution = "REFUND" if doc["reason"] in ("NOT_RECEIPT", "NONRECEIPT", "ITEM_MISSING") else doc["solution"]
        self.api("v2.returns.offer", int(doc["shop_id"]), return_sn=doc["return_sn"], proposed_solution=solution,
                 proposed_adjusted_refund_amount=float(amount))

    def _dispute(self, doc: dict[str, Any]) -> None:
        shop_id, return_sn = int(doc["shop_id"]), doc["return_sn"]
        reasons = self.api("v2.returns.get_return_dispute_reason", shop_id, return_sn=return_sn)["dispute_reason_list"]
        if not reasons:
            raise Refused("no dispute reason")
        reason_id = reasons[0]["dispute_reason"]
        self.api("v2.returns.dispute", shop_id, return_sn=return_sn, email=EMAIL, dispute_reason_id=int(reason_id),
                 image_list=evidence(self.client, shop_id, return_sn, reason_id))


@contextmanager
def driven(world: str, steps: list[tuple[Any, ...]], seed: int = 7, strict: bool = False) -> Iterator[Driver]:
    driver = Driver(world, seed)
    try:
        driver.run(steps, strict)
        yield driver
    finally:
        driver.close()


# -- the audit ---------------------------------------------------------------------------------------
class Audit:
    """Every money figure of the Mart and its Outlets, read through the APIs, checked against each other."""

    def __init__(self, driver: Driver) -> None:
        self.d = driver
        self.emulator = driver.emulator
        self.region = driver.region
        # ID and TH price items in whole units (update_price); fees keep the currency's own step:
        # whole rupiah, satang in TH (see docs/decisions.md, "Money field types")
        self.whole = Decimal(1)
        self.fee_step = Decimal(1) if self.region == "ID" else Decimal("0.01")

    def run(self) -> None:
        self.finish_documents()
        self.escrows = self.check_escrows()
        self.check_wallets()
        self.check_escrow_lists()
        self.check_overview()
        self.check_income_detail()
        self.check_documents()

    # -- numbers --------------------------------------------------------------------------------------
    def amount(self, value: Any, where: str, step: Decimal | None = None) -> Decimal:
        """A money field its page types float: a JSON number (a whole amount may come without a
        fraction, as the pages' own examples write them), in the region's steps."""
        assert isinstance(value, (int, float)) and not isinstance(value, bool), (where, value)
        exact = dec(value)
        step = self.fee_step if step is None else step
        assert exact == exact.quantize(step), (where, value, f"not in steps of {step}")
        return exact

    # -- escrow ---------------------------------------------------------------------------------------
    def all_orders(self) -> dict[int, list[dict[str, Any]]]:
        found: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for doc in self.emulator.store.collection("orders").values():
            found[int(doc["shop_id"])].append(doc)
        return found

    def check_escrows(self) -> dict[str, dict[str, Any]]:
        escrows: dict[str, dict[str, Any]] = {}
        for shop_id, orders in self.all_orders().items():
            order_sns = sorted(doc["order_sn"] for doc in orders)
            for start in range(0, len(order_sns), 50):
                chunk = order_sns[start:start + 50]
                batch = self.d.read("v2.payment.get_escrow_detail_batch", shop_id, order_sn_list=",".join(chunk))
                for entry in batch:
                    assert "fail_error" not in entry, entry
                    escrows[entry["escrow_detail"]["order_sn"]] = entry["escrow_detail"]
        for shop_id, orders in self.all_orders().items():
            for index, doc in enumerate(sorted(orders, key=lambda o: o["order_sn"])):
                detail = escrows[doc["order_sn"]]
                if index % 5 == 0:  # the single API answers what the batch does, for an Outlet and its Mart
                    single = self.d.read("v2.payment.get_escrow_detail", shop_id, order_sn=doc["order_sn"])
                    via_mart = self.d.read("v2.payment.get_escrow_detail", self.d.mart, order_sn=doc["order_sn"])
                    assert single == via_mart
                    batch_only = {"shipping_fee_discount_from_pl", "trade_in_bonus_seller", "refund_amount_to_buyer",
                                  "rsf_seller_protection_fee_premium_amount"}
                    assert single["order_income"] == {k: v for k, v in detail["order_income"].items() if k not in batch_only}
                self.check_escrow(doc, detail)
        return escrows

    def check_escrow(self, order: dict[str, Any], detail: dict[str, Any]) -> None:
        sn = order["order_sn"]
        income = detail["order_income"]
        money = {name: self.amount(value, f"{sn}.{name}") for name, value in income.items()
                 if isinstance(value, (int, float)) and not isinstance(value, bool) and name != "order_chargeable_weight"}
        assert isinstance(income["order_chargeable_weight"], int)
        for name in PRICE_AMOUNTS:
            self.amount(income[name], f"{sn}.{name}", self.whole)
        formula = sum((sign * money[name] for sign, name in ESCROW_FORMULA), ZERO)
        assert money["escrow_amount"] == formula, (sn, money["escrow_amount"], formula)
        assert money["credit_card_transaction_fee"] == money["buyer_transaction_fee"] + money["seller_transaction_fee"], sn
        assert money["final_shipping_fee"] == money["buyer_paid_shipping_fee"] + money["shopee_shipping_rebate"] - money["actual_shipping_fee"], sn
        adjustments = income.get("order_adjustment", [])
        adjusted = sum((self.amount(a["amount"], f"{sn}.order_adjustment") for a in adjustments), ZERO)
        assert money["total_adjustment_amount"] == adjusted, sn
        assert money["escrow_amount_after_adjustment"] == money["escrow_amount"] + adjusted, sn
        items = income["items"]
        for row in items:
            for name in ITEM_MONEY:
                self.amount(row[name], f"{sn}.items.{name}", self.whole)
            assert dec(row["seller_discount"]) == dec(row["original_price"]) - dec(row["discounted_price"]), sn
            assert isinstance(row["quantity_purchased"], int) and row["quantity_purchased"] > 0, sn
        assert sum((dec(r["discounted_price"]) for r in items), ZERO) == money["order_discounted_price"], sn
        assert sum((dec(r["original_price"]) for r in items), ZERO) == money["order_original_price"], sn
        assert money["order_seller_discount"] == money["order_original_price"] - money["order_discounted_price"], sn
        for name in FEES:
            assert money[name] >= 0, (sn, name, money[name])
        refund = -money["seller_return_refund"]
        assert 0 <= refund <= money["original_cost_of_goods_sold"], (sn, "refund beyond the goods paid for", refund)
        payment = detail["buyer_payment_info"]
        for name, value in payment.items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                self.amount(value, f"{sn}.buyer_payment_info.{name}")
        # the checkout snapshot: "an initial value (will not be updated after RR/cancellation)"
        subtotal = sum((dec(line["model_discounted_price"]) * int(line["quantity"]) for line in order["items"]), ZERO)
        assert dec(payment["merchant_subtotal"]) == subtotal, (sn, payment["merchant_subtotal"], subtotal)
        assert dec(payment["shipping_fee"]) == dec(order["estimated_shipping_fee"]), sn
        assert dec(payment["buyer_total_amount"]) == subtotal + dec(order["estimated_shipping_fee"]), sn
        if self.lost(order):
            self.check_lost(order, money)
            return
        assert money["seller_lost_compensation"] == 0, sn
        if order["order_status"] == "CANCELLED":
            assert money["escrow_amount"] == 0 and all(money[f] == 0 for f in FEES), (sn, "a cancelled order keeps money")
            if not order.get("pay_time"):
                # never paid (an unpaid or COD order): nothing was paid, so nothing is refunded
                assert refund == 0 and money["buyer_total_amount"] == 0, (sn, "refund of an order never paid", refund)
            assert not self.emulator.payments.is_released(sn), sn
        else:
            assert money["buyer_total_amount"] == dec(order["total_amount"]), sn
            accepted = [r for r in self.emulator.returns.of_order(sn) if r["status"] == "ACCEPTED"]
            assert set(detail["return_order_sn_list"]) >= {r["return_sn"] for r in accepted}, sn
            if not self.emulator.payments.is_released(sn):  # released ones: refunds after release are adjustments
                assert refund == sum((dec(r["refund_amount"]) for r in accepted), ZERO), (sn, refund)
        self.check_returns_of(order, money)

    @staticmethod
    def lost(order: dict[str, Any]) -> bool:
        return order["order_status"] == "CANCELLED" and order["cancel_reason"] == "Parcel is Lost"

    def lost_release_time(self, order: dict[str, Any]) -> int:
        # a lost parcel is paid for once a delivered order's confirm period would have ended
        return int(order["update_time"]) + 3 * DAY

    def check_lost(self, order: dict[str, Any], money: dict[str, Decimal]) -> None:
        """The courier lost the parcel: the platform pays the seller the goods sold, fees waived,
        paid or COD alike, and releases it like an escrow."""
        sn = order["order_sn"]
        goods = money["order_discounted_price"]
        assert goods > 0, sn
        assert money["seller_lost_compensation"] == money["escrow_amount"] == money["original_cost_of_goods_sold"] == goods, (sn, money)
        assert money["seller_return_refund"] == 0 and all(money[f] == 0 for f in FEES), (sn, "a lost parcel charged the seller")
        assert money["buyer_total_amount"] == (dec(order["total_amount"]) if order.get("pay_time") else 0), sn
        due = self.lost_release_time(order)
        assert self.emulator.payments.is_released(sn) == (self.emulator.clock.now() >= due), (sn, due)

    def check_returns_of(self, order: dict[str, Any], money: dict[str, Decimal]) -> None:
        """A return refunds at most the price paid for what it takes back; all of them at most the goods."""
        total = ZERO
        for doc in self.emulator.returns.of_order(order["order_sn"]):
            detail = self.d.read("v2.returns.get_return_detail", int(doc["shop_id"]), return_sn=doc["return_sn"])
            refund = self.amount(detail["refund_amount"], f"{doc['return_sn']}.refund_amount")
            paid_for = sum((self.amount(i["item_price"], "return item_price", self.whole) * i["amount"] for i in detail["item"]), ZERO)
            assert 0 < refund <= paid_for, (doc["return_sn"], refund, paid_for)
            if detail["status"] == "ACCEPTED":
                total += refund
        assert total <= money["original_cost_of_goods_sold"], (order["order_sn"], total)

    # -- wallets ----------------------------------------------------------------------------------------
    def wallet(self, shop_id: int) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        page = 0
        while True:
            answer = self.d.read("v2.payment.get_wallet_transaction_list", shop_id, page_no=page, page_size=100)
            found += answer["transaction_list"]
            if not answer["more"]:
                return found
            page += 1

    def check_wallets(self) -> None:
        mart_ids: list[int] = []
        for shop_id in self.d.outlets:
            txns = sorted(self.wallet(shop_id), key=lambda t: (t["create_time"], t["transaction_id"]))
            mart_ids += [t["transaction_id"] for t in txns]
            balance = ZERO
            for txn in txns:
                amount = self.amount(txn["amount"], f"wallet {txn['transaction_id']}")
                if txn["transaction_type"] != "WITHDRAWAL_COMPLETED":  # settles money that left at creation
                    balance += amount
                assert self.amount(txn["current_balance"], "current_balance") == balance, txn
                self.amount(txn["transaction_fee"], "transaction_fee")
            assert self.emulator.payments.wallet.balance(shop_id) == balance, shop_id
            released = {sn: e for sn, e in self.escrows.items() if self.emulator.payments.is_released(sn)
                        and int(self.emulator.orders.get(sn)["shop_id"]) == shop_id}
            posted = Counter(t["order_sn"] for t in txns if t["transaction_type"] in ESCROW_TYPES)
            assert set(posted) == set(released), (shop_id, set(posted) ^ set(released))
            assert all(count == 1 for count in posted.values()), posted
            for txn in txns:
                if txn["transaction_type"] in ESCROW_TYPES:
                    assert dec(txn["amount"]) == dec(released[txn["order_sn"]]["order_income"]["escrow_amount"]), txn
                    order = self.emulator.orders.get(txn["order_sn"])
                    if self.lost(order):
                        assert txn["transaction_type"] == "ESCROW_VERIFIED_ADD", txn
                        assert txn["create_time"] == self.lost_release_time(order), txn
            adjusted: dict[str, Decimal] = defaultdict(Decimal)
            for txn in txns:
                if txn["transaction_type"] in ADJUSTMENT_TYPES:
                    adjusted[txn["order_sn"]] += dec(txn["amount"])
            for sn, escrow in released.items():
                assert dec(escrow["order_income"]["total_adjustment_amount"]) == adjusted.get(sn, ZERO), sn
                self.check_refunds_of_released(sn, escrow, [t for t in txns if t["order_sn"] == sn])
            for doc in self.emulator.store.collection("returns").values():
                if int(doc["shop_id"]) == shop_id and doc["compensation"]["status"] == "COMPENSATION_APPROVED":
                    # paid once, with the escrow's release if that is still to come (another return open)
                    paid = [t for t in txns if t["transaction_type"] == "ADJUSTMENT_ADD" and t["refund_sn"] == doc["return_sn"]]
                    due = [dec(doc["compensation"]["amount"])] if self.emulator.payments.is_released(doc["order_sn"]) else []
                    assert [dec(t["amount"]) for t in paid] == due, (doc["return_sn"], paid)
        mart = self.wallet(self.d.mart)
        assert sorted(t["transaction_id"] for t in mart) == sorted(mart_ids)

    def check_refunds_of_released(self, sn: str, escrow: dict[str, Any], txns: list[dict[str, Any]]) -> None:
        """Each accepted refund is in the released breakdown or is one Return Refund deduction, never both."""
        refunds = {r["return_sn"]: dec(r["refund_amount"]) for r in self.emulator.returns.of_order(sn) if r["status"] == "ACCEPTED"}
        deductions = Counter(t["refund_sn"] for t in txns if t["reason"] == "Return Refund deduction")
        assert set(deductions) <= set(refunds) and all(n == 1 for n in deductions.values()), (sn, deductions)
        in_breakdown = sum((amount for return_sn, amount in refunds.items() if return_sn not in deductions), ZERO)
        assert -dec(escrow["order_income"]["seller_return_refund"]) == in_breakdown, sn
        for txn in txns:
            if txn["reason"] == "Return Refund deduction":
                # the refund, less the fees the platform gives back on the refunded goods
                assert -refunds[txn["refund_sn"]] <= dec(txn["amount"]) <= 0, txn

    # -- escrow lists, overview, detail ---------------------------------------------------------------------
    def escrow_list(self, shop_id: int) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        page = 1
        while True:
            answer = self.d.read("v2.payment.get_escrow_list", shop_id, release_time_from=0,
                                 release_time_to=self.emulator.clock.now(), page_no=page, page_size=100)
            found += answer["escrow_list"]
            if not answer["more"]:
                return found
            page += 1

    def released_of(self, shop_id: int) -> dict[str, dict[str, Any]]:
        return {sn: e for sn, e in self.escrows.items() if self.emulator.payments.is_released(sn)
                and int(self.emulator.orders.get(sn)["shop_id"]) == shop_id}

    def pending_of(self, shop_id: int) -> dict[str, dict[str, Any]]:
        return {doc["order_sn"]: self.escrows[doc["order_sn"]] for doc in self.all_orders()[shop_id]
                if (doc["order_status"] not in ("UNPAID", "CANCELLED") or self.lost(doc))
                and not self.emulator.payments.is_released(doc["order_sn"])}

    def check_escrow_lists(self) -> None:
        everything: list[tuple[str, Decimal]] = []
        for shop_id in self.d.outlets:
            listed = self.escrow_list(shop_id)
            released = self.released_of(shop_id)
            assert Counter(e["order_sn"] for e in listed) == Counter(list(released)), shop_id
            for entry in listed:
                payout = self.amount(entry["payout_amount"], "payout_amount")
                assert payout == dec(released[entry["order_sn"]]["order_income"]["escrow_amount"]), entry
                everything.append((entry["order_sn"], payout))
        mart = [(e["order_sn"], dec(e["payout_amount"])) for e in self.escrow_list(self.d.mart)]
        assert sorted(mart) == sorted(everything)

    def check_overview(self) -> None:
        released_total = pending_total = ZERO
        for shop_id in self.d.outlets:
            totals = self.d.read("v2.payment.get_income_overview", shop_id)["total_income"]
            released = sum((dec(e["order_income"]["escrow_amount"]) for e in self.released_of(shop_id).values()), ZERO)
            pending = sum((dec(e["order_income"]["escrow_amount"]) for e in self.pending_of(shop_id).values()), ZERO)
            assert self.amount(totals["released_amount"], "released_amount") == released, shop_id
            assert self.amount(totals["pending_amount"], "pending_amount") == pending, shop_id
            released_total += released
            pending_total += pending
        mart = self.d.read("v2.payment.get_income_overview", self.d.mart)["total_income"]
        assert (dec(mart["released_amount"]), dec(mart["pending_amount"])) == (released_total, pending_total)

    def check_income_detail(self) -> None:
        zone = ZoneInfo(self.emulator.world.get("timezone", "UTC"))
        now = self.emulator.clock.now()
        for shop_id in self.d.outlets:
            released = self.released_of(shop_id)
            times = [int(self.emulator.payments.escrow(self.emulator.orders.get(sn))["release_time"]) for sn in released]
            seen: Counter[str] = Counter()
            if times:
                day = dt.datetime.fromtimestamp(min(times), zone).date()
                last = dt.datetime.fromtimestamp(now, zone).date()
                while day <= last:
                    # windows of 14 days that do not overlap: date_to's day is the last of a window
                    end = day + dt.timedelta(days=13)
                    for record in self.detail_pages(shop_id, 1, day.isoformat(), end.isoformat()):
                        seen[record["order_sn"]] += 1
                        escrow = released[record["order_sn"]]["order_income"]
                        assert self.amount(record["released_amount"], "released_amount") == dec(escrow["escrow_amount"])
                        assert self.amount(record["estimated_escrow_amount"], "estimated_escrow_amount") == dec(escrow["escrow_amount"])
                        self.amount(record["to_release_amount"], "to_release_amount")
                    day = end + dt.timedelta(days=1)
            assert seen == Counter(list(released)), shop_id
            pending = self.pending_of(shop_id)
            records = self.detail_pages(shop_id, 2, "", "")
            assert Counter(r["order_sn"] for r in records) == Counter(list(pending)), shop_id
            for record in records:
                expected = dec(pending[record["order_sn"]]["order_income"]["escrow_amount"])
                assert self.amount(record["estimated_escrow_amount"], "estimated_escrow_amount") == expected, record
                assert self.amount(record["released_amount"], "released_amount") == 0, record
                order = self.emulator.orders.get(record["order_sn"])
                if self.lost(order):
                    assert record["estimated_payout_time"] == self.lost_release_time(order), record
                self.amount(record["to_release_amount"], "to_release_amount")

    def detail_pages(self, shop_id: int, status: int, date_from: str, date_to: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        cursor = ""
        while True:
            params: dict[str, Any] = {"income_status": status, "page_size": 100, "cursor": cursor}
            if date_from:
                params.update(date_from=date_from, date_to=date_to)
            answer = self.d.read("v2.payment.get_income_detail", shop_id, **params)["income_detail_list"]
            found += answer["list"]
            cursor = answer["next_page"]["cursor"]
            if not cursor:
                return found

    # -- income documents ------------------------------------------------------------------------------------
    def finish_documents(self) -> None:
        """Ask for a report of the whole history now, and let every pending document finish (the
        clock moves a minute: the audit reads the world as it is after that)."""
        now = self.emulator.clock.now()
        answer = self.d.api("v2.payment.generate_income_report", self.d.mart, release_time_from=1, release_time_to=now)
        self.d.documents.append(("report", int(answer["id"])))
        delay = float(self.emulator.payments.documents.settings()["delay_seconds"])
        # a minute in which nothing else may happen: the jobs due meanwhile are run first
        self.emulator.advance(delay + 1)

    def check_documents(self) -> None:
        for kind, doc_id in self.d.documents:
            api = f"v2.payment.get_income_{kind}"
            answer = self.d.read(api, self.d.mart, **{f"income_{kind}_id": doc_id})
            assert answer["status"] == 2, answer
            doc = self.emulator.store.get("income_documents", doc_id)
            assert doc is not None
            self.check_summary(doc)
            link = urlsplit(answer["file_link"])
            pdf = self.d.http.get(f"{link.path}?{link.query}")
            assert pdf.status_code == 200, pdf.status_code
            text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
            summary = doc["summary"]
            for label, name in (("Escrow total", "escrow_amount"), ("Escrow after adjustments", "escrow_amount_after_adjustment")):
                assert f"{label}: {summary[name]} {summary['currency']}" in text, (doc["id"], label)

    def check_summary(self, doc: dict[str, Any]) -> None:
        """A document's totals are the sums of what its window released and adjusted, per Outlet and for the Mart."""
        summary = doc["summary"]
        time_from, time_to = doc["release_time_from"], min(doc["release_time_to"], doc["generated_time"])
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for outlet in summary["outlets"]:
            shop_id = outlet["shop_id"]
            escrows = [self.emulator.payments.escrow(self.emulator.orders.get(sn)) for sn in self.released_of(shop_id)]
            inside = [e for e in escrows if time_from <= e["release_time"] <= time_to]
            escrow_total = sum((dec((e.get("released_income") or e["income"])["escrow_amount"]) for e in inside), ZERO)
            assert outlet["orders"] == len(inside), (doc["id"], shop_id)
            assert dec(outlet["escrow_amount"]) == escrow_total, (doc["id"], shop_id)
            adjustments = [t for t in self.wallet(shop_id) if t["transaction_type"] in ADJUSTMENT_TYPES
                           and time_from <= t["create_time"] <= time_to]
            adjusted = sum((dec(t["amount"]) for t in adjustments), ZERO)
            assert dec(outlet["adjustment_amount"]) == adjusted, (doc["id"], shop_id)
            assert dec(outlet["escrow_amount_after_adjustment"]) == escrow_total + adjusted
            for name in ("escrow_amount", "adjustment_amount", "escrow_amount_after_adjustment", "commission_fee", "buyer_total_amount"):
                totals[name] += dec(outlet[name])
        assert summary["orders"] == sum(o["orders"] for o in summary["outlets"])
        for name, value in totals.items():
            assert dec(summary[name]) == value, (doc["id"], name)
