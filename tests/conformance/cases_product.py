"""Conformance cases: the product APIs (v2.product.*).

Region- and programme-only fields are optional with the reading docs/decisions.md records
("Products"): SIP and cross-border prices, PL complaint policies, advance-fulfilment stock, PH
certifications, automotive compatibility.
"""
from __future__ import annotations

from typing import Any

from emulator.domains.product.media import solid_png
from tests.conformance.cases_media import transcoded_video
from tests.conformance.cases import Call, Cases, World

CASES = Cases()
PENDING: dict[str, str] = {}

MILK = 100021  # Dairy & Eggs > Milk: shelf life is mandatory, Cimory a brand
SHELF_LIFE, SIX_MONTHS = 200012, 2001203
PRICE_SIP = {
    "[].price_info[].sip_item_price": "SIP primary shops only; Instant Mart shops are local",
    "[].price_info[].sip_item_price_source": "SIP primary shops only",
    "[].price_info[].local_price": "cross-border items only",
    "[].price_info[].local_promotion_price": "cross-border items only",
}
BASE_INFO_OPTIONAL = {
    **{f"response.item_list{k}": v for k, v in PRICE_SIP.items()},
    "response.item_list[].complaint_policy": "PL local sellers only, on need_complaint_policy",
    "response.item_list[].stock_info_v2.advance_stock": "selected PH/VN/ID/MY advance-fulfilment shops only",
    "response.item_list[].stock_info_v2.shopee_stock": "Shopee-warehouse (FBS) stock only: an Outlet holds its own stock",
    "response.item_list[].compatibility_info.vehicle_info_list": "automotive parts only: a grocery catalogue has none",
    "response.item_list[].certification_info.certification_list": "PH product certification only",
}
OPTION_IMAGE = "an option carries an image only when it has one (these items have options with and without)"
MODEL_OPTIONAL = {
    **{f"response.model{k}": v for k, v in PRICE_SIP.items()},
    "response.model[].price_info[].sip_item_price_currency": "SIP primary shops only",
    "response.model[].stock_info_v2.advance_stock": "selected PH/VN/ID/MY advance-fulfilment shops only",
    "response.model[].stock_info_v2.shopee_stock": "Shopee-warehouse (FBS) stock only: an Outlet holds its own stock",
}


# -- world helpers ---------------------------------------------------------------------------------
def _image(world: World, colour: tuple[int, int, int] = (250, 250, 250)) -> str:
    method, path, query = world.client.signed_query("v2.media_space.upload_image", None)
    answer = world.http.post(path, params=query, files=[("image", ("milk.png", solid_png(colour), "image/png"))]).json()
    return str(answer["response"]["image_info"]["image_id"])


def _item_body(world: World, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "item_name": "Susu Segar Pasteurisasi 1 L",
        "description": "Susu sapi segar pasteurisasi, simpan di lemari pendingin.",
        "original_price": 24900, "weight": 1.05, "category_id": MILK,
        "image": {"image_id_list": [_image(world)]},
        "logistic_info": [{"logistic_id": 8000, "enabled": True}],
        "attribute_list": [{"attribute_id": SHELF_LIFE, "attribute_value_list": [{"value_id": SIX_MONTHS}]}],
        "brand": {"brand_id": 3000103, "original_brand_name": "Cimory"},
        "dimension": {"package_length": 8, "package_width": 8, "package_height": 22},
        "item_sku": "DAI-PAST-1L", "condition": "NEW", "seller_stock": [{"stock": 0}],
    }
    body.update(overrides)
    return body


def _mart_item(world: World, **overrides: Any) -> int:
    return int(world.ok("v2.product.add_item", world.mart_id, **_item_body(world, **overrides))["item_id"])


