"""Load clients that drive a server over loopback, each from its own process.

``wrk`` (Debian's package) is the default: it is C, so on a 2-core machine it leaves the server a
whole core and measures the server, not the client. Requests are signed once before the run with a
timestamp from the wall clock; the platform's 5-minute window outlasts every case, so each request
is valid (the signature covers partner_id, path, timestamp, token and shop, not the body).

When ``wrk`` is missing, a small asyncio HTTP/1.1 keep-alive client (this module run as
``python -m bench.load``) sends the same pre-signed request from a separate process.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit


@dataclass
class Load:
    """One request to repeat: method, path with query, JSON body (or none), extra headers."""

    method: str
    path: str
    query: dict[str, Any]
    body: bytes | None = None
    headers: dict[str, str] | None = None

    @property
    def target(self) -> str:
        return self.path + ("?" + urlencode(self.query, doseq=True) if self.query else "")


@dataclass
class LoadResult:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    bad: int  # non-2xx answers or socket errors

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


@dataclass
class LoadSettings:
    client: str  # "wrk" or "python"
    seconds: float
    connections: int
    max_requests: int | None = None  # the python client stops here too (smoke runs)

    def describe(self) -> str:
        if self.client == "wrk":
            version = wrk_version() or "wrk"
            return f"{version}, 1 thread, {self.connections} connections, {self.seconds:g} s per case, requests pre-signed"
        limit = f", at most {self.max_requests} requests" if self.max_requests else ""
        return f"python asyncio client (bench.load), {self.connections} connections, {self.seconds:g} s per case{limit}, requests pre-signed"


def wrk_version() -> str | None:
    exe = shutil.which("wrk")
    if exe is None:
        return None
    out = subprocess.run([exe, "-v"], capture_output=True, text=True, timeout=10)
    match = re.search(r"wrk (\S+)", out.stdout + out.stderr)
    return f"wrk {match.group(1)}" if match else "wrk"


def choose_client(preferred: str) -> str:
    if preferred == "auto":
        return "wrk" if shutil.which("wrk") else "python"
    if preferred == "wrk" and not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install -y wrk), use --client python")
    return preferred


_LUA = """
wrk.method = %(method)s
wrk.body = %(body)s
%(headers)s
done = function(summary, latency, requests)
  io.write(string.format("BENCHJSON {\\"requests\\": %%d, \\"us\\": %%d, \\"p50\\": %%d, \\"p99\\": %%d, \\"connect\\": %%d, \\"read\\": %%d, \\"write\\": %%d, \\"status\\": %%d, \\"timeout\\": %%d}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
end
"""


def _lua_string(text: str) -> str:
    return "[==[" + text + "]==]"


def run_wrk(base_url: str, load: Load, settings: LoadSettings) -> LoadResult:
    headers = dict(load.headers or {})
    if load.body is not None:
        headers.setdefault("Content-Type", "application/json")
    script = _LUA % {
        "method": _lua_string(load.method),
        "body": _lua_string(load.body.decode()) if load.body is not None else "nil",
        # the spaces matter: "[[" would open a Lua long string
        "headers": "\n".join(f"wrk.headers[ {_lua_string(k)} ] = {_lua_string(v)}" for k, v in headers.items()),
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(script)
    try:
        seconds = max(1, round(settings.seconds))
        cmd = ["wrk", "-t1", f"-c{settings.connections}", f"-d{seconds}s", "--timeout", "10s", "-s", fh.name, base_url + load.target]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60)
    finally:
        os.unlink(fh.name)
    match = re.search(r"BENCHJSON (\{.*\})", out.stdout)
    if not match:
        raise RuntimeError(f"wrk failed: {out.stdout[-500:]} {out.stderr[-500:]}")
    data = json.loads(match.group(1))
    bad = data["connect"] + data["read"] + data["write"] + data["status"] + data["timeout"]
    return LoadResult(data["requests"], data["us"] / 1e6, data["p50"] / 1000, data["p99"] / 1000, bad)


def run_python(base_url: str, load: Load, settings: LoadSettings) -> LoadResult:
    spec = {
        "url": base_url,
        "method": load.method,
        "target": load.target,
        "body": load.body.decode() if load.body is not None else None,
        "headers": load.headers or {},
        "seconds": settings.seconds,
        "connections": settings.connections,
        "max_requests": settings.max_requests,
    }
    out = subprocess.run(
        [sys.executable, "-m", "bench.load"], input=json.dumps(spec), capture_output=True, text=True, timeout=settings.seconds + 120
    )
    if out.returncode != 0:
        raise RuntimeError(f"load client failed: {out.stderr[-800:]}")
    data = json.loads(out.stdout)
    return LoadResult(data["requests"], data["seconds"], data["p50_ms"], data["p99_ms"], data["bad"])


def run(base_url: str, load: Load, settings: LoadSettings) -> LoadResult:
    if settings.client == "wrk":
        return run_wrk(base_url, load, settings)
    return run_python(base_url, load, settings)


def percentile(sorted_values: list[float], pct: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(pct / 100 * len(sorted_values)) - 1))
    return sorted_values[index]


# -- the python client, run in its own process --------------------------------------------------
async def _connection(host: str, port: int, request: bytes, deadline: float, budget: list[int], latencies: list[float], bad: list[int]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < deadline and budget[0] > 0:
            budget[0] -= 1
            started = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            if length:
                await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            if not 200 <= status < 300:
                bad[0] += 1
    except (OSError, asyncio.IncompleteReadError):
        bad[0] += 1
    finally:
        writer.close()


async def _drive(spec: dict[str, Any]) -> dict[str, Any]:
    parts = urlsplit(spec["url"])
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    body = spec["body"].encode() if spec["body"] is not None else b""
    lines = [f"{spec['method']} {spec['target']} HTTP/1.1", f"Host: {host}:{port}", "Connection: keep-alive"]
    lines += [f"{k}: {v}" for k, v in spec["headers"].items()]
    if spec["body"] is not None:
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    request = ("\r\n".join(lines) + "\r\n\r\n").encode() + body
    latencies: list[float] = []
    bad = [0]
    budget = [spec["max_requests"] or 10**12]
    started = time.perf_counter()
    deadline = started + spec["seconds"]
    await asyncio.gather(*(_connection(host, port, request, deadline, budget, latencies, bad) for _ in range(spec["connections"])))
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "seconds": elapsed,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p99_ms": percentile(latencies, 99) * 1000,
        "bad": bad[0],
    }


def main() -> None:
    argparse.ArgumentParser(description="reads a load spec as JSON on stdin, prints the result as JSON").parse_args()
    spec = json.loads(sys.stdin.read())
    print(json.dumps(asyncio.run(_drive(spec))))


if __name__ == "__main__":
    main()
