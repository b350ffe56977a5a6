"""Orders of the Outlets: creation (the console's Test Order), the status flow, and its clock.

    UNPAID ──pay──> READY_TO_SHIP ──ship_order──> PROCESSED ──pickup──> SHIPPED ──deliver──>
    TO_CONFIRM_RECEIVE ──confirm_receipt / confirm period──> COMPLETED

    UNPAID ──payment window / buyer_cancel / seller cancel──> CANCELLED
    READY_TO_SHIP | PROCESSED | RETRY_SHIP ──buyer_cancel──> IN_CANCEL ──ACCEPT──> CANCELLED
                                                                      └─REJECT──> (status before)
    PROCESSED ──fail_pickup──> RETRY_SHIP ──ship_order──> PROCESSED; a second failure cancels
    SHIPPED ──fail_delivery / lose──> CANCELLED
    self-collection: READY_TO_SHIP ──ready_for_collection──> PROCESSED ──collect──> TO_CONFIRM_RECEIVE

Stock goes through ``products.stock`` only: reserved at creation, released when an unshipped order
is cancelled, sold when the courier picks the parcel up, restocked when a failed delivery comes back.

LIMITATIONS: one package per order (no split), no vouchers, no promotions but the Outlet's discounts, no invoices. Returns live in
the returns domain, which moves a returned order to TO_RETURN and back.
"""
from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable

from emulator.domains.order import errors as e
from emulator.domains.order import events, jobs
from emulator.domains.order.buyers import draw_buyer
from emulator.domains.order.fields import BUYER_PREFERENCES, CANCEL_ENTIRE_ORDER, active_qty
from emulator.domains.order.index import ORDERS, OrderIndex
from emulator.domains.order.lifecycle import DAY, DAYS_TO_SHIP, Lifecycle
from emulator.domains.order.states import ORDER_FLOW
from emulator.domains.product.models import money
from emulator.errors import ShopeeError, wrong_parameters
from emulator.ids import package_number
from emulator.view_cache import ViewCache

if TYPE_CHECKING:
    from emulator.world import Emulator

PAYMENT_WINDOW = DAY

SHIPPING_FEE = {"ID": "10000", "TH": "30", "MY": "5", "PH": "50", "VN": "15000", "SG": "3", "TW": "60", "BR": "10"}
NON_COD_METHODS = {
    "ID": ("Shopee Wallet", "Bank BCA (Virtual Account)", "Kredivo"),
    "TH": ("Shopee Wallet", "Airpay Credit Card", "Bank Transfer"),
}
TRACK_TEXT = {
    "ORDER_CREATED": "Order is created; waiting for the seller to arrange shipment",
    "PICKUP_REQUESTED": "Seller has arranged shipment; looking for a driver",
    "PICKUP_PENDING": "Driver is on the way to the outlet",
    "PICKED_UP": "Parcel has been picked up by the driver",
    "DELIVERY_PENDING": "Parcel is on the way to the buyer",
    "DELIVERED": "Parcel has been delivered",
    "PICKUP_RETRY": "Driver could not pick up the parcel; the seller needs to arrange shipment again",
    "FAILED_PICKED_UP": "Pickup failed; the order is cancelled",
    "FAILED_DELIVERED": "Delivery failed; the parcel is returning to the outlet",
    "LOST": "Parcel is lost",
    "CANCELED": "Shipment is cancelled",
}


class ActionNotAllowed(ShopeeError):
    """A buyer or courier action that the order's status does not allow (control plane)."""

    error = "error_order_status"


