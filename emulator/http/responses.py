"""Result types of ``emulator.results`` as HTTP responses."""
from __future__ import annotations

from starlette.responses import Response

from emulator.results import FileAnswer


def file_response(answer: FileAnswer) -> Response:
    headers = dict(answer.headers)
    if answer.filename is not None:
        headers["Content-Disposition"] = f'attachment; filename="{answer.filename}"'
    return Response(answer.content, media_type=answer.media_type, headers=headers)
