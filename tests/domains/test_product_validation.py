"""add_item / update_item checks answer with the platform's strings; no input gives a 500."""
from __future__ import annotations

import json

import pytest

from tests.conftest import ok
from tests.domains.product_support import SHELF_LIFE, SIX_MONTHS, add_item, image_id, item_body, published

ORIGIN = {"attribute_id": 200010, "attribute_value_list": [{"value_id": 2001001}]}

ADD_ITEM_CASES = [
    ("missing_item_name", {"item_name": None}, "error_param", "Wrong parameters, detail: item_name should be a string."),
    ("blank_item_name", {"item_name": "   "}, "error_item_name_empty", "Item name could not be empty."),
    ("short_item_name", {"item_name": "Susu"}, "error_item_name_is_too_short", "Item_name length is less than min limit."),
    ("long_item_name", {"item_name": "S" * 256}, "error_title_exceeds_max_length", "The length of item_name is bigger than max limit."),
    ("short_description", {"description": "Susu"}, "error_desc_length_min_limit", "Description length is less than the min limit."),
    ("long_description", {"description": "x" * 3001}, "error_param", "Parameter is not match the constraints, description length should be less than 3000."),
    ("unknown_category", {"category_id": 999999}, "error_param", "Invalid category."),
    ("non_leaf_category", {"category_id": 100002}, "error_param", "Invalid category."),
    ("missing_mandatory_attribute", {"attribute_list": []}, "error_invalid_attribute", "Mandatory attribute information required"),
    ("attribute_of_other_category", {"attribute_list": [ORIGIN]}, "error_invalid_category_attribute", "Category and attribute not match."),
    ("unknown_attribute_value", {"attribute_list": [{"attribute_id": 200012, "attribute_value_list": [{"value_id": 1}]}]}, "error_invalid_attribute_value", "Invalid attribute value."),
    ("free_value_without_name", {"attribute_list": [{"attribute_id": 200012, "attribute_value_list": [{"value_id": 0}]}]}, "error_value_name_required", "Value_name is required."),
    ("brand_of_other_category", {"brand": {"brand_id": 3000201, "original_brand_name": "Aqua"}}, "error_invalid_brand", "Invalid brand"),
    ("pending_brand", {"brand": {"brand_id": 3000603, "original_brand_name": "Nuvo"}}, "error_invalid_brand", "Invalid brand"),
    ("no_images", {"image": {"image_id_list": []}}, "error_param", "Parameter is not match the constraints, image_id_list should have between 1 and 9 images."),
    ("image_not_issued", {"image": {"image_id_list": ["c54265d475b85e00ffb2404585e32b6f"]}}, "error_param", "Image not exist."),
    ("zero_weight", {"weight": 0}, "error_param", "Invalid Weight."),
    ("huge_weight", {"weight": 301}, "error_param", "Invalid Weight."),
    ("dimension_too_big", {"dimension": {"package_length": 301, "package_width": 8, "package_height": 8}}, "error_param", "Parameter is not match the constraints, package_length should be between 1 and 300."),
    ("price_below_min", {"original_price": 50}, "error_price_exceed_min_limitt", "Original_price is less than min price limit."),
    ("price_above_max", {"original_price": 150000001}, "error_price_exceed_max_limitt", "Original_price is bigger than max price limit."),
    ("negative_price", {"original_price": -1}, "error_invalid_price", "Invalid price, please use the correct format"),
    ("negative_stock", {"seller_stock": [{"stock": -1}]}, "error_param", "Parameter is not match the constraints, stock should be between 0 and 999999."),
    ("unknown_channel", {"logistic_info": [{"logistic_id": 70124, "enabled": True}]}, "error_param", "Invalid logistic info, logistic_id 70124 does not exist"),
    ("fulfilment_channel", {"logistic_info": [{"logistic_id": 80044, "enabled": True}]}, "error_param",
     "Invalid logistic info, logistic_id 80044 can not be set for product, use its mask channel 8000"),
    ("no_enabled_channel", {"logistic_info": [{"logistic_id": 8000, "enabled": False}]}, "error_param", "Invalid logistic info, at least one logistics channel should be enabled"),
    ("bad_days_to_ship", {"pre_order": {"is_pre_order": False, "days_to_ship": 9}}, "error_invalid_days_to_ship", "Invalid days_to_ship."),
    ("pre_order_out_of_range", {"pre_order": {"is_pre_order": True, "days_to_ship": 60}}, "error_invalid_days_to_ship", "Invalid days_to_ship."),
    ("wholesale_above_price", {"wholesale": [{"min_count": 2, "max_count": 5, "unit_price": 30000}]}, "error_whole_sale_price_setting_incorrect", "Wholesale price can't more than original price."),
    ("wholesale_bad_tiers", {"wholesale": [{"min_count": 5, "max_count": 2, "unit_price": 20000}]}, "error_param", "Invalid wholesale setting."),
    # get_item_limit's wholesale_price_threshold_percentage: a tier at least 10% of the original price
    ("wholesale_below_ratio", {"wholesale": [{"min_count": 2, "max_count": 5, "unit_price": 1000}]},
     "error_wholesale_price_less_than_ratio_limit", "Wholesale price is less than ratio limit."),
    ("wholesale_tier_dearer_than_the_one_before", {"wholesale": [{"min_count": 2, "max_count": 5, "unit_price": 20000},
                                                                {"min_count": 6, "max_count": 10, "unit_price": 21000}]},
     "error_param", "Invalid wholesale setting."),
    # whole rupiah: 20000.4 and 20000.3 are both stored as 20000, so the second tier is no cheaper
    ("wholesale_tiers_equal_once_rounded", {"wholesale": [{"min_count": 2, "max_count": 5, "unit_price": 20000.4},
                                                          {"min_count": 6, "max_count": 10, "unit_price": 20000.3}]},
     "error_param", "Invalid wholesale setting."),
    ("bad_condition", {"condition": "BROKEN"}, "error_param", "Wrong parameters, detail: condition should be NEW or USED."),
    ("bad_status", {"item_status": "BANNED"}, "error_param", "Wrong parameters, detail: item_status should be NORMAL or UNLIST."),
    ("long_sku", {"item_sku": "S" * 101}, "error_param", "Parameter is not match the constraints, item_sku length should be no more than 100."),
    ("price_as_text", {"original_price": "murah"}, "error_param", "Wrong parameters, detail: original_price should be a number."),
    # 8000 is a SIZE_INPUT channel of at most 20 kg and 50 x 40 x 40 cm (get_channel_list)
    ("size_input_channel_without_dimension", {"dimension": None}, "error_param", "dimension is required"),
    ("heavier_than_the_channel", {"weight": 100}, "error_param", "Invalid logistic info, weight 100 kg is more than the 20 kg limit of logistic_id 8000"),
    ("longer_than_the_channel", {"dimension": {"package_length": 100, "package_width": 8, "package_height": 8}}, "error_param",
     "Invalid logistic info, package_length 100 cm is more than the 50 cm limit of logistic_id 8000"),
    ("gtin_check_digit_wrong", {"gtin_code": "4006381333932"}, "error_param_validate", "This is not a valid GTIN. Please, inform a valid number."),
    ("gtin_too_short", {"gtin_code": "1234565"}, "error_param_validate", "This is not a valid GTIN. Please, inform a valid number."),
    ("gtin_not_digits", {"gtin_code": "ABCDEFGH"}, "error_param_validate", "This is not a valid GTIN. Please, inform a valid number."),
    ("description_info_without_extended_type", {"description_info": {"extended_description": {"field_list": [{"field_type": "text", "text": "y" * 30}]}}},
     "error_param", "Wrong parameters, detail: description_type should be extended when description_info is given."),
    ("brand_without_name", {"item_name": "Sabun Mandi Cair 450 ml", "category_id": 100061, "attribute_list": [], "brand": {"brand_id": 3000601}},
     "error_invalid_brand", "Brand name required"),
    ("no_brand_with_a_brand_id", {"item_name": "Sabun Mandi Cair 450 ml", "category_id": 100061, "attribute_list": [],
                                  "brand": {"brand_id": 3000601, "original_brand_name": "No Brand"}},
     "error_invalid_brand", 'Brand ID value should be "0".'),
    ("text_attribute_with_value_id", {"attribute_list": [{"attribute_id": SHELF_LIFE, "attribute_value_list": [{"value_id": SIX_MONTHS}]},
                                                         {"attribute_id": 200013, "attribute_value_list": [{"value_id": 7, "original_value_name": "MD123"}]}]},
     "error_value_id_must_equal_zero", "Value_id must equal 0."),
    ("dangerous_flag_out_of_range", {"item_dangerous": 2}, "error_param", "Wrong parameters, detail: item_dangerous should be 0 or 1."),
    ("promotion_image_beside_square_images", {"promotion_images": {"image_id_list": ["c54265d475b85e00ffb2404585e32b6f"]}}, "error_param",
     "Parameter is not match the constraints, promotion_images can only be set when the item images are 3:4."),
    ("schedule_on_a_normal_item", {"item_status": "NORMAL", "scheduled_publish_time": 4102444800}, "error_param",
     "Parameter is not match the constraints, scheduled_publish_time can only be set for an item with UNLIST status."),
]


