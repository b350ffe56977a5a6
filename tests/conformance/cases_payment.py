"""Conformance cases: the payment APIs (v2.payment.*)."""
from __future__ import annotations

from tests.conformance.cases import Call, Cases, World  # noqa: F401  (the format cases use)

CASES = Cases()
# APIs of this domain with no case yet; each case added removes its API from here.
PENDING: dict[str, str] = {
    "v2.payment.generate_income_report": "no case yet",
    "v2.payment.generate_income_statement": "no case yet",
    "v2.payment.get_billing_transaction_info": "no case yet",
    "v2.payment.get_escrow_detail": "no case yet",
    "v2.payment.get_escrow_detail_batch": "no case yet",
    "v2.payment.get_escrow_list": "no case yet",
    "v2.payment.get_income_report": "no case yet",
    "v2.payment.get_income_statement": "no case yet",
    "v2.payment.get_payment_method_list": "no case yet",
    "v2.payment.get_payout_detail": "no case yet",
    "v2.payment.get_payout_info": "no case yet",
    "v2.payment.get_wallet_transaction_list": "no case yet",
}
