"""Files served at the links API answers give: issued images, income documents.

The domains decide what a link names (``emulator.results.FileAnswer``, or ``NotFound``); this
module only turns that into the response.
"""
from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from emulator import render
from emulator.domains.payment.reports import FILE_PATH
from emulator.http.responses import file_response
from emulator.http.state import emulator_of
from emulator.results import FileAnswer, NotFound


def _render(answer: FileAnswer | NotFound) -> Response:
    if isinstance(answer, NotFound):
        return render.response({"error": "not_found", "message": answer.message}, 404)
    return file_response(answer)


async def media_file(request: Request) -> Response:
    """The bytes of one issued image; unknown ids are a plain 404."""
    return _render(emulator_of(request).products.media.file(request.path_params["image_id"]))


async def income_document_file(request: Request) -> Response:
    """The PDF of one downloadable document; the first download marks it DOWNLOADED."""
    emulator = emulator_of(request)
    with emulator.transaction():
        answer = emulator.payments.documents.download(request.query_params.get("path", ""))
    return _render(answer)


def routes() -> list[tuple[str, Any]]:
    return [("/media/{image_id}", media_file), (FILE_PATH, income_document_file)]