@pytest.mark.parametrize("overrides, error, message", [c[1:] for c in ADD_ITEM_CASES], ids=[c[0] for c in ADD_ITEM_CASES])
def test_add_item_refused(shopee, shopee_client, shopee_http, mart_id, overrides, error, message):
    before = len(shopee.products.items_of_shop(mart_id))
    body = item_body([image_id(shopee_client, shopee_http, mart_id)], **overrides)
    answer = shopee_client.call("v2.product.add_item", shop_id=mart_id, body=body)
    assert (answer["error"], answer["message"]) == (error, message)
    assert len(shopee.products.items_of_shop(mart_id)) == before


def test_add_item_brand_required_in_personal_care(shopee_client, shopee_http, mart_id):
    body = item_body([image_id(shopee_client, shopee_http, mart_id)], item_name="Sabun Mandi Cair 450 ml", category_id=100061,
                     attribute_list=[], brand={"brand_id": 0, "original_brand_name": "NoBrand"})
    answer = shopee_client.call("v2.product.add_item", shop_id=mart_id, body=body)
    assert (answer["error"], answer["message"]) == ("error_invalid_brand", "Brand information required")


def test_add_item_fresh_produce_has_no_pre_order(shopee_client, shopee_http, mart_id):
    body = item_body([image_id(shopee_client, shopee_http, mart_id)], item_name="Bayam Hijau Segar 250 g", category_id=100012,
                     attribute_list=[ORIGIN], brand=None, pre_order={"is_pre_order": True, "days_to_ship": 7})
    answer = shopee_client.call("v2.product.add_item", shop_id=mart_id, body=body)
    assert (answer["error"], answer["message"]) == ("error_param_category_not_support_pre_order", "Category does not support pre-order.")


