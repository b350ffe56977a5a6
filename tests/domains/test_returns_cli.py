"""Returns through ``instant-mart-emulator control`` against a live server, as the README shows."""
from __future__ import annotations

import json

from emulator import cli
from tests.domains.order_helpers import outlet_item


def test_control_cli_requests_and_ships_back_a_return(shopee, shopee_server, outlet_id, capsys):
    item = outlet_item(shopee, outlet_id)
    order = shopee.orders.create(outlet_id, [{"item_id": item["item_id"], "model_id": 0, "quantity": 1}], paid=True)
    for action in ("ship", "pickup", "deliver"):
        shopee.orders.act(order["order_sn"], action)
    body = json.dumps({"order_sn": order["order_sn"], "reason": "ITEM_DAMAGED"})
    assert cli.main(["control", "--url", shopee_server.url, "POST", "/_emulator/returns", body]) == 0
    created = json.loads(capsys.readouterr().out)
    assert created["status"] == "REQUESTED"
    path = f"/_emulator/returns/{created['return_sn']}/cancel"
    assert cli.main(["control", "--url", shopee_server.url, "POST", path]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "CANCELLED"
