"""The catalogue a world starts with (fixtures/catalogue/seed_items.yaml)."""
from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import yaml

from emulator.worlds import fixtures_dir

if TYPE_CHECKING:
    from emulator.world import Emulator

DEFAULT_CATEGORY_ID = 100001


def _load() -> list[dict[str, Any]]:
    path = fixtures_dir() / "catalogue" / "seed_items.yaml"
    return list(yaml.safe_load(path.read_text("utf-8"))["items"])


def seed_catalogue(emulator: "Emulator", world: dict[str, Any]) -> None:
    region = world["region"]
    thai = region == "TH"
    for mart in emulator.shops.marts():
        for spec in world.get("catalogue_items") or _load():
            name = spec.get("name_th") if thai and spec.get("name_th") else spec["name"]
            price = Decimal(str(spec["price"][region]))
            fields = {
                "item_name": name,
                "description": f"{name}. Produk segar dari {mart['shop_name']}." if not thai else f"{name} จาก {mart['shop_name']}",
                "item_sku": spec["sku"],
                "weight": str(spec["weight"]),
                "dimension": {"package_length": 10, "package_width": 10, "package_height": 10},
                "condition": "NEW",
                "category_id": spec.get("category_id", DEFAULT_CATEGORY_ID),
                "brand": {"brand_id": 0, "original_brand_name": "NoBrand"},
                "image": {"image_id_list": [], "image_url_list": []},
                "original_price": price,
            }
            models = None
            variation = spec.get("variation")
            if variation:
                fields["tier_variation"] = [
                    {"name": variation.get("name_th") if thai else variation["name"],
                     "option_list": [{"option": o} for o in variation["options"]]}
                ]
                step = Decimal(str(variation["price_step"][region]))
                models = [
                    {"tier_index": [i], "model_sku": f"{spec['sku']}-{i + 1}", "original_price": price + step * i}
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
                )
