"""The gateway: every way a call can be refused before a handler runs, and the envelope around it."""
from __future__ import annotations

import pytest

from emulator.clock import wall_time
from tests.conftest import REQUEST_ID, assert_error, ok, signed_query, without

SHOP_INFO = "/api/v2/shop/get_shop_info"
UPDATE_PROFILE = "/api/v2/shop/update_profile"
SHOPS_BY_PARTNER = "/api/v2/public/get_shops_by_partner"
TOKEN_GET = "/api/v2/auth/token/get"
FOUR_HOURS = 4 * 3600


@pytest.fixture
def query(shopee, mart_id):
    return signed_query(shopee, SHOP_INFO, shop_id=mart_id)


def test_get_shop_info_signed_call_succeeds(shopee_http, query, mart_id):
    response = shopee_http.get(SHOP_INFO, params=query)
    assert response.status_code == 200
    assert ok(response.json())["shop_name"] == "Segar Mart Official"


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("partner_id", "There is no partner_id in query."),
        ("timestamp", "no timestamp"),
        ("sign", "There is no sign in query."),
        ("access_token", "There is no access_token in query."),
        ("shop_id", "There is no shop_id in query."),
    ],
)
def test_get_shop_info_without_common_parameter(shopee_http, query, missing, message):
    assert_error(shopee_http.get(SHOP_INFO, params=without(query, missing)), 200, "error_param", message)


def test_get_shop_info_non_numeric_partner_id(shopee_http, query):
    response = shopee_http.get(SHOP_INFO, params={**query, "partner_id": "12ab"})
    assert_error(response, 200, "error_param", "Partner_id is invalid, should be an integer between 0 and 4294967295.")


def test_get_shop_info_unknown_partner(shopee_http, query):
    response = shopee_http.get(SHOP_INFO, params={**query, "partner_id": "999"})
    assert_error(response, 200, "error_param", "Invalid partner_id.")


def test_get_shop_info_non_numeric_shop_id(shopee_http, query):
    response = shopee_http.get(SHOP_INFO, params={**query, "shop_id": "mart"})
    assert_error(response, 200, "error_param", "shop_id is invalid, should be an integer between 0 and 4294967295.")


def test_get_shop_info_shop_id_past_32_bits(shopee_http, query):
    response = shopee_http.get(SHOP_INFO, params={**query, "shop_id": "4294967296"})
    assert_error(response, 200, "error_param", "shop_id is invalid, should be an integer between 0 and 4294967295.")


def test_get_shop_info_non_numeric_timestamp(shopee_http, query):
    response = shopee_http.get(SHOP_INFO, params={**query, "timestamp": "now"})
    assert_error(response, 200, "error_param", "Timestamp is invalid, should be an integer between 0 and 4294967295.")


def test_get_shop_info_millisecond_timestamp(shopee, shopee_http, query):
    response = shopee_http.get(SHOP_INFO, params={**query, "timestamp": str(shopee.clock.now() * 1000)})
    assert_error(response, 200, "error_param", "Timestamp is invalid, should be an integer between 0 and 4294967295.")


def test_get_shop_info_absurd_timestamp_is_refused_not_a_crash(shopee_http, query):
    response = shopee_http.get(SHOP_INFO, params={**query, "timestamp": "9" * 400})
    assert_error(response, 200, "error_param", "Timestamp is invalid, should be an integer between 0 and 4294967295.")


def test_get_shop_info_wrong_sign(shopee_http, query):
    response = shopee_http.get(SHOP_INFO, params={**query, "sign": "0" * 64})
    assert_error(response, 403, "error_sign", "Wrong sign.")


def test_get_shop_info_sign_for_another_path(shopee, shopee_http, mart_id):
    query = signed_query(shopee, "/api/v2/shop/get_profile", shop_id=mart_id)
    assert_error(shopee_http.get(SHOP_INFO, params=query), 403, "error_sign", "Wrong sign.")


def test_get_shop_info_sign_in_upper_case_accepted(shopee_http, query):
    response = shopee_http.get(SHOP_INFO, params={**query, "sign": query["sign"].upper()})
    ok(response.json())


