"""v2.media.upload_image (return proof photos) and v2.product.get_variations."""
from __future__ import annotations

from emulator.domains.product.media import solid_png
from tests.conftest import ok


def _upload_proofs(client, http, shop_id, count=1, **fields):
    method, path, query = client.signed_query("v2.media.upload_image", shop_id)
    files = [("images", (f"proof{i}.png", solid_png((200, 10 * i, 10)), "image/png")) for i in range(count)]
    return http.post(path, params=query, data={"business": "2", "scene": "1", **fields}, files=files).json()


def test_upload_image_return_proofs_are_served(shopee_client, shopee_http, outlet_id):
    images = ok(_upload_proofs(shopee_client, shopee_http, outlet_id, count=2))["image_list"]
    assert len(images) == 2 and all(len(i["image_id"]) == 32 for i in images)
    served = shopee_http.get("/media/" + images[0]["image_id"])
    assert served.status_code == 200 and served.headers["content-type"] == "image/png"


def test_upload_image_more_than_three_refused(shopee_client, shopee_http, outlet_id):
    answer = _upload_proofs(shopee_client, shopee_http, outlet_id, count=4)
    assert (answer["error"], answer["message"]) == ("error_param", "Wrong parameters, detail: at most 3 images can be uploaded.")


def test_upload_image_other_business_refused(shopee_client, shopee_http, outlet_id):
    answer = _upload_proofs(shopee_client, shopee_http, outlet_id, business="1")
    assert (answer["error"], answer["message"]) == ("error_param", "Wrong parameters, detail: business should be 2 (Returns).")


def test_get_variations_leaf_category_lists_standard_variations(shopee, shopee_client, mart_id):
    leaf = next(c for c in shopee.products.rules.catalogue.categories.values() if not c["has_children"])
    answer = shopee_client.call("v2.product.get_variations", shop_id=mart_id, params={"category_id": leaf["category_id"]})
    assert answer["error"] == ""
    tree = answer["data"]["standardise_variation_list"]
    assert [v["variation_name"] for v in tree] == ["Ukuran", "Rasa"]
    options = tree[0]["variation_group_list"][0]["variation_option_list"]
    assert [o["variation_option_name"] for o in options] == ["250 ml", "500 ml", "1 L", "1,5 L"]
    assert len({o["variation_option_id"] for o in options}) == 4


def test_get_variations_parent_category_refused(shopee, shopee_client, mart_id):
    parent = next(c for c in shopee.products.rules.catalogue.categories.values() if c["has_children"])
    answer = shopee_client.call("v2.product.get_variations", shop_id=mart_id, params={"category_id": parent["category_id"]})
    assert (answer["error"], answer["message"]) == ("error_invalid_category", f"Invalid category ID {parent['category_id']}")


def test_upload_with_more_files_than_the_form_parser_takes_names_the_limit(shopee_client, shopee_http, outlet_id):
    answer = _upload_proofs(shopee_client, shopee_http, outlet_id, count=17)
    assert answer["error"] == "error_param"
    assert answer["message"] == "Wrong parameters, detail: malformed multipart form: Too many files. Maximum number of files is 16."
