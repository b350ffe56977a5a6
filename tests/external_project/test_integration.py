"""An integrator's tests, run against the installed wheel (never the emulator's source tree)."""
from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest

import emulator


def test_emulator_comes_from_the_installed_wheel():
    package = Path(emulator.__file__).resolve().parent
    assert "site-packages" in package.parts
    assert (package / "data" / "worlds" / "id.yaml").is_file()
    assert "INSTANT_MART_FIXTURES" not in os.environ


def test_default_world_through_the_signing_client(shopee, shopee_client):
    mart = shopee.shops.marts()[0]["shop_id"]
    info = shopee_client.call("v2.shop.get_shop_info", shop_id=mart)
    assert info["error"] == "" and len(info["outlet_shop_info_list"]) == 5
    outlet = shopee.shops.marts()[0]["outlet_shop_ids"][0]
    channels = shopee_client.call("v2.logistics.get_channel_list", shop_id=outlet)
    assert channels["response"]["logistics_channel_list"]


@pytest.mark.shopee_scenario("setup.yaml")
def test_scenario_marker_sets_world_and_faults(shopee, shopee_client):
    assert shopee.world["region"] == "TH" and shopee.seed == 3
    outlet = shopee.shops.marts()[0]["outlet_shop_ids"][0]
    answer = shopee_client.call("v2.logistics.get_channel_list", shop_id=outlet)
    assert (answer["error"], answer["message"]) == ("error_server", "boom")


def test_live_server_answers_real_http(shopee_server):
    assert httpx.get(shopee_server.url + "/_emulator/health").json()["status"] == "ok"
    mart = shopee_server.emulator.shops.marts()[0]["shop_id"]
    info = shopee_server.client().call("v2.shop.get_shop_info", shop_id=mart)
    assert info["error"] == "" and info["is_mart_shop"] is True


def test_pushes_reach_the_sink(shopee, shopee_push_sink):
    outlet = shopee.shops.marts()[0]["outlet_shop_ids"][0]
    item = next(d for d in shopee.store.collection("items").values() if d["kind"] == "outlet" and d["shop_id"] == outlet)
    order = shopee.orders.create(outlet, [{"item_id": item["item_id"], "model_id": item["models"][0]["model_id"]}], paid=True)
    shopee.advance(0)
    statuses = [push.json["data"]["status"] for push in shopee_push_sink.of_code(3)]
    assert statuses and statuses[-1] == "READY_TO_SHIP", order


@pytest.mark.parametrize("hours", [1, 30])
def test_each_test_has_a_world_of_its_own(shopee, hours):
    # run with -n 2 these land on both workers beside the other tests: none sees another's changes
    from emulator.world import Emulator

    fresh = Emulator()
    assert shopee.clock.now() == fresh.clock.now()
    assert shopee.store.count("orders") == fresh.store.count("orders")
    fresh.close()
    outlet = shopee.shops.marts()[0]["outlet_shop_ids"][0]
    item = next(d for d in shopee.store.collection("items").values() if d["kind"] == "outlet" and d["shop_id"] == outlet)
    shopee.orders.create(outlet, [{"item_id": item["item_id"], "model_id": item["models"][0]["model_id"]}], paid=True)
    shopee.advance(hours * 3600)
