"""Errors of the v2.returns.* APIs, with the platform's codes and strings.

    ShopeeError
    ├── ReturnNotFound   error_data "The return you queried doesn't exist."
    └── ReturnError      every other rule; ``error`` carries the platform's code
"""
from __future__ import annotations

from emulator.errors import ShopeeError

NOT_FOUND = "The return you queried doesn't exist."
DISPUTE_NOT_FOUND = "The return_sn you requested was not queried, please check it"
DISPUTE_SN_REQUIRED = "return_sn is a required parameter"
DISPUTE_REASON_EMPTY = "Can't raise dispute because the dispute reason is empty"
PROOF_NOT_FOUND = "return sn is illegal"
INVALID_STATUS = "Invalid return status: {status}"
UNDER_REVIEW = "Shopee is reviewing the case and will get back to you."
STATUS_NOT_SUPPORTED = "The return status cannot support this action"
NEGOTIATION_NOT_SUPPORTED = "The negotiation status cannot support this action"
OWN_OFFER = "Cannot accept your own offer."
NO_BUYER_PROPOSAL = "cannot accept refund offer because there is no proposal from buyer"
ONGOING_DISPUTE = "cannot offer refund to buyer when return has ongoing dispute"
AMOUNT_MISSING = "Please fill a value for proposed adjusted refund amount"
AMOUNT_NOT_POSITIVE = "The proposed adjusted refund amount must be positive"
AMOUNT_TOO_LOW = "The proposed adjusted refund amount can not be lower than min refund amount"
AMOUNT_TOO_HIGH = "The proposed adjusted refund amount can not exceed max refund amount"
AMOUNT_DIGITS = "The proposed adjusted refund amount only accepts {digit} digit(s) after decimal point"
DISPUTE_STATUS = "Cannot raise dispute because return SN is not in REQUESTED, RETURN_PROCESSING, or RETURN_ACCEPTED"
DISPUTE_NOT_ALLOWED = "dispute.rr.not.allow"
INVALID_DISPUTE_REASON = "invalid dispute_reason."
EVIDENCE_MISSING = "can't raise dispute because mandatory evidence is missing"
MODULE_MISSING = "Unable to raise dispute as mandatory module index is missing"
REQUIREMENT_MISMATCH = "can't raise dispute because the requirement and dispute reason ID does not match"
TOO_MANY_IMAGES = "Invalid images, images max size is 3 per module"
EMPTY_EMAIL = "Input invalid email=[]"
INVALID_EMAIL = "invalid email : {email}."
CANCEL_NOT_ACCEPTED = "Cannot cancel dispute when return status is not in ACCEPTED"
CANCEL_NOT_ELIGIBLE = "Cannot cancel dispute because return SN is not eligible for compensation dispute"
CANCEL_APPROVED = "Cannot cancel dispute when compensation status is already in COMPENSATION_APPROVED"
CANCEL_REJECTED = "Cannot cancel dispute when compensation status is already in COMPENSATION_REJECTED"
CANCEL_NOT_REQUESTED = "Cannot cancel dispute when compensation status is not in COMPENSATION_REQUESTED"
WINDOW_TOO_LONG = "The period between create_time_from and created_time_of must not more than 15 days."
UPDATE_WINDOW_TOO_LONG = "The period between update_time_from and update_time_to must not more than 15 days."
CREATE_REVERSED = "The create_time_to should be later than create_time_from."
UPDATE_REVERSED = "The update_time_to should be later than update_time_from."
UPDATE_BEFORE_CREATE = "The update_time_from must be after create_time_from."
PROOF_OVERDUE = "proof is overdue"
NO_DISPUTE = "return_sn has no dispute awaiting proof (status {status}, seller_proof_status NOT_NEEDED)"
NO_PROOF = "no proof"
ENTRY_COUNT = "not support entry count"
FORMAT_UNSUPPORTED = "The Image Format Not Support"
URL_UNSUPPORTED = "Not Support Url"


class ReturnNotFound(ShopeeError):
    """The return does not exist in the calling shop."""

    error = "error_data"

    def __init__(self, message: str = NOT_FOUND, error: str | None = None) -> None:
        super().__init__(message, error=error)


class ReturnError(ShopeeError):
    """A rule of the return APIs; ``error`` carries the platform's code."""


RETURN_NOT_FOUND = "Return not found"
NO_CARRIER_LIST = "No reverse logistics carrier list available"
SELLER_ARRANGE_DISABLED = "New seller arrange flow is not enabled"
SOLUTION_NOT_AVAILABLE = "This proposed solution is not one of the available solutions for this return."
