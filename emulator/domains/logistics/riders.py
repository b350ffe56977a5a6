"""Riders of Instant orders: called when shipment is arranged (by the seller, or by Auto Call
Driver once the preparation time is over), then assigned, on the way, arrived, picking the parcel
up and delivering it, each step a clock job.

    READY_TO_SHIP ──preparation_end_time (Auto Call Driver)──> arranged, or unchanged if no rider is found
    arranged ──allocating──> assigned ──> on the way ──> arrived ──> picked up (SHIPPED) ──> delivered
                  └─no rider found──> RETRY_SHIP (the seller arranges again; a second failure cancels)
    assigned | on the way | arrived ──rider cancels──> allocating again (reassigned)

The rider lives in the order's package (``package["rider"]``), so every view of the order reads
the same document; a ``run`` number makes the jobs of a replaced rider do nothing. The steps are
also actions of the control plane (``rider_assign``, ``rider_arrive``, ``rider_cancel``,
``rider_reassign``, ``no_rider``, ``call_rider``); ``fail_next`` of the rider settings makes the
next calls find no rider.
"""
from __future__ import annotations

import datetime as dt
import random
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Callable, Mapping, TypedDict
from zoneinfo import ZoneInfo

from faker import Faker

from emulator.domains.logistics import channels as ch
from emulator.domains.order import events as order_events
from emulator.errors import ShopeeError
from emulator.events import Event
from emulator.tasks import TaskSettings

if TYPE_CHECKING:
    from emulator.domains.order.models import OrderModel
    from emulator.world import Emulator

MINUTE = 60
ALLOCATE_SECONDS = 60  # looking for a rider
DEPART_SECONDS = 60  # from accepting the job to riding off
TRAVEL_MINUTES = (5, 12)  # to the outlet
ETA_WINDOW = 10 * MINUTE
HANDOVER_SECONDS = 3 * MINUTE  # at the outlet, until the parcel is on the bike
DEFAULT_DELIVERY_MINUTES = 30

CALL = "logistics.rider_call"
STEP = "logistics.rider_step"
class RiderCallJob(TypedDict):
    """The payload of Auto Call Driver falling due: the preparation end it was set for."""

    order_sn: str
    at: int


class RiderStepJob(TypedDict):
    """The payload of a rider's next step; ``run`` tells a replaced rider's steps apart."""

    order_sn: str
    run: int
    step: str

SETTINGS = "logistics_settings"

ALLOCATING, ASSIGNED, ON_THE_WAY, ARRIVED = "Allocating Driver", "Driver assigned", "Driver is on the way", "Driver is arrived"
SCHEDULED = "Driver should arrive by {start} - {end}"
# states of package["rider"]["state"]
SEARCHING, COMING, DEPARTED, AT_OUTLET, CARRYING, DONE, NOT_FOUND = (
    "allocating", "assigned", "on_the_way", "arrived", "picked_up", "delivered", "not_found",
)
IN_PROGRESS = (SEARCHING, COMING, DEPARTED, AT_OUTLET)
PHOTO_HOST = {"ID": "cf.shopee.co.id", "TH": "cf.shopee.co.th"}
POOL_SIZE = 48

TRACK_ASSIGNED = "Driver {name} ({plate}) is assigned and will arrive at the outlet by {end}"
TRACK_ARRIVED = "Driver has arrived at the outlet"
TRACK_CANCELLED = "Driver cancelled the job; looking for another driver"
TRACK_NO_RIDER = "No driver was found for the parcel"
TRACK_TO_BUYER = "Parcel is on the way to the buyer"


class RiderActionNotAllowed(ShopeeError):
    """A rider action the order's state does not allow (control plane)."""

    error = "error_order_status"


@lru_cache(maxsize=8)
def rider_pool(locale: str, region: str, seed: int) -> tuple[Mapping[str, str], ...]:
    """Immutable rider profiles per world and seed; Faker is slow, drawing from a pool is not."""
    fake = Faker(locale)
    fake.seed_instance(seed)
    rng = random.Random(f"{seed}:riders")
    return tuple(MappingProxyType(_profile(fake, region, rng)) for _ in range(POOL_SIZE))


