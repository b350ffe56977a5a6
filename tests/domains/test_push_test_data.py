"""Push Test Data (``POST /_emulator/push/test`` with a code): a sample push shaped as the real push
of that code, signed as every push is, filled from the world, and sent through the outbox."""
from __future__ import annotations

from typing import Any

import httpx
import pytest

from emulator.domains.push.sink import SINK_URL, PushSink, ReceivedPush
from emulator.world import Emulator
from tests.conftest import ok
from tests.domains.discount_helpers import HOUR, add_plain, new_discount, plain_item
from tests.domains.test_discount_stock import set_stock, summary

TEST = "/_emulator/push/test"
PARTNER_LEVEL = (1, 2, 12)
# The fields of each code's push ``data`` and their JSON types, as the real push of that code sends them.
FIELDS: dict[int, dict[str, type | tuple[type, ...]]] = {
    1: {"main_account_id": int, "shop_id_list": list, "merchant_id_list": list, "success": int, "extra": str},
    2: {"main_account_id": int, "shop_id_list": list, "merchant_id_list": list, "success": int, "extra": str},
    3: {"items": list, "ordersn": str, "status": str, "completed_scenario": str, "update_time": int},
    4: {"ordersn": str, "package_number": str, "tracking_no": str},
    7: {"shop_id": int, "item_id": int, "variation_id": int, "promotion_type": str, "promotion_id": int, "action": str,
        "update_time": int, "start_time": int, "end_time": int, "reserved_stock": int},
    8: {"shop_id": int, "item_id": int, "variation_id": int, "action": str, "changed_values": list, "update_time": int},
    9: {"shop_id": int, "promotion_id": int, "promotion_type": str, "start_time": int, "end_time": int, "action": str,
        "item_id": int, "variation_id": int},
    11: {"video_upload_id": str, "status": str, "message": str, "video_info": dict},
    12: {"shop_expire_soon": list, "merchant_expire_soon": list, "expire_before": int, "page_no": int, "total_page": int},
    15: {"ordersn": str, "package_number": str, "status": str},
}


def send(http: httpx.Client, **body: Any) -> dict[str, Any]:
    answer = http.post(TEST, json=body)
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


def partner_shop_ids(shopee: Emulator) -> set[int]:
    partner_id = shopee.auth.default_partner()["partner_id"]
    return {s["shop_id"] for s in shopee.shops.all_shops() if s["partner_id"] == partner_id}


@pytest.mark.parametrize("code", sorted(FIELDS))
def test_each_code_arrives_signed_with_the_real_push_fields(
    shopee: Emulator, shopee_http: httpx.Client, shopee_push_sink: PushSink, code: int
) -> None:
    reply = send(shopee_http, code=code)
    (push,) = shopee_push_sink.received
    assert shopee_push_sink.verifies(push, shopee.auth.default_partner()["partner_key"])
    body = push.json
    envelope = ["data", "code", "timestamp"] if code in PARTNER_LEVEL else ["data", "shop_id", "code", "timestamp"]
    assert list(body) == envelope
    assert (body["code"], body["timestamp"]) == (code, shopee.clock.now())
    if code not in PARTNER_LEVEL:
        assert body["shop_id"] in partner_shop_ids(shopee)
    fields = FIELDS[code]
    assert list(body["data"])[: len(fields)] == list(fields)
    for name, kind in fields.items():
        value = body["data"][name]
        assert isinstance(value, kind) and not isinstance(value, bool), (name, value)
    assert (reply["state"], reply["code"], reply["body"], reply["test_data"]) == ("delivered", code, push.body, True)


def test_order_status_sample_is_the_shops_newest_order(shopee: Emulator, shopee_http: httpx.Client, shopee_push_sink: PushSink) -> None:
    send(shopee_http, code=3)
    (push,) = shopee_push_sink.received
    order = shopee.orders.get(push.json["data"]["ordersn"])
    assert order["shop_id"] == push.json["shop_id"]
    assert (push.json["data"]["status"], push.json["data"]["update_time"]) == (order["order_status"], order["update_time"])
    newer = [o for o in shopee.store.collection("orders").values() if o["shop_id"] == order["shop_id"] and o["update_time"] > order["update_time"]]
    assert newer == []


