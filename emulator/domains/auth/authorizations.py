"""The life of a shop's authorization of a partner: granted, cancelled, about to expire.

    authorization page confirmed ──> granted (auth_time, expire_time)   event auth.authorized
    cancel page / Seller Centre   ──> cancelled: expire_time is now      event auth.cancelled
    expire_time - 7 days          ──> the clock's notice                 event auth.expiring
    expire_time                   ──> expired: the shop's tokens stop working

The push domain turns the three events into pushes 1, 2 and 12. One grant covers the shops one
confirmation authorized (a shop, or every shop of a main account), so each event lists them together.

Shops a world or the control plane creates are granted as the page grants them (the preselected
365 days): push 1 when they are made (a world's own is sent to nobody: no callback is set yet) and
push 12 a week before their expire_time.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from emulator.world import Emulator

AUTHORIZED = "auth.authorized"
CANCELLED = "auth.cancelled"
EXPIRING = "auth.expiring"
NOTICE_JOB = "auth.expiry_notice"
class NoticeJob(TypedDict):
    """The payload of an expiry notice: the shops and the expiry it warns of."""

    partner_id: int
    shop_ids: list[int]
    expire_time: int

NOTICE_AHEAD = 7 * 24 * 3600
NOT_AUTHORIZED = "None of the chosen shops has authorized this app."


class Authorizations:
    """Grants, cancellations and expiry notices of one emulator's shops."""

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        emulator.scheduler.handle(NOTICE_JOB, self._notice_due)

    def grant(self, partner_id: int, shop_ids: list[int], main_account_id: int | None, expire_time: int) -> None:
        """What confirming the authorization page does for the shops it covers."""
        if not shop_ids:
            return  # a main account with no shops: nothing is authorized, nothing to announce
        now = self.emulator.clock.now()
        for shop_id in shop_ids:
            self.emulator.shops.record_authorization(shop_id, now, expire_time)
            self._mark(shop_id, cancelled=False)
        self._schedule_notice(partner_id, shop_ids, expire_time)
        self.emulator.publish(AUTHORIZED, shop_ids[0], partner_id=partner_id, shop_id_list=list(shop_ids),
                              main_account_id=main_account_id, expire_time=expire_time)

    def cancel(self, partner_id: int, shop_ids: list[int], main_account_id: int | None = None) -> list[int]:
        """The seller separates the app from these shops; answers the shops that were authorized."""
        shops = self.emulator.shops
        cancelled = [sid for sid in shop_ids if shops.authorized(sid) and shops.get(sid)["partner_id"] == partner_id]
        if not cancelled:
            raise ValueError(NOT_AUTHORIZED)
        now = self.emulator.clock.now()
        for shop_id in cancelled:
            shops.record_authorization(shop_id, shops.get(shop_id)["auth_time"], now)
            self._mark(shop_id, cancelled=True)
        self.emulator.publish(CANCELLED, cancelled[0], partner_id=partner_id, shop_id_list=cancelled,
                              main_account_id=main_account_id)
        return cancelled

    def cancelled(self, shop_id: int) -> bool:
        """Whether the shop's last authorization ended by the seller's cancellation (not by expiry)."""
        shop = self.emulator.shops.find(shop_id)
        return bool(shop and shop.get("auth_cancelled")) and not self.emulator.shops.authorized(shop_id)

    def _mark(self, shop_id: int, cancelled: bool) -> None:
        doc = self.emulator.store.edit(self.emulator.shops.COLLECTION, shop_id)
        assert doc is not None
        doc["auth_cancelled"] = cancelled
        if cancelled:
            doc.pop("ready_tokens", None)  # the pair the console hands out belonged to the ended authorization

    def _schedule_notice(self, partner_id: int, shop_ids: list[int], expire_time: int) -> None:
        due = max(expire_time - NOTICE_AHEAD, self.emulator.clock.now())
        payload: NoticeJob = {"partner_id": partner_id, "shop_ids": list(shop_ids), "expire_time": expire_time}
        self.emulator.scheduler.at(due, NOTICE_JOB, payload)

    def _notice_due(self, payload: NoticeJob) -> None:
        # a shop re-authorized or cancelled since has another expire_time (or none): no notice for it
        shops = self.emulator.shops
        expiring = [
            sid for sid in payload["shop_ids"]
            if shops.find(sid) is not None and shops.authorized(sid) and shops.get(sid)["expire_time"] == payload["expire_time"]
        ]
        if expiring:
            self.emulator.publish(EXPIRING, expiring[0], partner_id=payload["partner_id"], shop_id_list=expiring,
                                  expire_time=payload["expire_time"])
