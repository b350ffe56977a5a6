"""``/console/items``: the Mart's catalogue, and per Outlet the Mart items published there with
price and stock, each model with the ids ``orders create`` takes ready to copy."""
from __future__ import annotations

from bisect import bisect_right
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from emulator.console import batch_tasks, discounts, listing
from emulator.http.state import emulator_of
from emulator.console.plumbing import page, whole
from emulator.console.render import amount, copyable, esc, layout, moment, table, url

PATH = "/console/items"
ORDERS_PATH = "/console/orders"
PAGE_SIZE = 50


@page
async def items_page(request: Request) -> Response:
    emulator = emulator_of(request)
    q = request.query_params
    after = whole(q, "after", "the page of items", low=1) if q.get("after") else None
    with emulator.transaction():  # the store's lock: a consistent view while the server runs jobs
        shops = [s for m in emulator.shops.marts() for s in (m, *emulator.shops.outlets_of(m["shop_id"]))]
        shop = listing.chosen_shop(q.get("shop_id", ""), shops, "a Mart or Outlet")
        if shop is None:
            body = '<p class="muted">This world has no Mart yet: create one on the overview.</p>'
        else:
            extra = discounts.section(emulator, shop) if shop["kind"] == "outlet" else batch_tasks.section(emulator, shop)
            body = _picker(shops, shop) + _listing(emulator, shop, after) + extra
    return layout(emulator, PATH, "Items", body, notice=q.get("notice", ""), error=q.get("error", ""))


def _picker(shops: list[dict[str, Any]], chosen: dict[str, Any]) -> str:
    options = "".join(
        f'<option value="{s["shop_id"]}"{" selected" if s is chosen else ""}>'
        f'{"Mart" if s["kind"] == "mart" else "· Outlet"} {esc(s["shop_id"])} · {esc(s["shop_name"])}</option>'
        for s in shops
    )
    return (
        f'<section id="shop"><form method="get" action="{PATH}" class="row"><label>Shop '
        f'<select name="shop_id" onchange="this.form.submit()">{options}</select></label>'
        '<button type="submit" class="plain">Show</button></form></section>'
    )


def _page_of_ids(ids: list[int], after: int | None) -> tuple[list[int], int | None]:
    """One page of a shop's ascending item ids after the cursor, and the next page's cursor."""
    start = bisect_right(ids, after) if after is not None else 0
    chunk = ids[start:start + PAGE_SIZE]
    more = start + PAGE_SIZE < len(ids)
    return chunk, (chunk[-1] if more and chunk else None)


def _listing(emulator: Any, shop: dict[str, Any], after: int | None) -> str:
    ids = emulator.products.item_ids_of_shop(shop["shop_id"])
    chunk, next_after = _page_of_ids(ids, after)
    docs = [d for d in (emulator.products.find(i) for i in chunk) if d is not None]
    if shop["kind"] == "mart":
        title = f"Catalogue of {esc(shop['shop_name'])}"
        rows = [_mart_row(emulator, doc, shop) for doc in docs]
        headers = ["Item ID", "item", "status", "models: Model ID · SKU · price · stock", "published on Outlets", "updated"]
        empty = "This Mart has no items yet: add them with v2.product.add_item."
    else:
        title = f"Items published on {esc(shop['shop_name'])}"
        rows = [_outlet_row(emulator, doc, shop) for doc in docs]
        headers = ["Item ID", "item", "status", "models: Model ID · price · stock · for orders create", "updated"]
        empty = "No Mart item is published on this Outlet yet: publish with v2.product.publish_item_to_outlet."
    pager = ""
    if next_after is not None:
        pager = f'<a id="next" href="{esc(url(PATH, shop_id=shop["shop_id"], after=next_after))}">Next items →</a>'
    if after is not None:
        pager = f'<a href="{esc(url(PATH, shop_id=shop["shop_id"]))}">← First items</a> ' + pager
    hint = ""
    if shop["kind"] == "outlet":
        hint = (f'<p class="muted">Copy a model\'s <code>--item</code> into <code>instant-mart-emulator orders create --shop-id '
                f'{esc(shop["shop_id"])} --item ITEM_ID:MODEL_ID:QTY</code>, or order it on the '
                f'<a href="{esc(url(ORDERS_PATH, shop_id=shop["shop_id"]))}">Test Order page</a>.</p>')
    return (
        f'<section id="items"><h2>{title} <span class="muted">({len(ids)})</span></h2>'
        + hint
        + table(headers, rows, table_id="item-list", empty=empty)
        + (f"<p>{pager}</p>" if pager else "")
        + "</section>"
    )


def _models(rows: list[list[str]]) -> str:
    """A model per line, its values in aligned columns."""
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<table class="models"><tbody>{body}</tbody></table>'


def _mart_row(emulator: Any, doc: dict[str, Any], shop: dict[str, Any]) -> list[str]:
    models = _models([
        [copyable(m["model_id"], nowrap=True), f'<span class="muted">{esc(m.get("model_sku") or "-")}</span>',
         amount(m["original_price"], shop["currency"]), f'{esc(m["stock"])} stock']
        for m in doc["models"]
    ])
    published = "<br>".join(
        f'<span class="nowrap"><a href="{esc(url(PATH, shop_id=outlet))}">Outlet {esc(outlet)}</a> → item {copyable(item_id, nowrap=True)}</span>'
        for outlet, item_id in sorted(doc.get("outlets", {}).items(), key=lambda kv: int(kv[0]))
    )
    return [
        copyable(doc["item_id"], nowrap=True),
        f'{esc(doc.get("item_name", ""))}<br><span class="muted">SKU {esc(doc.get("item_sku") or "-")}</span>',
        esc(doc["item_status"]),
        models,
        published or '<span class="muted">not published</span>',
        moment(emulator, doc["update_time"]),
    ]


def _outlet_row(emulator: Any, doc: dict[str, Any], shop: dict[str, Any]) -> list[str]:
    mart = emulator.products.mart_item_for(doc) or {}
    stock = emulator.products.stock
    orderable = doc["item_status"] == "NORMAL"
    models = _models([
        [copyable(m["model_id"], nowrap=True), discounts.price(emulator, doc, m, shop["currency"]),
         f'<span title="{esc(stock.available(m))} seller stock, {esc(m.get("reserved", 0))} more held by open orders">'
         f'{esc(stock.for_sale(doc["item_id"], m))} available</span>'
         + (f' <span class="muted">({esc(m["reserved"])} held by orders)</span>' if m.get("reserved") else "")
         + (f' <span class="muted">({esc(held)} for the promotion)</span>' if (held := stock.promotion_held(doc["item_id"], m)) else ""),
         copyable(f'--item {doc["item_id"]}:{m["model_id"]}:1', nowrap=True) if orderable else '<span class="muted">not orderable</span>']
        for m in doc["models"]
    ])
    return [
        copyable(doc["item_id"], nowrap=True),
        f'{esc(mart.get("item_name", ""))}<br><span class="muted nowrap">Mart item '
        f'<a href="{esc(url(PATH, shop_id=doc["mart_shop_id"]))}">{esc(doc["mart_item_id"])}</a></span>',
        esc(doc["item_status"]),
        models,
        moment(emulator, doc["update_time"]),
    ]