def test_add_item_answers_the_stored_item(shopee_client, shopee_http, mart_id):
    item = add_item(shopee_client, shopee_http, mart_id)
    assert item["item_name"] == "Susu Segar Pasteurisasi 1 L" and item["category_id"] == 100021
    assert item["price_info"] == {"original_price": 24900.0, "current_price": 24900.0}
    assert item["brand"] == {"brand_id": 3000103, "original_brand_name": "Cimory"}
    assert item["attribute"][0]["attribute_value_list"][0]["original_value_name"] == "6 Bulan"
    assert item["images"]["image_url_list"][0].endswith(f"/media/{item['images']['image_id_list'][0]}")


UPDATE_ITEM_CASES = [
    ("short_item_name", {"item_name": "Susu"}, "error_item_name_is_too_short", "Item_name length is less than min limit."),
    ("non_leaf_category", {"category_id": 100003}, "error_param", "Invalid category."),
    ("category_missing_mandatory", {"category_id": 100022}, "error_invalid_attribute", "Mandatory attribute information required"),
    ("image_not_issued", {"image": {"image_id_list": ["ffffffffffffffffffffffffffffffff"]}}, "error_param", "Image not exist."),
    ("too_many_images", {"image": {"image_id_list": ["a"] * 10}}, "error_param", "Parameter is not match the constraints, image_id_list should have between 1 and 9 images."),
    ("bad_weight", {"weight": -2}, "error_param", "Invalid Weight."),
    ("bad_status", {"item_status": "DELETED"}, "error_param", "Wrong parameters, detail: item_status should be NORMAL or UNLIST."),
    ("unknown_item", {"item_id": 1}, "error_item_not_found", "Product not found"),
]


