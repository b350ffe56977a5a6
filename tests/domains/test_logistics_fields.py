"""get_channel_list's 2026 fields, read from the same rules update_channel enforces; tracking fields."""
from __future__ import annotations

import pytest

from tests.conftest import ok
from tests.domains.order_helpers import outlet_item, place, ship
from tests.domains.test_logistics_channels import set_channels, turn_off

MASKS = (8000, 8008, 8007)


def _channels(shopee_client, shop_id):
    listed = ok(shopee_client.call("v2.logistics.get_channel_list", shop_id=shop_id))["logistics_channel_list"]
    return {c["logistics_channel_id"]: c for c in listed}


def _related(channel):
    (rule,) = channel["channel_relation_rules"]
    return rule["related_enabled_channels"]


def test_get_channel_list_pause_and_auto_call_come_from_the_channel_table(shopee_client, outlet_id):
    channels = _channels(shopee_client, outlet_id)
    assert all(c["service_type_identifier"] == "instant" for c in channels.values())
    assert all(c["seller_logistic_has_configuration"] is False for c in channels.values())
    # the on-demand Instant mask's channels pause and call drivers; the scheduled 2/4-hour ones do neither
    assert [cid for cid, c in channels.items() if c["support_pause"]] == [80044, 80012, 80019]
    spx, two_hours = channels[80044]["auto_call_driver_setting"], channels[80054]["auto_call_driver_setting"]
    assert spx == {"auto_call_driver_eligible": True, "auto_call_driver_enabled": False, "preparation_time": 10,
                   "preparation_time_limit": {"min_preparation_time": 10, "max_preparation_time": 30}}
    assert two_hours["auto_call_driver_eligible"] is False
    assert two_hours["preparation_time_limit"] == {"min_preparation_time": 0, "max_preparation_time": 0}
    assert not any(channels[mask]["support_pause"] or channels[mask]["auto_call_driver_setting"]["auto_call_driver_eligible"]
                   for mask in MASKS)


def test_get_channel_list_compulsory_for_whitelisted_fulfilment_channels(shopee_client, shopee_http, outlet_id):
    set_channels(shopee_http, outlet_id, whitelist=[80044, 80054], enabled=[80044])
    channels = _channels(shopee_client, outlet_id)
    assert [cid for cid, c in channels.items() if c["compulsory_channel"]] == [80044, 80054]
    assert not any(channels[mask]["compulsory_channel"] for mask in MASKS)


def test_get_channel_list_relation_rules_are_what_update_channel_switches(shopee_client, outlet_id):
    channels = _channels(shopee_client, outlet_id)
    assert _related(channels[80054]) == [80053] and _related(channels[80053]) == [80054]
    assert _related(channels[80044]) == [] and _related(channels[8008]) == []
    answer = ok(turn_off(shopee_client, outlet_id, 80054))
    assert [c["channel_id"] for c in answer["updated_channels"]] == [80054, *_related(channels[80054])]


def test_get_channel_list_relation_rules_skip_twin_outside_whitelist(shopee_client, shopee_http, outlet_id):
    set_channels(shopee_http, outlet_id, whitelist=[80044, 80054], enabled=[80044, 80054])
    assert _related(_channels(shopee_client, outlet_id)[80054]) == []
    answer = ok(turn_off(shopee_client, outlet_id, 80054))
    assert [c["channel_id"] for c in answer["updated_channels"]] == [80054]


def test_update_channel_answers_auto_call_driver_setting(shopee_client, outlet_id):
    answer = ok(turn_off(shopee_client, outlet_id, 80054))
    assert answer["auto_call_driver_setting"] == {"auto_call_driver_enabled": False, "preparation_time": 0}
    answer = ok(turn_off(shopee_client, outlet_id, 80044))
    assert answer["auto_call_driver_setting"] == {"auto_call_driver_enabled": False, "preparation_time": 10}


def _auto_call(shopee_client, shop_id, channel_id, setting):
    body = {"logistics_channel_id": channel_id, "auto_call_driver_setting": setting}
    return shopee_client.call("v2.logistics.update_channel", shop_id=shop_id, body=body)


