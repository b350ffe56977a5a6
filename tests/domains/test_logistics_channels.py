"""Instant channels: the channel list, and the guide's channel dependency cases (ID and TH)."""
import pytest

from tests.conftest import ok

ID_ALL = [80044, 80012, 80019, 80054, 80061, 80063, 80053, 80062, 80064]


def set_channels(shopee_http, shop_id, whitelist=None, enabled=None):
    body = {"shop_id": shop_id}
    if whitelist is not None:
        body["whitelist"] = whitelist
    if enabled is not None:
        body["enabled"] = enabled
    answer = shopee_http.post("/_emulator/logistics/channels", json=body)
    assert answer.status_code == 200, answer.text
    return answer.json()


def turn_off(shopee_client, shop_id, channel_id):
    return shopee_client.call(
        "v2.logistics.update_channel", shop_id=shop_id, body={"logistics_channel_id": channel_id, "enabled": False}
    )


def test_get_channel_list_outlet_lists_masks_and_children(shopee_client, outlet_id):
    channels = ok(shopee_client.call("v2.logistics.get_channel_list", shop_id=outlet_id))["logistics_channel_list"]
    by_id = {c["logistics_channel_id"]: c for c in channels}
    assert [c["logistics_channel_id"] for c in channels] == [8000, 80044, 80012, 80019, 8008, 80054, 80061, 80063, 8007, 80053, 80062, 80064]
    assert by_id[8000]["mask_channel_id"] == 0 and by_id[80012]["mask_channel_id"] == 8000
    assert by_id[80063]["logistics_channel_name"] == "GoSend Instant - 2 Jam" and by_id[80063]["mask_channel_id"] == 8008
    spx = by_id[80044]
    assert spx["enabled"] is True and spx["cod_enabled"] is False and spx["fee_type"] == "SIZE_INPUT"
    assert set(spx) >= {
        "size_list", "weight_limit", "item_max_dimension", "volume_limit", "logistics_description", "force_enable",
        "block_seller_cover_shipping_fee", "support_cross_border", "seller_logistic_has_configuration",
        "logistics_capability", "preprint",
    }
    assert spx["item_max_dimension"]["unit"] == "cm" and spx["weight_limit"]["item_max_weight"] > 0


def test_get_channel_list_not_whitelisted_channel_is_disabled(shopee_client, shopee_http, outlet_id):
    set_channels(shopee_http, outlet_id, whitelist=[80044, 80012, 80019], enabled=[80044])
    channels = ok(shopee_client.call("v2.logistics.get_channel_list", shop_id=outlet_id))["logistics_channel_list"]
    enabled = {c["logistics_channel_id"] for c in channels if c["enabled"]}
    assert enabled == {8000, 80044}


def test_update_channel_case1_last_instant_channel_cannot_be_turned_off(shopee_client, shopee_http, outlet_id):
    set_channels(shopee_http, outlet_id, whitelist=ID_ALL, enabled=[80044])
    answer = turn_off(shopee_client, outlet_id, 80044)
    assert answer["error"] == "logistics.minimum_activation_rule"
    assert answer["message"] == (
        "SPX Instant cannot be turned off. Please enable at least 1 of the following channel(s): {GoSend Instant, "
        "GrabExpress Instant, SPX Instant - 2 Jam, GrabExpress Instant - 2 Jam,GoSend Instant - 2 Jam,SPX Instant - 4 Jam,"
        "GrabExpress Instant - 4 Jam,GoSend Instant - 4 Jam}"
    )


def test_update_channel_case2_last_2_hour_channel_cannot_be_turned_off(shopee_client, shopee_http, outlet_id):
    set_channels(shopee_http, outlet_id, whitelist=ID_ALL, enabled=[80054, 80053])
    answer = turn_off(shopee_client, outlet_id, 80054)
    assert answer["error"] == "logistics.minimum_activation_rule"
    assert answer["message"] == (
        "SPX Instant - 2 Jam channel cannot be turned off. Please enable at least 1 of the following channel(s). "
        "{SPX Instant, GoSend Instant, GrabExpress Instant, GrabExpress Instant - 2 Jam, GrabExpress Instant - 4 Jam, "
        "GoSend Instant - 2 Jam, GoSend Instant - 4 Jam}"
    )


