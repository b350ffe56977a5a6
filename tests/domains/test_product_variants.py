"""Tier variation and model rules: limits, identities, and how Mart changes reach Outlets."""
from __future__ import annotations

import pytest

from tests.conftest import ok, no_order_history
from tests.domains.product_support import add_item, published


def _model(index, price=10000, stock=0):
    return {"tier_index": index, "original_price": price, "seller_stock": [{"stock": stock}]}


def _tier(name, *options):
    return {"name": name, "option_list": [{"option": o} for o in options]}


@pytest.fixture
def tea(shopee, mart_id, outlet_id):
    """The seeded green tea: (mart item, outlet copy), one tier of three sizes."""
    copy = shopee.products.items_of_shop(outlet_id)[-1]
    return shopee.products.mart_item_for(copy), copy


INIT_CASES = [
    ("three_tiers", [_tier("A", "a"), _tier("B", "b"), _tier("C", "c")], [_model([0, 0, 0])], "error_param", "The level of tier-variation over 2."),
    ("index_out_of_range", [_tier("Rasa", "Manis")], [_model([1])], "error_model_tier_index_bound", "Invalid item iter_index."),
    ("index_wrong_length", [_tier("Rasa", "Manis"), _tier("Isi", "1")], [_model([0])], "error_param", "Model tier_index error."),
    ("index_empty", [_tier("Rasa", "Manis")], [_model([])], "error_model_nonempty_itemtier_empty_index", "Item tier_index is required."),
    ("duplicate_index", [_tier("Rasa", "Manis", "Tawar")], [_model([0]), _model([0])], "error_model_duplicate_tier_variation_index", "Item have duplicate tier_index."),
    ("too_many_combinations", [_tier("A", *"abcdefgh"), _tier("B", *"1234567")], [_model([0, 0])], "error_param",
     "Count of tier_variation options should be under 50. Count of 2-level variations combinations should be under 50."),
    ("duplicate_tier_name", [_tier("Rasa", "a"), _tier("rasa", "b")], [_model([0, 0])], "error_model_duplicate_name", "Item tier_variation have duplicate name."),
    ("empty_tier_name", [_tier(" ", "a")], [_model([0])], "error_nil_name_new_item_model", "Item tier_variation name cannot be empty."),
    ("price_below_min", [_tier("Rasa", "a")], [_model([0], price=1)], "error_price_exceed_min_limitt", "Original_price is less than min price limit."),
    # the stock-and-price guide's multiple for ID: the dearest model at most 7 times the cheapest
    ("price_spread_over_7", [_tier("Isi", "1", "2")], [_model([0], price=10000), _model([1], price=70001)], "error_price_out_of_range", "Price is out of range."),
    ("model_gtin_check_digit_wrong", [_tier("Rasa", "a")], [{**_model([0]), "gtin_code": "4006381333932"}], "error_param_validate",
     "This is not a valid GTIN. Please, inform a valid number."),
    ("option_image_not_issued", [{"name": "Rasa", "option_list": [{"option": "a", "image": {"image_id": "nope"}}]}], [_model([0])], "error_param", "Image not exist."),
]


@pytest.mark.parametrize("tiers, models, error, message", [c[1:] for c in INIT_CASES], ids=[c[0] for c in INIT_CASES])
def test_init_tier_variation_refused(shopee_client, shopee_http, mart_id, tiers, models, error, message):
    item = add_item(shopee_client, shopee_http, mart_id)
    answer = shopee_client.call("v2.product.init_tier_variation", shop_id=mart_id, body={"item_id": item["item_id"], "tier_variation": tiers, "model": models})
    assert (answer["error"], answer["message"]) == (error, message)


def test_init_tier_variation_same_level_refused(shopee_client, tea, mart_id):
    mart_item, _ = tea
    answer = shopee_client.call("v2.product.init_tier_variation", shop_id=mart_id, body={"item_id": mart_item["item_id"], "tier_variation": [_tier("Rasa", "a")], "model": [_model([0])]})
    assert (answer["error"], answer["message"]) == ("error_param", "The level of tier-variation not change.")


