"""Server subprocesses for the HTTP figures: the floor and ``instant-mart-emulator serve``."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from emulator.server import free_port


class Server:
    """A server process on a free loopback port; stopped (terminate, then kill) on exit."""

    def __init__(self, argv: list[str], name: str) -> None:
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.argv = [*argv, "--port", str(self.port)]
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> "Server":
        self.proc = subprocess.Popen(self.argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode(errors="replace") if self.proc.stderr else ""
                raise RuntimeError(f"{self.name} exited at start: {err[-800:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.05)  # real-time: waiting for the server process to open its socket
        raise RuntimeError(f"{self.name} did not open port {self.port} within 60 s")

    def rss_mb(self) -> float | None:
        return rss_mb(self.proc.pid) if self.proc else None

    def cpu_s(self) -> float | None:
        return cpu_s(self.proc.pid) if self.proc else None

    def __exit__(self, *exc: Any) -> None:
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
        if self.proc.stderr:
            self.proc.stderr.close()


def floor_server() -> Server:
    return Server([sys.executable, "-m", "bench.floor"], "floor server")


def emulator_server(*extra: str) -> Server:
    script = Path(sys.executable).with_name("instant-mart-emulator")
    command = [str(script)] if script.exists() else [shutil.which("instant-mart-emulator") or "instant-mart-emulator"]
    return Server([*command, "serve", "--host", "127.0.0.1", *extra], "instant-mart-emulator serve")


def rss_mb(pid: int | str = "self") -> float | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def cpu_s(pid: int | str = "self") -> float | None:
    """User plus system CPU seconds the process has used (``/proc/PID/stat``)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
