"""Creation preparation (categories, attributes, brands, limits, recommendations), media and OpenAPI."""
from __future__ import annotations

import pytest

from emulator.domains.product.media import solid_png
from emulator.errors import ShopeeError
from emulator.registry import Registry
from tests.conftest import ok
from tests.domains.product_support import solid_jpeg, upload

PRODUCT_APIS = [
    "v2.product.get_category", "v2.product.get_attribute_tree", "v2.product.get_brand_list", "v2.product.get_item_limit",
    "v2.product.category_recommend", "v2.product.get_recommend_attribute", "v2.product.get_weight_recommendation",
    "v2.media_space.upload_image", "v2.product.add_item", "v2.product.update_item", "v2.product.delete_item",
    "v2.product.unlist_item", "v2.product.get_item_list", "v2.product.get_item_base_info", "v2.product.get_item_extra_info",
    "v2.product.search_item", "v2.product.get_main_item_list", "v2.product.init_tier_variation", "v2.product.update_tier_variation",
    "v2.product.get_model_list", "v2.product.add_model", "v2.product.update_model", "v2.product.delete_model",
    "v2.product.publish_item_to_outlet_shop", "v2.product.get_mart_item_mapping_by_id", "v2.product.update_price", "v2.product.update_stock",
]


def test_get_category_has_leaf_and_parent_categories(shopee_client, mart_id):
    categories = ok(shopee_client.call("v2.product.get_category", shop_id=mart_id, params={"language": "id"}))["category_list"]
    by_id = {c["category_id"]: c for c in categories}
    assert by_id[100002]["has_children"] is True and by_id[100002]["parent_category_id"] == 0
    assert by_id[100021]["parent_category_id"] == 100002 and by_id[100021]["has_children"] is False
    assert by_id[100021]["display_category_name"] == "Susu Cair" and by_id[100021]["original_category_name"] == "Milk"
    assert {c["parent_category_id"] for c in categories if c["parent_category_id"]} == {100001, 100002, 100003, 100004, 100005, 100006}


def test_get_category_invalid_language(shopee_client, mart_id):
    answer = shopee_client.call("v2.product.get_category", shop_id=mart_id, params={"language": "th"})
    assert (answer["error"], answer["message"]) == ("error_invalid_language", "Invalid language.")


def test_get_attribute_tree_marks_mandatory_attributes(shopee_client, mart_id):
    answer = ok(shopee_client.call("v2.product.get_attribute_tree", shop_id=mart_id, params={"category_id_list": [100021, 100022]}))
    milk, eggs = answer["list"]
    assert milk["category_id"] == 100021
    mandatory = {a["name"]: a["mandatory"] for a in milk["attribute_tree"]}
    assert mandatory == {"Masa Simpan": True, "No. Izin BPOM": False, "Volume": False, "Penyimpanan": False,
                         "Tanggal Kedaluwarsa": False}
    volume = next(a for a in milk["attribute_tree"] if a["name"] == "Volume")
    assert volume["attribute_info"]["format_type"] == 2 and volume["attribute_info"]["attribute_unit_list"] == ["ml", "L"]
    assert any(a["mandatory"] for a in eggs["attribute_tree"])


def test_get_attribute_tree_non_leaf_category_refused(shopee_client, mart_id):
    answer = shopee_client.call("v2.product.get_attribute_tree", shop_id=mart_id, params={"category_id_list": [100003]})
    assert (answer["error"], answer["message"]) == ("error_invalid_category", "Invalid category ID 100003")


def test_get_attribute_tree_more_than_20_refused(shopee_client, mart_id):
    answer = shopee_client.call("v2.product.get_attribute_tree", shop_id=mart_id, params={"category_id_list": [100021] * 21})
    assert (answer["error"], answer["message"]) == ("error_param", "Wrong parameters, detail: category_id_list length should be between 1 and 20.")


def test_get_brand_list_pages_brands_of_category(shopee_client, mart_id):
    first = ok(shopee_client.call("v2.product.get_brand_list", shop_id=mart_id, params={"category_id": 100021, "status": 1, "offset": 0, "page_size": 2}))
    assert [b["original_brand_name"] for b in first["brand_list"]] == ["Ultra Milk", "Indomilk"]
    assert first["has_next_page"] is True and first["next_offset"] == 2 and first["is_mandatory"] is False
    rest = ok(shopee_client.call("v2.product.get_brand_list", shop_id=mart_id, params={"category_id": 100021, "status": 1, "offset": 2, "page_size": 2}))
    assert [b["brand_id"] for b in rest["brand_list"]] == [3000103] and rest["has_next_page"] is False