@pytest.mark.parametrize("overrides, error, message", [c[1:] for c in UPDATE_ITEM_CASES], ids=[c[0] for c in UPDATE_ITEM_CASES])
def test_update_item_refused(shopee_client, shopee_http, mart_id, overrides, error, message):
    item = add_item(shopee_client, shopee_http, mart_id)
    answer = shopee_client.call("v2.product.update_item", shop_id=mart_id, body={"item_id": item["item_id"], **overrides})
    assert (answer["error"], answer["message"]) == (error, message)
    info = ok(shopee_client.call("v2.product.get_item_base_info", shop_id=mart_id, params={"item_id_list": [item["item_id"]]}))["item_list"][0]
    assert info["item_name"] == item["item_name"] and info["weight"] == "1.05"


def test_update_item_other_shops_item(shopee, shopee_client, outlet_ids):
    theirs = shopee.products.items_of_shop(outlet_ids[1])[0]
    answer = shopee_client.call("v2.product.update_item", shop_id=outlet_ids[0], body={"item_id": theirs["item_id"], "item_status": "UNLIST"})
    assert (answer["error"], answer["message"]) == ("error_item_not_belong_shop", "Item not belong to shop.")


ODD_BODIES = [
    {"item_id": "x"},
    {"item_id": 10**30},
    {"item_id": None, "item_name": 5},
    {"item_id": 1, "image": "abc"},
    {"item_id": 1, "image": {"image_id_list": [None]}},
    {"item_id": 1, "logistic_info": [{}]},
    {"item_id": 1, "attribute_list": [{"attribute_id": "a"}]},
    {"item_id": 1, "weight": "NaN"},
    {"item_id": 1, "weight": "__HUGE__"},
    {"item_id": 1, "price_list": [{"model_id": 0, "original_price": "__HUGE__"}], "stock_list": [{"model_id": 0, "seller_stock": [{"stock": "__HUGE__"}]}]},
    {"item_id": 1, "dimension": {"package_length": -1}},
    {"item_id": 1, "pre_order": {"is_pre_order": "maybe"}},
    {"item_id": 1, "wholesale": [{"min_count": 1}]},
    [],
    "text",
    {"item_id": 1, "item_name": None, "image": None, "brand": None, "weight": None, "description": None},
]


@pytest.mark.parametrize("api", ["v2.product.add_item", "v2.product.update_item", "v2.product.update_stock", "v2.product.update_price",
                                 "v2.product.init_tier_variation", "v2.product.update_tier_variation", "v2.product.add_model",
                                 "v2.product.update_model", "v2.product.publish_item_to_outlet_shop", "v2.product.get_mart_item_mapping_by_id",
                                 "v2.product.unlist_item", "v2.product.delete_model", "v2.product.get_weight_recommendation"])
def test_odd_bodies_never_answer_500(shopee, shopee_client, shopee_http, mart_id, outlet_id, api):
    real = shopee.products.items_of_shop(mart_id)[0]["item_id"]
    for shop_id in (mart_id, outlet_id):
        extra = [{"item_id": real, "weight": "__HUGE__"}, {"item_id": real, "category_id": -1},
                 {"item_id": real, "item_name": None, "image": None, "brand": None, "weight": None, "description": None, "pre_order": None}]
        for body in ODD_BODIES + extra:
            _, path, query = shopee_client.signed_query(api, shop_id)
            text = json.dumps(body).replace('"__HUGE__"', "1e400")  # JSON clients can send what Python cannot encode
            response = shopee_http.post(path, params=query, content=text, headers={"content-type": "application/json"})
            assert response.status_code < 500, (body, response.text)
            assert response.json()["error"] != "error_server"


ODD_QUERIES = [
    {},
    {"item_id_list": "a,b"},
    {"item_id_list": [-1], "category_id_list": [0], "category_id": -5, "status": 9, "offset": -3, "page_size": 10**12},
    {"item_id": 10**30, "item_name": "", "language": "xx", "item_status": ["NORMAL"], "offset": "x", "page_size": 0},
    {"direct_item_id": [1], "item_name": "\u0000\u202e", "category_id": 100021, "cover_image_id": "z", "attribute_status": 3},
]


