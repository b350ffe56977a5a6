"""The escrow breakdown of one order: what the buyer paid, what the platform keeps, what the seller gets.

Amounts are exact Decimals. Each fee is rounded on its own, half up, to the currency's decimals
(IDR whole rupiah, THB two places), and ``escrow_amount`` is then the signed sum of the rounded
parts in ``ESCROW_TERMS`` (the reference's formula for non-CB shops), so it always reconciles.
Rates live in ``emulator/data/payment/fees.yaml``.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from emulator import yaml_data
from emulator.domains.order.fields import active_qty
from emulator.domains.order.views import line_item_id, promotion_list
from emulator.worlds import data_dir

ZERO = Decimal(0)

# The reference's escrow_amount formula for local (non-CB) shops: (field, sign). Every field listed
# is present in a breakdown, most of them zero for an Instant Mart order.
ESCROW_TERMS: tuple[tuple[str, int], ...] = (
    ("original_cost_of_goods_sold", 1), ("original_shopee_discount", -1), ("seller_return_refund", 1),
    ("shopee_discount", 1), ("voucher_from_seller", -1), ("seller_coin_cash_back", -1),
    ("buyer_paid_shipping_fee", 1), ("actual_shipping_fee", -1), ("shopee_shipping_rebate", 1),
    ("shipping_fee_discount_from_3pl", 1), ("reverse_shipping_fee", -1), ("rsf_seller_protection_fee_claim_amount", 1),
    ("final_return_to_seller_shipping_fee", -1), ("seller_transaction_fee", -1), ("service_fee", -1),
    ("commission_fee", -1), ("campaign_fee", -1), ("shipping_seller_protection_fee_amount", -1),
    ("delivery_seller_protection_fee_premium_amount", -1), ("final_escrow_product_gst", -1),
    ("order_ams_commission_fee", -1), ("escrow_tax", -1), ("sales_tax_on_lvg", -1), ("reverse_shipping_fee_sst", -1),
    ("shipping_fee_sst", -1), ("withholding_tax", -1), ("overseas_return_service_fee", -1), ("vat_on_imported_goods", -1),
    ("withholding_vat_tax", -1), ("withholding_pit_tax", -1), ("seller_order_processing_fee", -1),
    ("buyer_paid_packaging_fee", 1), ("trade_in_bonus_by_seller", -1),
)
# What the platform pays for a parcel its courier lost: shown beside the formula, which does not
# name it (the goods' value it pays comes in as original_cost_of_goods_sold instead).
LOST_COMPENSATION = "seller_lost_compensation"
# Further amounts of the breakdown that the formula does not use; always zero here.
OTHER_ZERO = (
    "voucher_from_shopee", "coins", "buyer_transaction_fee", "cross_border_tax", "payment_promotion",
    "seller_shipping_discount", "drc_adjustable_refund", "credit_card_promotion",
    "final_product_protection", "final_product_vat_tax", "final_shipping_vat_tax", "fsf_seller_protection_fee_claim_amount",
    "prorated_coins_value_offset_return_items", "prorated_shopee_voucher_offset_return_items",
    "prorated_seller_voucher_offset_return_items", "prorated_payment_channel_promo_bank_offset_return_items",
    "prorated_payment_channel_promo_shopee_offset_return_items",
)


@dataclass(frozen=True)
class Rates:
    """One region's seller fees and the currency's rounding."""

    decimals: int
    commission_rate: Decimal
    service_rate: Decimal
    transaction_rate: Decimal
    order_processing_fee: Decimal

    def round(self, amount: Decimal) -> Decimal:
        return amount.quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP)


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml_data.load(data_dir() / "payment" / "fees.yaml")
    return loaded


@lru_cache(maxsize=16)
def rates(region: str) -> Rates:
    entry = _table().get(region) or _table()["DEFAULT"]
    return Rates(
        decimals=int(entry["decimals"]),
        commission_rate=Decimal(entry["commission_rate"]),
        service_rate=Decimal(entry["service_rate"]),
        transaction_rate=Decimal(entry["transaction_rate"]),
        order_processing_fee=Decimal(entry["order_processing_fee"]),
    )


def fee_table() -> dict[str, Any]:
    """The fee fixture as loaded (for the control plane)."""
    return {region: dict(entry) for region, entry in _table().items()}


def _dec(value: Any) -> Decimal:
    return Decimal(str(value))


def item_rows(order: dict[str, Any]) -> list[dict[str, Any]]:
    """Per order line: subtotals at original and discounted price; the difference is the seller's discount."""
    rows = []
    # partially cancelled units were refunded: the escrow has none of them, nor a line cancelled whole
    for line in (line for line in order["items"] if active_qty(line)):
        quantity = active_qty(line)
        original = _dec(line["model_original_price"]) * quantity
        discounted = _dec(line["model_discounted_price"]) * quantity
        rows.append({
            "item_id": line["item_id"], "item_name": line["item_name"], "item_sku": line.get("item_sku", ""),
            "model_id": line["model_id"], "model_name": line.get("model_name", ""), "model_sku": line.get("model_sku", ""),
            "original_price": original, "selling_price": discounted, "discounted_price": discounted,
            "seller_discount": original - discounted, "quantity_purchased": quantity,
            "line_item_id": line_item_id(line),  # as get_order_detail numbers the line
            "promotion_list": promotion_list(line),
        })
    return rows