@no_order_history
def test_init_tier_variation_from_one_to_two_tiers_replaces_outlet_models(shopee_client, tea, mart_id, outlet_id):
    mart_item, copy = tea
    tiers = [_tier("Ukuran", "350 ml", "500 ml"), _tier("Gula", "Manis", "Tanpa Gula")]
    models = [_model([a, b], 8000 + a * 2000) for a in range(2) for b in range(2)]
    old_ids = {m["model_id"] for m in mart_item["models"]}
    init = ok(shopee_client.call("v2.product.init_tier_variation", shop_id=mart_id, body={"item_id": mart_item["item_id"], "tier_variation": tiers, "model": models}))
    new_ids = {m["model_id"] for m in init["model"]}
    assert not new_ids & old_ids
    outlet_models = ok(shopee_client.call("v2.product.get_model_list", shop_id=outlet_id, params={"item_id": copy["item_id"]}))["model"]
    assert sorted(m["tier_index"] for m in outlet_models) == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert {m["relate_mart_model_id"] for m in outlet_models} == new_ids
    assert all(m["stock_info_v2"]["seller_stock"][0]["stock"] == 0 for m in outlet_models)


def test_init_tier_variation_accepts_standardise_tier_variation(shopee_client, shopee_http, mart_id):
    item = add_item(shopee_client, shopee_http, mart_id)
    standard = [{"variation_id": 0, "variation_name": "Rasa", "variation_option_list": [
        {"variation_option_id": 0, "variation_option_name": "Cokelat"}, {"variation_option_id": 0, "variation_option_name": "Stroberi"}]}]
    init = ok(shopee_client.call("v2.product.init_tier_variation", shop_id=mart_id, body={
        "item_id": item["item_id"], "standardise_tier_variation": standard, "model": [_model([0]), _model([1])]}))
    assert [o["option"] for o in init["tier_variation"][0]["option_list"]] == ["Cokelat", "Stroberi"]


def test_init_tier_variation_on_outlet_refused(shopee_client, tea, outlet_id):
    _, copy = tea
    answer = shopee_client.call("v2.product.init_tier_variation", shop_id=outlet_id, body={"item_id": copy["item_id"], "tier_variation": [_tier("A", "a"), _tier("B", "b")], "model": [_model([0, 0])]})
    assert (answer["error"], answer["message"]) == ("error_param", "tier_variation is managed by the Mart item; update it with the Mart shop_id.")


def test_update_tier_variation_wrong_model_id(shopee_client, tea, mart_id):
    mart_item, _ = tea
    answer = shopee_client.call("v2.product.update_tier_variation", shop_id=mart_id, body={
        "item_id": mart_item["item_id"], "tier_variation": [_tier("Ukuran", "350 ml", "500 ml", "1 L")], "model_list": [{"model_id": 5, "tier_index": [0]}]})
    assert (answer["error"], answer["message"]) == ("error_wrong_modelid", "The model_id is wrong or not related to this item, model_id:5")


def test_update_tier_variation_duplicate_model_id(shopee_client, tea, mart_id):
    mart_item, _ = tea
    model_id = mart_item["models"][0]["model_id"]
    answer = shopee_client.call("v2.product.update_tier_variation", shop_id=mart_id, body={
        "item_id": mart_item["item_id"], "tier_variation": [_tier("Ukuran", "350 ml", "500 ml")],
        "model_list": [{"model_id": model_id, "tier_index": [0]}, {"model_id": model_id, "tier_index": [1]}]})
    assert (answer["error"], answer["message"]) == ("error_duplicate_modelid", f"The model_id is duplicate, model_id:{model_id}")


# update_tier_variation's page names each way a model's new tier_index can be wrong
PLACEMENT_CASES = [
    ("past_the_options", [3], "error_tier_index", "The tier_index is not exist"),
    ("wrong_length", [0, 0], "error_model_tier_index_level_mismatch_var_level", "Item tier_index level mismatch tier variation list level."),
    ("empty", [], "error_model_nonempty_itemtier_empty_index", "Item tier_index is required."),
]


