"""Helpers shared by the payment tests: orders driven to completion through the control plane."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from emulator.domains.payment.fees import ESCROW_TERMS
from emulator.world import Emulator
from tests.conftest import ok
from tests.domains.order_helpers import act, outlet_item, place


def completed_order(shopee: Emulator, shopee_http: Any, outlet_id: int, quantity: int = 2, **extra: Any) -> str:
    """Place a paid order on the Outlet and walk it to COMPLETED (buyer confirms receipt)."""
    order_sn = delivered_order(shopee, shopee_http, outlet_id, quantity, **extra)
    shopee.advance(60)
    act(shopee_http, order_sn, "confirm_receipt")
    return order_sn


def delivered_order(shopee: Emulator, shopee_http: Any, outlet_id: int, quantity: int = 2, **extra: Any) -> str:
    extra.setdefault("paid", not extra.get("cod", False))
    order_sn = place(shopee_http, outlet_id, outlet_item(shopee, outlet_id), quantity=quantity, **extra)["order_sn"]
    for action in ("ship", "pickup", "deliver"):
        shopee.advance(60)
        act(shopee_http, order_sn, action)
    return order_sn


def escrow(shopee_client: Any, shop_id: int, order_sn: str) -> dict[str, Any]:
    return ok(shopee_client.call("v2.payment.get_escrow_detail", shop_id=shop_id, params={"order_sn": order_sn}))


def reconciled(income: dict[str, Any]) -> Decimal:
    """escrow_amount recomputed from the rendered parts with the reference's formula, exactly."""
    return sum((Decimal(str(income[name])) * sign for name, sign in ESCROW_TERMS), Decimal(0))


def wallet_list(shopee_client: Any, shop_id: int, **params: Any) -> dict[str, Any]:
    query = {"page_no": 0, "page_size": 100, **params}
    return ok(shopee_client.call("v2.payment.get_wallet_transaction_list", shop_id=shop_id, params=query))
