"""The Items page: the Mart's catalogue, each Outlet's published items with price and stock, and
the ids ``orders create`` takes ready to copy."""
from __future__ import annotations

import html
import re

import pytest

from emulator.console import items as items_page
from tests.console.helpers import message

PATH = "/console/items"


def _row(page, key: int) -> str:
    """The item's row: up to its last cell, the update time (models are a table inside the row)."""
    rest = page.text.split(f'title="click to copy">{key}</code>', 1)[1]
    return re.split(r"\d\d:\d\d:\d\d \w+</span></td></tr>", rest, maxsplit=1)[0]


def test_items_page_shows_mart_catalogue_with_outlet_copies(shopee, shopee_http, mart_id):
    page = shopee_http.get(PATH)
    assert page.status_code == 200 and f'<a href="{PATH}" class=current>Items</a>' in page.text
    mart_items = shopee.products.items_of_shop(mart_id)
    assert f"Catalogue of {shopee.shops.get(mart_id)['shop_name']}" in page.text
    for doc in mart_items:
        row = _row(page, doc["item_id"])
        assert html.escape(doc["item_name"]) in row
        for outlet, outlet_item in doc["outlets"].items():
            assert f"Outlet {outlet}</a> → item" in row and f">{outlet_item}</code>" in row


def test_outlet_view_shows_price_stock_and_order_ids(shopee, shopee_http, outlet_id):
    page = shopee_http.get(PATH, params={"shop_id": outlet_id})
    currency = shopee.shops.get(outlet_id)["currency"]
    for doc in shopee.products.items_of_shop(outlet_id):
        row = _row(page, doc["item_id"])
        model = doc["models"][0]
        assert f"{model['current_price']} {currency}" in row
        assert f"{shopee.products.stock.available(model)} available" in row
        if doc["item_status"] == "NORMAL":
            assert f"--item {doc['item_id']}:{model['model_id']}:1" in row
    assert f"orders create --shop-id {outlet_id}" in page.text


def test_copied_item_places_an_order(shopee, shopee_http, outlet_id):
    page = shopee_http.get(PATH, params={"shop_id": outlet_id})
    item_id, model_id, quantity = map(int, re.search(r"--item (\d+):(\d+):(\d+)", page.text).groups())
    made = shopee_http.post("/_emulator/orders", json={"shop_id": outlet_id, "items": [{"item_id": item_id, "model_id": model_id, "quantity": quantity}]})
    assert made.status_code == 200, made.text
    assert shopee.orders.find(made.json()["order_sn"])["items"][0]["item_id"] == item_id


def test_items_page_pages_by_item_id(shopee, shopee_http, outlet_id, monkeypatch):
    monkeypatch.setattr(items_page, "PAGE_SIZE", 3)
    ids = shopee.products.item_ids_of_shop(outlet_id)
    assert len(ids) > 3
    first = shopee_http.get(PATH, params={"shop_id": outlet_id})
    shown = [i for i in ids if f'title="click to copy">{i}</code>' in first.text]
    assert shown == ids[:3]
    following = first.text.split('id="next" href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    second = shopee_http.get(following)
    assert [i for i in ids if f'title="click to copy">{i}</code>' in second.text] == ids[3:6]


@pytest.mark.parametrize(("query", "status"), [({"shop_id": "1"}, 404), ({"shop_id": "x"}, 404), ({"after": "x"}, 400), ({"after": "9" * 40}, 400)])
def test_items_page_bad_query_shows_message(shopee_http, query, status):
    page = shopee_http.get(PATH, params=query)
    assert page.status_code == status and message(page, "error")


def test_orders_page_shows_currency_and_one_line_times(shopee, shopee_http, outlet_id):
    page = shopee_http.get("/console/orders", params={"shop_id": outlet_id})
    currency = shopee.shops.get(outlet_id)["currency"]
    row = page.text.split('id="order-list"', 1)[1].split("</tr>", 2)[1]
    assert re.search(rf'<span class="num nowrap">[0-9.]+ {currency}</span>', row)
    assert re.search(r'<span class="nowrap">\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \w+</span>', row)


def test_every_page_links_the_postman_collection(shopee_http):
    for path in ("/console", PATH, "/console/push", "/console/api"):
        assert '<a href="/_emulator/postman.json" download>Postman collection</a>' in shopee_http.get(path).text
    collection = shopee_http.get("/_emulator/postman.json")
    assert collection.status_code == 200 and collection.json()["item"]
