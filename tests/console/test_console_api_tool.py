"""The API test tool: parameters from the declaration, a signed call through the pipeline, the exact
request and the answer; a wrong sign shows the base string the emulator expected."""
from __future__ import annotations

import html
import json
import re

import pytest

from emulator import signing
from tests.console.helpers import message, post

PATH = "/console/api"


def _field(page, ident: str) -> str:
    """The unescaped text of the element with ``id``."""
    found = re.search(rf'id="{ident}"[^>]*>(.*?)</(?:pre|code|span|textarea)>', page.text, re.S)
    assert found, ident
    return html.unescape(found.group(1))


def _copy_after(page, label: str) -> str:
    """The copyable value after ``<dt>label</dt>`` of the request's list."""
    return html.unescape(page.text.split(f"<dt>{label}</dt><dd>", 1)[1].split('title="click to copy">', 1)[1].split("</code>", 1)[0])


def _send(shopee_http, api: str, shop_id: int | None, params: dict | str = "{}", **extra: str):
    text = params if isinstance(params, str) else json.dumps(params)
    return post(shopee_http, PATH, {"api": api, "shop_id": "" if shop_id is None else str(shop_id), "params": text, **extra})


def test_tool_page_lists_every_api_and_the_declaration(shopee, shopee_http):
    page = shopee_http.get(PATH)
    assert page.status_code == 200 and f'<a href="{PATH}" class=current>API test tool</a>' in page.text
    assert page.text.count("<option") >= len(shopee.registry.by_name)
    page = shopee_http.get(PATH, params={"api": "v2.product.update_stock"})
    declared = page.text.split('id="declaration"', 1)[1]
    assert "stock_list" in declared and "seller_stock" in declared and "<code>object[]</code>" in declared


def test_parameters_start_from_the_reference_example(shopee, shopee_http):
    page = shopee_http.get(PATH, params={"api": "v2.product.update_stock"})
    assert json.loads(_field(page, "params")) == shopee.registry.by_name["v2.product.update_stock"].spec.request_example["data"]
    # a cURL example's query values are text; the page shows them as their declared types
    page = shopee_http.get(PATH, params={"api": "v2.product.get_item_base_info"})
    assert json.loads(_field(page, "params"))["item_id_list"] == [34001, 34002]
    page = shopee_http.get(PATH, params={"api": "v2.product.get_item_list"})
    params = json.loads(_field(page, "params"))
    assert (params["page_size"], params["offset"], params["item_status"]) == (10, 0, "NORMAL")


def test_parameters_without_an_example_come_from_the_declaration(shopee, shopee_http):
    assert shopee.registry.by_name["v2.product.get_mart_item_mapping_by_id"].spec.request_example is None
    page = shopee_http.get(PATH, params={"api": "v2.product.get_mart_item_mapping_by_id"})
    assert json.loads(_field(page, "params")) == {"mart_item_id": 0, "outlet_shop_id_list": [0]}
    page = shopee_http.get(PATH, params={"api": "v2.payment.get_wallet_transaction_list"})
    assert json.loads(_field(page, "params")) == {"page_no": 1, "page_size": 10}


def test_send_shows_exact_request_and_answer(shopee, shopee_http, mart_id):
    page = _send(shopee_http, "v2.shop.get_shop_info", mart_id)
    answer = json.loads(_field(page, "answer"))
    assert answer["error"] == "" and len(answer["outlet_shop_info_list"]) == 5
    partner = shopee.auth.default_partner()
    with shopee.transaction():
        token = shopee.auth.ready_tokens(mart_id)["access_token"]
    base = signing.base_string(partner["partner_id"], "/api/v2/shop/get_shop_info", shopee.clock.now(), token, mart_id)
    assert _copy_after(page, "base string") == base
    sign = signing.sign(partner["partner_key"], base)
    assert _copy_after(page, "sign") == sign
    assert _copy_after(page, "URL").startswith("http://emulator.local/api/v2/shop/get_shop_info?partner_id=")
    assert f"sign={sign}" in _copy_after(page, "URL")
    assert shopee_http.get("/_emulator/calls").json()["calls"][-1]["request_id"] == answer["request_id"]
    assert 'id="wrong-sign"' not in page.text


def test_send_get_with_a_list_parameter(shopee, shopee_http, outlet_id):
    item_ids = shopee.products.item_ids_of_shop(outlet_id)[:2]
    page = _send(shopee_http, "v2.product.get_item_base_info", outlet_id, {"item_id_list": item_ids})
    answer = json.loads(_field(page, "answer"))
    assert [i["item_id"] for i in answer["response"]["item_list"]] == item_ids
    assert f"item_id_list={item_ids[0]}%2C{item_ids[1]}" in _copy_after(page, "URL")