def checkout(order: dict[str, Any]) -> dict[str, Decimal]:
    """What the buyer was charged at checkout: every unit purchased, cancelled ones included (the
    buyer payment info's "initial value", not updated after a cancellation or a return)."""
    subtotal = sum((_dec(line["model_discounted_price"]) * int(line["quantity"]) for line in order["items"]), ZERO)
    shipping = _dec(order["estimated_shipping_fee"])
    return {"merchant_subtotal": subtotal, "shipping_fee": shipping, "buyer_total_amount": subtotal + shipping}


def breakdown(order: dict[str, Any], cancelled: bool = False, refunded: Decimal = ZERO, lost: bool = False) -> dict[str, Decimal]:
    """The order_income amounts of one order (see the module docstring for rounding).

    ``refunded`` is what accepted returns gave back to the buyer: it comes off the escrow as
    ``seller_return_refund``, and the platform's fees are charged on what the seller kept. A
    cancelled order that was never paid (unpaid, or COD before the buyer paid the courier) moved
    no money: nothing paid, nothing refunded.

    ``lost``: the courier lost the parcel. The platform refunds the buyer itself and pays the seller
    the goods' value, fees waived, whether or not the buyer had paid: ``seller_lost_compensation``
    and ``escrow_amount`` are both the goods sold.
    """
    r = rates(order["region"])
    rows = item_rows(order)
    original = sum((row["original_price"] for row in rows), ZERO)
    goods = sum((row["discounted_price"] for row in rows), ZERO)
    shipping = _dec(order["estimated_shipping_fee"])
    paid = _dec(order["total_amount"])
    kept = goods - refunded
    amounts: dict[str, Decimal] = {name: ZERO for name, _ in ESCROW_TERMS}
    amounts.update({name: ZERO for name in OTHER_ZERO})
    amounts[LOST_COMPENSATION] = ZERO
    amounts.update(
        buyer_total_amount=paid, order_original_price=original, original_price=original,
        order_selling_price=goods, order_discounted_price=goods, order_seller_discount=original - goods,
        seller_discount=original - goods, original_cost_of_goods_sold=goods, cost_of_goods_sold=goods,
        estimated_shipping_fee=shipping,
    )
    if lost:
        amounts.update({"buyer_total_amount": paid if order.get("pay_time") else ZERO, LOST_COMPENSATION: goods})
    elif cancelled and not order.get("pay_time"):
        amounts.update(buyer_total_amount=ZERO, original_cost_of_goods_sold=ZERO, cost_of_goods_sold=ZERO)
    elif cancelled:
        # the buyer gets everything back and the platform charges nothing
        amounts.update(seller_return_refund=-goods, cost_of_goods_sold=ZERO)
    else:
        amounts.update(
            buyer_paid_shipping_fee=shipping,
            actual_shipping_fee=shipping,
            seller_return_refund=-refunded,
            commission_fee=r.round(kept * r.commission_rate),
            service_fee=r.round(kept * r.service_rate),
            seller_transaction_fee=r.round((paid - refunded) * r.transaction_rate),
            seller_order_processing_fee=r.round(r.order_processing_fee),
        )
    amounts["final_shipping_fee"] = amounts["buyer_paid_shipping_fee"] + amounts["shopee_shipping_rebate"] - amounts["actual_shipping_fee"]
    amounts["credit_card_transaction_fee"] = amounts["buyer_transaction_fee"] + amounts["seller_transaction_fee"]
    amounts["escrow_amount"] = escrow_amount(amounts)
    return amounts


def escrow_amount(amounts: dict[str, Decimal]) -> Decimal:
    return sum((amounts[name] * sign for name, sign in ESCROW_TERMS), ZERO)


@lru_cache(maxsize=1)
def payment_methods() -> dict[str, tuple[str, ...]]:
    """Checkout payment channels per region (``emulator/data/payment/payment_methods.yaml``)."""
    loaded = yaml_data.load(data_dir() / "payment" / "payment_methods.yaml")
    return {region: tuple(methods) for region, methods in loaded.items()}
