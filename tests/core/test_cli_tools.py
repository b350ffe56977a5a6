"""What scripts and CI lean on: ``--version``, ``/_emulator/health``, ``--access-log``, the URL from
``INSTANT_MART_URL`` and durations such as ``1h`` in ``clock --advance``."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

import emulator
from emulator import cli
from tests.core.test_serve import Serve


def test_version_flag_prints_the_package_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"instant-mart-emulator {emulator.__version__}"


def test_python_dash_m_emulator_is_the_same_cli():
    done = subprocess.run([sys.executable, "-m", "emulator", "--version"], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout.strip()) == (0, f"instant-mart-emulator {emulator.__version__}")
    failing = subprocess.run([sys.executable, "-m", "emulator", "scenario", "run"], capture_output=True, text=True, timeout=60)
    assert failing.returncode == 2 and "the following arguments are required: FILE" in failing.stderr


def test_health_names_version_world_and_virtual_now(shopee, shopee_http):
    shopee.advance(90)
    answer = shopee_http.get("/_emulator/health")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "version": emulator.__version__, "world": "id", "now": shopee.clock.now()}


def test_health_answers_without_the_control_token(shopee):
    from emulator.app import create_app
    from emulator.asgi import in_process_client

    with in_process_client(create_app(shopee, control_token="secret")) as http:
        assert http.get("/_emulator/health").json()["status"] == "ok"
        assert http.get("/_emulator/clock").status_code == 403


def test_cli_reads_the_url_from_the_environment(shopee_server, monkeypatch, capsys):
    monkeypatch.setenv(cli.URL_ENV, shopee_server.url)
    assert cli.main(["clock"]) == 0
    assert json.loads(capsys.readouterr().out)["now"] == shopee_server.emulator.clock.now()


def test_url_option_wins_over_the_environment(shopee_server, monkeypatch, capsys):
    monkeypatch.setenv(cli.URL_ENV, "http://127.0.0.1:9")
    assert cli.main(["clock", "--url", shopee_server.url]) == 0
    assert json.loads(capsys.readouterr().out)["mode"] == "manual"


@pytest.mark.parametrize(("text", "seconds"), [("1h", 3600), ("30m", 1800), ("2d", 172800), ("1d 6h", 108000), ("90", 90)])
def test_clock_advance_takes_durations(shopee_server, capsys, text, seconds):
    before = shopee_server.emulator.clock.now()
    assert cli.main(["clock", "--advance", text, "--url", shopee_server.url]) == 0
    assert json.loads(capsys.readouterr().out)["now"] == before + seconds


def test_clock_advance_refuses_what_is_not_a_duration(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["clock", "--advance", "2 weeks"])
    assert exit_info.value.code == 2
    assert "not a duration '2 weeks'" in capsys.readouterr().err


def test_help_does_not_load_the_emulator():
    probe = "import sys\nfrom emulator import cli\ncli.parser()\nprint(sorted(m for m in ('starlette', 'pydantic', 'httpx', 'yaml', 'uvicorn', 'emulator.world') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


ACCESS_LINE = re.compile(r"^GET v2\.shop\.get_shop_info shop=(\d+) 200 ok \d+\.\d ms$", re.M)
ERROR_LINE = re.compile(r"^GET v2\.shop\.get_shop_info shop=- 200 error_param \d+\.\d ms$", re.M)


@pytest.mark.slow
def test_access_log_prints_one_line_per_api_call(servers_with_log):
    server = servers_with_log
    client, creds = server.client()
    mart = next(s for s in creds["shops"] if s["kind"] == "mart")
    token, mart = mart["access_token"], mart["shop_id"]
    assert client.call("v2.shop.get_shop_info", shop_id=mart, access_token=token)["error"] == ""
    server.http.get("/api/v2/shop/get_shop_info", params={"partner_id": creds["partner_id"], "timestamp": 1, "sign": "x",  # outside the window
                                                          "access_token": "t", "shop_id": mart})
    printed = server.stop()
    assert ACCESS_LINE.findall(printed) == [str(mart)], printed
    assert len(ERROR_LINE.findall(printed)) == 1, printed
    assert "/_emulator/" not in printed  # control calls are not API calls


@pytest.fixture
def servers_with_log():
    server = Serve("--access-log")
    try:
        yield server
    finally:
        if server.proc.poll() is None:
            server.kill()
