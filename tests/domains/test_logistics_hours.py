"""Outlet operating hours: restrictions, overwrite semantics, special hours."""
from tests.conftest import ok

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")


def week(days, start="08:00", end="18:00"):
    return {day: {"start_time": start, "end_time": end} for day in days}


def update(shopee_client, shop_id, **sections):
    return shopee_client.call("v2.logistics.update_operating_hours", shop_id=shop_id, body=sections)


def hours(shopee_client, shop_id):
    return ok(shopee_client.call("v2.logistics.get_operating_hours", shop_id=shop_id))


def test_get_operating_hour_restrictions_shape(shopee_client, outlet_id):
    found = ok(shopee_client.call("v2.logistics.get_operating_hour_restrictions", shop_id=outlet_id))
    regular = found["regular_operating_hour_restrictions"]
    assert regular["minimum_working_days_in_week"] == 5
    assert set(regular["working_day_config"]) == {*WEEKDAYS, "saturday", "sunday", "public_holiday"}
    assert regular["working_day_config"]["monday"] == {
        "mandatory": True, "minimum_operating_hour": 6, "minimum_start_time": "07:00", "maximum_start_time": "10:00",
        "minimum_end_time": "16:00", "maximum_end_time": "21:00", "operating_24_hour_toggle": False,
    }
    assert set(found) == {
        "regular_operating_hour_restrictions", "instant_operating_hour_restrictions",
        "special_operating_hour_restrictions", "shop_collection_operating_hour_restrictions",
    }
    assert "special_day" in found["special_operating_hour_restrictions"]


def test_get_operating_hours_seeded_for_every_outlet(shopee_client, outlet_ids):
    for outlet in outlet_ids:
        found = hours(shopee_client, outlet)
        assert set(WEEKDAYS) <= set(found["regular_operating_hour"])
        assert len(found["instant_operating_hour"]) == 8
        assert found["special_operating_hour"] == {}


def test_update_operating_hours_outside_restrictions_fails(shopee_client, outlet_id):
    before = hours(shopee_client, outlet_id)
    answer = update(shopee_client, outlet_id, regular_operating_hour=week(WEEKDAYS, start="06:00", end="18:00"))
    assert answer["error"] == "error_param"
    assert answer["message"] == (
        "All modifications to the operating hours were unsuccessful. Please check the result_list and try again."
    )
    result = answer["response"]["result_list"]["regular_operating_hour"]
    assert result["status"] == "Failed"
    assert result["fail_message"].startswith("monday: start_time 06:00 is earlier than the minimum start time 07:00; ")
    assert hours(shopee_client, outlet_id) == before


def test_update_operating_hours_too_few_working_days_fails(shopee_client, outlet_id):
    answer = update(shopee_client, outlet_id, instant_operating_hour=week(WEEKDAYS, "08:00", "20:00"))
    assert answer["error"] == "error_param"
    assert answer["response"]["result_list"]["instant_operating_hour"] == {
        "status": "Failed",
        "fail_message": "at least 6 working days from Monday to Sunday are required, got 5.",
    }


