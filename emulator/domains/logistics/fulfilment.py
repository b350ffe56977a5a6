"""Arranging shipment, tracking numbers and tracking history of an order's package.

Instant channels are integrated pickup channels: the seller arranges shipment with the Outlet's
pickup address and a time slot, a driver collects the parcel. Dropoff and non-integrated shipping
are answered as unsupported for them, as the platform does for pickup-only channels.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from emulator.domains.logistics import errors as e
from emulator.domains.logistics import events
from emulator.domains.order.states import ORDER_FLOW
from emulator.errors import ShopeeError

if TYPE_CHECKING:
    from emulator.domains.order.models import OrderModel

SLOT_SECONDS = 1800
SLOT_COUNT = 4
SHIPPABLE = ORDER_FLOW.transition("ship").sources
TRACKING_PREFIX = {"SPX": "SPX{region}0", "GoSend": "GK-", "GrabExpress": "GRB-", "Instant": "TH"}


def _fail(message: str, error: str) -> e.LogisticsError:
    return e.LogisticsError(message, error=error)


class Fulfilment:
    """Shipping rules on top of the order model."""

    def __init__(self, orders: "OrderModel") -> None:
        self.orders = orders
        self.emulator = orders.emulator

    # -- lookups --------------------------------------------------------------------------------
    def package_of(self, doc: dict[str, Any], package_number: str | None) -> dict[str, Any]:
        package: dict[str, Any] = doc["packages"][0]
        # the pages ask for no package_number rather than an empty one: "" names no package
        if package_number is not None and package_number != package["package_number"]:
            raise _fail(e.PACKAGE_NOT_EXIST, "logistics.package_not_exist")
        return package

    def address(self, shop_id: int) -> dict[str, Any]:
        """The Outlet's pickup address as get_shipping_parameter lists it."""
        raw = self.emulator.logistics.pickup_address(shop_id)
        return {
            "address_id": int(raw.get("address_id") or pickup_address_id(shop_id)),
            "region": raw.get("region", ""),
            "state": raw.get("state", ""),
            "city": raw.get("city", ""),
            "district": raw.get("district", ""),
            "town": raw.get("town", ""),
            "address": raw.get("address", ""),
            "zipcode": raw.get("zipcode", ""),
            "address_flag": ["default_address", "pickup_address", "return_address"],
        }

    def time_slots(self, now: int) -> list[dict[str, Any]]:
        """The next half-hour pickup slots of an Instant channel, the first one recommended."""
        first = (now // SLOT_SECONDS + 1) * SLOT_SECONDS
        zone = ZoneInfo(self.emulator.world.get("timezone", "UTC"))
        slots = []
        for n in range(SLOT_COUNT):
            start = first + n * SLOT_SECONDS
            local = dt.datetime.fromtimestamp(start, zone)
            end = local + dt.timedelta(seconds=SLOT_SECONDS)
            slot = {"date": start, "time_text": f"{local:%H:%M}-{end:%H:%M}", "pickup_time_id": str(start), "flags": []}
            if n == 0:
                slot["flags"] = ["recommended"]
            slots.append(slot)
        return slots

    @staticmethod
    def shippable(doc: dict[str, Any]) -> bool:
        """Its status allows arranging shipment, and a courier comes for it (its buyer does not collect it)."""
        return doc["order_status"] in SHIPPABLE and not doc.get("self_collection")

    # -- get_shipping_parameter -------------------------------------------------------------------
    def parameters(self, shop_id: int, doc: dict[str, Any]) -> dict[str, Any]:
        if doc["order_status"] == "CANCELLED":
            raise ShopeeError(e.ORDER_CANCELLED, error="error_status")
        if doc["order_status"] not in SHIPPABLE:
            raise ShopeeError(e.PARAMETERS_NOT_READY, error="error_param")
        address = self.address(shop_id)
        address["time_slot_list"] = self.time_slots(self.orders.now()) if self.shippable(doc) else []
        return {"info_needed": {"pickup": ["address_id", "pickup_time_id"]}, "pickup": {"address_list": [address]}}

    # -- ship_order ---------------------------------------------------------------------------------
    def check_ship(self, shop_id: int, doc: dict[str, Any], pickup: Any, dropoff: Any, non_integrated: Any) -> None:
        """Every rule of ship_order, checked before anything changes (batch calls rely on it)."""
        chosen = [mode for mode in (pickup, dropoff, non_integrated) if mode is not None]
        if len(chosen) != 1:
            raise _fail(e.ONLY_ONE_TYPE, "logistics.ship_order_only_support_one_type")
        if dropoff is not None:
            raise _fail(e.UNSUPPORTED_DROPOFF, "logistics.ship_order_unsupport_dropoff")
        if non_integrated is not None:
            raise _fail(e.UNSUPPORTED_NON_INTEGRATED, "logistics.ship_order_unsupport_non_integrated")
        if doc.get("self_collection"):
            # its buyer collects it at the Outlet: there is nothing to ship (update_self_collection_order_logistics)
            raise _fail(e.NOT_READY_TO_SHIP, "logistics.ship_order_not_ready_to_ship")
        if doc["order_status"] == "PROCESSED":
            raise _fail(e.PACKAGE_ALREADY_SHIPPED, "logistics.package_already_shipped")
        if doc["order_status"] not in SHIPPABLE:
            raise _fail(e.NOT_READY_TO_SHIP, "logistics.ship_order_not_ready_to_ship")
        address_id, time_id = _get(pickup, "address_id"), _get(pickup, "pickup_time_id")
        if not address_id or not time_id:
            raise _fail(e.NEED_ADDRESS_PICKUP_TIME, "logistics.ship_order_need_address_pickup_time")
        if int(address_id) != self.address(shop_id)["address_id"]:
            raise _fail(e.ADDRESS_NOT_FOUND, "logistics.address_not_found")
        if not self._slot_ok(str(time_id)):
            raise _fail(e.PICKUP_TIME_INVALID, "logistics.ship_order_pickup_time_invalid")

    def _slot_ok(self, time_id: str) -> bool:
        # A slot read a moment ago stays valid after the clock crosses its boundary.
        now = self.orders.now()
        # only a slot's id as get_shipping_parameter wrote it: no padding, no digits past any time
        if not (time_id.isascii() and time_id.isdigit()) or len(time_id) > 12 or time_id != str(int(time_id[:12] or "0")):
            return False
        start = int(time_id)
        return start % SLOT_SECONDS == 0 and now - SLOT_SECONDS <= start <= now + (SLOT_COUNT + 1) * SLOT_SECONDS

    def ship(self, shop_id: int, order_sn: str, package_number: str | None, pickup: Any, dropoff: Any = None, non_integrated: Any = None) -> dict[str, Any]:
        doc = self.orders.of_shop(shop_id, order_sn)
        self.package_of(doc, package_number)
        self.check_ship(shop_id, doc, pickup, dropoff, non_integrated)
        return self.arrange(order_sn, int(_get(pickup, "address_id")), str(_get(pickup, "pickup_time_id")))

    def update(self, shop_id: int, order_sn: str, package_number: str | None, pickup: Any) -> dict[str, Any]:
        """update_shipping_order: a new pickup address or slot after the driver failed to collect."""
        doc = self.orders.of_shop(shop_id, order_sn)
        package = self.package_of(doc, package_number)
        if doc["order_status"] != "RETRY_SHIP":
            raise _fail(e.UPDATE_NOT_SUPPORTED, "logistics.error_limit")
        chosen = {"address_id": _get(pickup, "address_id"), "pickup_time_id": str(_get(pickup, "pickup_time_id"))}
        if package["pickup"] == chosen:
            raise _fail(e.NO_PARAM_CHANGE, "logistics.update_shipping_order_no_param_change")
        self.check_ship(shop_id, doc, pickup, None, None)
        return self.arrange(order_sn, int(chosen["address_id"]), chosen["pickup_time_id"])

    def arrange(self, order_sn: str, address_id: int, pickup_time_id: str, at: int | None = None) -> dict[str, Any]:
        doc = self.orders.editable(order_sn)
        now = self.orders.now(at)
        package = doc["packages"][0]
        package["ship_mode"] = "pickup"
        package["pickup"] = {"address_id": address_id, "pickup_time_id": pickup_time_id}
        if not package["tracking_number"]:
            package["tracking_number"] = self._tracking_number(doc)
            package["pickup_code"] = f"{self.emulator.rng('orders:pickup_code').randint(0, 999_999):06d}"
            self.orders.move(doc, None, now, track="ORDER_CREATED")
        self.orders.move(doc, "PROCESSED", now, "LOGISTICS_REQUEST_CREATED", track="PICKUP_REQUESTED")
        self.emulator.publish(
            events.TRACKING_NUMBER, doc["shop_id"], order_sn=order_sn,
            package_number=package["package_number"], tracking_number=package["tracking_number"],
        )
        return doc

    def arrange_default(self, order_sn: str, at: int | None = None) -> dict[str, Any]:
        """The console's shortcut: arrange pickup at the Outlet's address in the recommended slot."""
        doc = self.orders.get(order_sn)
        now = self.orders.now(at)
        self.orders._require(doc, "ship")
        return self.arrange(order_sn, self.address(doc["shop_id"])["address_id"], self.time_slots(now)[0]["pickup_time_id"], at=now)

    def _tracking_number(self, doc: dict[str, Any]) -> str:
        rng = self.emulator.rng("orders:tracking")
        carrier = doc["shipping_carrier"].split()[0] if doc["shipping_carrier"] else "SPX"
        prefix = TRACKING_PREFIX.get(carrier, "SPX{region}0").format(region=doc["region"])
        return f"{prefix}{rng.randint(10**11, 10**12 - 1)}"

    # -- tracking -----------------------------------------------------------------------------------
    def tracking_number(self, doc: dict[str, Any], optional: set[str]) -> dict[str, Any]:
        package = doc["packages"][0]
        result: dict[str, Any] = {"tracking_number": package["tracking_number"]}
        for name in ("plp_number", "first_mile_tracking_number", "last_mile_tracking_number"):
            if name in optional:
                result[name] = ""
        result["hint"] = "" if package["tracking_number"] else "The tracking number is available after shipment is arranged."
        if doc["region"] == "ID":
            result["pickup_code"] = package["pickup_code"]
        return result

    def tracking_info(self, doc: dict[str, Any]) -> dict[str, Any]:
        package = doc["packages"][0]
        return {
            "order_sn": doc["order_sn"],
            "package_number": package["package_number"],
            "logistics_status": package["logistics_status"],
            "tracking_info": [dict(step) for step in reversed(package["tracking"])],
            # TW service-point PINs and the cross-border return segment do not occur for a local Instant parcel
            "collection_pin_code": "",
            "reversed_tracking_number": "",
            "reversed_courier_name": "",
            "reversed_tracking_info": [],
        }


def pickup_address_id(shop_id: int) -> int:
    """A stable address id for an Outlet whose address document carries none."""
    return 10_000 + int(shop_id) % 9_000_000


def _get(obj: Any, name: str) -> Any:
    if obj is None:
        return None
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