@pytest.mark.parametrize("api", ["v2.product.get_category", "v2.product.get_attribute_tree", "v2.product.get_brand_list", "v2.product.get_item_limit",
                                 "v2.product.category_recommend", "v2.product.get_recommend_attribute", "v2.product.get_item_list",
                                 "v2.product.get_item_base_info", "v2.product.get_item_extra_info", "v2.product.search_item",
                                 "v2.product.get_main_item_list", "v2.product.get_model_list"])
def test_odd_queries_never_answer_500(shopee_client, mart_id, outlet_id, api):
    for shop_id in (mart_id, outlet_id):
        for params in ODD_QUERIES:
            response = shopee_client.request(api, shop_id=shop_id, params=params)
            assert response.status_code < 500, (params, response.text)
            assert response.json()["error"] != "error_server"


def test_add_item_extended_description(shopee_client, shopee_http, mart_id):
    picture = image_id(shopee_client, shopee_http, mart_id)
    info = {"extended_description": {"field_list": [
        {"field_type": "text", "text": "Susu segar dari peternakan lokal, dipasteurisasi."},
        {"field_type": "image", "image_info": {"image_id": picture}}]}}
    item = add_item(shopee_client, shopee_http, mart_id, description_type="extended", description_info=info)
    fields = item["description_info"]["extended_description"]["field_list"]
    assert fields[1]["image_info"] == {"image_id": picture, "image_url": f"http://emulator.local/media/{picture}"}
    assert item["description"] == "Susu segar dari peternakan lokal, dipasteurisasi."


def test_add_item_extended_description_image_not_issued(shopee_client, shopee_http, mart_id):
    info = {"extended_description": {"field_list": [{"field_type": "image", "image_info": {"image_id": "abf02b19b42e4aa964ef0725491ca9e3"}}]}}
    body = item_body([image_id(shopee_client, shopee_http, mart_id)], description_type="extended", description_info=info)
    answer = shopee_client.call("v2.product.add_item", shop_id=mart_id, body=body)
    assert (answer["error"], answer["message"]) == ("error_param", "Image not exist.")


# -- package against channels, GTIN, schedule, promotion image, dangerous goods ------------------
def _refused(answer):
    return answer["error"], answer["message"]


@pytest.mark.parametrize("gtin", ["4006381333931", "96385074", "00012345600012", "00"])
def test_add_item_takes_a_checked_gtin_or_no_gtin(shopee_client, shopee_http, mart_id, gtin):
    item = add_item(shopee_client, shopee_http, mart_id, gtin_code=gtin)
    info = ok(shopee_client.call("v2.product.get_item_base_info", shop_id=mart_id, params={"item_id_list": [item["item_id"]]}))["item_list"][0]
    assert info["gtin_code"] == gtin


def test_update_item_refuses_a_bad_gtin(shopee_client, shopee_http, mart_id):
    item = add_item(shopee_client, shopee_http, mart_id, gtin_code="4006381333931")
    answer = shopee_client.call("v2.product.update_item", shop_id=mart_id, body={"item_id": item["item_id"], "gtin_code": "4006381333930"})
    assert _refused(answer) == ("error_param_validate", "This is not a valid GTIN. Please, inform a valid number.")
    info = ok(shopee_client.call("v2.product.get_item_base_info", shop_id=mart_id, params={"item_id_list": [item["item_id"]]}))["item_list"][0]
    assert info["gtin_code"] == "4006381333931"


def test_get_item_limit_answers_the_gtin_rule(shopee_client, mart_id):
    limits = ok(shopee_client.call("v2.product.get_item_limit", shop_id=mart_id, params={"category_id": 100021}))
    assert limits["gtin_limit"] == {"gtin_validation_rule": "Optional"}


def test_update_item_description_info_needs_the_extended_type(shopee_client, shopee_http, mart_id):
    item = add_item(shopee_client, shopee_http, mart_id)
    info = {"extended_description": {"field_list": [{"field_type": "text", "text": "y" * 30}]}}
    answer = shopee_client.call("v2.product.update_item", shop_id=mart_id, body={"item_id": item["item_id"], "description_info": info})
    assert _refused(answer) == ("error_param", "Wrong parameters, detail: description_type should be extended when description_info is given.")


