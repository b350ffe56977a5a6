"""get_return_list: windows, filters, paging, and what a Mart sees."""
from __future__ import annotations

import pytest

from tests.conftest import ok
from tests.domains.return_helpers import DAY, new_return, return_act, seller


def _list(shopee_client, shop_id, **params):
    return shopee_client.call("v2.returns.get_return_list", shop_id=shop_id, params={"page_no": 0, "page_size": 10, **params})


def _sns(answer):
    return [r["return_sn"] for r in ok(answer)["return"]]


@pytest.fixture
def three_returns(shopee, shopee_http, outlet_id):
    sns = []
    for _ in range(3):
        sns.append(new_return(shopee, shopee_http, outlet_id)[1])
        shopee.advance(600)
    return sns


def test_get_return_list_newest_first(shopee_client, outlet_id, three_returns):
    answer = ok(_list(shopee_client, outlet_id))
    assert [r["return_sn"] for r in answer["return"]] == three_returns[::-1]
    assert answer["more"] is False
    assert answer["return"][0]["seller_proof_status"] == "NOT_NEEDED"


def test_get_return_list_pages_with_more(shopee_client, outlet_id, three_returns):
    first = ok(_list(shopee_client, outlet_id, page_size=2))
    second = ok(_list(shopee_client, outlet_id, page_size=2, page_no=1))
    assert first["more"] is True and second["more"] is False
    assert [r["return_sn"] for r in first["return"] + second["return"]] == three_returns[::-1]


def test_get_return_list_filters_by_status(shopee_client, shopee_http, outlet_id, three_returns):
    return_act(shopee_http, three_returns[0], "cancel")
    assert _sns(_list(shopee_client, outlet_id, status="CANCELLED")) == [three_returns[0]]
    assert _sns(_list(shopee_client, outlet_id, status="REQUESTED")) == three_returns[:0:-1]


def test_get_return_list_filters_by_negotiation_status(shopee_client, outlet_id, three_returns):
    ok(seller(shopee_client, "offer", outlet_id, three_returns[1], proposed_solution="REFUND", proposed_adjusted_refund_amount=100))
    assert _sns(_list(shopee_client, outlet_id, negotiation_status="PENDING_BUYER_RESPOND")) == [three_returns[1]]


def test_get_return_list_filters_by_compensation_status_short_name(shopee, shopee_client, outlet_id, three_returns):
    assert _sns(_list(shopee_client, outlet_id, seller_compensation_status="NOT_APPLICABLE")) == three_returns[::-1]
    assert _sns(_list(shopee_client, outlet_id, seller_compensation_status="COMPENSATION_REQUESTED")) == []


def test_get_return_list_create_time_window(shopee, shopee_client, outlet_id, three_returns):
    detail = ok(shopee_client.call("v2.returns.get_return_detail", shop_id=outlet_id, params={"return_sn": three_returns[1]}))
    created = detail["create_time"]
    assert _sns(_list(shopee_client, outlet_id, create_time_from=created, create_time_to=created)) == [three_returns[1]]


def test_get_return_list_update_time_window(shopee, shopee_client, shopee_http, outlet_id, three_returns):
    shopee.advance(DAY)
    return_act(shopee_http, three_returns[0], "cancel")
    now = shopee.clock.now()
    assert _sns(_list(shopee_client, outlet_id, update_time_from=now - 60, update_time_to=now)) == [three_returns[0]]


def test_get_return_list_window_over_15_days_refused(shopee, shopee_client, outlet_id):
    now = shopee.clock.now()
    answer = _list(shopee_client, outlet_id, create_time_from=now - 16 * DAY, create_time_to=now)
    assert (answer["error"], answer["message"]) == ("error_param", "The period between create_time_from and created_time_of must not more than 15 days.")


@pytest.mark.parametrize(("window", "message"), [
    ({"create_time_from": 0, "create_time_to": -60}, "The create_time_to should be later than create_time_from."),
    ({"update_time_from": 0, "update_time_to": -60}, "The update_time_to should be later than update_time_from."),
    ({"update_time_from": -16 * DAY, "update_time_to": 0}, "The period between update_time_from and update_time_to must not more than 15 days."),
])
def test_get_return_list_names_the_window_that_is_wrong(shopee, shopee_client, outlet_id, window, message):
    now = shopee.clock.now()
    answer = _list(shopee_client, outlet_id, **{k: now + v for k, v in window.items()})
    assert (answer["error"], answer["message"]) == ("error_param", message)


def test_get_return_list_update_before_create_refused(shopee, shopee_client, outlet_id):
    now = shopee.clock.now()
    answer = _list(shopee_client, outlet_id, create_time_from=now - DAY, create_time_to=now, update_time_from=now - 2 * DAY, update_time_to=now)
    assert (answer["error"], answer["message"]) == ("error_param", "The update_time_from must be after create_time_from.")


@pytest.mark.parametrize(("params", "detail"), [
    ({"page_size": 101}, "page_size should be between 1 and 100"),
    ({"page_size": 0}, "page_size should be between 1 and 100"),
    ({"page_no": -1}, "page_no should not be negative"),
    ({"status": "LOST"}, "status should be one of REQUESTED, ACCEPTED, CANCELLED, JUDGING, CLOSED, PROCESSING, SELLER_DISPUTE"),
])
def test_get_return_list_bad_parameters_refused(shopee_client, outlet_id, params, detail):
    answer = _list(shopee_client, outlet_id, **params)
    assert (answer["error"], answer["message"]) == ("error_param", f"Wrong parameters, detail: {detail}.")


def test_get_return_list_other_outlet_sees_none(shopee_client, outlet_ids, three_returns):
    assert _sns(_list(shopee_client, outlet_ids[1])) == []


def test_get_return_list_mart_sees_none_of_its_outlets_returns(shopee_client, mart_id, three_returns):
    assert ok(_list(shopee_client, mart_id)) == {"more": False, "return": []}


def test_get_return_list_page_past_the_end_is_empty(shopee_client, outlet_id, three_returns):
    assert ok(_list(shopee_client, outlet_id, page_no=2**62)) == {"more": False, "return": []}
