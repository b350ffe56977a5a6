"""The floor: a trivial Starlette endpoint returning constant JSON, served exactly as the emulator
is (``emulator.server.uvicorn_config``), so the ratio to it isolates the emulator's own cost.

Run as ``python -m bench.floor --port N``.
"""
from __future__ import annotations

import argparse

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from emulator.server import uvicorn_config

CONSTANT = {"request_id": "0" * 32, "error": "", "message": "", "response": {"ok": True}}


async def constant(request: Request) -> Response:
    return JSONResponse(CONSTANT)


app = Starlette(routes=[Route("/{rest:path}", constant, methods=["GET", "POST"])])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    uvicorn.Server(uvicorn_config(app, args.host, args.port)).run()


if __name__ == "__main__":
    main()
