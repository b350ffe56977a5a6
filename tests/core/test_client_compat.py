"""What published Shopee clients really send, reproduced with plain httpx.

Each test names the client whose habit it reproduces: pyshopee2 (PyPI ``pyshopee``) builds its
query string by hand (lowercased keys, Python reprs, ``Content-Type: application/json`` on GET);
@congminh1254/shopee-sdk (npm) repeats keys for arrays and builds the console's unsigned ``/auth``
link; shopee-open-api (npm) signs the ``auth_partner`` link itself; mcp-shopee-seller (PyPI) and
@camino-tec/shopee-sdk (npm) send a bare ``brand_id`` 0 for an unbranded item.
"""
from __future__ import annotations

import dataclasses
import html
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from emulator import signing
from emulator.registry import Registry
from emulator.world import Emulator
from tests.conftest import ok
from tests.domains.product_support import image_id, item_body

JSON = {"Content-Type": "application/json"}


def _partner(shopee: Emulator) -> tuple[int, str]:
    partner = shopee.auth.default_partner()
    return int(partner["partner_id"]), str(partner["partner_key"])


def _shop_query(shopee: Emulator, path: str, shop_id: int) -> str:
    """The common parameters the way pyshopee2 writes them: ``key=value`` joined by hand."""
    partner_id, key = _partner(shopee)
    ts = shopee.clock.now()
    with shopee.transaction():
        token = shopee.auth.ready_tokens(shop_id)["access_token"]
    sign = signing.sign(key, signing.base_string(partner_id, path, ts, token, shop_id))
    return f"partner_id={partner_id}&timestamp={ts}&access_token={token}&shop_id={shop_id}&sign={sign}"


def _public_query(shopee: Emulator, path: str) -> str:
    partner_id, key = _partner(shopee)
    ts = shopee.clock.now()
    return f"partner_id={partner_id}&timestamp={ts}&sign={signing.sign(key, signing.base_string(partner_id, path, ts))}"


def _echo(shopee: Emulator, api: str) -> None:
    """Swap ``api``'s handler for one that returns the parameters the pipeline parsed."""

    def echo(ctx: Any, req: Any) -> dict[str, Any]:
        return {"parsed": req.model_dump(exclude_none=True)}

    ops = [
        dataclasses.replace(op, handler=echo, envelope="nested") if op.name == api else op
        for op in shopee.registry.by_name.values()
    ]
    shopee.registry = Registry(ops)


def _page_form(page: httpx.Response) -> tuple[str, dict[str, str]]:
    fields = {k: html.unescape(v) for k, v in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page.text)}
    return re.search(r'action="([^"]+)"', page.text).group(1), fields  # type: ignore[union-attr]


def test_console_auth_link_confirm_redirects_with_code_and_state(shopee, shopee_http, shopee_client, outlet_id):
    """@congminh1254/shopee-sdk getAuthorizationUrl: unsigned /auth link with redirect_uri and state."""
    partner_id, _ = _partner(shopee)
    page = shopee_http.get(
        "/auth",
        params={"partner_id": partner_id, "auth_type": "seller", "redirect_uri": "https://erp.example/cb?x=1",
                "response_type": "code", "state": "s-42"},
    )
    assert page.status_code == 200 and f"shop:{outlet_id}" in page.text
    action, fields = _page_form(page)
    answer = shopee_http.post(action, data={**fields, "account": f"shop:{outlet_id}"})
    assert answer.status_code == 302
    location = urlsplit(answer.headers["location"])
    query = parse_qs(location.query)
    assert (location.netloc, location.path, query["x"], query["shop_id"], query["state"]) == (
        "erp.example", "/cb", ["1"], [str(outlet_id)], ["s-42"])
    token = shopee_client.call(
        "v2.public.get_access_token", body={"code": query["code"][0], "shop_id": outlet_id, "partner_id": partner_id}
    )
    assert token["error"] == "" and len(token["access_token"]) == 32


def test_console_auth_link_unknown_partner_refused(shopee_http):
    page = shopee_http.get("/auth", params={"partner_id": 1, "auth_type": "seller", "redirect_uri": "https://x/cb",
                                            "response_type": "code"})
    assert page.status_code == 400
    assert '<p class="error" id="error">Invalid partner_id.</p>' in page.text


def test_console_auth_link_without_redirect_uri_refused(shopee, shopee_http):
    page = shopee_http.get("/auth", params={"partner_id": _partner(shopee)[0], "response_type": "code"})
    assert page.status_code == 400
    assert "Wrong parameters, detail: redirect_uri is required." in page.text


def test_auth_partner_redirect_puts_code_before_shop_id(shopee, shopee_http, outlet_id):
    """pyshopee2.get_code reads the callback positionally: code first, then shop_id."""
    path = "/api/v2/shop/auth_partner"
    page = shopee_http.get(f"{path}?{_public_query(shopee, path)}&redirect=https://erp.example/cb")
    action, fields = _page_form(page)
    answer = shopee_http.post(action, data={**fields, "account": f"shop:{outlet_id}"})
    first, second = urlsplit(answer.headers["location"]).query.split("&")
    assert first.startswith("code=") and second == f"shop_id={outlet_id}"


