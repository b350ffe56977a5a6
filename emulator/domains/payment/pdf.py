"""The income document as a PDF: one section per Outlet (its orders, then its totals), then the total."""
from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any

from emulator.domains.payment.views import released_income

if TYPE_CHECKING:
    from emulator.domains.payment.reports import IncomeDocuments

COLUMNS = (
    ("Order SN", "order_sn", 0), ("Released", "release", 80), ("Buyer paid", "buyer_total_amount", 150),
    ("Commission", "commission_fee", 215), ("Service", "service_fee", 275), ("Transaction", "seller_transaction_fee", 330),
    ("Processing", "seller_order_processing_fee", 390), ("Escrow", "escrow_amount", 450),
)


class _Writer:
    """Lines top to bottom over as many A4 pages as they need."""

    def __init__(self) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas

        self.buffer = io.BytesIO()
        # invariant: no creation date or random id in the file, so the same document gives the same bytes
        self.pdf = canvas.Canvas(self.buffer, pagesize=A4, invariant=1)
        self.height = A4[1]
        self.y = self.height - 50

    def line(self, text: str, size: int = 8, bold: bool = False, gap: int = 12) -> None:
        self._room(gap)
        self.pdf.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        self.pdf.drawString(40, self.y, _latin(text))
        self.y -= gap

    def row(self, values: dict[str, str], bold: bool = False) -> None:
        self._room(11)
        self.pdf.setFont("Helvetica-Bold" if bold else "Helvetica", 7)
        for _, key, x in COLUMNS:
            self.pdf.drawString(40 + x, self.y, _latin(str(values.get(key, ""))))
        self.y -= 11

    def _room(self, gap: int) -> None:
        if self.y - gap < 40:
            self.pdf.showPage()
            self.y = self.height - 50

    def bytes(self) -> bytes:
        self.pdf.showPage()
        self.pdf.save()
        return self.buffer.getvalue()


def render(documents: "IncomeDocuments", doc: dict[str, Any]) -> bytes:
    summary = doc["summary"]
    zone = documents.zone()

    def day(timestamp: int) -> str:
        return dt.datetime.fromtimestamp(timestamp, zone).strftime("%Y-%m-%d")

    title = "Income Statement" if doc["kind"] == "statement" else "Income Report"
    out = _Writer()
    out.line(f"{title} - shop {doc['shop_id']}", size=14, bold=True, gap=20)
    out.line(f"Release time {day(doc['release_time_from'])} to {day(doc['release_time_to'])} ({zone.key}); "
             f"currency {summary['currency']}; document {doc['id']}", gap=18)
    for outlet in summary["outlets"]:
        out.line(f"Outlet {outlet['shop_id']} {outlet['shop_name']}: {outlet['orders']} orders", size=10, bold=True, gap=14)
        out.row({key: label for label, key, _ in COLUMNS}, bold=True)
        # what was released after the document was generated is not in its totals, so not in its rows
        until = min(doc["release_time_to"], doc["generated_time"])
        for escrow in documents.payments.released_between(outlet["shop_id"], doc["release_time_from"], until):
            out.row({"order_sn": escrow["order_sn"], "release": day(escrow["release_time"]), **released_income(escrow)})
        out.row({"order_sn": "Outlet total", **outlet}, bold=True)
        adjustments = documents.payments.wallet.adjustments_between(outlet["shop_id"], doc["release_time_from"], until)
        if adjustments:
            out.line("Order adjustments", bold=True)
            for adjustment in adjustments:
                out.row({"order_sn": adjustment["order_sn"], "release": day(adjustment["create_time"]),
                         "buyer_total_amount": adjustment["reason"], "escrow_amount": adjustment["amount"]})
            out.row({"order_sn": "Adjustments total", "escrow_amount": outlet["adjustment_amount"]}, bold=True)
        out.row({"order_sn": "Outlet after adjustments", "escrow_amount": outlet["escrow_amount_after_adjustment"]}, bold=True)
        out.line("", gap=8)
    out.row({"order_sn": "Total", **summary}, bold=True)
    out.line(f"Escrow total: {summary['escrow_amount']} {summary['currency']}", size=10, bold=True)
    out.line(f"Order adjustments: {summary['adjustment_amount']} {summary['currency']}", size=10, bold=True)
    out.line(f"Escrow after adjustments: {summary['escrow_amount_after_adjustment']} {summary['currency']}", size=10, bold=True)
    return out.bytes()


def _latin(text: str) -> str:
    # The built-in Type 1 fonts cover Latin-1 only; Thai shop names print as '?' rather than failing.
    return text.encode("latin-1", "replace").decode("latin-1")
