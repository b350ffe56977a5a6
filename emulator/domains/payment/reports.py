"""Income statements and income reports: generated asynchronously on the clock, then downloadable.

generate_* stores a document in PROCESSING (status 1) and schedules ``payment.income_document_done``
``delay_seconds`` later (virtual time). The job totals the escrows released in the window, per
Outlet, and the document becomes DOWNLOADABLE (2), or FAILED (4) while ``fail_next`` > 0. The first
download marks it DOWNLOADED (3). A Mart's document covers all of its Outlets and its totals are
the sums of theirs; an Outlet's covers itself. Settings live in the store (``payment_settings``).
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from emulator.domains.payment import errors as e
from emulator.domains.payment import jobs
from emulator.domains.payment.views import released_income
from emulator.domains.product.amounts import money
from emulator.results import FileAnswer, NotFound
from emulator.tasks import TaskSettings

if TYPE_CHECKING:
    from emulator.domains.payment.models import PaymentModel

DOCUMENTS = "income_documents"
SETTINGS = "payment_settings"
PROCESSING, DOWNLOADABLE, DOWNLOADED, FAILED = 1, 2, 3, 4
WEEKLY, MONTHLY = 1, 2
DEFAULT_DELAY = 60
DAY = 86400
# the last moment a date conversion can show, less a day for the time zone
MAX_TIME = 253_402_300_799 - DAY
FILE_PATH = "/api/v4/accounting/pc/seller_income/income_report/get_income_document_file"
# the amounts a document totals, per Outlet and overall
TOTALS = (
    "buyer_total_amount", "original_price", "seller_discount", "original_cost_of_goods_sold", "buyer_paid_shipping_fee", "actual_shipping_fee",
    "commission_fee", "service_fee", "seller_transaction_fee", "seller_order_processing_fee", "escrow_amount",
)
# what order adjustments (refunds of returns after release...) add to the released escrows
ADJUSTED = ("adjustment_amount", "escrow_amount_after_adjustment")


class IncomeDocuments:
    """Income statements (weekly/monthly) and income reports (any window) of one emulator."""

    def __init__(self, payments: "PaymentModel") -> None:
        self.payments = payments
        self.emulator = payments.emulator
        self.store = payments.store
        self.emulator.scheduler.handle(jobs.INCOME_DOCUMENT_DONE, self._done)
        default = (self.emulator.world.get("payment") or {}).get("report_delay", DEFAULT_DELAY)
        self.task_settings = TaskSettings(self.store, SETTINGS, "reports", default)

    # -- settings ------------------------------------------------------------------------------------
    def settings(self) -> dict[str, Any]:
        return self.task_settings.current()

    def configure(self, delay_seconds: float | None = None, fail_next: int | None = None) -> dict[str, Any]:
        return self.task_settings.configure(delay_seconds, fail_next)

    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.emulator.world.get("timezone", "UTC"))

    def _day(self, timestamp: int) -> dt.date:
        return dt.datetime.fromtimestamp(timestamp, self.zone()).date()

    def _start_of(self, day: dt.date) -> int:
        return int(dt.datetime.combine(day, dt.time(), self.zone()).timestamp())

    def require_mart(self, shop_id: int) -> None:
        """Income documents are the Mart's: it stands for all of its Outlets."""
        if self.emulator.shops.get(shop_id)["kind"] != "mart":
            raise e.param(e.NOT_MART_SHOP)

    def generate_statement(self, shop_id: int, time_from: int, time_to: int, statement_type: int) -> int:
        """A weekly (Monday to Sunday) or monthly (1st to last day) statement, in the world's local time."""
        self.require_mart(shop_id)
        if statement_type == 0:
            raise e.param(e.STATEMENT_TYPE_LOCAL)
        if statement_type not in (WEEKLY, MONTHLY):
            raise e.param(e.STATEMENT_TYPE)
        if not 0 < time_from <= time_to < MAX_TIME:
            raise e.param(e.STATEMENT_RANGE)
        first, last = self._day(time_from), self._day(time_to)
        if statement_type == WEEKLY:
            valid = first.weekday() == 0 and last == first + dt.timedelta(days=6)
        else:
            following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            valid = first.day == 1 and last == following - dt.timedelta(days=1)
        if not valid:
            raise e.param(e.STATEMENT_RANGE)
        name = f"{'weekly' if statement_type == WEEKLY else 'monthly'}_report_{first:%Y%m%d}.pdf"
        return self._create(shop_id, "statement", self._start_of(first), self._start_of(last) + DAY - 1, name, statement_type)

    def generate_report(self, shop_id: int, time_from: int | None, time_to: int | None) -> int:
        """An income report over any release-time window."""
        self.require_mart(shop_id)
        if not time_from or not time_to or time_from < 0 or time_to >= MAX_TIME or time_from > time_to:
            raise e.param(e.REPORT_RANGE)
        name = f"income_report_{self._day(time_from):%Y%m%d}_{self._day(time_to):%Y%m%d}.pdf"
        return self._create(shop_id, "report", int(time_from), int(time_to), name, 0)

    def _create(self, shop_id: int, kind: str, time_from: int, time_to: int, file_name: str, statement_type: int) -> int:
        doc_id = self.emulator.ids.next("income_document")
        now = self.emulator.clock.now()
        self.store.put(DOCUMENTS, doc_id, {
            "id": doc_id, "kind": kind, "shop_id": int(shop_id), "statement_type": statement_type,
            "release_time_from": time_from, "release_time_to": time_to, "file_name": file_name,
            "status": PROCESSING, "created_time": now, "generated_time": 0,
            "token": self.emulator.hex_token("payment:documents"), "summary": None,
        })
        delay = float(self.settings()["delay_seconds"])
        payload: jobs.IncomeDocumentJob = {"id": doc_id}
        self.emulator.scheduler.after(delay, jobs.INCOME_DOCUMENT_DONE, payload)
        if delay <= 0:
            self.emulator.scheduler.run_due()
        return doc_id

    def _done(self, payload: jobs.IncomeDocumentJob) -> None:
        doc = self.store.edit(DOCUMENTS, payload["id"])
        if doc is None or doc["status"] != PROCESSING:
            return
        if self.task_settings.take_failure():
            doc["status"] = FAILED
            return
        doc["summary"] = self.summarise(doc["shop_id"], doc["release_time_from"], doc["release_time_to"])
        doc["status"] = DOWNLOADABLE
        doc["generated_time"] = self.emulator.clock.now()

    # -- content ---------------------------------------------------------------------------------------
    def summarise(self, shop_id: int, time_from: int, time_to: int) -> dict[str, Any]:
        """Totals per covered Outlet and overall; the overall totals are the Outlets' sums.

        A document covers the escrows released in its window (as released) and the order
        adjustments booked in it, such as refunds of returns accepted after release, so its
        ``escrow_amount_after_adjustment`` is what the window moved into the Outlets' wallets.
        """
        outlets = []
        for outlet_id in self.payments.covered_shops(shop_id):
            escrows = self.payments.released_between(outlet_id, time_from, time_to)
            adjustments = self.payments.wallet.adjustments_between(outlet_id, time_from, time_to)
            shop = self.emulator.shops.get(outlet_id)
            outlets.append({"shop_id": outlet_id, "shop_name": shop["shop_name"], "orders": len(escrows),
                            **_totals(released_income(e) for e in escrows), **_adjusted(adjustments, escrows)})
        shop = self.emulator.shops.get(shop_id)
        return {
            "shop_id": int(shop_id), "currency": shop["currency"], "orders": sum(o["orders"] for o in outlets),
            **_totals(outlets), **_sums(outlets, ADJUSTED), "outlets": outlets,
        }

    def find(self, shop_id: int, kind: str, doc_id: int) -> dict[str, Any]:
        self.require_mart(shop_id)
        if doc_id <= 0:
            raise e.param(e.DOCUMENT_ID)
        doc = self.store.get(DOCUMENTS, doc_id)
        if doc is None or doc["kind"] != kind or doc["shop_id"] != int(shop_id):
            raise e.param(e.NOT_FOUND)
        return doc

    def link(self, doc: dict[str, Any], base_url: str) -> str:
        if doc["status"] not in (DOWNLOADABLE, DOWNLOADED):
            return ""
        return f"{base_url}{FILE_PATH}?path={doc['id']}/{doc['token']}/{doc['file_name']}"

    def by_path(self, path: str) -> dict[str, Any] | None:
        """The downloadable document a file link names, or None."""
        parts = path.split("/")
        if len(parts) != 3 or not parts[0].isascii() or not parts[0].isdigit() or len(parts[0]) > 18:
            return None
        doc = self.store.get(DOCUMENTS, int(parts[0]))
        if doc is None or [doc["token"], doc["file_name"]] != parts[1:] or doc["status"] not in (DOWNLOADABLE, DOWNLOADED):
            return None
        return doc

    def download(self, path: str) -> FileAnswer | NotFound:
        """The PDF of the document a file link names; the first download marks it DOWNLOADED."""
        doc = self.by_path(path)
        if doc is None:
            return NotFound("no such income document")
        data = self.pdf(doc)
        self.mark_downloaded(doc["id"])
        return FileAnswer(data, "application/pdf", filename=doc["file_name"])

    def mark_downloaded(self, doc_id: int) -> None:
        doc = self.store.edit(DOCUMENTS, doc_id)
        if doc is not None and doc["status"] == DOWNLOADABLE:
            doc["status"] = DOWNLOADED

    def pdf(self, doc: dict[str, Any]) -> bytes:
        from emulator.domains.payment.pdf import render

        return render(self, doc)


def _sums(rows: Any, names: tuple[str, ...]) -> dict[str, str]:
    sums = {name: Decimal(0) for name in names}
    for row in rows:
        for name in names:
            sums[name] += Decimal(row[name])
    return {name: money(value) for name, value in sums.items()}


def _totals(rows: Any) -> dict[str, str]:
    return _sums(rows, TOTALS)


def _adjusted(adjustments: list[dict[str, Any]], escrows: list[dict[str, Any]]) -> dict[str, int | str]:
    adjusted = sum((Decimal(a["amount"]) for a in adjustments), Decimal(0))
    released = sum((Decimal(released_income(e)["escrow_amount"]) for e in escrows), Decimal(0))
    return {"adjustments": len(adjustments), "adjustment_amount": money(adjusted),
            "escrow_amount_after_adjustment": money(released + adjusted)}