def test_get_shop_info_json_content_type_on_get_hand_built_query(shopee, shopee_http, outlet_id):
    """pyshopee2: every GET carries Content-Type: application/json and a hand-built query."""
    path = "/api/v2/shop/get_shop_info"
    answer = shopee_http.get(f"{path}?{_shop_query(shopee, path, outlet_id)}", headers=JSON)
    assert answer.status_code == 200
    assert answer.json()["shop_name"] == shopee.shops.get(outlet_id)["shop_name"]


def test_get_shops_by_partner_short_sign_json_content_type(shopee, shopee_http):
    """pyshopee2 signs /public/ paths with partner_id + path + timestamp only."""
    path = "/api/v2/public/get_shops_by_partner"
    answer = shopee_http.get(f"{path}?{_public_query(shopee, path)}&page_size=2&page_no=1", headers=JSON)
    assert answer.status_code == 200 and len(ok(answer.json())["authed_shop_list"]) == 2


def test_update_profile_post_without_body_reads_as_empty_object(shopee, shopee_http, outlet_id):
    """pyshopee2 sends no body at all when a POST call gets no keyword arguments."""
    path = "/api/v2/shop/update_profile"
    answer = shopee_http.post(f"{path}?{_shop_query(shopee, path, outlet_id)}", headers=JSON)
    assert answer.status_code == 200
    assert ok(answer.json())["shop_name"] == shopee.shops.get(outlet_id)["shop_name"]


@pytest.mark.parametrize(
    "query",
    [
        "order_sn_list=2601A&order_sn_list=2601B",  # @congminh1254/shopee-sdk: repeated keys
        "order_sn_list=['2601A', '2601B']",  # pyshopee2: str() of a Python list
        'order_sn_list=["2601A","2601B"]',  # a JSON array
        "order_sn_list=2601A,2601B",  # the reference's own form
    ],
)
def test_get_order_detail_order_sn_list_any_list_form_joined(shopee, shopee_http, outlet_id, query):
    _echo(shopee, "v2.order.get_order_detail")
    path = "/api/v2/order/get_order_detail"
    answer = shopee_http.get(f"{path}?{_shop_query(shopee, path, outlet_id)}&{query}", headers=JSON)
    assert ok(answer.json())["parsed"]["order_sn_list"] == "2601A,2601B"


def test_get_order_detail_response_optional_fields_repeated_joined(shopee, shopee_http, outlet_id):
    _echo(shopee, "v2.order.get_order_detail")
    path = "/api/v2/order/get_order_detail"
    extra = "order_sn_list=2601A&response_optional_fields=buyer_user_id&response_optional_fields=item_list"
    answer = shopee_http.get(f"{path}?{_shop_query(shopee, path, outlet_id)}&{extra}")
    assert ok(answer.json())["parsed"]["response_optional_fields"] == "buyer_user_id,item_list"


def test_get_item_base_info_python_repr_list_and_capitalised_bool(shopee, shopee_http, outlet_id):
    """pyshopee2 writes ``item_id_list=[1, 2]`` and ``need_tax_info=True`` unencoded."""
    _echo(shopee, "v2.product.get_item_base_info")
    path = "/api/v2/product/get_item_base_info"
    answer = shopee_http.get(f"{path}?{_shop_query(shopee, path, outlet_id)}&item_id_list=[101, 102]&need_tax_info=True")
    assert ok(answer.json())["parsed"] == {"item_id_list": [101, 102], "need_tax_info": True}


def test_get_item_list_repeated_status_keys(shopee, shopee_http, outlet_id):
    """@congminh1254/shopee-sdk sends arrays as repeated keys, booleans as ``true``."""
    _echo(shopee, "v2.product.get_item_list")
    path = "/api/v2/product/get_item_list"
    extra = "offset=0&page_size=10&item_status=NORMAL&item_status=UNLIST"
    answer = shopee_http.get(f"{path}?{_shop_query(shopee, path, outlet_id)}&{extra}", headers=JSON)
    assert ok(answer.json())["parsed"]["item_status"] == ["NORMAL", "UNLIST"]


def test_upload_image_multipart_file_field_named_image(shopee, shopee_http, outlet_id):
    """@congminh1254/shopee-sdk turns a Buffer body into multipart: file ``image`` named image.png."""

    def echo(ctx: Any, req: Any) -> dict[str, Any]:
        image = req.image[0] if isinstance(req.image, list) else req.image
        return {"filename": image["filename"], "content_type": image["content_type"], "size": len(image["data"]),
                "scene": req.scene}

    ops = [dataclasses.replace(op, handler=echo, form=True) if op.name == "v2.media_space.upload_image" else op
           for op in shopee.registry.by_name.values()]
    shopee.registry = Registry(ops)
    path = "/api/v2/media_space/upload_image"
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
    answer = shopee_http.post(f"{path}?{_shop_query(shopee, path, outlet_id)}",
                              files={"image": ("image.png", png, "image/png")}, data={"scene": "normal"})
    assert ok(answer.json()) == {"filename": "image.png", "content_type": "image/png", "size": 40, "scene": "normal"}


