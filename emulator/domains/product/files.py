"""Serves the images the media space issued, at the URLs its answers name."""
from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from emulator import render


async def media_file(request: Request) -> Response:
    """The bytes of one issued image; unknown ids are a plain 404."""
    found = request.app.state.emulator.products.media.content(request.path_params["image_id"])
    if found is None:
        return render.response({"error": "not_found", "message": "no such image"}, 404)
    data, content_type = found
    return Response(data, media_type=content_type, headers={"Cache-Control": "public, max-age=86400"})


def routes() -> list[tuple[str, Any]]:
    return [("/media/{image_id}", media_file)]
