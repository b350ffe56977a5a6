"""Text is valid Unicode everywhere: lone surrogates and control characters are refused with the
parameter error naming the field, never stored; names also refuse bidirectional overrides."""
from __future__ import annotations

import json
from typing import Any

import pytest

from emulator import render
from emulator.domains.product.media import solid_png
from tests.domains.order_helpers import outlet_item, place
from tests.domains.product_support import add_item, upload

SURROGATE = "a\ud800b"  # json.dumps writes it as the escape "\ud800": half a JavaScript string


def _post_raw(shopee_client: Any, shopee_http: Any, api: str, shop_id: int, body: bytes) -> dict[str, Any]:
    method, path, query = shopee_client.signed_query(api, shop_id)
    return shopee_http.post(path, params=query, content=body, headers={"content-type": "application/json"}).json()


def _param_error(answer: dict[str, Any], detail: str) -> None:
    assert (answer["error"], answer["message"]) == ("error_param", f"Wrong parameters, detail: {detail}."), answer


@pytest.fixture
def order_sn(shopee, shopee_http, outlet_id) -> str:
    return str(place(shopee_http, outlet_id, outlet_item(shopee, outlet_id))["order_sn"])


def test_set_note_lone_surrogate_refused_and_not_stored(shopee, shopee_http, shopee_client, outlet_id, order_sn):
    body = json.dumps({"order_sn": order_sn, "note": SURROGATE}).encode()
    assert b"\\ud800" in body
    answer = _post_raw(shopee_client, shopee_http, "v2.order.set_note", outlet_id, body)
    _param_error(answer, "note contains a lone surrogate U+D800, which is not allowed")
    assert shopee.store.get("orders", order_sn).get("note", "") == ""
    # and everything that shows the order keeps answering
    assert shopee_http.get(f"/_emulator/orders/{order_sn}").status_code == 200
    assert shopee_http.get("/_emulator/snapshot").status_code == 200


def test_update_item_name_lone_surrogate_refused(shopee, shopee_client, shopee_http, mart_id):
    item = add_item(shopee_client, shopee_http, mart_id)
    body = json.dumps({"item_id": item["item_id"], "item_name": "Susu Segar \ud83d Pasteurisasi"}).encode()
    answer = _post_raw(shopee_client, shopee_http, "v2.product.update_item", mart_id, body)
    _param_error(answer, "item_name contains a lone surrogate U+D83D, which is not allowed")
    assert shopee.store.get("items", item["item_id"])["item_name"] == "Susu Segar Pasteurisasi 1 L"


@pytest.mark.parametrize(
    ("name", "code"),
    [("Susu\x00Segar Pasteurisasi", "U+0000"), ("Susu Segar\u202e Pasteurisasi", "U+202E"),
     ("Susu Segar\u2066 Pasteurisasi", "U+2066"), ("Susu Segar\tPasteurisasi", "U+0009"), ("Susu Segar\x85 Pasteur", "U+0085")],
    ids=["nul", "right-to-left-override", "isolate", "tab", "c1-control"],
)
def test_add_item_name_with_control_or_bidi_character_refused(shopee_client, shopee_http, mart_id, name, code):
    answer = shopee_client.call("v2.product.add_item", shop_id=mart_id, body={"item_name": name})
    _param_error(answer, f"item_name contains the character {code}, which is not allowed")


def test_description_keeps_line_breaks_and_tabs_but_not_nul(shopee_client, shopee_http, mart_id):
    item = add_item(shopee_client, shopee_http, mart_id, description="Susu sapi segar.\r\n\tSimpan di lemari pendingin.")
    assert item["description"].startswith("Susu sapi segar.\r\n\t")
    answer = shopee_client.call("v2.product.update_item", shop_id=mart_id, body={"item_id": item["item_id"], "description": "x\x00" * 20})
    _param_error(answer, "description contains the character U+0000, which is not allowed")


def test_nested_field_is_named(shopee_client, shopee_http, mart_id):
    item = add_item(shopee_client, shopee_http, mart_id)
    body = {"item_id": item["item_id"], "brand": {"brand_id": 0, "original_brand_name": "Cim\u202eory"}}
    answer = shopee_client.call("v2.product.update_item", shop_id=mart_id, body=body)
    _param_error(answer, "brand.original_brand_name contains the character U+202E, which is not allowed")


def test_query_string_nul_refused(shopee_client, outlet_id, order_sn):
    answer = shopee_client.call("v2.order.get_order_detail", shop_id=outlet_id, params={"order_sn_list": order_sn + "\x00"})
    _param_error(answer, "order_sn_list contains the character U+0000, which is not allowed")


def test_multipart_field_control_character_refused(shopee_client, shopee_http, mart_id):
    answer = upload(shopee_client, shopee_http, mart_id, [("milk.png", solid_png((1, 1, 1)), "image/png")], scene="nor\x01mal")
    _param_error(answer, "scene contains the character U+0001, which is not allowed")


def test_json_nan_in_api_body_names_the_field(shopee_client, shopee_http, mart_id):
    item = add_item(shopee_client, shopee_http, mart_id)
    body = b'{"item_id": %d, "price_list": [{"model_id": 0, "original_price": NaN}]}' % item["item_id"]
    answer = _post_raw(shopee_client, shopee_http, "v2.product.update_price", mart_id, body)
    _param_error(answer, "price_list[0].original_price must be a finite number, not nan")


def test_control_plane_body_lone_surrogate_refused(shopee, shopee_http, outlet_id):
    item = outlet_item(shopee, outlet_id)
    body = json.dumps({"shop_id": outlet_id, "items": [{"item_id": item["item_id"], "model_id": item["models"][0]["model_id"]}],
                       "message_to_seller": SURROGATE}).encode()
    before = shopee.store.count("orders")
    answer = shopee_http.post("/_emulator/orders", content=body, headers={"content-type": "application/json"})
    assert (answer.status_code, answer.json()) == (400, {"error": "bad_request", "message": "message_to_seller contains a lone surrogate U+D800, which is not allowed"})
    assert shopee.store.count("orders") == before


def test_control_plane_body_control_character_refused(shopee, shopee_http):
    answer = shopee_http.post("/_emulator/shops", json={"brand": "Sari\x00Segar"})
    assert (answer.status_code, answer.json()["message"]) == (400, "brand contains the character U+0000, which is not allowed")


def test_control_plane_query_control_character_refused(shopee_http):
    answer = shopee_http.get("/_emulator/events", params={"name": "order\x07"})
    assert (answer.status_code, answer.json()["message"]) == (400, "name contains the character U+0007, which is not allowed")


def test_console_form_control_character_refused(shopee, shopee_http):
    before = len(shopee.shops.marts())
    answer = shopee_http.post("/console/shops", data={"brand": "Sari\x00Segar", "outlets": "1"}, follow_redirects=False)
    assert answer.status_code in (303, 400), answer.text
    assert len(shopee.shops.marts()) == before


def test_renderer_refuses_what_json_cannot_carry():
    with pytest.raises(render.RenderError, match=r"orders\.X\.note holds a lone surrogate U\+D800"):
        render.dumps({"orders": {"X": {"note": SURROGATE}}})
    assert render.dumps({"merchant_id": None, "price": 1.5, 7: "a"}) == b'{"merchant_id":null,"price":1.5,"7":"a"}'
