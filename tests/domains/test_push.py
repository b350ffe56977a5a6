"""The v2.push APIs: push settings, which shops and codes get pushes, lost pushes and confirming them."""
from __future__ import annotations

from typing import Any

import pytest

from emulator.domains.push.sink import PushSink
from emulator.world import Emulator
from tests.conftest import ok
from tests.domains.push_support import quiet_outlets

CALLBACK = "https://erp.example.com/shopee/push"
EMPTY_URL = "Your app's callback_url is empty, please input a callback_url before you turn on push config."
INVALID_URL = "this callback_url is invalid, please check your callback_url."


@pytest.fixture
def outlet_ids(shopee: Emulator) -> list[int]:
    return quiet_outlets(shopee)


def set_config(client: Any, shop_id: int, **body: Any) -> dict[str, Any]:
    return client.call("v2.push.set_app_push_config", shop_id=shop_id, body=body)  # type: ignore[no-any-return]


def get_config(client: Any, shop_id: int) -> dict[str, Any]:
    return ok(client.call("v2.push.get_app_push_config", shop_id=shop_id))


def status_event(shopee: Emulator, shop_id: int, order_sn: str = "260105ABCD1234") -> None:
    shopee.publish("order.status_changed", shop_id, order_sn=order_sn, old="UNPAID", new="READY_TO_SHIP")


def lose(shopee: Emulator, sink: PushSink, shop_id: int, order_sn: str) -> None:
    sink.respond(*[500] * 4)
    status_event(shopee, shop_id, order_sn)
    shopee.advance(86400)


def test_get_app_push_config_defaults_to_nothing_on(shopee_client: Any, mart_id: int) -> None:
    assert get_config(shopee_client, mart_id) == {
        "callback_url": "",
        "live_push_status": "Normal",
        "blocked_shop_id": [],
        "push_config_on_list": [],
        "push_config_off_list": [*range(1, 14), 15],
    }


def test_set_app_push_config_then_get_shows_it(shopee_client: Any, mart_id: int) -> None:
    reply = set_config(shopee_client, mart_id, callback_url=CALLBACK, set_push_config_on=[3, 4], blocked_shop_id_list=[10010])
    assert ok(reply) == {"result": "success"}
    config = get_config(shopee_client, mart_id)
    assert (config["callback_url"], config["push_config_on_list"], config["blocked_shop_id"]) == (CALLBACK, [3, 4], [10010])
    assert config["push_config_off_list"] == [1, 2, *range(5, 14), 15]


def test_set_app_push_config_turns_codes_off(shopee_client: Any, mart_id: int) -> None:
    set_config(shopee_client, mart_id, callback_url=CALLBACK, set_push_config_on=[3, 4])
    ok(set_config(shopee_client, mart_id, set_push_config_off=[4]))
    assert get_config(shopee_client, mart_id)["push_config_on_list"] == [3]


def test_set_app_push_config_is_per_partner_not_per_shop(shopee_client: Any, mart_id: int, outlet_id: int) -> None:
    set_config(shopee_client, mart_id, callback_url=CALLBACK, set_push_config_on=[3])
    assert get_config(shopee_client, outlet_id)["push_config_on_list"] == [3]


def test_set_app_push_config_without_callback_url_refuses_codes(shopee_client: Any, mart_id: int) -> None:
    reply = set_config(shopee_client, mart_id, set_push_config_on=[3])
    assert (reply["error"], reply["message"]) == ("error_param", EMPTY_URL)


@pytest.mark.parametrize(
    "url", ["not a url", "ftp://example.com/push", "https://", "http://exa mple.com/", "http://[::1/push", "http://x.test:99999999/"]
)
def test_set_app_push_config_invalid_callback_url(shopee_client: Any, mart_id: int, url: str) -> None:
    reply = set_config(shopee_client, mart_id, callback_url=url)
    assert (reply["error"], reply["message"]) == ("error_param", INVALID_URL)


def test_set_app_push_config_unknown_code(shopee_client: Any, mart_id: int) -> None:
    reply = set_config(shopee_client, mart_id, callback_url=CALLBACK, set_push_config_on=[3, 99])
    assert (reply["error"], reply["message"]) == (
        "error_param",
        "Wrong parameters, detail: set_push_config_on contains unknown push code 99.",
    )


