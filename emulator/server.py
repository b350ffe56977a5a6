"""Running the emulator behind a real uvicorn server: the CLI's ``serve`` and the live fixture."""
from __future__ import annotations

import asyncio
import socket
import threading
from typing import Any, Sequence

import httpx
import uvicorn

from emulator.app import create_app
from emulator.client import ShopeeClient, client_for
from emulator.edge import HostAllowlist, HostGuard
from emulator.slow_clients import BodyDeadline, Limits, protocol_with
from emulator.world import Emulator


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def uvicorn_config(
    app: Any,
    host: str,
    port: int,
    allowed_hosts: Sequence[str] = (),
    limits: Limits = Limits(),
    **extra: Any,
) -> uvicorn.Config:
    """The server settings ``serve``, the live fixture and the benchmarks all share.

    Whatever listens on a socket answers only to the allowlisted Host names (DNS rebinding) and
    bounds slow clients; in-process apps have no socket to guard and are served as they are.
    """
    guarded = HostGuard(BodyDeadline(app, limits), HostAllowlist.for_server(host, allowed_hosts))
    return uvicorn.Config(
        guarded,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="off",
        # the platform has no WebSocket API: an Upgrade request is answered as the plain request it is
        ws="none",
        http=protocol_with(limits),
        h11_max_incomplete_event_size=limits.head_bytes,
        timeout_keep_alive=limits.keep_alive_seconds,
        **extra,
    )


class LiveServer:
    """uvicorn in a background thread on a free loopback port, stopped cleanly on exit."""

    def __init__(
        self,
        emulator: Emulator,
        host: str = "127.0.0.1",
        port: int | None = None,
        allowed_hosts: Sequence[str] = (),
        limits: Limits = Limits(),
    ) -> None:
        self.emulator = emulator
        self.host = host
        # bound here and handed to uvicorn: a port only looked up and freed could be taken by
        # another test process (pytest -n) before uvicorn binds it
        self._socket: socket.socket | None = None
        if not port:
            self._socket = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
            self._socket.bind((host, 0))
            port = int(self._socket.getsockname()[1])
        self.port = port
        self.url = f"http://{host}:{self.port}"
        config = uvicorn_config(create_app(emulator), host, self.port, allowed_hosts, limits)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._clients: list[httpx.Client] = []

    def _run(self) -> None:
        asyncio.run(self._server.serve(sockets=[self._socket] if self._socket else None))

    def __enter__(self) -> "LiveServer":
        self._thread.start()
        while not self._server.started:
            if not self._thread.is_alive():
                self.close()
                raise RuntimeError(f"the emulator could not start on {self.url}")
            self._thread.join(0.01)  # real-time: waiting for a real socket to open
        return self

    def __exit__(self, *exc: Any) -> None:
        # the clients handed out hold keep-alive sockets; left open they surface as
        # ResourceWarnings in whichever test happens to run the garbage collector
        for http in self._clients:
            http.close()
        self._server.should_exit = True
        self._thread.join(10)
        self.close()
        if self._thread.is_alive():
            raise RuntimeError(f"the emulator at {self.url} did not stop within 10 seconds")

    def close(self) -> None:
        """Let go of the port: done on leaving ``with``, needed only for a server never started."""
        if self._socket is not None:
            self._socket.close()

    def client(self, **kwargs: Any) -> ShopeeClient:
        """A signing client over real HTTP, closed when the server stops."""
        http = httpx.Client(base_url=self.url, **kwargs)
        self._clients.append(http)
        return client_for(self.emulator, http)
