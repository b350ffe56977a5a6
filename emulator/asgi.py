"""A synchronous httpx transport that calls an ASGI app in-process, with no port.

httpx ships only an async ASGI transport; tests and helpers want plain ``client.get(...)``. Each
calling thread drives the ASGI exchange on an event loop of its own, in that very thread: no
socket, no hand-off to another thread, no task group. A call made from inside a running event
loop (an async test, or an app calling itself back) cannot block that loop, so it runs on one
shared loop in a helper thread instead, started the first time it is needed. The transport is
safe to use from several threads at once.

An earlier version sent every call to the helper thread: the hand-off there and back was most
of what a light call cost over the app's own work. The app's event loop now runs only while a
call is in flight; the emulator leaves no work on it between calls.
"""
from __future__ import annotations

import asyncio
import threading
from typing import Any

import httpx

_CLIENT = ("127.0.0.1", 123)
Exchange = tuple[int, list[tuple[bytes, bytes]], bytes]


class SyncASGITransport(httpx.BaseTransport):
    """Runs each request through the ASGI app on the calling thread's own event loop."""

    def __init__(self, app: Any, raise_app_exceptions: bool = True) -> None:
        self.app = app
        self.raise_app_exceptions = raise_app_exceptions
        self._local = threading.local()
        self._lock = threading.Lock()
        self._loops: list[asyncio.AbstractEventLoop] = []
        self._helper: asyncio.AbstractEventLoop | None = None
        self._helper_thread: threading.Thread | None = None
        self._closed = False

    async def _exchange(self, scope: dict[str, Any], body: bytes) -> Exchange:
        sent_body = False
        complete = asyncio.Event()
        status = 500
        headers: list[tuple[bytes, bytes]] = []
        parts: list[bytes] = []
        head = scope["method"] == "HEAD"

        async def receive() -> dict[str, Any]:
            nonlocal sent_body
            if not sent_body:
                sent_body = True
                return {"type": "http.request", "body": body, "more_body": False}
            await complete.wait()
            return {"type": "http.disconnect"}

        async def send(message: Any) -> None:
            nonlocal status, headers
            kind = message["type"]
            if kind == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", ()))
            elif kind == "http.response.body":
                chunk = message.get("body", b"")
                if chunk and not head:
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
        if self._closed:
            raise RuntimeError("the in-process transport is closed")
        url = request.url
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": request.method,
            # httpx keeps header names as sent; ASGI wants them in lower case
            "headers": [(k.lower(), v) for (k, v) in request.headers.raw],
            "scheme": url.scheme,
            "path": url.path,
            "raw_path": url.raw_path.split(b"?")[0],
            "query_string": url.query,
            "server": (url.host, url.port),
            "client": _CLIENT,
            "root_path": "",
        }
        exchange = self._exchange(scope, request.read())
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            status, headers, content = self._own_loop().run_until_complete(exchange)
        else:
            status, headers, content = asyncio.run_coroutine_threadsafe(exchange, self._helper_loop()).result()
        return httpx.Response(status, headers=headers, content=content, request=request)

    def _own_loop(self) -> asyncio.AbstractEventLoop:
        loop: asyncio.AbstractEventLoop | None = getattr(self._local, "loop", None)
        if loop is None:
            loop = self._local.loop = asyncio.new_event_loop()
            with self._lock:
                self._loops.append(loop)
        return loop

    def _helper_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._helper is None:
                self._helper = asyncio.new_event_loop()
                self._helper_thread = threading.Thread(target=self._helper.run_forever, name="emulator-asgi", daemon=True)
                self._helper_thread.start()
            return self._helper

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            loops, self._loops = self._loops, []
            helper, thread = self._helper, self._helper_thread
        for loop in loops:
            if not loop.is_running():
                loop.close()
        if helper is not None and thread is not None:
            helper.call_soon_threadsafe(helper.stop)
            thread.join(10)
            helper.close()


def in_process_client(app: Any, base_url: str = "http://emulator.local") -> httpx.Client:
    return httpx.Client(transport=SyncASGITransport(app), base_url=base_url, follow_redirects=False)