@pytest.mark.parametrize("code", [4, 15])
def test_package_samples_name_a_shipped_package_and_its_tracking_number(
    shopee: Emulator, shopee_http: httpx.Client, shopee_push_sink: PushSink, code: int
) -> None:
    send(shopee_http, code=code)
    data = shopee_push_sink.received[0].json["data"]
    package = shopee.orders.get(data["ordersn"])["packages"][0]
    assert package["package_number"] == data["package_number"] and package["tracking_number"]
    if code == 4:
        assert data["tracking_no"] == package["tracking_number"]
    else:
        assert data["status"] == "READY"


def test_video_sample_is_the_marts_transcoded_video(shopee: Emulator, shopee_http: httpx.Client, shopee_client: Any,
                                                    shopee_push_sink: PushSink, mart_id: int) -> None:
    send(shopee_http, code=11)
    push = shopee_push_sink.received[0]
    assert push.json["shop_id"] == mart_id
    data = push.json["data"]
    result = ok(shopee_client.call("v2.media.get_video_upload_result", shop_id=mart_id, params={"video_upload_id": data["video_upload_id"]}))
    assert (data["status"], data["message"]) == ("SUCCEEDED", "")
    assert data["video_info"]["duration"] == result["video_info"]["duration"]
    assert shopee_http.get(data["video_info"]["video_url"]).status_code == 200


def test_promotion_samples_name_the_shops_running_discount(
    shopee: Emulator, shopee_http: httpx.Client, shopee_client: Any, shopee_push_sink: PushSink, outlet_id: int
) -> None:
    item = plain_item(shopee, outlet_id)
    ok(set_stock(shopee_client, outlet_id, item["item_id"], 20))
    discount_id = new_discount(shopee, shopee_client, outlet_id, starts_in=HOUR)
    add_plain(shopee_client, outlet_id, discount_id, item, 1000, item_promotion_stock=5)
    shopee.advance(HOUR)
    shopee_push_sink.received.clear()
    for code in (7, 8, 9):
        send(shopee_http, code=code, shop_id=outlet_id)
    item_promotion, reserved, update = (p.json["data"] for p in shopee_push_sink.received)
    assert (item_promotion["promotion_id"], item_promotion["item_id"], item_promotion["action"], item_promotion["reserved_stock"]) == (
        discount_id, item["item_id"], "promo_lock_stock", 5
    )
    # push 8's new figure is what get_item_base_info shows as total_reserved_stock now
    assert summary(shopee_client, outlet_id, item["item_id"])[1] == 5
    assert (reserved["item_id"], reserved["changed_values"]) == (item["item_id"], [{"name": "reserved_stock", "old": 0, "new": 5}])
    assert (update["promotion_id"], update["action"], update["reserved_stock"]) == (discount_id, "added_in_promo", 5)


@pytest.mark.parametrize("code", PARTNER_LEVEL)
def test_authorization_samples_list_the_main_accounts_shops(
    shopee: Emulator, shopee_http: httpx.Client, shopee_push_sink: PushSink, mart_id: int, code: int
) -> None:
    send(shopee_http, code=code, shop_id=mart_id)
    data = shopee_push_sink.received[0].json["data"]
    mart = shopee.shops.get(mart_id)
    listed = data["shop_expire_soon"] if code == 12 else data["shop_id_list"]
    assert sorted(listed) == sorted([mart_id, *mart["outlet_shop_ids"]])
    if code == 12:
        assert data["expire_before"] == mart["expire_time"]
    else:
        assert data["main_account_id"] == mart["main_account_id"]
        assert data["extra"].endswith("is authorized successfully" if code == 1 else "is deauthorized successfully")


def test_a_shop_without_news_gets_invented_values_of_the_same_form(
    shopee: Emulator, shopee_http: httpx.Client, shopee_push_sink: PushSink, mart_id: int
) -> None:
    send(shopee_http, code=3, shop_id=mart_id)  # a Mart takes no orders
    body = shopee_push_sink.received[0].json
    assert body["shop_id"] == mart_id
    assert body["data"]["ordersn"] == "260105TESTDATA" and shopee.orders.find("260105TESTDATA") is None
    assert (body["data"]["status"], body["data"]["update_time"]) == ("READY_TO_SHIP", shopee.clock.now())


def test_sent_whatever_codes_are_on_or_shops_blocked(shopee: Emulator, shopee_http: httpx.Client, shopee_push_sink: PushSink, outlet_id: int) -> None:
    shopee_http.post("/_emulator/push/config", json={"callback_url": SINK_URL, "codes": [], "blocked_shop_ids": [outlet_id]})
    send(shopee_http, code=3, shop_id=outlet_id)
    assert [p.json["shop_id"] for p in shopee_push_sink.of_code(3)] == [outlet_id]


