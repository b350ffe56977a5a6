"""Every snippet of README.md, run as a reader would run it.

Each fenced block is claimed by one runner below, by its language and content; a block no runner
claims fails ``test_every_block_is_run``, so a new snippet cannot go untested.

    python with ``def test_``   a test file of the reader's project, run by pytest (the plugin's fixtures)
    python otherwise            a published client (pyshopee2): run where that client is installed
    sh                          bash against a live emulator (its URL put where the README has :8080)
    yaml / toml                 a scenario that runs / the ini option a test project uses
    js                          a published npm client: run where node has it installed
    no language                 the CLI synopsis: every command and option named exists
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from emulator import cli
from emulator.scenarios import parse_text, run_scenario
from emulator.server import free_port

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
README_URL = "http://127.0.0.1:8080"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


@dataclass(frozen=True)
class Block:
    lang: str
    text: str
    line: int

    @property
    def kind(self) -> str:
        if self.lang == "python":
            return "pytest" if "def test_" in self.text else "client"
        if self.lang == "sh" and self.text.lstrip().startswith("make "):
            return "make"
        return {"sh": "shell", "yaml": "scenario", "toml": "ini", "js": "npm", "": "synopsis"}.get(self.lang, "unclaimed")


def blocks() -> list[Block]:
    text = README.read_text("utf-8")
    return [Block(m.group(1), m.group(2), text.count("\n", 0, m.start()) + 1) for m in FENCE.finditer(text)]


def of_kind(kind: str) -> list[Block]:
    return [b for b in blocks() if b.kind == kind]


def ids(found: list[Block]) -> list[str]:
    return [f"README.md:{b.line}" for b in found]


def test_every_block_is_run():
    assert [b for b in blocks() if b.kind == "unclaimed"] == []
    assert len(blocks()) >= 15  # the parser still finds the README's blocks


def test_python_test_snippets_pass_in_a_fresh_project(pytester):
    sources = of_kind("pytest")
    pytester.makeini("[pytest]\n")
    pytester.makepyfile(test_readme="import pytest\n\n" + "\n\n".join(b.text for b in sources))
    expected = sum(b.text.count("\ndef test_") + b.text.startswith("def test_") for b in sources)
    # a process of its own, as a user's project runs: no warning at all may reach a strict suite
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-W", "error")
    result.assert_outcomes(passed=expected)


@pytest.mark.parametrize("block", of_kind("scenario"), ids=ids(of_kind("scenario")))
def test_yaml_snippet_is_a_scenario_that_passes(block):
    assert run_scenario(parse_text(block.text, "README.md")).steps


@pytest.mark.parametrize("block", of_kind("ini"), ids=ids(of_kind("ini")))
def test_toml_snippet_opts_scenarios_in(block, pytester):
    options = tomllib.loads(block.text)["tool"]["pytest"]["ini_options"]
    pytester.makepyprojecttoml(block.text)
    for entry in options["shopee_scenarios"]:
        folder = entry.split("*")[0].rstrip("/") if "*" in entry else entry
        (pytester.path / folder).mkdir(parents=True, exist_ok=True)
        name = "x.yaml" if "*" in entry else "flow.yaml"
        (pytester.path / folder / name).write_text("steps:\n  - call: {api: v2.shop.get_shop_info, shop: mart}\n")
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=len(options["shopee_scenarios"]))


def run_shell(text: str, url: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    bin_dir = str(Path(sys.executable).parent)
    environment = {**os.environ, **(env or {}), "PATH": bin_dir + os.pathsep + os.environ["PATH"]}
    environment.pop("INSTANT_MART_URL", None)
    script = "set -euo pipefail\nBASE=" + url + "\n" + text.replace(README_URL, url)
    # real-time: waits for curl, openssl and the CLI against a real socket
    return subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=120, env=environment)


SERVES = "instant-mart-emulator serve"
API_ERROR = re.compile(r"""["']error["']\s*:\s*["'][a-z]""")  # an envelope or control answer naming an error


@pytest.mark.slow
@pytest.mark.parametrize("block", [b for b in of_kind("shell") if SERVES not in b.text],
                         ids=ids([b for b in of_kind("shell") if SERVES not in b.text]))
def test_shell_snippet_against_a_live_server(block, shopee_server):
    done = run_shell(block.text, shopee_server.url)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() and not API_ERROR.search(done.stdout), done.stdout


@pytest.mark.slow
@pytest.mark.parametrize("block", [b for b in of_kind("shell") if SERVES in b.text],
                         ids=ids([b for b in of_kind("shell") if SERVES in b.text]))
def test_shell_snippet_that_serves(block, tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    text = block.text.replace("--port 8080", f"--port {port}")
    # the snippet leaves its server running in the background, as a reader's shell would; stop it
    done = run_shell(text + '\nkill "$!"\nwait "$!" || true\n', url)
    assert done.returncode == 0, done.stdout + done.stderr
    assert '"status":"ok"' in done.stdout.replace(" ", ""), done.stdout
    assert "instant-mart-emulator " in done.stdout  # the --version line


@pytest.mark.parametrize("block", of_kind("make"), ids=ids(of_kind("make")))
def test_make_lines_name_real_targets(block):
    for line in block.text.splitlines():
        target = line.split("#")[0].split()[1]
        done = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, (target, done.stderr)


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in cli.parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


@pytest.mark.parametrize("block", of_kind("synopsis"), ids=ids(of_kind("synopsis")))
def test_cli_synopsis_names_real_commands_and_options(block):
    commands = _subcommands()
    root_options = {o for a in cli.parser()._actions for o in a.option_strings}
    for line in block.text.splitlines():
        words = line.split()
        assert words[0] == "instant-mart-emulator", line
        options = set(re.findall(r"(--[a-z-]+)", line))
        if words[1].startswith("--"):
            assert options <= root_options, line
            continue
        known = {o for a in commands[words[1]]._actions for o in a.option_strings}
        for sub in commands[words[1]]._actions:
            if isinstance(sub, argparse._SubParsersAction):
                known |= {o for p in sub.choices.values() for a in p._actions for o in a.option_strings}
        assert options <= known, (line, options - known)


# The published clients live outside the package, in a cache `make clients` fills (PyPI and npm);
# they run only when CLIENT_TESTS=1 so `make test` neither installs nor waits for them.
CLIENT_CACHE = Path(os.environ.get("CLIENT_CACHE", Path.home() / ".cache" / "instant-mart-emulator" / "clients"))
OPT_IN = "set CLIENT_TESTS=1 (`make clients` installs the published clients into a cache and runs these)"


def _client_python() -> str:
    if os.environ.get("CLIENT_TESTS") != "1":
        pytest.skip(f"the pyshopee2 snippet drives the published client: {OPT_IN}")
    python = CLIENT_CACHE / "py" / "bin" / "python"
    if not python.exists():
        pytest.skip(f"pyshopee (PyPI) and selenium are not installed in {CLIENT_CACHE}: run `make clients`")
    return str(python)


def _client_node(tmp_path: Path) -> str:
    if os.environ.get("CLIENT_TESTS") != "1":
        pytest.skip(f"the @congminh1254/shopee-sdk snippet drives the published client: {OPT_IN}")
    node = shutil.which("node")
    modules = CLIENT_CACHE / "js" / "node_modules"
    if node is None or not (modules / "@congminh1254" / "shopee-sdk").exists():
        pytest.skip(f"node or @congminh1254/shopee-sdk (npm) is not installed in {CLIENT_CACHE}: run `make clients`")
    # ES modules resolve bare imports from the importing file's folders, not NODE_PATH.
    (tmp_path / "node_modules").symlink_to(modules)
    return node


@pytest.mark.slow
@pytest.mark.parametrize("block", of_kind("client"), ids=ids(of_kind("client")))
def test_published_python_client_snippet(block, shopee_server):
    python = _client_python()
    code = block.text.replace(README_URL, shopee_server.url)
    subprocess.run([python, "-c", code], check=True, timeout=120)


@pytest.mark.parametrize("block", of_kind("npm"), ids=ids(of_kind("npm")))
def test_published_npm_client_snippet(block, shopee_server, tmp_path):
    node = _client_node(tmp_path)
    module = tmp_path / "snippet.mjs"
    module.write_text(block.text.replace(README_URL, shopee_server.url))
    subprocess.run([node, str(module)], check=True, timeout=120)
