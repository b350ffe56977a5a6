"""The integration guide's field table: each row allowed on the owning side, refused on the other."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import pytest

from tests.conftest import ok
from tests.domains.product_support import image_id

MART, OUTLET, BOTH = "mart", "outlet", "both"


@dataclass
class Side:
    shop_id: int
    item_id: int  # the seeded banana (no variants) on this side
    tea_id: int  # the seeded green tea (one tier, three models) on this side
    tea_model_id: int
    image_id: str
    video_id: str  # the world's transcoded video


def _tea_tiers(option: dict[str, Any] | None = None, name: str = "Ukuran") -> list[dict[str, Any]]:
    options = [{"option": "350 ml"}, {"option": "500 ml"}, {"option": "1 L"}]
    if option:
        options[0] = option
    return [{"name": name, "option_list": options}]


# (guide row, api, body, field named when refused, owner)
ROWS: list[tuple[str, str, Callable[[Side], dict[str, Any]], str, str]] = [
    ("title", "v2.product.update_item", lambda s: {"item_id": s.item_id, "item_name": "Pisang Cavendish Premium 1 kg"}, "item_name", MART),
    ("video", "v2.product.update_item", lambda s: {"item_id": s.item_id, "video_upload_id": [s.video_id]}, "video_upload_id", MART),
    ("image", "v2.product.update_item", lambda s: {"item_id": s.item_id, "image": {"image_id_list": [s.image_id]}}, "image", MART),
    ("status", "v2.product.update_item", lambda s: {"item_id": s.item_id, "item_status": "UNLIST"}, "item_status", BOTH),
    ("category", "v2.product.update_item", lambda s: {"item_id": s.item_id, "category_id": 100012}, "category_id", MART),
    ("brand", "v2.product.update_item", lambda s: {"item_id": s.item_id, "brand": {"brand_id": 0, "original_brand_name": "Kebun Segar"}}, "brand", MART),
    ("attribute", "v2.product.update_item", lambda s: {"item_id": s.item_id, "attribute_list": [{"attribute_id": 200010, "attribute_value_list": [{"value_id": 2001002}]}]}, "attribute_list", MART),
    ("size chart", "v2.product.update_item", lambda s: {"item_id": s.item_id, "size_chart_info": {"size_chart": s.image_id}}, "size_chart_info", MART),
    ("variation name", "v2.product.update_tier_variation", lambda s: {"item_id": s.tea_id, "tier_variation": _tea_tiers(name="Volume")}, "tier_variation", MART),
    ("variation option", "v2.product.update_tier_variation", lambda s: {"item_id": s.tea_id, "tier_variation": _tea_tiers({"option": "330 ml"})}, "tier_variation", MART),
    ("variation image", "v2.product.update_tier_variation", lambda s: {"item_id": s.tea_id, "tier_variation": _tea_tiers({"option": "350 ml", "image": {"image_id": s.image_id}})}, "tier_variation", MART),
    ("price", "v2.product.update_price", lambda s: {"item_id": s.item_id, "price_list": [{"model_id": 0, "original_price": 27500}]}, "original_price", OUTLET),
    ("purchase limit", "v2.product.update_item", lambda s: {"item_id": s.item_id, "purchase_limit_info": {"min_purchase_limit": 1, "max_purchase_limit": {"purchase_limit": 5}}}, "purchase_limit_info", OUTLET),
    ("wholesales", "v2.product.update_item", lambda s: {"item_id": s.item_id, "wholesale": [{"min_count": 5, "max_count": 20, "unit_price": 27000}]}, "wholesale", OUTLET),
    ("stock", "v2.product.update_stock", lambda s: {"item_id": s.item_id, "stock_list": [{"model_id": 0, "seller_stock": [{"stock": 75}]}]}, "seller_stock", OUTLET),
    ("model status", "v2.product.update_model", lambda s: {"item_id": s.tea_id, "model": [{"model_id": s.tea_model_id, "model_sku": "BEV-TEA-1", "model_status": "UNAVAILABLE"}]}, "model_status", BOTH),
    ("model seller SKU", "v2.product.update_model", lambda s: {"item_id": s.tea_id, "model": [{"model_id": s.tea_model_id, "model_sku": "BEV-TEA-350"}]}, "model_sku", MART),
    ("weight", "v2.product.update_item", lambda s: {"item_id": s.item_id, "weight": 1.2}, "weight", MART),
    ("dimension", "v2.product.update_item", lambda s: {"item_id": s.item_id, "dimension": {"package_length": 20, "package_width": 15, "package_height": 10}}, "dimension", MART),
    ("logistics channel", "v2.product.update_item", lambda s: {"item_id": s.item_id, "logistic_info": [{"logistic_id": 8000, "enabled": True}, {"logistic_id": 8008, "enabled": False}]}, "logistic_info", OUTLET),
    ("installation channel", "v2.product.update_item", lambda s: {"item_id": s.item_id, "logistic_info": [{"logistic_id": 8007, "enabled": True}]}, "logistic_info", OUTLET),
    ("DTS", "v2.product.update_item", lambda s: {"item_id": s.item_id, "pre_order": {"is_pre_order": False, "days_to_ship": 2}}, "pre_order", OUTLET),
    ("seller SKU", "v2.product.update_item", lambda s: {"item_id": s.item_id, "item_sku": "FRU-BAN-CAV-1KG"}, "item_sku", MART),
    ("condition", "v2.product.update_item", lambda s: {"item_id": s.item_id, "condition": "USED"}, "condition", MART),
]


@pytest.fixture
def sides(shopee, shopee_client, shopee_http, mart_id, outlet_id) -> dict[str, Side]:
    found = {}
    for kind, shop_id in ((MART, mart_id), (OUTLET, outlet_id)):
        items = shopee.products.items_of_shop(shop_id)
        banana, tea = items[0], items[-1]
        models = ok(shopee_client.call("v2.product.get_model_list", shop_id=shop_id, params={"item_id": tea["item_id"]}))["model"]
        video = next(iter(shopee.store.collection("video_uploads")))
        found[kind] = Side(shop_id, banana["item_id"], tea["item_id"], models[0]["model_id"], image_id(shopee_client, shopee_http, mart_id), video)
    return found


def _snapshot(client: Any, side: Side) -> list[Any]:
    ids = [side.item_id, side.tea_id]
    info = ok(client.call("v2.product.get_item_base_info", shop_id=side.shop_id, params={"item_id_list": ids}))["item_list"]
    models = ok(client.call("v2.product.get_model_list", shop_id=side.shop_id, params={"item_id": side.tea_id}))
    return [info, models]


@pytest.mark.parametrize("row, api, body, field, owner", ROWS, ids=[r[0] for r in ROWS])
@pytest.mark.parametrize("side", [MART, OUTLET])
def test_field_ownership(shopee_client, sides, side, row, api, body, field, owner):
    target = sides[side]
    answer = shopee_client.call(api, shop_id=target.shop_id, body=body(target))
    if owner in (side, BOTH):
        assert answer["error"] == "", answer
        return
    before = _snapshot(shopee_client, target)
    assert answer["error"] == "error_param"
    other = "Outlet" if owner == OUTLET else "Mart"
    assert answer["message"] == f"{field} is managed by the {other} item; update it with the {other} shop_id."
    assert _snapshot(shopee_client, target) == before


def test_update_item_mart_fields_reach_every_outlet(shopee, shopee_client, mart_id, outlet_ids):
    banana = shopee.products.items_of_shop(mart_id)[0]
    ok(shopee_client.call("v2.product.update_item", shop_id=mart_id, body={"item_id": banana["item_id"], "item_name": "Pisang Cavendish Premium 1 kg"}))
    for outlet in outlet_ids:
        copy = shopee.products.items_of_shop(outlet)[0]
        info = ok(shopee_client.call("v2.product.get_item_base_info", shop_id=outlet, params={"item_id_list": [copy["item_id"]]}))["item_list"][0]
        assert info["item_name"] == "Pisang Cavendish Premium 1 kg"


def test_update_item_mixed_sides_changes_nothing(shopee, shopee_client, outlet_id):
    copy = shopee.products.items_of_shop(outlet_id)[0]
    answer = shopee_client.call("v2.product.update_item", shop_id=outlet_id, body={
        "item_id": copy["item_id"], "pre_order": {"is_pre_order": False, "days_to_ship": 2}, "item_name": "Pisang Cavendish Premium 1 kg"})
    assert (answer["error"], answer["message"]) == ("error_param", "item_name is managed by the Mart item; update it with the Mart shop_id.")
    info = ok(shopee_client.call("v2.product.get_item_base_info", shop_id=outlet_id, params={"item_id_list": [copy["item_id"]]}))["item_list"][0]
    assert info["pre_order"]["days_to_ship"] == 1


def test_unlist_item_works_on_both_sides(shopee, shopee_client, mart_id, outlet_id):
    for shop_id in (mart_id, outlet_id):
        item_id = shopee.products.items_of_shop(shop_id)[1]["item_id"]
        answer = ok(shopee_client.call("v2.product.unlist_item", shop_id=shop_id, body={"item_list": [{"item_id": item_id, "unlist": True}]}))
        assert answer == {"failure_list": [], "success_list": [{"item_id": item_id, "unlist": True}]}


def test_add_item_on_outlet_refused(shopee_client, shopee_http, outlet_id, mart_id):
    from tests.domains.product_support import item_body

    answer = shopee_client.call("v2.product.add_item", shop_id=outlet_id, body=item_body([image_id(shopee_client, shopee_http, mart_id)]))
    assert answer["error"] == "error_auth"
    assert answer["message"] == "Outlet shop can not add item. Add the item with the Mart shop_id and publish it to the outlet."
