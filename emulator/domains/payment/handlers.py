"""v2.payment.* handlers: read params, call the payment model, return plain dicts.

Several request models override the reference's declarations only to make required parameters
optional at validation, so that a missing one gets the API's own message rather than the generic one.
"""
from __future__ import annotations

from typing import Any

from emulator.context import RequestContext
from emulator.spec.requests import (
    V2PaymentGetBillingTransactionInfoRequest,
    V2PaymentGetPaymentMethodListRequest,
    V2PaymentGetPayoutDetailRequest,
    V2PaymentGetPayoutInfoRequest,
    V2PaymentGetWalletTransactionListRequest,
)
from emulator.domains.payment import errors as e
from emulator.domains.payment import views
from emulator.domains.payment.wallet import BY_NUMBER, FLOWS, TABS, TYPES
from emulator.errors import wrong_parameters
from emulator.registry import operation
from pydantic import field_validator

from emulator.spec import RequestModel

BATCH_LIMIT = 50
WALLET_MAX_RANGE = 15 * 86400
MAX_TIME = 253_402_300_799 - 86_400  # datetime cannot show a day past 9999-12-30


class EscrowDetailRequest(RequestModel):
    order_sn: str | None = None


class EscrowBatchRequest(RequestModel):
    order_sn_list: list[Any] | None = None

    @field_validator("order_sn_list", mode="before")
    @classmethod
    def _list_or_none(cls, value: Any) -> Any:
        # anything but a list gets the API's own message, not the generic type error
        return value if isinstance(value, list) else None


class EscrowListRequest(RequestModel):
    release_time_from: int | None = None
    release_time_to: int | None = None
    page_size: int | None = None
    page_no: int | None = None


class ReleaseWindowRequest(RequestModel):
    release_time_from: int | None = None
    release_time_to: int | None = None
    statement_type: int | None = None


class StatementRequest(RequestModel):
    income_statement_id: int | None = None


class ReportRequest(RequestModel):
    income_report_id: int | None = None


def _order_sn(order_sn: str | None) -> str:
    if not order_sn or not order_sn.strip():
        raise e.param(e.MISSING_ORDER_SN)
    return order_sn.strip()


@operation("v2.payment.get_escrow_detail", request=EscrowDetailRequest)
def get_escrow_detail(ctx: RequestContext, req: EscrowDetailRequest) -> dict[str, Any]:
    """The escrow breakdown of one order of the shop (a Mart sees its Outlets' orders)."""
    order = ctx.emulator.payments.order_of(ctx.signed_shop_id, _order_sn(req.order_sn))
    if order is None:
        raise e.order_not_found()
    return views.escrow_detail(ctx.emulator.payments.escrow(order))


# The page documents GET (order_sn_list in the query); published clients send a POST body, as the page once said.
@operation("v2.payment.get_escrow_detail_batch", request=EscrowBatchRequest, also_methods=("POST",))
def get_escrow_detail_batch(ctx: RequestContext, req: EscrowBatchRequest) -> list[dict[str, Any]]:
    """Up to 50 orders; an order that is not the shop's gets fail_error in its entry."""
    order_sns = req.order_sn_list
    if not isinstance(order_sns, list) or not order_sns or not all(isinstance(sn, str) and sn for sn in order_sns):
        raise e.param(e.BATCH_REQUIRED)
    if len(order_sns) > BATCH_LIMIT:
        raise e.PaymentError(e.BATCH_LIMIT, error="exceed_max_limit")
    return [_batch_entry(ctx, order_sn) for order_sn in order_sns]


def _batch_entry(ctx: RequestContext, order_sn: str) -> dict[str, Any]:
    order = ctx.emulator.payments.order_of(ctx.signed_shop_id, order_sn)
    if order is None:
        return {"escrow_detail": {"order_sn": order_sn, "return_order_sn_list": []},
                "fail_error": "order_not_found", "fail_message": e.BATCH_ORDER_NOT_FOUND}
    return {"escrow_detail": views.batch_escrow_detail(ctx.emulator.payments.escrow(order))}


@operation("v2.payment.get_escrow_list", request=EscrowListRequest)
def get_escrow_list(ctx: RequestContext, req: EscrowListRequest) -> dict[str, Any]:
    """Escrows released in the window, newest first, by page number."""
    if req.release_time_from is None or req.release_time_to is None or req.release_time_from < 0 or req.release_time_to < 0:
        raise e.param(e.RELEASE_MISSING)
    if req.release_time_from > req.release_time_to:
        raise e.param(e.RELEASE_ORDER)
    page_size = 40 if req.page_size is None else req.page_size
    if not 1 <= page_size <= 100:
        raise e.param(e.PAGE_SIZE)
    page_no = 1 if req.page_no is None else req.page_no
    if page_no < 1:
        raise wrong_parameters("page_no should be at least 1")
    found, more = ctx.emulator.payments.escrow_page(ctx.signed_shop_id, req.release_time_from, req.release_time_to, page_no, page_size)
    return {"escrow_list": [views.escrow_list_entry(d) for d in found], "more": more}