@pytest.mark.parametrize("index, error, message", [c[1:] for c in PLACEMENT_CASES], ids=[c[0] for c in PLACEMENT_CASES])
def test_update_tier_variation_refuses_a_wrong_tier_index(shopee_client, tea, mart_id, index, error, message):
    mart_item, _ = tea
    first, second, _ = (m["model_id"] for m in mart_item["models"])
    answer = shopee_client.call("v2.product.update_tier_variation", shop_id=mart_id, body={
        "item_id": mart_item["item_id"], "tier_variation": [_tier("Ukuran", "350 ml", "500 ml", "1 L")],
        "model_list": [{"model_id": first, "tier_index": [0]}, {"model_id": second, "tier_index": index}]})
    assert (answer["error"], answer["message"]) == (error, message)


def test_add_model_answers_the_general_tier_index_error(shopee_client, tea, mart_id):
    mart_item, _ = tea
    answer = shopee_client.call("v2.product.add_model", shop_id=mart_id, body={"item_id": mart_item["item_id"], "model_list": [_model([7])]})
    assert (answer["error"], answer["message"]) == ("error_param", "Model tier_index error.")


def test_update_tier_variation_cannot_change_level(shopee_client, tea, mart_id):
    mart_item, _ = tea
    answer = shopee_client.call("v2.product.update_tier_variation", shop_id=mart_id, body={
        "item_id": mart_item["item_id"], "tier_variation": [_tier("Ukuran", "350 ml"), _tier("Gula", "Manis")]})
    assert (answer["error"], answer["message"]) == ("error_param", "Canot change the level of tier-variation.")


def test_update_tier_variation_item_without_variation(shopee_client, shopee_http, mart_id):
    item = add_item(shopee_client, shopee_http, mart_id)
    answer = shopee_client.call("v2.product.update_tier_variation", shop_id=mart_id, body={"item_id": item["item_id"], "tier_variation": [_tier("Rasa", "a")]})
    assert (answer["error"], answer["message"]) == ("error_tier_var_is_", "Item without tier_variation. Please use init_tier_variation api to upgrade the structure.")


@no_order_history
def test_update_tier_variation_dropping_an_option_drops_its_model_everywhere(shopee_client, tea, mart_id, outlet_id):
    mart_item, copy = tea
    small, medium, large = (m["model_id"] for m in mart_item["models"])
    ok(shopee_client.call("v2.product.update_tier_variation", shop_id=mart_id, body={
        "item_id": mart_item["item_id"], "tier_variation": [_tier("Ukuran", "500 ml", "1 L")],
        "model_list": [{"model_id": medium, "tier_index": [0]}, {"model_id": large, "tier_index": [1]}]}))
    outlet_models = ok(shopee_client.call("v2.product.get_model_list", shop_id=outlet_id, params={"item_id": copy["item_id"]}))["model"]
    assert [(m["relate_mart_model_id"], m["tier_index"]) for m in outlet_models] == [(medium, [0]), (large, [1])]
    assert small not in [m["relate_mart_model_id"] for m in outlet_models]


def test_update_tier_variation_cannot_drop_option_with_reserved_stock(shopee, shopee_client, tea, mart_id, outlet_id):
    mart_item, copy = tea
    with shopee.transaction():
        shopee.products.stock.reserve(outlet_id, [{"item_id": copy["item_id"], "model_id": copy["models"][0]["model_id"], "quantity": 1}])
    keep = [{"model_id": m["model_id"], "tier_index": [i]} for i, m in enumerate(mart_item["models"][1:])]
    answer = shopee_client.call("v2.product.update_tier_variation", shop_id=mart_id, body={
        "item_id": mart_item["item_id"], "tier_variation": [_tier("Ukuran", "500 ml", "1 L")], "model_list": keep})
    assert (answer["error"], answer["message"]) == ("error_cannt_delete_option_in_promotion", "Option of tier_variation cannot be deleted when item is under promotion.")


def test_add_model_taken_tier_index_refused(shopee_client, tea, mart_id):
    mart_item, _ = tea
    answer = shopee_client.call("v2.product.add_model", shop_id=mart_id, body={"item_id": mart_item["item_id"], "model_list": [_model([0])]})
    assert (answer["error"], answer["message"]) == ("error_model_duplicate_tier_variation_index", "Item have duplicate tier_index.")