def _publish(world: World, mart_item: int, models: list[int] | None = None) -> int:
    model = [{"relate_mart_model_id": m, "original_price": 25900, "seller_stock": [{"stock": 12}]} for m in (models or [0])]
    answer = world.ok("v2.product.publish_item_to_outlet_shop", world.mart_id, mart_item_id=mart_item, outlet_shop_id=world.outlet_id,
                      publish_item={"model": model, "logistic_info": [{"logistic_id": 8000, "enabled": True}]})
    return int(answer["item_id"])


def _with_models(world: World, mart_item: int) -> list[int]:
    """Two tiers with option images and one model of its own weight; answers the Mart model ids."""
    tiers = [{"name": "Isi", "option_list": [{"option": "1 L", "image": {"image_id": _image(world, (10, 120, 200))}}, {"option": "2 L"}]},
             {"name": "Rasa", "option_list": [{"option": "Original"}, {"option": "Cokelat"}]}]
    models = [{"tier_index": [a, b], "original_price": 24900 + 20000 * a + 1000 * b, "model_sku": f"DAI-{a}{b}",
               "seller_stock": [{"stock": 5}], **({"weight": 2.1, "dimension": {"package_length": 10, "package_width": 10, "package_height": 30}} if a else {})}
              for a in range(2) for b in range(2)]
    answer = world.ok("v2.product.init_tier_variation", world.mart_id, item_id=mart_item, tier_variation=tiers, model=models)
    return [int(m["model_id"]) for m in answer["model"]]


def _rich_outlet_item(world: World) -> int:
    """An Outlet item with every documented part filled: wholesale, video, extended description."""
    description = {"extended_description": {"field_list": [{"field_type": "text", "text": "Susu sapi segar pasteurisasi."},
                                                           {"field_type": "image", "image_info": {"image_id": _image(world, (1, 2, 3))}}]}}
    mart_item = _mart_item(world, description_type="extended", description_info=description, video_upload_id=[transcoded_video(world)])
    outlet_item = _publish(world, mart_item)
    world.ok("v2.product.update_item", world.outlet_id, item_id=outlet_item,
             wholesale=[{"min_count": 3, "max_count": 10, "unit_price": 24000}],
             purchase_limit_info={"min_purchase_limit": 1, "max_purchase_limit": {"purchase_limit": 10}})
    return outlet_item


# -- preparation ------------------------------------------------------------------------------------
@CASES.case("v2.product.get_category", values={"language": "id"})
def categories(world: World) -> Call:
    return Call(shop_id=world.mart_id, params={"language": "id"})


@CASES.case("v2.product.get_attribute_tree", values={"language": "id", "category_id_list": [MILK]})
def milk_attributes(world: World) -> Call:
    return Call(shop_id=world.mart_id, params={"category_id_list": [MILK], "language": "id"})


@CASES.case("v2.product.get_brand_list", values={"category_id": MILK, "status": 1, "offset": 0, "page_size": 10, "language": "id"})
def milk_brands(world: World) -> Call:
    return Call(shop_id=world.mart_id, params={"category_id": MILK, "status": 1, "offset": 0, "page_size": 10})


@CASES.case("v2.product.get_item_limit", values={"category_id": MILK})
def item_limit(world: World) -> Call:
    return Call(shop_id=world.mart_id, params={"category_id": MILK})


@CASES.case("v2.product.category_recommend", values={"item_name": "Susu segar pasteurisasi"})
def milk_category(world: World) -> Call:
    return Call(shop_id=world.mart_id, params={"item_name": "Susu segar pasteurisasi"})


@CASES.case("v2.product.get_recommend_attribute", values={"category_id": MILK, "item_name": "Susu segar 6 bulan"})
def milk_attribute_hints(world: World) -> Call:
    return Call(shop_id=world.mart_id, params={"item_name": "Susu segar 6 bulan", "category_id": MILK})


