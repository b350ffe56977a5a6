"""Airway bills: an asynchronous print task per package, and the PDF label it produces.

create_shipping_document starts a task (PROCESSING); a scheduler job finishes it after
``delay_seconds`` of virtual time (READY, or FAILED while ``fail_next`` is above zero). Printing is
allowed only while the package is arranged and not yet picked up (LOGISTICS_REQUEST_CREATED).
Settings live in the store (``order_settings``/``documents``) so they persist and reset with the world.
"""
from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any, TypedDict

from emulator.domains.logistics import errors as e
from emulator.domains.logistics import events
from emulator.errors import wrong_parameters
from emulator.tasks import TaskSettings

if TYPE_CHECKING:
    from emulator.domains.order.models import OrderModel

SETTINGS = "order_settings"
DOCUMENT_TYPES = ("NORMAL_AIR_WAYBILL", "THERMAL_AIR_WAYBILL", "NORMAL_JOB_AIR_WAYBILL", "THERMAL_JOB_AIR_WAYBILL")
SUGGESTED = "THERMAL_AIR_WAYBILL"
SELECTABLE = ["NORMAL_AIR_WAYBILL", "THERMAL_AIR_WAYBILL"]
PRINTABLE = "LOGISTICS_REQUEST_CREATED"
DEFAULT_DELAY = 3
# the clock job that finishes an airway-bill task; named when shipping documents were the order
# domain's, and kept, since jobs on file carry it
DONE = "order.document_done"
class DocumentDone(TypedDict):
    """The payload of an airway-bill task's completion: the task it finishes."""

    order_sn: str
    created_at: int



