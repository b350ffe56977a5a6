"""Paths no route takes still get JSON: an API path spelled another way (upper case, a doubled
slash, as sent over a real socket) the platform's not-found envelope, a control-plane path or
method the control plane's ``{"error", "message"}``; never Starlette's plain ``Not Found``."""
from __future__ import annotations

import json
import socket

import pytest

from tests.conftest import REQUEST_ID, signed_query


def _raw_get(url: str, target: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(f"{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


@pytest.mark.parametrize(
    "path", ["//api/v2/shop/get_shop_info", "/API/V2/SHOP/GET_SHOP_INFO", "/Api/v2/shop/get_shop_info", "///api/v2/x"]
)
def test_api_path_spelled_otherwise_answers_the_not_found_envelope(shopee, shopee_server, outlet_id, path):
    query = signed_query(shopee, "/api/v2/shop/get_shop_info", shop_id=outlet_id)
    target = path + "?" + "&".join(f"{k}={v}" for k, v in query.items())
    status, headers, body = _raw_get(shopee_server.url, target)
    envelope = json.loads(body)
    assert (status, headers["content-type"], envelope["error"]) == (404, "application/json", "error_param")
    assert envelope["message"] == "Permission denied. This API is currently offline or the request path is incorrect."
    assert REQUEST_ID.fullmatch(envelope["request_id"])


def test_unknown_control_path_answers_json(shopee_server):
    status, _, body = _raw_get(shopee_server.url, "/_emulator/no_such_thing")
    assert (status, json.loads(body)) == (
        404, {"error": "not_found", "message": "no control-plane endpoint at /_emulator/no_such_thing"}
    )


@pytest.mark.parametrize("method", ["GET", "PUT", "OPTIONS"])
def test_wrong_method_on_a_control_endpoint_answers_json_naming_the_method(shopee, shopee_server, method):
    now = shopee.clock.now()
    status, headers, body = _raw_get(shopee_server.url, "/_emulator/clock/advance", method)
    assert (status, headers["allow"]) == (405, "POST")
    assert json.loads(body) == {
        "error": "method_not_allowed", "message": f"/_emulator/clock/advance takes POST, not {method}"
    }
    assert shopee.clock.now() == now
