"""The Instant Mart product flow of the integration guide, end to end, and variants on Outlets."""
from __future__ import annotations

from tests.conftest import ok
from tests.domains.product_support import add_item, image_id, publish_body


def base_info(client, shop_id, item_id):
    return ok(client.call("v2.product.get_item_base_info", shop_id=shop_id, params={"item_id_list": [item_id]}))["item_list"][0]


def product_channels(client, shop_id):
    """The channels the product-creation guide lets an item name: enabled, with mask_channel_id 0."""
    listing = ok(client.call("v2.logistics.get_channel_list", shop_id=shop_id))["logistics_channel_list"]
    return [c["logistics_channel_id"] for c in listing if c["enabled"] and c["mask_channel_id"] == 0]


def test_instant_mart_product_flow_end_to_end(shopee_client, shopee_http, mart_id, outlet_ids):
    client = shopee_client
    channels = product_channels(client, mart_id)
    assert 8000 in channels
    item = add_item(client, shopee_http, mart_id, logistic_info=[{"logistic_id": 8000, "enabled": True}])
    first, second = outlet_ids[:2]
    copies = {}
    for outlet, price, stock in ((first, 25900, 12), (second, 26500, 7)):
        body = publish_body(item["item_id"], outlet, [0], price, stock)
        body["publish_item"]["logistic_info"] = [{"logistic_id": product_channels(client, outlet)[0], "enabled": True}]
        body["publish_item"]["purchase_limit_info"] = {"min_purchase_limit": 1, "max_purchase_limit": {"purchase_limit": stock}}
        answer = ok(client.call("v2.product.publish_item_to_outlet_shop", shop_id=mart_id, body=body))
        assert list(answer) == ["item_id"]
        copies[outlet] = answer["item_id"]

    mapping = ok(client.call("v2.product.get_mart_item_mapping_by_id", shop_id=mart_id,
                             body={"mart_item_id": item["item_id"], "outlet_shop_id_list": [first, second]}))
    assert mapping == {"item_mapping_list": [
        {"mart_item_id": item["item_id"], "outlet_item_id": copies[outlet], "model_mapping": [{"mart_model_id": 0, "outlet_model_id": 0}]}
        for outlet in (first, second)]}
    first_view = base_info(client, first, copies[first])
    assert first_view["purchase_limit_info"] == {"min_purchase_limit": 1, "max_purchase_limit": {"purchase_limit": 12}}
    assert [c["logistic_id"] for c in first_view["logistic_info"]] == [8000]

    stock = ok(client.call("v2.product.update_stock", shop_id=first, body={"item_id": copies[first], "stock_list": [{"model_id": 0, "seller_stock": [{"stock": 30}]}]}))
    assert stock == {"failure_list": [], "success_list": [{"model_id": 0, "location_id": "", "stock": 30}]}
    price = ok(client.call("v2.product.update_price", shop_id=first, body={"item_id": copies[first], "price_list": [{"model_id": 0, "original_price": 23900}]}))
    assert price["success_list"] == [{"model_id": 0, "original_price": 23900.0}]

    new_image = image_id(client, shopee_http, mart_id)
    ok(client.call("v2.product.update_item", shop_id=mart_id, body={
        "item_id": item["item_id"], "item_name": "Susu Segar Pasteurisasi Full Cream 1 L", "image": {"image_id_list": [new_image]}, "weight": 1.1}))

    outlet_view = base_info(client, first, copies[first])
    assert outlet_view["item_name"] == "Susu Segar Pasteurisasi Full Cream 1 L"
    assert outlet_view["image"]["image_id_list"] == [new_image]
    assert outlet_view["weight"] == "1.1"
    assert outlet_view["price_info"][0]["original_price"] == 23900.0
    assert outlet_view["stock_info_v2"]["seller_stock"][0]["stock"] == 30
    other = base_info(client, second, copies[second])
    assert other["item_name"] == outlet_view["item_name"]
    assert other["price_info"][0]["original_price"] == 26500.0 and other["stock_info_v2"]["seller_stock"][0]["stock"] == 7


def test_outlet_image_urls_are_served(shopee_client, shopee_http, mart_id, outlet_ids):
    item = add_item(shopee_client, shopee_http, mart_id)
    url = base_info(shopee_client, mart_id, item["item_id"])["image"]["image_url_list"][0]
    served = shopee_http.get(url)
    assert served.status_code == 200 and served.headers["content-type"] == "image/png"
    assert served.content.startswith(b"\x89PNG")


