"""Push delivery: signed POSTs, the 2xx-and-empty-body contract, retries on the clock, lost pushes."""
from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import httpx
import pytest

from emulator.domains.push.sink import PushSink
from emulator.world import Emulator
from tests.conftest import ok
from tests.domains.push_support import quiet_outlets

RETRIES = (300, 1800, 10800)


@pytest.fixture
def outlet_ids(shopee: Emulator) -> list[int]:
    return quiet_outlets(shopee)


def status_event(shopee: Emulator, shop_id: int, order_sn: str = "260105ABCD1234", new: str = "READY_TO_SHIP") -> None:
    shopee.publish("order.status_changed", shop_id, order_sn=order_sn, old="UNPAID", new=new)


def partner_key(shopee: Emulator) -> str:
    return str(shopee.auth.default_partner()["partner_key"])


def fail_every_attempt(shopee: Emulator, sink: PushSink, answer: Any) -> None:
    sink.respond(*[answer] * (1 + len(RETRIES)))
    shopee.advance(0)
    for interval in RETRIES:
        shopee.advance(interval)


def test_order_status_push_body_has_the_reference_shape(shopee: Emulator, shopee_push_sink: PushSink, outlet_id: int) -> None:
    status_event(shopee, outlet_id, "260105QSK8S7BX", "PROCESSED")
    shopee.advance(0)
    (push,) = shopee_push_sink.received
    now = shopee.clock.now()
    assert push.body == (
        '{"data":{"items":[],"ordersn":"260105QSK8S7BX","status":"PROCESSED","completed_scenario":"",'
        f'"update_time":{now}}},"shop_id":{outlet_id},"code":3,"timestamp":{now}}}'
    )


def test_push_signature_verifies_with_the_partner_key(shopee: Emulator, shopee_push_sink: PushSink, outlet_id: int) -> None:
    status_event(shopee, outlet_id)
    shopee.advance(0)
    (push,) = shopee_push_sink.received
    base = f"{shopee_push_sink.url}|{push.body}"
    expected = hmac.new(partner_key(shopee).encode(), base.encode(), hashlib.sha256).hexdigest()
    assert push.authorization == expected
    assert shopee_push_sink.verifies(push, partner_key(shopee))


def test_push_signature_fails_with_another_key(shopee: Emulator, shopee_push_sink: PushSink, outlet_id: int) -> None:
    status_event(shopee, outlet_id)
    shopee.advance(0)
    assert not shopee_push_sink.verifies(shopee_push_sink.received[0], "shpk" + "0" * 64)