# -- the 5-minute window, on the virtual clock and on the host's wall clock -------------------------
@pytest.mark.parametrize("offset", [-300, 300])
def test_get_shop_info_timestamp_at_edge_of_virtual_window(shopee, shopee_http, mart_id, offset):
    query = signed_query(shopee, SHOP_INFO, shop_id=mart_id, timestamp=shopee.clock.now() + offset)
    ok(shopee_http.get(SHOP_INFO, params=query).json())


@pytest.mark.parametrize("offset, message", [(-301, "Timestamp is expired."), (301, "Invalid timestamp")])
def test_get_shop_info_timestamp_outside_virtual_window(shopee, shopee_http, mart_id, offset, message):
    query = signed_query(shopee, SHOP_INFO, shop_id=mart_id, timestamp=shopee.clock.now() + offset)
    assert_error(shopee_http.get(SHOP_INFO, params=query), 200, "error_param", message)


def test_get_shop_info_timestamp_follows_advanced_virtual_clock(shopee, shopee_http, mart_id):
    start = shopee.clock.now()
    shopee.advance(3 * 24 * 3600)
    stale = signed_query(shopee, SHOP_INFO, shop_id=mart_id, timestamp=start)
    assert_error(shopee_http.get(SHOP_INFO, params=stale), 200, "error_param", "Timestamp is expired.")
    ok(shopee_http.get(SHOP_INFO, params=signed_query(shopee, SHOP_INFO, shop_id=mart_id)).json())


@pytest.fixture
def far_from_wall(shopee):
    """Move the virtual clock a month past the host's, so the two 5-minute windows cannot
    overlap, and authorize the Mart again there: the world's own authorization lasts a year from
    the clock's start, which a month past the host's date may already have left behind."""
    shopee.set_time(int(wall_time()) + 30 * 24 * 3600)
    with shopee.transaction():
        partner_id = shopee.auth.default_partner()["partner_id"]
        shopee.auth.issue_code(partner_id, shopee.shops.marts()[0]["shop_id"])
    return shopee


def test_get_shop_info_timestamp_from_wall_clock_accepted(far_from_wall, shopee_http, mart_id):
    query = signed_query(far_from_wall, SHOP_INFO, shop_id=mart_id, timestamp=int(wall_time()))
    ok(shopee_http.get(SHOP_INFO, params=query).json())


def test_get_shop_info_timestamp_outside_wall_clock_window(far_from_wall, shopee_http, mart_id):
    query = signed_query(far_from_wall, SHOP_INFO, shop_id=mart_id, timestamp=int(wall_time()) - 400)
    assert_error(shopee_http.get(SHOP_INFO, params=query), 200, "error_param", "Timestamp is expired.")


# -- access tokens ---------------------------------------------------------------------------------
def test_get_shop_info_unknown_access_token(shopee, shopee_http, mart_id):
    query = signed_query(shopee, SHOP_INFO, shop_id=mart_id, access_token="f" * 32)
    assert_error(shopee_http.get(SHOP_INFO, params=query), 403, "error_auth", "Invalid access_token.")


def test_get_shop_info_access_token_expired_after_four_hours(shopee, shopee_http, mart_id):
    with shopee.transaction():
        token = shopee.auth.ready_tokens(mart_id)["access_token"]
    shopee.advance(FOUR_HOURS + 1)
    query = signed_query(shopee, SHOP_INFO, shop_id=mart_id, access_token=token)
    assert_error(shopee_http.get(SHOP_INFO, params=query), 403, "invalid_acceess_token", "Invalid access_token, please have a check.")


def test_get_shop_info_access_token_valid_until_four_hours(shopee, shopee_http, mart_id):
    with shopee.transaction():
        token = shopee.auth.ready_tokens(mart_id)["access_token"]
    shopee.advance(FOUR_HOURS - 1)
    query = signed_query(shopee, SHOP_INFO, shop_id=mart_id, access_token=token)
    ok(shopee_http.get(SHOP_INFO, params=query).json())


