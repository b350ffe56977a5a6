"""``/console/orders``: the Test Order page. Choose an Outlet, items and a channel, Create; below,
the Outlet's orders with the buyer and courier actions each status allows, the airway bill and the buyer's return request."""
from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from emulator.console import listing
from emulator.console import returns as returns_page
from emulator.console.plumbing import ConsoleError, back_to, emulator_of, invoke, page, whole
from emulator.console.render import amount, button_form, copyable, esc, hidden, moment, see_other, table, url
from emulator.domains.logistics.riders import driver_info
from emulator.http.control import logistics as logistics_control
from emulator.http.control import order as order_control
from emulator.domains.order.states import ORDER_FLOW, ORDER_STATUSES
from emulator.http.control import returns as returns_control
from emulator.domains.returns.models import FINAL as RETURN_FINAL, REASONS as RETURN_REASONS, SOLUTIONS as RETURN_SOLUTIONS

PAGE_SIZE = 50
NEWEST = 2**62
PATH = "/console/orders"

# Which of the control plane's order actions to offer per status: the order status table's buttons,
# the same table the order model checks actions against.
ACTIONS_BY_STATUS: dict[str, tuple[tuple[str, str, dict[str, str]], ...]] = {
    status: buttons for status in ORDER_STATUSES if (buttons := ORDER_FLOW.buttons(status))
}


@page
async def orders_page(request: Request) -> Response:
    return listing.outlet_page(request, PATH, "Test Order", ORDER_STATUSES, _orders_body)


def _orders_body(emulator: Any, outlet: dict[str, Any], status: str | None, after: str) -> str:
    return _create_form(emulator, outlet) + _order_list(emulator, outlet, status, after) + _channels(emulator, outlet)


def _item_rows(emulator: Any, shop_id: int) -> list[list[str]]:
    rows = []
    for doc in emulator.products.items_of_shop(shop_id):
        if doc.get("kind") != "outlet" or doc["item_status"] != "NORMAL":
            continue
        for model in doc["models"]:
            line = emulator.products.order_line(shop_id, doc["item_id"], model["model_id"])
            available = emulator.products.stock.available(model)
            field = f"qty:{doc['item_id']}:{model['model_id']}"
            rows.append(
                [
                    esc(doc["item_id"]),
                    esc(line["item_name"]),
                    esc(model["model_id"]),
                    esc(line["model_name"] or "-"),
                    f'<span class="num">{esc(line["model_discounted_price"])}</span>',
                    f'<span class="available">{esc(available)}</span>',
                    f'<input type="number" name="{esc(field)}" min="0" max="{max(available, 0)}" value="0" aria-label="quantity"'
                    f'{" disabled" if available <= 0 else ""}>',
                ]
            )
    return rows


def _channel_options(emulator: Any, outlet: dict[str, Any]) -> str:
    options = []
    for cid in emulator.logistics.enabled_channel_ids(outlet["shop_id"]):
        channel = emulator.logistics.channel(outlet["region"], cid) or {"name": str(cid)}
        options.append(f'<option value="{cid}">{esc(channel["name"])} ({cid})</option>')
    return "".join(options)


def _create_form(emulator: Any, outlet: dict[str, Any]) -> str:
    shop_id = outlet["shop_id"]
    rows = _item_rows(emulator, shop_id)
    channels = _channel_options(emulator, outlet)
    if not channels:
        channels = '<option value="">no enabled Instant channel</option>'
    items = table(["Item ID", "item", "Model ID", "model", f"price ({esc(outlet['currency'])})", "available", "quantity"], rows,
                  table_id="items", empty="This Outlet has no published items.")
    return (
        f'<section id="create"><h2>Create a test order on {esc(outlet["shop_name"])}</h2>'
        f'<form method="post" action="{PATH}">'
        + f'<input type="hidden" name="shop_id" value="{shop_id}"><input type="hidden" name="back" value="{esc(url(PATH, shop_id=shop_id))}">'
        + items
        + '<div class="row" style="margin-top:.8em">'
        f'<label>Shipping option <select name="logistics_channel_id">{channels}</select></label>'
        '<label>Payment <select name="payment"><option value="online">Online payment</option>'
        '<option value="cod">Cash on delivery</option></select></label>'
        '<label><input type="checkbox" name="paid" value="1"> paid at once</label>'
        '<label><input type="checkbox" name="ship_available" value="1"> buyer accepts the available items only</label>'
        '<label><input type="checkbox" name="self_collection" value="1"> buyer collects at the Outlet</label>'
        '<label>Message to seller <input name="message_to_seller" maxlength="500"></label>'
        '<button type="submit">Create</button></div></form></section>'
    )


