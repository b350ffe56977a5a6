"""Conformance cases: the order APIs (v2.order.*)."""
from __future__ import annotations

from tests.conformance.cases import Call, Cases, World  # noqa: F401  (the format cases use)

CASES = Cases()
# APIs of this domain with no case yet; each case added removes its API from here.
PENDING: dict[str, str] = {
    "v2.order.cancel_order": "no case yet",
    "v2.order.get_order_detail": "no case yet",
    "v2.order.get_order_list": "no case yet",
    "v2.order.get_package_detail": "no case yet",
    "v2.order.get_shipment_list": "no case yet",
    "v2.order.handle_buyer_cancellation": "no case yet",
    "v2.order.search_package_list": "no case yet",
    "v2.order.set_note": "no case yet",
    "v2.order.split_order": "no case yet",
    "v2.order.unsplit_order": "no case yet",
}