def test_get_shop_info_token_of_another_shop(shopee, shopee_http, mart_id, outlet_id):
    with shopee.transaction():
        outlet_token = shopee.auth.ready_tokens(outlet_id)["access_token"]
    query = signed_query(shopee, SHOP_INFO, shop_id=mart_id, access_token=outlet_token)
    assert_error(shopee_http.get(SHOP_INFO, params=query), 403, "error_auth", "Invalid partner_id or shopid.")


# -- paths and methods -----------------------------------------------------------------------------
def test_unknown_api_path_not_found(shopee, shopee_http):
    path = "/api/v2/shop/no_such_api"
    response = shopee_http.get(path, params=signed_query(shopee, path))
    assert_error(response, 404, "error_param", "Permission denied. This API is currently offline or the request path is incorrect.")


def test_get_shop_info_wrong_http_method(shopee_http, query):
    response = shopee_http.post(SHOP_INFO, params=query, json={})
    message = f"Wrong parameters, detail: {SHOP_INFO} takes HTTP GET, not POST."
    assert_error(response, 405, "error_param", message)


def test_unbuilt_api_known_but_not_emulated(shopee, shopee_http, mart_id):
    # the first unbuilt shop API, so the test keeps its meaning as domains are added
    op = next(o for o in shopee.registry.by_name.values() if o.handler is None and o.auth == "shop")
    query = signed_query(shopee, op.path, shop_id=mart_id)
    response = shopee_http.request(op.method, op.path, params=query, json={} if op.method == "POST" else None)
    message = f"{op.name} is a Shopee API that this emulator does not emulate yet."
    assert_error(response, 501, "error_not_emulated", message)


def test_every_unbuilt_api_answers_not_emulated(shopee, shopee_http, mart_id):
    unbuilt = [op for op in shopee.registry.by_name.values() if op.handler is None]
    for op in unbuilt:
        shop = None if op.auth == "public" else mart_id
        query = signed_query(shopee, op.path, shop_id=shop)
        response = shopee_http.request(op.method, op.path, params=query, json={} if op.method == "POST" else None)
        assert response.status_code == 501, (op.name, response.text)
        assert response.json()["error"] == "error_not_emulated"


# -- bodies and parameters -------------------------------------------------------------------------
@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b"\xff\xfe", b'"text"'])
def test_update_profile_body_not_json_object(shopee, shopee_http, mart_id, body):
    query = signed_query(shopee, UPDATE_PROFILE, shop_id=mart_id)
    response = shopee_http.post(UPDATE_PROFILE, params=query, content=body)
    assert_error(response, 200, "error_param", "The request body is not a valid json format")


def test_update_profile_parameter_of_wrong_type(shopee, shopee_http, mart_id):
    query = signed_query(shopee, UPDATE_PROFILE, shop_id=mart_id)
    response = shopee_http.post(UPDATE_PROFILE, params=query, json={"shop_name": 5})
    assert_error(response, 200, "error_param", "Wrong parameters, detail: shop_name should be a string.")


def test_get_access_token_missing_required_parameter(shopee, shopee_http):
    partner_id = shopee.auth.default_partner()["partner_id"]
    response = shopee_http.post(TOKEN_GET, params=signed_query(shopee, TOKEN_GET), json={"partner_id": partner_id, "shop_id": 1})
    assert_error(response, 200, "error_param", "Wrong parameters, detail: code is required.")


def test_get_shops_by_partner_query_parameter_of_wrong_type(shopee, shopee_http):
    query = {**signed_query(shopee, SHOPS_BY_PARTNER), "page_size": "ten"}
    response = shopee_http.get(SHOPS_BY_PARTNER, params=query)
    assert_error(response, 200, "error_param", "Wrong parameters, detail: page_size should be an integer.")


def test_update_profile_common_parameters_in_body_accepted(shopee, shopee_http, mart_id):
    query = signed_query(shopee, UPDATE_PROFILE, shop_id=mart_id)
    response = shopee_http.post(UPDATE_PROFILE, json={**query, "description": "Fresh daily"})
    assert ok(response.json())["description"] == "Fresh daily"


