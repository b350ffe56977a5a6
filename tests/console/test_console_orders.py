"""The Test Order page: orders created and driven through the forms, by the control plane's rules."""
from __future__ import annotations

import pytest
from pypdf import PdfReader
import io

from emulator.console.orders import offered_actions
from emulator.domains.order.states import ORDER_STATUSES
from emulator.errors import ShopeeError
from tests.console.helpers import message, post, quantity_fields


def _available(shopee, item_id: int, model_id: int) -> int:
    doc = shopee.products.find(item_id)
    model = next(m for m in doc["models"] if m["model_id"] == model_id)
    return shopee.products.stock.available(model)


def _create(shopee_http, outlet_id: int, quantities: dict[tuple[int, int], int], **extra: str):
    data = {"shop_id": str(outlet_id), **{f"qty:{i}:{m}": str(q) for (i, m), q in quantities.items()}, **extra}
    return post(shopee_http, "/console/orders", data)


def _new_order_sn(page) -> str:
    text = message(page, "notice")
    assert text and text.startswith("Order "), message(page, "error")
    return text.split()[1]


def test_create_order_reserves_stock_and_lists_it(shopee, shopee_http, outlet_id):
    item_id, model_id = quantity_fields(shopee_http.get("/console/orders", params={"shop_id": outlet_id}))[0]
    before = _available(shopee, item_id, model_id)
    page = _create(shopee_http, outlet_id, {(item_id, model_id): 3})
    order_sn = _new_order_sn(page)
    assert _available(shopee, item_id, model_id) == before - 3
    order = shopee.orders.find(order_sn)
    assert (order["shop_id"], order["order_status"], order["items"][0]["quantity"]) == (outlet_id, "UNPAID", 3)
    row = page.text.split(f'copy">{order_sn}</code>', 1)[1].split("</tr>", 1)[0]
    assert f"{item_id} × 3" in row and "UNPAID" in row and str(outlet_id) in row
    assert f"<span class=\"available\">{before - 3}</span>" in page.text


def test_create_cod_order_starts_ready_to_ship(shopee, shopee_http, outlet_id):
    field = quantity_fields(shopee_http.get("/console/orders", params={"shop_id": outlet_id}))[0]
    order_sn = _new_order_sn(_create(shopee_http, outlet_id, {field: 1}, payment="cod"))
    assert (shopee.orders.find(order_sn)["order_status"], shopee.orders.find(order_sn)["cod"]) == ("READY_TO_SHIP", True)


def test_create_paid_order_on_chosen_channel(shopee, shopee_http, outlet_id):
    field = quantity_fields(shopee_http.get("/console/orders", params={"shop_id": outlet_id}))[0]
    channel = shopee.logistics.enabled_channel_ids(outlet_id)[-1]
    order_sn = _new_order_sn(_create(shopee_http, outlet_id, {field: 1}, paid="1", logistics_channel_id=str(channel)))
    doc = shopee.orders.find(order_sn)
    assert (doc["order_status"], doc["logistics_channel_id"]) == ("READY_TO_SHIP", channel)


def test_buyer_accepting_available_items_makes_the_order_partially_cancellable(shopee, shopee_http, outlet_id):
    field = quantity_fields(shopee_http.get("/console/orders", params={"shop_id": outlet_id}))[0]
    order_sn = _new_order_sn(_create(shopee_http, outlet_id, {field: 2}, paid="1", ship_available="1"))
    assert shopee.orders.find(order_sn)["buyer_preference_for_partial_cancellation"] == 0
    default = _new_order_sn(_create(shopee_http, outlet_id, {field: 2}, paid="1"))
    assert shopee.orders.find(default)["buyer_preference_for_partial_cancellation"] == 1


def test_action_button_moves_status(shopee, shopee_http, outlet_id):
    field = quantity_fields(shopee_http.get("/console/orders", params={"shop_id": outlet_id}))[0]
    order_sn = _new_order_sn(_create(shopee_http, outlet_id, {field: 1}))
    back = f"/console/orders?shop_id={outlet_id}"
    for action, status in (("pay", "READY_TO_SHIP"), ("ship", "PROCESSED"), ("pickup", "SHIPPED"), ("deliver", "TO_CONFIRM_RECEIVE"),
                           ("confirm_receipt", "COMPLETED")):
        page = post(shopee_http, f"/console/orders/{order_sn}/act", {"action": action, "back": back})
        assert message(page, "notice") == f"{action}: order {order_sn} is now {status}."
        assert shopee.orders.find(order_sn)["order_status"] == status


