"""Pausing an Outlet's Instant channels, and holiday mode, with their effect on new orders."""
from __future__ import annotations

from typing import Any

from emulator.domains.logistics.pause import DAILY_QUOTA, EFFECT_DELAY
from tests.conftest import ok
from tests.domains.order_helpers import outlet_item

HOUR = 3600


def _pause(shopee_client: Any, shop_id: int, paused: bool) -> dict[str, Any]:
    return shopee_client.call("v2.logistics.set_pause_status", shop_id=shop_id, body={"is_paused": paused})


def _status(shopee_client: Any, shop_id: int) -> dict[str, Any]:
    return ok(shopee_client.call("v2.logistics.get_pause_status", shop_id=shop_id))


def _order(shopee_http: Any, shopee: Any, outlet_id: int, channel_id: int) -> Any:
    item = outlet_item(shopee, outlet_id)
    body = {"shop_id": outlet_id, "logistics_channel_id": channel_id, "paid": True,
            "items": [{"item_id": item["item_id"], "model_id": item["models"][0]["model_id"], "quantity": 1}]}
    return shopee_http.post("/_emulator/orders", json=body)


def _to_local_midnight(shopee: Any) -> None:
    """Advance to the next local midnight plus a minute (the world's zone is whole hours from UTC)."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(shopee.world.get("timezone", "UTC"))
    local = dt.datetime.fromtimestamp(shopee.clock.now(), zone)
    midnight = (local + dt.timedelta(days=1)).replace(hour=0, minute=1, second=0, microsecond=0)
    shopee.set_time(midnight.timestamp())


def test_pause_refuses_test_orders_until_it_ends_on_the_clock_then_the_quota_runs_out(
    shopee, shopee_client, shopee_http, outlet_id
):
    _to_local_midnight(shopee)
    assert _status(shopee_client, outlet_id) == {"is_paused": False, "pause_end_time": 0, "remaining_pause_quota": DAILY_QUOTA}
    start = shopee.clock.now()
    answer = ok(_pause(shopee_client, outlet_id, True))
    assert answer == {"is_paused": True, "pause_end_time": start + EFFECT_DELAY + DAILY_QUOTA, "remaining_pause_quota": 0}
    # the platform's delay: orders still go through for a few seconds
    assert _status(shopee_client, outlet_id)["is_paused"] is False
    assert _order(shopee_http, shopee, outlet_id, 80044).status_code == 200
    shopee.advance(EFFECT_DELAY)
    assert _status(shopee_client, outlet_id)["is_paused"] is True
    refused = _order(shopee_http, shopee, outlet_id, 80044)
    assert refused.status_code == 400 and refused.json()["error"] == "logistics.channel_paused"
    # the scheduled 2-hour channel does not pause (support_pause false)
    assert _order(shopee_http, shopee, outlet_id, 80054).status_code == 200

    # resumed by hand after 30 minutes: the rest of the quota is kept
    shopee.advance(30 * 60 - EFFECT_DELAY)
    answer = ok(_pause(shopee_client, outlet_id, False))
    assert answer["is_paused"] is False and answer["remaining_pause_quota"] == DAILY_QUOTA - 30 * 60
    shopee.advance(EFFECT_DELAY)
    assert _status(shopee_client, outlet_id) == {
        "is_paused": False, "pause_end_time": 0, "remaining_pause_quota": DAILY_QUOTA - 30 * 60}
    assert _order(shopee_http, shopee, outlet_id, 80044).status_code == 200

    # paused again: it ends by itself when the quota is spent, and orders are accepted again
    ok(_pause(shopee_client, outlet_id, True))
    shopee.advance(EFFECT_DELAY)
    end = _status(shopee_client, outlet_id)["pause_end_time"]
    assert end == shopee.clock.now() + DAILY_QUOTA - 30 * 60
    shopee.set_time(end - 1)
    assert _order(shopee_http, shopee, outlet_id, 80044).status_code == 400
    shopee.set_time(end)
    assert _status(shopee_client, outlet_id) == {"is_paused": False, "pause_end_time": 0, "remaining_pause_quota": 0}
    assert _order(shopee_http, shopee, outlet_id, 80044).status_code == 200
    refused = _pause(shopee_client, outlet_id, True)
    assert (refused["error"], refused["message"]) == (
        "logistics.no_remaining_pause_quota", "No remaining pause quota left for the shop")

    # the quota is refilled at local midnight
    _to_local_midnight(shopee)
    assert _status(shopee_client, outlet_id)["remaining_pause_quota"] == DAILY_QUOTA
    assert ok(_pause(shopee_client, outlet_id, True))["is_paused"] is True


def test_pause_withdrawn_within_its_delay_costs_no_quota(shopee, shopee_client, outlet_id):
    before = _status(shopee_client, outlet_id)["remaining_pause_quota"]
    ok(_pause(shopee_client, outlet_id, True))
    shopee.advance(5)
    ok(_pause(shopee_client, outlet_id, False))
    shopee.advance(60)
    assert _status(shopee_client, outlet_id) == {"is_paused": False, "pause_end_time": 0, "remaining_pause_quota": before}


def test_pause_is_for_outlets_only(shopee_client, mart_id):
    answer = _pause(shopee_client, mart_id, True)
    assert (answer["error"], answer["message"]) == (
        "logistics.shop_not_in_feature_toggle", "Shop is not whitelisted for the pause feature.")
    assert shopee_client.call("v2.logistics.get_pause_status", shop_id=mart_id)["error"] == "logistics.shop_not_in_feature_toggle"


def _holiday(shopee_client: Any, shop_id: int, **body: Any) -> dict[str, Any]:
    return shopee_client.call("v2.shop.set_shop_holiday_mode", shop_id=shop_id, body=body)


def _holiday_view(shopee_client: Any, shop_id: int) -> dict[str, Any]:
    return ok(shopee_client.call("v2.shop.get_shop_holiday_mode", shop_id=shop_id))


def test_full_holiday_set_in_advance_closes_the_shop_for_its_period(shopee, shopee_client, shopee_http, outlet_id):
    start = (shopee.clock.now() // HOUR + 2) * HOUR
    end = start + 24 * HOUR - 1
    ok(_holiday(shopee_client, outlet_id, holiday_mode_on=True, holiday_mode_type=0, holiday_mode_start_time=start,
                holiday_mode_end_time=end, holiday_mode_description="Stock take"))
    view = _holiday_view(shopee_client, outlet_id)
    assert view["holiday_mode_on"] is False  # upcoming, not yet on
    assert (view["holiday_mode_start_time"], view["holiday_mode_end_time"], view["holiday_mode_type"]) == (start, end, 0)
    assert view["holiday_mode_description"] == "Stock take" and view["holiday_mode_mtime"] == shopee.clock.now()
    assert _order(shopee_http, shopee, outlet_id, 80044).status_code == 200

    shopee.set_time(start)
    assert _holiday_view(shopee_client, outlet_id)["holiday_mode_on"] is True
    refused = _order(shopee_http, shopee, outlet_id, 80044)
    assert refused.status_code == 400 and refused.json()["error"] == "shop.shop_on_holiday"
    item = outlet_item(shopee, outlet_id)
    stock = shopee_client.call("v2.product.update_stock", shop_id=outlet_id, body={
        "item_id": item["item_id"], "stock_list": [{"model_id": item["models"][0]["model_id"],
                                                    "seller_stock": [{"stock": 5}]}]})
    assert (stock["error"], stock["message"]) == ("error_holiday_mode_change_stock", "Cannot change stock in holiday mode.")

    shopee.set_time(end + 1)
    assert _holiday_view(shopee_client, outlet_id)["holiday_mode_on"] is False
    assert _order(shopee_http, shopee, outlet_id, 80044).status_code == 200


def test_partial_holiday_takes_orders_and_moves_their_ship_by_date(shopee, shopee_client, shopee_http, outlet_id):
    end = (shopee.clock.now() // HOUR + 48) * HOUR - 1
    ok(_holiday(shopee_client, outlet_id, holiday_mode_on=True, holiday_mode_type=1, holiday_mode_end_time=end))
    assert _holiday_view(shopee_client, outlet_id)["holiday_mode_on"] is True
    placed = _order(shopee_http, shopee, outlet_id, 80044)
    assert placed.status_code == 200
    assert shopee.orders.get(placed.json()["order_sn"])["ship_by_date"] == end + 1 + 24 * HOUR
    ok(_holiday(shopee_client, outlet_id, holiday_mode_on=False))
    view = _holiday_view(shopee_client, outlet_id)
    assert (view["holiday_mode_on"], view["holiday_mode_end_time"]) == (False, 0)


def test_mart_holiday_closes_its_outlets(shopee, shopee_client, shopee_http, mart_id, outlet_id):
    ok(_holiday(shopee_client, mart_id, holiday_mode_on=True))
    assert _order(shopee_http, shopee, outlet_id, 80044).json()["error"] == "shop.shop_on_holiday"


def test_holiday_period_must_be_whole_hours(shopee, shopee_client, outlet_id):
    start = (shopee.clock.now() // HOUR + 2) * HOUR
    for body in (
        {"holiday_mode_start_time": start + 60},
        {"holiday_mode_start_time": start, "holiday_mode_end_time": start + HOUR},
        {"holiday_mode_start_time": start, "holiday_mode_end_time": start - 1},
        {"holiday_mode_type": 2},
    ):
        answer = _holiday(shopee_client, outlet_id, holiday_mode_on=True, **body)
        assert answer["error"] == "error_param" and answer["message"].startswith("Wrong parameters, detail: "), body
    assert _holiday_view(shopee_client, outlet_id)["holiday_mode_mtime"] == 0