@operation("v2.payment.get_wallet_transaction_list")
def get_wallet_transaction_list(ctx: RequestContext, req: V2PaymentGetWalletTransactionListRequest) -> dict[str, Any]:
    """Wallet transactions newest first; page_no counts pages from 0."""
    if not 1 <= req.page_size <= 100:
        raise wrong_parameters("page_size should be between 1 and 100")
    if req.page_no < 0:
        raise wrong_parameters("page_no should be 0 or more")
    time_from, time_to = _wallet_window(req.create_time_from, req.create_time_to)
    found, more = ctx.emulator.payments.wallet.page(
        ctx.signed_shop_id, time_from, time_to, req.page_no * req.page_size, req.page_size, _wallet_filters(req)
    )
    return {"transaction_list": [views.wallet_transaction(d) for d in found], "more": more}


def _wallet_window(time_from: int | None, time_to: int | None) -> tuple[int, int]:
    if (time_from is not None and not 0 <= time_from < MAX_TIME) or (time_to is not None and not 0 <= time_to < MAX_TIME):
        raise e.PaymentError(e.TIME_INVALID, error="time_invalid")
    if time_from is None and time_to is None:
        return 0, MAX_TIME
    if time_from is None:
        assert time_to is not None  # both missing was answered above
        time_from = max(0, time_to - WALLET_MAX_RANGE)
    if time_to is None:
        time_to = time_from + WALLET_MAX_RANGE
    if time_from > time_to:
        raise e.PaymentError(e.TIME_ORDER, error="time_invalid")
    if time_to - time_from > WALLET_MAX_RANGE:
        raise e.PaymentError(e.TIME_TOO_LARGE, error="time_period_too_large")
    return time_from, time_to


def _wallet_filters(req: V2PaymentGetWalletTransactionListRequest) -> dict[str, str]:
    """Index buckets to match; an unknown transaction type matches nothing, an unknown tab or flow is ignored."""
    filters: dict[str, str] = {}
    kind = (req.transaction_type or "").strip().upper()
    if kind:
        kind = BY_NUMBER.get(kind, kind)
        filters["type"] = kind if kind in TYPES else "none"
    flow = (req.money_flow or "").strip().upper()
    if flow in FLOWS:
        filters["flow"] = flow
    tab = (req.transaction_tab_type or "").strip()
    if tab in TABS:
        filters["tab"] = tab
    return filters


@operation("v2.payment.generate_income_statement", request=ReleaseWindowRequest)
def generate_income_statement(ctx: RequestContext, req: ReleaseWindowRequest) -> dict[str, Any]:
    """Starts a weekly or monthly statement; it is PROCESSING until the clock job finishes it."""
    ctx.emulator.payments.documents.require_mart(ctx.signed_shop_id)
    if req.statement_type is None:
        raise e.param(e.STATEMENT_TYPE_LOCAL)
    if req.release_time_from is None or req.release_time_to is None:
        raise e.param(e.STATEMENT_RANGE)
    doc_id = ctx.emulator.payments.documents.generate_statement(ctx.signed_shop_id, req.release_time_from, req.release_time_to, req.statement_type)
    return {"id": doc_id}


@operation("v2.payment.generate_income_report", request=ReleaseWindowRequest)
def generate_income_report(ctx: RequestContext, req: ReleaseWindowRequest) -> dict[str, Any]:
    """Starts an income report over a release-time window."""
    return {"id": ctx.emulator.payments.documents.generate_report(ctx.signed_shop_id, req.release_time_from, req.release_time_to)}


@operation("v2.payment.get_income_statement", request=StatementRequest)
def get_income_statement(ctx: RequestContext, req: StatementRequest) -> dict[str, Any]:
    """Status of a statement, with its file link once it is downloadable."""
    return _document(ctx, "statement", req.income_statement_id)


@operation("v2.payment.get_income_report", request=ReportRequest)
def get_income_report(ctx: RequestContext, req: ReportRequest) -> dict[str, Any]:
    """Status of a report, with its file link once it is downloadable."""
    return _document(ctx, "report", req.income_report_id)


def _document(ctx: RequestContext, kind: str, doc_id: int | None) -> dict[str, Any]:
    documents = ctx.emulator.payments.documents
    doc = documents.find(ctx.signed_shop_id, kind, 0 if doc_id is None else doc_id)
    return views.income_document(doc, documents.link(doc, ctx.base_url))


@operation("v2.payment.get_payment_method_list")
def get_payment_method_list(ctx: RequestContext, req: V2PaymentGetPaymentMethodListRequest) -> list[dict[str, Any]]:
    """The checkout payment channels per region."""
    from emulator.domains.payment.fees import payment_methods

    return [{"payment_method": list(methods), "region": region} for region, methods in payment_methods().items()]


@operation("v2.payment.get_payout_detail")
def get_payout_detail(ctx: RequestContext, req: V2PaymentGetPayoutDetailRequest) -> None:
    """Cross-border sellers only; Instant Mart shops are local."""
    raise e.param(e.CROSS_BORDER_ONLY)


@operation("v2.payment.get_payout_info")
def get_payout_info(ctx: RequestContext, req: V2PaymentGetPayoutInfoRequest) -> None:
    """Cross-border sellers only; Instant Mart shops are local."""
    raise e.param(e.CROSS_BORDER_ONLY)


@operation("v2.payment.get_billing_transaction_info")
def get_billing_transaction_info(ctx: RequestContext, req: V2PaymentGetBillingTransactionInfoRequest) -> None:
    """Cross-border sellers only; Instant Mart shops are local."""
    raise e.param(e.CROSS_BORDER_ONLY)
