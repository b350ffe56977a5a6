from tests.conftest import ok


def test_get_shop_info_mart_lists_its_outlets(shopee_client, mart_id, outlet_ids):
    info = shopee_client.call("v2.shop.get_shop_info", shop_id=mart_id)
    assert info["error"] == ""
    assert info["is_mart_shop"] is True and info["is_outlet_shop"] is False
    assert [o["outlet_shop_id"] for o in info["outlet_shop_info_list"]] == outlet_ids
    assert len(outlet_ids) == 5
    assert "mart_shop_id" not in info


def test_get_shop_info_outlet_names_its_mart(shopee_client, mart_id, outlet_id):
    info = shopee_client.call("v2.shop.get_shop_info", shop_id=outlet_id)
    assert info["is_outlet_shop"] is True
    assert info["mart_shop_id"] == mart_id
    assert "outlet_shop_info_list" not in info
    assert info["region"] == "ID" and info["status"] == "NORMAL"


def test_update_profile_description_too_long(shopee_client, outlet_id):
    answer = shopee_client.call("v2.shop.update_profile", shop_id=outlet_id, body={"description": "x" * 501})
    assert answer["error"] == "error_data_check"
    assert answer["message"] == (
        "Failed to change Shop Description for characters exceeds 500 characters. Please correct and try it again."
    )
    assert ok(shopee_client.call("v2.shop.get_profile", shop_id=outlet_id))["description"] == ""


def test_update_profile_name_twice_within_30_days_refused(shopee, shopee_client, outlet_id):
    assert ok(shopee_client.call("v2.shop.update_profile", shop_id=outlet_id, body={"shop_name": "Kios Baru"}))["shop_name"] == "Kios Baru"
    again = shopee_client.call("v2.shop.update_profile", shop_id=outlet_id, body={"shop_name": "Kios Lagi"})
    assert again["error"] == "error_data_check"
    assert "recent 30 days" in again["message"]
    shopee.advance(31 * 24 * 3600)
    assert ok(shopee_client.call("v2.shop.update_profile", shop_id=outlet_id, body={"shop_name": "Kios Lagi"}))["shop_name"] == "Kios Lagi"


def test_get_token_by_resend_code_once(shopee_client, shopee_http, outlet_id):
    code = shopee_http.post("/_emulator/resend_code", json={"shop_id": outlet_id}).json()["resend_code"]
    first = shopee_client.call("v2.public.get_token_by_resend_code", body={"resend_code": code})
    assert first["error"] == "" and first["shop_id_list"] == [outlet_id] and len(first["access_token"]) == 32
    info = shopee_client.call("v2.shop.get_shop_info", shop_id=outlet_id, access_token=first["access_token"])
    assert info["error"] == ""
    again = shopee_client.call("v2.public.get_token_by_resend_code", body={"resend_code": code})
    assert (again["error"], again["message"]) == ("invalid_code", "The code is expired or used or invalid, please check the code.")
