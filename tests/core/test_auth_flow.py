"""Authorization end to end: the HTML page, the redirect with a code, token exchange and refresh."""
from __future__ import annotations

from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from emulator import signing
from emulator.http.auth_pages import AUTH_PATH
from tests.conftest import assert_error, ok, signed_query

TOKEN_GET = "/api/v2/auth/token/get"
REFRESH = "/api/v2/auth/access_token/get"
SHOP_INFO = "/api/v2/shop/get_shop_info"
SHOPS_BY_PARTNER = "/api/v2/public/get_shops_by_partner"
CALLBACK = "https://erp.example/callback?state=xyz"
INVALID_CODE = "The code is expired or used or invalid, please check the code."


class FormParser(HTMLParser):
    """The page's form: where it posts, its hidden fields and its account choices."""

    def __init__(self) -> None:
        super().__init__()
        self.action: str | None = None
        self.hidden: dict[str, str] = {}
        self.accounts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self.action = a.get("action")
        elif tag == "input" and a.get("type") == "hidden":
            self.hidden[a["name"] or ""] = a.get("value") or ""
        elif tag == "input" and a.get("type") == "radio":
            self.accounts.append(a.get("value") or "")


def auth_link(emulator: Any, redirect: str = CALLBACK, timestamp: int | None = None, key: str | None = None) -> dict[str, Any]:
    partner = emulator.auth.default_partner()
    ts = emulator.clock.now() if timestamp is None else timestamp
    sign = signing.sign(key or partner["partner_key"], signing.base_string(partner["partner_id"], AUTH_PATH, ts))
    return {"partner_id": partner["partner_id"], "timestamp": ts, "sign": sign, "redirect": redirect}


def open_page(http: Any, link: dict[str, Any]) -> FormParser:
    page = http.get(AUTH_PATH, params=link)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html"), page.text
    form = FormParser()
    form.feed(page.text)
    return form


