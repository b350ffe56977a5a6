"""pytest fixtures: a fresh in-process emulator per test, a signing client, and a live server.

    shopee            the Emulator (manual clock, default world; ``@pytest.mark.shopee_world("th")``)
    shopee_http       an httpx.Client wired to it in-process (no port)
    shopee_client     a ShopeeClient that signs like a real integration
    shopee_server     a real uvicorn server on a free loopback port: ``.url``, ``.emulator``
    shopee_push_sink  a PushSink receiving the default partner's pushes (every code on), no network

``@pytest.mark.shopee_scenario("channel_toggle_fault")`` gives the ``shopee`` fixture a scenario's
world, seed and set-up faults (``run_steps=True`` also runs its steps first);
``shopee_scenario_result.variables`` holds the values its steps saved.

Scenario YAML files are collected as test items only where the project opts in: the ini option
``shopee_scenarios`` (folders, whose YAML files directly inside are collected, or globs, relative to
the ini file), ``--shopee-scenarios PATH``, or a YAML file named on the command line.

The plugin is installed into every pytest run of an environment that has the package, so this
module imports nothing but pytest: the emulator (starlette, pydantic, the world data) loads when a
test first asks for one of these fixtures or a scenario file is collected.

Nothing is shared between tests, so the fixtures are safe under pytest-xdist.
"""
from __future__ import annotations

from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Iterator

import pytest

if TYPE_CHECKING:
    import httpx

    from emulator.client import ShopeeClient
    from emulator.domains.push.sink import PushSink
    from emulator.scenarios import RunResult
    from emulator.server import LiveServer
    from emulator.world import Emulator

SCENARIOS_INI = "shopee_scenarios"
SCENARIO_SUFFIXES = (".yaml", ".yml")
SCENARIO_RESULT = pytest.StashKey["RunResult"]()
_OPTED_IN = pytest.StashKey[tuple[list[Path], list[str]]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    help_text = "scenario YAML to collect as tests: folders (their YAML files directly inside) or globs"
    parser.addini(SCENARIOS_INI, help_text + ", relative to the ini file", type="linelist", default=[])
    parser.addoption("--shopee-scenarios", action="append", default=[], metavar="PATH", help=help_text)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "shopee_world(name_or_dict, seed=None): the world the shopee fixture loads")
    config.addinivalue_line(
        "markers", "shopee_scenario(file, run_steps=False): load a scenario's world and faults into the shopee fixture"
    )
    base = config.inipath.parent if config.inipath else config.rootpath
    places = [base / entry for entry in config.getini(SCENARIOS_INI)]
    places += [config.invocation_params.dir / entry for entry in config.getoption("shopee_scenarios")]
    folders = [place for place in places if place.is_dir()]
    globs = [str(place) for place in places if not place.is_dir()]
    config.stash[_OPTED_IN] = (folders, globs)


def _opted_in(file_path: Path, parent: pytest.Collector) -> bool:
    if parent.session.isinitpath(file_path):
        return True
    folders, globs = parent.config.stash[_OPTED_IN]
    # PurePath.match with an absolute pattern must match the whole path, and * stays in one folder
    return file_path.parent in folders or any(PurePath(file_path).match(glob) for glob in globs)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix not in SCENARIO_SUFFIXES or not _opted_in(file_path, parent):
        return None
    from emulator.scenarios.pytest_items import ScenarioFile

    return ScenarioFile.from_parent(parent, path=file_path)


@pytest.fixture
def shopee_seed() -> int | None:
    """The seed the ``shopee`` fixture's world is built with; override to pin one (None: the
    world file's own)."""
    return None


@pytest.fixture
def shopee(request: pytest.FixtureRequest, shopee_seed: int | None) -> Iterator["Emulator"]:
    """A fresh Emulator for this test: the default world on a manual clock (``.advance(seconds)``).

    ``@pytest.mark.shopee_world("th")`` (a world name, a YAML file or a dict; ``seed=``) picks
    another world; ``@pytest.mark.shopee_scenario("file")`` starts from a scenario's state.
    """
    scenario_marker = request.node.get_closest_marker("shopee_scenario")
    if scenario_marker is not None:
        yield from _scenario_emulator(request, scenario_marker)
        return
    from emulator.world import Emulator
    from emulator.worlds import WorldError

    marker = request.node.get_closest_marker("shopee_world")
    world: Any = None
    seed = shopee_seed
    if marker is not None:
        world = marker.args[0] if marker.args else marker.kwargs.get("world")
        seed = marker.kwargs.get("seed", seed)
        world = _world_file(world, request)
    try:
        emulator = Emulator(world, seed=seed)
    except WorldError as exc:
        problem = str(exc)
    else:
        yield emulator
        emulator.close()
        return
    pytest.fail(f"shopee_world: {problem}", pytrace=False)  # outside the except: no chained traceback