def _channels(emulator: Any, outlet: dict[str, Any]) -> str:
    """The Outlet's Instant channels: which are whitelisted for it and which are switched on."""
    shop_id = outlet["shop_id"]
    whitelist = set(emulator.logistics.shop_channels(shop_id)["whitelist"])
    enabled = set(emulator.logistics.enabled_channel_ids(shop_id))
    rows = []
    for channel in emulator.logistics.region_channels(outlet["region"]):
        for child in channel["channels"]:
            cid = child["logistics_channel_id"]
            box = (
                f'<input type="checkbox" name="enabled" value="{cid}" aria-label="enabled"'
                f'{" checked" if cid in enabled else ""}{"" if cid in whitelist else " disabled"}>'
            )
            rows.append([esc(cid), esc(child["name"]), esc(channel["name"]), esc("yes" if cid in whitelist else "no"), box])
    return (
        '<section id="channels"><h2>Shipping options of this Outlet</h2>'
        f'<form method="post" action="{PATH}/channels">'
        f'<input type="hidden" name="shop_id" value="{shop_id}">'
        + table(["channel id", "channel", "mask channel", "whitelisted", "enabled"], rows, table_id="channel-list",
                empty="This region has no Instant channel.")
        + '<p><button type="submit" class="plain">Save enabled channels</button> '
        '<span class="muted">Only whitelisted channels can be switched on; a test order ships with one of them.</span></p>'
        "</form></section>"
    )


def _order_list(emulator: Any, outlet: dict[str, Any], status: str | None, after: str) -> str:
    shop_id = outlet["shop_id"]
    keys = []
    for key in emulator.orders.index.newest_first(shop_id, "update_time", status, 0, NEWEST, listing.cursor(after, "orders")):
        keys.append(key)
        if len(keys) > PAGE_SIZE:
            break
    more = len(keys) > PAGE_SIZE
    back = url(PATH, shop_id=shop_id, status=status, after=after)
    rows = [_order_row(emulator, emulator.orders.find(sn), back) for _, sn in keys[:PAGE_SIZE]]
    filters = "".join(f'<option{" selected" if s == status else ""}>{s}</option>' for s in ORDER_STATUSES)
    older = ""
    if more:
        last = keys[PAGE_SIZE - 1]
        older = f'<p><a id="older" href="{esc(url(PATH, shop_id=shop_id, status=status, after=f"{last[0]}:{last[1]}"))}">Older orders →</a></p>'
    return (
        f'<section id="orders"><h2>Orders of {esc(outlet["shop_name"])} '
        f'<span class="muted">({emulator.orders.index.count(shop_id, status)})</span></h2>'
        f'<form method="get" action="{PATH}" class="row"><input type="hidden" name="shop_id" value="{shop_id}">'
        f'<label>Status <select name="status"><option value="">all</option>{filters}</select></label>'
        '<button type="submit" class="plain">Filter</button></form>'
        + table(["Order SN", "Item ID × qty", "Status", "Update Time", "Shop ID", "Total", "Return", "Actions"], rows,
                table_id="order-list", empty="No orders.")
        + older
        + "</section>"
    )


