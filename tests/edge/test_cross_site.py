"""The control plane belongs to the person at the keyboard: no simple cross-site request drives it,
no foreign Origin changes state, and a served emulator answers only to its own Host names."""
from __future__ import annotations

import socket

import pytest

from emulator.edge import HostAllowlist
from emulator.server import LiveServer

STATE_CHANGES = [
    ("/_emulator/push/config", '{"callback_url": "https://attacker.example/push", "codes": "all"}'),
    ("/_emulator/clock/advance", '{"seconds": 86400}'),
    ("/_emulator/reset", ""),
]


@pytest.mark.parametrize(("path", "body"), STATE_CHANGES)
def test_control_plane_text_plain_post_is_refused_and_changes_nothing(shopee, shopee_http, path, body):
    before = shopee_http.get("/_emulator/push/config").json(), shopee.clock.now()
    answer = shopee_http.post(path, content=body, headers={"Content-Type": "text/plain"})
    assert answer.status_code == 415
    assert answer.json()["error"] == "unsupported_media_type"
    assert (shopee_http.get("/_emulator/push/config").json(), shopee.clock.now()) == before


def test_control_plane_form_post_is_refused(shopee_http):
    answer = shopee_http.post("/_emulator/clock/advance", data={"seconds": "60"})
    assert answer.status_code == 415


@pytest.mark.parametrize("origin", ["https://attacker.example", "null", "http://127.0.0.1:9999"])
def test_control_plane_foreign_origin_is_refused(shopee, shopee_http, origin):
    now = shopee.clock.now()
    answer = shopee_http.post("/_emulator/clock/advance", json={"seconds": 60}, headers={"Origin": origin})
    assert answer.status_code == 403
    assert answer.json()["error"] == "forbidden_origin"
    assert shopee.clock.now() == now


def test_control_plane_own_origin_and_no_origin_are_obeyed(shopee, shopee_http):
    now = shopee.clock.now()
    own = shopee_http.post("/_emulator/clock/advance", json={"seconds": 60}, headers={"Origin": "http://emulator.local"})
    plain = shopee_http.post("/_emulator/clock/advance", json={"seconds": 60})
    assert (own.status_code, plain.status_code) == (200, 200)
    assert shopee.clock.now() == now + 120


def test_control_plane_json_with_charset_and_empty_post_are_obeyed(shopee_http):
    assert shopee_http.post("/_emulator/clock/advance", content=b'{"seconds": 1}',
                            headers={"Content-Type": "application/json; charset=utf-8"}).status_code == 200
    assert shopee_http.post("/_emulator/reset").status_code == 200


def _raw(port: int, request_line: str, host: str) -> tuple[int, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"{request_line}\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def _raw_get(port: int, path: str, host: str) -> tuple[int, bytes]:
    return _raw(port, f"GET {path} HTTP/1.1", host)


@pytest.fixture
def served(shopee):
    with LiveServer(shopee, allowed_hosts=["emulator.test"]) as server:
        yield server


def test_rebinding_host_cannot_read_credentials(served):
    status, body = _raw_get(served.port, "/_emulator/credentials", "attacker.example")
    assert status == 403
    assert b"partner_key" not in body and b'"error":"forbidden_host"' in body


def test_rebinding_host_on_api_path_gets_the_envelope(served):
    status, body = _raw_get(served.port, "/api/v2/shop/get_shop_info", f"attacker.example:{served.port}")
    assert status == 403
    assert b'"request_id"' in body and b'"error":"error_auth"' in body


@pytest.mark.parametrize("path", ["/console", "/openapi.json", "/media/nothing"])
def test_rebinding_host_is_refused_on_every_route(served, path):
    assert _raw_get(served.port, path, "attacker.example")[0] == 403


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "emulator.test", "EMULATOR.test:80"])
def test_loopback_and_allowed_hosts_are_served(served, host):
    with_port = host if host.endswith(":80") else f"{host}:{served.port}"
    status, body = _raw_get(served.port, "/_emulator/credentials", with_port)
    assert status == 200 and b"partner_key" in body


def test_live_client_against_loopback_keeps_working(served):
    client = served.client()
    assert client.call("v2.shop.get_shop_info", shop_id=served.emulator.shops.marts()[0]["shop_id"])["error"] == ""


def test_wildcard_bind_serves_ip_literals_but_not_names():
    allowed = HostAllowlist.for_server("0.0.0.0")
    assert allowed.permits("192.168.1.20:8080") and allowed.permits("[fe80::1]:8080")
    assert not allowed.permits("rebind.attacker.example:8080")
    assert HostAllowlist.for_server("0.0.0.0", ["*"]).permits("anything.example")
    assert HostAllowlist.for_server("emulator.lan").permits("emulator.lan:8080")



def test_control_plane_foreign_origin_cannot_read_credentials(shopee_http):
    answer = shopee_http.get("/_emulator/credentials", headers={"Origin": "https://attacker.example"})
    assert answer.status_code == 403
    assert "partner_key" not in answer.text and answer.json()["error"] == "forbidden_origin"


