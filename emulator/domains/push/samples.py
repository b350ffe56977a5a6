"""Push Test Data: a sample push of one code, as the sandbox console's button sends it.

The sample's ``data`` is made by the same builder as the real push of that code (``codes``), from
the event the producing domain would publish, so its fields, order and types are the real push's.
What the event says is taken from the world where the shop has something to tell of (its newest
order, a shipped package, a transcoded video, a discount); otherwise it is a plausible invented
value (``TESTDATA`` order numbers and the like), never a change of the world.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from emulator.domains.discount import events as discount
from emulator.domains.discount.models import event_data as discount_data
from emulator.domains.discount.status import EXPIRED, ONGOING, UPCOMING
from emulator.domains.product.video import FAILED, SUCCEEDED, TRANSCODE_FAILED, UPLOADS
from emulator.domains.push import codes
from emulator.events import Event
from emulator.ids import package_number

if TYPE_CHECKING:
    from emulator.world import Emulator

Data = dict[str, Any]
Shop = dict[str, Any]

# code -> the event name its real push is made from and that push's builder
BUILDERS: dict[int, tuple[str, Callable[[Event], codes.Body]]] = {
    code: (name, build) for name, (code, build) in {**codes.EVENT_CODES, **codes.PARTNER_EVENT_CODES}.items()
}
SUPPORTED = tuple(sorted(BUILDERS))
# Enough of a shop's newest orders to find one with a tracking number without walking its history.
ORDERS_LOOKED_AT = 200
SAMPLE_ORDER_SUFFIX = "TESTDATA"
WEEK = 7 * 86400
# the first id the emulator's discounts count up from: a discount id no shop has
SAMPLE_PROMOTION_ID = 665_000_000_000_000


class Samples:
    """The sample pushes of one emulator, read from its world at the moment of asking."""

    def __init__(self, emulator: "Emulator", base_url: str = "") -> None:
        self.emulator = emulator
        self.base_url = base_url.rstrip("/")  # where the receiver reaches the video URLs of push 11
        self.now = emulator.clock.now()

    def shops_for(self, partner_id: int, code: int) -> list[Shop]:
        """The partner's shops in the order a sample looks for news: Marts first for videos (a Mart
        owns them), Outlets first for everything else (they hold orders, stock and discounts)."""
        shops = [s for s in self.emulator.shops.all_shops() if s["partner_id"] == partner_id]
        first = "mart" if code == codes.VIDEO_UPLOAD else "outlet"
        return sorted(shops, key=lambda s: s["kind"] != first)

    def body(self, code: int, shops: list[Shop]) -> tuple[int | None, str]:
        """The message's shop (None for a partner-level push) and its body text: the first of
        ``shops`` the world has news of, else ``shops[0]`` with invented values."""
        name, build = BUILDERS[code]
        found = next(((s, d) for s in shops if (d := self._from_world(code, s)) is not None), None)
        shop, data = found or (shops[0], self._invented(code, shops[0]))
        shop_id = None if code in codes.PARTNER_LEVEL else int(shop["shop_id"])
        event = Event(name, int(shop["shop_id"]), self.now, data)
        return shop_id, codes.body_text(code, shop_id, self.now, build(event))

    # -- from the world ------------------------------------------------------------------------
    def _from_world(self, code: int, shop: Shop) -> Data | None:
        read = {
            codes.ORDER_STATUS: self._order_status, codes.ORDER_TRACKINGNO: self._tracking_number,
            codes.SHIPPING_DOCUMENT_STATUS: self._shipping_document, codes.VIDEO_UPLOAD: self._video,
            codes.RESERVED_STOCK_CHANGE: self._reserved_stock, codes.ITEM_PROMOTION: self._item_promotion,
            codes.PROMOTION_UPDATE: self._promotion_update,
        }.get(code)
        if read is None:  # partner-level: every shop of the partner has an authorization to tell of
            return self._authorization(code, shop)
        return read(shop)

    def _orders(self, shop: Shop) -> Iterator[Data]:
        """The shop's orders, most recently updated first."""
        orders = self.emulator.orders
        window = orders.index.newest_first(int(shop["shop_id"]), "update_time", None, 0, self.now, None)
        for _, order_sn in islice(window, ORDERS_LOOKED_AT):
            doc = orders.find(order_sn)
            if doc is not None:
                yield doc

    def _order_status(self, shop: Shop) -> Data | None:
        doc = next(self._orders(shop), None)
        if doc is None:
            return None
        return {"order_sn": doc["order_sn"], "old": None, "new": doc["order_status"], "update_time": int(doc["update_time"])}

    def _tracking_number(self, shop: Shop) -> Data | None:
        for doc in self._orders(shop):
            package = doc["packages"][0]
            if package["tracking_number"]:
                return {"order_sn": doc["order_sn"], "package_number": package["package_number"],
                        "tracking_number": package["tracking_number"]}
        return None

    def _shipping_document(self, shop: Shop) -> Data | None:
        """A package whose document was printed, with its outcome; else one that could be (it
        has its tracking number), as READY."""
        printable = None
        for doc in self._orders(shop):
            package = doc["packages"][0]
            document = package.get("document") or {}
            entry = {"order_sn": doc["order_sn"], "package_number": package["package_number"]}
            if document.get("status") in ("READY", "FAILED"):
                return {**entry, "status": document["status"]}
            if printable is None and package["tracking_number"]:
                printable = {**entry, "status": "READY"}
        return printable

    def _video(self, shop: Shop) -> Data | None:
        videos = self.emulator.products.videos
        finished = [
            v for v in self.emulator.store.collection(UPLOADS).values()
            if v["shop_id"] == shop["shop_id"] and v["status"] in (SUCCEEDED, FAILED)
        ]
        if not finished:
            return None
        doc = max(finished, key=lambda v: (v["update_time"], v["video_upload_id"]))
        info = videos.info(doc["video_info"], self.base_url) if doc["video_info"] else None
        return {"video_upload_id": doc["video_upload_id"], "status": doc["status"], "message": doc["reason"], "video_info": info}

    def _discount_models(self, shop: Shop) -> Iterator[tuple[Data, int, Data]]:
        """(discount, item_id, its model entry) of the shop's discounts: ongoing ones first."""
        discounts = self.emulator.discounts
        rank = {ONGOING: 0, UPCOMING: 1, EXPIRED: 2}
        for doc in sorted(discounts.of_shop(int(shop["shop_id"])), key=lambda d: rank[discounts.status(d)]):
            for item_id, model in discounts.models(doc):
                yield doc, item_id, model

    def _item_promotion(self, shop: Shop) -> Data | None:
        """The hold of the shop's discount on a model beginning, or ending for an expired one."""
        found = next(self._discount_models(shop), None)
        if found is None:
            return None
        doc, item_id, model = found
        action = discount.END if self.emulator.discounts.status(doc) == EXPIRED else discount.LOCK
        return discount_data(discount.ITEM_PROMOTION, doc, item_id, model, action, self.now)

    def _promotion_update(self, shop: Shop) -> Data | None:
        """A model of the shop's discount joining it."""
        found = next(self._discount_models(shop), None)
        if found is None:
            return None
        doc, item_id, model = found
        return discount_data(discount.PROMOTION_UPDATE, doc, item_id, model, discount.ADDED, self.now)

    def _reserved_stock(self, shop: Shop) -> Data | None:
        """A model's total_reserved_stock as get_item_base_info shows it now, announced as set
        aside when its running discount started."""
        stock = self.emulator.products.stock
        for doc, item_id, entry in self._discount_models(shop):
            if self.emulator.discounts.status(doc) != ONGOING:
                break  # ongoing ones come first: no reserve anywhere after them
            model = self._outlet_model(shop, item_id, int(entry["model_id"]))
            reserved = stock.total_reserved(item_id, model) if model is not None else 0
            if reserved:
                return {"item_id": item_id, "model_id": int(entry["model_id"]), "old": 0, "new": reserved,
                        "action": discount.LOCK}
        return None

    def _outlet_model(self, shop: Shop, item_id: int, model_id: int) -> Data | None:
        item = next((i for i in self.emulator.products.items_of_shop(int(shop["shop_id"])) if i["item_id"] == item_id), None)
        return next((m for m in item["models"] if m["model_id"] == model_id), None) if item else None

    def _authorization(self, code: int, shop: Shop) -> Data:
        """The shops one confirmation covers: every shop of the shop's main account, or the shop."""
        main_account_id = shop.get("main_account_id")
        shops = [s for s in self.emulator.shops.all_shops() if main_account_id and s.get("main_account_id") == main_account_id]
        shop_ids = [int(s["shop_id"]) for s in shops] or [int(shop["shop_id"])]
        data: Data = {"partner_id": int(shop["partner_id"]), "shop_id_list": shop_ids, "main_account_id": main_account_id}
        if code == codes.AUTHORIZATION_EXPIRY:
            data["expire_time"] = int(shop["expire_time"])
        return data

    # -- invented ------------------------------------------------------------------------------
    def _invented(self, code: int, shop: Shop) -> Data:
        """Values of the right form for a shop the world has no news of."""
        day = dt.datetime.fromtimestamp(self.now, dt.UTC).strftime("%y%m%d")
        order = {"order_sn": day + SAMPLE_ORDER_SUFFIX, "package_number": package_number(0)}
        region = str(self.emulator.world.get("region", "SG")).upper()
        discount_doc: Data = {"discount_id": SAMPLE_PROMOTION_ID, "start_time": self.now, "end_time": self.now + WEEK}
        item = next((i for i in self.emulator.products.items_of_shop(int(shop["shop_id"])) if i["models"]), None)
        item_id, model_id = (int(item["item_id"]), int(item["models"][0]["model_id"])) if item else (0, 0)
        model: Data = {"model_id": model_id, "promotion_stock": None, "promotion_sold": 0}
        invented: dict[int, Callable[[], Data]] = {
            codes.ORDER_STATUS: lambda: {"order_sn": order["order_sn"], "old": None, "new": "READY_TO_SHIP", "update_time": self.now},
            codes.ORDER_TRACKINGNO: lambda: {**order, "tracking_number": f"SPX{region}0{self.now % 10**12:012d}"},
            codes.SHIPPING_DOCUMENT_STATUS: lambda: {**order, "status": "READY"},
            # a failed transcoding: a success would need video URLs the emulator cannot serve
            codes.VIDEO_UPLOAD: lambda: {"video_upload_id": f"{region.lower()}-11110201-{SAMPLE_ORDER_SUFFIX.lower()}",
                                         "status": FAILED, "message": TRANSCODE_FAILED, "video_info": None},
            # a reserve given back: what get_item_base_info shows of a model with none (0) after it
            codes.RESERVED_STOCK_CHANGE: lambda: {"item_id": item_id, "model_id": model_id, "old": 1, "new": 0, "action": discount.END},
            codes.ITEM_PROMOTION: lambda: discount_data(discount.ITEM_PROMOTION, discount_doc, item_id, model, discount.LOCK, self.now),
            codes.PROMOTION_UPDATE: lambda: discount_data(discount.PROMOTION_UPDATE, discount_doc, item_id, model, discount.ADDED, self.now),
        }
        return invented[code]()

