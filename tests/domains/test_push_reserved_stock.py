"""Push code 8 (Reserved Stock Change): a test order holds Outlet stock, and gives it back."""
from __future__ import annotations

from typing import Any

from emulator.domains.push.sink import PushSink
from emulator.world import Emulator


def _order(shopee: Emulator, http: Any, outlet_id: int, quantity: int) -> tuple[str, dict[str, Any]]:
    item = shopee.products.items_of_shop(outlet_id)[0]
    line = {"item_id": item["item_id"], "model_id": item["models"][0]["model_id"], "quantity": quantity}
    placed = http.post("/_emulator/orders", json={"shop_id": outlet_id, "items": [line]})
    assert placed.status_code == 200, placed.text
    return str(placed.json()["order_sn"]), line


def test_an_order_reserving_then_cancelled_pushes_both_changes_signed(shopee, shopee_http, shopee_push_sink: PushSink, outlet_id):
    held = shopee.products.items_of_shop(outlet_id)[0]["models"][0]["reserved"]  # seeded orders hold some already
    order_sn, line = _order(shopee, shopee_http, outlet_id, 3)
    assert shopee_http.post(f"/_emulator/orders/{order_sn}/buyer_cancel", json={}).status_code == 200
    shopee.advance(0)
    pushes = shopee_push_sink.of_code(8)
    bodies = [p.json for p in pushes]
    assert [b["data"]["action"] for b in bodies] == ["reserve", "release"]
    assert [b["data"]["changed_values"] for b in bodies] == [
        [{"name": "reserved_stock", "old": held, "new": held + 3}], [{"name": "reserved_stock", "old": held + 3, "new": held}]]
    assert all(b["shop_id"] == outlet_id and b["data"]["item_id"] == line["item_id"] and b["data"]["variation_id"] == line["model_id"] for b in bodies)
    assert all(shopee_push_sink.verifies(p, shopee.auth.default_partner()["partner_key"]) for p in pushes)


def test_shipping_the_order_uses_up_the_reservation(shopee, shopee_http, shopee_push_sink: PushSink, outlet_id):
    order_sn, _ = _order(shopee, shopee_http, outlet_id, 2)
    for action in ("pay", "ship", "pickup"):
        assert shopee_http.post(f"/_emulator/orders/{order_sn}/{action}", json={}).status_code == 200
    shopee.advance(0)
    assert [p.json["data"]["action"] for p in shopee_push_sink.of_code(8)] == ["reserve", "sold"]