def test_get_brand_list_personal_care_brand_is_mandatory(shopee_client, mart_id):
    answer = ok(shopee_client.call("v2.product.get_brand_list", shop_id=mart_id, params={"category_id": 100061, "status": 2, "offset": 0, "page_size": 10}))
    assert answer["is_mandatory"] is True and [b["original_brand_name"] for b in answer["brand_list"]] == ["Nuvo"]


def test_get_brand_list_invalid_category(shopee_client, mart_id):
    answer = shopee_client.call("v2.product.get_brand_list", shop_id=mart_id, params={"category_id": 5, "status": 1, "offset": 0, "page_size": 10})
    assert (answer["error"], answer["message"]) == ("error_param", "Invalid category.")


def test_get_item_limit_for_fresh_produce(shopee_client, mart_id):
    limits = ok(shopee_client.call("v2.product.get_item_limit", shop_id=mart_id, params={"category_id": 100011}))
    assert limits["price_limit"] == {"min_limit": 100.0, "max_limit": 150000000.0}
    assert limits["item_image_count_limit"] == {"min_limit": 1, "max_limit": 9}
    assert limits["dts_limit"]["days_to_ship_limit"] == {"min_limit": -1, "max_limit": -1}


@pytest.mark.shopee_world("th")
def test_get_item_limit_th_prices_in_baht(shopee_client, mart_id):
    limits = ok(shopee_client.call("v2.product.get_item_limit", shop_id=mart_id))
    assert limits["price_limit"] == {"min_limit": 1.0, "max_limit": 500000.0}
    assert limits["item_name_length_limit"]["max_limit"] == 120


def test_category_recommend_from_item_name(shopee_client, mart_id):
    answer = ok(shopee_client.call("v2.product.category_recommend", shop_id=mart_id, params={"item_name": "Susu UHT Cokelat 250 ml"}))
    assert answer["category_id"][0] == 100021


@pytest.mark.shopee_world("th")
def test_category_recommend_thai_name(shopee_client, mart_id):
    answer = ok(shopee_client.call("v2.product.category_recommend", shop_id=mart_id, params={"item_name": "ยาสีฟันสมุนไพร 160 ก."}))
    assert answer["category_id"] == [100062]


def test_get_recommend_attribute_from_item_name(shopee_client, mart_id):
    answer = ok(shopee_client.call("v2.product.get_recommend_attribute", shop_id=mart_id, params={"item_name": "Telur Ayam Kampung 10 butir", "category_id": 100022}))
    assert {"attribute_id": 200018, "attribute_value_list": [{"value_id": 2001802}]} in answer["attribute_list"]


def test_get_weight_recommendation_for_category(shopee_client, mart_id):
    body = {"item_name": "Air Mineral 1500 ml", "cover_image_id": "x", "category_id": 100031, "attribute_list": [], "brand_id": 0, "description_type": "normal"}
    answer = ok(shopee_client.call("v2.product.get_weight_recommendation", shop_id=mart_id, body=body))
    assert answer["normal_weight_range"] == [0.3, 20.0]


# -- media ---------------------------------------------------------------------------------------
def test_upload_image_answers_ids_and_served_urls(shopee_client, shopee_http, mart_id):
    answer = ok(upload(shopee_client, shopee_http, mart_id, scene="normal"))
    info = answer["image_info"]
    assert len(info["image_id"]) == 32
    assert info["image_url_list"][0]["image_url_region"] == "ID"
    assert answer["image_info_list"] == [{"id": 0, "error": "", "message": "", "image_info": info}]
    served = shopee_http.get(info["image_url_list"][0]["image_url"])
    assert served.status_code == 200 and served.content == solid_png((250, 250, 250))


