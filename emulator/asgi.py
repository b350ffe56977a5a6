"""A synchronous httpx transport that calls an ASGI app in-process, with no port.

httpx ships only an async ASGI transport; tests and helpers want plain ``client.get(...)``. One
asyncio event loop in a helper thread serves every call (so work an app leaves on its loop keeps
running between calls), and the transport is safe to use from several threads at once.

The ASGI exchange is driven directly rather than through ``httpx.ASGITransport`` on an anyio
portal: that pairing spent about 1 ms per call in task groups and thread hand-offs, several times
the emulator's own work for a light call.
"""
from __future__ import annotations

import asyncio
import threading
from typing import Any

import httpx

_CLIENT = ("127.0.0.1", 123)


class SyncASGITransport(httpx.BaseTransport):
    """Runs each request through the ASGI app on a shared event loop in a helper thread."""

    def __init__(self, app: Any, raise_app_exceptions: bool = True) -> None:
        self.app = app
        self.raise_app_exceptions = raise_app_exceptions
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="emulator-asgi", daemon=True)
        self._thread.start()

    async def _exchange(self, scope: dict[str, Any], body: bytes) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        sent_body = False
        complete = asyncio.Event()
        status = 500
        headers: list[tuple[bytes, bytes]] = []
        parts: list[bytes] = []

        async def receive() -> dict[str, Any]:
            nonlocal sent_body
            if not sent_body:
                sent_body = True
                return {"type": "http.request", "body": body, "more_body": False}
            await complete.wait()
            return {"type": "http.disconnect"}

        async def send(message: Any) -> None:
            nonlocal status, headers
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                chunk = message.get("body", b"")
                if chunk and scope["method"] != "HEAD":
                    parts.append(chunk)
                if not message.get("more_body", False):
                    complete.set()

        try:
            await self.app(scope, receive, send)
        except Exception:
            if self.raise_app_exceptions:
                raise
        complete.set()
        return status, headers, b"".join(parts)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        url = request.url
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": request.method,
            "headers": [(k.lower(), v) for (k, v) in request.headers.raw],
            "scheme": url.scheme,
            "path": url.path,
            "raw_path": url.raw_path.split(b"?")[0],
            "query_string": url.query,
            "server": (url.host, url.port),
            "client": _CLIENT,
            "root_path": "",
        }
        if self._loop.is_closed():
            raise RuntimeError("the in-process transport is closed")
        future = asyncio.run_coroutine_threadsafe(self._exchange(scope, body), self._loop)
        status, headers, content = future.result()
        return httpx.Response(status, headers=headers, content=content, request=request)

    def close(self) -> None:
        if self._loop.is_closed():
            return
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()


def in_process_client(app: Any, base_url: str = "http://emulator.local") -> httpx.Client:
    return httpx.Client(transport=SyncASGITransport(app), base_url=base_url, follow_redirects=False)
