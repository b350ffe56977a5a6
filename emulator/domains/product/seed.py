"""The catalogue a world starts with (emulator/data/catalogue/seed_items.yaml).

Seeded items go through the same normalisation as API-created ones (real leaf categories, their
mandatory attributes, brands of the category) and carry small generated images the media space
issued, so every seeded image id resolves to a served file.
"""
from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from emulator import yaml_data
from emulator.errors import ShopeeError
from emulator.domains.product.channels import fulfilment_channel
from emulator.domains.product.media import solid_png
from emulator.worlds import data_dir

if TYPE_CHECKING:
    from emulator.domains.product.rules import Rules
    from emulator.world import Emulator


def _load() -> list[dict[str, Any]]:
    path = data_dir() / "catalogue" / "seed_items.yaml"
    return list(yaml_data.load(path)["items"])


def _channels(world: dict[str, Any]) -> list[dict[str, Any]]:
    """The product channels over the Outlets' enabled channels as the world file sets them (logistics seeds after products)."""
    config = world.get("channels") or {}
    whitelist = [int(c) for c in config.get("whitelist", [])]
    enabled = {int(c) for c in config.get("enabled", whitelist)}
    found: list[int] = []
    for channel_id in whitelist:
        if channel_id not in enabled:
            continue
        child = fulfilment_channel(world["region"], channel_id)
        product = child["mask_channel_id"] if child is not None else channel_id
        if product not in found:
            found.append(product)
    return [{"logistic_id": c, "enabled": True} for c in found]


def _fields(emulator: "Emulator", spec: dict[str, Any], mart: dict[str, Any], region: str) -> dict[str, Any]:
    rules = emulator.products.rules
    thai = region == "TH"
    name = spec.get("name_th") if thai and spec.get("name_th") else spec["name"]
    category_id = int(spec["category_id"])
    rules.category(category_id)  # a world file's own item may name a category the region lacks
    attributes = [{"attribute_id": int(a), "attribute_value_list": [{"value_id": int(v)}]} for a, v in (spec.get("attributes") or {}).items()]
    brand_id = int((spec.get("brand") or {}).get(region, 0))
    red, green, blue = (int(c) for c in spec.get("colour", (200, 200, 200)))
    image_id = emulator.products.media.save(solid_png((red, green, blue)), "image/png")
    channels = _channels(emulator.world)
    return {
        "item_name": name,
        "description": f"{name}. Produk segar dari {mart['shop_name']}." if not thai else f"{name} จาก {mart['shop_name']} สดใหม่ทุกวัน",
        "description_type": "normal",
        "item_sku": spec["sku"],
        "weight": rules.weight(spec["weight"]),
        "dimension": {"package_length": 10, "package_width": 10, "package_height": 10},
        "condition": "NEW",
        "category_id": category_id,
        "attribute_list": rules.attributes(attributes, category_id),
        "brand": rules.brand({"brand_id": brand_id, "original_brand_name": _brand_name(rules, category_id, brand_id)}, category_id),
        "image": {"image_id_list": [image_id], "image_ratio": "1:1"},
        "original_price": Decimal(str(spec["price"][region])),
        "logistic_info": rules.logistic_info(channels) if channels else [],
        "pre_order": {"is_pre_order": False, "days_to_ship": 1},
        "stock": int(spec["stock"]),
    }


def _brand_name(rules: "Rules", category_id: int, brand_id: int) -> str:
    # a world file names its brands by id; the checks want the name a seller would send with it
    brand = rules.catalogue.brand(category_id, brand_id) if brand_id else None
    return str(brand["name"]) if brand is not None else "NoBrand"


def seed_catalogue(emulator: "Emulator", world: dict[str, Any]) -> None:
    for mart in emulator.shops.marts():
        _seed_items(emulator, world, mart)
    # after every item, so that adding the video left the seeded items' ids and images as they were
    for mart in emulator.shops.marts():
        _seed_video(emulator, mart)


def _seed_video(emulator: "Emulator", mart: dict[str, Any]) -> None:
    """A published video on the Mart's first item, shown on each of its Outlets."""
    items = emulator.products.items_of_shop(mart["shop_id"])
    if not items:
        return
    videos = emulator.products.videos
    upload_id = videos.seed(mart["shop_id"], f"{items[0]['item_sku'] or 'item'}.mp4", 30)
    first = emulator.store.edit("items", items[0]["item_id"])
    assert first is not None
    first["video_info"] = [videos.item_video(mart["shop_id"], upload_id)]


def _seed_items(emulator: "Emulator", world: dict[str, Any], mart: dict[str, Any]) -> None:
    region = world["region"]
    thai = region == "TH"
    for spec in world.get("catalogue_items") or _load():
        try:
            _seed_item(emulator, spec, mart, region, thai)
        except ShopeeError as exc:  # a world file's own item: say which one the rules refused
            raise ShopeeError(f"catalogue item {spec['sku']}: {exc.message}", error=exc.error) from None


def _seed_item(emulator: "Emulator", spec: dict[str, Any], mart: dict[str, Any], region: str, thai: bool) -> None:
    fields = _fields(emulator, spec, mart, region)
    price = fields["original_price"]
    models = None
    variation = spec.get("variation")
    if variation:
        fields["tier_variation"] = [
            {"name": variation.get("name_th") if thai else variation["name"],
             "option_list": [{"option": o} for o in variation["options"]]}
        ]
        step = Decimal(str(variation["price_step"][region]))
        models = [
            {"tier_index": [i], "model_sku": f"{spec['sku']}-{i + 1}", "original_price": price + step * i, "stock": spec["stock"]}
            for i in range(len(variation["options"]))
        ]
    item = emulator.products.create_mart_item(mart["shop_id"], fields, models)
    for outlet_id in mart["outlet_shop_ids"]:
        emulator.products.publish_to_outlet(
            item["item_id"],
            outlet_id,
            [
                {"relate_mart_model_id": m["model_id"], "original_price": m["original_price"], "stock": spec["stock"]}
                for m in item["models"]
            ],
            fields["logistic_info"],
        )