def test_update_operating_hours_mandatory_day_missing_fails(shopee_client, outlet_id):
    days = ("tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    answer = update(shopee_client, outlet_id, regular_operating_hour=week(days))
    assert answer["response"]["result_list"]["regular_operating_hour"]["fail_message"] == "monday is mandatory and must be open."


def test_update_operating_hours_bad_time_format_fails(shopee_client, outlet_id):
    days = week(WEEKDAYS)
    days["friday"] = {"start_time": "08:15", "end_time": "18:00"}
    answer = update(shopee_client, outlet_id, regular_operating_hour=days)
    assert answer["response"]["result_list"]["regular_operating_hour"]["fail_message"] == (
        "friday: start_time '08:15' must be in the format HH:MM with minutes 00 or 30."
    )


def test_update_operating_hours_partial_update_replaces_all_segments(shopee_client, outlet_id):
    before = hours(shopee_client, outlet_id)
    assert "saturday" in before["regular_operating_hour"]
    answer = ok(update(shopee_client, outlet_id, regular_operating_hour=week(WEEKDAYS, "09:00", "17:30")))
    assert answer["result_list"] == {"regular_operating_hour": {"status": "Success", "fail_message": "-"}}
    after = hours(shopee_client, outlet_id)
    assert after["regular_operating_hour"] == week(WEEKDAYS, "09:00", "17:30")
    assert after["instant_operating_hour"] == before["instant_operating_hour"]


def test_update_operating_hours_instant_24_hours_and_thrusday_spelling(shopee_client, outlet_id):
    days = week(("monday", "tuesday", "wednesday", "friday", "saturday", "sunday"), "00:00", "23:59")
    days["thrusday"] = {"start_time": "00:00", "end_time": "23:59"}
    ok(update(shopee_client, outlet_id, instant_operating_hour=days))
    assert hours(shopee_client, outlet_id)["instant_operating_hour"]["thursday"] == {"start_time": "00:00", "end_time": "23:59"}


def test_update_operating_hours_one_set_fails_other_saved(shopee_client, outlet_id):
    answer = ok(update(
        shopee_client, outlet_id,
        regular_operating_hour=week(WEEKDAYS, "09:00", "17:00"),
        shop_collection_operating_hour=week(WEEKDAYS, "09:00", "10:00"),
    ))
    assert answer["result_list"]["regular_operating_hour"]["status"] == "Success"
    assert answer["result_list"]["shop_collection_operating_hour"]["status"] == "Failed"
    assert hours(shopee_client, outlet_id)["regular_operating_hour"] == week(WEEKDAYS, "09:00", "17:00")


def test_update_operating_hours_missing_end_time_is_param_error(shopee_client, outlet_id):
    answer = update(shopee_client, outlet_id, regular_operating_hour={"monday": {"start_time": "09:00"}})
    assert answer["error"] == "error_param"
    assert answer["message"] == "Wrong parameters, detail: regular_operating_hour.monday.end_time is required."


def test_update_operating_hours_mart_not_eligible(shopee_client, mart_id):
    answer = update(shopee_client, mart_id, regular_operating_hour=week(WEEKDAYS))
    assert answer["error"] == "error_permission"
    assert answer["message"] == (
        "Sorry you don't have the permission, detail: This shop isn't eligible to set up Regular Operating Hours."
    )


def special(name="Ramadan Sale", start="2026-01-10", end="2026-01-11"):
    return {
        "name": name, "start_date": start, "end_date": end,
        "operating_hours": [
            {"date": "2026-01-10", "start_time": "06:00", "end_time": "23:30", "enable": True},
            {"date": "2026-01-11", "start_time": "00:00", "end_time": "00:00", "enable": False},
        ],
    }


def test_special_operating_hour_create_then_delete(shopee_client, outlet_id):
    ok(update(shopee_client, outlet_id, special_operating_hour=special()))
    assert hours(shopee_client, outlet_id)["special_operating_hour"]["name"] == "Ramadan Sale"
    ok(shopee_client.call("v2.logistics.delete_special_operating_hour", shop_id=outlet_id, body={"name": "Ramadan Sale"}))
    assert hours(shopee_client, outlet_id)["special_operating_hour"] == {}


def test_special_operating_hour_start_date_in_past_fails(shopee_client, outlet_id):
    answer = update(shopee_client, outlet_id, special_operating_hour=special(start="2026-01-05", end="2026-01-05"))
    assert answer["response"]["result_list"]["special_operating_hour"]["fail_message"] == (
        "start_date must be between 2026-01-06 and 2027-01-05."
    )


def test_delete_special_operating_hour_unknown_name(shopee_client, outlet_id):
    answer = shopee_client.call("v2.logistics.delete_special_operating_hour", shop_id=outlet_id, body={"name": "Nope"})
    assert answer["error"] == "error_permission"
    assert answer["message"] == "Special Operating Hours not found for this shop."
