"""``instant-mart-emulator serve`` as a real process: banner, control token, and --data across restarts
and kills."""
from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest

from emulator import cli
from emulator.client import ShopeeClient
from emulator.server import free_port

START_TIMEOUT = 15.0


class Serve:
    """One ``serve`` process on a free loopback port; ``banner`` holds what it printed first."""

    def __init__(self, *args: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "emulator.cli", "serve", "--port", str(self.port), *args]
        self.proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.banner = self._read_banner()
        self.http = httpx.Client(base_url=self.url, timeout=10)
        self._wait_until_ready(args)

    def _read_banner(self) -> str:
        lines = []
        for line in self.proc.stdout:  # type: ignore[union-attr]
            lines.append(line)
            if "API spec" in line:
                return "".join(lines)
        raise AssertionError("serve exited before printing its banner:\n" + "".join(lines))

    def _wait_until_ready(self, args: tuple[str, ...]) -> None:
        headers = {"X-Emulator-Token": args[args.index("--control-token") + 1]} if "--control-token" in args else {}
        stop = threading.Event()
        for _ in range(int(START_TIMEOUT / 0.05)):
            try:
                self.http.get("/_emulator/clock", headers=headers)
                return
            except httpx.TransportError:
                assert self.proc.poll() is None, "serve exited while starting"
                stop.wait(0.05)  # real-time: a real process is opening its socket
        raise AssertionError("serve did not answer in time")

    def client(self) -> tuple[ShopeeClient, dict[str, Any]]:
        creds = self.http.get("/_emulator/credentials").json()
        return ShopeeClient(self.http, creds["partner_id"], creds["partner_key"]), creds

    def stop(self, signum: int = signal.SIGTERM) -> str:
        """As a service manager (SIGTERM) or Ctrl-C (SIGINT) stops it; returns what it printed since."""
        self.proc.send_signal(signum)
        self.proc.wait(10)
        rest = self.proc.stdout.read()  # type: ignore[union-attr]
        self._reap()
        return rest

    def kill(self) -> None:
        self.proc.kill()
        self._reap()

    def _reap(self) -> None:
        self.proc.wait(10)
        self.http.close()
        self.proc.stdout.close()  # type: ignore[union-attr]


@pytest.fixture
def servers():
    started: list[Serve] = []

    def start(*args: str) -> Serve:
        started.append(Serve(*args))
        return started[-1]

    yield start
    for server in started:
        if server.proc.poll() is None:
            server.kill()


def profile_call(client: ShopeeClient, creds: dict[str, Any], api: str, shop_id: int, **body: Any) -> dict[str, Any]:
    token = next(s["access_token"] for s in creds["shops"] if s["shop_id"] == shop_id)
    return client.call(api, shop_id=shop_id, access_token=token, body=body or None)


# -- the command line ------------------------------------------------------------------------------
def test_serve_refuses_non_loopback_host_without_control_token(capsys):
    assert cli.main(["serve", "--host", "0.0.0.0", "--port", "1"]) == 2
    assert "refusing to bind beyond loopback without --control-token" in capsys.readouterr().err


def test_serve_unknown_world_refused(capsys):
    assert cli.main(["serve", "--world", "atlantis", "--port", "1"]) == 2
    assert "world 'atlantis' not found" in capsys.readouterr().err


@pytest.mark.slow
def test_serve_banner_lists_everything_needed_to_call(servers):
    server = servers()
    creds = server.http.get("/_emulator/credentials").json()
    banner = server.banner
    assert f"base URL     {server.url}" in banner
    assert f"partner_id   {creds['partner_id']}" in banner
    assert f"partner_key  {creds['partner_key']}" in banner
    for shop in creds["shops"]:
        assert re.search(rf"{shop['shop_id']}\s+access_token {shop['access_token']}", banner), shop
    link = re.search(r"authorize\s+(\S+)", banner).group(1)
    page = server.http.get(link)
    assert page.status_code == 200 and "Confirm Authorization" in page.text


@pytest.mark.slow
def test_serve_control_token_required_on_control_calls(servers):
    server = servers("--control-token", "s3cret")
    response = server.http.get("/_emulator/credentials")
    assert (response.status_code, response.json()["error"]) == (403, "forbidden")
    assert server.http.get("/_emulator/credentials", headers={"X-Emulator-Token": "s3cret"}).status_code == 200


@pytest.mark.slow
def test_serve_stops_cleanly_on_ctrl_c(servers):
    server = servers()
    printed = server.stop(signal.SIGINT)
    assert server.proc.returncode == 0
    assert "Traceback" not in printed


# -- --data ----------------------------------------------------------------------------------------
@pytest.mark.slow
def test_serve_data_survives_restart(servers, tmp_path):
    data = str(tmp_path / "state.json")
    first = servers("--data", data)
    client, creds = first.client()
    outlet = creds["shops"][1]["shop_id"]
    answer = profile_call(client, creds, "v2.shop.update_profile", outlet, shop_name="Kios Persisten")
    assert answer["error"] == "", answer
    first.stop()
    assert first.proc.returncode == 0
    assert Path(data + ".journal").read_text() == ""  # folded into the file at shut-down

    second = servers("--data", data)
    client, creds = second.client()
    profile = profile_call(client, creds, "v2.shop.get_profile", outlet)
    assert profile["response"]["shop_name"] == "Kios Persisten"


@pytest.mark.slow
def test_serve_data_survives_sigkill_mid_burst(servers, tmp_path):
    data = str(tmp_path / "state.json")
    server = servers("--data", data)
    for round_no in range(3):
        client, creds = server.client()
        shops = [s["shop_id"] for s in creds["shops"]]
        acked: dict[int, int] = {}
        enough = threading.Event()

        def burst() -> None:
            for i in range(100_000):
                shop = shops[i % len(shops)]
                try:
                    answer = profile_call(client, creds, "v2.shop.update_profile", shop, description=f"r{round_no}-{i}")
                except (httpx.TransportError, ValueError):
                    return  # the server died under us: this write was never acknowledged
                assert answer["error"] == "", answer
                acked[shop] = i
                if i == 12 + 5 * round_no:
                    enough.set()

        writer = threading.Thread(target=burst)
        writer.start()
        assert enough.wait(START_TIMEOUT)  # real-time: the burst runs against a real process
        server.kill()
        writer.join(10)

        # the restarted server is checked, then takes the next round's burst
        server = servers("--data", data)
        client, creds = server.client()
        for shop, last_acked in acked.items():
            description = profile_call(client, creds, "v2.shop.get_profile", shop)["response"]["description"]
            round_seen, i_seen = description[1:].split("-")
            assert int(round_seen) == round_no
            # the acknowledged write, or the one that was in flight when the process died
            assert int(i_seen) in (last_acked, last_acked + len(shops)), (shop, description, last_acked)
