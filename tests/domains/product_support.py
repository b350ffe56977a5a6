"""Helpers shared by the product tests: uploads, a valid add_item body, a published item."""
from __future__ import annotations

import io
from typing import Any

from PIL import Image

from emulator.domains.product.media import solid_png
from tests.conftest import ok

MILK_CATEGORY = 100021  # Dairy & Eggs > Milk: shelf life is mandatory
SHELF_LIFE, SIX_MONTHS = 200012, 2001203


def upload(client: Any, http: Any, shop_id: int, files: list[tuple[str, bytes, str]] | None = None, **fields: str) -> dict[str, Any]:
    """Sign and send a multipart upload_image, as a real client does."""
    method, path, query = client.signed_query("v2.media_space.upload_image", shop_id)
    files = files or [("milk.png", solid_png((250, 250, 250)), "image/png")]
    response = http.post(path, params=query, data=fields, files=[("image", f) for f in files])
    return response.json()


def solid_jpeg(rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A real (decodable) 8x8 JPEG."""
    out = io.BytesIO()
    Image.new("RGB", (8, 8), rgb).save(out, "JPEG")
    return out.getvalue()


def image_id(client: Any, http: Any, shop_id: int) -> str:
    return ok(upload(client, http, shop_id))["image_info"]["image_id"]


def item_body(image_ids: list[str], **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "item_name": "Susu Segar Pasteurisasi 1 L",
        "description": "Susu sapi segar pasteurisasi, simpan di lemari pendingin.",
        "original_price": 24900,
        "weight": 1.05,
        "category_id": MILK_CATEGORY,
        "image": {"image_id_list": image_ids},
        "logistic_info": [{"logistic_id": 8000, "enabled": True}],
        "attribute_list": [{"attribute_id": SHELF_LIFE, "attribute_value_list": [{"value_id": SIX_MONTHS}]}],
        "brand": {"brand_id": 3000103, "original_brand_name": "Cimory"},
        "dimension": {"package_length": 8, "package_width": 8, "package_height": 22},
        "item_sku": "DAI-PAST-1L",
        "condition": "NEW",
        "seller_stock": [{"stock": 0}],
    }
    body.update(overrides)
    return body


def add_item(client: Any, http: Any, mart_id: int, **overrides: Any) -> dict[str, Any]:
    return ok(client.call("v2.product.add_item", shop_id=mart_id, body=item_body([image_id(client, http, mart_id)], **overrides)))


def publish_body(item_id: int, outlet_id: int, models: list[int], price: float = 25900, stock: int = 12) -> dict[str, Any]:
    return {
        "mart_item_id": item_id,
        "outlet_shop_id": outlet_id,
        "publish_item": {
            "model": [{"relate_mart_model_id": m, "original_price": price, "seller_stock": [{"stock": stock}]} for m in models],
            "logistic_info": [{"logistic_id": 8000, "enabled": True}],
        },
    }


def published(client: Any, http: Any, mart_id: int, outlet_id: int) -> tuple[int, int]:
    """A fresh Mart item and its copy on ``outlet_id``: (mart_item_id, outlet_item_id)."""
    item = add_item(client, http, mart_id)
    answer = ok(client.call("v2.product.publish_item_to_outlet_shop", shop_id=mart_id, body=publish_body(item["item_id"], outlet_id, [0])))
    return item["item_id"], answer["item_id"]