@CASES.case("v2.product.get_weight_recommendation", values={"category_id": MILK})
def milk_weight(world: World) -> Call:
    attributes = [{"attribute_id": SHELF_LIFE, "attribute_value_list": [{"value_id": SIX_MONTHS}]}]
    return Call(shop_id=world.mart_id, params={"category_id": MILK, "item_name": "Susu segar 1 L", "cover_image_id": _image(world),
                                               "attribute_list": attributes, "brand_id": 3000103, "description_type": "normal",
                                               "description": "Susu sapi segar pasteurisasi, simpan di lemari pendingin."})


@CASES.case("v2.product.get_variations", values={"category_id": MILK})
def milk_variations(world: World) -> Call:
    return Call(shop_id=world.mart_id, params={"category_id": MILK})


# -- items -------------------------------------------------------------------------------------------
@CASES.case("v2.product.add_item", optional={
    "response.complaint_policy": "PL local sellers only",
}, no_fill={"tax_info": "BR/PL/IN tax codes: a local ID shop sends none", "complaint_policy": "PL local sellers only"},
    values={"image.image_ratio": "1:1"})
def mart_item_with_extended_description(world: World) -> Call:
    description = {"extended_description": {"field_list": [{"field_type": "text", "text": "Susu sapi segar pasteurisasi."}]}}
    return Call(shop_id=world.mart_id, params=_item_body(world, description_type="extended", description_info=description,
                                                         wholesale=[{"min_count": 3, "max_count": 10, "unit_price": 24000}],
                                                         video_upload_id=[transcoded_video(world)]))


@CASES.case("v2.product.update_item", optional={"response.complaint_policy": "PL local sellers only"},
            no_fill={"tax_info": "BR/PL/IN tax codes", "complaint_policy": "PL local sellers only",
                     "logistic_info": "Outlet-owned: this case updates the Mart item",
                     "wholesale": "Outlet-owned", "pre_order": "Outlet-owned", "purchase_limit_info": "Outlet-owned"},
            values={"description_type": "extended", "image.image_ratio": "1:1", "condition": "NEW", "item_status": "NORMAL"})
def mart_item_renamed(world: World) -> Call:
    description = {"extended_description": {"field_list": [{"field_type": "text", "text": "Susu sapi segar."}]}}
    mart_item = _mart_item(world, description_type="extended", description_info=description)
    # the image ids are strings, as add_item's page and every client send them (the page types them object[])
    return Call(shop_id=world.mart_id, params={"item_id": mart_item, "item_name": "Susu Segar Pasteurisasi 1 Liter",
                                               "image": {"image_id_list": [_image(world)], "image_ratio": "1:1"},
                                               "description_type": "extended", "description_info": description})


@CASES.case("v2.product.delete_item")
def outlet_copy_deleted(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={"item_id": _publish(world, _mart_item(world))})


@CASES.case("v2.product.unlist_item")
def one_unlisted_one_unknown(world: World) -> Call:
    item_id = world.emulator.products.items_of_shop(world.outlet_id)[0]["item_id"]
    return Call(shop_id=world.outlet_id, params={"item_list": [{"item_id": item_id, "unlist": True}, {"item_id": 1, "unlist": True}]})


@CASES.case("v2.product.get_item_list", values={"item_status": ["NORMAL"], "offset": 0, "page_size": 10})
def outlet_items(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={"offset": 0, "page_size": 10, "item_status": ["NORMAL"]})


@CASES.case("v2.product.get_item_base_info", optional=BASE_INFO_OPTIONAL,
            no_fill={"need_complaint_policy": "PL local sellers only"})
def outlet_item_in_full(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={"item_id_list": [_rich_outlet_item(world)], "need_tax_info": True})


@CASES.case("v2.product.get_item_base_info", optional={
    **BASE_INFO_OPTIONAL,
    "response.item_list[].price_info": "not returned for an item with models, as the page says: get_model_list has each model's",
    "response.item_list[].stock_info_v2": "an item with models has its stock per model (get_model_list)",
    "response.item_list[].description_info": "extended descriptions only; this item's is normal",
}, no_fill={"need_complaint_policy": "PL local sellers only"})
def outlet_item_with_models(world: World) -> Call:
    copy = world.emulator.products.items_of_shop(world.outlet_id)[-1]
    return Call(shop_id=world.outlet_id, params={"item_id_list": [copy["item_id"]], "need_tax_info": True})