def test_update_item_weight_past_a_channel_limit_refused(shopee, shopee_client, shopee_http, mart_id, outlet_id):
    mart_item, _ = published(shopee_client, shopee_http, mart_id, outlet_id)
    answer = shopee_client.call("v2.product.update_item", shop_id=mart_id, body={"item_id": mart_item, "weight": 25})
    assert _refused(answer) == ("error_param", "Invalid logistic info, weight 25 kg is more than the 20 kg limit of logistic_id 8000")
    assert shopee.products.find(mart_item)["weight"] == "1.05"


def test_update_item_outlet_pre_order_needs_days_to_ship(shopee_client, shopee_http, mart_id, outlet_id):
    _, outlet_item = published(shopee_client, shopee_http, mart_id, outlet_id)
    answer = shopee_client.call("v2.product.update_item", shop_id=outlet_id, body={"item_id": outlet_item, "pre_order": {"is_pre_order": False}})
    assert _refused(answer) == ("error_param", "Wrong parameters, detail: pre_order.days_to_ship is required.")


def _at_minute(seconds: int) -> int:
    return seconds - seconds % 60


@pytest.mark.parametrize("ahead, message", [
    (1800, "scheduled_publish_time should be from 1 hour to 90 days after the current time"),
    (91 * 86400, "scheduled_publish_time should be from 1 hour to 90 days after the current time"),
    (2 * 3600 + 30, "scheduled_publish_time should be a whole minute"),
])
def test_add_item_schedule_outside_the_window_refused(shopee, shopee_client, shopee_http, mart_id, ahead, message):
    when = _at_minute(shopee.clock.now()) + ahead
    body = item_body([image_id(shopee_client, shopee_http, mart_id)], item_status="UNLIST", scheduled_publish_time=when)
    answer = shopee_client.call("v2.product.add_item", shop_id=mart_id, body=body)
    assert _refused(answer) == ("error_param", f"Parameter is not match the constraints, {message}.")


def test_add_item_schedule_of_an_unlisted_item_shows_in_base_info(shopee, shopee_client, shopee_http, mart_id):
    when = _at_minute(shopee.clock.now()) + 2 * 86400
    item = add_item(shopee_client, shopee_http, mart_id, item_status="UNLIST", scheduled_publish_time=when)
    info = ok(shopee_client.call("v2.product.get_item_base_info", shop_id=mart_id, params={"item_id_list": [item["item_id"]]}))["item_list"][0]
    assert (info["item_status"], info["scheduled_publish_time"]) == ("UNLIST", when)


def test_promotion_image_beside_three_by_four_images(shopee_client, shopee_http, mart_id):
    images = [image_id(shopee_client, shopee_http, mart_id) for _ in range(2)]
    item = add_item(shopee_client, shopee_http, mart_id, image={"image_id_list": [images[0]], "image_ratio": "3:4"},
                    promotion_images={"image_id_list": [images[1]]})
    info = ok(shopee_client.call("v2.product.get_item_base_info", shop_id=mart_id, params={"item_id_list": [item["item_id"]]}))["item_list"][0]
    assert (info["promotion_image"]["image_id_list"], info["promotion_image"]["image_ratio"]) == ([images[1]], "3:4")


@pytest.mark.shopee_world("th")
def test_th_item_cannot_be_flagged_dangerous(shopee, shopee_client, shopee_http, mart_id):
    body = item_body([image_id(shopee_client, shopee_http, mart_id)], logistic_info=[{"logistic_id": 70124, "enabled": True}],
                     brand={"brand_id": 3100101, "original_brand_name": "Meiji"}, item_dangerous=1)
    answer = shopee_client.call("v2.product.add_item", shop_id=mart_id, body=body)
    assert _refused(answer) == ("error_param", "Wrong parameters, detail: item_dangerous is only for local sellers in ID and MY.")
    body["item_dangerous"] = 0
    assert ok(shopee_client.call("v2.product.add_item", shop_id=mart_id, body=body))["item_dangerous"] == 0


