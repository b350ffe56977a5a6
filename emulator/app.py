"""``create_app``: the Starlette application around one Emulator."""
from __future__ import annotations

import importlib
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from emulator import control, openapi, pipeline
from emulator.domains import DOMAINS
from emulator.domains.auth import pages
from emulator.world import Emulator


def _domain_routes() -> list[Route]:
    found: list[Route] = []
    for name in DOMAINS:
        try:
            module = importlib.import_module(f"emulator.domains.{name}.control")
        except ModuleNotFoundError:
            continue
        found += module.routes()
    return found


def create_app(emulator: Emulator, control_token: str | None = None) -> Starlette:
    async def openapi_document(request: Request) -> Response:
        return JSONResponse(openapi.build(request.app.state.emulator.registry))

    # Starlette tries routes in order, so the API catch-all comes right after the routes it would
    # shadow: an API call then skips matching the two dozen control-plane routes.
    routes = [
        Route(pages.AUTH_PATH, pages.auth_partner, methods=["GET"]),
        Route(pages.CONFIRM_PATH, pages.confirm, methods=["POST"]),
        *[Route(path, route) for path, route in _extra_routes()],
        Route("/api/{rest:path}", _AnyMethod(pipeline.endpoint)),
        Route("/openapi.json", openapi_document, methods=["GET"]),
        *control.routes(_domain_routes()),
    ]
    app = Starlette(routes=routes)
    app.state.emulator = emulator
    app.state.control_token = control_token
    return app


class _AnyMethod:
    """An endpoint as a plain ASGI app, so Starlette routes every HTTP method to it: a wrong
    method (TRACE, OPTIONS, ...) then gets the platform's envelope from the pipeline, not text."""

    def __init__(self, endpoint: Any) -> None:
        self.endpoint = endpoint

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        response = await self.endpoint(Request(scope, receive, send))
        await response(scope, receive, send)


def _extra_routes() -> list[tuple[str, Any]]:
    """Routes a domain serves outside the API and control prefixes (media files, labels)."""
    found: list[tuple[str, Any]] = []
    for name in DOMAINS:
        try:
            module = importlib.import_module(f"emulator.domains.{name}.files")
        except ModuleNotFoundError:
            continue
        found += module.routes()
    return found