def _profile(fake: Faker, region: str, rng: random.Random) -> dict[str, str]:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    if region == "TH":
        plate = f"{rng.randint(1, 9)}{rng.choice('กขคงจฉชซ')}{rng.choice('กขคงจฉชซ')} {rng.randint(1000, 9999)}"
    else:
        plate = f"{rng.choice('BDFLNT')} {rng.randint(1000, 9999)} {''.join(rng.choice(letters) for _ in range(3))}"
    host = PHOTO_HOST.get(region, "cf.shopee.co.id")
    return {
        "driver_name": fake.name(),
        "driver_phone": fake.phone_number(),
        "vehicle_type": "Motorcycle",
        "license_plate": plate,
        "courier_photo": f"https://{host}/file/{rng.getrandbits(128):032x}",
    }


def no_driver(status: str = "") -> dict[str, Any]:
    return {
        "driver_name": "", "driver_phone": "", "vehicle_type": "", "license_plate": "", "courier_photo": "",
        "eta_start_time": 0, "eta_end_time": 0, "driver_status": status,
    }


def driver_info(package: Mapping[str, Any]) -> dict[str, Any]:
    """get_package_detail's driver_info: empty until a rider is being called."""
    rider = package.get("rider")
    if not rider or rider["state"] == NOT_FOUND:
        return no_driver()
    if rider["driver"] is None:
        return no_driver(ALLOCATING)
    return {**rider["driver"], "eta_start_time": rider["eta_start"], "eta_end_time": rider["eta_end"],
            "driver_status": rider["status"]}


