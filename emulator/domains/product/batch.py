"""Batch tasks: a Mart publishes items to its Outlets, or sets Outlet prices and stock, in bulk.

A batch call only checks the request's shape and stores the task (``publish_status`` 1, ongoing);
a scheduler job applies it ``delay_seconds`` of virtual time later, entry by entry, through the
same functions as the single-item APIs, so every rule and error string is theirs. An entry that
breaks a rule fails alone and the others apply. Each entry checks everything before it writes, so
none is ever half applied. The task then holds one record per Outlet model (``success_list``) or
per failed model (``failed_list``) and is finished (2). While ``fail_next`` is above zero, a task
finishes with every entry failed and nothing applied. Tasks and settings live in the store, so
they persist with ``--data`` and reset with the world.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypedDict

from emulator.domains.product import errors as e
from emulator.domains.product import outlet
from emulator.domains.product.errors import ProductError
from emulator.errors import ShopeeError
from emulator.tasks import TaskSettings

if TYPE_CHECKING:
    from emulator.domains.product.models import ProductModel

TASKS = "batch_tasks"
SETTINGS = "product_settings"
JOB = "product.batch_task_done"
EVENT = "product.batch_task_finished"


class BatchJob(TypedDict):
    """The payload of a batch task's completion."""

    task_id: int

PRICE, STOCK, PUBLISH, ADD_ITEM = 1, 2, 3, 4
TASK_TYPES = (PRICE, STOCK, PUBLISH, ADD_ITEM)
TYPE_NAMES = {PRICE: "price", STOCK: "stock", PUBLISH: "publish outlet", ADD_ITEM: "add item"}
ONGOING, FINISHED = 1, 2
DEFAULT_DELAY = 3
ENTRY_LIMIT = 100
# a forced failure stands for the platform failing, as an injected fault does
FORCED_FAILURE = "Something wrong. Please try later."
TASK_TYPE_INVALID = "task_type is invalid"
TASK_NOT_FOUND = "task_id {task_id} is not found."
BUSY = "product.error_busi"

Record = dict[str, Any]
Outcome = tuple[list[Record], list[Record]]