def test_update_profile_body_over_limit(shopee, shopee_http, mart_id):
    query = signed_query(shopee, UPDATE_PROFILE, shop_id=mart_id)
    response = shopee_http.post(UPDATE_PROFILE, params=query, content=b" " * (10 * 1024 * 1024 + 1))
    message = f"Wrong parameters, detail: request body is larger than {10 * 1024 * 1024} bytes."
    assert_error(response, 413, "error_param", message)


# -- public versus shop signatures -----------------------------------------------------------------
def test_get_shops_by_partner_public_signature_accepted(shopee, shopee_http):
    body = shopee_http.get(SHOPS_BY_PARTNER, params=signed_query(shopee, SHOPS_BY_PARTNER)).json()
    assert len(ok(body)["authed_shop_list"]) == 6


def test_get_shops_by_partner_shop_style_signature_refused(shopee, shopee_http, mart_id):
    shop_signed = signed_query(shopee, SHOPS_BY_PARTNER, shop_id=mart_id)
    response = shopee_http.get(SHOPS_BY_PARTNER, params=shop_signed)
    assert_error(response, 403, "error_sign", "Wrong sign.")


def test_get_shop_info_public_style_signature_refused(shopee, shopee_http, query):
    public = signed_query(shopee, SHOP_INFO)
    spoiled = {**query, "sign": public["sign"]}
    assert_error(shopee_http.get(SHOP_INFO, params=spoiled), 403, "error_sign", "Wrong sign.")


# -- the envelope ----------------------------------------------------------------------------------
def test_every_answer_carries_a_fresh_request_id(shopee, shopee_http, query):
    answers = [
        shopee_http.get(SHOP_INFO, params=query),
        shopee_http.get(SHOP_INFO, params=query),
        shopee_http.get(SHOP_INFO, params=without(query, "sign")),
        shopee_http.get(SHOP_INFO, params={**query, "sign": "bad"}),
        shopee_http.post(SHOP_INFO, params=query),
        shopee_http.get("/api/v2/shop/nothing_here", params=query),
    ]
    ids = [answer.json()["request_id"] for answer in answers]
    assert all(REQUEST_ID.fullmatch(i) for i in ids), ids
    assert len(set(ids)) == len(ids)


def test_get_shop_info_injected_server_error_still_has_envelope(shopee, shopee_http, query):
    shopee.faults.add("v2.shop.get_shop_info", [{"error": "error_server", "message": "Something wrong. Please try later.", "http_status": 500}])
    response = shopee_http.get(SHOP_INFO, params=query)
    assert_error(response, 500, "error_server", "Something wrong. Please try later.")


def test_get_shop_info_non_ascii_sign_refused(shopee_http, query):
    response = shopee_http.get(SHOP_INFO, params={**query, "sign": "１２"})
    assert_error(response, 403, "error_sign", "Wrong sign.")


def test_get_shop_info_unexpected_failure_answers_server_error(shopee, shopee_http, query, monkeypatch, caplog):
    def broken(shop_id):
        raise RuntimeError("a bug in a handler")

    monkeypatch.setattr(shopee.shops, "shop_info", broken)
    response = shopee_http.get(SHOP_INFO, params=query)
    assert_error(response, 500, "error_server", "Something wrong. Please try later.")
    assert "unexpected failure in /api/v2/shop/get_shop_info" in caplog.text


BAD_VALUES = [None, -1, 2**70, "x", [], {"a": 1}, "é" * 3]


def test_every_implemented_api_refuses_malformed_parameters_without_server_error(shopee, shopee_http, mart_id):
    # iterates the registry, so each new operation is held to it as soon as it is built
    for op in shopee.registry.implemented():
        for field in [*op.request_model.model_fields, "unknown_field"]:
            for value in BAD_VALUES:
                query = signed_query(shopee, op.path, shop_id=None if op.auth == "public" else mart_id)
                if op.method == "GET":
                    response = shopee_http.get(op.path, params={**query, field: str(value)})
                else:
                    response = shopee_http.post(op.path, params=query, json={field: value})
                assert response.status_code < 500, (op.name, field, value, response.text)