def test_upload_image_several_files_one_bad(shopee_client, shopee_http, mart_id):
    files = [("a.png", solid_png((1, 2, 3)), "image/png"), ("notes.txt", b"not an image", "text/plain"), ("b.jpg", solid_jpeg(), "image/jpeg")]
    answer = ok(upload(shopee_client, shopee_http, mart_id, files))
    results = answer["image_info_list"]
    assert [r["error"] for r in results] == ["", "error_param", ""]
    assert results[1]["message"] == "Wrong parameters, detail: image format should be one of JPG, JPEG, PNG."


def test_upload_image_wrong_format_refused(shopee_client, shopee_http, mart_id):
    answer = upload(shopee_client, shopee_http, mart_id, [("a.gif", b"GIF89a....", "image/gif")])
    assert (answer["error"], answer["message"]) == ("error_param", "Wrong parameters, detail: image format should be one of JPG, JPEG, PNG.")


def test_upload_image_more_than_9_refused(shopee_client, shopee_http, mart_id):
    files = [(f"{n}.png", solid_png((n, n, n)), "image/png") for n in range(10)]
    answer = upload(shopee_client, shopee_http, mart_id, files)
    assert (answer["error"], answer["message"]) == ("error_param", "Wrong parameters, detail: image number should be less than 9.")


def test_upload_image_too_large_refused(shopee, mart_id):
    big = {"filename": "big.png", "content_type": "image/png", "data": b"\x89PNG\r\n\x1a\n" + b"0" * (10 * 1024 * 1024)}
    with pytest.raises(ShopeeError) as refused:
        shopee.products.media.check(big)
    assert refused.value.message == "Wrong parameters, detail: image size should be less than 10.0 MB."


def test_unknown_media_is_404(shopee_http):
    assert shopee_http.get("/media/ffffffffffffffffffffffffffffffff").status_code == 404


# -- OpenAPI -------------------------------------------------------------------------------------
def test_openapi_lists_every_product_endpoint(shopee_http):
    document = shopee_http.get("/openapi.json").json()
    registry = Registry.scan()
    for name in PRODUCT_APIS:
        op = registry.by_name[name]
        assert op.handler is not None, name
        assert op.method.lower() in document["paths"][op.path], name
    publish = document["paths"]["/api/v2/product/publish_item_to_outlet_shop"]["post"]
    schema = publish["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert set(document["components"]["schemas"][schema]["required"]) == {"mart_item_id", "outlet_shop_id", "publish_item"}
    assert "multipart/form-data" in document["paths"]["/api/v2/media_space/upload_image"]["post"]["requestBody"]["content"]


def test_upload_image_text_field_instead_of_file(shopee_client, shopee_http, mart_id):
    _, path, query = shopee_client.signed_query("v2.media_space.upload_image", mart_id)
    answer = shopee_http.post(path, params=query, data={"image": "milk.png"}, files=[("other", ("x.txt", b"x", "text/plain"))]).json()
    assert (answer["error"], answer["message"]) == ("error_param", "Wrong parameters, detail: image should be a file.")


def test_upload_image_without_multipart(shopee_client, mart_id):
    answer = shopee_client.call("v2.media_space.upload_image", shop_id=mart_id, body={"scene": "normal"})
    assert (answer["error"], answer["message"]) == ("error_param", "Wrong parameters, detail: image is required.")


def test_upload_image_unknown_scene(shopee_client, shopee_http, mart_id):
    answer = upload(shopee_client, shopee_http, mart_id, scene="banner")
    assert (answer["error"], answer["message"]) == ("error_param", "Wrong parameters, detail: scene should be normal or desc.")


def test_get_attribute_tree_tells_each_typed_values_data_type(shopee_client, mart_id):
    answer = ok(shopee_client.call("v2.product.get_attribute_tree", shop_id=mart_id, params={"category_id_list": [100021, 100041, 100031]}))
    info = {a["name"]: a["attribute_info"] for tree in answer["list"] for a in tree["attribute_tree"]}
    kinds = {name: (i["input_validation_type"], i["date_format_type"]) for name, i in info.items()}
    assert kinds["Volume"] == (3, 0)  # FLOAT
    assert kinds["Tanggal Kedaluwarsa"] == (4, 0)  # DATE, DD/MM/YYYY
    assert kinds["Kedaluwarsa (Bulan/Tahun)"] == (4, 1)  # DATE, MM/YYYY
    assert kinds["Jumlah per Kemasan"] == (1, 0)  # INT
    assert kinds["No. Izin BPOM"] == (2, 0)  # STRING
