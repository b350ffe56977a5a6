"""pytest fixtures: a fresh in-process emulator per test, a signing client, and a live server.

    shopee          the Emulator (manual clock, default world; ``@pytest.mark.shopee_world("th")``)
    shopee_http     an httpx.Client wired to it in-process (no port)
    shopee_client   a ShopeeClient that signs like a real integration
    shopee_server   a real uvicorn server on a free loopback port: ``.url``, ``.emulator``
    shopee_push_sink  a PushSink receiving the default partner's pushes (every code on), no network

``@pytest.mark.shopee_scenario("channel_toggle_fault")`` gives the ``shopee`` fixture a scenario's
world, seed and set-up faults (``run_steps=True`` also runs its steps first). YAML files directly in
``<rootdir>/scenarios/``, or named on the command line, are collected as scenario test items;
``shopee_scenario_result.variables`` holds the values its steps saved.

Nothing is shared between tests, so the fixtures are safe under pytest-xdist.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import httpx
import pytest

from emulator.app import create_app
from emulator.asgi import in_process_client
from emulator.client import ShopeeClient, client_for
from emulator.scenarios import RunResult, Runner, build_emulator, load_scenario
from emulator.scenarios.pytest_items import ScenarioFile, find_scenario, is_scenario_file
from emulator.domains.push.sink import PushSink
from emulator.server import LiveServer
from emulator.world import Emulator

SCENARIO_RESULT = pytest.StashKey[RunResult]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "shopee_world(name_or_dict, seed=None): the world the shopee fixture loads")
    config.addinivalue_line(
        "markers", "shopee_scenario(file, run_steps=False): load a scenario's world and faults into the shopee fixture"
    )


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if is_scenario_file(file_path, parent):
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


@pytest.fixture
def shopee_seed() -> int | None:
    """Override to pin a seed; None takes the world file's own."""
    return None


@pytest.fixture
def shopee(request: pytest.FixtureRequest, shopee_seed: int | None) -> Iterator[Emulator]:
    scenario_marker = request.node.get_closest_marker("shopee_scenario")
    if scenario_marker is not None:
        yield from _scenario_emulator(request, scenario_marker)
        return
    marker = request.node.get_closest_marker("shopee_world")
    world: Any = None
    seed = shopee_seed
    if marker is not None:
        world = marker.args[0] if marker.args else marker.kwargs.get("world")
        seed = marker.kwargs.get("seed", seed)
    emulator = Emulator(world, seed=seed)
    yield emulator
    emulator.close()


def _scenario_emulator(request: pytest.FixtureRequest, marker: pytest.Mark) -> Iterator[Emulator]:
    name = marker.args[0] if marker.args else marker.kwargs.get("file")
    if not isinstance(name, str):
        raise pytest.UsageError("shopee_scenario needs a scenario file name")
    scenario = load_scenario(find_scenario(name, request.path.parent, request.config.rootpath))
    emulator = build_emulator(scenario)
    try:
        if marker.kwargs.get("run_steps", False):
            request.node.stash[SCENARIO_RESULT] = Runner(scenario, emulator).run()
        yield emulator
    finally:
        emulator.close()


@pytest.fixture
def shopee_scenario_result(request: pytest.FixtureRequest, shopee: Emulator) -> RunResult | None:
    """What ``shopee_scenario(..., run_steps=True)`` ran: ``.variables`` holds the saved values."""
    return request.node.stash.get(SCENARIO_RESULT, None)


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
