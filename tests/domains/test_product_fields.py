"""Fields the 2026 product pages document, answered as they are for an Instant Mart shop."""
from __future__ import annotations

from tests.conftest import ok
from tests.domains.product_support import add_item, image_id, item_body


def _base_info(shopee_client, shop_id, item_id, **params):
    answer = shopee_client.call("v2.product.get_item_base_info", shop_id=shop_id, params={"item_id_list": [item_id], **params})
    return ok(answer)["item_list"][0]


def test_get_item_base_info_has_promotion_tag_and_no_promotion_id(shopee, shopee_client, outlet_id):
    item = _base_info(shopee_client, outlet_id, shopee.products.items_of_shop(outlet_id)[0]["item_id"])
    assert (item["has_promotion"], item["tag"]) == (False, {"kit": False})
    assert "promotion_id" not in item  # removed from the page on 2026-04-03


def test_get_item_base_info_purchase_limit_info_without_a_limit(shopee, shopee_client, outlet_id):
    item = _base_info(shopee_client, outlet_id, shopee.products.items_of_shop(outlet_id)[0]["item_id"])
    assert item["purchase_limit_info"] == {"min_purchase_limit": 1, "max_purchase_limit": {"purchase_limit": 0}}


def test_get_item_base_info_tax_info_only_when_asked(shopee, shopee_client, outlet_id):
    item_id = shopee.products.items_of_shop(outlet_id)[0]["item_id"]
    assert "tax_info" not in _base_info(shopee_client, outlet_id, item_id)
    tax = _base_info(shopee_client, outlet_id, item_id, need_tax_info=True)["tax_info"]
    assert (tax["ncm"], tax["vat_rate"], tax["tax_type"], tax["group_item_info"]["group_qtd"]) == ("", "", 0, "")


def test_add_item_purchase_limit_and_medicine_id_show_on_the_mart_item(shopee_client, shopee_http, mart_id):
    item = add_item(shopee_client, shopee_http, mart_id, medicine_id=7001,
                    purchase_limit_info={"min_purchase_limit": 2, "max_purchase_limit": {"purchase_limit": 4}})
    view = _base_info(shopee_client, mart_id, item["item_id"])
    assert view["purchase_limit_info"] == {"min_purchase_limit": 2, "max_purchase_limit": {"purchase_limit": 4}}
    assert view["medicine_id"] == 7001


def test_get_model_list_models_have_weight_and_dimension_of_the_item(shopee, shopee_client, outlet_id):
    copy = shopee.products.items_of_shop(outlet_id)[-1]  # the seeded green tea: models without their own weight
    mart = shopee.products.mart_item_for(copy)
    models = ok(shopee_client.call("v2.product.get_model_list", shop_id=outlet_id, params={"item_id": copy["item_id"]}))["model"]
    assert {(m["weight"], tuple(m["dimension"].items())) for m in models} == {(mart["weight"], tuple(mart["dimension"].items()))}
    assert all(m["has_promotion"] is False for m in models)


def test_get_model_list_model_weight_of_its_own(shopee_client, shopee_http, mart_id):
    item = add_item(shopee_client, shopee_http, mart_id)
    tiers = [{"name": "Isi", "option_list": [{"option": "1 L"}, {"option": "2 L"}]}]
    models = [{"tier_index": [0], "original_price": 24900, "seller_stock": [{"stock": 1}]},
              {"tier_index": [1], "original_price": 45900, "seller_stock": [{"stock": 1}], "weight": 2.1,
               "dimension": {"package_length": 10, "package_width": 10, "package_height": 30}}]
    init = ok(shopee_client.call("v2.product.init_tier_variation", shop_id=mart_id, body={"item_id": item["item_id"], "tier_variation": tiers, "model": models}))
    assert [(m["weight"], m["dimension"]["package_height"]) for m in init["model"]] == [(1.05, 22), (2.1, 30)]
    listed = ok(shopee_client.call("v2.product.get_model_list", shop_id=mart_id, params={"item_id": item["item_id"]}))["model"]
    assert [(m["weight"], m["dimension"]["package_height"]) for m in listed] == [("1.05", 22), ("2.1", 30)]


def test_update_item_answers_its_pages_fields(shopee_client, shopee_http, mart_id):
    item = add_item(shopee_client, shopee_http, mart_id)
    answer = ok(shopee_client.call("v2.product.update_item", shop_id=mart_id, body={"item_id": item["item_id"], "item_name": "Susu Segar 1 Liter"}))
    assert answer["item_name"] == "Susu Segar 1 Liter"
    assert answer["logistic_info"] == [{"estimated_shipping_fee": 0.0, "logistic_name": "Instant", "enabled": True, "logistic_id": 8000, "is_free": False}]
    assert "price_info" not in answer and "seller_stock" not in answer


def test_add_item_with_a_channel_no_outlet_has_on_refused(shopee, shopee_client, shopee_http, mart_id, outlet_ids):
    with shopee.transaction():
        for outlet in outlet_ids:
            enabled = shopee.store.edit("shop_channels", outlet)["enabled"]
            for channel in ("80054", "80061", "80063"):
                enabled[channel] = False
    body = item_body([image_id(shopee_client, shopee_http, mart_id)], logistic_info=[{"logistic_id": 8008, "enabled": True}])
    item = shopee_client.call("v2.product.add_item", shop_id=mart_id, body=body)
    assert (item["error"], item["message"]) == ("error_param", "Invalid logistic info, logistic_id 8008 is not enabled for this shop")