def test_add_model_on_outlet_refused(shopee_client, tea, outlet_id):
    _, copy = tea
    answer = shopee_client.call("v2.product.add_model", shop_id=outlet_id, body={"item_id": copy["item_id"], "model_list": [_model([0])]})
    assert (answer["error"], answer["message"]) == ("error_param", "model_list is managed by the Mart item; update it with the Mart shop_id.")


@no_order_history
def test_delete_model_removes_it_from_outlets(shopee_client, tea, mart_id, outlet_id):
    mart_item, copy = tea
    gone = mart_item["models"][2]["model_id"]
    ok(shopee_client.call("v2.product.delete_model", shop_id=mart_id, body={"item_id": mart_item["item_id"], "model_id": gone}))
    outlet_models = ok(shopee_client.call("v2.product.get_model_list", shop_id=outlet_id, params={"item_id": copy["item_id"]}))["model"]
    assert gone not in [m["relate_mart_model_id"] for m in outlet_models] and len(outlet_models) == 2


def test_delete_model_not_of_item(shopee_client, tea, mart_id):
    mart_item, _ = tea
    answer = shopee_client.call("v2.product.delete_model", shop_id=mart_id, body={"item_id": mart_item["item_id"], "model_id": 12345})
    assert (answer["error"], answer["message"]) == ("error_param", "Model_id and item_id not match.")


def test_update_model_invalid_model_id(shopee_client, tea, mart_id):
    mart_item, _ = tea
    answer = shopee_client.call("v2.product.update_model", shop_id=mart_id, body={"item_id": mart_item["item_id"], "model": [{"model_id": 9, "model_sku": "X"}]})
    assert (answer["error"], answer["message"]) == ("error_model_invalid_model_id", "Invalid model_id.")


def test_update_model_status_either_side_switches_outlet_model_off(shopee_client, tea, mart_id, outlet_id):
    mart_item, copy = tea
    mart_model = mart_item["models"][1]
    ok(shopee_client.call("v2.product.update_model", shop_id=mart_id, body={"item_id": mart_item["item_id"], "model": [
        {"model_id": mart_model["model_id"], "model_sku": mart_model["model_sku"], "model_status": "UNAVAILABLE"}]}))
    outlet_models = ok(shopee_client.call("v2.product.get_model_list", shop_id=outlet_id, params={"item_id": copy["item_id"]}))["model"]
    assert [m["model_status"] for m in outlet_models] == ["MODEL_NORMAL", "MODEL_UNAVAILABLE", "MODEL_NORMAL"]


def test_update_model_sku_on_mart_shows_on_outlet(shopee_client, tea, mart_id, outlet_id):
    mart_item, copy = tea
    model_id = mart_item["models"][0]["model_id"]
    ok(shopee_client.call("v2.product.update_model", shop_id=mart_id, body={"item_id": mart_item["item_id"], "model": [{"model_id": model_id, "model_sku": "TEA-350-NEW", "weight": 0.4}]}))
    first = ok(shopee_client.call("v2.product.get_model_list", shop_id=outlet_id, params={"item_id": copy["item_id"]}))["model"][0]
    assert first["model_sku"] == "TEA-350-NEW" and first["weight"] == "0.4"


