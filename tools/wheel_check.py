"""``make wheel-check``: the emulator as an integrator installs it, from the built wheel.

    python tools/wheel_check.py [--keep]

1. builds the sdist and, from it, the wheel (``python -m build``), and checks both carry every
   runtime data file, the API spec and the licence;
2. makes a fresh virtualenv (no system site-packages) holding only that wheel, pytest and
   pytest-xdist (pip's cache makes this quick after the first run);
3. copies ``tests/external_project`` to an empty folder, adds the README's pytest examples as they
   stand, and runs its tests there, plainly and with ``-n 2``: they use the fixtures, a scenario
   marker and the live server, its opted-in ``flows/`` are collected and its unrelated
   ``scenarios/other.yaml`` is not;
4. from an empty working directory: ``--version``, ``scenario run``, and ``serve`` answering
   ``/_emulator/health`` and a call signed by hand, its clock moved with ``clock --advance 1h``.

The last line says ``wheel check: OK`` or ``wheel check: FAILED`` with the step that failed.
"""
from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ROOT / "tests" / "external_project"
README = ROOT / "README.md"
# the sample project's tests: seven Python tests, the one scenario file its flows/ opts in, and the
# README's five pytest examples written into it as they stand
EXPECTED_PASSED = 13
START_TIMEOUT_S = 30.0


class CheckFailed(Exception):
    """One step of the check went wrong; the message says which and why."""


_STARTED = time.monotonic()


def step(text: str) -> None:
    print(f"--- [{time.monotonic() - _STARTED:5.1f} s] {text}", flush=True)


def run(command: list[str], cwd: Path, env: dict[str, str], timeout: float = 600) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise CheckFailed(f"{' '.join(command)} exited {done.returncode}:\n{done.stdout}{done.stderr}")
    return done.stdout


def clean_env() -> dict[str, str]:
    """The caller's environment without anything that would point Python back at this checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "INSTANT_MART_FIXTURES", "INSTANT_MART_URL", "VIRTUAL_ENV")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def build(dist: Path) -> tuple[Path, Path]:
    step("building the sdist and, from it, the wheel")
    run([sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)], ROOT, clean_env())
    (sdist,), (wheel,) = sorted(dist.glob("*.tar.gz")), sorted(dist.glob("*.whl"))
    return sdist, wheel


def runtime_files() -> list[str]:
    """What must ship: every file under emulator/data, the API spec."""
    data = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "emulator" / "data").rglob("*") if p.is_file())
    return data + ["emulator/spec/apis.json", "emulator/py.typed"]


def check_archives(sdist: Path, wheel: Path) -> None:
    step("checking both archives carry the runtime data")
    with zipfile.ZipFile(wheel) as whl:
        in_wheel = set(whl.namelist())
    with tarfile.open(sdist) as tar:
        in_sdist = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    wanted = runtime_files()
    missing = [f"wheel: {f}" for f in wanted if f not in in_wheel] + [f"sdist: {f}" for f in wanted + ["LICENSE"] if f not in in_sdist]
    if not any(name.endswith("/licenses/LICENSE") for name in in_wheel):
        missing.append("wheel: the LICENSE file")
    if missing:
        raise CheckFailed("missing from the distribution:\n  " + "\n  ".join(missing))
    print(f"    {len(wanted)} runtime files in both, LICENSE included")


def make_venv(venv: Path, wheel: Path) -> Path:
    step("installing the wheel, pytest and pytest-xdist into a fresh virtualenv")
    # the interpreter this venv was made from, so the new one sees no site-packages of ours
    base = getattr(sys, "_base_executable", sys.executable)
    run([base, "-m", "venv", str(venv)], ROOT, clean_env())
    bin_dir = venv / "bin"
    run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         str(wheel), "pytest", "pytest-xdist"], ROOT, clean_env())
    config = (venv / "pyvenv.cfg").read_text()
    if "include-system-site-packages = false" not in config:
        raise CheckFailed("the virtualenv sees system site-packages")
    return bin_dir


def run_project(bin_dir: Path, project: Path) -> None:
    env = clean_env()
    pytest = [str(bin_dir / "python"), "-m", "pytest"]
    step("collecting the sample project (scenarios/other.yaml must stay out)")
    listed = run(pytest + ["--collect-only", "-q"], project, env)
    if "other.yaml" in listed or "flows/mart_answers.yaml" not in listed:
        raise CheckFailed(f"wrong collection:\n{listed}")
    for extra in ([], ["-n", "2"]):
        step(f"running the sample project's tests {' '.join(extra) or 'in one process'}")
        out = run(pytest + ["-q", *extra], project, env)
        summary = out.strip().splitlines()[-1]
        if not re.match(rf"^{EXPECTED_PASSED} passed\b", summary):
            raise CheckFailed(f"expected {EXPECTED_PASSED} passed, got: {summary}\n{out}")
        print(f"    {summary}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return json.load(answer)


def wait_for_health(url: str, proc: subprocess.Popen[str]) -> dict[str, Any]:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise CheckFailed(f"serve exited {proc.returncode}:\n{proc.stdout.read() if proc.stdout else ''}")
        try:
            return dict(get_json(url + "/_emulator/health"))
        except OSError:
            time.sleep(0.1)  # real-time: a real process is opening its socket
    raise CheckFailed(f"serve did not answer {url}/_emulator/health within {START_TIMEOUT_S:.0f} s")


def signed_shop_call(url: str) -> dict[str, Any]:
    """``v2.shop.get_shop_info`` for the Mart, signed by hand as the README's curl example does."""
    creds = get_json(url + "/_emulator/credentials")
    mart = next(s for s in creds["shops"] if s["kind"] == "mart")
    path, timestamp = "/api/v2/shop/get_shop_info", int(time.time())
    base = f"{creds['partner_id']}{path}{timestamp}{mart['access_token']}{mart['shop_id']}"
    sign = hmac.new(creds["partner_key"].encode(), base.encode(), hashlib.sha256).hexdigest()
    query = f"partner_id={creds['partner_id']}&timestamp={timestamp}&access_token={mart['access_token']}&shop_id={mart['shop_id']}&sign={sign}"
    return dict(get_json(f"{url}{path}?{query}"))


