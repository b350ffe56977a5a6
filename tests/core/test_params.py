"""Query lists in every form clients send them, and validation messages that name the parameter."""
from __future__ import annotations

from dataclasses import replace

import pytest
from starlette.datastructures import QueryParams

from emulator import params
from emulator.errors import ParamError
from emulator.registry import Registry
from tests.conftest import assert_error, ok, signed_query
from hypothesis import given, settings
from hypothesis import strategies as st
from emulator.params import parse_query

LISTS = frozenset({"item_id_list"})


@pytest.mark.parametrize(
    "query",
    [
        "item_id_list=1&item_id_list=2&item_id_list=3",
        "item_id_list=1,2,3",
        "item_id_list=1%2C%202%2C3",
        "item_id_list[]=1&item_id_list[]=2&item_id_list[]=3",
        "item_id_list[0]=1&item_id_list[1]=2&item_id_list[2]=3",
        "item_id_list=[1,2,3]",
        "item_id_list=%5B1%2C2%2C3%5D",
    ],
    ids=["repeated", "comma-joined", "comma-space", "brackets", "indexed", "json-array", "json-array-encoded"],
)
def test_from_query_list_forms_agree(query):
    values = params.from_query(QueryParams(query), LISTS)["item_id_list"]
    assert [int(v) for v in values] == [1, 2, 3]


def test_from_query_single_value_becomes_one_element_list():
    assert params.from_query(QueryParams("item_id_list=7"), LISTS) == {"item_id_list": ["7"]}


def test_from_query_empty_list():
    assert params.from_query(QueryParams("item_id_list="), LISTS) == {"item_id_list": []}


def test_from_query_scalar_keeps_first_value():
    assert params.from_query(QueryParams("page_size=10&page_size=20"), LISTS) == {"page_size": "10"}


def test_from_query_bracket_list_validates_into_integers():
    model = Registry.scan().by_name["v2.product.get_item_base_info"].request_model
    raw = params.from_query(QueryParams("item_id_list[]=11&item_id_list[]=12"), frozenset({"item_id_list"}))
    assert params.validate(model, raw).item_id_list == [11, 12]


def test_validate_missing_nested_field_names_its_path():
    model = Registry.scan().by_name["v2.product.update_stock"].request_model
    with pytest.raises(ParamError) as raised:
        params.validate(model, {"item_id": 1, "stock_list": [{}]})
    assert raised.value.error == "error_param"
    assert raised.value.message.startswith("Wrong parameters, detail: stock_list[0].")
    assert raised.value.message.endswith(" is required.")


def test_validate_wrong_type_names_the_parameter():
    model = Registry.scan().by_name["v2.public.get_shops_by_partner"].request_model
    with pytest.raises(ParamError) as raised:
        params.validate(model, {"page_no": "first"})
    assert raised.value.message == "Wrong parameters, detail: page_no should be an integer."


def test_from_json_body_empty_is_no_parameters():
    assert params.from_json_body(b"  ") == {}


@pytest.mark.parametrize("body", [b"{", b"[]", b"null", b"\xff"])
def test_from_json_body_not_an_object(body):
    with pytest.raises(ParamError) as raised:
        params.from_json_body(body)
    assert (raised.value.error, raised.value.message) == ("error_param", "The request body is not a valid json format")


# -- through the pipeline, on a GET API whose parameter is a list -----------------------------------
@pytest.fixture
def echo_item_ids(shopee):
    """get_item_base_info answering with the item ids it parsed, on this emulator's registry only.

    It runs the real pipeline (query parsing, validation, envelope) whether or not the product
    domain has built the API yet.
    """
    base = shopee.registry
    op = replace(base.by_name["v2.product.get_item_base_info"], handler=lambda ctx, req: {"item_id_list": req.item_id_list})
    shopee.registry = Registry([*(o for o in base.by_name.values() if o.name != op.name), op])
    return op.path


@pytest.mark.parametrize(
    "items",
    [
        [("item_id_list", "11"), ("item_id_list", "12")],
        [("item_id_list", "11,12")],
        [("item_id_list[]", "11"), ("item_id_list[]", "12")],
        [("item_id_list", "[11,12]")],
    ],
    ids=["repeated", "comma-joined", "brackets", "json-array"],
)
def test_get_item_base_info_list_parameter_forms(shopee, shopee_http, mart_id, echo_item_ids, items):
    query = list(signed_query(shopee, echo_item_ids, shop_id=mart_id).items()) + items
    assert ok(shopee_http.get(echo_item_ids, params=query).json())["item_id_list"] == [11, 12]


def test_get_item_base_info_list_parameter_not_integers(shopee, shopee_http, mart_id, echo_item_ids):
    query = list(signed_query(shopee, echo_item_ids, shop_id=mart_id).items()) + [("item_id_list", "11,abc")]
    message = "Wrong parameters, detail: item_id_list[1] should be an integer."
    assert_error(shopee_http.get(echo_item_ids, params=query), 200, "error_param", message)


PIECES = st.sampled_from(["a", "b", "=", "&", "%", "%2", "%20", "%zz", "%C3%A9", "+", "é", "[]", "[0]", ";", "", "x" * 40])


@settings(max_examples=300, derandomize=True, database=None)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_parse_query_matches_starlette(text: str) -> None:
    raw = text.encode("latin-1", errors="replace")
    assert parse_query(raw).multi_items() == QueryParams(raw).multi_items()


def test_parse_query_signed_call() -> None:
    raw = b"partner_id=1&timestamp=2&access_token=abc&shop_id=3&sign=ff&item_id_list=1%2C2&item_id_list=3&x=a+b"
    assert parse_query(raw).multi_items() == QueryParams(raw).multi_items()