class BatchTasks:
    """The batch tasks of one emulator's Marts."""

    def __init__(self, products: ProductModel) -> None:
        self.products = products
        self.emulator = products.emulator
        self.store = products.store
        self.emulator.scheduler.handle(JOB, self._run)
        default = (self.emulator.world.get("products") or {}).get("batch_task_delay", DEFAULT_DELAY)
        self.task_settings = TaskSettings(self.store, SETTINGS, "batch_tasks", default)
        self._apply: dict[int, Callable[[int, dict[str, Any]], Outcome]] = {
            PRICE: self._price, STOCK: self._stock, PUBLISH: self._publish,
        }

    # -- settings ------------------------------------------------------------------------------------
    def settings(self) -> dict[str, Any]:
        return self.task_settings.current()

    def configure(self, delay_seconds: float | None = None, fail_next: int | None = None) -> dict[str, Any]:
        return self.task_settings.configure(delay_seconds, fail_next)

    # -- tasks ---------------------------------------------------------------------------------------
    def create(self, shop_id: int, task_type: int, entries: list[dict[str, Any]]) -> int:
        """Store a task of ``entries`` for the Mart ``shop_id`` and schedule its run; answers its id."""
        if not self.products.is_mart(shop_id):
            raise ProductError(e.NOT_MART_SHOP.format(shop_id=shop_id), error="error_auth")
        if not 1 <= len(entries) <= ENTRY_LIMIT:
            raise e.wrong(f"item_list length should be between 1 and {ENTRY_LIMIT}")
        task_id = self.emulator.ids.next("batch_task")
        delay = float(self.settings()["delay_seconds"])
        now = self.emulator.clock.now()
        self.store.put(TASKS, task_id, {
            "task_id": task_id, "shop_id": int(shop_id), "task_type": task_type, "entries": entries,
            "publish_status": ONGOING, "create_time": now, "due_time": self.emulator.clock.now_float() + delay, "finish_time": 0,
            "success_list": [], "failed_list": [],
        })
        self.emulator.scheduler.after(delay, JOB, BatchJob(task_id=task_id))
        if delay <= 0:
            self.emulator.scheduler.run_due()
        return task_id

    def result(self, shop_id: int, task_type: int, task_id: int) -> dict[str, Any]:
        """get_batch_task_result's answer: the status and, once finished, the per-model records."""
        if task_type not in TASK_TYPES:
            raise ProductError(TASK_TYPE_INVALID, error=BUSY)
        doc = self.store.get(TASKS, task_id)
        if doc is None or doc["shop_id"] != int(shop_id) or doc["task_type"] != task_type:
            raise ProductError(TASK_NOT_FOUND.format(task_id=task_id), error=BUSY)
        return {"publish_status": doc["publish_status"], "success_list": doc["success_list"], "failed_list": doc["failed_list"]}

    def of_shop(self, shop_id: int) -> list[dict[str, Any]]:
        """The Mart's tasks, newest first (the console's queue)."""
        docs = [d for d in self.store.collection(TASKS).values() if d["shop_id"] == int(shop_id)]
        return sorted(docs, key=lambda d: -int(d["task_id"]))

    def last_due(self) -> float | None:
        """When the last ongoing task runs (None: none is ongoing)."""
        return max((float(d["due_time"]) for d in self.store.collection(TASKS).values() if d["publish_status"] == ONGOING), default=None)

    def _run(self, payload: BatchJob) -> None:
        doc = self.store.edit(TASKS, payload["task_id"])
        if doc is None or doc["publish_status"] != ONGOING:
            return
        success: list[Record] = []
        failed: list[Record] = []
        forced = self.task_settings.take_failure()
        apply = self._apply.get(int(doc["task_type"]))
        for entry in doc["entries"]:
            if forced or apply is None:
                failed += [{**r, "failed_reason": FORCED_FAILURE} for r in _targets(doc["task_type"], entry)]
                continue
            done, refused = apply(doc["shop_id"], entry)
            success += done
            failed += refused
        doc.update(publish_status=FINISHED, success_list=success, failed_list=failed, finish_time=self.emulator.clock.now())
        self.emulator.publish(EVENT, doc["shop_id"], task_id=doc["task_id"],
                              succeeded=len(success), failed=len(failed))

    # -- one entry each, through the single-item rules ------------------------------------------------
    def _publish(self, mart_shop_id: int, entry: dict[str, Any]) -> Outcome:
        outlet_id = int(entry["outlet_shop_id"])
        try:
            doc = outlet.publish(self.products, mart_shop_id, int(entry["mart_item_id"]), outlet_id, entry.get("publish_item") or {})
        except ShopeeError as exc:
            return [], [{**r, "failed_reason": exc.message} for r in _targets(PUBLISH, entry)]
        return [_record(outlet_id, doc["item_id"], m["model_id"]) for m in doc["models"]], []

    def _price(self, mart_shop_id: int, entry: dict[str, Any]) -> Outcome:
        return self._models(mart_shop_id, entry, "price_list", outlet.update_price)

    def _stock(self, mart_shop_id: int, entry: dict[str, Any]) -> Outcome:
        return self._models(mart_shop_id, entry, "stock_list", outlet.update_stock)

    def _models(self, mart_shop_id: int, entry: dict[str, Any], field: str,
                update: Callable[[ProductModel, int, int, list[dict[str, Any]]], dict[str, Any]]) -> Outcome:
        """A price or stock entry: item-level problems fail each of its models; model problems fail that model."""
        outlet_id, item_id = int(entry["outlet_shop_id"]), int(entry["item_id"])
        try:
            outlet.outlet_of(self.products, mart_shop_id, outlet_id)
            answer = update(self.products, outlet_id, item_id, list(entry.get(field) or []))
        except ShopeeError as exc:
            # update_stock refuses a call whose every model failed, listing them in its answer
            if not (isinstance(exc.response, dict) and "failure_list" in exc.response):
                return [], [{**r, "failed_reason": exc.message} for r in _targets(PRICE, entry)]
            answer = exc.response
        done = [_record(outlet_id, item_id, s["model_id"]) for s in answer["success_list"]]
        refused = [{**_record(outlet_id, item_id, f["model_id"]), "failed_reason": f["failed_reason"]} for f in answer["failure_list"]]
        return done, refused


def _record(shop_id: int, item_id: int, model_id: int) -> Record:
    return {"shop_id": int(shop_id), "item_id": int(item_id), "model_id": int(model_id)}


def _targets(task_type: int, entry: dict[str, Any]) -> list[Record]:
    """The records an entry's failure names: its models, or the Mart item for a publish."""
    outlet_id = int(entry.get("outlet_shop_id") or 0)
    if task_type == PUBLISH:
        return [_record(outlet_id, int(entry.get("mart_item_id") or 0), 0)]
    models = entry.get("price_list") or entry.get("stock_list") or [{}]
    return [_record(outlet_id, int(entry.get("item_id") or 0), int(m.get("model_id") or 0)) for m in models]
