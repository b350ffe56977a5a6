"""An Outlet's pause of its Instant channels: the daily quota, the delay before a change applies,
and the automatic resumption when the quota runs out.

    not paused ──set_pause_status(true)──> pause pending ──15 s──> paused ──quota used up──> not paused
                                                                      └──set_pause_status(false)──> resume pending ──15 s──┘

A pause stops new orders on the channels whose ``support_pause`` is true (the channel table) and
spends the day's quota, in seconds, for as long as it lasts; a resumed Outlet keeps what is left
until the quota is refilled at local midnight. Only an effective pause stops orders: the platform
warns that orders may still arrive while its caches catch up.

State, per Outlet in ``shop_pauses``: ``day`` and ``used`` (quota spent that day by pauses already
over), ``since``/``until`` of the pause in force, ``pending`` (the change waiting for its delay).
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypedDict
from zoneinfo import ZoneInfo

from emulator.domains.logistics import channels as ch
from emulator.errors import ShopeeError

if TYPE_CHECKING:
    from emulator.world import Emulator

PAUSES = "shop_pauses"
DAILY_QUOTA = 2 * 3600
EFFECT_DELAY = 15
TAKES_EFFECT = "logistics.pause_takes_effect"
RUNS_OUT = "logistics.pause_runs_out"
class PauseEffectJob(TypedDict):
    """The payload of a requested pause or resume taking effect: the request's moment."""

    shop_id: int
    at: int


class PauseRunsOutJob(TypedDict):
    """The payload of a pause running out of quota: the pause it ends."""

    shop_id: int
    since: int

CHANGED = "logistics.pause_changed"

NOT_IN_FEATURE = "Shop is not whitelisted for the pause feature."
NO_QUOTA = "No remaining pause quota left for the shop"
CHANNEL_PAUSED = "{name} is paused by the shop: no new orders until {until}."


class NotInFeatureToggle(ShopeeError):
    error = "logistics.shop_not_in_feature_toggle"


class NoRemainingQuota(ShopeeError):
    error = "logistics.no_remaining_pause_quota"


class ChannelPaused(ShopeeError):
    """A test order on a paused channel, refused as checkout refuses the buyer."""

    error = "logistics.channel_paused"


