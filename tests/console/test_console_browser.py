"""The Items, Test Order, Push and API test tool pages driven in a real headless Chromium against a
live server: pushes of a test order arrive in the live outbox, and the API tool signs and sends."""
from __future__ import annotations

import json
import re
from typing import Any, Iterator

import httpx
import pytest

from emulator import signing
from emulator.domains.push import delivery
from emulator.server import LiveServer
from tests.console.browser import Receiver, chromium, wait_for


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium()


def _by(kind: str) -> Any:
    from selenium.webdriver.common.by import By

    return getattr(By, kind)


def _find(driver: Any, css: str) -> Any:
    return driver.find_element(_by("CSS_SELECTOR"), css)


def _text(driver: Any, css: str) -> str:
    return str(_find(driver, css).text)


def _submit(driver: Any, button_css: str) -> None:
    """Click a form's button and wait for the page it lands on (POST, then the redirect)."""
    old = _find(driver, "html")
    _find(driver, button_css).click()
    wait_for(driver, lambda d: old != _find(d, "html") and d.execute_script("return document.readyState") == "complete", "the next page")


def _states(driver: Any, order_sn: str) -> list[str]:
    """The outbox states of the pushes about one order, newest first."""
    rows = driver.find_elements(_by("XPATH"), f"//table[@id='push-list']/tbody/tr[td//summary/code[contains(text(), '{order_sn}')]]")
    return [row.find_element(_by("CSS_SELECTOR"), "span.status").text for row in rows]


def _notice(driver: Any) -> str:
    errors = driver.find_elements(_by("ID"), "error")
    assert not errors, errors[0].text
    return _text(driver, "#notice")


def test_test_order_pushes_arrive_in_the_live_outbox(browser, shopee, shopee_server: LiveServer, outlet_id):
    base = shopee_server.url
    with Receiver() as receiver:
        browser.get(f"{base}/console/push")
        callback = _find(browser, "input[name=callback_url]")
        callback.clear()
        callback.send_keys(receiver.url)
        for code in (3, 4):
            _find(browser, f"#codes input[value='{code}']").click()
        _submit(browser, "#settings button[type=submit]")
        assert _notice(browser) == f"Push settings saved: {receiver.url}; codes on: 3, 4."
        _submit(browser, "#verify button")
        assert _notice(browser).startswith(f"Verified: {receiver.url} answered HTTP 200 in ")

        # the ids the order needs, copied from the Items page
        browser.get(f"{base}/console/items?shop_id={outlet_id}")
        snippet = next(e.text for e in browser.find_elements(_by("CSS_SELECTOR"), "#item-list code.copy") if e.text.startswith("--item"))
        item_id, model_id, _ = snippet.removeprefix("--item ").split(":")
        _find(browser, f"a[href='/console/orders?shop_id={outlet_id}']").click()
        wait_for(browser, lambda d: d.find_elements(_by("ID"), "create"), "the Test Order page")
        quantity = _find(browser, f"input[name='qty:{item_id}:{model_id}']")
        quantity.clear()
        quantity.send_keys("1")
        _find(browser, "#create input[name=paid]").click()
        _submit(browser, "#create button[type=submit]")
        order_sn = re.match(r"Order (\w+) created: READY_TO_SHIP, total [0-9.]+ [A-Z]{3}\.", _notice(browser)).group(1)
        row = f"//tr[td/code[text()='{order_sn}']]"
        browser.find_element(_by("XPATH"), f"{row}//button[text()='Arrange pickup']").click()
        wait_for(browser, lambda d: "is now PROCESSED" in d.find_element(_by("ID"), "notice").text, "the ship action")

        # the outbox is open while the clock moves elsewhere: the pushes show up without a reload
        browser.get(f"{base}/console/push?shop_id={outlet_id}&code=3")
        made = _states(browser, order_sn)
        assert len(made) >= 2 and set(made) == {"ready"}  # made, waiting for the clock
        httpx.post(f"{base}/_emulator/clock/advance", json={"seconds": 1}, timeout=30).raise_for_status()
        wait_for(browser, lambda d: _states(d, order_sn) == ["delivered"] * len(made), "the order's pushes delivered")
        outbox = _text(browser, "#outbox-list")
        assert "PROCESSED" in outbox and "READY_TO_SHIP" in outbox and "delivered" in outbox and " ms" in outbox
    pushed = [p for p in receiver.received if order_sn in p["body"]]
    key = shopee.auth.default_partner()["partner_key"]
    assert {json.loads(p["body"])["data"]["status"] for p in pushed if json.loads(p["body"])["code"] == 3} >= {"READY_TO_SHIP", "PROCESSED"}
    assert all(delivery.verify(key, receiver.url, p["body"], p["authorization"]) for p in pushed)
    assert all(p["authorization"] in outbox for p in pushed if json.loads(p["body"])["code"] == 3)


def test_api_tool_sends_a_call_and_shows_the_expected_base_string_of_a_wrong_sign(browser, shopee, shopee_server: LiveServer, outlet_id):
    from selenium.webdriver.support.ui import Select

    base = shopee_server.url
    browser.get(f"{base}/console/api")
    Select(_find(browser, "#api")).select_by_visible_text("v2.product.get_item_list")
    wait_for(browser, lambda d: "/api/v2/product/get_item_list" in _text(d, "#request h2"), "the API to load")
    assert "update_time_from" in _find(browser, "#params").get_attribute("value")  # the reference's example
    Select(_find(browser, "#shop")).select_by_value(str(outlet_id))
    params = _find(browser, "#params")
    params.clear()
    params.send_keys('{"offset": 0, "page_size": 10, "item_status": ["NORMAL"]}')
    _submit(browser, "#send")
    answer = json.loads(_text(browser, "#answer"))
    assert answer["error"] == "" and answer["response"]["item"], answer
    shown_base = _find(browser, "#result dl").text
    assert f"/api/v2/product/get_item_list{shopee.clock.now()}" in shown_base

    _find(browser, "#signing summary").click()
    _find(browser, "#sign-override").send_keys("0" * 64)
    _submit(browser, "#send")
    assert json.loads(_text(browser, "#answer"))["error"] == "error_sign"
    with shopee.transaction():
        token = shopee.auth.ready_tokens(outlet_id)["access_token"]
    partner = shopee.auth.default_partner()
    expected = signing.base_string(partner["partner_id"], "/api/v2/product/get_item_list", shopee.clock.now(), token, outlet_id)
    assert _text(browser, "#expected-base") == expected
    calls = httpx.get(f"{base}/_emulator/calls", timeout=30).json()["calls"]
    assert calls[-1]["expected_base_string"] == expected and partner["partner_key"] not in json.dumps(calls)