def test_credentials_after_client_refreshed_give_a_refreshable_pair(shopee, shopee_http, shopee_client, outlet_id):
    """An SDK that refreshes early spends the refresh token /_emulator/credentials handed out."""
    partner_id, _ = _partner(shopee)

    def pair() -> dict[str, Any]:
        return next(s for s in shopee_http.get("/_emulator/credentials").json()["shops"] if s["shop_id"] == outlet_id)

    first = pair()
    body = {"refresh_token": first["refresh_token"], "shop_id": outlet_id, "partner_id": partner_id}
    assert shopee_client.call("v2.public.refresh_access_token", body=body)["error"] == ""
    second = pair()
    assert second["refresh_token"] != first["refresh_token"]
    body = {"refresh_token": second["refresh_token"], "shop_id": outlet_id, "partner_id": partner_id}
    assert shopee_client.call("v2.public.refresh_access_token", body=body)["error"] == ""


def test_push_config_short_sign_passes_the_gateway(shopee, shopee_http):
    """pyshopee2 signs /push/ paths like /public/ ones, as the reference's common parameters say."""
    path = "/api/v2/push/get_app_push_config"
    answer = shopee_http.get(f"{path}?{_public_query(shopee, path)}", headers=JSON)
    assert answer.json()["error"] != "error_sign"
    assert answer.json()["error"] in ("", "error_not_emulated")


def test_push_config_shop_signed_passes_the_gateway(shopee, shopee_http, outlet_id):
    """@congminh1254/shopee-sdk signs push calls with a shop's token; that passes too."""
    path = "/api/v2/push/get_app_push_config"
    answer = shopee_http.get(f"{path}?{_shop_query(shopee, path, outlet_id)}", headers=JSON)
    assert answer.json()["error"] in ("", "error_not_emulated")


def test_push_config_shop_signed_with_bad_sign_refused(shopee, shopee_http, outlet_id):
    path = "/api/v2/push/get_app_push_config"
    query = _shop_query(shopee, path, outlet_id).replace("&sign=", "&sign=0")
    answer = shopee_http.get(f"{path}?{query}")
    assert answer.status_code == 403
    assert (answer.json()["error"], answer.json()["message"]) == ("error_sign", "Wrong sign.")


def test_upload_image_partner_level_sign_without_shop(shopee, shopee_http):
    """The reference signs media_space.upload_image at partner level: no access_token, no shop_id."""

    def echo(ctx: Any, req: Any) -> dict[str, Any]:
        return {"shop_id": ctx.shop_id, "files": len(req.image if isinstance(req.image, list) else [req.image])}

    ops = [dataclasses.replace(op, handler=echo, form=True) if op.name == "v2.media_space.upload_image" else op
           for op in shopee.registry.by_name.values()]
    shopee.registry = Registry(ops)
    path = "/api/v2/media_space/upload_image"
    answer = shopee_http.post(f"{path}?{_public_query(shopee, path)}", files={"image": ("a.png", b"\x89PNG", "image/png")})
    assert ok(answer.json()) == {"shop_id": None, "files": 1}


@pytest.mark.parametrize(
    "brand",
    [
        {"brand_id": 0},  # mcp-shopee-seller (PyPI) create_product: "brand_id 0 = no brand"
        {"brand_id": 0, "original_brand_name": ""},  # @camino-tec/shopee-sdk (npm) addItem's default brand
    ],
)
def test_add_item_bare_brand_id_zero_is_no_brand(shopee, shopee_http, shopee_client, mart_id, brand):
    path = "/api/v2/product/add_item"
    body = item_body([image_id(shopee_client, shopee_http, mart_id)], brand=brand)
    answer = shopee_http.post(f"{path}?{_shop_query(shopee, path, mart_id)}", json=body, headers=JSON)
    item = ok(answer.json())
    assert item["brand"] == {"brand_id": 0, "original_brand_name": "NoBrand"}
    base = ok(shopee_client.call("v2.product.get_item_base_info", shop_id=mart_id, params={"item_id_list": item["item_id"]}))
    assert base["item_list"][0]["brand"] == {"brand_id": 0, "original_brand_name": "NoBrand"}


def test_add_item_named_brand_without_name_still_refused(shopee, shopee_http, shopee_client, mart_id):
    path = "/api/v2/product/add_item"
    body = item_body([image_id(shopee_client, shopee_http, mart_id)], brand={"brand_id": 3000103, "original_brand_name": ""})
    answer = shopee_http.post(f"{path}?{_shop_query(shopee, path, mart_id)}", json=body, headers=JSON).json()
    assert (answer["error"], answer["message"]) == ("error_invalid_brand", "Brand name required")
