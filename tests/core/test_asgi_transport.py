"""The in-process transport: the same answers as a socket, from any thread."""
from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from emulator.asgi import in_process_client


async def echo(request: Request) -> JSONResponse:
    body = await request.body()
    return JSONResponse({"method": request.method, "path": request.url.path, "query": dict(request.query_params), "size": len(body)})


async def broken(request: Request) -> JSONResponse:
    raise RuntimeError("app bug")


APP = Starlette(routes=[Route("/echo/{rest:path}", echo, methods=["GET", "POST", "HEAD"]), Route("/broken", broken)])


def test_request_parts_reach_the_app():
    with in_process_client(APP) as http:
        answer = http.post("/echo/a%20b", params={"x": "1 2", "y": "é"}, content=b"12345")
        assert answer.json() == {"method": "POST", "path": "/echo/a b", "query": {"x": "1 2", "y": "é"}, "size": 5}
        head = http.head("/echo/x")
        assert head.status_code == 200 and head.content == b""


def test_calls_from_many_threads_at_once():
    with in_process_client(APP) as http:
        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(lambda i: http.get(f"/echo/{i}").json()["path"], range(200)))
    assert answers == [f"/echo/{i}" for i in range(200)]


def test_app_exceptions_reach_the_caller():
    with in_process_client(APP) as http:
        with pytest.raises(RuntimeError, match="app bug"):
            http.get("/broken")
        assert http.get("/echo/after").status_code == 200


def test_a_closed_transport_refuses_calls():
    http = in_process_client(APP)
    http.close()
    http.close()
    with pytest.raises(RuntimeError):
        http.get("/echo/x")


async def where(request: Request) -> JSONResponse:
    return JSONResponse({"thread": threading.get_ident()})


PLACES = Starlette(routes=[Route("/where", where)])


def test_the_app_runs_on_the_calling_thread():
    with in_process_client(PLACES) as http:
        assert http.get("/where").json()["thread"] == threading.get_ident()
        with ThreadPoolExecutor(2) as pool:
            threads = set(pool.map(lambda _: (http.get("/where").json()["thread"], threading.get_ident()), range(20)))
        assert all(app == caller for app, caller in threads)


def test_a_call_from_inside_a_running_event_loop_is_answered():
    async def inside() -> int:
        return http.get("/where").status_code

    with in_process_client(PLACES) as http:
        assert asyncio.run(inside()) == 200
        assert http.get("/where").status_code == 200
