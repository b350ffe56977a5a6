"""A synchronous httpx transport that calls an ASGI app in-process, with no port.

httpx ships only an async ASGI transport; tests and helpers want plain ``client.get(...)``. One
blocking portal (an event loop in a helper thread) serves every call, and is safe to use from
several threads at once.
"""
from __future__ import annotations

from contextlib import ExitStack
from typing import Any

import anyio.from_thread
import httpx


class SyncASGITransport(httpx.BaseTransport):
    """Runs each request through ``httpx.ASGITransport`` on a shared event loop."""

    def __init__(self, app: Any) -> None:
        self._async = httpx.ASGITransport(app=app)
        self._stack = ExitStack()
        self._portal = self._stack.enter_context(anyio.from_thread.start_blocking_portal())

    async def _send(self, request: httpx.Request) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        response = await self._async.handle_async_request(request)
        body = await response.aread()
        return response.status_code, response.headers.raw, body

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        status, headers, body = self._portal.call(self._send, request)
        return httpx.Response(status, headers=headers, content=body, request=request)

    def close(self) -> None:
        self._stack.close()


def in_process_client(app: Any, base_url: str = "http://emulator.local") -> httpx.Client:
    return httpx.Client(transport=SyncASGITransport(app), base_url=base_url, follow_redirects=False)
