"""Programs for the finance audit's ``Driver``: a fixed script that walks every flow once, and
hypothesis strategies that mix them at random over clock jumps of minutes to weeks."""
from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from tests.domains.finance_audit import DAY, HOUR, JUMPS, KINDS

PAID, UNPAID, COD, COLLECT_PAID, COLLECT_COD = range(len(KINDS))
TO_DOOR = [("do", None, "ship"), ("advance", 60), ("do", None, "pickup"), ("advance", 60), ("do", None, "deliver")]


def _order(index: int, *moves: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """Moves of the index-th order (``None`` in a move stands for it)."""
    return [tuple(index if part is None else part for part in move) for move in moves]


def _delivered(index: int) -> list[tuple[Any, ...]]:
    return _order(index, *TO_DOOR)


SCRIPT: list[tuple[Any, ...]] = [
    ("report", 14, False),
    ("discount", 0, 0, 37),
    ("advance", 2 * HOUR),
    # 0: partly cancelled, delivered, completed, then a partial refund offered and taken after release
    ("place", 0, [(0, 3), (1, 1)], PAID, True), *_order(0, ("do", None, "partial cancel")), *_delivered(0),
    *_order(0, ("do", None, "confirm receipt"), ("do", None, "return REFUND of one unit"), ("ret", None, "seller offers"),
            ("ret", None, "buyer takes offer")),
    # 1: never paid; 2: COD that never reaches its buyer; 3: a lost parcel
    ("place", 1, [(2, 2)], UNPAID, False),
    ("place", 1, [(3, 1), (4, 2)], COD, False), *_order(2, *TO_DOOR[:4], ("do", None, "fail delivery")),
    ("place", 2, [(5, 4)], PAID, False), *_order(3, *TO_DOOR[:4], ("do", None, "lose")),
    # 4: collected by its buyer, paid on collection
    ("place", 2, [(6, 1), (7, 1)], COLLECT_COD, False), *_order(4, ("do", None, "ready for collection"), ("do", None, "collected")),
    # 5: never shipped (the platform cancels it); 6: the buyer's cancellation accepted; 7: the seller cancels
    ("place", 3, [(8, 2)], PAID, False),
    ("place", 3, [(9, 1)], PAID, False), *_order(6, ("do", None, "buyer asks to cancel"), ("do", None, "cancellation ACCEPT")),
    ("place", 4, [(10, 3)], COD, False), *_order(7, ("do", None, "seller cancels")),
    # 8: returned and disputed, Shopee rules for the buyer; 9: refund-only claim, Shopee rules for the seller
    ("place", 0, [(11, 2)], PAID, False), *_delivered(8), *_order(8, ("do", None, "return RETURN_REFUND"), ("ret", None, "seller disputes"),
                                                              ("ret", None, "judged for buyer")),
    ("place", 1, [(12, 1), (13, 2)], PAID, False), *_delivered(9),
    *_order(9, ("do", None, "return REFUND"), ("ret", None, "seller disputes"), ("ret", None, "judged for seller")),
    # 10: the platform grants the refund the seller ignored, then approves the seller's compensation request
    ("place", 2, [(14, 2)], PAID, False), *_delivered(10), *_order(10, ("do", None, "return REFUND")),
    # 11: two returns of one order; the first is auto-granted and compensated while the second is still open
    ("place", 3, [(15, 2)], PAID, False), *_delivered(11),
    *_order(11, ("do", None, "return REFUND of one unit"), ("do", None, "return RETURN_REFUND of one unit"), ("ret", None, "seller disputes")),
    # 12: paid later, a failed pickup arranged again, delivered, returned and refunded before completion
    ("place", 4, [(0, 1), (16, 2)], UNPAID, False), *_order(12, ("do", None, "pay"), ("do", None, "ship"), ("do", None, "fail pickup"),
                                                              ("do", None, "ship")),
    *_order(12, ("do", None, "pickup"), ("do", None, "deliver"), ("do", None, "return RETURN_REFUND"), ("ret", None, "return offer accepted by seller"),
            ("ret", None, "ship back"), ("ret", None, "return received"), ("ret", None, "return confirmed")),
    # 13: bought at the promotion price, completed when the confirm period ends
    ("place", 0, [(0, 2)], PAID, False), *_delivered(13),
    ("advance", 3 * DAY + HOUR),
    *_order(10, ("ret", None, "compensation requested"), ("ret", None, "compensation judged for seller")),
    *_order(11, ("ret", None, "compensation requested"), ("ret", None, "compensation judged for seller")),
    ("advance", HOUR),
    # the second return ends: the order completes and its escrow is released with the compensation
    *_order(11, ("ret", None, "judged for seller")),
    ("advance", 4 * DAY),
    ("report", 7, False),
    ("report", 0, True),
    ("advance", 9 * DAY),
]


def programs(steps: int = 60) -> st.SearchStrategy[list[tuple[Any, ...]]]:
    """Mixed steps: new orders of every kind, moves on orders and returns, discounts, documents, clock jumps."""
    index = st.integers(0, 10_000)
    place = st.tuples(st.just("place"), st.integers(0, 4), st.lists(st.tuples(index, st.integers(1, 4)), min_size=1, max_size=3),
                      st.integers(0, len(KINDS) - 1), st.booleans())
    order = st.tuples(st.just("order"), index, index)
    returned = st.tuples(st.just("return"), index, index)
    advance = st.tuples(st.just("advance"), st.sampled_from(JUMPS))
    kinds: dict[str, st.SearchStrategy[tuple[Any, ...]]] = {
        "place": place, "order": order, "return": returned, "advance": advance,
        "discount": st.tuples(st.just("discount"), st.integers(0, 4), index, st.integers(1, 60)),
        "report": st.tuples(st.just("report"), st.integers(1, 20), st.booleans()),
    }
    # mostly moves on what exists, now and then a discount or a document
    weights = ["order"] * 7 + ["return"] * 3 + ["place"] * 3 + ["advance"] * 2 + ["discount", "report"]
    step = st.sampled_from(weights).flatmap(kinds.__getitem__)
    return st.lists(step, min_size=steps // 2, max_size=steps)
