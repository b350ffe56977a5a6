"""Returns in the console: the buyer's request on the Test Order page, the Returns page and its actions."""
from __future__ import annotations

import re

import pytest

from emulator.domains.returns.models import REASONS, SOLUTIONS
from emulator.errors import ShopeeError
from tests.conftest import ok
from tests.console.helpers import message, post
from tests.domains.return_helpers import DAY, delivered_order, dispute, new_return, seller


def _orders_page(shopee_http, outlet_id: int):
    return shopee_http.get("/console/orders", params={"shop_id": outlet_id})


def _row(page, key: str) -> str:
    """The table row that shows ``key``."""
    return page.text.split(f">{key}<", 1)[1].split("</tr>", 1)[0]


def _request(shopee_http, order_sn: str, outlet_id: int, **data: str):
    return post(shopee_http, f"/console/orders/{order_sn}/return", {"back": f"/console/orders?shop_id={outlet_id}", **data})


def _act(shopee_http, return_sn: str, outlet_id: int, action: str, **data: str):
    return post(shopee_http, f"/console/returns/{return_sn}/act", {"action": action, "back": f"/console/returns?shop_id={outlet_id}", **data})


def test_returns_page_renders_with_nav_link(shopee_http, outlet_id):
    page = shopee_http.get("/console/returns", params={"shop_id": outlet_id})
    assert page.status_code == 200
    assert '<a href="/console/returns" class=current>Returns</a>' in page.text
    assert "No returns." in page.text


def test_request_offered_only_on_delivered_orders_with_domain_choices(shopee, shopee_http, outlet_id):
    order = delivered_order(shopee, shopee_http, outlet_id)
    unpaid = next(sn for sn, d in shopee.store.collection("orders").items() if d["order_status"] == "UNPAID" and d["shop_id"] == outlet_id)
    page = _orders_page(shopee_http, outlet_id)
    assert f'action="/console/orders/{order["order_sn"]}/return"' in page.text
    assert f'action="/console/orders/{unpaid}/return"' not in page.text
    form = page.text.split(f'action="/console/orders/{order["order_sn"]}/return"', 1)[1].split("</form>", 1)[0]
    assert re.findall(r'<select name="reason".*?</select>', form)[0].count("<option") == len(REASONS)
    assert re.findall(r"<option>(\w+)</option>", form.split('name="solution"', 1)[1]) == list(SOLUTIONS)


def test_request_return_from_orders_page_creates_and_shows_it(shopee, shopee_http, outlet_id):
    order = delivered_order(shopee, shopee_http, outlet_id)
    page = _request(shopee_http, order["order_sn"], outlet_id, reason="ITEM_DAMAGED", solution="REFUND")
    [doc] = shopee.returns.of_order(order["order_sn"])
    assert (doc["status"], doc["reason"], doc["solution"]) == ("REQUESTED", "ITEM_DAMAGED", "REFUND")
    assert message(page, "notice") == (
        f"Return {doc['return_sn']} requested on order {order['order_sn']}: REQUESTED, REFUND, refund {doc['refund_amount']}."
    )
    row = _row(page, order["order_sn"])
    assert doc["return_sn"] in row and "REQUESTED" in row and "TO_RETURN" in row
    assert "Buyer requests return" not in row  # every item is in the open return now
    returns = shopee_http.get("/console/returns", params={"shop_id": outlet_id})
    listed = _row(returns, doc["return_sn"])
    assert order["order_sn"] in listed and doc["refund_amount"] in listed and "REQUESTED" in listed
    assert str(shopee.returns.find(doc["return_sn"])["due_date"]) not in listed  # shown as a local time
    assert "Buyer cancels" in listed


def test_request_without_solution_lets_the_domain_choose(shopee, shopee_http, outlet_id):
    order = delivered_order(shopee, shopee_http, outlet_id)
    _request(shopee_http, order["order_sn"], outlet_id, reason="NOT_RECEIPT", solution="")
    assert shopee.returns.of_order(order["order_sn"])[0]["solution"] == "REFUND"


def test_action_buttons_move_a_return_back_to_the_outlet(shopee, shopee_http, outlet_id):
    order, return_sn = new_return(shopee, shopee_http, outlet_id, solution="RETURN_REFUND")
    shopee.advance(3 * DAY)  # the seller does not answer: the platform approves the return
    row = _row(shopee_http.get("/console/returns", params={"shop_id": outlet_id}), return_sn)
    assert "Buyer ships back" in row and "Courier delivers to Outlet" not in row
    page = _act(shopee_http, return_sn, outlet_id, "ship_back")
    assert message(page, "notice").startswith(f"ship_back: return {return_sn} is now PROCESSING")
    assert "LOGISTICS_PICKUP_DONE" in _row(page, return_sn) and "Courier delivers to Outlet" in _row(page, return_sn)
    page = _act(shopee_http, return_sn, outlet_id, "receive")
    assert shopee.returns.find(return_sn)["goods_received"] is True
    assert "waiting for the seller or the clock" in _row(page, return_sn)


