"""The authorization's life as an integrator sees it: pushes 1, 12 and 2 at a live receiver at the
virtual times they belong to, the period picked on the page, and the tokens refused afterwards."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from emulator import signing
from emulator.http.auth_pages import CANCEL_PATH
from emulator.domains.push import delivery
from emulator.server import LiveServer
from emulator.world import Emulator
from tests.conftest import assert_error
from tests.core.test_auth_flow import (
    FormParser,
    auth_link,
    open_page,
    refresh,
    token_get,
)
from tests.domains.push_support import quiet_outlets
from tests.domains.test_push_live import Receiver

DAY = 86400
SHOP_INFO = "v2.shop.get_shop_info"
NO_LINK = ("shop_no_linked", "Partner and shop has no linked.")


@pytest.fixture
def receiver(shopee_server: LiveServer) -> Iterator[Receiver]:
    with Receiver(shopee_server.url) as running:
        yield running


@pytest.fixture
def live(shopee_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=shopee_server.url, timeout=30) as http:
        yield http


def pushes(receiver: Receiver, key: str) -> list[dict[str, Any]]:
    """The bodies received so far, each checked against its Authorization signature."""
    for push in receiver.received:
        assert delivery.verify(key, receiver.url, push["body"], push["authorization"])
    return [json.loads(push["body"]) for push in receiver.received]


def advance(live: httpx.Client, seconds: int) -> None:
    live.post("/_emulator/clock/advance", json={"seconds": seconds}).raise_for_status()


def confirm(live: httpx.Client, shopee: Emulator, account: str, **period: str) -> dict[str, str]:
    form = open_page(live, auth_link(shopee))
    response = live.post(form.action, data={**form.hidden, "account": account, **period})
    assert response.status_code == 302, response.text
    return {k: v[0] for k, v in parse_qs(urlsplit(response.headers["location"]).query).items()}


def cancel_link(shopee: Emulator) -> dict[str, Any]:
    partner = shopee.auth.default_partner()
    ts = shopee.clock.now()
    sign = signing.sign(partner["partner_key"], signing.base_string(partner["partner_id"], CANCEL_PATH, ts))
    return {"partner_id": partner["partner_id"], "timestamp": ts, "sign": sign, "redirect": "https://erp.example/bye"}


def cancel_on_page(live: httpx.Client, shopee: Emulator, account: str) -> httpx.Response:
    page = live.get(CANCEL_PATH, params=cancel_link(shopee))
    assert page.status_code == 200, page.text
    form = FormParser()
    form.feed(page.text)
    assert account in form.accounts
    return live.post(form.action, data={**form.hidden, "account": account})


def test_authorization_pushes_arrive_signed_at_their_virtual_times(
    shopee: Emulator, shopee_server: LiveServer, receiver: Receiver, live: httpx.Client
) -> None:
    outlet_id = quiet_outlets(shopee, 1)[0]
    key = shopee.auth.default_partner()["partner_key"]
    live.post("/_emulator/push/config", json={"callback_url": receiver.url, "codes": [1, 2, 12]}).raise_for_status()
    granted_at = shopee.clock.now()

    redirect = confirm(live, shopee, f"shop:{outlet_id}", auth_period="30")
    advance(live, 0)
    (authorized,) = pushes(receiver, key)
    assert authorized["code"] == 1 and authorized["timestamp"] == granted_at and "shop_id" not in authorized
    assert authorized["data"]["shop_id_list"] == [outlet_id] and authorized["data"]["success"] == 1
    tokens = token_get(live, shopee, code=redirect["code"], shop_id=outlet_id)
    client = shopee_server.client()
    assert client.call(SHOP_INFO, shop_id=outlet_id, access_token=tokens["access_token"])["expire_time"] == granted_at + 30 * DAY

    advance(live, 23 * DAY - 1)
    assert len(receiver.received) == 1  # a week before the expiry, not a second earlier
    advance(live, 1)
    expiring = pushes(receiver, key)[1]
    assert expiring["code"] == 12 and expiring["timestamp"] == granted_at + 23 * DAY
    assert expiring["data"]["shop_expire_soon"] == [outlet_id] and expiring["data"]["expire_before"] == granted_at + 30 * DAY

    advance(live, DAY)
    tokens = refresh(live, shopee, refresh_token=tokens["refresh_token"], shop_id=outlet_id)
    assert client.call(SHOP_INFO, shop_id=outlet_id, access_token=tokens["access_token"])["error"] == ""
    cancelled_at = shopee.clock.now()
    answer = cancel_on_page(live, shopee, f"shop:{outlet_id}")
    assert answer.status_code == 302 and answer.headers["location"].startswith("https://erp.example/bye")
    advance(live, 0)
    cancelled = pushes(receiver, key)[2]
    assert cancelled["code"] == 2 and cancelled["timestamp"] == cancelled_at
    assert cancelled["data"]["shop_id_list"] == [outlet_id]
    assert [p["code"] for p in pushes(receiver, key)] == [1, 12, 2]

    assert_error(client.request(SHOP_INFO, shop_id=outlet_id, access_token=tokens["access_token"]), 403, *NO_LINK)
    assert_error_body(refresh(live, shopee, refresh_token=tokens["refresh_token"], shop_id=outlet_id), *NO_LINK)


def assert_error_body(body: dict[str, Any], error: str, message: str) -> None:
    assert (body["error"], body["message"]) == (error, message)


def test_expired_authorization_refuses_the_tokens(shopee: Emulator, shopee_http: httpx.Client, shopee_client: Any) -> None:
    outlet_id = quiet_outlets(shopee, 1)[0]
    redirect = confirm(shopee_http, shopee, f"shop:{outlet_id}", auth_period="7")
    tokens = token_get(shopee_http, shopee, code=redirect["code"], shop_id=outlet_id)
    shopee.advance(7 * DAY - 60)
    tokens = refresh(shopee_http, shopee, refresh_token=tokens["refresh_token"], shop_id=outlet_id)
    assert shopee_client.call(SHOP_INFO, shop_id=outlet_id, access_token=tokens["access_token"])["error"] == ""
    shopee.advance(60)
    assert_error(shopee_client.request(SHOP_INFO, shop_id=outlet_id, access_token=tokens["access_token"]), 403, *NO_LINK)
    expired = refresh(shopee_http, shopee, refresh_token=tokens["refresh_token"], shop_id=outlet_id)
    assert_error_body(expired, "shop_access_expired", "Your access to shop has expired.")


def test_period_until_a_date_ends_with_that_day_in_the_world_time_zone(shopee: Emulator, shopee_http: httpx.Client) -> None:
    outlet_id = quiet_outlets(shopee, 1)[0]
    confirm(shopee_http, shopee, f"shop:{outlet_id}", auth_period="date", auth_until="2026-01-31")
    # the default world runs in Asia/Jakarta (UTC+7): 2026-02-01 00:00 there
    assert shopee.shops.get(outlet_id)["expire_time"] == 1769878800


@pytest.mark.parametrize(
    ("period", "problem"),
    [({"auth_period": "45"}, "Choose an authorization period"), ({"auth_period": "date", "auth_until": "2030-01-01"}, "at most 365 days"),
     ({"auth_period": "date", "auth_until": "2020-01-01"}, "after today"), ({"auth_period": "date"}, "YYYY-MM-DD")],
)
def test_periods_the_page_does_not_offer_are_refused(shopee: Emulator, shopee_http: httpx.Client, outlet_id: int,
                                                    period: dict[str, str], problem: str) -> None:
    form = open_page(shopee_http, auth_link(shopee))
    before = shopee.shops.get(outlet_id)["expire_time"]
    response = shopee_http.post(form.action, data={**form.hidden, "account": f"shop:{outlet_id}", **period})
    assert response.status_code == 400 and problem in response.text
    assert shopee.shops.get(outlet_id)["expire_time"] == before


def test_seller_centre_cancellation_of_a_main_account_pushes_every_shop(
    shopee: Emulator, shopee_http: httpx.Client, shopee_push_sink: Any, shopee_client: Any
) -> None:
    account = shopee.auth.main_accounts()[0]
    answer = shopee_http.post("/_emulator/authorizations/cancel", json={"main_account_id": account["main_account_id"]})
    assert answer.status_code == 200, answer.text
    assert answer.json()["cancelled_shop_ids"] == account["shop_ids"]
    shopee.advance(0)
    (push,) = shopee_push_sink.of_code(2)
    assert push.json["data"]["shop_id_list"] == account["shop_ids"]
    assert push.json["data"]["main_account_id"] == account["main_account_id"]
    states = {a["shop_id"]: a["state"] for a in shopee_http.get("/_emulator/authorizations").json()["authorizations"]}
    assert {states[sid] for sid in account["shop_ids"]} == {"cancelled"}
    assert_error(shopee_client.request(SHOP_INFO, shop_id=account["shop_ids"][0]), 403, *NO_LINK)
    again = shopee_http.post("/_emulator/authorizations/cancel", json={"main_account_id": account["main_account_id"]})
    assert again.status_code == 400


def test_reauthorizing_after_cancellation_links_the_shop_again(shopee: Emulator, shopee_http: httpx.Client, shopee_client: Any, outlet_id: int) -> None:
    shopee_http.post("/_emulator/authorizations/cancel", json={"shop_id": outlet_id}).raise_for_status()
    redirect = confirm(shopee_http, shopee, f"shop:{outlet_id}")
    tokens = token_get(shopee_http, shopee, code=redirect["code"], shop_id=outlet_id)
    assert shopee_client.call(SHOP_INFO, shop_id=outlet_id, access_token=tokens["access_token"])["error"] == ""


def test_cancel_page_with_a_wrong_sign_changes_nothing(shopee: Emulator, shopee_http: httpx.Client, outlet_id: int) -> None:
    link = {**cancel_link(shopee), "sign": "0" * 64}
    page = shopee_http.get(CANCEL_PATH, params=link)
    assert page.status_code == 400 and "Wrong sign." in page.text
    forged = shopee_http.post(CANCEL_PATH + "/confirm", data={**link, "account": f"shop:{outlet_id}"})
    assert forged.status_code == 400 and shopee.shops.authorized(outlet_id)


def test_main_account_authorization_pushes_every_shop_it_covers(shopee: Emulator, shopee_http: httpx.Client, shopee_push_sink: Any) -> None:
    account = shopee.auth.main_accounts()[0]
    confirm(shopee_http, shopee, f"main:{account['main_account_id']}", auth_period="90")
    shopee.advance(0)
    (push,) = shopee_push_sink.of_code(1)
    assert push.json["data"]["main_account_id"] == account["main_account_id"]
    assert push.json["data"]["shop_id_list"] == account["shop_ids"]
    assert {shopee.shops.get(sid)["expire_time"] for sid in account["shop_ids"]} == {shopee.clock.now() + 90 * DAY}
    shopee.advance(83 * DAY)
    (notice,) = shopee_push_sink.of_code(12)
    assert notice.json["data"]["shop_expire_soon"] == account["shop_ids"]


def test_world_shops_and_control_plane_shops_get_the_pushes_of_a_new_authorization(
    shopee: Emulator, shopee_push_sink: Any, shopee_http: Any, mart_id: int, outlet_ids: list[int]
) -> None:
    start = shopee.clock.now()
    created = shopee_http.post("/_emulator/shops", json={"outlets": 1, "main_account": False})
    assert created.status_code == 200, created.text
    new_shops = [created.json()["mart_shop_id"], *created.json()["outlet_shop_ids"]]
    shopee.advance(0)
    granted = shopee_push_sink.of_code(1)
    assert [p.json["data"]["shop_id_list"] for p in granted] == [[sid] for sid in new_shops]  # one page per shop account
    key = shopee.auth.default_partner()["partner_key"]
    assert all(shopee_push_sink.verifies(p, key) for p in granted)

    shopee.advance(358 * DAY - 1)
    assert shopee_push_sink.of_code(12) == []
    shopee.advance(1)
    notices = shopee_push_sink.of_code(12)
    assert [sorted(p.json["data"]["shop_expire_soon"]) for p in notices] == [sorted([mart_id, *outlet_ids]), *[[sid] for sid in new_shops]]
    assert {p.json["data"]["expire_before"] for p in notices} == {start + 365 * DAY}
    assert {p.json["timestamp"] for p in notices} == {start + 358 * DAY}


def test_authorization_posted_from_another_site_issues_no_code(shopee: Emulator, shopee_http: httpx.Client, outlet_id: int) -> None:
    form = open_page(shopee_http, auth_link(shopee))
    forged = shopee_http.post(form.action, data={**form.hidden, "account": f"shop:{outlet_id}"},
                              headers={"Origin": "https://attacker.example"}, follow_redirects=False)
    assert forged.status_code == 403 and "location" not in forged.headers
    assert "another site" in forged.text
    own = shopee_http.post(form.action, data={**form.hidden, "account": f"shop:{outlet_id}"},
                           headers={"Origin": "http://emulator.local"}, follow_redirects=False)
    assert own.status_code == 302 and "code=" in own.headers["location"]


def test_cancellation_posted_from_another_site_keeps_the_authorization(shopee: Emulator, shopee_http: httpx.Client, outlet_id: int) -> None:
    forged = shopee_http.post(CANCEL_PATH + "/confirm", data={**cancel_link(shopee), "account": f"shop:{outlet_id}"},
                              headers={"Referer": "https://attacker.example/x"})
    assert forged.status_code == 403 and shopee.shops.authorized(outlet_id)