@CASES.case("v2.product.get_item_extra_info")
def outlet_sales(world: World) -> Call:
    return Call(shop_id=world.outlet_id, params={"item_id_list": [world.emulator.products.items_of_shop(world.outlet_id)[0]["item_id"]]})


@CASES.case("v2.product.search_item", values={"item_name": "Susu", "page_size": 10, "offset": "0", "item_status": ["NORMAL"]},
            no_fill={"attribute_status": "searching by name", "item_sku": "searching by name"})
def search_by_name(world: World) -> Call:
    _publish(world, _mart_item(world))
    return Call(shop_id=world.outlet_id, params={"item_name": "Susu", "page_size": 10})


@CASES.case("v2.product.get_main_item_list")
def outlet_to_mart(world: World) -> Call:
    copy = world.emulator.products.items_of_shop(world.outlet_id)[0]
    return Call(shop_id=world.outlet_id, params={"direct_item_id": [copy["item_id"]]})


# -- variants ----------------------------------------------------------------------------------------
@CASES.case("v2.product.init_tier_variation", no_fill={"standardise_tier_variation": "tier_variation given"},
            optional={"response.tier_variation[].option_list[].image": OPTION_IMAGE})
def two_tiers(world: World) -> Call:
    tiers = [{"name": "Isi", "option_list": [{"option": "1 L", "image": {"image_id": _image(world, (9, 9, 9))}}, {"option": "2 L"}]}]
    models = [{"tier_index": [i], "original_price": 24900 + 20000 * i, "model_sku": f"DAI-{i}", "seller_stock": [{"stock": 3}]} for i in range(2)]
    return Call(shop_id=world.mart_id, params={"item_id": _mart_item(world), "tier_variation": tiers, "model": models})


