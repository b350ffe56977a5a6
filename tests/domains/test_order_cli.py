"""``instant-mart-emulator orders`` against a live server."""
from __future__ import annotations

import json

from emulator import cli
from tests.domains.order_helpers import outlet_item


def test_orders_cli_create_then_act(shopee, shopee_server, outlet_id, capsys):
    item = outlet_item(shopee, outlet_id)
    assert cli.main(["orders", "create", "--url", shopee_server.url, "--shop-id", str(outlet_id), "--item", f"{item['item_id']}:0:2", "--cod"]) == 0
    created = json.loads(capsys.readouterr().out)
    assert created["order_status"] == "READY_TO_SHIP"
    assert cli.main(["orders", "act", "--url", shopee_server.url, created["order_sn"], "ship"]) == 0
    assert json.loads(capsys.readouterr().out)["order_status"] == "PROCESSED"
    assert cli.main(["orders", "show", "--url", shopee_server.url, created["order_sn"]]) == 0
    assert json.loads(capsys.readouterr().out)["order"]["items"][0]["quantity"] == 2


def test_orders_cli_creates_an_order_its_buyer_collects(shopee, shopee_server, outlet_id, capsys):
    item = outlet_item(shopee, outlet_id)
    argv = ["orders", "create", "--url", shopee_server.url, "--shop-id", str(outlet_id), "--item", f"{item['item_id']}:0:1",
            "--cod", "--self-collection", "--collection-pin", "123456"]
    assert cli.main(argv) == 0
    created = json.loads(capsys.readouterr().out)
    assert created["self_collection"] is True
    doc = shopee.orders.get(created["order_sn"])
    assert (doc["self_collection"], doc["collection_pin"]) == (True, "123456")
