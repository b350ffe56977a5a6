"""Tier variations and models. Structure, names, options and model SKUs belong to the Mart item;
each change reaches every Outlet copy: new Mart models appear on Outlets (Mart price, no stock),
removed ones disappear, and renames keep every model_id.
"""
from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from emulator.domains.product import errors as e
from emulator.domains.product.errors import ProductError
from emulator.domains.product.rules import Rules

if TYPE_CHECKING:
    from emulator.domains.product.models import ProductModel

MAX_TIERS = 2
MAX_OPTIONS = 20
MAX_MODELS = 50
WEIGHT_WITH_DIMENSION = "model weight is required when the model's dimension is set"


def _tiers(p: "ProductModel", given: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if not 1 <= len(given) <= MAX_TIERS:
        raise ProductError(e.TIER_LEVEL_OVER_2)
    limits = p.rules.limits
    names: set[str] = set()
    out = []
    for tier in given:
        name = str(tier.get("name") or "").strip()
        if not name:
            raise ProductError(e.TIER_NAME_EMPTY, error="error_nil_name_new_item_model")
        if len(name) > limits["tier_name"]["max"]:
            raise ProductError(f"tier_variation name length should be under {limits['tier_name']['max']}", error="error_tier_var_name_too_long")
        if name.lower() in names:
            raise ProductError(e.DUPLICATE_TIER_NAME, error="error_model_duplicate_name")
        names.add(name.lower())
        options = tier.get("option_list") or []
        if not options or len(options) > MAX_OPTIONS:
            raise ProductError("Count of tier_variation option is larger than 20.", error="error_tier_opt_too_many")
        seen: set[str] = set()
        rendered = []
        for option in options:
            text = str(option.get("option") or "").strip()
            if not text or len(text) > limits["tier_option"]["max"]:
                raise ProductError(f"option length should be between 1 and {limits['tier_option']['max']}", error="error_tier_opt_val_too_long")
            if text.lower() in seen:
                raise ProductError(e.DUPLICATE_TIER_NAME, error="error_model_duplicate_name")
            seen.add(text.lower())
            entry: dict[str, Any] = {"option": text}
            image_id = (option.get("image") or {}).get("image_id")
            if image_id:
                p.rules.issued([str(image_id)])
                entry["image"] = {"image_id": str(image_id)}
            rendered.append(entry)
        out.append({"name": name, "option_list": rendered})
    size = 1
    for tier in out:
        size *= len(tier["option_list"])
    if size > MAX_MODELS:
        raise ProductError(e.TIER_COUNT)
    return out


# What each API answers for a tier_index left empty, of the wrong length, or past an option list:
# the pages of init and update_tier_variation name each case, add_model's only the general error.
IndexRefusals = dict[str, tuple[str, str]]
ADD_INDEX: IndexRefusals = dict.fromkeys(("empty", "length", "bound"), (e.TIER_INDEX_ERROR, "error_param"))
INIT_INDEX: IndexRefusals = {**ADD_INDEX, "empty": (e.TIER_INDEX_REQUIRED, "error_model_nonempty_itemtier_empty_index"),
                             "bound": (e.TIER_INDEX_BOUND, "error_model_tier_index_bound")}
UPDATE_INDEX: IndexRefusals = {"empty": (e.TIER_INDEX_REQUIRED, "error_model_nonempty_itemtier_empty_index"),
                               "length": (e.TIER_INDEX_LEVEL, "error_model_tier_index_level_mismatch_var_level"),
                               "bound": (e.TIER_INDEX_MISSING, "error_tier_index")}


def _tier_index(tiers: list[dict[str, Any]], index: list[int], refusals: IndexRefusals) -> tuple[int, ...]:
    case = ("empty" if tiers and not index else "length" if len(index) != len(tiers)
            else "bound" if any(not 0 <= i < len(t["option_list"]) for i, t in zip(index, tiers)) else None)
    if case is not None:
        message, error = refusals[case]
        raise ProductError(message, error=error)
    return tuple(int(i) for i in index)


def _new_models(p: "ProductModel", shop_id: int, tiers: list[dict[str, Any]], given: list[dict[str, Any]], taken: set[tuple[int, ...]],
                mart: dict[str, Any], refusals: IndexRefusals = ADD_INDEX) -> list[dict[str, Any]]:
    category = p.rules.catalogue.leaf(mart.get("category_id"))
    out = []
    for model in given:
        index = _tier_index(tiers, model.get("tier_index") or [], refusals)
        if index in taken:
            raise ProductError(e.DUPLICATE_TIER_INDEX, error="error_model_duplicate_tier_variation_index")
        taken.add(index)
        if model.get("dimension") and model.get("weight") is None:
            # the model's package would otherwise be judged by the item's weight
            raise e.wrong(WEIGHT_WITH_DIMENSION)
        location, stock = p.rules.seller_stock(shop_id, model.get("seller_stock"))
        entry = {
            "model_id": p.emulator.ids.next("model") if tiers else 0, "tier_index": list(index),
            "model_sku": p.rules.sku(model.get("model_sku") or "", "model_sku"), "model_status": "NORMAL",
            "original_price": p.rules.price(model["original_price"]), "stock": stock, "location_id": location,
            "pre_order": p.rules.pre_order(inherit_dts(model.get("pre_order"), mart.get("pre_order")), category),
        }
        if model.get("weight") is not None:
            entry["weight"] = p.rules.weight(model["weight"])
        if model.get("dimension"):
            entry["dimension"] = p.rules.dimension(model["dimension"])
        if model.get("gtin_code") is not None:
            entry["gtin_code"] = p.rules.gtin(str(model["gtin_code"]))
        out.append(entry)
    return out


def inherit_dts(given: dict[str, Any] | None, item: dict[str, Any] | None) -> dict[str, Any]:
    """A model's pre-order as the page fills it in: without its own, the item's; with its own but
    no days_to_ship, the item's days when both are (or both are not) pre-order."""
    item = item or {"is_pre_order": False, "days_to_ship": None}
    if not given:
        return dict(item)
    if given.get("days_to_ship") is None and bool(given.get("is_pre_order")) == bool(item.get("is_pre_order")):
        return {**given, "days_to_ship": item.get("days_to_ship")}
    return dict(given)


# what each API answers when the models it would remove are held by a discount or an order
MODEL_HELD = ("error_model_remove_model_in_promotion", e.MODEL_IN_PROMOTION)
OPTION_HELD = ("error_cannt_delete_option_in_promotion", e.OPTION_IN_PROMOTION)


def _check_removable(p: "ProductModel", mart: dict[str, Any], removed: set[int], refusal: tuple[str, str] = MODEL_HELD) -> None:
    for copy in p.outlet_items(mart):
        for model in copy["models"]:
            held = int(model.get("reserved", 0)) or p.promotions.holds(int(copy["item_id"]), int(model["model_id"]))
            if model["relate_mart_model_id"] in removed and held:
                raise ProductError(refusal[1], error=refusal[0])


def _structure_refusal(mart: dict[str, Any], tiers: list[dict[str, Any]]) -> tuple[str, str]:
    """init_tier_variation's refusal for the change it was asked to make while the item is held."""
    if not tiers:
        return "error_cannt_be_no_variation_in_promotion", e.NO_VARIATION_IN_PROMOTION
    if not mart.get("tier_variation"):
        return "error_cannt_init_tier_in_promotion", e.INIT_TIER_IN_PROMOTION
    return "error_cannt_change_tier_variation_in_promotion", e.STRUCTURE_IN_PROMOTION


def _own_pre_order(models: list[dict[str, Any]], given: list[dict[str, Any]]) -> set[int]:
    return {m["model_id"] for m, g in zip(models, given) if g.get("pre_order")}


def _sync_outlets(p: "ProductModel", mart: dict[str, Any], own_pre_order: set[int] | None = None) -> None:
    """Make every Outlet copy carry exactly the Mart item's models, keeping what it already had.

    A new model starts with the Mart's price and, like its price, the pre-order the Mart request
    gave it; without one it takes the Outlet item's, the Outlet owning DTS."""
    has_variants = bool(mart["tier_variation"])
    for copy in p.outlet_items(mart):
        kept = {m["relate_mart_model_id"]: m for m in copy["models"]}
        models = []
        for mart_model in mart["models"]:
            own = kept.get(mart_model["model_id"])
            if own is None:
                given = mart_model["model_id"] in (own_pre_order or set()) and mart_model.get("pre_order")
                pre_order = dict(given or copy.get("pre_order") or {"is_pre_order": False, "days_to_ship": 1})
                own = p.outlet_model({"relate_mart_model_id": mart_model["model_id"], "original_price": mart_model["original_price"],
                                      "stock": 0, "pre_order": pre_order}, has_variants)
            models.append(own)
        copy["models"] = models
        if copy.get("wholesales") and not _wholesale_fits(copy["wholesales"], models):
            # the new models' prices would sell under the tiers: update_price refuses that state, so the tiers go
            copy["wholesales"] = []
        if not has_variants and models:
            # an Outlet item without variations shows its one model's pre-order as its own
            copy["pre_order"] = dict(models[0]["pre_order"])
        p.touch(copy)


def init_tier_variation(p: "ProductModel", shop_id: int, item_id: int, tiers_given: list[dict[str, Any]], models_given: list[dict[str, Any]]) -> dict[str, Any]:
    """A new tier structure: every model is replaced, on the Mart and on every Outlet.

    No tiers (both tier lists and the model's tier_index empty) turns a variation item back into
    one without variations: its one model (model_id 0) gives the item's price and stock."""
    p.require_mart(shop_id, "tier_variation")
    mart = p.item_of(shop_id, item_id)
    tiers = _tiers(p, tiers_given) if tiers_given else []
    if len(mart.get("tier_variation") or []) == len(tiers):
        raise ProductError(e.TIER_LEVEL_SAME)
    if not 1 <= len(models_given) <= MAX_MODELS:
        raise e.constraints(f"model length should be between 1 and {MAX_MODELS}")
    models = _new_models(p, shop_id, tiers, models_given, set(), mart, INIT_INDEX)
    _packages_fit(p, mart, models)
    p.rules.price_spread([m["original_price"] for m in models])
    _check_removable(p, mart, {m["model_id"] for m in mart["models"]}, _structure_refusal(mart, tiers))
    live = p.editable(shop_id, item_id)
    live["tier_variation"] = tiers
    if not tiers:
        _fold_into_item(live, models[0], models_given[0])
    live["models"] = models
    for copy in p.outlet_items(live):
        copy["models"] = []
    _sync_outlets(p, live, _own_pre_order(models, models_given))
    p.touch(live)
    return live


def _wholesale_fits(tiers: list[dict[str, Any]], models: list[dict[str, Any]]) -> bool:
    try:
        Rules.wholesale_fits(tiers, min((m["original_price"] for m in models), key=Decimal))
    except ProductError:
        return False
    return True


def _packages_fit(p: "ProductModel", mart: dict[str, Any], models: list[dict[str, Any]]) -> None:
    """A model's own package (its weight or dimension, the item's for what it leaves out) must fit
    every channel the Mart item and its Outlet copies have on, as the item's own package must."""
    sides = None
    for model in models:
        if model.get("weight") is None and not model.get("dimension"):
            continue  # the item's package, already checked when it was set
        sides = sides if sides is not None else [mart, *p.outlet_items(mart)]
        weight = model.get("weight") if model.get("weight") is not None else mart.get("weight") or 0
        dimension = model.get("dimension") or mart.get("dimension")
        for side in sides:
            p.rules.channels_fit(side.get("logistic_info") or [], weight, dimension)


def _fold_into_item(live: dict[str, Any], model: dict[str, Any], given: dict[str, Any]) -> None:
    """The one model of an item without variations carries the item's SKU; what the request set on
    the model (SKU, weight, dimension, pre-order) becomes the item's."""
    live["original_price"] = model["original_price"]
    if given.get("model_sku") is not None:
        live["item_sku"] = model["model_sku"]
    model["model_sku"] = live.get("item_sku", "")
    for name in ("weight", "dimension", "pre_order"):
        if given.get(name):
            live[name] = model[name]
    model.pop("weight", None)
    model.pop("dimension", None)
    if "gtin_code" in model:
        live["gtin_code"] = model.pop("gtin_code")


def update_tier_variation(p: "ProductModel", shop_id: int, item_id: int, tiers_given: list[dict[str, Any]], model_list: list[dict[str, Any]] | None) -> dict[str, Any]:
    """Rename, add or remove options; listed models move to new indexes and keep their ids."""
    p.require_mart(shop_id, "tier_variation")
    mart = p.item_of(shop_id, item_id)
    if not mart.get("tier_variation"):
        raise ProductError(e.NO_TIER_VARIATION, error="error_tier_var_is_")
    tiers = _tiers(p, tiers_given)
    if len(tiers) != len(mart["tier_variation"]):
        raise ProductError(e.TIER_LEVEL_CHANGE)
    current = {m["model_id"]: m for m in mart["models"]}
    placement: dict[int, tuple[int, ...]] = {}
    if model_list is None:
        for model in mart["models"]:
            index = tuple(model["tier_index"])
            if all(i < len(t["option_list"]) for i, t in zip(index, tiers)):
                placement[model["model_id"]] = index
    else:
        for entry in model_list:
            model_id = int(entry["model_id"])
            if model_id not in current:
                raise ProductError(e.WRONG_MODEL_OF_ITEM.format(model_id=model_id), error="error_wrong_modelid")
            if model_id in placement:
                raise ProductError(e.DUPLICATE_MODEL.format(model_id=model_id), error="error_duplicate_modelid")
            placement[model_id] = _tier_index(tiers, entry.get("tier_index") or [], UPDATE_INDEX)
    if len(set(placement.values())) != len(placement):
        raise ProductError(e.DUPLICATE_TIER_INDEX, error="error_model_duplicate_tier_variation_index")
    if not placement:
        raise ProductError(e.CANNOT_DELETE_ALL_MODELS, error="error_busi_cannot_delete_all_model")
    _check_removable(p, mart, set(current) - set(placement), OPTION_HELD)
    live = p.editable(shop_id, item_id)
    live["tier_variation"] = tiers
    live["models"] = [{**m, "tier_index": list(placement[m["model_id"]])} for m in live["models"] if m["model_id"] in placement]
    _sync_outlets(p, live)
    p.touch(live)
    return live


def add_models(p: "ProductModel", shop_id: int, item_id: int, given: list[dict[str, Any]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """New models at free tier indexes; Outlets get them with the Mart price and no stock."""
    p.require_mart(shop_id, "model_list")
    mart = p.item_of(shop_id, item_id)
    if not mart.get("tier_variation"):
        raise ProductError(e.NO_TIER_VARIATION)
    if not given or len(mart["models"]) + len(given) > MAX_MODELS:
        raise ProductError("The count of model is too large. Should be under 20 (50 for TW)", error="error_model_count_over_limit") if given else e.wrong("model_list is required")
    taken = {tuple(m["tier_index"]) for m in mart["models"]}
    models = _new_models(p, shop_id, mart["tier_variation"], given, taken, mart)
    _packages_fit(p, mart, models)
    p.rules.price_spread([m["original_price"] for m in (*mart["models"], *models)])
    live = p.editable(shop_id, item_id)
    live["models"].extend(models)
    _sync_outlets(p, live, _own_pre_order(models, given))
    p.touch(live)
    return live, models


def delete_model(p: "ProductModel", shop_id: int, item_id: int, model_id: int) -> None:
    """Remove one model from the Mart item and every Outlet copy; the last one stays."""
    p.require_mart(shop_id, "model_id")
    mart = p.item_of(shop_id, item_id)
    if not any(m["model_id"] == model_id for m in mart["models"]) or not mart.get("tier_variation"):
        raise ProductError(e.MODEL_ITEM_MISMATCH)
    if len(mart["models"]) == 1:
        raise ProductError(e.DEFAULT_MODEL, error="error_busi_cannot_delete_default_model")
    _check_removable(p, mart, {model_id})
    live = p.editable(shop_id, item_id)
    live["models"] = [m for m in live["models"] if m["model_id"] != model_id]
    _sync_outlets(p, live)
    p.touch(live)


MART_MODEL_FIELDS = ("model_sku", "weight", "dimension", "gtin_code")
OUTLET_MODEL_FIELDS = ("pre_order",)


def update_models(p: "ProductModel", shop_id: int, item_id: int, given: list[dict[str, Any]]) -> None:
    """Model SKU, weight and dimension on the Mart; pre-order on the Outlet; status on either."""
    doc = p.item_of(shop_id, item_id)
    if not 1 <= len(given) <= MAX_MODELS:
        raise e.constraints(f"model length should be between 1 and {MAX_MODELS}")
    mart = p.mart_item_for(doc)
    mart_models = {m["model_id"]: m for m in mart["models"]}
    own_models = {m["model_id"]: m for m in doc["models"]}
    planned: list[tuple[int, dict[str, Any]]] = []
    for entry in given:
        model_id = int(entry["model_id"])
        own = own_models.get(model_id)
        if own is None:
            raise ProductError(e.INVALID_MODEL_ID, error="error_model_invalid_model_id")
        if any(model_id == planned_id for planned_id, _ in planned):
            raise ProductError(e.REPEAT_MODEL)  # as update_price and update_stock answer a model listed twice
        mart_model = mart_models[own.get("relate_mart_model_id", model_id)]
        fields = {k: v for k, v in entry.items() if k != "model_id" and v is not None}
        if doc["kind"] == "outlet" and fields.get("model_sku") == mart_model.get("model_sku", ""):
            fields.pop("model_sku")  # the reference requires model_sku; an unchanged value is no change
        p.refuse_fields(doc, fields, MART_MODEL_FIELDS, OUTLET_MODEL_FIELDS)
        changes = _model_changes(p, mart, fields)
        if "weight" in changes or "dimension" in changes:
            _packages_fit(p, mart, [{**mart_model, **changes}])
        planned.append((model_id, changes))
    live = p.editable(shop_id, item_id)
    for model_id, changes in planned:
        next(m for m in live["models"] if m["model_id"] == model_id).update(changes)
    p.touch(live)


def _model_changes(p: "ProductModel", mart: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if "model_sku" in fields:
        changes["model_sku"] = p.rules.sku(fields["model_sku"], "model_sku")
    if "weight" in fields:
        changes["weight"] = p.rules.weight(fields["weight"])
    if "dimension" in fields:
        changes["dimension"] = p.rules.dimension(fields["dimension"])
    if "gtin_code" in fields:
        changes["gtin_code"] = p.rules.gtin(str(fields["gtin_code"]))
    if "pre_order" in fields:
        changes["pre_order"] = p.rules.pre_order(fields["pre_order"], p.rules.catalogue.leaf(mart.get("category_id")))
    if "model_status" in fields:
        if fields["model_status"] not in ("NORMAL", "UNAVAILABLE"):
            raise e.wrong("model_status should be NORMAL or UNAVAILABLE")
        changes["model_status"] = fields["model_status"]
    return changes
