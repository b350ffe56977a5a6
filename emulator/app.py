"""``create_app``: the Starlette application around one Emulator."""
from __future__ import annotations

import importlib
from typing import Any, Sequence

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from emulator import console, pipeline, render
from emulator.domains import DOMAINS
from emulator.http import auth_pages, documents, files
from emulator.http.control import core
from emulator.world import Emulator

API_ROUTE = "/api/{rest:path}"


def _control_routes() -> list[Route]:
    """Each domain's control endpoints, ``emulator.http.control.<domain>``, in domain order."""
    found: list[Route] = []
    for name in DOMAINS:
        module = f"emulator.http.control.{name}"
        try:
            hook = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            continue
        found += hook.routes()
    return found


def create_app(emulator: Emulator, control_token: str | None = None, allow_paths: Sequence[str] = ()) -> Starlette:
    """``allow_paths``: directories beyond the working directory whose scenario files the
    control plane may read."""
    # Starlette tries routes in order, so the API catch-all comes right after the routes it would
    # shadow: an API call then skips matching every other route (control plane, media, console).
    served = files.routes()  # files API answers link to (media, income documents)
    routes = [
        *auth_pages.routes(),
        *[Route(path, route) for path, route in served if path.startswith("/api/")],
        Route(API_ROUTE, _AnyMethod()),
        *[Route(path, route) for path, route in served if not path.startswith("/api/")],
        *documents.routes(),
        *core.routes(_control_routes()),
        *console.routes(),
    ]
    app = _App(routes=routes)
    app.state.emulator = emulator
    app.state.control_token = control_token
    app.state.allow_paths = list(allow_paths)
    return app


class _App(Starlette):
    """Starlette, with API calls handed to the pipeline directly.

    Routing and middleware were a quarter of a light call's time in the app. An ``/api/`` path
    that none of the (literal) routes ahead of the API catch-all claims goes straight to the
    pipeline, which answers every exception itself; everything else takes Starlette's way.
    """

    def __init__(self, routes: list[Any]) -> None:
        super().__init__(routes=routes, exception_handlers={404: _not_routed, 405: _not_routed})
        api = next(i for i, route in enumerate(routes) if route.path == API_ROUTE)
        ahead = routes[:api]
        # a route ahead with path parameters would need Starlette's matching: then all go that way
        literal = all("{" not in route.path for route in ahead)
        self._ahead = frozenset(route.path for route in ahead) if literal else None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and self._ahead is not None:
            path = scope["path"]
            if path.startswith("/api/") and path not in self._ahead:
                scope["app"] = self
                await pipeline.serve(self.state.emulator, scope, receive, send)
                return
        await super().__call__(scope, receive, send)


async def _not_routed(request: Request, exc: Exception) -> Response:
    """A path or method no route takes. An API path spelled another way (``/API/v2/...``,
    ``//api/v2/...``) gets the platform's not-found envelope from the pipeline, a control-plane
    path the control plane's JSON; anything else stays Starlette's plain answer."""
    assert isinstance(exc, HTTPException)
    path = request.url.path
    if path.lstrip("/").lower().startswith("api/"):
        return await pipeline.endpoint(request)
    if path.startswith("/_emulator"):
        allowed = (exc.headers or {}).get("Allow")
        if exc.status_code == 405 and allowed:
            payload = {"error": "method_not_allowed", "message": f"{path} takes {allowed}, not {request.method}"}
        else:
            payload = {"error": "not_found", "message": f"no control-plane endpoint at {path}"}
        response = render.response(payload, exc.status_code)
        if allowed:
            response.headers["Allow"] = allowed
        return response
    return PlainTextResponse(exc.detail, status_code=exc.status_code, headers=exc.headers)


class _AnyMethod:
    """An endpoint as a plain ASGI app, so Starlette routes every HTTP method to it: a wrong
    method (TRACE, OPTIONS, ...) then gets the platform's envelope from the pipeline, not text."""

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await pipeline.serve(scope["app"].state.emulator, scope, receive, send)
