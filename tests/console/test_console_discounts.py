"""The Items page's Discounts section, and the promotion price on an Outlet's model while a discount runs."""
from __future__ import annotations

import re

PATH = "/console/items"


def _discount_row(page, discount_id: int) -> str:
    return page.text.split(f'title="click to copy">{discount_id}</code>', 1)[1].split("</tbody></table></td></tr>", 1)[0]


def test_outlet_items_page_lists_its_discounts_with_status_on_the_clock(shopee, shopee_http, outlet_ids):
    outlet = outlet_ids[-1]  # where the default world's discounts run
    docs = {shopee.discounts.status(d): d for d in shopee.discounts.of_shop(outlet)}
    page = shopee_http.get(PATH, params={"shop_id": outlet})
    assert page.status_code == 200 and 'id="discount-list"' in page.text
    upcoming = docs["upcoming"]
    row = _discount_row(page, upcoming["discount_id"])
    assert re.search(r"<td>upcoming</td>", row)
    model = next(iter(next(iter(upcoming["items"].values()))["models"].values()))
    assert f"{model['promotion_price']} IDR" in row
    shopee.advance(upcoming["start_time"] - shopee.clock.now())
    assert "<td>ongoing</td>" in _discount_row(shopee_http.get(PATH, params={"shop_id": outlet}), upcoming["discount_id"])


def test_outlet_model_shows_promotion_price_while_discount_runs(shopee, shopee_http, outlet_ids):
    outlet = outlet_ids[-1]
    ongoing = next(d for d in shopee.discounts.of_shop(outlet) if shopee.discounts.status(d) == "ongoing")
    item_id, entry = next(iter(ongoing["items"].items()))
    model = next(iter(entry["models"].values()))
    page = shopee_http.get(PATH, params={"shop_id": outlet})
    assert f'{model["promotion_price"]} IDR</span> <s class="muted">' in page.text
    assert f'discount {ongoing["discount_id"]}' in page.text


def test_outlet_without_discounts_says_so(shopee_http, outlet_id):
    page = shopee_http.get(PATH, params={"shop_id": outlet_id})
    assert "This Outlet has no discounts." in page.text
