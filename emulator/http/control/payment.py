"""Control-plane routes for payment: wallet summaries, income-document settings, fee rates.

    GET  /_emulator/wallet/{shop_id}              balance and latest transaction (a Mart: sum and per Outlet)
    POST /_emulator/wallet/{shop_id}/withdraw     {"amount"}: an Outlet withdraws (default: the whole balance)
    GET/POST /_emulator/payment/reports           {"delay_seconds", "fail_next"} of income documents
    GET  /_emulator/payment/reports/{id}          one income document with its totals
    GET  /_emulator/payment/fees                  the fee rates per region
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from starlette.routing import Route

from emulator.http.control.plane import ControlCall, ControlError, NotFoundError, control, json_body, number
from emulator.domains.payment.fees import fee_table, rates
from emulator.domains.payment.reports import DOCUMENTS
from emulator.domains.product.amounts import money



def _whole(raw: str, name: str) -> int:
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        raise NotFoundError(f"{name} must be a whole number")
    return int(raw)


@control
async def wallet(call: ControlCall) -> dict[str, Any]:
    emulator = call.emulator
    shop_id = _whole(call.path_params["shop_id"], "shop_id")
    if emulator.shops.find(shop_id) is None:
        raise NotFoundError(f"shop {shop_id} does not exist")
    return dict(emulator.payments.wallet.summary(shop_id))


@control
async def withdraw(call: ControlCall) -> dict[str, Any]:
    emulator = call.emulator
    shop_id = _whole(call.path_params["shop_id"], "shop_id")
    shop = emulator.shops.find(shop_id)
    if shop is None:
        raise NotFoundError(f"shop {shop_id} does not exist")
    if shop["kind"] != "outlet":
        raise ControlError("withdrawals are made from an Outlet's wallet")
    body = await json_body(call)
    balance = emulator.payments.wallet.balance(shop_id)
    raw = number(body, "amount", required=False)
    # whole rupiah, two places for baht: the currency's own precision
    amount = balance if raw is None else rates(shop["region"]).round(Decimal(str(raw)))
    if amount <= 0 or amount > balance:
        raise ControlError(f"amount must be more than 0 and at most the balance {money(balance)}")
    with emulator.transaction():
        return dict(emulator.payments.wallet.withdraw(shop_id, amount))


@control
async def report_settings(call: ControlCall) -> dict[str, Any]:
    documents = call.emulator.payments.documents
    if call.method == "GET":
        return dict(documents.settings())
    body = await json_body(call)
    delay = number(body, "delay_seconds", required=False)
    fail_next = number(body, "fail_next", required=False)
    if delay is not None and delay < 0:
        raise ControlError("delay_seconds must not be negative")
    if fail_next is not None and (not isinstance(fail_next, int) or fail_next < 0):
        raise ControlError("fail_next must be a whole number, 0 or more")
    with call.emulator.transaction():
        return dict(documents.configure(delay, fail_next))


@control
async def report(call: ControlCall) -> dict[str, Any]:
    emulator = call.emulator
    doc_id = _whole(call.path_params["doc_id"], "id")
    doc = emulator.store.get(DOCUMENTS, doc_id)
    if doc is None:
        raise NotFoundError(f"income document {doc_id} does not exist")
    return {k: v for k, v in doc.items() if k != "token"}


@control
async def fees(call: ControlCall) -> dict[str, Any]:
    return fee_table()


def routes() -> list[Route]:
    return [
        Route("/_emulator/wallet/{shop_id}", wallet, methods=["GET"]),
        Route("/_emulator/wallet/{shop_id}/withdraw", withdraw, methods=["POST"]),
        Route("/_emulator/payment/reports", report_settings, methods=["GET", "POST"]),
        Route("/_emulator/payment/reports/{doc_id}", report, methods=["GET"]),
        Route("/_emulator/payment/fees", fees, methods=["GET"]),
    ]
