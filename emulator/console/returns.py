"""``/console/returns``: an Outlet's return requests, newest first, with the buyer, courier and
Shopee actions each return's state allows (the seller answers through the API, as an ERP would)."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from emulator.console import listing
from emulator.console.plumbing import ConsoleError, back_to, invoke, page
from emulator.console.render import button_form, copyable, esc, hidden, moment, see_other, table, url, when
from emulator.http.control import returns as returns_control
from emulator.domains.returns.models import STATUSES

PATH = "/console/returns"
PAGE_SIZE = 50
NEWEST = 2**62
ORDERS_PATH = "/console/orders"

# Button labels only: which actions a return is offered comes from ``emulator.returns.allowed_actions``.
BUTTONS: dict[str, tuple[tuple[str, dict[str, str]], ...]] = {
    "ship_back": (("Buyer ships back", {}),),
    "receive": (("Courier delivers to Outlet", {}),),
    "accept_offer": (("Buyer accepts offer", {}),),
    "cancel": (("Buyer cancels", {}),),
    "judge": (("Shopee rules for buyer", {"winner": "buyer"}), ("Shopee rules for seller", {"winner": "seller"})),
}


@page
async def returns_page(request: Request) -> Response:
    return listing.outlet_page(request, PATH, "Returns", STATUSES, _return_list)


def _return_list(emulator: Any, outlet: dict[str, Any], status: str | None, after: str) -> str:
    shop_id = outlet["shop_id"]
    docs = []
    for return_sn in emulator.returns.index.newest_first(shop_id, "create_time", status, 0, NEWEST, listing.cursor(after, "returns")):
        docs.append(emulator.returns.find(return_sn))
        if len(docs) > PAGE_SIZE:
            break
    back = url(PATH, shop_id=shop_id, status=status, after=after)
    rows = [_return_row(emulator, doc, back) for doc in docs[:PAGE_SIZE]]
    filters = "".join(f'<option{" selected" if s == status else ""}>{s}</option>' for s in STATUSES)
    older = ""
    if len(docs) > PAGE_SIZE:
        last = docs[PAGE_SIZE - 1]
        cursor = f"{last['create_time']}:{last['return_sn']}"
        older = f'<p><a id="older" href="{esc(url(PATH, shop_id=shop_id, status=status, after=cursor))}">Older returns →</a></p>'
    empty = "No returns. A buyer requests one on a delivered order of the Test Order page."
    return (
        f'<section id="returns"><h2>Returns of {esc(outlet["shop_name"])} '
        f'<span class="muted">({emulator.returns.index.count(shop_id, status)})</span></h2>'
        f'<form method="get" action="{PATH}" class="row"><input type="hidden" name="shop_id" value="{shop_id}">'
        f'<label>Status <select name="status"><option value="">all</option>{filters}</select></label>'
        '<button type="submit" class="plain">Filter</button>'
        f'<a href="{esc(url(ORDERS_PATH, shop_id=shop_id))}">Orders of this Outlet</a></form>'
        + table(["Return SN", "Order SN", "Item ID × qty", "Status", "Solution", f"Refund ({esc(outlet['currency'])})", "Due date",
                 "Created", "Actions"], rows, table_id="return-list", empty=empty)
        + older
        + "</section>"
    )


def _return_row(emulator: Any, doc: dict[str, Any], back: str) -> list[str]:
    items = "<br>".join(f'{esc(l["item_id"])} × {esc(l["amount"])} <span class="muted">{esc(l["name"])}</span>' for l in doc["items"])
    negotiation = doc["negotiation"]
    status = f'<span class="status" id="r-{esc(doc["return_sn"])}">{esc(doc["status"])}</span>'
    # once the negotiation is over the status says it all
    details = [negotiation["status"] if negotiation["status"] != "TERMINATED" else "", doc["logistics_status"]]
    if doc["compensation"]["status"] != "COMPENSATION_NOT_APPLICABLE":
        details.append(doc["compensation"]["status"])
    status += "".join(f'<br><span class="muted">{esc(d)}</span>' for d in details if d)
    refund = esc(doc["refund_amount"])
    if negotiation["status"] == "PENDING_BUYER_RESPOND":
        refund += f'<br><span class="muted">seller offers {esc(negotiation["solution"])} {esc(negotiation["amount"])}</span>'
    due = esc(when(emulator, doc["due_date"]))
    if doc["logistics_status"] == "LOGISTICS_PENDING_ARRANGE" and doc["return_ship_due_date"]:
        due += f'<br><span class="muted">ship back by {esc(when(emulator, doc["return_ship_due_date"]))}</span>'
    order_link = url(ORDERS_PATH, shop_id=doc["shop_id"])
    return [
        copyable(doc["return_sn"], nowrap=True),
        f'<a href="{esc(order_link)}" class="nowrap">{esc(doc["order_sn"])}</a>',
        items,
        status,
        esc(doc["solution"]),
        refund,
        due,
        moment(emulator, doc["create_time"]),
        _actions(emulator, doc, back),
    ]


def _actions(emulator: Any, doc: dict[str, Any], back: str) -> str:
    target = f"{PATH}/{doc['return_sn']}/act"
    parts = []
    for action in emulator.returns.allowed_actions(doc):
        if action == "reject_offer":
            parts.append(
                f'<form class="inline" method="post" action="{esc(target)}">{hidden(action=action, back=back)}'
                f'<input name="amount" size="8" placeholder="counter {esc(doc["full_refund"])}" aria-label="counter amount"> '
                '<button type="submit" class="plain">Buyer rejects offer</button></form>'
            )
            continue
        for label, options in BUTTONS.get(action, ((action, {}),)):
            parts.append(button_form(target, label, css="plain" if parts else "", action=action, back=back, **options))
    return "".join(parts) or '<span class="muted">waiting for the seller or the clock</span>'


@page
async def return_action(request: Request) -> Response:
    form = await request.form()
    return_sn = request.path_params["return_sn"]
    action = str(form.get("action") or "")
    body: dict[str, Any] = {}
    if action == "judge":
        body["winner"] = str(form.get("winner") or "")
    amount = str(form.get("amount") or "").strip()
    if action == "reject_offer" and amount:
        body["amount"] = _amount(amount)
    done = await invoke(request, returns_control.return_action, body, path_params={"return_sn": return_sn, "action": action})
    notice = f"{action}: return {return_sn} is now {done['status']}, refund {done['refund_amount']}."
    return see_other(back_to(form, url(PATH, shop_id=done["shop_id"])), notice=notice)


def _amount(raw: str) -> int | float:
    """A counter-offer typed in: the model checks its range and decimals against the currency."""
    try:
        value = Decimal(raw) if len(raw) <= 30 else Decimal("NaN")
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value.adjusted() > 15:
        raise ConsoleError("the counter amount must be a number such as 12.50")
    return int(value) if value == value.to_integral_value() else float(value)