def test_variants_two_tiers_six_models_priced_per_model_on_outlet(shopee_client, shopee_http, mart_id, outlet_id):
    client = shopee_client
    item = add_item(client, shopee_http, mart_id, item_name="Yogurt Drink Botol 250 ml", category_id=100023,
                    brand={"brand_id": 3000103, "original_brand_name": "Cimory"})
    tiers = [{"name": "Rasa", "option_list": [{"option": "Stroberi"}, {"option": "Blueberry"}, {"option": "Original"}]},
             {"name": "Isi", "option_list": [{"option": "1 botol"}, {"option": "4 botol"}]}]
    models = [{"tier_index": [a, b], "original_price": 9000 + 1000 * a + 20000 * b, "model_sku": f"YOG-{a}-{b}", "seller_stock": [{"stock": 0}]}
              for a in range(3) for b in range(2)]
    init = ok(client.call("v2.product.init_tier_variation", shop_id=mart_id, body={"item_id": item["item_id"], "tier_variation": tiers, "model": models}))
    mart_models = {tuple(m["tier_index"]): m["model_id"] for m in init["model"]}
    assert len(mart_models) == 6

    body = publish_body(item["item_id"], outlet_id, list(mart_models.values()))
    for n, model in enumerate(body["publish_item"]["model"]):
        model["original_price"], model["seller_stock"] = 10000 + n * 500, [{"stock": n + 1}]
    copy = ok(client.call("v2.product.publish_item_to_outlet_shop", shop_id=mart_id, body=body))
    outlet_models = ok(client.call("v2.product.get_model_list", shop_id=outlet_id, params={"item_id": copy["item_id"]}))
    assert [t["name"] for t in outlet_models["tier_variation"]] == ["Rasa", "Isi"]
    assert len(outlet_models["model"]) == 6
    by_index = {tuple(m["tier_index"]): m for m in outlet_models["model"]}
    target = by_index[(2, 1)]
    assert target["model_sku"] == "YOG-2-1"

    ok(client.call("v2.product.update_price", shop_id=outlet_id, body={"item_id": copy["item_id"], "price_list": [{"model_id": target["model_id"], "original_price": 31000}]}))
    ok(client.call("v2.product.update_stock", shop_id=outlet_id, body={"item_id": copy["item_id"], "stock_list": [{"model_id": target["model_id"], "seller_stock": [{"stock": 99}]}]}))
    after = {tuple(m["tier_index"]): m for m in ok(client.call("v2.product.get_model_list", shop_id=outlet_id, params={"item_id": copy["item_id"]}))["model"]}
    assert after[(2, 1)]["price_info"][0]["original_price"] == 31000.0
    assert after[(2, 1)]["stock_info_v2"]["seller_stock"][0]["stock"] == 99
    assert after[(0, 0)]["price_info"][0]["original_price"] == 10000.0 and after[(0, 0)]["stock_info_v2"]["seller_stock"][0]["stock"] == 1


def test_update_tier_variation_rename_keeps_model_ids_on_mart_and_outlet(shopee, shopee_client, outlet_id):
    client = shopee_client
    copy = shopee.products.items_of_shop(outlet_id)[-1]  # the seeded green tea: one tier, three sizes
    mart_item = shopee.products.mart_item_for(copy)
    before = ok(client.call("v2.product.get_model_list", shop_id=outlet_id, params={"item_id": copy["item_id"]}))
    tiers = [{"name": "Volume", "option_list": [{"option": "350 mL"}, {"option": "500 mL"}, {"option": "1 Liter"}]}]
    ok(client.call("v2.product.update_tier_variation", shop_id=mart_item["shop_id"], body={"item_id": mart_item["item_id"], "tier_variation": tiers}))
    after = ok(client.call("v2.product.get_model_list", shop_id=outlet_id, params={"item_id": copy["item_id"]}))
    assert after["tier_variation"][0]["name"] == "Volume"
    assert [o["option"] for o in after["tier_variation"][0]["option_list"]] == ["350 mL", "500 mL", "1 Liter"]
    assert [m["model_id"] for m in after["model"]] == [m["model_id"] for m in before["model"]]
    assert [m["stock_info_v2"] for m in after["model"]] == [m["stock_info_v2"] for m in before["model"]]


