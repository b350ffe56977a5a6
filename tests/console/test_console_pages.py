"""The console's pages render what the Open Platform Console shows, escaped, behind the token."""
from __future__ import annotations

import pytest

from emulator.app import create_app
from emulator.asgi import in_process_client
from emulator.cli import banner
from tests.console.helpers import message, post


def test_overview_shows_partner_shops_tokens_and_links(shopee, shopee_http, mart_id, outlet_ids):
    page = shopee_http.get("/console")
    assert page.status_code == 200
    partner = shopee.auth.default_partner()
    assert str(partner["partner_id"]) in page.text and partner["partner_key"] in page.text
    with shopee.transaction():
        tokens = [shopee.auth.ready_tokens(s)["access_token"] for s in (mart_id, *outlet_ids)]
    for shop_id, token in zip((mart_id, *outlet_ids), tokens):
        assert str(shop_id) in page.text and token in page.text
    assert "/api/v2/shop/auth_partner?partner_id=" in page.text
    assert "Sandbox V2" in page.text and "Mart &amp; Outlet shop whitelist" in page.text
    assert str(shopee.clock.now()) in page.text


def test_orders_page_lists_outlet_items_with_available_stock(shopee, shopee_http, outlet_id):
    page = shopee_http.get("/console/orders", params={"shop_id": outlet_id})
    assert page.status_code == 200
    for doc in shopee.products.items_of_shop(outlet_id):
        assert f'name="qty:{doc["item_id"]}:{doc["models"][0]["model_id"]}"' in page.text
    assert 'id="order-list"' in page.text


def test_faults_page_renders(shopee_http):
    page = shopee_http.get("/console/faults")
    assert page.status_code == 200
    assert "No fault rules" in page.text


def test_orders_page_unknown_outlet_shows_message(shopee_http, mart_id):
    page = shopee_http.get("/console/orders", params={"shop_id": mart_id})
    assert page.status_code == 404
    assert message(page, "error") == f"shop {mart_id} is not an Outlet of this world"


@pytest.mark.parametrize("query", [{"status": "NOPE"}, {"after": "x:y"}, {"after": "12"}])
def test_orders_page_bad_query_shows_message(shopee_http, outlet_id, query):
    page = shopee_http.get("/console/orders", params={"shop_id": outlet_id, **query})
    assert page.status_code == 400
    assert message(page, "error")


def test_shop_name_with_markup_is_escaped(shopee_http):
    post(shopee_http, "/console/shops", {"outlets": "1", "brand": "<script>alert(1)</script>"})
    for path in ("/console", "/console/orders", "/console/returns"):
        page = shopee_http.get(path)
        assert "<script>alert(1)</script>" not in page.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Mart" in page.text


def test_flash_message_is_escaped(shopee_http):
    page = shopee_http.get("/console", params={"error": '<img src=x onerror="alert(1)">'})
    assert '<img src=x' not in page.text
    assert message(page, "error") == '<img src=x onerror="alert(1)">'


def test_banner_points_at_console(shopee):
    assert "  console      http://127.0.0.1:8080/console" in banner(shopee, "http://127.0.0.1:8080").splitlines()


# -- the control token ------------------------------------------------------------------------------
@pytest.fixture
def guarded(shopee):
    with in_process_client(create_app(shopee, control_token="s3cret")) as http:
        yield http


def test_console_without_token_redirects_to_login(guarded):
    page = guarded.get("/console/orders")
    assert page.status_code == 303
    assert page.headers["location"] == "/console/login?next=%2Fconsole%2Forders"
    assert guarded.get(page.headers["location"]).status_code == 200


def test_console_post_without_token_is_refused(shopee, guarded):
    before = shopee.clock.now()
    page = guarded.post("/console/clock/advance", data={"amount": "1", "unit": "hours"})
    assert page.status_code == 403
    assert message(page, "error") == "The console needs the control token: log in first."
    assert shopee.clock.now() == before


