"""The documents tools import: ``/openapi.json`` (the Shopee API), ``/_emulator/openapi.json``
(the control plane) and ``/_emulator/postman.json`` (a signed Postman collection)."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from emulator import control_openapi, openapi, postman, render
from emulator.http.control.plane import ControlCall, control
from emulator.http.state import emulator_of
from emulator.pipeline import base_url
from emulator.results import FileAnswer


async def api_document(request: Request) -> Response:
    """The Shopee API as an OpenAPI 3.1 document."""
    return render.response(openapi.document(emulator_of(request).registry, base_url(request.scope)))


async def control_document(request: Request) -> Response:
    """This document: the control plane as OpenAPI 3.1."""
    return render.response(control_openapi.build(request.app.routes, base_url(request.scope)))


@control
async def postman_collection(call: ControlCall) -> FileAnswer:
    """A Postman collection of every API, its variables set to this emulator's partner and first Outlet."""
    emulator = call.emulator
    partner = emulator.auth.default_partner()
    outlet = emulator.shops.outlets_of(emulator.shops.marts()[0]["shop_id"])[0]["shop_id"]
    with emulator.transaction():
        token = emulator.auth.ready_tokens(outlet)["access_token"]
    values = {"base_url": call.base_url.rstrip("/"), "partner_id": partner["partner_id"], "partner_key": partner["partner_key"],
              "shop_id": outlet, "access_token": token}
    collection = render.dumps(postman.build(emulator.registry, values))
    return FileAnswer(collection, "application/json", filename="instant-mart-emulator.postman_collection.json")


def routes() -> list[Route]:
    return [
        Route("/openapi.json", api_document, methods=["GET"]),
        Route("/_emulator/openapi.json", control_document, methods=["GET"]),
        Route("/_emulator/postman.json", postman_collection, methods=["GET"]),
    ]