def _order_row(emulator: Any, doc: dict[str, Any], back: str) -> list[str]:
    package = doc["packages"][0]
    items = '<div class="lines">' + "<br>".join(
        f'<span class="nowrap">{esc(l["item_id"])} × {esc(l["quantity"])}</span> <span class="muted">{esc(l["item_name"])}</span>' for l in doc["items"]
    ) + "</div>"
    status = f'<span class="status">{esc(doc["order_status"])}</span><br><span class="muted">{esc(package["logistics_status"])}</span>'
    driver = driver_info(package)
    if driver["driver_status"]:
        who = f' · {esc(driver["driver_name"])} {esc(driver["license_plate"])}' if driver["driver_name"] else ""
        status += f'<br><span class="muted rider">{esc(driver["driver_status"])}{who}</span>'
    total = amount(doc["total_amount"], doc["currency"]) + (' <span class="tag">COD</span>' if doc["cod"] else "")
    return [
        copyable(doc["order_sn"], nowrap=True),
        items,
        status,
        moment(emulator, doc["update_time"]),
        esc(doc["shop_id"]),
        total,
        _open_returns(emulator, doc),
        _actions(emulator, doc, back) + _airway_bill(doc, back) + _request_return(emulator, doc, back),
    ]


def _open_returns(emulator: Any, doc: dict[str, Any]) -> str:
    link = url(returns_page.PATH, shop_id=doc["shop_id"])
    return "<br>".join(
        f'<a href="{esc(link)}#r-{esc(r["return_sn"])}" class="nowrap">{esc(r["return_sn"])}</a> <span class="status">{esc(r["status"])}</span>'
        for r in emulator.returns.of_order(doc["order_sn"])
        if r["status"] not in RETURN_FINAL
    )


def _request_return(emulator: Any, doc: dict[str, Any], back: str) -> str:
    """The buyer's return request, on orders the returns domain would take one for."""
    if emulator.returns.request_refusal(doc, whole_order=True) is not None:
        return ""
    reasons = "".join(f'<option{" selected" if r == "OTHER" else ""}>{esc(r)}</option>' for r in RETURN_REASONS)
    solutions = "".join(f"<option>{esc(s)}</option>" for s in RETURN_SOLUTIONS)
    return (
        f'<form class="inline request-return" method="post" action="{PATH}/{esc(doc["order_sn"])}/return">{hidden(back=back)}'
        f'<select name="reason" aria-label="return reason">{reasons}</select> '
        f'<select name="solution" aria-label="solution"><option value="">solution by reason</option>{solutions}</select> '
        '<button type="submit" class="plain">Buyer requests return</button></form>'
    )


def offered_actions(emulator: Any, doc: dict[str, Any]) -> tuple[tuple[str, str, dict[str, str]], ...]:
    """The status's actions the order allows (no courier comes for one its buyer collects), and
    the rider's, which depend on where the rider is."""
    riders: tuple[tuple[str, str, dict[str, str]], ...] = tuple(
        (action, label, {}) for action, label in emulator.logistics.riders.offered(doc))
    status = doc["order_status"]
    allowed = [entry for entry in ACTIONS_BY_STATUS.get(status, ())
               if ORDER_FLOW.refusal(entry[0], status, doc["order_sn"], doc) is None]
    return (*allowed, *riders)


def _actions(emulator: Any, doc: dict[str, Any], back: str) -> str:
    target = f"{PATH}/{doc['order_sn']}/act"
    forms = []
    for i, (action, label, options) in enumerate(offered_actions(emulator, doc)):
        fields: dict[str, Any] = {"action": action, "back": back, **options}
        forms.append(button_form(target, label, css="plain" if i else "", **fields))
    return "".join(forms)


def _airway_bill(doc: dict[str, Any], back: str) -> str:
    package = doc["packages"][0]
    document = package.get("document")
    if package["logistics_status"] != "LOGISTICS_REQUEST_CREATED":
        return ""
    if document and document["status"] == "READY":
        return f'<a class="button" href="{PATH}/{esc(doc["order_sn"])}/airway_bill.pdf">Airway bill (PDF)</a>'
    if document and document["status"] == "PROCESSING":
        return '<span class="muted">airway bill printing (advance the clock)</span>'
    label = "Print airway bill again" if document else "Print airway bill"
    return button_form(f"{PATH}/{doc['order_sn']}/print", label, css="plain", back=back)