def run_cli(bin_dir: Path, empty: Path, project: Path) -> None:
    env = clean_env()
    tool = str(bin_dir / "instant-mart-emulator")
    step("instant-mart-emulator --version and scenario run, from an empty directory")
    print("    " + run([tool, "--version"], empty, env).strip())
    run([tool, "scenario", "run", str(project / "flows" / "mart_answers.yaml")], empty, env)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    step(f"instant-mart-emulator serve on {url}, from an empty directory")
    proc = subprocess.Popen([tool, "serve", "--port", str(port)], cwd=empty, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        health = wait_for_health(url, proc)
        if health.get("status") != "ok" or health.get("world") != "id":
            raise CheckFailed(f"unexpected health answer {health}")
        print(f"    /_emulator/health: {json.dumps(health)}")
        info = signed_shop_call(url)
        if info.get("error") != "" or not info.get("is_mart_shop"):
            raise CheckFailed(f"the signed call failed: {info}")
        print(f"    signed v2.shop.get_shop_info: {len(info['outlet_shop_info_list'])} Outlets")
        before = health["now"]
        moved = json.loads(run([tool, "clock", "--advance", "1h"], empty, {**env, "INSTANT_MART_URL": url}))
        if moved["now"] < before + 3600:
            raise CheckFailed(f"clock --advance 1h did not move the clock: {moved}")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        if proc.stdout:
            proc.stdout.close()


def add_readme_tests(project: Path) -> None:
    """The README's pytest examples, verbatim, as one test file of the sample project: what a reader
    pastes must pass against the installed wheel, not only against the checkout."""
    examples = [b for b in re.findall(r"^```python\n(.*?)^```", README.read_text("utf-8"), re.S | re.M) if "def test_" in b]
    (project / "test_readme_examples.py").write_text("\n\n".join(examples), "utf-8")


def check(work: Path) -> str:
    started = time.monotonic()
    sdist, wheel = build(work / "dist")
    check_archives(sdist, wheel)
    bin_dir = make_venv(work / "venv", wheel)
    project = work / "sample_project"
    shutil.copytree(PROJECT, project, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    add_readme_tests(project)
    run_project(bin_dir, project)
    empty = work / "empty"
    empty.mkdir()
    run_cli(bin_dir, empty, project)
    return f"{wheel.name} works outside the checkout ({time.monotonic() - started:.0f} s)"


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--keep", action="store_true", help="keep the work folder (printed) for a look afterwards")
    args = options.parse_args()
    work = Path(tempfile.mkdtemp(prefix="wheel-check-"))
    try:
        summary = check(work)
    except (CheckFailed, subprocess.TimeoutExpired) as exc:
        print(f"\nwheel check: FAILED: {exc}\n(work folder kept: {work})", flush=True)
        return 1
    if args.keep:
        print(f"    work folder: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nwheel check: OK: {summary}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
