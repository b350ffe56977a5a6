"""Conformance cases: the returns APIs (v2.returns.*)."""
from __future__ import annotations

from tests.conformance.cases import Call, Cases, World  # noqa: F401  (the format cases use)

CASES = Cases()
# APIs of this domain with no case yet; each case added removes its API from here.
PENDING: dict[str, str] = {
    "v2.returns.accept_offer": "no case yet",
    "v2.returns.cancel_dispute": "no case yet",
    "v2.returns.confirm": "no case yet",
    "v2.returns.convert_image": "no case yet",
    "v2.returns.dispute": "no case yet",
    "v2.returns.get_available_solutions": "no case yet",
    "v2.returns.get_return_detail": "no case yet",
    "v2.returns.get_return_dispute_reason": "no case yet",
    "v2.returns.get_return_list": "no case yet",
    "v2.returns.get_reverse_tracking_info": "no case yet",
    "v2.returns.get_shipping_carrier": "no case yet",
    "v2.returns.offer": "no case yet",
    "v2.returns.query_proof": "no case yet",
    "v2.returns.upload_proof": "no case yet",
    "v2.returns.upload_shipping_proof": "no case yet",
}
