"""The documents tools import: ``/openapi.json`` (the Shopee API), ``/_emulator/openapi.json``
(the control plane) and ``/_emulator/postman.json`` (a signed Postman collection)."""
from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from emulator import control_openapi, openapi, postman, render
from emulator.control import control
from emulator.pipeline import base_url


async def api_document(request: Request) -> Response:
    """The Shopee API as an OpenAPI 3.1 document."""
    return render.response(openapi.document(request.app.state.emulator.registry, base_url(request.scope)))


async def control_document(request: Request) -> Response:
    """This document: the control plane as OpenAPI 3.1."""
    return render.response(control_openapi.build(request.app.routes, base_url(request.scope)))


@control
async def postman_collection(request: Request) -> Any:
    """A Postman collection of every API, its variables set to this emulator's partner and first Outlet."""
    emulator = request.app.state.emulator
    partner = emulator.auth.default_partner()
    outlet = emulator.shops.outlets_of(emulator.shops.marts()[0]["shop_id"])[0]["shop_id"]
    with emulator.transaction():
        token = emulator.auth.ready_tokens(outlet)["access_token"]
    values = {"base_url": base_url(request.scope), "partner_id": partner["partner_id"], "partner_key": partner["partner_key"],
              "shop_id": outlet, "access_token": token}
    response = render.response(postman.build(emulator.registry, values))
    response.headers["Content-Disposition"] = 'attachment; filename="instant-mart-emulator.postman_collection.json"'
    return response


def routes() -> list[Route]:
    return [
        Route("/openapi.json", api_document, methods=["GET"]),
        Route("/_emulator/openapi.json", control_document, methods=["GET"]),
        Route("/_emulator/postman.json", postman_collection, methods=["GET"]),
    ]