def test_push_is_a_json_post_with_authorization_header(shopee: Emulator, outlet_id: int) -> None:
    seen: list[httpx.Request] = []

    def receiver(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    sink = PushSink().install(shopee)
    shopee.pushes.use_transport(httpx.MockTransport(receiver))
    status_event(shopee, outlet_id)
    shopee.advance(0)
    (request,) = seen
    assert (request.method, str(request.url)) == ("POST", sink.url)
    assert request.headers["content-type"] == "application/json"
    assert json.loads(request.content)["code"] == 3
    assert len(request.headers["authorization"]) == 64


def test_push_not_sent_while_the_clock_stands_still(shopee: Emulator, shopee_push_sink: PushSink, shopee_client: Any, outlet_id: int) -> None:
    status_event(shopee, outlet_id)
    ok(shopee_client.call("v2.shop.get_shop_info", shop_id=outlet_id))
    assert shopee_push_sink.received == []
    shopee.advance(0)
    assert len(shopee_push_sink.received) == 1


def test_push_delivered_once_when_receiver_answers_2xx_empty(shopee: Emulator, shopee_push_sink: PushSink, outlet_id: int) -> None:
    status_event(shopee, outlet_id)
    shopee.advance(0)
    shopee.advance(86400)
    (message,) = shopee.pushes.messages(10)
    assert message["state"] == "delivered"
    assert len(shopee_push_sink.received) == 1


def test_push_retried_after_5xx_on_the_clock(shopee: Emulator, shopee_push_sink: PushSink, outlet_id: int) -> None:
    shopee_push_sink.respond(500)
    status_event(shopee, outlet_id)
    start = shopee.clock.now()
    shopee.advance(0)
    shopee.advance(RETRIES[0] - 1)
    assert len(shopee_push_sink.received) == 1
    shopee.advance(1)
    assert len(shopee_push_sink.received) == 2
    (message,) = shopee.pushes.messages(10)
    assert message["state"] == "delivered"
    assert [(a["time"] - start, a["result"], a["http_status"]) for a in message["attempts"]] == [
        (0, "http_status", 500),
        (RETRIES[0], "delivered", 200),
    ]


def test_push_retried_with_the_same_body_and_signature(shopee: Emulator, shopee_push_sink: PushSink, outlet_id: int) -> None:
    shopee_push_sink.respond(503)
    status_event(shopee, outlet_id)
    shopee.advance(0)
    shopee.advance(RETRIES[0])
    first, second = shopee_push_sink.received
    assert (first.body, first.authorization) == (second.body, second.authorization)


def test_push_with_non_empty_answer_counts_as_failed(shopee: Emulator, shopee_push_sink: PushSink, outlet_id: int) -> None:
    shopee_push_sink.respond((200, '{"ok": true}'))
    status_event(shopee, outlet_id)
    shopee.advance(0)
    (message,) = shopee.pushes.messages(10)
    assert (message["state"], message["attempts"][0]["result"]) == ("pending", "non_empty_body")


def test_push_timeout_counts_as_failed(shopee: Emulator, shopee_push_sink: PushSink, outlet_id: int) -> None:
    shopee_push_sink.respond("timeout")
    status_event(shopee, outlet_id)
    shopee.advance(0)
    (message,) = shopee.pushes.messages(10)
    assert (message["state"], message["attempts"][0]["result"]) == ("pending", "timeout")


def test_unreachable_receiver_counts_as_failed(shopee: Emulator, outlet_id: int) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    PushSink().install(shopee)
    shopee.pushes.use_transport(httpx.MockTransport(refuse))
    status_event(shopee, outlet_id)
    shopee.advance(0)
    (message,) = shopee.pushes.messages(10)
    assert message["attempts"][0]["result"] == "connection_error"


@pytest.mark.parametrize("answer", [500, (200, "received"), "timeout"])
def test_push_lost_after_every_retry_fails(
    shopee: Emulator, shopee_push_sink: PushSink, shopee_client: Any, outlet_id: int, answer: Any
) -> None:
    status_event(shopee, outlet_id)
    fail_every_attempt(shopee, shopee_push_sink, answer)
    shopee.advance(86400)
    assert len(shopee_push_sink.received) == 1 + len(RETRIES)
    (message,) = shopee.pushes.messages(10)
    assert message["state"] == "lost"
    lost = ok(shopee_client.call("v2.push.get_lost_push_message", shop_id=outlet_id))["push_message_list"]
    assert [entry["data"] for entry in lost] == [message["body"]]


def test_long_advance_runs_every_retry(shopee: Emulator, shopee_push_sink: PushSink, outlet_id: int) -> None:
    shopee_push_sink.respond(*[500] * 4)
    status_event(shopee, outlet_id)
    start = shopee.clock.now()
    shopee.advance(86400)
    (message,) = shopee.pushes.messages(10)
    assert [a["time"] - start for a in message["attempts"]] == [0, 300, 2100, 12900]
    assert message["state"] == "lost"


def test_lost_push_served_by_get_lost_push_message(shopee: Emulator, shopee_push_sink: PushSink, shopee_client: Any, outlet_id: int) -> None:
    status_event(shopee, outlet_id, "260105QSK8S7BX")
    fail_every_attempt(shopee, shopee_push_sink, 502)
    got = ok(shopee_client.call("v2.push.get_lost_push_message", shop_id=outlet_id))
    (entry,) = got["push_message_list"]
    assert entry["shop_id"] == outlet_id and entry["code"] == 3
    assert entry["data"] == shopee_push_sink.received[0].body
    assert entry["timestamp"] == shopee.pushes.messages(1)[0]["lost_at"]
    assert got["has_next_page"] is False
    assert got["last_message_id"] == shopee.pushes.messages(1)[0]["message_id"]


def test_retry_intervals_can_be_shortened(shopee: Emulator, shopee_push_sink: PushSink, outlet_id: int) -> None:
    with shopee.transaction():
        shopee.pushes.settings.configure(shopee.auth.default_partner()["partner_id"], {"retry_intervals": [10]})
    shopee_push_sink.respond(500, 500)
    status_event(shopee, outlet_id)
    shopee.advance(0)
    shopee.advance(10)
    assert shopee.pushes.messages(1)[0]["state"] == "lost"


def test_receiver_may_call_the_emulator_while_answering(shopee: Emulator, shopee_client: Any, outlet_id: int) -> None:
    answers: list[str] = []

    def receiver(request: httpx.Request) -> httpx.Response:
        info = shopee_client.call("v2.shop.get_shop_info", shop_id=json.loads(request.content)["shop_id"])
        answers.append(info["error"])
        return httpx.Response(200)

    PushSink().install(shopee)
    shopee.pushes.use_transport(httpx.MockTransport(receiver))
    status_event(shopee, outlet_id)
    shopee.advance(0)
    assert answers == [""]
    assert shopee.pushes.messages(1)[0]["state"] == "delivered"


# the store's compaction may still trip TinyDB's write-mode warning on this branch
@pytest.mark.filterwarnings("ignore:Using an `access_mode`:UserWarning")
def test_pending_push_survives_a_restart(tmp_path: Any) -> None:
    path = str(tmp_path / "world.json")
    first = Emulator(data=path)
    PushSink().install(first)
    shop_id = quiet_outlets(first)[0]
    status_event(first, shop_id)
    first.close()
    second = Emulator(data=path)
    sink = PushSink()
    second.pushes.use_transport(httpx.MockTransport(sink._handle))
    second.advance(0)
    second.close()
    assert [p.code for p in sink.received] == [3]


def test_outbox_keeps_the_newest_messages(shopee: Emulator, shopee_push_sink: PushSink, outlet_id: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("emulator.domains.push.models.MAX_OUTBOX", 3)
    for n in range(5):
        status_event(shopee, outlet_id, f"260105ORDER{n:03d}")
        shopee.advance(0)
    kept = [json.loads(m["body"])["data"]["ordersn"] for m in shopee.pushes.messages(10)]
    assert kept == ["260105ORDER004", "260105ORDER003", "260105ORDER002"]


def test_broken_sender_counts_as_failed_and_keeps_the_clock_going(shopee: Emulator, outlet_id: int) -> None:
    def broken(url: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
        raise RuntimeError("boom")

    PushSink().install(shopee)
    shopee.pushes.sender = broken
    status_event(shopee, outlet_id)
    shopee.advance(0)
    attempt = shopee.pushes.messages(1)[0]["attempts"][0]
    assert {k: v for k, v in attempt.items() if k not in ("latency_ms", "authorization")} == {
        "time": shopee.clock.now(), "url": PushSink().url, "result": "connection_error", "http_status": None, "detail": "boom",
    }
    assert attempt["latency_ms"] >= 0


def push_config(shopee_client: Any, shop_id: int) -> dict[str, Any]:
    return ok(shopee_client.call("v2.push.get_app_push_config", shop_id=shop_id))


def retry_after(shopee: Emulator, intervals: list[int]) -> None:
    with shopee.transaction():
        shopee.pushes.settings.configure(shopee.auth.default_partner()["partner_id"], {"retry_intervals": intervals})


def send_pushes(shopee: Emulator, shop_id: int, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        status_event(shopee, shop_id, f"260105RATE{n:04d}")
    shopee.advance(0)


def test_app_in_warning_while_over_600_pushes_in_6_hours_succeed_under_70_percent(
    shopee: Emulator, shopee_push_sink: PushSink, shopee_client: Any, outlet_id: int
) -> None:
    retry_after(shopee, [])
    shopee_push_sink.respond(*[500] * 181)  # 420 of 601 delivered: 69.9%
    send_pushes(shopee, outlet_id, 600)
    assert push_config(shopee_client, outlet_id)["live_push_status"] == "Normal"  # 600 is not more than 600
    send_pushes(shopee, outlet_id, 1, start=600)
    config = push_config(shopee_client, outlet_id)
    assert (config["live_push_status"], "suspended_time" in config) == ("Warning", False)
    status_event(shopee, outlet_id, "260105RATE9999")
    shopee.advance(0)
    assert len(shopee_push_sink.received) == 602  # a warning stops nothing
    shopee.advance(6 * 3600)
    assert push_config(shopee_client, outlet_id)["live_push_status"] == "Normal"  # those pushes left the window


def test_app_with_70_percent_success_stays_normal(shopee: Emulator, shopee_push_sink: PushSink, shopee_client: Any, outlet_id: int) -> None:
    retry_after(shopee, [])
    shopee_push_sink.respond(*[500] * 180)  # 420 of 600 delivered, then one more delivered: 70.05%
    send_pushes(shopee, outlet_id, 601)
    assert push_config(shopee_client, outlet_id)["live_push_status"] == "Normal"


def test_subscription_suspended_under_30_percent_until_the_app_subscribes_again(
    shopee: Emulator, shopee_push_sink: PushSink, shopee_client: Any, shopee_http: httpx.Client, outlet_id: int
) -> None:
    retry_after(shopee, [300])
    shopee_push_sink.respond(*[500] * 601)
    send_pushes(shopee, outlet_id, 600)
    assert push_config(shopee_client, outlet_id)["live_push_status"] == "Normal"
    send_pushes(shopee, outlet_id, 1, start=600)
    suspended_at = shopee.clock.now()
    config = push_config(shopee_client, outlet_id)
    assert (config["live_push_status"], config["suspended_time"]) == ("Suspended", suspended_at)

    shopee.advance(300)  # the 601 retries fall due while suspended: given up, neither sent nor lost
    status_event(shopee, outlet_id, "260105MISSED")  # news during the suspension is never pushed
    shopee.advance(86400)
    assert len(shopee_push_sink.received) == 601
    states = {m["state"] for m in shopee.pushes.messages(1000)}
    assert states == {"suspended"}
    assert ok(shopee_client.call("v2.push.get_lost_push_message", shop_id=outlet_id))["push_message_list"] == []

    ok(shopee_client.call("v2.push.set_app_push_config", shop_id=outlet_id, body={"callback_url": shopee_push_sink.url}))
    config = push_config(shopee_client, outlet_id)
    assert (config["live_push_status"], "suspended_time" in config) == ("Normal", False)
    status_event(shopee, outlet_id, "260105AFTER")
    shopee.advance(0)
    assert json.loads(shopee_push_sink.received[-1].body)["data"]["ordersn"] == "260105AFTER"
    view = shopee_http.get("/_emulator/push/config").json()
    # the rate restarted with the new subscription
    assert (view["sent_6h"], view["delivered_6h"], view["success_rate"]) == (1, 1, 1.0)
