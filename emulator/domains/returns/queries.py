"""get_return_list: a shop's returns newest first, filtered, paged by page_no and page_size."""
from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING, Any

from emulator.domains.returns import errors as e
from emulator.domains.returns.models import COMPENSATION, NEGOTIATION, PROOF, STATUSES
from emulator.domains.returns.views import list_entry
from emulator.errors import wrong_parameters

if TYPE_CHECKING:
    from emulator.domains.returns.models import ReturnModel
    from emulator.spec.requests import V2ReturnsGetReturnListRequest

MAX_WINDOW = 15 * 86400
PAGE_MAX = 100
FOREVER = 2**62
MAX_OFFSET = 2**62  # islice's limit is sys.maxsize; no shop holds this many returns


def _window(start: int | None, end: int | None, now: int, reversed_message: str, long_message: str) -> tuple[int, int] | None:
    if start is None and end is None:
        return None
    low = 0 if start is None else int(start)
    high = now if end is None else int(end)
    if start is None:
        low = high - MAX_WINDOW
    if end is None:
        high = low + MAX_WINDOW
    if low > high:
        raise e.ReturnError(reversed_message, error="error_param")
    if high - low > MAX_WINDOW:
        raise e.ReturnError(long_message, error="error_param")
    return low, high


def _compensation(value: str) -> str:
    # the reference's own example sends NOT_REQUIRED for COMPENSATION_NOT_REQUIRED
    return value if value.startswith("COMPENSATION_") else f"COMPENSATION_{value}"


def return_list(model: "ReturnModel", shop_id: int, req: V2ReturnsGetReturnListRequest) -> dict[str, Any]:
    if not 1 <= req.page_size <= PAGE_MAX:
        raise wrong_parameters(f"page_size should be between 1 and {PAGE_MAX}")
    if req.page_no < 0:
        raise wrong_parameters("page_no should not be negative")
    filters = {
        "status": (req.status, STATUSES),
        "negotiation_status": (req.negotiation_status, NEGOTIATION),
        "seller_proof_status": (req.seller_proof_status, PROOF),
        "seller_compensation_status": (_compensation(req.seller_compensation_status) if req.seller_compensation_status else None, COMPENSATION),
    }
    for name, (value, allowed) in filters.items():
        if value and value not in allowed:
            raise wrong_parameters(f"{name} should be one of {', '.join(allowed)}")
    now = model.now()
    created = _window(req.create_time_from, req.create_time_to, now, e.CREATE_REVERSED, e.WINDOW_TOO_LONG)
    updated = _window(req.update_time_from, req.update_time_to, now, e.UPDATE_REVERSED, e.UPDATE_WINDOW_TOO_LONG)
    if created and updated and updated[0] < created[0]:
        raise e.ReturnError(e.UPDATE_BEFORE_CREATE, error="error_param")
    field, (low, high) = ("update_time", updated) if updated and not created else ("create_time", created or (0, FOREVER))
    matching = (
        doc
        for doc in (model.find(sn) for sn in model.index.newest_first(shop_id, field, req.status or None, low, high))
        if doc is not None and _matches(doc, filters, updated)
    )
    # page_no counts pages from 0 (the page's "Default is 0"), as integrations in the field page it
    offset = min(int(req.page_no) * int(req.page_size), MAX_OFFSET)
    page = list(islice(matching, offset, offset + int(req.page_size) + 1))
    more = len(page) > req.page_size
    return {"more": more, "return": [list_entry(doc) for doc in page[: req.page_size]]}


def _matches(doc: dict[str, Any], filters: dict[str, tuple[str | None, tuple[str, ...]]], updated: tuple[int, int] | None) -> bool:
    if updated and not updated[0] <= doc["update_time"] <= updated[1]:
        return False
    values = {
        "negotiation_status": doc["negotiation"]["status"],
        "seller_proof_status": doc["proof"]["status"],
        "seller_compensation_status": doc["compensation"]["status"],
    }
    return all(not filters[name][0] or filters[name][0] == value for name, value in values.items())
