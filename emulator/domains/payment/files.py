"""Serves income documents at the file links get_income_statement / get_income_report give."""
from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from emulator import render

from emulator.domains.payment.reports import FILE_PATH


async def income_document_file(request: Request) -> Response:
    """The PDF of one downloadable document; the first download marks it DOWNLOADED."""
    emulator = request.app.state.emulator
    documents = emulator.payments.documents
    doc = documents.by_path(request.query_params.get("path", ""))
    if doc is None:
        return render.response({"error": "not_found", "message": "no such income document"}, 404)
    data = documents.pdf(doc)
    with emulator.transaction():
        documents.mark_downloaded(doc["id"])
    return Response(data, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{doc["file_name"]}"'})


def routes() -> list[tuple[str, Any]]:
    return [(FILE_PATH, income_document_file)]
