"""get_channel_list's 2026 fields, read from the same rules update_channel enforces; tracking fields."""
from __future__ import annotations

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


def test_get_channel_list_answers_instant_service_without_pause_or_auto_call(shopee_client, outlet_id):
    for channel in _channels(shopee_client, outlet_id).values():
        assert channel["service_type_identifier"] == "instant" and channel["support_pause"] is False
        assert channel["auto_call_driver_setting"]["auto_call_driver_eligible"] is False
        assert channel["auto_call_driver_setting"]["preparation_time_limit"] == {"min_preparation_time": 0, "max_preparation_time": 0}
        assert channel["seller_logistic_has_configuration"] is False


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
    answer = ok(turn_off(shopee_client, outlet_id, 80044))
    assert answer["auto_call_driver_setting"] == {"auto_call_driver_enabled": False, "preparation_time": 0}


def test_get_tracking_info_answers_region_fields_empty(shopee, shopee_http, shopee_client, outlet_id):
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), paid=True)["order_sn"]
    ok(ship(shopee_client, outlet_id, order_sn))
    info = ok(shopee_client.call("v2.logistics.get_tracking_info", shop_id=outlet_id, params={"order_sn": order_sn}))
    assert (info["collection_pin_code"], info["reversed_tracking_number"], info["reversed_courier_name"]) == ("", "", "")
    assert info["reversed_tracking_info"] == [] and info["tracking_info"]


def test_update_channel_refuses_auto_call_driver(shopee, shopee_client, outlet_id):
    body = {"logistics_channel_id": 80044, "enabled": False,
            "auto_call_driver_setting": {"auto_call_driver_enabled": True, "preparation_time": 10}}
    answer = shopee_client.call("v2.logistics.update_channel", shop_id=outlet_id, body=body)
    assert (answer["error"], answer["message"]) == ("error_param", "Seller or Channel does not support Auto-Call.")
    assert 80044 in shopee.logistics.enabled_channel_ids(outlet_id)


def test_update_channel_accepts_auto_call_driver_off(shopee_client, outlet_id):
    body = {"logistics_channel_id": 80044, "enabled": False, "auto_call_driver_setting": {"auto_call_driver_enabled": False}}
    assert ok(shopee_client.call("v2.logistics.update_channel", shop_id=outlet_id, body=body))["enabled"] is False
