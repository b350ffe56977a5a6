"""Numbers bounded before any arithmetic, strict types where the platform is strict, and images
decoded before they are accepted."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from emulator.domains.product.media import solid_png
from tests.conftest import ok
from tests.domains.order_helpers import outlet_item, stock_of
from tests.domains.product_support import image_id, item_body, solid_jpeg, upload

FORMAT = "Wrong parameters, detail: image format should be one of JPG, JPEG, PNG."


@pytest.mark.parametrize("price", [1e26, 1e30, 1e308, 10**40])
def test_update_price_far_past_the_limit_answers_the_platform_error(shopee, shopee_client, outlet_id, price):
    item = outlet_item(shopee, outlet_id)
    body = {"item_id": item["item_id"], "price_list": [{"model_id": item["models"][0]["model_id"], "original_price": price}]}
    answer = ok(shopee_client.call("v2.product.update_price", shop_id=outlet_id, body=body))
    assert answer["failure_list"] == [{"model_id": item["models"][0]["model_id"], "failed_reason": "Original_price is bigger than max price limit."}]


def test_add_item_price_far_past_the_limit_answers_the_platform_error(shopee_client, shopee_http, mart_id):
    answer = shopee_client.call("v2.product.add_item", shop_id=mart_id, body={"original_price": 1e26})
    assert answer["error"] == "error_param"  # refused for the missing fields before the price: no 500
    body = item_body([image_id(shopee_client, shopee_http, mart_id)], original_price=1e26)
    answer = shopee_client.call("v2.product.add_item", shop_id=mart_id, body=body)
    assert (answer["error"], answer["message"]) == ("error_price_exceed_max_limitt", "Original_price is bigger than max price limit.")


def test_update_stock_boolean_refused_not_stored_as_1(shopee, shopee_client, outlet_id):
    item = outlet_item(shopee, outlet_id)
    model_id = item["models"][0]["model_id"]
    before = stock_of(shopee, item["item_id"], model_id)
    body = {"item_id": item["item_id"], "stock_list": [{"model_id": model_id, "seller_stock": [{"stock": True}]}]}
    answer = shopee_client.call("v2.product.update_stock", shop_id=outlet_id, body=body)
    assert (answer["error"], answer["message"]) == ("error_param", "Wrong parameters, detail: stock_list[0].seller_stock[0].stock should be an integer.")
    assert stock_of(shopee, item["item_id"], model_id) == before


def test_boolean_price_refused(shopee, shopee_client, outlet_id):
    item = outlet_item(shopee, outlet_id)
    body = {"item_id": item["item_id"], "price_list": [{"model_id": item["models"][0]["model_id"], "original_price": False}]}
    answer = shopee_client.call("v2.product.update_price", shop_id=outlet_id, body=body)
    assert answer["message"] == "Wrong parameters, detail: price_list[0].original_price should be a number."


@pytest.mark.parametrize("item_id", [2**63, -(2**63) - 1, 10**30])
def test_id_past_int64_refused(shopee_client, outlet_id, item_id):
    answer = shopee_client.call("v2.product.delete_item", shop_id=outlet_id, body={"item_id": item_id})
    assert (answer["error"], answer["message"]) == (
        "error_param", "Wrong parameters, detail: item_id should be from -9223372036854775808 to 9223372036854775807.")


def test_query_id_of_thousands_of_digits_refused(shopee_client, outlet_id):
    answer = shopee_client.call("v2.product.get_item_base_info", shop_id=outlet_id, params={"item_id_list": "9" * 5000})
    assert answer["message"] == "Wrong parameters, detail: item_id_list[0] should be from -9223372036854775808 to 9223372036854775807."


def test_timestamp_parameter_bounded_to_year_9999(shopee_client, outlet_id):
    answer = shopee_client.call("v2.product.get_item_list", shop_id=outlet_id,
                                params={"offset": 0, "page_size": 10, "item_status": "NORMAL", "update_time_from": 2**40})
    assert answer["message"] == "Wrong parameters, detail: update_time_from should be from 0 to 253402300799."


def test_png_signature_followed_by_junk_refused(shopee_client, shopee_http, mart_id):
    answer = upload(shopee_client, shopee_http, mart_id, [("a.png", b"\x89PNG\r\n\x1a\n" + b"junk" * 64, "image/png")])
    assert (answer["error"], answer["message"]) == ("error_param", FORMAT)


def test_truncated_png_refused(shopee_client, shopee_http, mart_id):
    answer = upload(shopee_client, shopee_http, mart_id, [("a.png", solid_png((1, 2, 3))[:-20], "image/png")])
    assert (answer["error"], answer["message"]) == ("error_param", FORMAT)


def test_jpeg_signature_followed_by_junk_refused(shopee_client, shopee_http, mart_id):
    answer = upload(shopee_client, shopee_http, mart_id, [("a.jpg", b"\xff\xd8\xff\xe0" + b"0" * 64, "image/jpeg")])
    assert (answer["error"], answer["message"]) == ("error_param", FORMAT)


def test_real_jpeg_accepted(shopee_client, shopee_http, mart_id):
    data = solid_jpeg()
    answer = ok(upload(shopee_client, shopee_http, mart_id, [("a.jpg", data, "image/jpeg")]))
    assert shopee_http.get(answer["image_info"]["image_url_list"][0]["image_url"]).content == data


def test_image_claiming_too_many_pixels_refused(shopee_client, shopee_http, mart_id):
    out = io.BytesIO()
    Image.new("1", (9000, 9000)).save(out, "PNG")  # a few KB claiming 81 megapixels
    answer = upload(shopee_client, shopee_http, mart_id, [("bomb.png", out.getvalue(), "image/png")])
    assert (answer["error"], answer["message"]) == ("error_param", FORMAT)
