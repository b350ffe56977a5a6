"""Push control plane: faults (delay, drop, duplicate), the outbox, the console config and Verify."""
from __future__ import annotations

from typing import Any

import httpx
import pytest

from emulator.domains.push.sink import PushSink
from emulator.world import Emulator
from tests.domains.push_support import quiet_outlets


@pytest.fixture
def outlet_ids(shopee: Emulator) -> list[int]:
    return quiet_outlets(shopee)


def status_event(shopee: Emulator, shop_id: int, order_sn: str = "260105ABCD1234") -> None:
    shopee.publish("order.status_changed", shop_id, order_sn=order_sn, old="UNPAID", new="READY_TO_SHIP")


def add_faults(http: httpx.Client, **body: Any) -> httpx.Response:
    return http.post("/_emulator/push/faults", json=body)


def test_fault_delay_delivers_late_on_the_clock(shopee: Emulator, shopee_http: httpx.Client, shopee_push_sink: PushSink, outlet_id: int) -> None:
    assert add_faults(shopee_http, code=3, effects=[{"delay": 30}]).status_code == 200
    status_event(shopee, outlet_id)
    shopee.advance(29)
    assert shopee_push_sink.received == []
    shopee.advance(1)
    assert len(shopee_push_sink.received) == 1


def test_fault_drop_never_sends_nor_loses(shopee: Emulator, shopee_http: httpx.Client, shopee_client: Any, shopee_push_sink: PushSink, outlet_id: int) -> None:
    add_faults(shopee_http, code=3, effects=["drop"])
    status_event(shopee, outlet_id)
    shopee.advance(86400)
    assert shopee_push_sink.received == []
    assert shopee.pushes.messages(1)[0]["state"] == "dropped"
    lost = shopee_client.call("v2.push.get_lost_push_message", shop_id=outlet_id)["response"]
    assert lost["push_message_list"] == []


def test_fault_duplicate_delivers_the_same_push_twice(shopee: Emulator, shopee_http: httpx.Client, shopee_push_sink: PushSink, outlet_id: int) -> None:
    add_faults(shopee_http, code=3, effects=["duplicate"])
    status_event(shopee, outlet_id)
    shopee.advance(0)
    first, second = shopee_push_sink.received
    assert (first.body, first.authorization) == (second.body, second.authorization)


def test_fault_effects_apply_one_per_message_in_order(shopee: Emulator, shopee_http: httpx.Client, shopee_push_sink: PushSink, outlet_id: int) -> None:
    add_faults(shopee_http, code=3, effects=["drop", "pass"])
    for n in range(3):
        status_event(shopee, outlet_id, f"260105ORDER{n:03d}")
    shopee.advance(0)
    assert [p.json["data"]["ordersn"] for p in shopee_push_sink.received] == ["260105ORDER001", "260105ORDER002"]


def test_fault_for_another_code_leaves_pushes_alone(shopee: Emulator, shopee_http: httpx.Client, shopee_push_sink: PushSink, outlet_id: int) -> None:
    add_faults(shopee_http, code=4, effects=["drop"])
    status_event(shopee, outlet_id)
    shopee.advance(0)
    assert len(shopee_push_sink.received) == 1


def test_fault_without_code_applies_to_every_code(shopee: Emulator, shopee_http: httpx.Client, shopee_push_sink: PushSink, outlet_id: int) -> None:
    add_faults(shopee_http, effects=["drop"], repeat_last=True)
    status_event(shopee, outlet_id)
    shopee.publish("order.tracking_number", outlet_id, order_sn="260105ABCD1234", package_number="P", tracking_number="T")
    shopee.advance(0)
    assert shopee_push_sink.received == []


def test_faults_listed_and_cleared(shopee_http: httpx.Client) -> None:
    add_faults(shopee_http, code=3, effects=["drop", {"delay": 5}])
    listed = shopee_http.get("/_emulator/push/faults").json()["faults"]
    assert listed == [{"code": 3, "effects": ["drop", {"delay": 5}], "repeat_last": False, "matched": 0}]
    assert shopee_http.delete("/_emulator/push/faults").json() == {"faults": []}


@pytest.mark.parametrize("effects", [["explode"], [{"delay": -1}], [{"delay": "soon"}], "drop", [{"delay": 1, "x": 2}]])
def test_fault_with_bad_effects_refused(shopee_http: httpx.Client, effects: Any) -> None:
    reply = add_faults(shopee_http, code=3, effects=effects)
    assert reply.status_code == 400
    assert reply.json()["error"] == "bad_request"


def test_pushes_lists_outbox_with_attempts(shopee: Emulator, shopee_http: httpx.Client, shopee_push_sink: PushSink, outlet_id: int) -> None:
    shopee_push_sink.respond(500)
    status_event(shopee, outlet_id)
    shopee.advance(0)
    (push,) = shopee_http.get("/_emulator/pushes", params={"code": 3}).json()["pushes"]
    assert (push["state"], push["shop_id"], push["code"]) == ("pending", outlet_id, 3)
    assert push["attempts"][0]["result"] == "http_status"
    assert push["attempts"][0]["http_status"] == 500


