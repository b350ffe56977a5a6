"""v2.payment.get_income_overview and get_income_detail (see ``income``)."""
from __future__ import annotations

from typing import Any

from emulator.context import RequestContext
from emulator.domains.payment import income
from emulator.registry import operation
from emulator.spec import RequestModel


class OverviewRequest(RequestModel):
    income_status: int | None = None


class DetailRequest(RequestModel):
    """Every parameter optional at validation: a missing one gets the API's own message."""

    date_from: str | None = None
    date_to: str | None = None
    income_status: int | None = None
    cursor: str | None = None
    page_size: int | None = None


def _shop(ctx: RequestContext) -> int:
    return ctx.signed_shop_id


@operation("v2.payment.get_income_overview", request=OverviewRequest)
def get_income_overview(ctx: RequestContext, req: OverviewRequest) -> dict[str, Any]:
    """Released and pending income of an Outlet, or of every Outlet of a Mart."""
    return income.overview(ctx.emulator.payments, _shop(ctx), req.income_status)


@operation("v2.payment.get_income_detail", request=DetailRequest)
def get_income_detail(ctx: RequestContext, req: DetailRequest) -> dict[str, Any]:
    """An Outlet's released (by release date) or pending income records, by cursor."""
    return income.detail_page(
        ctx.emulator.payments, _shop(ctx), req.income_status, req.date_from, req.date_to, req.cursor, req.page_size,
    )
