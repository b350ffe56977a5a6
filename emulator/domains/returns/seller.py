"""The seller's answers to a return: confirm, offer, accept the buyer's proposal, dispute, proofs."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from emulator.domains.product.amounts import money
from emulator.domains.returns import errors as e
from emulator.domains.returns import jobs
from emulator.domains.returns.models import BUYER_RESPONSE, EVIDENCE_WINDOW, NON_RECEIPT, SOLUTIONS, dec
from emulator.domains.returns.reasons import modules, reason_ids
from emulator.errors import ShopeeError, wrong_parameters

if TYPE_CHECKING:
    from emulator.domains.returns.models import ReturnModel

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
REVIEWING = ("SELLER_DISPUTE", "JUDGING")
NEGOTIABLE = ("REQUESTED",)
DISPUTABLE = ("REQUESTED", "PROCESSING", "ACCEPTED")
MAX_PROOF_PHOTOS = 9
MAX_MODULE_IMAGES = 3
# no page states these bounds; they keep a hostile body from being stored whole
MAX_URL = 2048
MAX_EMAIL = 254
MAX_PROOF_DESCRIPTION = 5000
PARAM_ERROR = "dispute.request.param.error"


class SellerActions:
    """Rules of the seller's return APIs; every method takes the calling shop's id first."""

    def __init__(self, model: "ReturnModel") -> None:
        self.model = model

    def disputed(self, shop_id: int, return_sn: str) -> dict[str, Any]:
        """The return a dispute API names, with the dispute pages' refusals for a blank or unknown return_sn."""
        if not return_sn.strip():
            raise e.ReturnError(e.DISPUTE_SN_REQUIRED, error=PARAM_ERROR)
        return self.model.of_shop(shop_id, return_sn, e.ReturnNotFound(e.DISPUTE_NOT_FOUND, error=PARAM_ERROR))

    def _status_error(self, doc: dict[str, Any]) -> e.ReturnError:
        if doc["status"] in REVIEWING:
            return e.ReturnError(e.UNDER_REVIEW, error="error_data")
        return e.ReturnError(e.INVALID_STATUS.format(status=doc["status"]), error="error_data")

    # -- confirm: refund in full -----------------------------------------------------------------
    def confirm(self, shop_id: int, return_sn: str) -> dict[str, Any]:
        """The seller agrees to refund the full amount (before the goods come back, the buyer keeps them)."""
        model = self.model
        doc = model.of_shop(shop_id, return_sn)
        if doc["status"] not in ("REQUESTED", "PROCESSING"):
            raise self._status_error(doc)
        doc = model.editable(return_sn)
        doc["refund_amount"] = doc["full_refund"]
        model.refund(doc, model.now(), "seller")
        return doc

    # -- negotiation -------------------------------------------------------------------------------
    def solutions(self, shop_id: int, return_sn: str) -> dict[str, Any]:
        doc = self.model.of_shop(shop_id, return_sn)
        eligible = doc["status"] in NEGOTIABLE and doc["negotiation"]["status"] == "PENDING_RESPOND"
        low, high = self._bounds(doc)
        # a refund-only claim of goods that never arrived cannot be answered with "send them back"
        return_refund = eligible and doc["reason"] not in NON_RECEIPT
        return {
            "return_sn": return_sn,
            "offer_return_refund": _solution(return_refund, low, high),
            "offer_refund": _solution(eligible, low, high),
        }

    def _bounds(self, doc: dict[str, Any]) -> tuple[Decimal, Decimal]:
        return Decimal(1).scaleb(-self.model.digits(doc)), dec(doc["full_refund"])

    def offer(self, shop_id: int, return_sn: str, solution: str, amount: float | None) -> dict[str, Any]:
        model = self.model
        doc = model.of_shop(shop_id, return_sn)
        if doc["status"] in REVIEWING:
            raise e.ReturnError(e.ONGOING_DISPUTE, error="error_ongoing_dispute")
        if solution not in SOLUTIONS:
            raise wrong_parameters("proposed_solution should be RETURN_REFUND or REFUND")
        if doc["status"] not in NEGOTIABLE:
            raise e.ReturnError(e.STATUS_NOT_SUPPORTED, error="error_return_status")
        negotiation = doc["negotiation"]
        if solution == "RETURN_REFUND" and doc["reason"] in NON_RECEIPT:
            raise e.ReturnError(e.SOLUTION_NOT_AVAILABLE, error="error_param")
        if negotiation["status"] != "PENDING_RESPOND" or negotiation["counter_limit"] < 1:
            raise e.ReturnError(e.NEGOTIATION_NOT_SUPPORTED, error="error_negotiation_status")
        proposed = self._amount(doc, amount)
        doc = model.editable(return_sn)
        now = model.now()
        due = now + BUYER_RESPONSE
        doc["negotiation"].update(
            status="PENDING_BUYER_RESPOND", solution=solution, amount=money(proposed), creator="seller",
            counter_limit=negotiation["counter_limit"] - 1, due_date=due,
        )
        doc["due_date"] = 0
        model.move(doc, "REQUESTED", now)
        model.later(jobs.BUYER_RESPONSE, doc, due)
        return doc

    def _amount(self, doc: dict[str, Any], amount: float | None) -> Decimal:
        if amount is None:
            raise e.ReturnError(e.AMOUNT_MISSING, error="error_param")
        try:
            value = Decimal(str(amount))
        except InvalidOperation:
            raise e.ReturnError(e.AMOUNT_MISSING, error="error_param") from None
        if not value.is_finite() or value <= 0:
            raise e.ReturnError(e.AMOUNT_NOT_POSITIVE, error="error_param")
        low, high = self._bounds(doc)
        if value > high:
            raise e.ReturnError(e.AMOUNT_TOO_HIGH, error="error_param")
        digits = self.model.digits(doc)
        if value != value.quantize(low):
            raise e.ReturnError(e.AMOUNT_DIGITS.format(digit=digits), error="error_param")
        if value < low:
            raise e.ReturnError(e.AMOUNT_TOO_LOW, error="error_param")
        return value

    def accept_offer(self, shop_id: int, return_sn: str) -> dict[str, Any]:
        """The seller takes the buyer's proposal (the request itself or the buyer's counter-offer)."""
        model = self.model
        doc = model.of_shop(shop_id, return_sn)
        if doc["status"] in REVIEWING:
            raise e.ReturnError(e.UNDER_REVIEW, error="error_data")
        if doc["status"] not in NEGOTIABLE:
            raise e.ReturnError(e.STATUS_NOT_SUPPORTED, error="error_return_status")
        negotiation = doc["negotiation"]
        if negotiation["status"] == "PENDING_BUYER_RESPOND":
            raise e.ReturnError(e.OWN_OFFER, error="err_data")
        if negotiation["status"] != "PENDING_RESPOND" or negotiation["creator"] != "buyer":
            raise e.ReturnError(e.NO_BUYER_PROPOSAL, error="error_no_buyer_offer")
        doc = model.editable(return_sn)
        model.settle(doc, negotiation["solution"], negotiation["amount"], model.now(), "seller")
        return doc

    # -- disputes ----------------------------------------------------------------------------------
    def dispute(
        self, shop_id: int, return_sn: str, email: str, reason_id: int, text: str, images: list[dict[str, Any]]
    ) -> dict[str, Any]:
        model = self.model
        doc = self.disputed(shop_id, return_sn)
        if not email.strip():
            raise e.ReturnError(e.EMPTY_EMAIL, error=PARAM_ERROR)
        _check_email(email)
        if not reason_id:  # 0 is what a client sends when it has not picked a reason
            raise e.ReturnError(e.DISPUTE_REASON_EMPTY, error=PARAM_ERROR)
        if doc["status"] in REVIEWING:
            raise e.ReturnError(e.UNDER_REVIEW, error="error_data")
        if doc["status"] not in DISPUTABLE:
            raise e.ReturnError(e.DISPUTE_STATUS, error="error_return_status")
        if doc["status"] == "ACCEPTED" and doc["compensation"]["status"] != "COMPENSATION_PENDING_REQUEST":
            raise e.ReturnError(e.DISPUTE_NOT_ALLOWED, error="dispute.rr.not.allow")
        if reason_id not in reason_ids(doc):
            raise e.ReturnError(e.INVALID_DISPUTE_REASON, error="error_perm")
        if len(text) > MAX_PROOF_DESCRIPTION:  # the page sets none: the bound a proof's description has
            raise wrong_parameters(f"dispute_text_reason should be at most {MAX_PROOF_DESCRIPTION} characters")
        checked = _evidence(reason_id, images)
        evidence = any(entry["image_url"] for entry in checked)
        doc = model.editable(return_sn)
        now = model.now()
        doc["dispute_reason"], doc["dispute_text_reason"], doc["dispute_email"] = reason_id, text, email
        doc["dispute_images"] = checked
        if doc["status"] == "ACCEPTED":
            doc["compensation"]["status"] = "COMPENSATION_REQUESTED"
            model.move(doc, "ACCEPTED", now)
            return doc
        deadline = now + EVIDENCE_WINDOW
        doc["proof"] = {**doc["proof"], "status": "UPLOADED" if evidence else "PENDING", "deadline": deadline}
        doc["due_date"] = 0 if evidence else deadline
        model.move(doc, "JUDGING" if evidence else "SELLER_DISPUTE", now)
        if not evidence:
            model.later(jobs.EVIDENCE_DUE, doc, deadline)
        return doc

    def cancel_dispute(self, shop_id: int, return_sn: str, email: str) -> dict[str, Any]:
        model = self.model
        doc = model.of_shop(shop_id, return_sn)
        _check_email(email.strip())
        compensation = doc["compensation"]["status"]
        if doc["status"] != "ACCEPTED":
            raise e.ReturnError(e.CANCEL_NOT_ACCEPTED, error="dispute.cancel.ineligible")
        message = {
            "COMPENSATION_NOT_APPLICABLE": e.CANCEL_NOT_ELIGIBLE,
            "COMPENSATION_APPROVED": e.CANCEL_APPROVED,
            "COMPENSATION_REJECTED": e.CANCEL_REJECTED,
        }.get(compensation, e.CANCEL_NOT_REQUESTED)
        if compensation != "COMPENSATION_REQUESTED":
            raise e.ReturnError(message, error="dispute.cancel.ineligible")
        doc = model.editable(return_sn)
        doc["compensation"]["status"] = "COMPENSATION_CANCELLED"
        model.move(doc, "ACCEPTED", model.now())
        return doc

    def convert_image(self, shop_id: int, upload: Any, base_url: str) -> dict[str, Any]:
        media = self.model.emulator.products.media
        try:
            data, kind = media.check(upload)
        except ShopeeError:
            raise e.ReturnError(e.FORMAT_UNSUPPORTED, error="format.unsupport") from None
        url = media.url(media.save(data, kind, "return_proof", shop_id), base_url)
        return {"url": url, "thumbnail": url}

    # -- proofs --------------------------------------------------------------------------------------
    def upload_proof(self, shop_id: int, return_sn: str, photos: list[dict[str, Any]], description: str) -> dict[str, Any]:
        model = self.model
        doc = model.of_shop(shop_id, return_sn, e.ReturnNotFound(e.PROOF_NOT_FOUND, error="returnsn.illegal"))
        # a blank description is no proof either: it would mark the proof UPLOADED with nothing in it
        description = description if description.strip() else ""
        if not photos and not description:
            raise e.ReturnError(e.NO_PROOF, error="no.proof")
        if len(description) > MAX_PROOF_DESCRIPTION:
            raise wrong_parameters(f"description should be at most {MAX_PROOF_DESCRIPTION} characters")
        for photo in photos:
            if not _is_link(photo["url"]) or not _is_link(photo["thumbnail"]):
                raise e.ReturnError(e.URL_UNSUPPORTED, error="format.unsupported")
        # uploads add to the case, so the cap holds for what is stored, not for one call
        if len(doc["proof"]["photo"]) + len(photos) > MAX_PROOF_PHOTOS:
            raise e.ReturnError(e.ENTRY_COUNT, error="number.error")
        if doc["proof"]["status"] == "NOT_NEEDED":
            # nothing is overdue when no dispute ever asked for proof; the page has no closer error
            raise wrong_parameters(e.NO_DISPUTE.format(status=doc["status"]))
        if doc["status"] not in REVIEWING or doc["proof"]["status"] == "OVERDUE":
            raise e.ReturnError(e.PROOF_OVERDUE, error="proof.overdue")
        doc = model.editable(return_sn)
        proof = doc["proof"]
        proof["photo"] = proof["photo"] + [{"url": p["url"], "thumbnail": p["thumbnail"]} for p in photos]
        proof["description"] = description or proof["description"]
        proof["status"] = "UPLOADED"
        doc["due_date"] = 0
        model.move(doc, "JUDGING", model.now())
        return doc