def test_pushes_filters_by_state(shopee: Emulator, shopee_http: httpx.Client, shopee_push_sink: PushSink, outlet_id: int) -> None:
    status_event(shopee, outlet_id)
    shopee.advance(0)
    assert shopee_http.get("/_emulator/pushes", params={"state": "lost"}).json() == {"pushes": []}
    assert len(shopee_http.get("/_emulator/pushes", params={"state": "delivered"}).json()["pushes"]) == 1


def test_pushes_bad_filter_refused(shopee_http: httpx.Client) -> None:
    reply = shopee_http.get("/_emulator/pushes", params={"state": "teleported"})
    assert reply.status_code == 400


def test_push_config_sets_url_and_exact_codes(shopee_http: httpx.Client) -> None:
    reply = shopee_http.post("/_emulator/push/config", json={"callback_url": "http://127.0.0.1:9000/push", "codes": [4, 3]})
    body = reply.json()
    assert (body["callback_url"], body["push_config_on_list"], body["retry_intervals"]) == (
        "http://127.0.0.1:9000/push", [3, 4], [300, 1800, 10800]
    )
    assert shopee_http.get("/_emulator/push/config").json()["push_config_on_list"] == [3, 4]


@pytest.mark.parametrize(
    "body",
    [{"codes": [3]}, {"callback_url": "nope"}, {"callback_url": "http://x.test/", "codes": [99]}, {"retry_intervals": [-5]}],
)
def test_push_config_bad_body_refused_and_changes_nothing(shopee_http: httpx.Client, body: dict[str, Any]) -> None:
    reply = shopee_http.post("/_emulator/push/config", json=body)
    assert reply.status_code == 400
    assert shopee_http.get("/_emulator/push/config").json()["callback_url"] == ""


def test_push_test_sends_a_verification_push(shopee: Emulator, shopee_http: httpx.Client, shopee_push_sink: PushSink) -> None:
    reply = shopee_http.post("/_emulator/push/test", json={}).json()
    (push,) = shopee_push_sink.received
    assert push.json == {"data": {}, "code": 0, "timestamp": shopee.clock.now()}
    assert shopee_push_sink.verifies(push, shopee.auth.default_partner()["partner_key"])
    assert (reply["state"], reply["attempts"][0]["result"]) == ("delivered", "delivered")


def test_push_test_reports_a_failing_receiver_without_retrying(shopee: Emulator, shopee_http: httpx.Client, shopee_push_sink: PushSink) -> None:
    shopee_push_sink.respond(404)
    reply = shopee_http.post("/_emulator/push/test", json={}).json()
    assert (reply["state"], reply["attempts"][0]["http_status"]) == ("failed", 404)
    shopee.advance(86400)
    assert len(shopee_push_sink.of_code(0)) == 1


def test_push_test_without_callback_url_refused(shopee_http: httpx.Client) -> None:
    reply = shopee_http.post("/_emulator/push/test", json={})
    assert reply.status_code == 400
    assert reply.json()["message"] == "the app has no callback_url: pass one or set it first"


def test_clock_advance_over_control_plane_delivers(shopee: Emulator, shopee_http: httpx.Client, shopee_push_sink: PushSink, outlet_id: int) -> None:
    status_event(shopee, outlet_id)
    assert shopee_http.post("/_emulator/clock/advance", json={"seconds": 0}).status_code == 200
    assert len(shopee_push_sink.received) == 1


def test_reset_clears_push_config_and_outbox(shopee: Emulator, shopee_http: httpx.Client, shopee_push_sink: PushSink, outlet_id: int) -> None:
    status_event(shopee, outlet_id)
    shopee.advance(0)
    shopee_http.post("/_emulator/reset")
    assert shopee_http.get("/_emulator/pushes").json() == {"pushes": []}
    assert shopee_http.get("/_emulator/push/config").json()["callback_url"] == ""


def test_push_test_to_a_given_url(shopee: Emulator, shopee_http: httpx.Client, shopee_push_sink: PushSink) -> None:
    reply = shopee_http.post("/_emulator/push/test", json={"callback_url": "https://push-sink.test/other"}).json()
    assert [p.url for p in shopee_push_sink.received] == ["https://push-sink.test/other"]
    assert shopee_push_sink.verifies(shopee_push_sink.received[0], shopee.auth.default_partner()["partner_key"])
    assert reply["state"] == "delivered"


def test_push_test_bad_url_refused(shopee_http: httpx.Client) -> None:
    reply = shopee_http.post("/_emulator/push/test", json={"callback_url": "nope"})
    assert (reply.status_code, reply.json()["message"]) == (400, "callback_url must be an http(s) URL")


@pytest.mark.parametrize("name", ["limit", "code", "shop_id", "before"])
def test_pushes_filter_of_thousands_of_digits_is_refused(shopee_http: httpx.Client, name: str) -> None:
    answer = shopee_http.get("/_emulator/pushes", params={name: "9" * 5000})
    assert answer.status_code == 400
    assert answer.json()["message"] == f"{name} must be a whole number"