def test_update_channel_case3_last_4_hour_channel_cannot_be_turned_off(shopee_client, shopee_http, outlet_id):
    set_channels(shopee_http, outlet_id, whitelist=ID_ALL, enabled=[80054, 80053])
    answer = turn_off(shopee_client, outlet_id, 80053)
    assert answer["error"] == "logistics.minimum_activation_rule"
    assert answer["message"] == (
        "SPX Instant - 4 Jam channel cannot be turned off. Please enable at least 1 of the following channel(s). "
        "{SPX Instant, GoSend Instant, GrabExpress Instant, GrabExpress Instant - 2 Jam, GrabExpress Instant - 4 Jam, "
        "GoSend Instant - 2 Jam, GoSend Instant - 4 Jam,SPX Instant - 2 Jam}"
    )


def test_update_channel_case4_only_whitelisted_for_instant(shopee_client, shopee_http, outlet_id):
    set_channels(shopee_http, outlet_id, whitelist=[80044, 80012, 80019], enabled=[80044])
    answer = turn_off(shopee_client, outlet_id, 80044)
    assert answer["error"] == "logistics.minimum_activation_rule"
    assert answer["message"] == (
        "SPX Instant channel cannot be turned off. Please enable the following channel(s). GoSend Instant, GrabExpress Instant"
    )


def test_update_channel_refused_toggle_changes_nothing(shopee, shopee_client, shopee_http, outlet_id):
    set_channels(shopee_http, outlet_id, whitelist=ID_ALL, enabled=[80054, 80053])
    turn_off(shopee_client, outlet_id, 80054)
    assert sorted(shopee.logistics.enabled_channel_ids(outlet_id)) == [80053, 80054]


def test_update_channel_2_hour_and_4_hour_switch_together(shopee, shopee_client, shopee_http, outlet_id):
    set_channels(shopee_http, outlet_id, whitelist=ID_ALL, enabled=[80044])
    answer = ok(shopee_client.call(
        "v2.logistics.update_channel", shop_id=outlet_id, body={"logistics_channel_id": 80061, "enabled": True}
    ))
    assert answer["enabled"] is True and answer["shop_id"] == outlet_id and answer["is_multi_warehouse"] is False
    assert [c["channel_id"] for c in answer["updated_channels"]] == [80061, 80062]
    assert answer["updated_channels"][1]["channel_display_name"] == "GrabExpress Instant - 4 Jam"
    assert sorted(shopee.logistics.enabled_channel_ids(outlet_id)) == [80044, 80061, 80062]
    ok(turn_off(shopee_client, outlet_id, 80062))
    assert shopee.logistics.enabled_channel_ids(outlet_id) == [80044]


def test_update_channel_turn_off_with_another_enabled_succeeds(shopee, shopee_client, shopee_http, outlet_id):
    set_channels(shopee_http, outlet_id, whitelist=ID_ALL, enabled=[80044, 80012])
    answer = ok(turn_off(shopee_client, outlet_id, 80044))
    assert answer["enabled"] is False
    assert shopee.logistics.enabled_channel_ids(outlet_id) == [80012]


def test_update_channel_not_whitelisted_cannot_be_enabled(shopee_client, shopee_http, outlet_id):
    set_channels(shopee_http, outlet_id, whitelist=[80044, 80012, 80019], enabled=[80044])
    answer = shopee_client.call(
        "v2.logistics.update_channel", shop_id=outlet_id, body={"logistics_channel_id": 80054, "enabled": True}
    )
    assert answer["error"] == "logistics_error"
    assert answer["message"] == (
        "Sorry that this channel can't be enabled since it doesn\u2019t pass the validation "
        "(whitelist validation / exclusive validation / serviceable validation )."
    )


def test_update_channel_unknown_channel(shopee_client, outlet_id):
    answer = turn_off(shopee_client, outlet_id, 12345)
    assert answer["error"] == "logistics.error_param"
    assert answer["message"] == "Invalid logistics_channel_id. Please check the logistics_channel_id."


def test_update_channel_masked_channel_refused(shopee_client, outlet_id):
    answer = shopee_client.call(
        "v2.logistics.update_channel", shop_id=outlet_id, body={"logistics_channel_id": 8000, "enabled": True}
    )
    assert answer["error"] == "logistics_error"
    assert answer["message"] == "Sorry that this masked channel can't be enabled."