def test_set_app_push_config_code_both_on_and_off(shopee_client: Any, mart_id: int) -> None:
    reply = set_config(shopee_client, mart_id, callback_url=CALLBACK, set_push_config_on=[3], set_push_config_off=[3])
    assert (reply["error"], reply["message"]) == (
        "error_param",
        "Wrong parameters, detail: push code 3 is in both set_push_config_on and set_push_config_off.",
    )


def test_set_app_push_config_too_many_blocked_shops(shopee_client: Any, mart_id: int) -> None:
    reply = set_config(shopee_client, mart_id, blocked_shop_id_list=list(range(1, 502)))
    assert (reply["error"], reply["message"]) == (
        "error_param",
        "Wrong parameters, detail: blocked_shop_id_list should have at most 500 shop ids.",
    )


def test_set_app_push_config_refused_changes_nothing(shopee_client: Any, mart_id: int) -> None:
    set_config(shopee_client, mart_id, callback_url=CALLBACK, set_push_config_on=[3])
    set_config(shopee_client, mart_id, callback_url="nope", set_push_config_on=[4])
    config = get_config(shopee_client, mart_id)
    assert (config["callback_url"], config["push_config_on_list"]) == (CALLBACK, [3])


def test_push_sent_for_code_switched_on_through_the_api(shopee: Emulator, shopee_client: Any, outlet_id: int) -> None:
    sink = PushSink(CALLBACK).install(shopee, codes=[])
    ok(set_config(shopee_client, outlet_id, set_push_config_on=[3]))
    status_event(shopee, outlet_id)
    shopee.advance(0)
    assert [p.code for p in sink.received] == [3]


def test_no_push_for_code_switched_off(shopee: Emulator, shopee_client: Any, shopee_push_sink: PushSink, outlet_id: int) -> None:
    ok(set_config(shopee_client, outlet_id, set_push_config_off=[3]))
    status_event(shopee, outlet_id)
    shopee.advance(0)
    assert shopee_push_sink.received == []
    assert shopee.pushes.messages(10) == []


def test_no_push_for_blocked_shop(shopee: Emulator, shopee_client: Any, shopee_push_sink: PushSink, outlet_ids: list[int]) -> None:
    blocked = get_config(shopee_client, outlet_ids[0])["blocked_shop_id"]
    ok(set_config(shopee_client, outlet_ids[0], blocked_shop_id_list=[*blocked, outlet_ids[0]]))
    status_event(shopee, outlet_ids[0], "260105BLOCKED1")
    status_event(shopee, outlet_ids[1], "260105OPEN0001")
    shopee.advance(0)
    assert [p.json["shop_id"] for p in shopee_push_sink.received] == [outlet_ids[1]]


def test_no_push_for_shop_whose_authorization_expired(shopee: Emulator, shopee_push_sink: PushSink, outlet_id: int) -> None:
    shopee.advance(366 * 86400)
    expiry_notices = len(shopee_push_sink.received)
    status_event(shopee, outlet_id)
    shopee.advance(0)
    assert {p.code for p in shopee_push_sink.received} == {12}  # a week before the end, then nothing
    assert len(shopee_push_sink.received) == expiry_notices


def test_trackingno_push_for_tracking_number_event(shopee: Emulator, shopee_push_sink: PushSink, outlet_id: int) -> None:
    shopee.publish("order.tracking_number", outlet_id, order_sn="260105ABCD1234", package_number="OFG1", tracking_number="SPXID01")
    shopee.advance(0)
    (push,) = shopee_push_sink.received
    assert push.json == {
        "data": {"ordersn": "260105ABCD1234", "package_number": "OFG1", "tracking_no": "SPXID01"},
        "shop_id": outlet_id,
        "code": 4,
        "timestamp": shopee.clock.now(),
    }


def test_shipping_document_status_push(shopee: Emulator, shopee_push_sink: PushSink, outlet_id: int) -> None:
    shopee.publish("order.shipping_document_status", outlet_id, order_sn="260105ABCD1234", package_number="OFG1", status="READY")
    shopee.advance(0)
    (push,) = shopee_push_sink.received
    assert (push.code, push.json["data"]) == (15, {"ordersn": "260105ABCD1234", "package_number": "OFG1", "status": "READY"})


def test_get_lost_push_message_empty(shopee_client: Any, mart_id: int) -> None:
    assert ok(shopee_client.call("v2.push.get_lost_push_message", shop_id=mart_id)) == {
        "push_message_list": [],
        "has_next_page": False,
        "last_message_id": 0,
    }


