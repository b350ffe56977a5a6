"""Machine instructions per call, counted by valgrind's callgrind (Debian's ``valgrind``): a figure
that a shared machine's noise does not move, for comparing two versions of the code, or the
emulator with the floor, when timings swing by half from one minute to the next.

    python -m bench.instructions                 every light case, and the floor app on its request
    python -m bench.instructions update_stock    the cases whose label holds the word

Each measurement runs the same process twice under callgrind, once with ``FEW`` and once with
``MANY`` calls after the same start-up and warm-up; the difference of the two counts divided by
``MANY - FEW`` is one call, start-up cancelled out. The two runs go side by side (two cores). Only
the ASGI app is counted, as ``bench.inproc.asgi_direct`` calls it: no socket and no server, whose
work is the same for the floor and the emulator.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from bench.cases import CASES, Case
from bench.inproc import in_process_env
from bench.load import Load
from bench.steps import _receiver, scope_of

FEW, MANY = 100, 1000
WARM_UP = 20
_COLLECTED = re.compile(r"Collected\s*:\s*([\d,]+)")


def light_cases(words: list[str]) -> list[Case]:
    cases = [case for case in CASES if case.light]
    return [case for case in cases if not words or any(word in case.label for word in words)]


def prepared(case_label: str, floor: bool) -> tuple[Any, dict[str, Any], bytes]:
    """The app, scope and body of the case's request, made in a fresh default world; ``floor``:
    the floor app (``bench.floor``) takes the same request."""
    from emulator.app import create_app
    from emulator.world import Emulator

    case = next(case for case in CASES if case.label == case_label)
    emulator = Emulator()
    with in_process_env(emulator) as env:
        load: Load = case.load(env)
    if floor:
        from bench.floor import app as floor_app

        app: Any = floor_app
    else:
        app = create_app(emulator)
    return app, scope_of(load, app), load.body or b""


def calls(app: Any, scope: dict[str, Any], body: bytes, count: int) -> None:
    """The measured process: ``count`` calls after the warm-up, each of which must succeed."""
    failed: list[bytes] = []

    async def send(message: dict[str, Any]) -> None:
        # counting the instructions of refusals would measure the wrong path
        if message["type"] == "http.response.body" and b'"error":""' not in message["body"].replace(b" ", b""):
            failed.append(message["body"])

    async def run() -> None:
        for _ in range(WARM_UP + count):
            await app(dict(scope), _receiver(body), send)

    asyncio.run(run())
    if failed:
        raise RuntimeError(f"{scope['path']} answered an error: {failed[0][:300]!r}")


def counted(case_label: str, floor: bool, count: int) -> int:
    """Instructions of the whole process making ``count`` calls."""
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
               sys.executable, "-m", "bench.instructions", "--child", case_label, str(count)]
    if floor:
        command.append("--floor")
    env = {**os.environ, "PYTHONHASHSEED": "0"}  # the same dict layouts in both runs
    out = subprocess.run(command, capture_output=True, text=True, env=env, timeout=1800)
    found = _COLLECTED.search(out.stderr)
    if out.returncode != 0 or found is None:
        raise RuntimeError(f"callgrind run failed: {out.stderr[-800:]}")
    return int(found.group(1).replace(",", ""))


def per_call(case_label: str, floor: bool) -> float:
    with ThreadPoolExecutor(2) as pool:
        few, many = pool.map(lambda n: counted(case_label, floor, n), (FEW, MANY))
    return (many - few) / (MANY - FEW)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("words", nargs="*", help="measure only the light cases whose label holds one of these")
    parser.add_argument("--child", nargs=2, metavar=("CASE", "COUNT"), help=argparse.SUPPRESS)
    parser.add_argument("--floor", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        calls(*prepared(args.child[0], args.floor), int(args.child[1]))
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install -y valgrind)")
    cases = light_cases(args.words)
    if not cases:
        raise SystemExit(f"no light case matches {' '.join(args.words)}; they are: "
                         + "; ".join(case.label for case in light_cases([])))
    print("| case | emulator app, instructions per call | floor app on the same request | × floor app |")
    print("|---|---:|---:|---:|")
    for case in cases:
        emulator, floor = per_call(case.label, False), per_call(case.label, True)
        print(f"| {case.label} | {emulator:,.0f} | {floor:,.0f} | {emulator / floor:.2f} |", flush=True)


if __name__ == "__main__":
    main()