def test_model_prices_stay_within_the_regions_multiple(shopee_client, shopee_http, mart_id, outlet_id, tea):
    """ID: the most expensive model's price at most 7 times the cheapest's (add_model, init_tier_variation, update_price)."""
    item = add_item(shopee_client, shopee_http, mart_id)
    tiers = [_tier("Isi", "1", "2", "3")]
    ok(shopee_client.call("v2.product.init_tier_variation", shop_id=mart_id, body={
        "item_id": item["item_id"], "tier_variation": tiers, "model": [_model([0], price=10000), _model([1], price=70000)]}))
    over = shopee_client.call("v2.product.add_model", shop_id=mart_id, body={"item_id": item["item_id"], "model_list": [_model([2], price=1000)]})
    assert (over["error"], over["message"]) == ("error_price_out_of_range", "Price is out of range.")
    ok(shopee_client.call("v2.product.add_model", shop_id=mart_id, body={"item_id": item["item_id"], "model_list": [_model([2], price=20000)]}))

    _, copy = tea
    cheapest = min(copy["models"], key=lambda m: float(m["original_price"]))
    others = [m for m in copy["models"] if m["model_id"] != cheapest["model_id"]]
    dearest = max(float(m["original_price"]) for m in others)
    body = {"item_id": copy["item_id"], "price_list": [{"model_id": cheapest["model_id"], "original_price": round(dearest / 7 - 1)}]}
    answer = shopee_client.call("v2.product.update_price", shop_id=outlet_id, body=body)
    assert [f["failed_reason"] for f in answer["response"]["failure_list"]] == ["Price is out of range."]
    body["price_list"][0]["original_price"] = -(-dearest // 7)
    assert ok(shopee_client.call("v2.product.update_price", shop_id=outlet_id, body=body))["failure_list"] == []


def test_update_price_judges_the_spread_on_the_prices_the_whole_call_leaves(shopee_client, outlet_id, tea):
    """Raising every model's price tenfold in one call keeps their spread: no model is refused
    for being compared with prices the same call changes."""
    _, copy = tea
    assert len(copy["models"]) >= 2
    raised = [{"model_id": m["model_id"], "original_price": round(float(m["original_price"]) * 10)} for m in copy["models"]]
    answer = ok(shopee_client.call("v2.product.update_price", shop_id=outlet_id, body={"item_id": copy["item_id"], "price_list": raised}))
    assert answer["failure_list"] == []
    assert sorted(s["model_id"] for s in answer["success_list"]) == sorted(m["model_id"] for m in copy["models"])
    models = ok(shopee_client.call("v2.product.get_model_list", shop_id=outlet_id, params={"item_id": copy["item_id"]}))["model"]
    assert {m["model_id"]: m["price_info"][0]["original_price"] for m in models} == {r["model_id"]: r["original_price"] for r in raised}
    cheapest = min(raised, key=lambda r: r["original_price"])
    others = [r for r in raised if r is not cheapest]
    too_cheap = round(max(r["original_price"] for r in others) / 7 - 1)
    spread = [{"model_id": cheapest["model_id"], "original_price": too_cheap}, *others]
    refused = ok(shopee_client.call("v2.product.update_price", shop_id=outlet_id, body={"item_id": copy["item_id"], "price_list": spread}))
    assert refused["success_list"] == [] and {f["failed_reason"] for f in refused["failure_list"]} == {"Price is out of range."}


def _base(client, shop_id, item_id):
    return ok(client.call("v2.product.get_item_base_info", shop_id=shop_id, params={"item_id_list": [item_id]}))["item_list"][0]


NO_TIER_BODIES = [
    ("both_lists_empty", {"tier_variation": [], "standardise_tier_variation": []}),
    ("only_tier_variation", {"tier_variation": []}),
    ("only_standardise_tier_variation", {"standardise_tier_variation": []}),
]


@no_order_history
@pytest.mark.parametrize("lists", [c[1] for c in NO_TIER_BODIES], ids=[c[0] for c in NO_TIER_BODIES])
def test_init_tier_variation_back_to_no_tier(shopee_client, shopee_http, mart_id, outlet_id, lists):
    """One tier to none: the one model (model_id 0) gives the item its price, stock and SKU; every
    Outlet copy becomes an item without variations with the Mart's price and no stock."""
    mart_item, outlet_item = published(shopee_client, shopee_http, mart_id, outlet_id)
    ok(shopee_client.call("v2.product.init_tier_variation", shop_id=mart_id, body={
        "item_id": mart_item, "tier_variation": [_tier("Isi", "1 L", "2 L")], "model": [_model([0], 25000), _model([1], 45000)]}))
    assert _base(shopee_client, outlet_id, outlet_item)["has_model"] is True
    single = {"tier_index": [], "original_price": 25000, "model_sku": "DAI-ONE", "seller_stock": [{"stock": 3}]}
    answer = ok(shopee_client.call("v2.product.init_tier_variation", shop_id=mart_id, body={"item_id": mart_item, **lists, "model": [single]}))
    assert answer["item_id"] == mart_item and answer["tier_variation"] == []
    assert [(m["model_id"], m["tier_index"], m["model_sku"], m["price_info"], m["seller_stock"][0]["stock"]) for m in answer["model"]] == [
        (0, [], "DAI-ONE", [{"original_price": 25000}], 3)]
    mart = _base(shopee_client, mart_id, mart_item)
    assert (mart["has_model"], mart["item_sku"], mart["price_info"][0]["original_price"]) == (False, "DAI-ONE", 25000)
    assert mart["stock_info_v2"]["seller_stock"][0]["stock"] == 3
    copy = _base(shopee_client, outlet_id, outlet_item)
    assert (copy["has_model"], copy["price_info"][0]["original_price"], copy["stock_info_v2"]["seller_stock"][0]["stock"]) == (False, 25000, 0)
    for shop_id, item_id in ((mart_id, mart_item), (outlet_id, outlet_item)):
        models = ok(shopee_client.call("v2.product.get_model_list", shop_id=shop_id, params={"item_id": item_id}))
        assert (models["tier_variation"], models["model"]) == ([], [])
    mapping = ok(shopee_client.call("v2.product.get_mart_item_mapping_by_id", shop_id=mart_id, body={"mart_item_id": mart_item}))
    assert mapping["item_mapping_list"][0]["model_mapping"] == [{"mart_model_id": 0, "outlet_model_id": 0}]
    priced = ok(shopee_client.call("v2.product.update_price", shop_id=outlet_id, body={"item_id": outlet_item, "price_list": [{"model_id": 0, "original_price": 26000}]}))
    assert priced["success_list"] == [{"model_id": 0, "original_price": 26000}]


def test_init_tier_variation_no_tier_on_an_item_without_tiers_is_no_change(shopee_client, shopee_http, mart_id):
    item = add_item(shopee_client, shopee_http, mart_id)
    answer = shopee_client.call("v2.product.init_tier_variation", shop_id=mart_id, body={
        "item_id": item["item_id"], "tier_variation": [], "standardise_tier_variation": [], "model": [_model([])]})
    assert (answer["error"], answer["message"]) == ("error_param", "The level of tier-variation not change.")


def test_init_tier_variation_needs_one_of_the_tier_lists(shopee_client, shopee_http, mart_id):
    item = add_item(shopee_client, shopee_http, mart_id)
    answer = shopee_client.call("v2.product.init_tier_variation", shop_id=mart_id, body={"item_id": item["item_id"], "model": [_model([])]})
    assert (answer["error"], answer["message"]) == ("error_param", "Wrong parameters, detail: tier_variation or standardise_tier_variation is required.")


def test_standardise_tier_variation_options_without_ids_are_custom_options(shopee_client, shopee_http, mart_id):
    item = add_item(shopee_client, shopee_http, mart_id)
    standard = [{"variation_id": 0, "variation_name": "Ukuran", "variation_option_list": [
        {"variation_option_name": "A"}, {"variation_option_name": "B"}]}]
    init = ok(shopee_client.call("v2.product.init_tier_variation", shop_id=mart_id, body={
        "item_id": item["item_id"], "standardise_tier_variation": standard, "model": [_model([0]), _model([1])]}))
    assert init["tier_variation"] == [{"name": "Ukuran", "option_list": [{"option": "A"}, {"option": "B"}]}]


DIMENSION = {"package_length": 10, "package_width": 10, "package_height": 10}


def test_model_dimension_needs_the_models_weight(shopee, shopee_client, shopee_http, mart_id):
    item = add_item(shopee_client, shopee_http, mart_id)
    refused = shopee_client.call("v2.product.init_tier_variation", shop_id=mart_id, body={
        "item_id": item["item_id"], "tier_variation": [_tier("Isi", "1", "2")], "model": [{**_model([0]), "dimension": DIMENSION}]})
    assert (refused["error"], refused["message"]) == ("error_param", "Wrong parameters, detail: model weight is required when the model's dimension is set.")
    assert shopee.products.find(item["item_id"])["tier_variation"] == []
    init = ok(shopee_client.call("v2.product.init_tier_variation", shop_id=mart_id, body={
        "item_id": item["item_id"], "tier_variation": [_tier("Isi", "1", "2")], "model": [{**_model([0]), "dimension": DIMENSION, "weight": 1.2}]}))
    assert (init["model"][0]["weight"], init["model"][0]["dimension"]) == (1.2, DIMENSION)
    refused = shopee_client.call("v2.product.add_model", shop_id=mart_id, body={"item_id": item["item_id"], "model_list": [{**_model([1]), "dimension": DIMENSION}]})
    assert (refused["error"], refused["message"]) == ("error_param", "Wrong parameters, detail: model weight is required when the model's dimension is set.")
    assert len(shopee.products.find(item["item_id"])["models"]) == 1


@no_order_history
def test_new_models_without_their_own_pre_order_take_the_items(shopee_client, shopee_http, mart_id, outlet_id):
    """The Mart's models take the Mart item's DTS, each Outlet's new models the Outlet item's;
    a model's own pre-order without days_to_ship takes the item's days."""
    mart_item, outlet_item = published(shopee_client, shopee_http, mart_id, outlet_id)
    ok(shopee_client.call("v2.product.update_item", shop_id=outlet_id, body={"item_id": outlet_item, "pre_order": {"is_pre_order": True, "days_to_ship": 12}}))
    models = [_model([0]), {**_model([1]), "pre_order": {"is_pre_order": False}}, {**_model([2]), "pre_order": {"is_pre_order": True, "days_to_ship": 20}}]
    ok(shopee_client.call("v2.product.init_tier_variation", shop_id=mart_id, body={
        "item_id": mart_item, "tier_variation": [_tier("Isi", "1", "2", "3")], "model": models}))

    def dts(shop_id, item_id):
        listed = ok(shopee_client.call("v2.product.get_model_list", shop_id=shop_id, params={"item_id": item_id}))["model"]
        return [m["pre_order"] for m in sorted(listed, key=lambda m: m["tier_index"])]

    mart_default = _base(shopee_client, mart_id, mart_item)["pre_order"]
    assert dts(mart_id, mart_item) == [mart_default, {"is_pre_order": False, "days_to_ship": mart_default["days_to_ship"]},
                                       {"is_pre_order": True, "days_to_ship": 20}]
    assert dts(outlet_id, outlet_item) == [{"is_pre_order": True, "days_to_ship": 12}, {"is_pre_order": False, "days_to_ship": mart_default["days_to_ship"]},
                                           {"is_pre_order": True, "days_to_ship": 20}]


def test_model_pre_order_without_days_takes_a_pre_order_items_days(shopee_client, shopee_http, mart_id):
    item = add_item(shopee_client, shopee_http, mart_id, pre_order={"is_pre_order": True, "days_to_ship": 10})
    models = [_model([0]), {**_model([1]), "pre_order": {"is_pre_order": True}}]
    ok(shopee_client.call("v2.product.init_tier_variation", shop_id=mart_id, body={
        "item_id": item["item_id"], "tier_variation": [_tier("Isi", "1", "2")], "model": models}))
    listed = ok(shopee_client.call("v2.product.get_model_list", shop_id=mart_id, params={"item_id": item["item_id"]}))["model"]
    assert [m["pre_order"] for m in listed] == [{"is_pre_order": True, "days_to_ship": 10}] * 2


def test_update_price_keeps_the_price_above_the_wholesale_tiers(shopee_client, shopee_http, mart_id, outlet_id):
    """update_price's two wholesale errors, per model: at or under a tier's price, or so high that
    the cheapest tier falls under get_item_limit's 10%."""
    _, outlet_item = published(shopee_client, shopee_http, mart_id, outlet_id)
    ok(shopee_client.call("v2.product.update_item", shop_id=outlet_id, body={
        "item_id": outlet_item, "wholesale": [{"min_count": 2, "max_count": 10, "unit_price": 20000}]}))
    for price, reason in ((15000, "Original_price should bigger then wholesale price"), (20000, "Original_price should bigger then wholesale price"),
                          (200001, "Wholesale price is less than ratio limit.")):
        answer = ok(shopee_client.call("v2.product.update_price", shop_id=outlet_id, body={"item_id": outlet_item, "price_list": [{"model_id": 0, "original_price": price}]}))
        assert answer == {"failure_list": [{"model_id": 0, "failed_reason": reason}], "success_list": []}
    assert _base(shopee_client, outlet_id, outlet_item)["price_info"][0]["original_price"] == 25900
    answer = ok(shopee_client.call("v2.product.update_price", shop_id=outlet_id, body={"item_id": outlet_item, "price_list": [{"model_id": 0, "original_price": 200000}]}))
    assert answer["success_list"] == [{"model_id": 0, "original_price": 200000}]


def test_init_tier_variation_keeps_a_valid_model_gtin(shopee_client, shopee_http, mart_id):
    item = add_item(shopee_client, shopee_http, mart_id)
    body = {"item_id": item["item_id"], "tier_variation": [_tier("Rasa", "a")], "model": [{**_model([0]), "gtin_code": "4006381333931"}]}
    ok(shopee_client.call("v2.product.init_tier_variation", shop_id=mart_id, body=body))
    models = ok(shopee_client.call("v2.product.get_model_list", shop_id=mart_id, params={"item_id": item["item_id"]}))["model"]
    assert [m["gtin_code"] for m in models] == ["4006381333931"]


HEAVY = "Invalid logistic info, weight 250 kg is more than the 20 kg limit of logistic_id 8000"


@pytest.mark.parametrize("api", ["init_tier_variation", "init_tier_variation_no_tier", "add_model", "update_model"])
def test_a_model_package_past_a_channel_limit_refused(shopee, shopee_client, shopee_http, mart_id, outlet_id, api):
    mart_item, _ = published(shopee_client, shopee_http, mart_id, outlet_id)
    ok(shopee_client.call("v2.product.init_tier_variation", shop_id=mart_id, body={
        "item_id": mart_item, "tier_variation": [_tier("Isi", "1 L", "2 L")], "model": [_model([0], 25000)]}))
    before = shopee.products.find(mart_item)
    heavy = {**_model([1], 25000), "weight": 250}
    calls = {
        "init_tier_variation": ("v2.product.init_tier_variation", {"tier_variation": [_tier("Isi", "1 L"), _tier("Rasa", "Manis")],
                                                                   "model": [{**heavy, "tier_index": [0, 0]}]}),
        "init_tier_variation_no_tier": ("v2.product.init_tier_variation", {"tier_variation": [], "model": [{**heavy, "tier_index": []}]}),
        "add_model": ("v2.product.add_model", {"model_list": [heavy]}),
        "update_model": ("v2.product.update_model", {"model": [{"model_id": before["models"][0]["model_id"], "model_sku": "", "weight": 250}]}),
    }
    name, body = calls[api]
    answer = shopee_client.call(name, shop_id=mart_id, body={"item_id": mart_item, **body})
    assert (answer["error"], answer["message"]) == ("error_param", HEAVY)
    assert shopee.products.find(mart_item)["models"] == before["models"]


def test_update_model_lists_a_model_once(shopee_client, tea, mart_id):
    mart, _ = tea
    model_id = mart["models"][0]["model_id"]
    body = {"item_id": mart["item_id"], "model": [{"model_id": model_id, "model_sku": "X"}, {"model_id": model_id, "model_sku": "Y"}]}
    answer = shopee_client.call("v2.product.update_model", shop_id=mart_id, body=body)
    assert (answer["error"], answer["message"]) == ("error_param", "Repeat model_id.")


def test_outlet_wholesale_that_new_mart_models_undercut_is_dropped(shopee, shopee_client, shopee_http, mart_id, outlet_id):
    mart_item, outlet_item = published(shopee_client, shopee_http, mart_id, outlet_id)
    tiers = [{"min_count": 2, "max_count": 5, "unit_price": 25000}]
    ok(shopee_client.call("v2.product.update_item", shop_id=outlet_id, body={"item_id": outlet_item, "wholesale": tiers}))
    ok(shopee_client.call("v2.product.init_tier_variation", shop_id=mart_id, body={
        "item_id": mart_item, "tier_variation": [_tier("Isi", "1 L", "2 L")], "model": [_model([0], 20000), _model([1], 21000)]}))
    assert _base(shopee_client, outlet_id, outlet_item)["wholesales"] == []
