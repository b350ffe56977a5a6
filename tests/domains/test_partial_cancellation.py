"""Partial cancellation: the seller cancels one line of a three-line order and ships the rest; stock,
escrow, wallet and the income report follow the lines that remain, to the cent."""
from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest

from emulator.world import Emulator
from tests.conftest import ok
from tests.domains.order_helpers import act, detail, stock_of
from tests.domains.payment_helpers import escrow, reconciled, wallet_list

QUANTITIES = (2, 3, 1)
COUNTERS = ("active_qty", "cancelled_qty", "cancel_requested_qty", "returned_qty", "return_requested_qty")
REPORT_DELAY = 60


def three_lines(shopee: Emulator, outlet_id: int) -> list[dict[str, Any]]:
    items = [d for d in shopee.store.collection("items").values() if d["kind"] == "outlet" and d["shop_id"] == outlet_id]
    return [{"item_id": d["item_id"], "model_id": d["models"][0]["model_id"], "quantity": q} for d, q in zip(items, QUANTITIES)]


def place_three(shopee: Emulator, shopee_http: Any, outlet_id: int, preference: int = 0) -> tuple[str, list[dict[str, Any]]]:
    lines = three_lines(shopee, outlet_id)
    body = {"shop_id": outlet_id, "items": lines, "paid": True, "buyer_preference_for_partial_cancellation": preference}
    answer = shopee_http.post("/_emulator/orders", json=body)
    assert answer.status_code == 200, answer.text
    return answer.json()["order_sn"], lines


def cancel(shopee_client: Any, outlet_id: int, order_sn: str, *entries: dict[str, Any], reason: str = "OUT_OF_STOCK") -> dict[str, Any]:
    body = {"order_sn": order_sn, "cancel_reason": reason, "partial_cancel_item_list": list(entries)}
    return shopee_client.call("v2.order.cancel_order", shop_id=outlet_id, body=body)  # type: ignore[no-any-return]


def entry(line: dict[str, Any], quantity: int) -> dict[str, Any]:
    return {"item_id": line["item_id"], "model_id": line["model_id"], "model_quantity": quantity,
            "order_item_id": line["item_id"], "promotion_group_id": 0}


def test_cancelling_one_line_keeps_stock_escrow_and_income_report_consistent(
    shopee: Emulator, shopee_http: Any, shopee_client: Any, outlet_id: int, mart_id: int
) -> None:
    start = shopee.clock.now()
    order_sn, lines = place_three(shopee, shopee_http, outlet_id)
    before = [dict(stock_of(shopee, line["item_id"], line["model_id"])) for line in lines]
    shown = detail(shopee_client, outlet_id, order_sn)
    assert (shown["can_partial_cancel_order"], shown["buyer_preference_for_partial_cancellation"]) == (True, 0)
    kept, dropped = [lines[0], lines[2]], lines[1]

    ok(cancel(shopee_client, outlet_id, order_sn, entry(dropped, dropped["quantity"])))

    after = [stock_of(shopee, line["item_id"], line["model_id"]) for line in lines]
    assert [a["reserved"] - b["reserved"] for a, b in zip(after, before)] == [0, -3, 0]
    assert [a["stock"] for a in after] == [b["stock"] for b in before]
    shown = detail(shopee_client, outlet_id, order_sn, "item_list,package_list,total_amount")
    counters = [{name: line[name] for name in COUNTERS} for line in shown["item_list"]]
    assert counters[1] == {"active_qty": 0, "cancelled_qty": 3, "cancel_requested_qty": 0, "returned_qty": 0, "return_requested_qty": 0}
    assert [c["active_qty"] for c in counters] == [2, 0, 1]
    assert [line["model_quantity_purchased"] for line in shown["item_list"]] == list(QUANTITIES)
    assert [(i["item_id"], i["model_quantity"]) for i in shown["package_list"][0]["item_list"]] == [(l["item_id"], l["quantity"]) for l in kept]
    order = shopee.orders.get(order_sn)
    goods = sum((Decimal(line["model_discounted_price"]) * line["quantity"] for line in order["items"] if line["item_id"] != dropped["item_id"]), Decimal(0))
    assert Decimal(str(shown["total_amount"])) == goods + Decimal(order["estimated_shipping_fee"])

    for action in ("ship", "pickup", "deliver", "confirm_receipt"):
        shopee.advance(60)
        act(shopee_http, order_sn, action)
    sold = [stock_of(shopee, line["item_id"], line["model_id"]) for line in lines]
    assert [s["sold"] - b["sold"] for s, b in zip(sold, before)] == [2, 0, 1]
    assert [b["stock"] - s["stock"] for s, b in zip(sold, before)] == [2, 0, 1]

    released = escrow(shopee_client, outlet_id, order_sn)
    income = released["order_income"]
    assert [(i["item_id"], i["quantity_purchased"]) for i in income["items"]] == [(l["item_id"], l["quantity"]) for l in kept]
    assert Decimal(str(income["cost_of_goods_sold"])) == goods
    # what the buyer finally paid is the escrow's; the buyer payment info keeps the checkout (its "initial value")
    assert Decimal(str(income["buyer_total_amount"])) == Decimal(str(shown["total_amount"]))
    checkout = sum((Decimal(line["model_discounted_price"]) * line["quantity"] for line in order["items"]), Decimal(0))
    assert Decimal(str(released["buyer_payment_info"]["merchant_subtotal"])) == checkout
    assert Decimal(str(released["buyer_payment_info"]["buyer_total_amount"])) == checkout + Decimal(order["estimated_shipping_fee"])
    assert Decimal(str(income["escrow_amount"])) == reconciled(income)
    credited = [t for t in wallet_list(shopee_client, outlet_id)["transaction_list"] if t["order_sn"] == order_sn]
    assert [Decimal(str(t["amount"])) for t in credited] == [Decimal(str(income["escrow_amount"]))]

    report_id = ok(shopee_client.call("v2.payment.generate_income_report", shop_id=mart_id,
                                      params={"release_time_from": start, "release_time_to": shopee.clock.now()}))["id"]
    shopee.advance(REPORT_DELAY)
    totals = shopee_http.get(f"/_emulator/payment/reports/{report_id}").json()["summary"]
    assert (totals["orders"], Decimal(totals["escrow_amount"])) == (1, Decimal(str(income["escrow_amount"])))