def test_fail_pickup_final_button_cancels(shopee, shopee_http, outlet_id):
    field = quantity_fields(shopee_http.get("/console/orders", params={"shop_id": outlet_id}))[0]
    order_sn = _new_order_sn(_create(shopee_http, outlet_id, {field: 1}, payment="cod"))
    post(shopee_http, f"/console/orders/{order_sn}/act", {"action": "ship"})
    page = post(shopee_http, f"/console/orders/{order_sn}/act", {"action": "fail_pickup", "final": "true"})
    assert message(page, "notice") == f"fail_pickup: order {order_sn} is now CANCELLED."


def test_offered_actions_are_exactly_what_the_model_allows(shopee):
    class Rollback(Exception):
        pass

    offered_anywhere = set()
    for status in ORDER_STATUSES:
        order_sn = next((sn for sn, d in shopee.store.collection("orders").items() if d["order_status"] == status), None)
        if order_sn is None:
            continue
        offered = {action for action, _, _ in offered_actions(shopee, shopee.orders.get(order_sn))}
        offered_anywhere |= offered
        for action in shopee.orders.actions():
            try:
                with shopee.transaction():
                    shopee.orders.act(order_sn, action)
                    raise Rollback
            except Rollback:
                allowed = True
            except ShopeeError:
                allowed = False
            assert allowed == (action in offered), (status, action)
    # the rider's actions depend on where the rider is, which the seeded orders need not show
    assert set(shopee.orders.actions()) - offered_anywhere <= set(shopee.logistics.riders.actions())


def test_action_not_allowed_shows_model_message(shopee_http, shopee, outlet_id):
    order_sn = next(sn for sn, d in shopee.store.collection("orders").items() if d["order_status"] == "UNPAID")
    page = post(shopee_http, f"/console/orders/{order_sn}/act", {"action": "deliver", "back": f"/console/orders?shop_id={outlet_id}"})
    assert message(page, "error") == f"deliver needs the order in SHIPPED; order {order_sn} is UNPAID"


def test_action_on_unknown_order_shows_message(shopee_http):
    page = post(shopee_http, "/console/orders/NOPE/act", {"action": "pay"})
    assert message(page, "error") == "order NOPE does not exist"


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [
        ("abc", "the quantity of item {item} model {model} must be a whole number from 0 to 1000000"),
        ("-1", "the quantity of item {item} model {model} must be a whole number from 0 to 1000000"),
        ("0", "Choose at least one item: set a quantity above 0."),
    ],
)
def test_create_order_bad_quantity_shows_message(shopee, shopee_http, outlet_id, quantity, expected):
    item_id, model_id = quantity_fields(shopee_http.get("/console/orders", params={"shop_id": outlet_id}))[0]
    before = shopee.store.count("orders")
    data = {"shop_id": str(outlet_id), f"qty:{item_id}:{model_id}": quantity, "back": f"/console/orders?shop_id={outlet_id}"}
    page = post(shopee_http, "/console/orders", data)
    assert message(page, "error") == expected.format(item=item_id, model=model_id)
    assert shopee.store.count("orders") == before


def test_create_order_beyond_stock_shows_stock_message(shopee, shopee_http, outlet_id):
    item_id, model_id = quantity_fields(shopee_http.get("/console/orders", params={"shop_id": outlet_id}))[0]
    available = _available(shopee, item_id, model_id)
    page = _create(shopee_http, outlet_id, {(item_id, model_id): available + 1})
    assert message(page, "error") == (
        f"Stock is not enough for item_id {item_id}, model_id {model_id}: {available} available, {available + 1} requested."
    )
    assert _available(shopee, item_id, model_id) == available


def test_create_order_on_disabled_channel_shows_message(shopee, shopee_http, outlet_id):
    field = quantity_fields(shopee_http.get("/console/orders", params={"shop_id": outlet_id}))[0]
    page = _create(shopee_http, outlet_id, {field: 1}, logistics_channel_id="999")
    assert message(page, "error") == "Wrong parameters, detail: logistics_channel_id 999 is not an enabled channel of the Outlet."


def test_create_order_without_shop_shows_message(shopee_http):
    page = post(shopee_http, "/console/orders", {"qty:1:0": "1"})
    assert message(page, "error") == "shop_id must be a whole number from 1 to 9223372036854775807"