def _world_file(world: Any, request: pytest.FixtureRequest) -> Any:
    """A relative world file is looked for as scenario files are: beside the test, then in the
    rootdir, so the test passes from whatever folder pytest is started in."""
    if not isinstance(world, str) or not world.endswith(SCENARIO_SUFFIXES) or Path(world).is_absolute():
        return world
    for base in (request.path.parent, request.config.rootpath):
        if (base / world).is_file():
            return str(base / world)
    return world


def _scenario_emulator(request: pytest.FixtureRequest, marker: pytest.Mark) -> Iterator["Emulator"]:
    from emulator.scenarios import Runner, ScenarioCrash, ScenarioError, ScenarioFailure, build_emulator, load_scenario
    from emulator.scenarios.pytest_items import find_scenario

    name = marker.args[0] if marker.args else marker.kwargs.get("file")
    if not isinstance(name, str):
        raise pytest.UsageError("shopee_scenario needs a scenario file name")
    problem: str | None = None
    try:
        scenario = load_scenario(find_scenario(name, request.path.parent, request.config.rootpath))
        emulator = build_emulator(scenario)
    except ScenarioError as exc:
        problem = str(exc)
    if problem is not None:
        pytest.fail(problem, pytrace=False)  # outside the except: no chained traceback
    try:
        if marker.kwargs.get("run_steps", False):
            try:
                request.node.stash[SCENARIO_RESULT] = Runner(scenario, emulator).run()
            except ScenarioCrash:
                raise  # the emulator's own bug: its traceback is the report
            except (ScenarioFailure, ScenarioError) as exc:
                problem = str(exc)
            if problem is not None:
                # the step and its differences say it all; the runner's frames would bury them
                pytest.fail(problem, pytrace=False)
        yield emulator
    finally:
        emulator.close()


@pytest.fixture
def shopee_scenario_result(request: pytest.FixtureRequest, shopee: "Emulator") -> "RunResult | None":
    """What ``@pytest.mark.shopee_scenario(..., run_steps=True)`` ran: ``.variables`` holds the
    values its steps saved, ``.steps`` each step's answer; None without that marker."""
    result: RunResult | None = request.node.stash.get(SCENARIO_RESULT, None)
    return result


@pytest.fixture
def shopee_http(shopee: "Emulator") -> Iterator["httpx.Client"]:
    """An httpx.Client wired to the ``shopee`` emulator in-process (no port): send raw requests,
    signed or not, to ``/api/v2/...`` and ``/_emulator/...``."""
    from emulator.app import create_app
    from emulator.asgi import in_process_client

    with in_process_client(create_app(shopee)) as http:
        yield http


@pytest.fixture
def shopee_client(shopee: "Emulator", shopee_http: "httpx.Client") -> "ShopeeClient":
    """A ShopeeClient signing like a real integration with the default partner and each shop's
    ready token: ``.call("v2.shop.get_shop_info", shop_id=..., body=... / params=...)``."""
    from emulator.client import client_for

    return client_for(shopee, shopee_http)


@pytest.fixture
def shopee_server(shopee: "Emulator") -> Iterator["LiveServer"]:
    """The ``shopee`` emulator behind a real uvicorn server on a free loopback port, for code that
    needs a URL: ``.url``, ``.emulator``, ``.client()`` (a signing client over real HTTP)."""
    from emulator.server import LiveServer

    with LiveServer(shopee) as server:
        yield server


@pytest.fixture
def shopee_push_sink(shopee: "Emulator") -> "PushSink":
    """Receives the default partner's pushes in-process (every push code switched on), no network:
    ``.received``, ``.of_code(3)``, ``.verifies(push, key)``; ``.respond(500, "timeout", ...)``
    scripts the next answers."""
    from emulator.domains.push.sink import PushSink

    return PushSink().install(shopee)