def test_reject_offer_with_counter_amount(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    full = int(float(shopee.returns.find(return_sn)["full_refund"]))
    ok(seller(shopee_client, "offer", outlet_id, return_sn, proposed_solution="REFUND", proposed_adjusted_refund_amount=full // 4))
    row = _row(shopee_http.get("/console/returns", params={"shop_id": outlet_id}), return_sn)
    assert "Buyer accepts offer" in row and "Buyer rejects offer" in row and "PENDING_BUYER_RESPOND" in row
    _act(shopee_http, return_sn, outlet_id, "reject_offer", amount=str(full // 2))
    negotiation = shopee.returns.find(return_sn)["negotiation"]
    assert (negotiation["status"], float(negotiation["amount"])) == ("PENDING_RESPOND", full // 2)


def test_judge_buttons_rule_a_dispute(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    ok(dispute(shopee_client, outlet_id, return_sn, 2))
    row = _row(shopee_http.get("/console/returns", params={"shop_id": outlet_id}), return_sn)
    assert "Shopee rules for buyer" in row and "Shopee rules for seller" in row
    page = _act(shopee_http, return_sn, outlet_id, "judge", winner="seller")
    assert message(page, "notice").startswith(f"judge: return {return_sn} is now CLOSED")


def _returns_in_every_state(shopee, shopee_http, shopee_client, outlet_id) -> list[str]:
    made = [new_return(shopee, shopee_http, outlet_id, solution=s)[1] for s in ("RETURN_REFUND", "REFUND", "RETURN_REFUND")]
    offered, disputed, cancelled = (new_return(shopee, shopee_http, outlet_id)[1] for _ in range(3))
    shopee.advance(3 * DAY - 60)
    ok(seller(shopee_client, "offer", outlet_id, offered, proposed_solution="REFUND", proposed_adjusted_refund_amount=1000))
    ok(seller(shopee_client, "accept_offer", outlet_id, disputed))  # PROCESSING, where 46 needs no images
    ok(seller(shopee_client, "dispute", outlet_id, disputed, email="ops@outlet.test", dispute_reason_id=46))
    shopee.returns.act(cancelled, "cancel")
    shopee.advance(120)  # the others are approved or refunded by the platform
    shipped, refunded, received = made
    shopee.returns.act(shipped, "ship_back")
    shopee.returns.act(received, "ship_back")
    shopee.returns.act(received, "receive")
    reason = ok(shopee_client.call("v2.returns.get_return_dispute_reason", shop_id=outlet_id, params={"return_sn": refunded}))
    ok(dispute(shopee_client, outlet_id, refunded, reason["dispute_reason_list"][0]["dispute_reason"]))
    _, requested = new_return(shopee, shopee_http, outlet_id)
    _, approved = new_return(shopee, shopee_http, outlet_id, solution="RETURN_REFUND")
    ok(seller(shopee_client, "accept_offer", outlet_id, approved))
    return [requested, approved, *made, offered, disputed, cancelled]


def test_offered_return_actions_are_exactly_what_the_model_allows(shopee, shopee_http, shopee_client, outlet_id):
    class Rollback(Exception):
        pass

    return_sns = _returns_in_every_state(shopee, shopee_http, shopee_client, outlet_id)
    seen = {(shopee.returns.find(sn)["status"], shopee.returns.find(sn)["logistics_status"]) for sn in return_sns}
    assert {status for status, _ in seen} == {"REQUESTED", "PROCESSING", "ACCEPTED", "SELLER_DISPUTE", "CANCELLED"}
    offered_anywhere = set()
    for return_sn in return_sns:
        offered = set(shopee.returns.allowed_actions(shopee.returns.find(return_sn)))
        offered_anywhere |= offered
        for action in shopee.returns.actions():
            options = {"winner": "buyer"} if action == "judge" else {}
            try:
                with shopee.transaction():
                    shopee.returns.act(return_sn, action, **options)
                    raise Rollback
            except Rollback:
                allowed = True
            except ShopeeError:
                allowed = False
            assert allowed == (action in offered), (shopee.returns.find(return_sn)["status"], action)
    assert offered_anywhere == set(shopee.returns.actions())


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"reason": "BORED"}, "Wrong parameters, detail: reason should be one of " + ", ".join(REASONS) + "."),
        ({"reason": "OTHER", "solution": "EXCHANGE"}, "Wrong parameters, detail: solution should be RETURN_REFUND or REFUND."),
    ],
)
def test_request_with_bad_choice_shows_message(shopee, shopee_http, outlet_id, data, expected):
    order = delivered_order(shopee, shopee_http, outlet_id)
    page = _request(shopee_http, order["order_sn"], outlet_id, **data)
    assert message(page, "error") == expected
    assert shopee.returns.of_order(order["order_sn"]) == []


def test_request_on_undelivered_order_shows_model_message(shopee, shopee_http, outlet_id):
    unpaid = next(sn for sn, d in shopee.store.collection("orders").items() if d["order_status"] == "UNPAID" and d["shop_id"] == outlet_id)
    page = _request(shopee_http, unpaid, outlet_id)
    assert message(page, "error") == f"order {unpaid} is UNPAID; returns are requested on delivered orders"
    assert page.url.params["shop_id"] == str(outlet_id)


def test_request_on_unknown_order_shows_message(shopee_http, outlet_id):
    page = _request(shopee_http, "NOPE", outlet_id)
    assert message(page, "error") == "order NOPE does not exist"


def test_action_the_status_refuses_shows_model_message(shopee, shopee_http, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    page = _act(shopee_http, return_sn, outlet_id, "receive")
    assert message(page, "error") == f"return {return_sn} has no parcel on its way (logistics status none)"
    assert shopee.returns.find(return_sn)["status"] == "REQUESTED"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [("abc", "the counter amount must be a number such as 12.50"), ("1e999999999", "the counter amount must be a number such as 12.50"),
     ("-5", "Wrong parameters, detail: amount should be above 0 and at most {full}.")],
)
def test_reject_offer_bad_amount_shows_message(shopee, shopee_http, shopee_client, outlet_id, amount, expected):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    ok(seller(shopee_client, "offer", outlet_id, return_sn, proposed_solution="REFUND", proposed_adjusted_refund_amount=1000))
    page = _act(shopee_http, return_sn, outlet_id, "reject_offer", amount=amount)
    assert message(page, "error") == expected.format(full=shopee.returns.find(return_sn)["full_refund"])
    assert shopee.returns.find(return_sn)["negotiation"]["status"] == "PENDING_BUYER_RESPOND"


def test_action_on_unknown_return_shows_message(shopee_http):
    page = post(shopee_http, "/console/returns/NOPE/act", {"action": "cancel"})
    assert message(page, "error") == "return NOPE does not exist"
    assert page.url.path == "/console/returns"


@pytest.mark.parametrize("query", [{"status": "NOPE"}, {"after": "x:y"}, {"after": "12"}])
def test_returns_page_bad_query_shows_message(shopee_http, outlet_id, query):
    page = shopee_http.get("/console/returns", params={"shop_id": outlet_id, **query})
    assert page.status_code == 400
    assert message(page, "error")


def test_returns_page_pages_newest_first(shopee, shopee_http, outlet_id):
    order = delivered_order(shopee, shopee_http, outlet_id, quantity=1)
    made = []
    for _ in range(51):
        made.append(shopee.returns.request(order["order_sn"])["return_sn"])
        shopee.returns.act(made[-1], "cancel")
        shopee.advance(1)
    first = shopee_http.get("/console/returns", params={"shop_id": outlet_id})
    assert made[-1] in first.text and made[1] in first.text and made[0] not in first.text
    older = first.text.split('id="older" href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    second = shopee_http.get(older)
    assert made[0] in second.text and made[1] not in second.text and 'id="older"' not in second.text


def test_returns_page_escapes_item_names(shopee, shopee_http, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id)
    with shopee.transaction():
        shopee.store.edit("returns", return_sn)["items"][0]["name"] = "<b>bold</b>"
    page = shopee_http.get("/console/returns", params={"shop_id": outlet_id})
    assert "<b>bold</b>" not in page.text and "&lt;b&gt;bold&lt;/b&gt;" in page.text


def test_overview_shows_outlet_wallets_and_mart_sum(shopee, shopee_http, mart_id, outlet_ids):
    for outlet_id in outlet_ids[:2]:
        order = delivered_order(shopee, shopee_http, outlet_id)
        shopee.orders.act(order["order_sn"], "confirm_receipt")
    summary = shopee.payments.wallet.summary(mart_id)
    balances = {o["shop_id"]: o["balance"] for o in summary["outlets"]}
    assert float(summary["balance"]) > 0 and float(balances[outlet_ids[0]]) > 0
    page = shopee_http.get("/console")
    wallets = page.text.split('id="wallet-list"', 1)[1].split("</table>", 1)[0]
    assert f'<strong><span class="num">{summary["balance"]}</span>' in wallets
    for outlet_id in outlet_ids:
        row = wallets.split(f"<td>{outlet_id}</td>", 1)[1].split("</tr>", 1)[0]
        assert f'<span class="num">{balances[outlet_id]}</span>' in row
    assert "ESCROW_VERIFIED_ADD" in wallets