def test_get_lost_push_message_earliest_first(shopee: Emulator, shopee_client: Any, shopee_push_sink: PushSink, outlet_id: int) -> None:
    lose(shopee, shopee_push_sink, outlet_id, "260105FIRST001")
    lose(shopee, shopee_push_sink, outlet_id, "260105SECOND01")
    got = ok(shopee_client.call("v2.push.get_lost_push_message", shop_id=outlet_id))
    assert ['FIRST' in m["data"] for m in got["push_message_list"]] == [True, False]


def test_get_lost_push_message_pages_by_100(shopee: Emulator, shopee_client: Any, shopee_push_sink: PushSink, outlet_id: int) -> None:
    shopee_push_sink.respond(*[500] * 4 * 101)
    for n in range(101):
        status_event(shopee, outlet_id, f"260105LOST{n:04d}")
    shopee.advance(86400)
    got = ok(shopee_client.call("v2.push.get_lost_push_message", shop_id=outlet_id))
    assert (len(got["push_message_list"]), got["has_next_page"]) == (100, True)


def test_get_lost_push_message_forgets_after_3_days(shopee: Emulator, shopee_client: Any, shopee_push_sink: PushSink, outlet_id: int) -> None:
    lose(shopee, shopee_push_sink, outlet_id, "260105OLD00001")
    shopee.advance(3 * 86400)
    got = ok(shopee_client.call("v2.push.get_lost_push_message", shop_id=outlet_id))
    assert got["push_message_list"] == []


def test_confirm_consumed_removes_up_to_last_message_id(shopee: Emulator, shopee_client: Any, shopee_push_sink: PushSink, outlet_id: int) -> None:
    lose(shopee, shopee_push_sink, outlet_id, "260105FIRST001")
    first = ok(shopee_client.call("v2.push.get_lost_push_message", shop_id=outlet_id))
    lose(shopee, shopee_push_sink, outlet_id, "260105SECOND01")
    reply = shopee_client.call(
        "v2.push.confirm_consumed_lost_push_message", shop_id=outlet_id, body={"last_message_id": first["last_message_id"]}
    )
    assert (reply["error"], "response" in reply) == ("", False)
    rest = ok(shopee_client.call("v2.push.get_lost_push_message", shop_id=outlet_id))["push_message_list"]
    assert ["SECOND" in m["data"] for m in rest] == [True]


def test_confirm_consumed_twice_is_accepted(shopee: Emulator, shopee_client: Any, shopee_push_sink: PushSink, outlet_id: int) -> None:
    lose(shopee, shopee_push_sink, outlet_id, "260105FIRST001")
    last = ok(shopee_client.call("v2.push.get_lost_push_message", shop_id=outlet_id))["last_message_id"]
    for _ in range(2):
        reply = shopee_client.call("v2.push.confirm_consumed_lost_push_message", shop_id=outlet_id, body={"last_message_id": last})
        assert reply["error"] == ""


def test_confirm_consumed_unknown_message(shopee_client: Any, mart_id: int) -> None:
    reply = shopee_client.call("v2.push.confirm_consumed_lost_push_message", shop_id=mart_id, body={"last_message_id": 176610})
    assert (reply["error"], reply["message"]) == ("error_data", "data not exist")


def test_confirm_consumed_requires_last_message_id(shopee_client: Any, mart_id: int) -> None:
    reply = shopee_client.call("v2.push.confirm_consumed_lost_push_message", shop_id=mart_id, body={})
    assert reply["error"] == "error_param"
    assert "last_message_id" in reply["message"]


def test_push_apis_take_the_partner_level_sign(shopee_client: Any) -> None:
    ok(shopee_client.call("v2.push.set_app_push_config", body={"callback_url": CALLBACK, "set_push_config_on": [3]}))
    assert get_config(shopee_client, None)["push_config_on_list"] == [3]  # type: ignore[arg-type]


def test_push_apis_refuse_a_wrong_partner_level_sign(shopee_client: Any) -> None:
    _, path, query = shopee_client.signed_query("v2.push.get_app_push_config")
    reply = shopee_client.http.get(path, params={**query, "sign": "0" * 64}).json()
    assert (reply["error"], reply["message"]) == ("error_sign", "Wrong sign.")
