"""Shop callers the gateway has let in once are let in again from what it kept (``Callers``),
and every refusal still comes exactly as before: the clock, the timestamp window and the
signature are checked on each call, and a write to partners, tokens or shops forgets them."""
from __future__ import annotations

from typing import Any

import httpx
import pytest

from emulator import errors, signing
from emulator.domains.auth.models import ACCESS_TTL
from emulator.world import Emulator
from tests.conftest import assert_error, signed_query

PATH = "/api/v2/shop/get_shop_info"


def call(http: httpx.Client, query: dict[str, Any]) -> httpx.Response:
    return http.get(PATH, params=query)


def answered(response: httpx.Response) -> tuple[int, str, str]:
    body = response.json()
    return response.status_code, body["error"], body["message"]


def uncached(shopee: Emulator, http: httpx.Client, query: dict[str, Any]) -> tuple[int, str, str]:
    """What the full path answers for ``query``: the oracle for the kept one."""
    shopee.auth.callers.clear()
    return answered(call(http, query))


def test_a_caller_let_in_is_kept_and_let_in_again(shopee: Emulator, shopee_http: httpx.Client, outlet_id: int):
    query = signed_query(shopee, PATH, shop_id=outlet_id)
    assert call(shopee_http, query).json()["error"] == ""
    assert len(shopee.auth.callers) == 1
    again = call(shopee_http, query)
    assert again.status_code == 200 and again.json()["error"] == ""
    assert shopee.calls[-1]["shop_id"] == outlet_id


def test_an_expired_token_is_refused_as_before(shopee: Emulator, shopee_http: httpx.Client, outlet_id: int):
    query = signed_query(shopee, PATH, shop_id=outlet_id)
    assert call(shopee_http, query).json()["error"] == ""
    shopee.advance(ACCESS_TTL)
    later = signed_query(shopee, PATH, shop_id=outlet_id, access_token=query["access_token"])
    assert_error(call(shopee_http, later), 403, errors.EXPIRED_ACCESS_TOKEN_ERROR, errors.EXPIRED_ACCESS_TOKEN)
    assert uncached(shopee, shopee_http, later) == (403, errors.EXPIRED_ACCESS_TOKEN_ERROR, errors.EXPIRED_ACCESS_TOKEN)


def test_a_cancelled_authorization_is_refused_at_once(shopee: Emulator, shopee_http: httpx.Client, outlet_id: int):
    query = signed_query(shopee, PATH, shop_id=outlet_id)
    assert call(shopee_http, query).json()["error"] == ""
    with shopee.transaction():
        shopee.auth.cancel_authorization(query["partner_id"], shop_id=outlet_id)
    assert len(shopee.auth.callers) == 0
    assert_error(call(shopee_http, query), 403, errors.SHOP_NO_LINKED_ERROR, errors.SHOP_NO_LINKED)


def test_a_shop_whose_authorization_runs_out_on_the_clock_is_refused(
    shopee: Emulator, shopee_http: httpx.Client, outlet_id: int
):
    with shopee.transaction():
        shopee.shops.record_authorization(outlet_id, shopee.clock.now(), shopee.clock.now() + 60)
    query = signed_query(shopee, PATH, shop_id=outlet_id)
    assert call(shopee_http, query).json()["error"] == ""
    assert len(shopee.auth.callers) == 1
    shopee.advance(61)
    later = signed_query(shopee, PATH, shop_id=outlet_id, access_token=query["access_token"])
    assert_error(call(shopee_http, later), 403, errors.SHOP_NO_LINKED_ERROR, errors.SHOP_NO_LINKED)


def test_a_new_partner_key_refuses_the_old_signature(shopee: Emulator, shopee_http: httpx.Client, outlet_id: int):
    query = signed_query(shopee, PATH, shop_id=outlet_id)
    assert call(shopee_http, query).json()["error"] == ""
    with shopee.transaction():
        shopee.auth.set_partner_key(query["partner_id"], "shpk" + "1" * 64)
    assert_error(call(shopee_http, query), 403, "error_sign", errors.WRONG_SIGN)
    assert shopee.calls[-1]["expected_base_string"].startswith(str(query["partner_id"]))
    fresh = signed_query(shopee, PATH, shop_id=outlet_id, access_token=query["access_token"])
    assert call(shopee_http, fresh).json()["error"] == ""


@pytest.mark.parametrize("spoil", ["sign", "timestamp"])
def test_a_known_caller_with_a_bad_sign_or_timestamp_is_refused_as_before(
    shopee: Emulator, shopee_http: httpx.Client, outlet_id: int, spoil: str
):
    query = signed_query(shopee, PATH, shop_id=outlet_id)
    assert call(shopee_http, query).json()["error"] == ""
    if spoil == "sign":
        bad = {**query, "sign": "0" * 64}
    else:  # signed correctly, but outside the five-minute window of both clocks
        bad = signed_query(shopee, PATH, shop_id=outlet_id, access_token=query["access_token"], timestamp=1000)
    kept = answered(call(shopee_http, bad))
    assert kept[1] != ""
    assert kept == uncached(shopee, shopee_http, bad)


def test_a_rolled_back_cancellation_leaves_the_caller_in(shopee: Emulator, shopee_http: httpx.Client, outlet_id: int):
    query = signed_query(shopee, PATH, shop_id=outlet_id)
    assert call(shopee_http, query).json()["error"] == ""
    with pytest.raises(RuntimeError), shopee.transaction():
        shopee.auth.cancel_authorization(query["partner_id"], shop_id=outlet_id)
        raise RuntimeError("undone")
    assert call(shopee_http, query).json()["error"] == ""


def test_a_restored_snapshot_forgets_the_callers(shopee: Emulator, shopee_http: httpx.Client, outlet_id: int):
    query = signed_query(shopee, PATH, shop_id=outlet_id)
    assert call(shopee_http, query).json()["error"] == ""
    state = shopee.snapshot()
    del state["access_tokens"][query["access_token"]]  # a state in which that token was never issued
    shopee.import_snapshot(state)
    assert len(shopee.auth.callers) == 0
    assert_error(call(shopee_http, query), 403, "error_auth", errors.INVALID_ACCESS_TOKEN)


def test_signatures_are_kept_only_when_they_match(shopee: Emulator):
    callers = shopee.auth.callers
    key = shopee.auth.default_partner()["partner_key"]
    base = signing.base_string(1, PATH, 2, "token", 3)
    good = signing.sign(key, base)
    assert not callers.signed(key, base, "0" * 64)
    assert callers.signed(key, base, good) and callers.signed(key, base, good)
    assert not callers.signed("shpk" + "2" * 64, base, good)