def test_cancelling_some_units_of_a_line_then_the_whole_order_releases_only_what_is_left(
    shopee: Emulator, shopee_http: Any, shopee_client: Any, outlet_id: int
) -> None:
    order_sn, lines = place_three(shopee, shopee_http, outlet_id)
    before = stock_of(shopee, lines[1]["item_id"], lines[1]["model_id"])["reserved"]
    ok(cancel(shopee_client, outlet_id, order_sn, entry(lines[1], 1), entry(lines[1], 1)))
    line = detail(shopee_client, outlet_id, order_sn)["item_list"][1]
    assert (line["active_qty"], line["cancelled_qty"]) == (1, 2)
    ok(shopee_client.call("v2.order.cancel_order", shop_id=outlet_id, body={"order_sn": order_sn, "cancel_reason": "CUSTOMER_REQUEST"}))
    assert stock_of(shopee, lines[1]["item_id"], lines[1]["model_id"])["reserved"] == before - 3
    line = detail(shopee_client, outlet_id, order_sn)["item_list"][1]
    assert (line["active_qty"], line["cancelled_qty"]) == (0, 3)


@pytest.mark.parametrize(
    ("units", "message"),
    [
        ([(1, 4)], "Wrong parameters, detail: model_quantity 4 of item_id {1} model_id {1m} is more than its 3 active units."),
        ([(0, 2), (1, 3), (2, 1)], "Wrong parameters, detail: partial_cancel_item_list cancels every unit of the order; cancel the whole order instead."),
        ([(1, 0)], "Wrong parameters, detail: model_quantity should be at least 1."),
    ],
)
def test_partial_cancellation_refused_changes_nothing(
    shopee: Emulator, shopee_http: Any, shopee_client: Any, outlet_id: int, units: list[tuple[int, int]], message: str
) -> None:
    order_sn, lines = place_three(shopee, shopee_http, outlet_id)
    before = copy.deepcopy(shopee.orders.get(order_sn))
    answer = cancel(shopee_client, outlet_id, order_sn, *(entry(lines[i], q) for i, q in units))
    expected = message.replace("{1}", str(lines[1]["item_id"])).replace("{1m}", str(lines[1]["model_id"]))
    assert (answer["error"], answer["message"]) == ("error_param", expected)
    assert shopee.orders.get(order_sn) == before


def test_buyer_who_wants_the_whole_order_cancelled_allows_no_partial_cancellation(
    shopee: Emulator, shopee_http: Any, shopee_client: Any, outlet_id: int
) -> None:
    order_sn, lines = place_three(shopee, shopee_http, outlet_id, preference=1)
    assert detail(shopee_client, outlet_id, order_sn)["can_partial_cancel_order"] is False
    answer = cancel(shopee_client, outlet_id, order_sn, entry(lines[0], 1))
    assert (answer["error"], answer["message"]) == ("order.error_limit", "Can not cancel this order.")
    wrong_reason = cancel(shopee_client, outlet_id, order_sn, entry(lines[0], 1), reason="CUSTOMER_REQUEST")
    assert wrong_reason["message"] == "Wrong parameters, detail: partial_cancel_item_list needs cancel_reason OUT_OF_STOCK."


def test_package_detail_answers_the_partial_cancellation_flags(shopee: Emulator, shopee_http: Any, shopee_client: Any, outlet_id: int) -> None:
    order_sn, lines = place_three(shopee, shopee_http, outlet_id)
    number = shopee.orders.get(order_sn)["packages"][0]["package_number"]
    ok(cancel(shopee_client, outlet_id, order_sn, entry(lines[0], 2)))
    package = ok(shopee_client.call("v2.order.get_package_detail", shop_id=outlet_id, params={"package_number_list": number}))["package_list"][0]
    assert (package["can_full_cancel_order"], package["can_partial_cancel_order"], package["buyer_preference_for_partial_cancellation"]) == (True, True, 0)
    assert [i["item_id"] for i in package["item_list"]] == [lines[1]["item_id"], lines[2]["item_id"]]