class Pauses:
    """The pause state of one emulator's Outlets."""

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        self.store = emulator.store
        emulator.scheduler.handle(TAKES_EFFECT, self._takes_effect)
        emulator.scheduler.handle(RUNS_OUT, self._runs_out)

    @property
    def quota(self) -> int:
        return int((self.emulator.world.get("pause") or {}).get("daily_quota_seconds", DAILY_QUOTA))

    # -- reading -------------------------------------------------------------------------------
    def _shop(self, shop_id: int) -> dict[str, Any]:
        """The Outlet, if any of its whitelisted channels can pause."""
        shop = self.emulator.shops.get(shop_id)
        if shop["kind"] != "outlet" or not self._pausable(shop):
            raise NotInFeatureToggle(NOT_IN_FEATURE)
        return shop

    def _pausable(self, shop: dict[str, Any]) -> list[int]:
        whitelist = self.emulator.logistics.shop_channels(shop["shop_id"])["whitelist"]
        found = []
        for cid in whitelist:
            channel = ch.find_child(shop["region"], int(cid))
            if channel is not None and channel.get("support_pause"):
                found.append(int(cid))
        return found

    def _doc(self, shop_id: int) -> dict[str, Any]:
        return self.store.get(PAUSES, shop_id) or {"day": "", "used": 0, "since": None, "until": None, "pending": None}

    def _editable(self, shop_id: int) -> dict[str, Any]:
        doc = self.store.edit(PAUSES, shop_id)
        return doc if doc is not None else self.store.put(PAUSES, shop_id, self._doc(shop_id))

    def _midnight(self, at: int) -> tuple[str, int]:
        zone = ZoneInfo(self.emulator.world.get("timezone", "UTC"))
        local = dt.datetime.fromtimestamp(at, zone)
        start = local.replace(hour=0, minute=0, second=0, microsecond=0)
        return start.date().isoformat(), int(start.timestamp())

    def _used(self, doc: dict[str, Any], at: int) -> int:
        """Quota spent on the local day of ``at``: pauses over, and the one in force until ``at``."""
        day, midnight = self._midnight(at)
        used = int(doc["used"]) if doc["day"] == day else 0
        if doc["since"] is not None:
            used += max(0, min(at, int(doc["until"])) - max(int(doc["since"]), midnight))
        return min(used, self.quota)

    def remaining(self, shop_id: int, at: int | None = None) -> int:
        at = self.emulator.clock.now() if at is None else at
        return self.quota - self._used(self._doc(shop_id), at)

    def status(self, shop_id: int) -> dict[str, Any]:
        """get_pause_status: what applies now (a change still in its delay does not)."""
        self._shop(shop_id)
        doc = self._doc(shop_id)
        if doc["since"] is not None:
            return {"is_paused": True, "pause_end_time": int(doc["until"]), "remaining_pause_quota": 0}
        return {"is_paused": False, "pause_end_time": 0, "remaining_pause_quota": self.remaining(shop_id)}

    def paused_until(self, shop_id: int, channel_id: int) -> int | None:
        """When the pause in force on this channel of the Outlet ends, or None if orders go through."""
        doc = self.store.get(PAUSES, shop_id)
        if doc is None or doc["since"] is None:
            return None
        shop = self.emulator.shops.get(shop_id)
        channel = ch.find_child(shop["region"], channel_id)
        return int(doc["until"]) if channel is not None and channel.get("support_pause") else None

    def check_order(self, shop_id: int, channel: dict[str, Any]) -> None:
        """Refuse a new order on a paused channel."""
        until = self.paused_until(shop_id, int(channel["logistics_channel_id"]))
        if until is not None:
            zone = ZoneInfo(self.emulator.world.get("timezone", "UTC"))
            when = dt.datetime.fromtimestamp(until, zone).strftime("%H:%M:%S")
            raise ChannelPaused(CHANNEL_PAUSED.format(name=channel["name"], until=when))

    # -- set_pause_status ----------------------------------------------------------------------
    def set_status(self, shop_id: int, paused: bool) -> dict[str, Any]:
        """The answer tells the state the request leads to, once its delay has passed."""
        self._shop(shop_id)
        now = self.emulator.clock.now()
        doc = self._editable(shop_id)
        pending = doc["pending"]
        active = doc["since"] is not None
        if paused:
            if active and pending is None:
                return self.status(shop_id)
            if active:  # a resume not yet applied is simply withdrawn
                doc["pending"] = None
                return self.status(shop_id)
            if pending is None:
                left = self.quota - self._used(doc, now)
                if left <= 0:
                    raise NoRemainingQuota(NO_QUOTA)
                doc["pending"] = {"paused": True, "at": now + EFFECT_DELAY}
                self._take_effect_later(shop_id, now + EFFECT_DELAY)
            start = int(doc["pending"]["at"])
            return {"is_paused": True, "pause_end_time": start + self.quota - self._used(doc, start), "remaining_pause_quota": 0}
        if not active:
            doc["pending"] = None  # a pause not yet applied is withdrawn and costs nothing
            return {"is_paused": False, "pause_end_time": 0, "remaining_pause_quota": self.quota - self._used(doc, now)}
        if pending is None:
            doc["pending"] = {"paused": False, "at": now + EFFECT_DELAY}
            self._take_effect_later(shop_id, now + EFFECT_DELAY)
        end = min(int(doc["pending"]["at"]), int(doc["until"]))
        return {"is_paused": False, "pause_end_time": 0, "remaining_pause_quota": self.quota - self._used(doc, end)}

    # -- the clock -----------------------------------------------------------------------------
    def _take_effect_later(self, shop_id: int, at: int) -> None:
        payload: PauseEffectJob = {"shop_id": shop_id, "at": at}
        self.emulator.scheduler.at(at, TAKES_EFFECT, payload)

    def _takes_effect(self, payload: PauseEffectJob) -> None:
        doc = self.store.get(PAUSES, payload["shop_id"])
        if doc is None or doc["pending"] is None or doc["pending"]["at"] != payload["at"]:
            return  # withdrawn or replaced
        doc = self._editable(payload["shop_id"])
        at = int(payload["at"])
        paused = doc["pending"]["paused"]
        doc["pending"] = None
        if paused:
            left = self.quota - self._used(doc, at)
            if left <= 0:
                return
            doc["since"], doc["until"] = at, at + left
            runs_out: PauseRunsOutJob = {"shop_id": payload["shop_id"], "since": at}
            self.emulator.scheduler.at(at + left, RUNS_OUT, runs_out)
            self.emulator.publish(CHANGED, payload["shop_id"], is_paused=True, pause_end_time=at + left)
        else:
            self._end(doc, payload["shop_id"], at)

    def _runs_out(self, payload: PauseRunsOutJob) -> None:
        doc = self.store.get(PAUSES, payload["shop_id"])
        if doc is None or doc["since"] != payload["since"]:
            return
        doc = self._editable(payload["shop_id"])
        doc["pending"] = None
        self._end(doc, payload["shop_id"], int(doc["until"]))

    def _end(self, doc: dict[str, Any], shop_id: int, at: int) -> None:
        doc["used"], doc["day"] = self._used(doc, at), self._midnight(at)[0]
        doc["since"] = doc["until"] = None
        self.emulator.publish(CHANGED, shop_id, is_paused=False, pause_end_time=0)