@pytest.mark.parametrize("path", ["/_emulator/clock/advance", "/_emulator/reset"])
def test_control_plane_foreign_referer_without_origin_changes_nothing(shopee, shopee_http, path):
    now = shopee.clock.now()
    answer = shopee_http.post(path, json={"seconds": 3600} if "clock" in path else None,
                              headers={"Referer": "https://attacker.example/page"})
    assert answer.status_code == 403 and answer.json()["error"] == "forbidden_origin"
    assert shopee.clock.now() == now


@pytest.mark.parametrize("site", ["cross-site", "same-site"])
def test_control_plane_state_change_a_browser_marks_foreign_changes_nothing(shopee, shopee_http, site):
    # a form posted from another site with its Origin and Referer withheld still carries Sec-Fetch-Site
    now = shopee.clock.now()
    answer = shopee_http.post("/_emulator/clock/advance", json={"seconds": 60}, headers={"Sec-Fetch-Site": site})
    assert answer.status_code == 403 and answer.json()["error"] == "forbidden_origin"
    assert "Sec-Fetch-Site" in answer.json()["message"] and shopee.clock.now() == now
    refused = shopee_http.post("/console/clock/advance", data={"seconds": "60"}, headers={"Sec-Fetch-Site": site},
                               follow_redirects=False)
    assert refused.status_code == 403 and shopee.clock.now() == now


@pytest.mark.parametrize("site", ["same-origin", "none"])
def test_control_plane_own_pages_and_typed_addresses_are_obeyed(shopee, shopee_http, site):
    now = shopee.clock.now()
    answer = shopee_http.post("/_emulator/clock/advance", json={"seconds": 60}, headers={"Sec-Fetch-Site": site})
    assert answer.status_code == 200 and shopee.clock.now() == now + 60


def test_a_link_from_another_site_still_opens_the_console(shopee_http):
    answer = shopee_http.get("/console", headers={"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"})
    assert answer.status_code == 200


def test_control_plane_own_referer_is_obeyed(shopee, shopee_http):
    now = shopee.clock.now()
    answer = shopee_http.post("/_emulator/clock/advance", json={"seconds": 60},
                              headers={"Referer": "http://emulator.local/console/clock"})
    assert answer.status_code == 200 and shopee.clock.now() == now + 60


def test_console_post_with_foreign_referer_is_refused(shopee, shopee_http):
    now = shopee.clock.now()
    answer = shopee_http.post("/console/clock/advance", data={"seconds": "60"},
                              headers={"Referer": "https://attacker.example/x"}, follow_redirects=False)
    assert answer.status_code == 403 and shopee.clock.now() == now


def test_a_push_aimed_at_the_control_plane_cannot_reset_the_world(shopee, shopee_http):
    from emulator.domains.push.delivery import PUSH_AGENT

    now = shopee.clock.now()
    answer = shopee_http.post("/_emulator/clock/advance", json={"seconds": 60},
                              headers={"User-Agent": PUSH_AGENT, "Authorization": "x"})
    assert answer.status_code == 403 and "push" in answer.json()["message"]
    assert shopee_http.post("/_emulator/reset", content=b"{}", headers={"User-Agent": PUSH_AGENT,
                            "Content-Type": "application/json"}).status_code == 403
    assert shopee.clock.now() == now


def test_pushes_name_themselves_in_their_user_agent(shopee):
    from emulator.domains.push import delivery

    seen: list[dict[str, str]] = []

    class Answer:
        status_code, content = 204, b""

    def sender(url, body, headers):
        seen.append(headers)
        return Answer()

    assert delivery.send(sender, "http://receiver.test/push", "key", "{}").delivered
    assert seen[0]["User-Agent"] == delivery.PUSH_AGENT


@pytest.mark.parametrize("host", ["127.0.0.1:80@attacker.example", "localhost:attacker", "[::1]:x.attacker.example", "[::1", "[::1:80"])
def test_host_with_a_port_that_is_not_a_number_is_foreign(served, host):
    status, body = _raw_get(served.port, "/_emulator/credentials", host)
    assert status == 403 and b"partner_key" not in body


def test_empty_host_is_refused_saying_so(served):
    status, body = _raw_get(served.port, "/_emulator/credentials", "")
    assert status == 403 and b"empty Host header" in body and b"--allowed-host" not in body


def test_absolute_form_request_line_reaches_the_signed_api(served):
    from urllib.parse import urlencode

    mart = served.emulator.shops.marts()[0]["shop_id"]
    _, path, query = served.client().signed_query("v2.shop.get_shop_info", mart)
    target = f"http://127.0.0.1:{served.port}{path}?{urlencode(query)}"
    status, body = _raw(served.port, f"GET {target} HTTP/1.1", f"127.0.0.1:{served.port}")
    assert status == 200 and b'"error":""' in body and b'"shop_name"' in body


def test_absolute_form_names_the_host_that_is_checked(served):
    status, body = _raw(served.port, "GET http://attacker.example/_emulator/credentials HTTP/1.1", f"127.0.0.1:{served.port}")
    assert status == 403 and b"partner_key" not in body
