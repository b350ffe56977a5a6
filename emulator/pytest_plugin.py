"""pytest fixtures: a fresh in-process emulator per test, a signing client, and a live server.

    shopee          the Emulator (manual clock, default world; ``@pytest.mark.shopee_world("th")``)
    shopee_http     an httpx.Client wired to it in-process (no port)
    shopee_client   a ShopeeClient that signs like a real integration
    shopee_server   a real uvicorn server on a free loopback port: ``.url``, ``.emulator``
    shopee_push_sink  a PushSink receiving the default partner's pushes (every code on), no network

Nothing is shared between tests, so the fixtures are safe under pytest-xdist.
"""
from __future__ import annotations

from typing import Any, Iterator

import httpx
import pytest

from emulator.app import create_app
from emulator.asgi import in_process_client
from emulator.client import ShopeeClient, client_for
from emulator.domains.push.sink import PushSink
from emulator.server import LiveServer
from emulator.world import Emulator


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "shopee_world(name_or_dict, seed=None): the world the shopee fixture loads")


@pytest.fixture
def shopee_seed() -> int | None:
    """Override to pin a seed; None takes the world file's own."""
    return None


@pytest.fixture
def shopee(request: pytest.FixtureRequest, shopee_seed: int | None) -> Iterator[Emulator]:
    marker = request.node.get_closest_marker("shopee_world")
    world: Any = None
    seed = shopee_seed
    if marker is not None:
        world = marker.args[0] if marker.args else marker.kwargs.get("world")
        seed = marker.kwargs.get("seed", seed)
    emulator = Emulator(world, seed=seed)
    yield emulator
    emulator.close()


@pytest.fixture
def shopee_http(shopee: Emulator) -> Iterator[httpx.Client]:
    with in_process_client(create_app(shopee)) as http:
        yield http


@pytest.fixture
def shopee_client(shopee: Emulator, shopee_http: httpx.Client) -> ShopeeClient:
    return client_for(shopee, shopee_http)


@pytest.fixture
def shopee_server(shopee: Emulator) -> Iterator[LiveServer]:
    with LiveServer(shopee) as server:
        yield server


@pytest.fixture
def shopee_push_sink(shopee: Emulator) -> PushSink:
    """Records the pushes the emulator sends; ``.respond(500, "timeout", ...)`` scripts failures."""
    return PushSink().install(shopee)