def test_add_model_on_mart_appears_on_outlet_without_stock(shopee, shopee_client, mart_id, outlet_id):
    client = shopee_client
    copy = shopee.products.items_of_shop(outlet_id)[-1]
    mart_item = shopee.products.mart_item_for(copy)
    tiers = [{"name": "Ukuran", "option_list": [{"option": o} for o in ("350 ml", "500 ml", "1 L", "1.5 L")]}]
    ok(client.call("v2.product.update_tier_variation", shop_id=mart_id, body={"item_id": mart_item["item_id"], "tier_variation": tiers}))
    added = ok(client.call("v2.product.add_model", shop_id=mart_id, body={"item_id": mart_item["item_id"], "model_list": [
        {"tier_index": [3], "original_price": 15000, "model_sku": "BEV-TEA-4", "seller_stock": [{"stock": 0}]}]}))
    assert added["model"][0]["tier_index"] == [3]
    outlet_models = ok(client.call("v2.product.get_model_list", shop_id=outlet_id, params={"item_id": copy["item_id"]}))["model"]
    new = next(m for m in outlet_models if m["tier_index"] == [3])
    assert new["stock_info_v2"]["seller_stock"][0]["stock"] == 0 and new["price_info"][0]["original_price"] == 15000.0


def test_delete_mart_item_deletes_outlet_copies(shopee_client, shopee_http, mart_id, outlet_id):
    from tests.domains.product_support import published

    mart_item, copy = published(shopee_client, shopee_http, mart_id, outlet_id)
    ok(shopee_client.call("v2.product.delete_item", shop_id=mart_id, body={"item_id": mart_item}))
    assert base_info(shopee_client, outlet_id, copy)["item_status"] == "SELLER_DELETE"
    answer = shopee_client.call("v2.product.update_stock", shop_id=outlet_id, body={"item_id": copy, "stock_list": [{"model_id": 0, "seller_stock": [{"stock": 1}]}]})
    assert (answer["error"], answer["message"]) == ("error_item_not_found", "Product not found")


def test_the_empty_string_deletes_item_sku_wholesale_and_video(shopee, shopee_client, shopee_http, mart_id, outlet_id):
    """The base-info guide's delete operation: item_sku, wholesale and video_upload_id sent as ""."""
    from tests.domains.product_support import published

    mart_item, copy = published(shopee_client, shopee_http, mart_id, outlet_id)
    ok(shopee_client.call("v2.product.update_item", shop_id=outlet_id, body={"item_id": copy, "wholesale": [{"min_count": 5, "max_count": 20, "unit_price": 24000}]}))
    assert base_info(shopee_client, outlet_id, copy)["wholesales"] != []
    ok(shopee_client.call("v2.product.update_item", shop_id=outlet_id, body={"item_id": copy, "wholesale": ""}))
    assert base_info(shopee_client, outlet_id, copy)["wholesales"] == []

    ok(shopee_client.call("v2.product.update_item", shop_id=mart_id, body={"item_id": mart_item, "item_sku": ""}))
    assert base_info(shopee_client, mart_id, mart_item)["item_sku"] == ""

    with_video = shopee.products.items_of_shop(mart_id)[0]["item_id"]  # the world's first Mart item has a video
    assert base_info(shopee_client, mart_id, with_video)["video_info"] != []
    ok(shopee_client.call("v2.product.update_item", shop_id=mart_id, body={"item_id": with_video, "video_upload_id": ""}))
    assert base_info(shopee_client, mart_id, with_video)["video_info"] == []


def test_a_deleted_item_is_readable_for_90_days_then_gone(shopee, shopee_client, shopee_http, mart_id, outlet_id):
    """The base-info guide: deleted products stay readable through the API for 90 days, then are gone."""
    from tests.domains.product_support import published

    _, copy = published(shopee_client, shopee_http, mart_id, outlet_id)
    ok(shopee_client.call("v2.product.delete_item", shop_id=outlet_id, body={"item_id": copy}))
    listed = {"offset": 0, "page_size": 100, "item_status": "SELLER_DELETE"}

    def deleted_ids():
        return [i["item_id"] for i in ok(shopee_client.call("v2.product.get_item_list", shop_id=outlet_id, params=listed))["item"]]

    shopee.advance(90 * 86400)
    assert base_info(shopee_client, outlet_id, copy)["item_status"] == "SELLER_DELETE"
    assert copy in deleted_ids()
    shopee.advance(1)
    answer = shopee_client.call("v2.product.get_item_base_info", shop_id=outlet_id, params={"item_id_list": [copy]})
    assert (answer["error"], answer["message"]) == ("error_item_not_found", "Item_id is not found.")
    assert copy not in deleted_ids()
    answer = shopee_client.call("v2.product.get_item_extra_info", shop_id=outlet_id, params={"item_id_list": [copy]})
    assert answer["error"] == "error_item_not_found"