class Riders:
    """The riders of one emulator's Instant orders."""

    def __init__(self, emulator: "Emulator") -> None:
        self.emulator = emulator
        emulator.scheduler.handle(CALL, self._call_due)
        emulator.scheduler.handle(STEP, self._step_due)
        emulator.bus.subscribe(order_events.STATUS_CHANGED, self._on_status)
        default = float((emulator.world.get("riders") or {}).get("allocate_seconds", ALLOCATE_SECONDS))
        self.settings = TaskSettings(emulator.store, SETTINGS, "riders", default)

    # -- helpers -------------------------------------------------------------------------------
    def _orders(self) -> OrderModel:
        return self.emulator.orders

    def _now(self) -> int:
        return self.emulator.clock.now()

    def _zone(self) -> ZoneInfo:
        return ZoneInfo(self.emulator.world.get("timezone", "UTC"))

    def _channel(self, doc: Mapping[str, Any]) -> dict[str, Any]:
        return ch.find_child(doc["region"], int(doc["logistics_channel_id"])) or {}

    def _track(self, package: dict[str, Any], at: int, status: str, text: str) -> None:
        package["tracking"].append({"update_time": at, "description": text, "logistics_status": status})
        package["update_time"] = at

    def _later(self, at: int, order_sn: str, run: int, step: str) -> None:
        if at > self._now():  # a seeded past order has its history written instead
            payload: RiderStepJob = {"order_sn": order_sn, "run": run, "step": step}
            self.emulator.scheduler.at(at, STEP, payload)

    # -- reacting to the order -------------------------------------------------------------------
    def _on_status(self, event: Event) -> None:
        new = event.data["new"]
        if new not in ("READY_TO_SHIP", "PROCESSED", "SHIPPED", "RETRY_SHIP", "TO_CONFIRM_RECEIVE", "CANCELLED"):
            return
        doc = self._orders().find(event.data["order_sn"])
        if doc is None or doc.get("self_collection"):  # its buyer collects it: no driver comes
            return
        at = int(doc["update_time"])
        if new == "CANCELLED":
            self._returning(doc)
            return
        if new == "READY_TO_SHIP":
            self._prepare(doc, at)
        elif new == "PROCESSED":
            self._dispatch(doc, at)
        elif new == "SHIPPED":
            self._picked_up(doc, at)
        elif doc["packages"][0].get("rider"):
            rider = self._orders().editable(doc["order_sn"])["packages"][0]["rider"]
            if new == "RETRY_SHIP":  # the pickup failed: this rider is gone
                rider.update(state=NOT_FOUND, driver=None, run=rider["run"] + 1)
            else:
                rider.update(state=DONE, run=rider["run"] + 1)

    def _prepare(self, doc: dict[str, Any], at: int) -> None:
        """Auto Call Driver: the preparation deadline is set when the package becomes ready."""
        package = doc["packages"][0]
        minutes = self.emulator.logistics.preparation_minutes(doc["shop_id"], int(doc["logistics_channel_id"]))
        if minutes is None or package.get("preparation_end_time"):
            return
        due = at + minutes * MINUTE
        self._orders().editable(doc["order_sn"])["packages"][0]["preparation_end_time"] = due
        if due > self._now():
            payload: RiderCallJob = {"order_sn": doc["order_sn"], "at": due}
            self.emulator.scheduler.at(due, CALL, payload)

    def _dispatch(self, doc: dict[str, Any], at: int) -> None:
        live = self._orders().editable(doc["order_sn"])
        rider = live["packages"][0].get("rider")
        if rider and rider["state"] in IN_PROGRESS:
            self._resume(live, rider, at)  # back from a refused cancellation request
            return
        run = (rider["run"] + 1) if rider else 1
        live["packages"][0]["rider"] = {
            "run": run, "state": SEARCHING, "status": ALLOCATING, "driver": None, "eta_start": 0, "eta_end": 0,
        }
        due = at + int(float(self.settings.current()["delay_seconds"]))
        if due > self._now():
            self._later(due, doc["order_sn"], run, "assign")
        else:  # a seeded past order: its rider was found at the time
            self._assign(live, at)

    def _resume(self, doc: dict[str, Any], rider: dict[str, Any], at: int) -> None:
        rider["run"] += 1
        following = {SEARCHING: "assign", COMING: "depart", DEPARTED: "arrive", AT_OUTLET: "pickup"}[rider["state"]]
        self._later(max(at + 1, rider["eta_start"]) if following == "arrive" else at + 1, doc["order_sn"], rider["run"], following)

    def _picked_up(self, doc: dict[str, Any], at: int) -> None:
        live = self._orders().editable(doc["order_sn"])
        package = live["packages"][0]
        rider = package.get("rider")
        if not rider:
            return
        if rider["driver"] is None:  # picked up by hand before any rider was assigned
            self._draw(live, rider, at)
        rider.update(state=CARRYING, status=ARRIVED, run=rider["run"] + 1)
        self._track(package, at, "DELIVERY_PENDING", TRACK_TO_BUYER)
        minutes = int(self._channel(live).get("delivery_minutes") or DEFAULT_DELIVERY_MINUTES)
        self._later(at + minutes * MINUTE, live["order_sn"], rider["run"], "deliver")

    def _returning(self, doc: dict[str, Any]) -> None:
        """A failed delivery: the rider brings the parcel back, and the seller confirms it with
        the return code (SPX channels in ID, as get_tracking_info's page says)."""
        tracking = doc["packages"][0]["tracking"]
        if not tracking or tracking[-1]["logistics_status"] != "FAILED_DELIVERED":
            return
        if doc["region"] != "ID" or self._channel(doc).get("carrier") != "spx":
            return
        code = f"{self.emulator.rng('logistics:return_codes').randint(0, 9999):04d}"
        live = self._orders().editable(doc["order_sn"])["packages"][0]["tracking"]
        live[-1] = {**live[-1], "return_code": code}  # a new entry: the old one is the undo log's

    # -- the steps -------------------------------------------------------------------------------
    def _draw(self, doc: dict[str, Any], rider: dict[str, Any], at: int) -> None:
        locale = self.emulator.world.get("locale", "en_US")
        rng = self.emulator.rng("logistics:riders")
        rider["driver"] = dict(rng.choice(rider_pool(locale, doc["region"], self.emulator.seed)))
        start = at + rng.randint(*TRAVEL_MINUTES) * MINUTE
        rider["eta_start"], rider["eta_end"] = start, start + ETA_WINDOW

    def _assign(self, doc: dict[str, Any], at: int) -> None:
        package = doc["packages"][0]
        rider = package["rider"]
        self._draw(doc, rider, at)
        rider["state"], rider["run"] = COMING, rider["run"] + 1
        zone = self._zone()
        start, end = (dt.datetime.fromtimestamp(t, zone).strftime("%H:%M") for t in (rider["eta_start"], rider["eta_end"]))
        mask = ch.find_mask(doc["region"], int(self._channel(doc).get("mask_channel_id") or 0))
        # a 2-hour/4-hour delivery is bound to its slot: the platform tells when the rider comes
        rider["status"] = SCHEDULED.format(start=start, end=end) if mask and mask.get("paired_with") else ASSIGNED
        self._track(package, at, "PICKUP_PENDING", TRACK_ASSIGNED.format(
            name=rider["driver"]["driver_name"], plate=rider["driver"]["license_plate"], end=end))
        self._later(at + DEPART_SECONDS, doc["order_sn"], rider["run"], "depart")

    def _depart(self, doc: dict[str, Any], at: int) -> None:
        rider = doc["packages"][0]["rider"]
        rider.update(state=DEPARTED, status=ON_THE_WAY, run=rider["run"] + 1)
        self._later(max(at + 1, rider["eta_start"]), doc["order_sn"], rider["run"], "arrive")

    def _arrive(self, doc: dict[str, Any], at: int) -> None:
        package = doc["packages"][0]
        rider = package["rider"]
        rider.update(state=AT_OUTLET, status=ARRIVED, run=rider["run"] + 1)
        self._track(package, at, "PICKUP_PENDING", TRACK_ARRIVED)
        self._later(at + HANDOVER_SECONDS, doc["order_sn"], rider["run"], "pickup")

    def _not_found(self, doc: dict[str, Any], at: int) -> None:
        """No rider took the job: pickup fails, and the seller arranges again."""
        package = doc["packages"][0]
        self._track(package, at, "PICKUP_PENDING", TRACK_NO_RIDER)
        package["rider"].update(state=NOT_FOUND, driver=None, run=package["rider"]["run"] + 1)
        self._orders().fail_pickup(doc["order_sn"], at=at)

    def _cancelled(self, doc: dict[str, Any], at: int, instantly: bool) -> None:
        """The rider gave the job back; another one is looked for (at once when the platform reassigns)."""
        package = doc["packages"][0]
        rider = package["rider"]
        rider.update(state=SEARCHING, status=ALLOCATING, driver=None, eta_start=0, eta_end=0, run=rider["run"] + 1)
        self._track(package, at, "PICKUP_PENDING", TRACK_CANCELLED)
        if instantly:
            self._assign(doc, at)
        else:
            self._later(at + int(float(self.settings.current()["delay_seconds"])), doc["order_sn"], rider["run"], "assign")

    def _step_due(self, payload: RiderStepJob) -> None:
        doc = self._orders().find(payload["order_sn"])
        rider = doc["packages"][0].get("rider") if doc else None
        if doc is None or not rider or rider["run"] != payload["run"]:
            return  # replaced by a later step, an action or another rider
        step = payload["step"]
        wanted = "SHIPPED" if step == "deliver" else "PROCESSED"
        if doc["order_status"] != wanted:
            return  # cancelled, or waiting on a cancellation request: resumed if it comes back
        at = self._now()
        if step == "pickup":
            self._orders().pickup(doc["order_sn"], at=at)
        elif step == "deliver":
            self._orders().deliver(doc["order_sn"], at=at)
        else:
            live = self._orders().editable(doc["order_sn"])
            if step == "assign" and self.settings.take_failure():
                self._not_found(live, at)
            else:
                {"assign": self._assign, "depart": self._depart, "arrive": self._arrive}[step](live, at)

    # -- Auto Call Driver ----------------------------------------------------------------------
    def _call_due(self, payload: RiderCallJob) -> None:
        doc = self._orders().find(payload["order_sn"])
        if doc is None or doc["packages"][0].get("preparation_end_time") != payload["at"]:
            return
        self._call(doc, self._now())

    def _call(self, doc: dict[str, Any], at: int) -> None:
        """The preparation time is over: arrange shipment and call a rider, or leave it to the seller."""
        if doc["order_status"] != "READY_TO_SHIP" or doc["packages"][0]["logistics_status"] != "LOGISTICS_READY":
            return
        if self.settings.take_failure():
            live = self._orders().editable(doc["order_sn"])
            # the package stays ready: the seller arranges shipment by hand
            live["packages"][0]["rider"] = {
                "run": 1, "state": NOT_FOUND, "status": "", "driver": None, "eta_start": 0, "eta_end": 0,
            }
            return
        self._orders().fulfilment.arrange_default(doc["order_sn"], at=at)

    # -- control-plane actions -----------------------------------------------------------------
    def actions(self) -> dict[str, Callable[..., dict[str, Any]]]:
        return {
            "call_rider": self.call_now,
            "rider_assign": self.assign_now,
            "rider_arrive": self.arrive_now,
            "rider_cancel": self.cancel_now,
            "rider_reassign": self.reassign_now,
            "no_rider": self.no_rider_now,
        }

    def offered(self, doc: Mapping[str, Any]) -> list[tuple[str, str]]:
        """The rider actions the order's state allows now, with the console's labels."""
        package = doc["packages"][0]
        rider = package.get("rider")
        state = rider["state"] if rider else None
        if doc["order_status"] == "READY_TO_SHIP" and package.get("preparation_end_time") and state is None:
            return [("call_rider", "Call rider now")]
        if doc["order_status"] != "PROCESSED":
            return []
        if state == SEARCHING:
            return [("rider_assign", "Rider assigned"), ("no_rider", "No rider found")]
        moving = [("rider_arrive", "Rider arrives")] if state in (COMING, DEPARTED) else []
        if state in (COMING, DEPARTED, AT_OUTLET):
            return [*moving, ("rider_cancel", "Rider cancels"), ("rider_reassign", "Reassign rider")]
        return []

    def _live(self, order_sn: str, action: str, states: tuple[str, ...]) -> dict[str, Any]:
        doc = self._orders().editable(order_sn)
        rider = doc["packages"][0].get("rider")
        state = rider["state"] if rider else "none"
        if doc["order_status"] != "PROCESSED" or state not in states:
            raise RiderActionNotAllowed(
                f"{action} needs an arranged order whose rider is {' or '.join(states)}; "
                f"order {order_sn} is {doc['order_status']}, rider {state}"
            )
        return doc

    def call_now(self, order_sn: str, at: int | None = None) -> dict[str, Any]:
        """Auto Call Driver before the preparation time is over."""
        doc = self._orders().get(order_sn)
        if ("call_rider", "Call rider now") not in self.offered(doc):
            raise RiderActionNotAllowed(f"call_rider needs a READY_TO_SHIP order with Auto Call Driver; order {order_sn} is not")
        self._call(doc, self._orders().now(at))
        return self._orders().get(order_sn)

    def assign_now(self, order_sn: str, at: int | None = None) -> dict[str, Any]:
        doc = self._live(order_sn, "rider_assign", (SEARCHING,))
        self._assign(doc, self._orders().now(at))
        return doc

    def arrive_now(self, order_sn: str, at: int | None = None) -> dict[str, Any]:
        doc = self._live(order_sn, "rider_arrive", (COMING, DEPARTED))
        self._arrive(doc, self._orders().now(at))
        return doc

    def cancel_now(self, order_sn: str, at: int | None = None) -> dict[str, Any]:
        doc = self._live(order_sn, "rider_cancel", (COMING, DEPARTED, AT_OUTLET))
        self._cancelled(doc, self._orders().now(at), instantly=False)
        return doc

    def reassign_now(self, order_sn: str, at: int | None = None) -> dict[str, Any]:
        doc = self._live(order_sn, "rider_reassign", (COMING, DEPARTED, AT_OUTLET))
        self._cancelled(doc, self._orders().now(at), instantly=True)
        return doc

    def no_rider_now(self, order_sn: str, at: int | None = None) -> dict[str, Any]:
        doc = self._live(order_sn, "no_rider", (SEARCHING,))
        self._not_found(doc, self._orders().now(at))
        return self._orders().get(order_sn)
