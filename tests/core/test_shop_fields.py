"""Fields the 2026 pages added to the shop and token answers."""
from __future__ import annotations

from tests.conftest import ok


def test_get_shop_info_names_the_mart_outlet_structure(shopee_client, mart_id, outlet_ids):
    mart = shopee_client.call("v2.shop.get_shop_info", mart_id)
    outlet = shopee_client.call("v2.shop.get_shop_info", outlet_ids[0])
    assert (mart["mart_outlet_structure_type"], outlet["mart_outlet_structure_type"]) == ("normal_mart_shop", "normal_outlet_shop")
    assert "mart_shop_id" not in mart and "outlet_shop_info_list" not in outlet


def test_shop_notification_is_the_welcome_then_nothing_after_it(shopee, shopee_client, mart_id):
    # a flat answer, as its page: cursor and data beside error and message
    first = ok(shopee_client.call("v2.shop.get_shop_notification", mart_id))
    shop = shopee.shops.get(mart_id)
    assert {k: first[k] for k in ("cursor", "data")} == {"cursor": 1, "data": {
        "create_time": shop["created_at"], "title": "Welcome to Shopee Instant Mart",
        "content": f"{shop['shop_name']} is ready to sell on Shopee Instant Mart.", "url": "https://seller.shopee.co.id/",
    }}
    after = ok(shopee_client.call("v2.shop.get_shop_notification", mart_id, params={"cursor": 1}))
    assert (after["cursor"], after["data"]) == (1, {})


def test_get_shops_by_partner_answers_both_sip_names(shopee_client):
    shops = shopee_client.call("v2.public.get_shops_by_partner", params={"page_no": 1, "page_size": 100})["authed_shop_list"]
    assert all(s["sip_affi_shop_list"] == [] and s["sip_affi_shops"] == [] for s in shops)