class Documents:
    """Airway-bill tasks of one emulator's orders."""

    def __init__(self, orders: "OrderModel") -> None:
        self.orders = orders
        self.emulator = orders.emulator
        self.store = orders.store
        self.emulator.scheduler.handle(DONE, self._task_done)
        default = (self.emulator.world.get("orders") or {}).get("shipping_document_delay", DEFAULT_DELAY)
        self.task_settings = TaskSettings(self.store, SETTINGS, "documents", default)

    # -- settings ----------------------------------------------------------------------------------
    def settings(self) -> dict[str, Any]:
        return self.task_settings.current()

    def configure(self, delay_seconds: float | None = None, fail_next: int | None = None) -> dict[str, Any]:
        return self.task_settings.configure(delay_seconds, fail_next)

    # -- one package at a time; each raises LogisticsError with the per-order fail_error --------------
    def locate(self, shop_id: int | None, order_sn: str, package_number: str | None) -> dict[str, Any]:
        doc = self.orders.find(order_sn)
        if doc is None or doc["shop_id"] != shop_id:
            raise e.LogisticsError(e.AWB_ORDER_NOT_EXIST.format(order_sn=order_sn), error="logistics.order_not_exist")
        if package_number and package_number != doc["packages"][0]["package_number"]:
            raise e.LogisticsError(
                e.AWB_PACKAGE_NOT_FOUND.format(package_number=package_number), error="logistics.package_number_not_found"
            )
        return doc

    def parameter(self, doc: dict[str, Any]) -> dict[str, Any]:
        return {
            "order_sn": doc["order_sn"],
            "package_number": doc["packages"][0]["package_number"],
            "suggest_shipping_document_type": SUGGESTED,
            "selectable_shipping_document_type": list(SELECTABLE),
        }

    def create(self, doc: dict[str, Any], document_type: str | None, tracking_number: str | None) -> None:
        package = doc["packages"][0]
        if package["logistics_status"] != PRINTABLE or doc["order_status"] not in ("PROCESSED", "IN_CANCEL"):
            raise e.LogisticsError(e.AWB_STATUS_ERROR, error="logistics.order_status_error")
        if document_type and document_type not in DOCUMENT_TYPES:
            raise e.LogisticsError(e.AWB_TYPE_INVALID, error="logistics.shipping_document_type_invalid")
        if not tracking_number:
            # only channels that print before shipment is arranged may leave it out; Instant ones do not
            raise wrong_parameters("tracking_number is required")
        if tracking_number != package["tracking_number"]:
            raise e.LogisticsError(e.AWB_TRACKING_INVALID, error="logistics.tracking_number_invalid")
        now = self.orders.now()
        live = self.orders.editable(doc["order_sn"])["packages"][0]
        live["document"] = {"status": "PROCESSING", "type": document_type or SUGGESTED, "created_at": now}
        delay = float(self.settings()["delay_seconds"])
        self.emulator.scheduler.after(delay, DONE, DocumentDone(order_sn=doc["order_sn"], created_at=now))
        if delay <= 0:
            self.emulator.scheduler.run_due()

    def _task_done(self, payload: DocumentDone) -> None:
        doc = self.orders.find(payload["order_sn"])
        document = doc["packages"][0]["document"] if doc else None
        if doc is None or document is None or document["status"] != "PROCESSING" or document["created_at"] != payload["created_at"]:
            return
        failed = self.task_settings.take_failure()
        live = self.orders.editable(payload["order_sn"])["packages"][0]
        live["document"]["status"] = "FAILED" if failed else "READY"
        self.emulator.publish(
            events.SHIPPING_DOCUMENT_STATUS,
            doc["shop_id"],
            order_sn=doc["order_sn"],
            package_number=live["package_number"],
            status=live["document"]["status"],
        )

    def result(self, doc: dict[str, Any]) -> dict[str, Any]:
        document = doc["packages"][0]["document"]
        if document is None:
            raise e.LogisticsError(
                e.AWB_PRINT_FIRST.format(orders=doc["order_sn"]), error="logistics.shipping_document_should_print_first"
            )
        entry = {"order_sn": doc["order_sn"], "package_number": doc["packages"][0]["package_number"], "status": document["status"]}
        if document["status"] == "FAILED":
            entry["fail_error"] = "logistics.package_print_failed"
            entry["fail_message"] = e.AWB_PRINT_FAILED.format(orders=doc["order_sn"])
        return entry

    def check_download(self, doc: dict[str, Any]) -> None:
        package = doc["packages"][0]
        document = package["document"]
        if package["logistics_status"] != PRINTABLE:
            raise e.LogisticsError(e.AWB_CANNOT_PRINT, error="logistics.package_can_not_print")
        if document is None:
            raise e.LogisticsError(
                e.AWB_PRINT_FIRST.format(orders=doc["order_sn"]), error="logistics.shipping_document_should_print_first"
            )
        if document["status"] == "PROCESSING":
            raise e.LogisticsError(e.AWB_DOWNLOAD_LATER.format(orders=doc["order_sn"]), error="logistics.download_later")
        if document["status"] == "FAILED":
            raise e.LogisticsError(e.AWB_PRINT_FAILED.format(orders=doc["order_sn"]), error="logistics.package_print_failed")

    # -- the label ---------------------------------------------------------------------------------
    def pdf(self, docs: list[dict[str, Any]]) -> bytes:
        """One A6 page per package: order_sn, tracking number as a Code 128 barcode, both addresses."""
        from reportlab.graphics.barcode import code128
        from reportlab.lib.pagesizes import A6
        from reportlab.lib.units import mm
        from reportlab.pdfgen import canvas

        buffer = io.BytesIO()
        # invariant: no creation date or random id in the file, so a label is the same every time
        pdf = canvas.Canvas(buffer, pagesize=A6, invariant=1)
        width, height = A6
        for doc in docs:
            package = doc["packages"][0]
            sender = self.emulator.logistics.pickup_address(doc["shop_id"])
            shop = self.emulator.shops.get(doc["shop_id"])
            y = height - 12 * mm
            pdf.setFont("Helvetica-Bold", 11)
            pdf.drawString(8 * mm, y, doc["shipping_carrier"][:40])
            pdf.setFont("Helvetica", 8)
            y -= 6 * mm
            pdf.drawString(8 * mm, y, f"Order SN: {doc['order_sn']}")
            y -= 4 * mm
            pdf.drawString(8 * mm, y, f"Package: {package['package_number']}")
            y -= 18 * mm
            barcode = code128.Code128(package["tracking_number"], barHeight=14 * mm, barWidth=0.3 * mm)
            barcode.drawOn(pdf, 6 * mm, y)
            y -= 4 * mm
            pdf.drawString(8 * mm, y, f"Tracking No: {package['tracking_number']}")
            y = self._block(pdf, y - 7 * mm, "Sender", [shop["shop_name"], sender.get("phone", ""), sender.get("address", ""),
                                                      f"{sender.get('city', '')}, {sender.get('state', '')} {sender.get('zipcode', '')}"])
            recipient = doc["recipient_address"]
            y = self._block(pdf, y - 3 * mm, "Recipient", [recipient["name"], recipient["phone"], recipient["full_address"][:60],
                                                           recipient["full_address"][60:120]])
            pdf.drawString(8 * mm, y - 3 * mm, f"{'COD ' + doc['currency'] + ' ' + doc['total_amount'] if doc['cod'] else 'NON-COD'}"
                                               f" · items: {sum(l['quantity'] for l in doc['items'])}")
            pdf.showPage()
        pdf.save()
        return buffer.getvalue()

    @staticmethod
    def _block(pdf: Any, y: float, title: str, lines: list[str]) -> float:
        from reportlab.lib.units import mm

        pdf.setFont("Helvetica-Bold", 8)
        pdf.drawString(8 * mm, y, title)
        pdf.setFont("Helvetica", 7)
        for line in lines:
            if line:
                y -= 3.5 * mm
                pdf.drawString(8 * mm, y, _latin(line))
        return y


def _latin(text: str) -> str:
    # The built-in Type 1 fonts cover Latin-1 only; Thai names print as '?' rather than failing.
    return text.encode("latin-1", "replace").decode("latin-1")