def authorize(http: Any, emulator: Any, account: str) -> dict[str, str]:
    """Open the page, pick ``account`` (``shop:<id>`` or ``main:<id>``), confirm, read the redirect."""
    form = open_page(http, auth_link(emulator))
    assert account in form.accounts, form.accounts
    response = http.post(form.action, data={**form.hidden, "account": account})
    assert response.status_code == 302, response.text
    location = urlsplit(response.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == "https://erp.example/callback"
    return {k: v[0] for k, v in parse_qs(location.query).items()}


def token_get(http: Any, emulator: Any, **body: Any) -> dict[str, Any]:
    partner_id = emulator.auth.default_partner()["partner_id"]
    return http.post(TOKEN_GET, params=signed_query(emulator, TOKEN_GET), json={"partner_id": partner_id, **body}).json()


def refresh(http: Any, emulator: Any, **body: Any) -> dict[str, Any]:
    partner_id = emulator.auth.default_partner()["partner_id"]
    return http.post(REFRESH, params=signed_query(emulator, REFRESH), json={"partner_id": partner_id, **body}).json()


def shop_info(http: Any, emulator: Any, shop_id: int, token: str) -> dict[str, Any]:
    return http.get(SHOP_INFO, params=signed_query(emulator, SHOP_INFO, shop_id=shop_id, access_token=token)).json()


@pytest.fixture
def shop_grant(shopee, shopee_http, outlet_id):
    """The outlet authorized through the page and its code exchanged."""
    redirect = authorize(shopee_http, shopee, f"shop:{outlet_id}")
    return ok(token_get(shopee_http, shopee, code=redirect["code"], shop_id=outlet_id))


# -- the page --------------------------------------------------------------------------------------
def test_auth_partner_page_lists_every_shop_and_main_account(shopee, shopee_http, mart_id, outlet_ids):
    form = open_page(shopee_http, auth_link(shopee))
    account = shopee.auth.main_accounts()[0]["main_account_id"]
    assert form.accounts == [f"shop:{s}" for s in [mart_id, *outlet_ids]] + [f"main:{account}"]


def test_auth_partner_confirm_redirects_with_code_and_shop_id(shopee, shopee_http, outlet_id):
    redirect = authorize(shopee_http, shopee, f"shop:{outlet_id}")
    assert redirect["state"] == "xyz"
    assert redirect["shop_id"] == str(outlet_id)
    assert len(redirect["code"]) == 32


def test_auth_partner_confirm_redirects_with_main_account_id(shopee, shopee_http):
    account = shopee.auth.main_accounts()[0]["main_account_id"]
    redirect = authorize(shopee_http, shopee, f"main:{account}")
    assert redirect["main_account_id"] == str(account)
    assert "shop_id" not in redirect


def test_auth_partner_bad_sign_shows_error_page(shopee, shopee_http):
    page = shopee_http.get(AUTH_PATH, params=auth_link(shopee, key="shpk" + "0" * 64))
    assert page.status_code == 400
    assert "location" not in page.headers
    assert "Wrong sign." in page.text


def test_auth_partner_expired_link_shows_error_page(shopee, shopee_http):
    link = auth_link(shopee)
    shopee.advance(301)
    page = shopee_http.get(AUTH_PATH, params=link)
    assert page.status_code == 400
    assert "location" not in page.headers
    assert "This authorization link has expired. Invalid timestamp" in page.text


def test_auth_partner_timestamp_of_thousands_of_digits_shows_error_page(shopee, shopee_http):
    page = shopee_http.get(AUTH_PATH, params={**auth_link(shopee), "timestamp": "9" * 5000})
    assert page.status_code == 400 and "Authorization failed" in page.text


def test_auth_partner_without_redirect_shows_error_page(shopee, shopee_http):
    page = shopee_http.get(AUTH_PATH, params={**auth_link(shopee), "redirect": ""})
    assert page.status_code == 400
    assert "redirect is required" in page.text


def test_auth_partner_confirm_with_forged_sign_shows_error_page(shopee, shopee_http, outlet_id):
    form = open_page(shopee_http, auth_link(shopee))
    response = shopee_http.post(form.action, data={**form.hidden, "sign": "0" * 64, "account": f"shop:{outlet_id}"})
    assert response.status_code == 400
    assert "location" not in response.headers
    assert "Wrong sign." in response.text


def test_auth_partner_confirm_without_account_shows_error_page(shopee, shopee_http):
    form = open_page(shopee_http, auth_link(shopee))
    response = shopee_http.post(form.action, data=form.hidden)
    assert response.status_code == 400
    assert "Choose an account to authorize." in response.text


def test_auth_partner_confirm_unknown_shop_shows_error_page(shopee, shopee_http):
    form = open_page(shopee_http, auth_link(shopee))
    response = shopee_http.post(form.action, data={**form.hidden, "account": "shop:1"})
    assert response.status_code == 400
    assert "The shop id you provided is not found. Please check your shop id." in response.text


# -- token/get -------------------------------------------------------------------------------------
def test_get_access_token_shop_code_gives_working_pair(shopee, shopee_http, outlet_id, shop_grant):
    assert shop_grant["expire_in"] == 4 * 3600
    assert len(shop_grant["access_token"]) == 32 and len(shop_grant["refresh_token"]) == 32
    assert ok(shop_info(shopee_http, shopee, outlet_id, shop_grant["access_token"]))["is_outlet_shop"] is True


def test_get_access_token_main_account_lists_its_shops(shopee, shopee_http, mart_id, outlet_ids):
    account = shopee.auth.main_accounts()[0]["main_account_id"]
    redirect = authorize(shopee_http, shopee, f"main:{account}")
    grant = ok(token_get(shopee_http, shopee, code=redirect["code"], main_account_id=account))
    assert grant["shop_id_list"] == [mart_id, *outlet_ids]
    assert grant["merchant_id_list"] == []
    for shop_id in grant["shop_id_list"]:
        ok(shop_info(shopee_http, shopee, shop_id, grant["access_token"]))


def test_get_access_token_code_reuse_refused(shopee, shopee_http, outlet_id):
    code = authorize(shopee_http, shopee, f"shop:{outlet_id}")["code"]
    ok(token_get(shopee_http, shopee, code=code, shop_id=outlet_id))
    again = token_get(shopee_http, shopee, code=code, shop_id=outlet_id)
    assert (again["error"], again["message"]) == ("invalid_code", INVALID_CODE)


def test_get_access_token_code_expired_after_ten_minutes(shopee, shopee_http, outlet_id):
    code = authorize(shopee_http, shopee, f"shop:{outlet_id}")["code"]
    shopee.advance(11 * 60)
    late = token_get(shopee_http, shopee, code=code, shop_id=outlet_id)
    assert (late["error"], late["message"]) == ("invalid_code", INVALID_CODE)


def test_get_access_token_code_for_another_shop(shopee, shopee_http, mart_id, outlet_id):
    code = authorize(shopee_http, shopee, f"shop:{outlet_id}")["code"]
    answer = token_get(shopee_http, shopee, code=code, shop_id=mart_id)
    message = "The code or shop_id is wrong, please check the code or the shop_id."
    assert (answer["error"], answer["message"]) == ("invalid_shop_id", message)


def test_get_access_token_unknown_code(shopee, shopee_http, outlet_id):
    answer = token_get(shopee_http, shopee, code="0" * 32, shop_id=outlet_id)
    assert (answer["error"], answer["message"]) == ("invalid_code", INVALID_CODE)


def test_get_access_token_partner_id_in_body_differs(shopee, shopee_http, outlet_id):
    code = authorize(shopee_http, shopee, f"shop:{outlet_id}")["code"]
    answer = token_get(shopee_http, shopee, code=code, shop_id=outlet_id, partner_id=42)
    assert (answer["error"], answer["message"]) == ("invalid_partner_id", "Invalid partner_id, please have a check.")


def test_get_access_token_without_shop_or_main_account(shopee, shopee_http, outlet_id):
    code = authorize(shopee_http, shopee, f"shop:{outlet_id}")["code"]
    answer = token_get(shopee_http, shopee, code=code)
    message = "Wrong parameters, detail: shop_id or main_account_id is required."
    assert (answer["error"], answer["message"]) == ("error_param", message)


def test_get_access_token_access_expires_after_four_hours(shopee, shopee_http, outlet_id, shop_grant):
    shopee.advance(4 * 3600)
    response = shopee_http.get(
        SHOP_INFO, params=signed_query(shopee, SHOP_INFO, shop_id=outlet_id, access_token=shop_grant["access_token"])
    )
    assert_error(response, 403, "invalid_acceess_token", "Invalid access_token, please have a check.")


# -- refresh ---------------------------------------------------------------------------------------
def test_refresh_access_token_gives_new_pair(shopee, shopee_http, outlet_id, shop_grant):
    shopee.advance(4 * 3600 + 60)
    fresh = ok(refresh(shopee_http, shopee, refresh_token=shop_grant["refresh_token"], shop_id=outlet_id))
    assert fresh["shop_id"] == outlet_id and fresh["expire_in"] == 4 * 3600
    assert fresh["access_token"] != shop_grant["access_token"]
    assert fresh["refresh_token"] != shop_grant["refresh_token"]
    ok(shop_info(shopee_http, shopee, outlet_id, fresh["access_token"]))


def test_refresh_access_token_reuse_refused(shopee, shopee_http, outlet_id, shop_grant):
    ok(refresh(shopee_http, shopee, refresh_token=shop_grant["refresh_token"], shop_id=outlet_id))
    again = refresh(shopee_http, shopee, refresh_token=shop_grant["refresh_token"], shop_id=outlet_id)
    assert (again["error"], again["message"]) == ("error_auth", "Invalid refresh_token.")


def test_refresh_access_token_old_access_token_works_five_more_minutes(shopee, shopee_http, outlet_id, shop_grant):
    fresh = ok(refresh(shopee_http, shopee, refresh_token=shop_grant["refresh_token"], shop_id=outlet_id))
    shopee.advance(299)
    ok(shop_info(shopee_http, shopee, outlet_id, shop_grant["access_token"]))
    shopee.advance(1)
    response = shopee_http.get(
        SHOP_INFO, params=signed_query(shopee, SHOP_INFO, shop_id=outlet_id, access_token=shop_grant["access_token"])
    )
    assert_error(response, 403, "invalid_acceess_token", "Invalid access_token, please have a check.")
    ok(shop_info(shopee_http, shopee, outlet_id, fresh["access_token"]))


def test_refresh_access_token_for_another_shop(shopee, shopee_http, mart_id, shop_grant):
    answer = refresh(shopee_http, shopee, refresh_token=shop_grant["refresh_token"], shop_id=mart_id)
    message = "Your refresh token is error ,please check refresh token or shopid."
    assert (answer["error"], answer["message"]) == ("error_shop_refresh_token", message)


def test_refresh_access_token_expired_after_thirty_days(shopee, shopee_http, outlet_id, shop_grant):
    shopee.advance(30 * 24 * 3600)
    answer = refresh(shopee_http, shopee, refresh_token=shop_grant["refresh_token"], shop_id=outlet_id)
    assert (answer["error"], answer["message"]) == ("refresh_token_expired", "Your refresh_token expired.")


def test_refresh_access_token_main_account_pair_refreshes_once_per_shop(shopee, shopee_http, mart_id, outlet_ids):
    account = shopee.auth.main_accounts()[0]["main_account_id"]
    redirect = authorize(shopee_http, shopee, f"main:{account}")
    shared = ok(token_get(shopee_http, shopee, code=redirect["code"], main_account_id=account))
    shopee.advance(4 * 3600 + 60)
    pairs = {}
    for shop_id in [mart_id, *outlet_ids]:
        pairs[shop_id] = ok(refresh(shopee_http, shopee, refresh_token=shared["refresh_token"], shop_id=shop_id))
        assert pairs[shop_id]["shop_id"] == shop_id
    assert len({pair["refresh_token"] for pair in pairs.values()}) == len(pairs)
    for shop_id, pair in pairs.items():
        ok(shop_info(shopee_http, shopee, shop_id, pair["access_token"]))
    # each shop's own pair covers that shop alone
    other = refresh(shopee_http, shopee, refresh_token=pairs[mart_id]["refresh_token"], shop_id=outlet_ids[0])
    assert other["error"] == "error_shop_refresh_token"


def test_refresh_access_token_main_account_pair_twice_for_one_shop_refused(shopee, shopee_http, mart_id, outlet_ids):
    account = shopee.auth.main_accounts()[0]["main_account_id"]
    redirect = authorize(shopee_http, shopee, f"main:{account}")
    shared = ok(token_get(shopee_http, shopee, code=redirect["code"], main_account_id=account))
    ok(refresh(shopee_http, shopee, refresh_token=shared["refresh_token"], shop_id=outlet_ids[0]))
    again = refresh(shopee_http, shopee, refresh_token=shared["refresh_token"], shop_id=outlet_ids[0])
    assert (again["error"], again["message"]) == ("error_auth", "Invalid refresh_token.")
    # the shops that have not traded it yet still can
    ok(refresh(shopee_http, shopee, refresh_token=shared["refresh_token"], shop_id=mart_id))


# -- the partner's shop list -----------------------------------------------------------------------
def get_shops(http: Any, emulator: Any, **params: Any) -> dict[str, Any]:
    return http.get(SHOPS_BY_PARTNER, params={**signed_query(emulator, SHOPS_BY_PARTNER), **params}).json()


def test_get_shops_by_partner_lists_authorized_shops(shopee, shopee_http, mart_id, outlet_ids):
    answer = ok(get_shops(shopee_http, shopee))
    assert [s["shop_id"] for s in answer["authed_shop_list"]] == sorted([mart_id, *outlet_ids])
    assert answer["more"] is False
    assert {s["region"] for s in answer["authed_shop_list"]} == {"ID"}


def test_get_shops_by_partner_pages(shopee, shopee_http):
    first = ok(get_shops(shopee_http, shopee, page_size=4, page_no=1))
    second = ok(get_shops(shopee_http, shopee, page_size=4, page_no=2))
    assert (len(first["authed_shop_list"]), first["more"]) == (4, True)
    assert (len(second["authed_shop_list"]), second["more"]) == (2, False)


def test_get_shops_by_partner_page_size_out_of_range(shopee, shopee_http):
    answer = get_shops(shopee_http, shopee, page_size=101)
    message = "Wrong parameters, detail: page_size should be between 1 and 100."
    assert (answer["error"], answer["message"]) == ("error_param", message)


def test_get_shops_by_partner_reauthorization_renews_auth_time(shopee, shopee_http, outlet_id):
    shopee.advance(24 * 3600)
    authorize(shopee_http, shopee, f"shop:{outlet_id}")
    listed = {s["shop_id"]: s for s in ok(get_shops(shopee_http, shopee))["authed_shop_list"]}
    assert listed[outlet_id]["auth_time"] == shopee.clock.now()
    assert listed[outlet_id]["expire_time"] == shopee.clock.now() + 365 * 24 * 3600


def test_auth_partner_confirm_unknown_main_account_shows_error_page(shopee, shopee_http):
    form = open_page(shopee_http, auth_link(shopee))
    response = shopee_http.post(form.action, data={**form.hidden, "account": "main:1"})
    assert response.status_code == 400
    assert "location" not in response.headers
    assert "The main account you chose is not found." in response.text
