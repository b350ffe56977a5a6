"""Shipping-document jobs: one asynchronous print job over many packages, producing one PDF.

    create_shipping_document_job ──> PROCESSING ──delay──> READY ──24 h──> EXPIRED
                                                      └──> FAILED (``fail_next`` of the airway-bill settings)

The job shares the airway bills' delay and forced failures and their label (one page per package,
``orders.documents.pdf``). Outlets hold no unpackaged SKUs (those are warehouse stock), so
``unpackaged_sku_requests`` entries fail one by one with the page's reason. Jobs live in
``shipping_document_jobs``, keyed by job id.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from emulator.domains.logistics import errors as oe
from emulator.domains.logistics.documents import DOCUMENT_TYPES
from emulator.errors import ShopeeError, wrong_parameters

if TYPE_CHECKING:
    from emulator.world import Emulator

JOBS = "shipping_document_jobs"
DONE = "logistics.document_job_done"
class DocumentJobDone(TypedDict):
    """The payload of a shipping document job's completion."""

    job_id: str

MAX_LABELS = 600
EXPIRES_AFTER = 24 * 3600
UNPACKAGED = "THERMAL_UNPACKAGED_LABEL"
THERMAL = ("THERMAL_AIR_WAYBILL", "THERMAL_JOB_AIR_WAYBILL", UNPACKAGED)
PRINTABLE = "LOGISTICS_REQUEST_CREATED"

NOT_FOUND = "The information you queried is not found."
DIFFERENT_CHANNELS = "The packages has different shipping channel. Please input packages with the same shipping channel."
SKU_NOT_ELIGIBLE = "Wrong parameters, detail: This Unpackaged SKU ID is not eligible for printing. Reason: Invalid SKU ID."
DOWNLOAD_LATER = "Processing, please download later. Detail: job {job_id} is processing"
PRINT_FAILED = "Some package failed to print, please call create_shipping_document_job again. Detail: job {job_id} failed"
EXPIRED = "The shipping document file is expired, please get a new one and retry."


class JobError(ShopeeError):
    """A refused job call; ``error`` is the page's code for the case."""


class DocumentJobs:
    """The shipping-document jobs of one emulator."""

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        self.store = emulator.store
        emulator.scheduler.handle(DONE, self._done)

    def create(
        self, shop_id: int, document_type: str, packages: list[str] | None, skus: list[dict[str, Any]] | None
    ) -> dict[str, Any]:
        if bool(packages) == bool(skus):
            raise wrong_parameters("give either package_list or unpackaged_sku_requests, not both or neither")
        documents = self.emulator.orders.documents
        if document_type not in (*DOCUMENT_TYPES, UNPACKAGED) or (packages and document_type == UNPACKAGED):
            raise wrong_parameters(f"shipping_document_type {document_type} cannot print these labels")
        failed: list[dict[str, str]] = []
        if skus:
            if sum(max(0, int(s.get("quantity") or 0)) for s in skus) > MAX_LABELS:
                raise wrong_parameters(f"at most {MAX_LABELS} labels per job")
            failed = [{"id": str(s.get("unpackaged_sku_id") or ""), "fail_error": "error_param", "fail_message": SKU_NOT_ELIGIBLE}
                      for s in skus]
            raise _nothing_printed(failed)
        numbers = list(dict.fromkeys(packages or []))
        if len(numbers) > MAX_LABELS:
            raise wrong_parameters(f"package_list should contain at most {MAX_LABELS} packages")
        printable: list[dict[str, Any]] = []
        for number in numbers:
            doc = self.emulator.orders.by_package(shop_id, number)
            if doc is None:
                failed.append({"id": number, "fail_error": "logistics.package_number_not_found",
                               "fail_message": oe.AWB_PACKAGE_NOT_FOUND.format(package_number=number)})
            elif doc["packages"][0]["logistics_status"] != PRINTABLE:
                failed.append({"id": number, "fail_error": "logistics.order_status_error", "fail_message": oe.AWB_STATUS_ERROR})
            else:
                printable.append(doc)
        if len({d["logistics_channel_id"] for d in printable}) > 1:
            raise JobError(DIFFERENT_CHANNELS, error="logistics.different_shipping_channels")
        if not printable:
            raise _nothing_printed(failed)
        now = self.emulator.clock.now()
        job_id = f"SDK{self.emulator.ids.next('document_job') % 10_000:04d}_{self.emulator.hex_token('document_jobs')}"
        kind = "Thermal" if document_type in THERMAL else "Normal"
        self.store.put(JOBS, job_id, {
            "job_id": job_id, "shop_id": shop_id, "type": document_type, "status": "PROCESSING", "created_at": now,
            "ready_at": 0, "order_sns": [d["order_sn"] for d in printable],
            "job_name": f"Package Number ({kind}).{len(printable)}.pdf",
        })
        delay = float(documents.settings()["delay_seconds"])
        self.emulator.scheduler.after(delay, DONE, DocumentJobDone(job_id=job_id))
        if delay <= 0:
            self.emulator.scheduler.run_due()
        return {"job_id": job_id, "success_id_list": [d["packages"][0]["package_number"] for d in printable], "fail_list": failed}

    def _done(self, payload: DocumentJobDone) -> None:
        job = self.store.edit(JOBS, payload["job_id"])
        if job is None or job["status"] != "PROCESSING":
            return
        failed = self.emulator.orders.documents.task_settings.take_failure()
        job["status"] = "FAILED" if failed else "READY"
        job["ready_at"] = self.emulator.clock.now()

    def _job(self, shop_id: int, job_id: str) -> dict[str, Any]:
        job = self.store.get(JOBS, job_id)
        if job is None or job["shop_id"] != shop_id:
            raise JobError(NOT_FOUND, error="error_param")
        return job

    def _status(self, job: dict[str, Any]) -> str:
        if job["status"] == "READY" and self.emulator.clock.now() >= job["ready_at"] + EXPIRES_AFTER:
            return "EXPIRED"
        return str(job["status"])

    def status(self, shop_id: int, job_id: str) -> dict[str, Any]:
        job = self._job(shop_id, job_id)
        return {"job_id": job_id, "job_name": job["job_name"], "job_status": self._status(job)}

    def download(self, shop_id: int, job_id: str) -> tuple[bytes, str]:
        """The job's PDF and its file name."""
        job = self._job(shop_id, job_id)
        status = self._status(job)
        if status == "PROCESSING":
            raise JobError(DOWNLOAD_LATER.format(job_id=job_id), error="logistics.download_later")
        if status == "FAILED":
            raise JobError(PRINT_FAILED.format(job_id=job_id), error="logistics.sd_job_print_failed")
        if status == "EXPIRED":
            raise JobError(EXPIRED, error="logistics.sd_file_expired")
        docs = [self.emulator.orders.get(sn) for sn in job["order_sns"]]
        return self.emulator.orders.documents.pdf(docs), str(job["job_name"])



def _nothing_printed(failed: list[dict[str, str]]) -> JobError:
    """No job when nothing can be printed: the first failure is the call's, all of them are listed."""
    return JobError(failed[0]["fail_message"], error=failed[0]["fail_error"],
                    response={"job_id": "", "success_id_list": [], "fail_list": failed})
