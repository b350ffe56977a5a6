"""Scheduled publishing: an UNLIST item whose ``scheduled_publish_time`` the clock reaches is listed.

Each side (a Mart item or an Outlet copy) holds its own schedule and its own ``item_status``, so
the time lists only the side it was set on. The time stored on the item is the only truth: the
job carries the item and the time it was set for, and does nothing once the item no longer waits
for that time (a new time, a cleared one, a status set by hand, a deleted item). A changed
schedule thus needs no job bookkeeping, as with discount and returns deadlines, and a superseded
job left in a data file or snapshot stays harmless when read back.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from emulator.domains.product import events
from emulator.domains.product.stock import ITEMS

if TYPE_CHECKING:
    from emulator.domains.product.models import ProductModel

# stored in data files with the other jobs: the name never changes
JOB = "product.scheduled_publish"
UNLIST, NORMAL = "UNLIST", "NORMAL"
FIELDS = ["item_status", "scheduled_publish_time"]  # what listing on time changes, as ITEM_UPDATED names it


class PublishJob(TypedDict):
    """The payload of a scheduled publish: the item and the time it was set for."""

    item_id: int
    due: int


class ScheduledPublishing:
    """Lists UNLIST items when their scheduled time comes; see the module docstring."""

    def __init__(self, products: ProductModel) -> None:
        self.products = products
        self.emulator = products.emulator
        self.store = products.store
        self.emulator.scheduler.handle(JOB, self._due)

    def schedule(self, doc: dict[str, Any]) -> None:
        """Queue the listing of ``doc`` at its scheduled time, if it has one."""
        due = int(doc.get("scheduled_publish_time") or 0)
        if due and doc["item_status"] == UNLIST:
            self.emulator.scheduler.at(due, JOB, PublishJob(item_id=int(doc["item_id"]), due=due))

    def _due(self, payload: PublishJob) -> None:
        doc = self.store.get(ITEMS, payload["item_id"])
        if doc is None or doc["item_status"] != UNLIST or int(doc.get("scheduled_publish_time") or 0) != payload["due"]:
            return
        live = self.store.edit(ITEMS, payload["item_id"])
        assert live is not None
        # a time that has come is no schedule any more: clearing it keeps a later UNLIST from showing it
        live.update(item_status=NORMAL, scheduled_publish_time=0)
        self.products.touch(live)
        self.emulator.publish(events.ITEM_UPDATED, live["shop_id"], item_id=live["item_id"], fields=list(FIELDS))