def test_send_post_changes_state(shopee, shopee_http, outlet_id):
    doc = next(d for d in shopee.products.items_of_shop(outlet_id) if not d["models"][0]["model_id"])
    body = {"item_id": doc["item_id"], "stock_list": [{"model_id": 0, "seller_stock": [{"stock": 77}]}]}
    page = _send(shopee_http, "v2.product.update_stock", outlet_id, body)
    assert json.loads(_field(page, "answer"))["error"] == ""
    assert json.loads(_field(page, "request-body")) == body
    model = shopee.products.find(doc["item_id"])["models"][0]
    assert model["stock"] - model["reserved"] == 77  # the seller stock, beside what open orders hold


def test_partner_level_call_signs_without_shop(shopee, shopee_http):
    page = _send(shopee_http, "v2.public.get_shops_by_partner", None, {"page_size": 10})
    partner = shopee.auth.default_partner()
    assert _copy_after(page, "base string") == f"{partner['partner_id']}/api/v2/public/get_shops_by_partner{shopee.clock.now()}"
    assert json.loads(_field(page, "answer"))["error"] == ""


@pytest.mark.parametrize(
    ("spoil", "advice"),
    [({"sign": "0" * 64}, "compute it over the expected base string with the app's partner_key."),
     ({"partner_key": "not-the-key"}, "the base string is right, so the key it was signed with is not the app's partner_key.")],
)
def test_wrong_sign_shows_expected_base_string_on_page_and_in_calls_log(shopee, shopee_http, mart_id, spoil, advice):
    page = _send(shopee_http, "v2.shop.get_shop_info", mart_id, **spoil)
    assert advice in html.unescape(page.text.split('id="wrong-sign"', 1)[1].split("</div>", 1)[0])
    answer = json.loads(_field(page, "answer"))
    assert (answer["error"], _field(page, "answer-status")) == ("error_sign", "403")
    with shopee.transaction():
        token = shopee.auth.ready_tokens(mart_id)["access_token"]
    partner = shopee.auth.default_partner()
    expected = signing.base_string(partner["partner_id"], "/api/v2/shop/get_shop_info", shopee.clock.now(), token, mart_id)
    assert _field(page, "expected-base") == expected
    call = shopee_http.get("/_emulator/calls").json()["calls"][-1]
    assert (call["request_id"], call["expected_base_string"]) == (answer["request_id"], expected)
    assert partner["partner_key"] not in json.dumps(call)


def test_wrong_timestamp_in_base_string_is_what_the_page_shows(shopee, shopee_http, mart_id):
    """The form's timestamp is signed and sent; the expected base string carries the one sent."""
    stamp = str(shopee.clock.now() - 10)
    page = _send(shopee_http, "v2.shop.get_shop_info", mart_id, timestamp=stamp, sign="f" * 64)
    assert stamp in _field(page, "expected-base")


def test_form_keeps_what_was_sent(shopee_http, mart_id):
    page = _send(shopee_http, "v2.shop.get_shop_info", mart_id, '{"x": 1}', sign="abc")
    assert json.loads(_field(page, "params")) == {"x": 1}
    assert 'name="sign" id="sign-override" size="40" value="abc"' in page.text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"api": "v2.nope"}, "v2.nope is not an API of this emulator; pick one from the list"),
        ({"api": "v2.shop.get_shop_info", "params": "{nope"}, "the parameters are not JSON: "),
        ({"api": "v2.shop.get_shop_info", "params": "[1]"}, "the parameters must be a JSON object"),
        ({"api": "v2.shop.get_shop_info", "shop_id": ""}, "choose a shop: v2.shop.get_shop_info is signed with a shop's access_token"),
        ({"api": "v2.shop.get_shop_info", "shop_id": "12"}, "shop 12 is not a shop of this world"),
        ({"api": "v2.media.upload_image"}, "v2.media.upload_image takes a multipart file upload"),
        ({"api": "v2.shop.get_shop_info", "timestamp": "soon"}, "timestamp must be a whole number"),
    ],
)
def test_bad_send_shows_message(shopee_http, mart_id, data, expected):
    page = post(shopee_http, PATH, {"shop_id": str(mart_id), "params": "{}", **data})
    assert message(page, "error").startswith(expected), message(page, "error")


def test_unknown_api_in_query_shows_message(shopee_http):
    page = shopee_http.get(PATH, params={"api": "<b>x</b>"})
    assert page.status_code == 404 and "<b>x</b>" not in page.text