def test_update_channel_cod_on_instant_channel_refused(shopee_client, outlet_id):
    answer = shopee_client.call(
        "v2.logistics.update_channel", shop_id=outlet_id, body={"logistics_channel_id": 80044, "cod_enabled": True}
    )
    assert answer["error"] == "logistics_error"
    assert answer["message"] == "Sorry that this channel can't be enabled(disabled)/preferred/ COD enabled(COD disabled)."


def test_update_channel_mart_not_allowed(shopee_client, mart_id):
    answer = turn_off(shopee_client, mart_id, 80044)
    assert answer["error"] == "logistics.not_allow_to_update_channel"
    assert answer["message"] == "You are not allowed to enable or disable channel."


def test_get_channel_list_mart_sees_channels_enabled_on_its_outlets(shopee_client, shopee_http, mart_id, outlet_ids):
    for outlet in outlet_ids:
        set_channels(shopee_http, outlet, whitelist=ID_ALL, enabled=[80044])
    set_channels(shopee_http, outlet_ids[1], enabled=[80012])
    channels = ok(shopee_client.call("v2.logistics.get_channel_list", shop_id=mart_id))["logistics_channel_list"]
    assert {c["logistics_channel_id"] for c in channels if c["enabled"]} == {8000, 80044, 80012}


def test_control_channels_rejects_enabled_outside_whitelist(shopee_http, outlet_id):
    answer = shopee_http.post(
        "/_emulator/logistics/channels", json={"shop_id": outlet_id, "whitelist": [80044], "enabled": [80012]}
    )
    assert answer.status_code == 400
    assert answer.json()["message"] == "channels [80012] are not in the whitelist"


@pytest.mark.shopee_world("th")
def test_update_channel_th_keeps_one_of_its_two_channels(shopee, shopee_client, outlet_id):
    channels = ok(shopee_client.call("v2.logistics.get_channel_list", shop_id=outlet_id))["logistics_channel_list"]
    assert [(c["logistics_channel_id"], c["mask_channel_id"], c["enabled"]) for c in channels] == [
        (70124, 0, True), (70125, 0, True),
    ]
    ok(turn_off(shopee_client, outlet_id, 70125))
    answer = turn_off(shopee_client, outlet_id, 70124)
    assert answer["error"] == "logistics.minimum_activation_rule"
    assert answer["message"] == (
        "Instant Delivery - ส่งทันที (แพ็ก 30 นาที) channel cannot be turned off. "
        "Please enable the following channel(s). Instant Delivery - ส่งทันที (แพ็ก 10 นาทีจากสาขา)"
    )
    assert shopee.logistics.enabled_channel_ids(outlet_id) == [70124]


@pytest.mark.shopee_world("th")
def test_update_channel_th_mask_zero_is_no_channel(shopee_client, outlet_id):
    answer = turn_off(shopee_client, outlet_id, 0)
    assert answer["error"] == "logistics.error_param"
    assert answer["message"] == "Invalid logistics_channel_id. Please check the logistics_channel_id."


def id_world_with(channels):
    import yaml

    from emulator.worlds import data_dir

    world = yaml.safe_load((data_dir() / "worlds" / "id.yaml").read_text("utf-8"))
    world["channels"] = channels
    return world


@pytest.mark.shopee_world(id_world_with({
    "whitelist": ID_ALL,
    "outlets": {2: {"whitelist": [80044, 80012, 80019], "enabled": [80044]}},
}))
def test_world_whitelists_one_outlet_for_instant_only(shopee, shopee_client, outlet_ids):
    assert sorted(shopee.logistics.enabled_channel_ids(outlet_ids[0])) == sorted(ID_ALL)
    assert shopee.logistics.enabled_channel_ids(outlet_ids[1]) == [80044]
    answer = turn_off(shopee_client, outlet_ids[1], 80044)
    assert answer["message"] == (
        "SPX Instant channel cannot be turned off. Please enable the following channel(s). GoSend Instant, GrabExpress Instant"
    )


def test_update_channel_fault_leaves_channels_unchanged(shopee, shopee_client, outlet_id):
    shopee.faults.add("v2.logistics.update_channel", [{"error": "error_server", "message": "Something wrong. Please try later."}], outlet_id, False)
    answer = turn_off(shopee_client, outlet_id, 80044)
    assert answer["error"] == "error_server"
    assert 80044 in shopee.logistics.enabled_channel_ids(outlet_id)
    ok(turn_off(shopee_client, outlet_id, 80044))
    assert 80044 not in shopee.logistics.enabled_channel_ids(outlet_id)