def test_console_accepts_token_header(guarded):
    assert guarded.get("/console", headers={"X-Emulator-Token": "s3cret"}).status_code == 200


def test_login_wrong_token_shows_message(guarded):
    page = guarded.get("/console/login", params={"token": "nope"})
    assert page.status_code == 403
    assert message(page, "error") == "That is not the control token this server was started with."
    assert "set-cookie" not in page.headers


def test_login_sets_cookie_that_opens_console(guarded):
    page = guarded.get("/console/login", params={"token": "s3cret", "next": "/console/faults"})
    assert page.status_code == 303 and page.headers["location"] == "/console/faults"
    assert "HttpOnly" in page.headers["set-cookie"] and "SameSite=strict" in page.headers["set-cookie"]
    assert guarded.get("/console/faults").status_code == 200


def test_login_form_post_sets_cookie(guarded):
    page = guarded.post("/console/login", data={"token": "s3cret"})
    assert page.status_code == 303 and page.headers["location"] == "/console"
    assert guarded.get("/console").status_code == 200


def test_login_next_outside_console_goes_to_console(guarded):
    page = guarded.get("/console/login", params={"token": "s3cret", "next": "//evil.example/x"})
    assert page.headers["location"] == "/console"


def test_logout_link_from_another_site_keeps_the_session(guarded):
    guarded.get("/console/login", params={"token": "s3cret"})
    page = guarded.get("/console/logout")
    assert page.status_code == 200 and 'action="/console/logout"' in page.text
    assert "set-cookie" not in page.headers
    assert guarded.get("/console").status_code == 200


def test_logout_posted_from_another_site_is_refused(guarded):
    guarded.get("/console/login", params={"token": "s3cret"})
    page = guarded.post("/console/logout", headers={"Origin": "http://evil.example"})
    assert page.status_code == 403
    assert message(page, "error") == "Refused: this form was posted from another site."
    assert guarded.get("/console").status_code == 200


def test_logout_from_the_console_ends_the_session(guarded):
    guarded.get("/console/login", params={"token": "s3cret"})
    page = guarded.post("/console/logout", headers={"Origin": "http://emulator.local"})
    assert (page.status_code, page.headers["location"]) == (303, "/console/login")
    assert guarded.get("/console").status_code == 303


def test_post_from_another_site_is_refused(shopee, shopee_http):
    before = shopee.clock.now()
    page = shopee_http.post("/console/clock/advance", data={"amount": "1", "unit": "days"}, headers={"Origin": "http://evil.example"})
    assert page.status_code == 403
    assert message(page, "error") == "Refused: this form was posted from another site."
    assert shopee.clock.now() == before


def test_login_page_shows_nothing_of_the_world(shopee, guarded):
    page = guarded.get("/console/login")
    assert page.status_code == 200
    assert shopee.world["name"] not in page.text.split("<main>")[0].split("Console</span>")[1]
    assert shopee.auth.default_partner()["partner_key"] not in page.text


def test_login_without_control_token_goes_to_console(shopee_http):
    page = shopee_http.get("/console/login")
    assert (page.status_code, page.headers["location"]) == (303, "/console")


def test_post_from_the_console_itself_is_accepted(shopee, shopee_http):
    before = shopee.clock.now()
    page = shopee_http.post("/console/clock/advance", data={"amount": "1", "unit": "hours"}, headers={"Origin": "http://emulator.local"})
    assert page.status_code == 303
    assert shopee.clock.now() == before + 3600


@pytest.mark.parametrize("back", ["https://evil.example/", "//evil.example", "/consolex", "/api/v2/x", "/console\\..\\x"])
def test_form_back_outside_console_returns_to_overview(shopee_http, back):
    page = shopee_http.post("/console/partner", data={"key": "nope", "back": back})
    assert page.headers["location"].startswith("/console?error=")