# -- actions ------------------------------------------------------------------------------------------
@page
async def create_order(request: Request) -> Response:
    form = await request.form()
    shop_id = whole(form, "shop_id", "shop_id", low=1)
    items = []
    for key, _value in form.multi_items():
        if not key.startswith("qty:"):
            continue
        _, item_id, model_id = (key.split(":") + ["", ""])[:3]
        quantity = whole(form, key, f"the quantity of item {item_id} model {model_id}", default=0, high=10**6)
        if quantity:
            if not (item_id.isascii() and item_id.isdigit() and model_id.isascii() and model_id.isdigit()):
                raise ConsoleError("the item list was not understood; reload the page")
            items.append({"item_id": int(item_id), "model_id": int(model_id), "quantity": quantity})
    if not items:
        raise ConsoleError("Choose at least one item: set a quantity above 0.")
    payment = str(form.get("payment") or "online")
    if payment not in ("online", "cod"):
        raise ConsoleError("payment must be online or cod")
    body: dict[str, Any] = {
        "shop_id": shop_id, "items": items, "cod": payment == "cod", "paid": bool(form.get("paid")),
        "message_to_seller": str(form.get("message_to_seller") or ""),
        # the buyer's out-of-stock choice at checkout: 0 lets the seller cancel some units (partial cancellation)
        "buyer_preference_for_partial_cancellation": 0 if form.get("ship_available") else 1,
        "self_collection": bool(form.get("self_collection")),
    }
    if form.get("logistics_channel_id"):
        body["logistics_channel_id"] = whole(form, "logistics_channel_id", "the shipping option")
    made = await invoke(request, order_control.create_order, body)
    currency = emulator_of(request).shops.get(shop_id)["currency"]
    notice = f"Order {made['order_sn']} created: {made['order_status']}, total {made['total_amount']} {currency}."
    return see_other(PATH, shop_id=shop_id, notice=notice)


@page
async def order_action(request: Request) -> Response:
    form = await request.form()
    order_sn = request.path_params["order_sn"]
    action = str(form.get("action") or "")
    body: dict[str, Any] = {}
    if form.get("final") == "true":
        body["final"] = True
    done = await invoke(request, order_control.order_action, body, path_params={"order_sn": order_sn, "action": action})
    return see_other(_back(form, done["shop_id"]), notice=f"{action}: order {order_sn} is now {done['order_status']}.")


@page
async def request_return(request: Request) -> Response:
    """The buyer asks to return every item of the order not yet in a return."""
    form = await request.form()
    order_sn = request.path_params["order_sn"]
    body = {"order_sn": order_sn, "reason": str(form.get("reason") or ""), "solution": str(form.get("solution") or "")}
    made = await invoke(request, returns_control.request_return, body)
    notice = f"Return {made['return_sn']} requested on order {order_sn}: {made['status']}, {made['solution']}, refund {made['refund_amount']}."
    return see_other(_back(form, made["shop_id"]), notice=notice)


def _back(form: Any, shop_id: int) -> str:
    return back_to(form, url(PATH, shop_id=shop_id))


@page
async def set_channels(request: Request) -> Response:
    form = await request.form()
    shop_id = whole(form, "shop_id", "shop_id", low=1)
    enabled = [whole({"id": raw}, "id", "a channel id") for raw in form.getlist("enabled")]
    answer = await invoke(request, logistics_control.channels, {"shop_id": shop_id, "enabled": enabled})
    on = ", ".join(str(c) for c in answer["enabled"]) or "none"
    return see_other(PATH, shop_id=shop_id, notice=f"Enabled channels of Outlet {shop_id}: {on}.")


@page
async def print_airway_bill(request: Request) -> Response:
    """The seller's create_shipping_document, for testers who have no client at hand."""
    form = await request.form()
    emulator = emulator_of(request)
    with emulator.transaction():
        doc = emulator.orders.get(request.path_params["order_sn"])
        emulator.orders.documents.create(doc, None, doc["packages"][0]["tracking_number"])
    notice = f"Airway bill of {doc['order_sn']} is printing; it is ready after {emulator.orders.documents.settings()['delay_seconds']} s of virtual time."
    return see_other(_back(form, doc["shop_id"]), notice=notice)


@page
async def airway_bill(request: Request) -> Response:
    emulator = emulator_of(request)
    with emulator.transaction():
        doc = emulator.orders.get(request.path_params["order_sn"])
        emulator.orders.documents.check_download(doc)
        pdf = emulator.orders.documents.pdf([doc])
    return Response(pdf, media_type="application/pdf", headers={"Content-Disposition": f'inline; filename="{doc["order_sn"]}.pdf"'})
