"""Numbers written the ways pydantic's lax mode reads but the platform's parsers do not, in every
integer parameter of every operation and in the gateway's common parameters.

``1_000`` (Python's digit grouping) is not a number; ``…0.0`` past 64 bits is out of range and says
so in the platform's words, never pydantic's ``Input should be …``.
"""
from __future__ import annotations

from typing import Literal

import pytest
from pydantic import BaseModel, Field

from emulator import numbers, params
from emulator.errors import ParamError
from emulator.registry import Registry
from tests.conftest import assert_error, signed_query

INT_FIELDS = [
    (op.name, name)
    for op in Registry.scan().implemented()
    for name, entry in numbers.plan(op.request_model).items()
    if entry[0] == "int" and name in op.request_model.model_fields
]


def _refusal(api: str, raw: dict[str, object]) -> str:
    with pytest.raises(ParamError) as refused:
        params.validate(Registry.scan().by_name[api].request_model, raw)
    return refused.value.message


def test_every_operation_has_integer_fields_to_check():
    assert len({api for api, _ in INT_FIELDS}) > 20


@pytest.mark.parametrize(("api", "name"), INT_FIELDS)
def test_digit_grouping_is_not_an_integer(api, name):
    assert _refusal(api, {name: "1_000"}) == f"Wrong parameters, detail: {name} should be an integer."


@pytest.mark.parametrize(("api", "name"), INT_FIELDS)
def test_whole_number_with_a_fraction_past_64_bits_is_out_of_range(api, name):
    message = _refusal(api, {name: "9" * 25 + ".0"})
    assert message.startswith(f"Wrong parameters, detail: {name} should be from "), message


def test_whole_number_with_a_zero_fraction_in_range_is_still_taken(shopee_client, outlet_id):
    envelope = shopee_client.call(
        "v2.discount.get_discount_list", outlet_id, params={"discount_status": "all", "page_no": 1, "page_size": "10.0"}
    )
    assert envelope["error"] == "", envelope


@pytest.mark.parametrize(
    ("raw", "detail"),
    [
        ({"count": 0}, "count should be greater than 0"),
        ({"ids": [1, 2, 3]}, "ids should have at most 2 items"),
        ({"name": "abcd"}, "name should have at most 3 characters"),
        ({"kind": "z"}, "kind should be 'a' or 'b'"),
    ],
)
def test_constraint_refusals_are_in_the_platforms_words(raw, detail):
    class Model(BaseModel):
        count: int = Field(default=1, gt=0)
        ids: list[int] = Field(default_factory=list, max_length=2)
        name: str = Field(default="", max_length=3)
        kind: Literal["a", "b"] = "a"

    with pytest.raises(ParamError) as refused:
        params.validate(Model, raw)
    assert refused.value.message == f"Wrong parameters, detail: {detail}."


@pytest.mark.parametrize("name", ["partner_id", "timestamp", "shop_id"])
@pytest.mark.parametrize("spelling", ["{} ", "+{}", "1_{}", "\u0661\u0662"])
def test_common_parameters_take_plain_digits_only(shopee, shopee_http, outlet_id, name, spelling):
    query = signed_query(shopee, "/api/v2/shop/get_shop_info", shop_id=outlet_id)
    query[name] = spelling.format(query[name]) if "{}" in spelling else spelling
    messages = {name: f"{spelled} is invalid, should be an integer between 0 and 4294967295."
                for name, spelled in (("partner_id", "Partner_id"), ("timestamp", "Timestamp"), ("shop_id", "shop_id"))}
    assert_error(shopee_http.get("/api/v2/shop/get_shop_info", params=query), 200, "error_param", messages[name])
