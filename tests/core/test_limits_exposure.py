"""Size limits answered with the platform's envelope, loopback by default, no partner key in logs."""
from __future__ import annotations

import json
import logging
import socket
from typing import Any
from urllib.parse import urlsplit

import pytest

from emulator import cli
from emulator.http.control.plane import MAX_CONTROL_BODY_BYTES
from emulator.pipeline import MAX_BODY_BYTES
from emulator.server import LiveServer
from emulator.world import Emulator


def _raw(url: str, head: str, body: bytes = b"") -> tuple[int, dict[str, Any]]:
    """Send a hand-made request over a real socket and read one JSON answer."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:  # real-time: a real server's answer
        sock.sendall(head.encode() + b"\r\n\r\n" + body)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            assert chunk, data
            data += chunk
        header, rest = data.split(b"\r\n\r\n", 1)
        length = next(int(line.split(b":", 1)[1]) for line in header.split(b"\r\n") if line.lower().startswith(b"content-length:"))
        while len(rest) < length:
            chunk = sock.recv(65536)
            assert chunk
            rest += chunk
    return int(header.split()[1]), json.loads(rest[:length])


def _is_envelope(payload: dict[str, Any]) -> bool:
    return set(payload) >= {"request_id", "error", "message"} and bool(payload["request_id"])


def test_declared_oversize_body_is_refused_before_it_is_sent(shopee_server: LiveServer):
    # Content-Length says 2 GB but no byte of the body follows: the answer cannot wait for it.
    status, payload = _raw(
        shopee_server.url,
        "POST /api/v2/shop/update_profile HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2000000000",
    )
    assert status == 413
    assert _is_envelope(payload) and payload["error"] == "error_param"
    assert "larger than" in payload["message"]


def test_declared_oversize_control_body_is_refused_before_it_is_sent(shopee_server: LiveServer):
    status, payload = _raw(
        shopee_server.url,
        f"POST /_emulator/snapshot HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {MAX_CONTROL_BODY_BYTES + 1}",
    )
    assert status == 413
    assert payload == {"error": "payload_too_large", "message": f"request body is larger than {MAX_CONTROL_BODY_BYTES} bytes"}


def test_streamed_oversize_body_without_length_is_refused(shopee_http):
    def chunks():
        for _ in range(11):
            yield b" " * (1024 * 1024)

    answer = shopee_http.post("/api/v2/shop/update_profile", content=chunks(), headers={"Content-Type": "application/json"})
    assert answer.status_code == 413
    assert _is_envelope(answer.json()) and answer.json()["error"] == "error_param"


def test_body_at_the_limit_is_read(shopee_http):
    body = b" " * (MAX_BODY_BYTES - 2) + b"{}"
    answer = shopee_http.post("/api/v2/shop/update_profile", content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code != 413
    assert answer.json()["error"] == "error_param"  # unsigned, but read and parsed


def test_oversize_upload_is_refused_with_the_envelope(shopee_http):
    answer = shopee_http.post(
        "/api/v2/media_space/upload_image", files={"image": ("big.jpg", b"\xff" * (MAX_BODY_BYTES + 1), "image/jpeg")}
    )
    assert answer.status_code == 413
    assert _is_envelope(answer.json())


def test_malformed_multipart_is_a_parameter_error(shopee_http):
    answer = shopee_http.post(
        "/api/v2/media_space/upload_image",
        content=b"--x\r\nContent-Disposition: form-data\r\n\r\nnot closed",
        headers={"Content-Type": "multipart/form-data; boundary=x"},
    )
    assert answer.status_code < 500
    assert _is_envelope(answer.json()) and answer.json()["error"] in ("error_param", "error_not_found")


@pytest.mark.parametrize("method", ["TRACE", "OPTIONS", "PUT", "DELETE", "PATCH"])
def test_any_http_method_on_the_api_gets_the_envelope(shopee_http, method):
    answer = shopee_http.request(method, "/api/v2/shop/get_shop_info")
    assert answer.status_code == 405
    assert _is_envelope(answer.json()) and answer.json()["error"] == "error_param"


def test_serve_binds_loopback_by_default():
    assert cli.parser().parse_args(["serve"]).host == "127.0.0.1"


def test_serve_refuses_other_interfaces_without_a_control_token(capsys):
    assert cli.main(["serve", "--host", "0.0.0.0", "--port", "1"]) == 2
    assert "refusing to bind beyond loopback" in capsys.readouterr().err


def test_live_server_binds_loopback(shopee: Emulator):
    server = LiveServer(shopee)
    assert server.host == "127.0.0.1"
    server.close()  # never started: its port is held from the moment it is made


def test_partner_key_never_reaches_the_logs(shopee: Emulator, shopee_client, outlet_id, caplog, monkeypatch):
    key = shopee.auth.default_partner()["partner_key"]
    caplog.set_level(logging.DEBUG)
    assert shopee_client.call("v2.shop.get_shop_info", shop_id=outlet_id)["error"] == ""
    wrong = shopee_client.call("v2.shop.get_shop_info", shop_id=outlet_id, timestamp=1)
    assert wrong["error"] == "error_param"

    def broken(shop_id: int) -> dict[str, Any]:
        raise RuntimeError("handler bug")

    monkeypatch.setattr(shopee.shops, "shop_info", broken)
    failed = shopee_client.request("v2.shop.get_shop_info", shop_id=outlet_id)
    assert failed.status_code == 500 and failed.json()["error"] == "error_server"
    assert "handler bug" in caplog.text  # the failure is logged ...
    assert key not in caplog.text  # ... and the key is not
    assert key[4:] not in caplog.text


def test_partner_key_not_in_live_server_logs(shopee: Emulator, caplog):
    key = shopee.auth.default_partner()["partner_key"]
    caplog.set_level(logging.DEBUG)
    with LiveServer(shopee) as server:
        client = server.client()
        with client.http:
            mart = shopee.shops.marts()[0]["shop_id"]
            assert client.call("v2.shop.get_shop_info", shop_id=mart)["error"] == ""
            assert client.http.get("/_emulator/credentials").status_code == 200
            assert "partner_key" not in client.http.get("/_emulator/partner").json()
    assert key not in caplog.text


def test_json_nested_past_the_parsers_depth_is_invalid_json_not_a_crash(shopee_http):
    answer = shopee_http.post("/api/v2/shop/update_profile", content=b"[" * 200_000, headers={"Content-Type": "application/json"})
    assert answer.status_code == 200 and answer.json()["message"] == "The request body is not a valid json format"
    control = shopee_http.post("/_emulator/snapshot", content=b"[" * 200_000, headers={"Content-Type": "application/json"})
    assert control.status_code == 400 and control.json()["error"] == "bad_request"


def test_a_malformed_snapshot_is_refused_and_the_world_kept(shopee_http, shopee):
    before = shopee.snapshot()
    answer = shopee_http.post("/_emulator/snapshot", json={"shops": {"1": {"a": 1}}})
    assert answer.status_code == 400 and answer.json()["message"].startswith("not a snapshot")
    assert shopee_http.get("/_emulator/world").status_code == 200
    assert shopee.snapshot()["shops"] == before["shops"]


@pytest.mark.parametrize("effect", [{"http_status": "abc"}, {"http_status": 99}, {"http_status": 600}, {"error": 5}, {"message": []}, 3])
def test_fault_effects_that_could_not_be_rendered_are_refused(shopee_http, effect):
    answer = shopee_http.post("/_emulator/faults", json={"operation": "v2.shop.get_profile", "effects": [effect]})
    assert answer.status_code == 400
    assert shopee_http.get("/_emulator/faults").json()["faults"] == []


@pytest.mark.parametrize(
    "path, body",
    [
        ("/_emulator/clock/advance", b'{"seconds": Infinity}'),
        ("/_emulator/clock/advance", b'{"seconds": NaN}'),
        ("/_emulator/clock/advance", b'{"seconds": 1e300}'),
        ("/_emulator/clock/set", b'{"timestamp": 1e300}'),
    ],
)
def test_clock_steps_beyond_the_calendar_are_refused(shopee_http, shopee, path, body):
    now = shopee.clock.now()
    answer = shopee_http.post(path, content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == 400
    assert shopee.clock.now() == now