@CASES.case("v2.product.update_tier_variation", no_fill={"standardise_tier_variation": "tier_variation given"})
def option_renamed(world: World) -> Call:
    mart_item = _mart_item(world)
    ids = _with_models(world, mart_item)
    tiers = [{"name": "Isi", "option_list": [{"option": "1 Liter"}, {"option": "2 Liter"}]},
             {"name": "Rasa", "option_list": [{"option": "Original"}, {"option": "Cokelat"}]}]
    placed = [{"model_id": m, "tier_index": [i // 2, i % 2]} for i, m in enumerate(ids)]
    return Call(shop_id=world.mart_id, params={"item_id": mart_item, "tier_variation": tiers, "model_list": placed})


@CASES.case("v2.product.get_model_list", optional={
    **MODEL_OPTIONAL,
    "response.tier_variation[].option_list[].image": OPTION_IMAGE,
    "response.standardise_tier_variation": "answered for items built from Shopee's standardised variations; this one has its own",
})
def outlet_models(world: World) -> Call:
    mart_item = _mart_item(world)
    return Call(shop_id=world.outlet_id, params={"item_id": _publish(world, mart_item, _with_models(world, mart_item))})


@CASES.case("v2.product.add_model")
def one_more_model(world: World) -> Call:
    mart_item = _mart_item(world)
    _with_models(world, mart_item)
    world.ok("v2.product.update_tier_variation", world.mart_id, item_id=mart_item, tier_variation=[
        {"name": "Isi", "option_list": [{"option": "1 L"}, {"option": "2 L"}, {"option": "3 L"}]},
        {"name": "Rasa", "option_list": [{"option": "Original"}, {"option": "Cokelat"}]}])
    model = [{"tier_index": [2, 0], "original_price": 64900, "model_sku": "DAI-20", "seller_stock": [{"stock": 1}]}]
    return Call(shop_id=world.mart_id, params={"item_id": mart_item, "model_list": model})


@CASES.case("v2.product.update_model", no_fill={"model.pre_order": "Outlet-owned: this case updates the Mart's models"},
            values={"model.model_status": "NORMAL"})
def model_sku_changed(world: World) -> Call:
    mart_item = _mart_item(world)
    ids = _with_models(world, mart_item)
    return Call(shop_id=world.mart_id, params={"item_id": mart_item, "model": [{"model_id": ids[0], "model_sku": "DAI-NEW"}]})


@CASES.case("v2.product.delete_model")
def model_removed(world: World) -> Call:
    mart_item = _mart_item(world)
    return Call(shop_id=world.mart_id, params={"item_id": mart_item, "model_id": _with_models(world, mart_item)[-1]})


# -- Outlet price and stock, publishing --------------------------------------------------------------
def _outlet_models(world: World) -> tuple[int, list[int]]:
    mart_item = _mart_item(world)
    outlet_item = _publish(world, mart_item, _with_models(world, mart_item))
    models = world.ok("v2.product.get_model_list", world.outlet_id, item_id=outlet_item)["model"]
    return outlet_item, [int(m["model_id"]) for m in models]


@CASES.case("v2.product.update_price")
def one_priced_one_unknown(world: World) -> Call:
    item_id, models = _outlet_models(world)
    return Call(shop_id=world.outlet_id, params={"item_id": item_id, "price_list": [
        {"model_id": models[0], "original_price": 26900}, {"model_id": 42, "original_price": 26900}]})


@CASES.case("v2.product.update_stock")
def one_stocked_one_unknown(world: World) -> Call:
    item_id, models = _outlet_models(world)
    return Call(shop_id=world.outlet_id, params={"item_id": item_id, "stock_list": [
        {"model_id": models[0], "seller_stock": [{"stock": 40}]}, {"model_id": 42, "seller_stock": [{"stock": 40}]}]})


@CASES.case("v2.product.publish_item_to_outlet_shop", no_fill={"publish_item.outlet_item_id": "a new Outlet copy"},
            values={"publish_item.model.model_status": "NORMAL"})
def published_with_everything(world: World) -> Call:
    mart_item = _mart_item(world)
    model = [{"relate_mart_model_id": 0, "original_price": 25900, "seller_stock": [{"stock": 12}],
              "pre_order": {"is_pre_order": False, "days_to_ship": 1}}]
    return Call(shop_id=world.mart_id, params={"mart_item_id": mart_item, "outlet_shop_id": world.outlet_id, "publish_item": {
        "model": model, "logistic_info": [{"logistic_id": 8000, "enabled": True}],
        "purchase_limit_info": {"min_purchase_limit": 1, "max_purchase_limit": {"purchase_limit": 5}}}})


@CASES.case("v2.product.get_mart_item_mapping_by_id")
def mapping_with_models(world: World) -> Call:
    mart_item = _mart_item(world)
    _publish(world, mart_item, _with_models(world, mart_item))
    return Call(shop_id=world.mart_id, params={"mart_item_id": mart_item, "outlet_shop_id_list": [world.outlet_id]})


# -- batch tasks and the Mart item of an Outlet item ----------------------------------------------
def _finished_task(world: World, api: str, entries: list[dict[str, Any]]) -> int:
    task_id = int(world.ok(api, world.mart_id, item_list=entries)["task_id"])
    world.emulator.advance(float(world.emulator.products.batches.settings()["delay_seconds"]))
    return task_id


@CASES.case("v2.product.batch_publish_item_to_outlet_shop", no_fill={"item_list.publish_item.outlet_item_id": "a new Outlet copy"},
            values={"item_list.publish_item.model.model_status": "NORMAL", "item_list.publish_item.model.relate_mart_model_id": 0,
                    "item_list.publish_item.logistic_info.logistic_id": 8000})
def batch_publish(world: World) -> Call:
    model = [{"relate_mart_model_id": 0, "original_price": 25900, "seller_stock": [{"stock": 12}]}]
    return Call(shop_id=world.mart_id, params={"item_list": [{"mart_item_id": _mart_item(world), "outlet_shop_id": world.outlet_id, "publish_item": {
        "model": model, "logistic_info": [{"logistic_id": 8000, "enabled": True}],
        "purchase_limit_info": {"min_purchase_limit": 1, "max_purchase_limit": {"purchase_limit": 5}}}}]})


@CASES.case("v2.product.batch_update_outlet_price", values={"item_list.price_list.model_id": 0})
def batch_price(world: World) -> Call:
    outlet_item = _publish(world, _mart_item(world))
    return Call(shop_id=world.mart_id, params={"item_list": [
        {"outlet_shop_id": world.outlet_id, "item_id": outlet_item, "price_list": [{"model_id": 0, "original_price": 27000}]}]})


@CASES.case("v2.product.batch_update_outlet_stock", values={"item_list.stock_list.model_id": 0})
def batch_stock(world: World) -> Call:
    outlet_item = _publish(world, _mart_item(world))
    return Call(shop_id=world.mart_id, params={"item_list": [
        {"outlet_shop_id": world.outlet_id, "item_id": outlet_item, "stock_list": [{"model_id": 0, "seller_stock": [{"stock": 30}]}]}]})


@CASES.case("v2.product.get_batch_task_result")
def finished_task_with_a_failure(world: World) -> Call:
    outlet_item = _publish(world, _mart_item(world))
    task_id = _finished_task(world, "v2.product.batch_update_outlet_price", [
        {"outlet_shop_id": world.outlet_id, "item_id": outlet_item, "price_list": [{"model_id": 0, "original_price": 27000}]},
        {"outlet_shop_id": world.outlet_id, "item_id": outlet_item, "price_list": [{"model_id": 42, "original_price": 27000}]}])
    return Call(shop_id=world.mart_id, params={"task_type": 1, "task_id": task_id})


@CASES.case("v2.product.get_mart_item_by_outlet_item_id")
def mart_item_of_outlet_item(world: World) -> Call:
    mart_item = _mart_item(world)
    outlet_item = _publish(world, mart_item, _with_models(world, mart_item))
    return Call(shop_id=world.mart_id, params={"outlet_item_id": outlet_item})


# -- size charts and attribute values --------------------------------------------------------------
@CASES.case("v2.product.get_size_chart_list", values={"category_id": "100011", "page_size": 1})
def fruit_size_charts(world: World) -> Call:
    # page_size as a number: a query carries it as text either way, and its bound (Max=50) is a number
    return Call(shop_id=world.mart_id, params={"category_id": "100011", "page_size": 1})


@CASES.case("v2.product.get_size_chart_detail", values={"size_chart_id": 700024613},
            nullable={"response.size_chart_table.column_list[].measurement_value_list[].value": "set for Input Single Number only (the page's example answers null)",
                      "response.size_chart_table.column_list[].measurement_value_list[].min_value": "set for Input Range Number only (the page's example answers null)",
                      "response.size_chart_table.column_list[].measurement_value_list[].max_value": "set for Input Range Number only (the page's example answers null)",
                      "response.size_chart_table.column_list[].measurement_value_list[].option": "set for Single Dropdown only (the page's example answers null)"})
def fruit_grade_chart(world: World) -> Call:
    return Call(shop_id=world.mart_id, params={"size_chart_id": 700024613})


@CASES.case("v2.product.search_attribute_value_list", values={"attribute_id": SHELF_LIFE, "cursor": 0, "limit": 2})
def shelf_life_values(world: World) -> Call:
    return Call(shop_id=world.mart_id, params={"attribute_id": SHELF_LIFE, "value_name": "bulan", "cursor": 0, "limit": 2})
