"""API calls as a plain ASGI exchange: what the emulator's own path decides without Starlette.

The answer's messages and headers, HEAD, a body that never finished, and the shortcut that skips
the text walk for printable-ASCII input (a raw DEL or an escape still reaches the walk).
"""
from __future__ import annotations

import asyncio
import json
from typing import Any
from urllib.parse import urlencode

import pytest

from emulator import params
from emulator.app import create_app
from tests.conftest import ok, signed_query

SHOP_INFO = "/api/v2/shop/get_shop_info"
ADD_ITEM = "/api/v2/product/add_item"


def _exchange(app: Any, method: str, path: str, query: dict[str, Any], chunks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The messages the app sends for one request whose body arrives as ``chunks`` (none: a GET
    without a body), then as a disconnect."""
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "path": path,
        "raw_path": path.encode(), "query_string": urlencode(query).encode(), "root_path": "",
        "headers": [(b"host", b"emulator.local")] + ([(b"content-type", b"application/json")] if chunks else []),
        "scheme": "http", "server": ("emulator.local", 80), "client": ("127.0.0.1", 5000),
    }
    pending = list(chunks)
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return pending.pop(0) if pending else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent


def test_an_answer_is_one_start_and_one_body_with_length_and_type(shopee, mart_id):
    sent = _exchange(create_app(shopee), "GET", SHOP_INFO, signed_query(shopee, SHOP_INFO, shop_id=mart_id), [])
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.body"]
    start, body = sent
    assert start["status"] == 200
    assert start["headers"] == [(b"content-length", str(len(body["body"])).encode()), (b"content-type", b"application/json")]
    envelope = json.loads(body["body"])
    assert envelope["error"] == "" and len(envelope["request_id"]) == 32


def test_head_answers_the_get_headers_without_a_body(shopee_http, shopee, mart_id):
    query = signed_query(shopee, SHOP_INFO, shop_id=mart_id)
    got = shopee_http.get(SHOP_INFO, params=query)
    head = shopee_http.head(SHOP_INFO, params=query)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == "application/json"
    # the same answer but for its request_id, which is as long in every call
    assert head.headers["content-length"] == str(len(got.content))


def test_a_body_cut_off_by_the_client_is_a_bare_400_and_no_call(shopee, mart_id):
    before = len(shopee.calls)
    first = {"type": "http.request", "body": b'{"item_name": "Susu', "more_body": True}
    sent = _exchange(create_app(shopee), "POST", ADD_ITEM, signed_query(shopee, ADD_ITEM, shop_id=mart_id), [first])
    assert sent[0]["status"] == 400
    assert b"".join(m.get("body", b"") for m in sent[1:]) == b""
    assert len(shopee.calls) == before  # nobody is left to read it: nothing for the calls log


def test_a_body_in_chunks_is_read_whole(shopee, mart_id):
    body = json.dumps({"item_name": "Susu\x7fSegar"}).encode()  # DEL escaped as \\u007f
    chunks = [{"type": "http.request", "body": body[:9], "more_body": True}, {"type": "http.request", "body": body[9:]}]
    sent = _exchange(create_app(shopee), "POST", ADD_ITEM, signed_query(shopee, ADD_ITEM, shop_id=mart_id), chunks)
    envelope = json.loads(sent[1]["body"])
    assert envelope["error"] == "error_param"
    assert "item_name contains the character U+007F" in envelope["message"]


def test_a_raw_del_in_a_json_body_is_refused(shopee_http, shopee, mart_id):
    query = signed_query(shopee, ADD_ITEM, shop_id=mart_id)
    answer = shopee_http.post(ADD_ITEM, params=query, content=b'{"item_name": "Susu\x7f Segar"}',
                              headers={"content-type": "application/json"})
    assert "item_name contains the character U+007F" in answer.json()["message"]


def test_printable_input_still_validates(shopee_client, mart_id):
    # the shortcut skips only the text walk: the rest of validation still answers
    answer = shopee_client.call("v2.product.add_item", shop_id=mart_id, body={"item_name": "Susu Segar", "weight": "heavy"})
    assert answer["error"] == "error_param"
    assert ok(shopee_client.call("v2.shop.get_shop_info", shop_id=mart_id))["shop_name"]


@pytest.mark.parametrize(
    ("body", "plain"),
    [
        (b'{"item_name": "Susu Segar", "stock": 12}', True),
        (b'{\n\t"item_name": "Susu"\r\n}', True),  # whitespace between tokens
        (b'{"item_name": "Susu\\u0000"}', False),  # an escape could spell anything
        (b'{"item_name": "Susu\x7f"}', False),  # DEL is ASCII, and a control character
        ('{"item_name": "Susu Ségar"}'.encode(), False),
    ],
    ids=["ascii", "whitespace", "escape", "del", "non-ascii"],
)
def test_plain_body(body, plain):
    assert params.plain_body(body) is plain


@pytest.mark.parametrize(
    ("raw", "plain"),
    [(b"item_id_list=1,2&sign=ab12", True), (b"note=a+b", True), (b"note=%00", False), (b"note=a\x7f", False)],
    ids=["ascii", "plus", "percent", "del"],
)
def test_plain_query(raw, plain):
    assert params.parse_query(raw).plain is plain