class OrderModel(Lifecycle):
    """The orders of one emulator."""

    def __init__(self, emulator: "Emulator") -> None:
        self.emulator = emulator
        self.store = emulator.store
        self.index = OrderIndex(self.store)
        # detail and package views, built once per change of the order (returns drop theirs too)
        self.views = ViewCache(self.store)
        self.views.watch(ORDERS)
        for kind, job in (
            (jobs.PAYMENT_WINDOW, self._payment_window_passed),
            (jobs.CONFIRM_PERIOD, self._confirm_period_passed),
            (jobs.CANCELLATION_WINDOW, self._cancellation_window_passed),
            (jobs.SHIP_WINDOW, self._ship_window_passed),
        ):
            emulator.scheduler.handle(kind, job)
        emulator.scheduler.handle_pass(jobs.PAYMENT_WINDOW, self._payment_windows_passed)
        from emulator.domains.logistics.collection import SelfCollection
        from emulator.domains.logistics.documents import Documents
        from emulator.domains.logistics.fulfilment import Fulfilment

        self.fulfilment = Fulfilment(self)
        self.collection = SelfCollection(self)
        self.documents = Documents(self)

    # -- state ---------------------------------------------------------------------------------
    def rebuild(self) -> None:
        self.views.clear()
        self.index.rebuild(self.store.collection(ORDERS))

    def seed_world(self, world: dict[str, Any]) -> None:
        from emulator.domains.order.seed import seed_history

        seed_history(self, world)

    def find(self, order_sn: str) -> dict[str, Any] | None:
        return self.store.get(ORDERS, order_sn)

    def get(self, order_sn: str) -> dict[str, Any]:
        """Any shop's order (control plane); raises OrderNotFound."""
        doc = self.find(order_sn)
        if doc is None:
            raise e.OrderNotFound()
        return doc

    def of_shop(self, shop_id: int | None, order_sn: str) -> dict[str, Any]:
        doc = self.find(order_sn)
        if doc is None or doc["shop_id"] != shop_id:
            raise e.OrderNotFound()
        return doc

    def editable(self, order_sn: str) -> dict[str, Any]:
        """The live order, to change in place: its top-level fields, and anything inside its
        packages and lines, which are fresh copies from here on (see ``_fresh``)."""
        doc = self.find(order_sn)
        if doc is None:
            raise e.OrderNotFound()
        # written already in this transaction: fresh, and copying again would strand whoever holds
        # its package; the empty update still tells watchers of it at commit
        return self.store.own(ORDERS, order_sn, {} if self.store.written(ORDERS, order_sn) else _fresh(doc))

    def by_package(self, shop_id: int | None, package_number: str) -> dict[str, Any] | None:
        order_sn = self.index.packages.get(package_number)
        doc = self.find(order_sn) if order_sn else None
        return doc if doc is not None and doc["shop_id"] == shop_id else None

    def now(self, at: int | None = None) -> int:
        return self.emulator.clock.now() if at is None else int(at)

    # -- creation ------------------------------------------------------------------------------
    def create(
        self,
        shop_id: int,
        items: list[dict[str, Any]],
        *,
        cod: bool = False,
        paid: bool = False,
        logistics_channel_id: int | None = None,
        payment_method: str | None = None,
        message_to_seller: str = "",
        at: int | None = None,
        buyer_preference: int = CANCEL_ENTIRE_ORDER,
        self_collection: bool = False,
        collection_pin: str = "",
    ) -> dict[str, Any]:
        """A buyer checks out on an Outlet: stock is reserved for every line or the order fails.

        ``self_collection``: the buyer collects the parcel at the Outlet (no courier, no shipping
        fee); ``collection_pin``: the PIN the seller must then give when the buyer collects it."""
        with self.emulator.transaction():
            if buyer_preference not in BUYER_PREFERENCES:
                raise wrong_parameters("buyer_preference_for_partial_cancellation should be 0 or 1")
            if collection_pin and not self_collection:
                raise wrong_parameters("collection_pin is for an order its buyer collects at the Outlet (self_collection)")
            return self._create(shop_id, items, cod, paid, logistics_channel_id, payment_method, message_to_seller, self.now(at),
                                buyer_preference, self_collection, collection_pin)

    def _create(
        self,
        shop_id: int,
        items: list[dict[str, Any]],
        cod: bool,
        paid: bool,
        logistics_channel_id: int | None,
        payment_method: str | None,
        message_to_seller: str,
        now: int,
        buyer_preference: int = CANCEL_ENTIRE_ORDER,
        self_collection: bool = False,
        collection_pin: str = "",
    ) -> dict[str, Any]:
        shop = self.emulator.shops.get(shop_id)
        if shop["kind"] != "outlet":
            raise wrong_parameters("test orders are placed on an Outlet shop, not on the Mart")
        channel = self._channel(shop, logistics_channel_id)
        self.emulator.shops.holiday.check_order(shop_id)
        self.emulator.logistics.pauses.check_order(shop_id, channel)
        lines = self._lines(shop_id, items)
        self.emulator.products.check_purchase_limits(lines)
        self.emulator.products.stock.reserve(shop_id, [_stock_line(line) for line in lines])
        doc = self._new_doc(shop, lines, channel, cod, payment_method, message_to_seller, now)
        doc["buyer_preference_for_partial_cancellation"] = buyer_preference
        if self_collection:  # only these orders carry the keys: every other order reads them as absent
            doc.update(self_collection=True, collection_pin=collection_pin, estimated_shipping_fee="0",
                       total_amount=money(_dec(doc["total_amount"]) - _dec(doc["estimated_shipping_fee"])))
        self.store.put(ORDERS, doc["order_sn"], doc)
        self.emulator.publish(events.CREATED, shop_id, order_sn=doc["order_sn"])
        self.emulator.publish(events.STATUS_CHANGED, shop_id, order_sn=doc["order_sn"], old=None, new=doc["order_status"])
        if cod:
            self.watch_shipping(doc)  # COD orders are ready to ship from the start
        else:
            self.later(now + PAYMENT_WINDOW, jobs.PAYMENT_WINDOW, {"order_sn": doc["order_sn"]})
        if paid and not cod:
            self.pay(doc["order_sn"], at=now)
        return self.get(doc["order_sn"])

    def _channel(self, shop: dict[str, Any], channel_id: int | None) -> dict[str, Any]:
        enabled = self.emulator.logistics.enabled_channel_ids(shop["shop_id"])
        if channel_id is None:
            if not enabled:
                raise wrong_parameters("the Outlet has no enabled Instant channel")
            channel_id = enabled[0]
        if int(channel_id) not in enabled:
            raise wrong_parameters(f"logistics_channel_id {channel_id} is not an enabled channel of the Outlet")
        channel = self.emulator.logistics.channel(shop["region"], int(channel_id))
        return channel or {"logistics_channel_id": int(channel_id), "name": str(channel_id)}

    def _lines(self, shop_id: int, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if not items:
            raise wrong_parameters("item_list is empty")
        lines = []
        for entry in items:
            quantity = entry.get("quantity", 1)
            if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
                raise wrong_parameters("quantity must be a whole number of at least 1")
            line = self.emulator.products.order_line(shop_id, int(entry["item_id"]), int(entry.get("model_id") or 0))
            # a running discount prices the line (and may refuse a quantity above its purchase limit)
            lines.append(self.emulator.discounts.priced(shop_id, {**line, "quantity": quantity}))
        return lines

    def _new_doc(
        self,
        shop: dict[str, Any],
        lines: list[dict[str, Any]],
        channel: dict[str, Any],
        cod: bool,
        payment_method: str | None,
        message: str,
        now: int,
    ) -> dict[str, Any]:
        region = shop["region"]
        rng = self.emulator.rng("orders")
        order_sn = self._new_order_sn(now)
        fee = SHIPPING_FEE.get(region, "0")
        subtotal = sum((_dec(l["model_discounted_price"]) * l["quantity"] for l in lines), _dec(0))
        buyer = self._buyer(region)
        package: dict[str, Any] = {
            "package_number": self._package_number(),
            "logistics_status": "LOGISTICS_READY" if cod else "LOGISTICS_NOT_START",
            "update_time": now,
            "tracking_number": "",
            "pickup_code": "",
            "ship_mode": "",
            "pickup": None,
            "tracking": [],
            "document": None,
        }
        return {
            "order_sn": order_sn,
            "shop_id": shop["shop_id"],
            "region": region,
            "currency": shop["currency"],
            "cod": cod,
            "payment_method": "Cash on Delivery" if cod else (payment_method or rng.choice(NON_COD_METHODS.get(region, ("Shopee Wallet",)))),
            "order_status": "READY_TO_SHIP" if cod else "UNPAID",
            "create_time": now,
            "update_time": now,
            "pay_time": 0,
            "days_to_ship": DAYS_TO_SHIP,
            "ship_by_date": self.emulator.shops.holiday.ship_by(shop["shop_id"], now, now + DAYS_TO_SHIP * DAY, DAYS_TO_SHIP),
            **buyer,
            "message_to_seller": message,
            "note": "",
            "note_update_time": 0,
            "items": lines,
            "estimated_shipping_fee": fee,
            "total_amount": money(subtotal + _dec(fee)),
            "logistics_channel_id": int(channel["logistics_channel_id"]),
            "shipping_carrier": channel["name"],
            "packages": [package],
            "cancel_by": "",
            "cancel_reason": "",
            "buyer_cancel_reason": "",
            "cancel_requested_at": 0,
            "status_before_cancel": "",
            "pickup_done_time": 0,
            "delivered_time": 0,
            "pickup_failures": 0,
            "stock_state": "reserved",
            "transaction_id": f"{rng.getrandbits(60):018d}"[:18],
        }

    def _new_order_sn(self, now: int) -> str:
        while True:
            order_sn = self.emulator.ids.order_sn(now)
            if self.find(order_sn) is None:
                return order_sn

    def _package_number(self) -> str:
        return package_number(self.emulator.ids.next("package"))

    def _buyer(self, region: str) -> dict[str, Any]:
        locale = self.emulator.world.get("locale", "en_US")
        return draw_buyer(locale, region, self.emulator.seed, self.emulator.rng("orders:buyers"))

    # -- moving the status -----------------------------------------------------------------------
    def move(self, doc: dict[str, Any], status: str | None, now: int, logistics: str | None = None, track: str | None = None,
             text: str | None = None) -> None:
        """Stamp update_time, move order and package, append tracking (worded ``text``, else as
        ``TRACK_TEXT`` words ``track``), publish the change."""
        old = doc["order_status"]
        doc["update_time"] = now
        package = doc["packages"][0]
        if logistics is not None and logistics != package["logistics_status"]:
            package["logistics_status"] = logistics
            package["update_time"] = now
        if track is not None:
            package["tracking"].append({"update_time": now, "description": text or TRACK_TEXT[track], "logistics_status": track})
            package["update_time"] = now
        if status is not None and status != old:
            doc["order_status"] = status
            self.emulator.publish(events.STATUS_CHANGED, doc["shop_id"], order_sn=doc["order_sn"], old=old, new=status)

    def later(self, due: int, kind: str, payload: jobs.OrderJob | jobs.CancellationJob) -> None:
        """Schedule a clock job; a seeded past order has its history written instead, so none is due."""
        if due > self.emulator.clock.now():
            self.emulator.scheduler.at(due, kind, payload)

    def _require(self, doc: dict[str, Any], action: str) -> None:
        """Refuse ``action`` unless the order status table allows it from the order's status."""
        refusal = ORDER_FLOW.refusal(action, doc["order_status"], doc["order_sn"], doc)
        if refusal is not None:
            raise ActionNotAllowed(refusal)

    def transition(self, order_sn: str, action: str, status: str, now: int) -> dict[str, Any]:
        """Move an order by one of the table's actions that other domains drive (returns)."""
        doc = self.editable(order_sn)
        self._require(doc, action)
        if status not in ORDER_FLOW.transition(action).targets:
            raise ValueError(f"{action} does not lead to {status}")
        self.move(doc, status, now)
        return doc

    def _stock(self, doc: dict[str, Any]) -> list[dict[str, Any]]:
        return [_stock_line(line) for line in doc["items"]]

    # -- the control plane's actions ---------------------------------------------------------------
    def actions(self) -> dict[str, Callable[..., dict[str, Any]]]:
        return {
            "pay": self.pay,
            "ship": self.fulfilment.arrange_default,
            "pickup": self.pickup,
            "fail_pickup": self.fail_pickup,
            "deliver": self.deliver,
            "fail_delivery": self.fail_delivery,
            "lose": self.lose,
            "confirm_receipt": self.confirm_receipt,
            "buyer_cancel": self.buyer_cancel,
            **self.emulator.logistics.riders.actions(),
        }

    def act(self, order_sn: str, action: str, **options: Any) -> dict[str, Any]:
        """Run one buyer/courier action by name (what the control plane and CLI call)."""
        handler = self.actions().get(action)
        if handler is None:
            raise ActionNotAllowed(f"unknown action {action!r}; known: {', '.join(self.actions())}")
        with self.emulator.transaction():
            return handler(order_sn, **options)


def _fresh(doc: dict[str, Any]) -> dict[str, Any]:
    """New copies of the parts of an order that edits change inside (packages with their tracking
    and document, order lines): the store's undo then keeps the old ones and the top level, not a
    deep copy of the whole order."""
    return {
        "packages": [
            {**p, "tracking": list(p["tracking"]), "document": dict(p["document"]) if p.get("document") else p.get("document"),
             "pickup": dict(p["pickup"]) if p.get("pickup") else p.get("pickup"),
             **({"rider": dict(p["rider"])} if p.get("rider") else {})}
            for p in doc["packages"]
        ],
        "items": [dict(line) for line in doc["items"]],
    }


def _stock_line(line: dict[str, Any]) -> dict[str, Any]:
    """The units of a line the order still holds in stock (partially cancelled ones went back)."""
    return {"item_id": line["item_id"], "model_id": line["model_id"], "quantity": active_qty(line),
            "promotion_id": int(line.get("promotion_id") or 0)}


def _dec(value: Any) -> Decimal:
    return Decimal(str(value))
