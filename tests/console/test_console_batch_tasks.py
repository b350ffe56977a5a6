"""The Items page's batch task queue: a Mart's tasks waiting on the clock, then their outcome."""
from __future__ import annotations

import html

PATH = "/console/items"


def test_the_mart_sees_its_batch_tasks_queued_then_finished_with_failures(shopee, shopee_http, mart_id, outlet_ids):
    outlet = outlet_ids[0]
    copy = shopee.products.items_of_shop(outlet)[0]
    entries = [{"outlet_shop_id": outlet, "item_id": copy["item_id"], "price_list": [{"model_id": 424242, "original_price": 30000}]}]
    with shopee.transaction():
        task_id = shopee.products.batches.create(mart_id, 1, entries)
    queued = shopee_http.get(PATH, params={"shop_id": mart_id}).text.split('id="batch-tasks"', 1)[1]
    assert f'title="click to copy">{task_id}</code>' in queued
    assert "Outlet prices" in queued and "ongoing" in queued and "waiting" in queued

    shopee.advance(shopee.products.batches.settings()["delay_seconds"])
    done = html.unescape(shopee_http.get(PATH, params={"shop_id": mart_id}).text.split('id="batch-tasks"', 1)[1])
    assert "finished" in done and "0 applied, 1 failed" in done
    assert "model 424242: Wrong model_id." in done


def test_an_outlet_shows_no_batch_tasks(shopee_http, outlet_id):
    assert 'id="batch-tasks"' not in shopee_http.get(PATH, params={"shop_id": outlet_id}).text
