"""Conformance cases: image upload (v2.media_space.upload_image, v2.media.upload_image)."""
from __future__ import annotations

from emulator.domains.product.media import solid_png
from tests.conformance.cases import Call, Cases, World

CASES = Cases()
PENDING: dict[str, str] = {}


@CASES.case("v2.media_space.upload_image")
def product_image(world: World) -> Call:
    return Call(params={"scene": "normal"}, files=[("image", ("milk.png", solid_png((250, 250, 250)), "image/png"))])


@CASES.case("v2.media.upload_image")
def return_proof(world: World) -> Call:
    files = [("images", ("proof.png", solid_png((200, 10, 10)), "image/png"))]
    return Call(shop_id=world.outlet_id, params={"business": "2", "scene": "1"}, files=files)