def test_airway_bill_print_then_download(shopee, shopee_http, outlet_id):
    field = quantity_fields(shopee_http.get("/console/orders", params={"shop_id": outlet_id}))[0]
    order_sn = _new_order_sn(_create(shopee_http, outlet_id, {field: 1}, payment="cod"))
    page = post(shopee_http, f"/console/orders/{order_sn}/act", {"action": "ship"})
    assert f'/console/orders/{order_sn}/print' in page.text
    page = post(shopee_http, f"/console/orders/{order_sn}/print", {})
    assert "airway bill printing" in page.text
    assert shopee_http.get(f"/console/orders/{order_sn}/airway_bill.pdf").status_code == 400
    shopee.advance(60)
    page = shopee_http.get("/console/orders", params={"shop_id": outlet_id})
    assert f'/console/orders/{order_sn}/airway_bill.pdf' in page.text
    pdf = shopee_http.get(f"/console/orders/{order_sn}/airway_bill.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert order_sn in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()


def test_orders_page_pages_by_update_time(shopee, shopee_http, outlet_id):
    fields = quantity_fields(shopee_http.get("/console/orders", params={"shop_id": outlet_id}))
    item_id, model_id = max(fields, key=lambda f: _available(shopee, *f))
    for _ in range(60):
        shopee.orders.create(outlet_id, [{"item_id": item_id, "model_id": model_id, "quantity": 1}])
        shopee.advance(1)
    first = shopee_http.get("/console/orders", params={"shop_id": outlet_id})
    assert first.text.count('action="/console/orders/') and 'id="older"' in first.text
    older = first.text.split('id="older" href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    second = shopee_http.get(older)
    assert second.status_code == 200
    newest = [sn for _, sn in shopee.orders.index.newest_first(outlet_id, "update_time", None, 0, 2**62, None)]
    assert newest[0] in first.text and newest[49] in first.text and newest[50] not in first.text
    assert newest[50] in second.text and newest[0] not in second.text


def test_create_order_error_returns_to_the_outlet_page(shopee_http, outlet_id):
    sent = shopee_http.post("/console/orders", data={"shop_id": str(outlet_id), "qty:1:0": "x"})
    assert sent.headers["location"].startswith(f"/console/orders?shop_id={outlet_id}&error=")


def test_channel_switches_set_enabled_channels(shopee, shopee_http, outlet_id):
    page = shopee_http.get("/console/orders", params={"shop_id": outlet_id})
    whitelist = shopee.logistics.shop_channels(outlet_id)["whitelist"]
    assert all(f'name="enabled" value="{cid}"' in page.text for cid in whitelist)
    page = post(shopee_http, "/console/orders/channels", {"shop_id": str(outlet_id), "enabled": [str(whitelist[1])]})
    assert message(page, "notice") == f"Enabled channels of Outlet {outlet_id}: {whitelist[1]}."
    assert shopee.logistics.enabled_channel_ids(outlet_id) == [whitelist[1]]
    assert f'<option value="{whitelist[1]}">' in page.text and f'<option value="{whitelist[0]}">' not in page.text


def test_channel_outside_whitelist_shows_message(shopee, shopee_http, outlet_id):
    page = post(shopee_http, "/console/orders/channels", {"shop_id": str(outlet_id), "enabled": ["12345"]})
    assert message(page, "error") == "channels [12345] are not in the whitelist"
    assert page.url.params["shop_id"] == str(outlet_id)


def test_no_enabled_channel_order_shows_message(shopee, shopee_http, outlet_id):
    post(shopee_http, "/console/orders/channels", {"shop_id": str(outlet_id)})
    field = quantity_fields(shopee_http.get("/console/orders", params={"shop_id": outlet_id}))[0]
    page = _create(shopee_http, outlet_id, {field: 1})
    assert message(page, "error") == "Wrong parameters, detail: the Outlet has no enabled Instant channel."


def test_order_row_shows_the_rider_and_offers_its_steps(shopee, shopee_http, outlet_id):
    from emulator.console.render import esc
    from tests.domains.order_helpers import act, outlet_item, place

    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)["order_sn"]
    act(shopee_http, order_sn, "ship")
    act(shopee_http, order_sn, "rider_assign")
    driver = shopee.orders.get(order_sn)["packages"][0]["rider"]["driver"]
    page = shopee_http.get("/console/orders", params={"shop_id": outlet_id}).text
    assert f"Driver assigned · {esc(driver['driver_name'])}" in page
    assert 'value="rider_arrive"' in page and 'value="rider_cancel"' in page


def test_an_order_its_buyer_collects_offers_no_courier_step(shopee, shopee_http, outlet_id):
    field = quantity_fields(shopee_http.get("/console/orders", params={"shop_id": outlet_id}))[0]
    order_sn = _new_order_sn(_create(shopee_http, outlet_id, {field: 1}, payment="cod", self_collection="1"))
    doc = shopee.orders.find(order_sn)
    assert doc["self_collection"] is True and doc["order_status"] == "READY_TO_SHIP"
    assert "ship" not in [action for action, _, _ in offered_actions(shopee, doc)]
    courier = _new_order_sn(_create(shopee_http, outlet_id, {field: 1}, payment="cod"))
    assert "ship" in [action for action, _, _ in offered_actions(shopee, shopee.orders.find(courier))]