def _evidence(reason_id: int, images: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Check image_list against the reason's evidence modules; answer the entries to store.

    Checked before anything is written, so a refused dispute leaves the return as it was.
    """
    wanted = modules(reason_id)
    counts: dict[int, int] = {}
    checked: list[dict[str, Any]] = []
    for position, entry in enumerate(images):
        index = entry["module_index"]
        module = wanted.get(index)
        # a module the reason does not list cannot match its requirement either
        if module is None or entry["requirement"].strip() != module[0]:
            raise e.ReturnError(e.REQUIREMENT_MISMATCH, error=PARAM_ERROR)
        # every entry counts, so padding a module cannot smuggle more than 3 strings into it
        counts[index] = counts.get(index, 0) + len(entry["image_url"])
        if counts[index] > MAX_MODULE_IMAGES:
            raise e.ReturnError(e.TOO_MANY_IMAGES, error=PARAM_ERROR)
        for number, url in enumerate(entry["image_url"]):
            if not _is_link(url):
                raise wrong_parameters(
                    f"image_list[{position}].image_url[{number}] should be an http or https URL of at most {MAX_URL} characters"
                )
        checked.append({"module_index": index, "requirement": module[0], "image_url": list(entry["image_url"])})
    required = [index for index, (_, needed) in wanted.items() if needed]
    if required and not images:
        raise e.ReturnError(e.EVIDENCE_MISSING, error=PARAM_ERROR)
    given = {entry["module_index"] for entry in images}
    if any(index not in given for index in required):
        raise e.ReturnError(e.MODULE_MISSING, error=PARAM_ERROR)
    if any(counts[index] == 0 for index in required):
        raise e.ReturnError(e.EVIDENCE_MISSING, error=PARAM_ERROR)
    return checked


def _is_link(url: str) -> bool:
    """An http(s) address with a host, no whitespace, of a length a link can have."""
    if not url or len(url) > MAX_URL or any(c.isspace() for c in url):
        return False
    try:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


def _check_email(email: str) -> None:
    if len(email) > MAX_EMAIL:
        raise wrong_parameters(f"email should be at most {MAX_EMAIL} characters")
    if not EMAIL.match(email):
        raise e.ReturnError(e.INVALID_EMAIL.format(email=email), error="error_perm")


def _solution(eligible: bool, low: Decimal, high: Decimal) -> dict[str, Any]:
    answer: dict[str, Any] = {"eligibility": eligible, "refund_amount_adjustable": eligible}
    if eligible:
        answer.update(max_refund_amount=float(high), min_refund_amount=float(low))
    return answer
