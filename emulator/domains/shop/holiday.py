"""Holiday mode of a shop: a period set now or in advance, switched on and off by the clock.

A full holiday (type 0) stops new orders and freezes stock and item deletion, as the product pages'
holiday errors say; a partial holiday (type 1) keeps taking orders and moves their ship-by date past
the holiday's end. An Outlet is on holiday when it or its Mart is. Nothing is scheduled: whether a
period applies is read from the clock each time.

State, per shop in ``shop_holidays``: ``on``, ``type``, ``start``, ``end`` (0: until switched off),
``description`` and ``mtime`` (the last change).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from emulator.domains.shop import events
from emulator.errors import ShopeeError, wrong_parameters

if TYPE_CHECKING:
    from emulator.world import Emulator

HOLIDAYS = "shop_holidays"
FULL, PARTIAL = 0, 1
HOUR = 3600
DAY = 24 * HOUR

ON_HOLIDAY = "The shop is on holiday and does not take new orders."
STOCK_FROZEN = "Cannot change stock in holiday mode."
DELETE_FROZEN = "Shop is under vocation mode."


class ShopOnHoliday(ShopeeError):
    """A test order placed while the shop is on full holiday."""

    error = "shop.shop_on_holiday"


class StockFrozen(ShopeeError):
    error = "error_holiday_mode_change_stock"


class DeleteFrozen(ShopeeError):
    error = "error_holiday_on_del_item"


class Holidays:
    """The holiday settings of one emulator's shops."""

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        self.store = emulator.store

    def _doc(self, shop_id: int) -> dict[str, Any]:
        return self.store.get(HOLIDAYS, shop_id) or {
            "on": False, "type": FULL, "start": 0, "end": 0, "description": "", "mtime": 0,
        }

    def _applies(self, doc: dict[str, Any], at: int) -> bool:
        return bool(doc["on"]) and doc["start"] <= at and (not doc["end"] or at <= doc["end"])

    def view(self, shop_id: int) -> dict[str, Any]:
        """get_shop_holiday_mode: whether a holiday applies now, and the ongoing or upcoming period."""
        self.emulator.shops.get(shop_id)
        doc = self._doc(shop_id)
        now = self.emulator.clock.now()
        over = bool(doc["end"]) and doc["end"] < now
        scheduled = bool(doc["on"]) and not over
        return {
            "holiday_mode_on": self._applies(doc, now),
            "holiday_mode_mtime": int(doc["mtime"]),
            "holiday_mode_type": int(doc["type"]) if scheduled else FULL,
            "holiday_mode_start_time": int(doc["start"]) if scheduled else 0,
            "holiday_mode_end_time": int(doc["end"]) if scheduled else 0,
            "holiday_mode_description": doc["description"] if scheduled else "",
            "debug_msg": "",
        }

    def set(
        self, shop_id: int, on: bool, kind: int | None, start: int | None, end: int | None, description: str | None
    ) -> dict[str, Any]:
        """set_shop_holiday_mode; a period's times are whole hours (the end one second before one)."""
        self.emulator.shops.get(shop_id)
        now = self.emulator.clock.now()
        if not on:
            self.store.put(HOLIDAYS, shop_id, {**self._doc(shop_id), "on": False, "mtime": now})
            return {"debug_msg": ""}
        kind = FULL if kind is None else kind
        if kind not in (FULL, PARTIAL):
            raise wrong_parameters("holiday_mode_type should be 0 (full holiday) or 1 (partial holiday)")
        if start is not None and start % HOUR:
            raise wrong_parameters("holiday_mode_start_time should be a whole hour")
        if end is not None and (end + 1) % HOUR:
            raise wrong_parameters("holiday_mode_end_time plus one second should be a whole hour")
        begin = now if start is None else start
        if end is not None and end <= begin:
            raise wrong_parameters("holiday_mode_end_time must be larger than holiday_mode_start_time")
        if end is not None and end < now:
            raise wrong_parameters("holiday_mode_end_time has already passed")
        self.store.put(HOLIDAYS, shop_id, {
            "on": True, "type": kind, "start": begin, "end": end or 0, "description": description or "", "mtime": now,
        })
        self.emulator.publish(events.HOLIDAY_MODE_CHANGED, shop_id, holiday_mode_type=kind, start=begin, end=end or 0)
        return {"debug_msg": ""}

    # -- what a holiday does -------------------------------------------------------------------
    def current(self, shop_id: int, at: int | None = None) -> dict[str, Any] | None:
        """The holiday applying to the shop (its own, else its Mart's), or None."""
        if not self.store.count(HOLIDAYS):
            return None  # no shop has ever set one: the usual case, asked by every stock write
        at = self.emulator.clock.now() if at is None else at
        shop = self.emulator.shops.get(shop_id)
        for owner in (shop_id, shop.get("mart_shop_id")):
            if owner:
                doc = self.store.get(HOLIDAYS, int(owner))
                if doc is not None and self._applies(doc, at):
                    return doc
        return None

    def check_order(self, shop_id: int) -> None:
        holiday = self.current(shop_id)
        if holiday is not None and holiday["type"] == FULL:
            raise ShopOnHoliday(ON_HOLIDAY)

    def check_stock_change(self, shop_id: int) -> None:
        holiday = self.current(shop_id)
        if holiday is not None and holiday["type"] == FULL:
            raise StockFrozen(STOCK_FROZEN)

    def check_delete(self, shop_id: int) -> None:
        holiday = self.current(shop_id)
        if holiday is not None and holiday["type"] == FULL:
            raise DeleteFrozen(DELETE_FROZEN)

    def ship_by(self, shop_id: int, at: int, ship_by: int, days_to_ship: int) -> int:
        """The ship-by date of an order placed or paid at ``at``, moved past a partial holiday."""
        holiday = self.current(shop_id, at)
        if holiday is None or holiday["type"] != PARTIAL or not holiday["end"]:
            return ship_by
        return max(ship_by, int(holiday["end"]) + 1 + days_to_ship * DAY)