def test_update_item_square_images_refused_while_a_promotion_image_is_kept(shopee, shopee_client, shopee_http, mart_id):
    images = [image_id(shopee_client, shopee_http, mart_id) for _ in range(3)]
    item = add_item(shopee_client, shopee_http, mart_id, image={"image_id_list": [images[0]], "image_ratio": "3:4"},
                    promotion_images={"image_id_list": [images[1]]})
    square = {"image_id_list": [images[2]], "image_ratio": "1:1"}
    answer = shopee_client.call("v2.product.update_item", shop_id=mart_id, body={"item_id": item["item_id"], "image": square})
    assert _refused(answer) == ("error_param", "Parameter is not match the constraints, promotion_images can only be set when the item images are 3:4.")
    assert shopee.products.find(item["item_id"])["image"]["image_id_list"] == [images[0]]
    # dropping the promotion image in the same call lets the images change
    ok(shopee_client.call("v2.product.update_item", shop_id=mart_id, body={"item_id": item["item_id"], "image": square, "promotion_images": {}}))


@pytest.mark.parametrize("field_list, message", [
    ([{"field_type": "text", "text": "y" * 2000}, {"field_type": "text", "text": "z" * 1001}],
     "Parameter is not match the constraints, description length should be less than 3000."),
    ([{"field_type": "text", "text": "  "}], "Wrong parameters, detail: a text field of description_info needs its text."),
])
def test_add_item_extended_description_text_limits(shopee_client, shopee_http, mart_id, field_list, message):
    body = item_body([image_id(shopee_client, shopee_http, mart_id)], description_type="extended",
                     description_info={"extended_description": {"field_list": field_list}})
    answer = shopee_client.call("v2.product.add_item", shop_id=mart_id, body=body)
    assert _refused(answer) == ("error_param", message)


EXPIRY, BEST_BEFORE, PACK_COUNT, VOLUME = 200019, 200020, 200021, 200014
SHELF = {"attribute_id": SHELF_LIFE, "attribute_value_list": [{"value_id": SIX_MONTHS}]}
NO_BRAND = {"brand_id": 0, "original_brand_name": "NoBrand"}


def typed(attribute_id: int, name: str, unit: str = "") -> dict:
    value = {"value_id": 0, "original_value_name": name, **({"value_unit": unit} if unit else {})}
    return {"attribute_id": attribute_id, "attribute_value_list": [value]}


@pytest.mark.parametrize("category_id, attribute_id, shown", [
    (100021, EXPIRY, "29/05/2026"),  # DD/MM/YYYY, on the world's (Jakarta) calendar: 20:26 UTC is already the 29th
    (100041, BEST_BEFORE, "05/2026"),  # MM/YYYY
])
def test_date_attribute_takes_a_timestamp_and_reads_back_as_a_date(shopee_client, shopee_http, mart_id, category_id, attribute_id, shown):
    item = add_item(shopee_client, shopee_http, mart_id, category_id=category_id, brand=NO_BRAND, weight=0.2,
                    attribute_list=[SHELF, typed(attribute_id, "1780000000")])
    base = ok(shopee_client.call("v2.product.get_item_base_info", shop_id=mart_id, params={"item_id_list": item["item_id"]}))
    (attribute,) = [a for a in base["item_list"][0]["attribute_list"] if a["attribute_id"] == attribute_id]
    assert attribute["attribute_value_list"] == [{"value_id": 0, "original_value_name": shown, "value_unit": ""}]


@pytest.mark.parametrize("category_id, attribute, accepted", [
    (100021, typed(EXPIRY, "31/06/2021"), False),  # the readable form is what reads back, not what is sent
    (100021, typed(EXPIRY, "99999999999999"), False),
    (100021, typed(VOLUME, "1,5", "L"), False),
    (100021, typed(VOLUME, "1.5", "L"), True),
    (100031, typed(PACK_COUNT, "24"), True),
    (100031, typed(PACK_COUNT, "2.5"), False),
    (100031, typed(PACK_COUNT, "dua"), False),
])
def test_typed_attribute_values_follow_their_input_validation_type(shopee_client, shopee_http, mart_id, category_id, attribute, accepted):
    body = item_body([image_id(shopee_client, shopee_http, mart_id)], category_id=category_id, brand=NO_BRAND, weight=0.5,
                     attribute_list=[SHELF, attribute])
    answer = shopee_client.call("v2.product.add_item", shop_id=mart_id, body=body)
    if accepted:
        ok(answer)
    else:
        assert (answer["error"], answer["message"]) == ("error_invalid_attribute_value", "Invalid attribute value.")