def test_a_failed_sample_is_retried_then_lost_like_any_push(
    shopee: Emulator, shopee_http: httpx.Client, shopee_client: Any, shopee_push_sink: PushSink, outlet_id: int
) -> None:
    shopee_push_sink.respond(500, 500)
    reply = send(shopee_http, code=4, shop_id=outlet_id)
    assert (reply["state"], reply["attempts"][0]["http_status"]) == ("pending", 500)
    shopee.advance(300)
    assert len(shopee_push_sink.received) == 2
    shopee.advance(1800)
    assert shopee.pushes.messages(1)[0]["state"] == "delivered"
    assert len({(p.body, p.authorization) for p in shopee_push_sink.received}) == 1


def test_faults_of_the_code_apply(shopee: Emulator, shopee_http: httpx.Client, shopee_push_sink: PushSink) -> None:
    shopee_http.post("/_emulator/push/faults", json={"code": 3, "effects": ["drop", {"delay": 30}]})
    assert send(shopee_http, code=3)["state"] == "dropped"
    assert send(shopee_http, code=3)["state"] == "pending"
    assert shopee_push_sink.received == []
    shopee.advance(30)
    assert len(shopee_push_sink.of_code(3)) == 1


def test_a_given_callback_url_gets_every_attempt(shopee: Emulator, shopee_http: httpx.Client, shopee_push_sink: PushSink) -> None:
    shopee_push_sink.respond(500)
    other = "https://push-sink.test/other"
    send(shopee_http, code=3, callback_url=other)
    shopee.advance(300)
    pushes: list[ReceivedPush] = shopee_push_sink.received
    assert [p.url for p in pushes] == [other, other]
    assert shopee_push_sink.verifies(pushes[1], shopee.auth.default_partner()["partner_key"])


def test_the_outbox_marks_test_data(shopee_http: httpx.Client, shopee_push_sink: PushSink) -> None:
    send(shopee_http, code=15)
    (listed,) = shopee_http.get("/_emulator/pushes", params={"code": 15}).json()["pushes"]
    assert (listed["test_data"], listed["state"]) == (True, "delivered")


@pytest.mark.parametrize("code", [5, 99, -1, 0.5])
def test_a_code_without_test_data_is_refused_with_the_valid_codes(shopee_http: httpx.Client, shopee_push_sink: PushSink, code: Any) -> None:
    answer = shopee_http.post(TEST, json={"code": code})
    assert answer.status_code == 400
    assert answer.json() == {
        "error": "bad_request",
        "message": f"code {code} has no test data: valid codes are 0 (verification), 1, 2, 3, 4, 7, 8, 9, 11, 12, 15 "
                   "(the emulator never sends 5, 6, 10, 13)",
    }
    assert shopee_push_sink.received == []


def test_code_zero_is_the_verification_push(shopee: Emulator, shopee_http: httpx.Client, shopee_push_sink: PushSink) -> None:
    send(shopee_http, code=0)
    assert shopee_push_sink.received[0].json == {"data": {}, "code": 0, "timestamp": shopee.clock.now()}


def test_unknown_shop_and_another_partners_shop_refused(shopee: Emulator, shopee_http: httpx.Client, shopee_push_sink: PushSink) -> None:
    unknown = shopee_http.post(TEST, json={"code": 3, "shop_id": 1})
    assert (unknown.status_code, unknown.json()["message"]) == (404, "no such shop_id 1")
    with shopee.transaction():
        shopee.auth.add_partner(2000001, "Another app")
    shop_id = next(iter(partner_shop_ids(shopee)))
    refused = shopee_http.post(TEST, json={"code": 3, "shop_id": shop_id, "partner_id": 2000001, "callback_url": SINK_URL})
    assert (refused.status_code, refused.json()["message"]) == (400, f"shop_id {shop_id} is not a shop of partner_id 2000001")
    no_shops = shopee_http.post(TEST, json={"code": 3, "partner_id": 2000001, "callback_url": SINK_URL})
    assert (no_shops.status_code, no_shops.json()["message"]) == (400, "partner_id 2000001 has no shops to send test data of")
    assert shopee_push_sink.received == []
