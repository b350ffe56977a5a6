"""The fast query-string parser answers exactly as Starlette's."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.datastructures import QueryParams

from emulator.params import parse_query

PIECES = st.sampled_from(["a", "b", "=", "&", "%", "%2", "%20", "%zz", "%C3%A9", "+", "é", "[]", "[0]", ";", "", "x" * 40])


@settings(max_examples=300, derandomize=True, database=None)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_parse_query_matches_starlette(text: str) -> None:
    raw = text.encode("latin-1", errors="replace")
    assert parse_query(raw).multi_items() == QueryParams(raw).multi_items()


def test_parse_query_signed_call() -> None:
    raw = b"partner_id=1&timestamp=2&access_token=abc&shop_id=3&sign=ff&item_id_list=1%2C2&item_id_list=3&x=a+b"
    assert parse_query(raw).multi_items() == QueryParams(raw).multi_items()