def test_update_channel_turns_auto_call_driver_on_within_the_limits(shopee_client, outlet_id):
    answer = ok(_auto_call(shopee_client, outlet_id, 80044, {"auto_call_driver_enabled": True, "preparation_time": 25}))
    assert answer["auto_call_driver_setting"] == {"auto_call_driver_enabled": True, "preparation_time": 25}
    listed = _channels(shopee_client, outlet_id)[80044]["auto_call_driver_setting"]
    assert (listed["auto_call_driver_enabled"], listed["preparation_time"]) == (True, 25)
    # turning it off keeps the preparation time for the next time it is on
    ok(_auto_call(shopee_client, outlet_id, 80044, {"auto_call_driver_enabled": False}))
    listed = _channels(shopee_client, outlet_id)[80044]["auto_call_driver_setting"]
    assert (listed["auto_call_driver_enabled"], listed["preparation_time"]) == (False, 25)


def test_update_channel_refuses_auto_call_settings_outside_the_rules(shopee, shopee_client, outlet_id):
    cases = [
        (80054, {"auto_call_driver_enabled": True, "preparation_time": 10}, "Seller or Channel does not support Auto-Call."),
        (80044, {"auto_call_driver_enabled": True}, "Invalid Auto-Call setting param."),
        (80044, {}, "Invalid Auto-Call setting param."),
        (80044, {"auto_call_driver_enabled": True, "preparation_time": 9}, "Invalid Seller preparation time."),
        (80044, {"auto_call_driver_enabled": True, "preparation_time": 31}, "Invalid Seller preparation time."),
    ]
    for channel_id, setting, message in cases:
        answer = _auto_call(shopee_client, outlet_id, channel_id, setting)
        assert (answer["error"], answer["message"]) == ("error_param", message), setting
    assert shopee.logistics.preparation_minutes(outlet_id, 80044) is None


def test_get_tracking_info_answers_region_fields_empty(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)["order_sn"]
    ok(ship(shopee_client, outlet_id, order_sn))
    info = ok(shopee_client.call("v2.logistics.get_tracking_info", shop_id=outlet_id, params={"order_sn": order_sn}))
    assert (info["collection_pin_code"], info["reversed_tracking_number"], info["reversed_courier_name"]) == ("", "", "")
    assert info["reversed_tracking_info"] == [] and info["tracking_info"]


def test_update_channel_refused_auto_call_changes_no_channel(shopee, shopee_client, outlet_id):
    body = {"logistics_channel_id": 80054, "enabled": False,
            "auto_call_driver_setting": {"auto_call_driver_enabled": True, "preparation_time": 10}}
    answer = shopee_client.call("v2.logistics.update_channel", shop_id=outlet_id, body=body)
    assert (answer["error"], answer["message"]) == ("error_param", "Seller or Channel does not support Auto-Call.")
    assert 80054 in shopee.logistics.enabled_channel_ids(outlet_id)


def test_update_channel_accepts_auto_call_driver_off(shopee_client, outlet_id):
    body = {"logistics_channel_id": 80044, "enabled": False, "auto_call_driver_setting": {"auto_call_driver_enabled": False}}
    assert ok(shopee_client.call("v2.logistics.update_channel", shop_id=outlet_id, body=body))["enabled"] is False


@pytest.mark.shopee_world("th")
def test_th_preparation_time_is_bounded_by_what_each_channel_name_promises(shopee_client, outlet_id):
    channels = _channels(shopee_client, outlet_id)
    limits = {cid: channels[cid]["auto_call_driver_setting"]["preparation_time_limit"] for cid in (70124, 70125)}
    assert limits == {70124: {"min_preparation_time": 10, "max_preparation_time": 30},
                      70125: {"min_preparation_time": 5, "max_preparation_time": 10}}
    assert all(channels[cid]["support_pause"] for cid in (70124, 70125))
    refused = _auto_call(shopee_client, outlet_id, 70125, {"auto_call_driver_enabled": True, "preparation_time": 15})
    assert refused["message"] == "Invalid Seller preparation time."
    ok(_auto_call(shopee_client, outlet_id, 70124, {"auto_call_driver_enabled": True, "preparation_time": 15}))
