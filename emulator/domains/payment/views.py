"""The payment APIs' response shapes, built from stored escrows, wallet transactions and documents."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from emulator.domains.product.amounts import number

ITEM_ZERO = ("shopee_discount", "discount_from_coin", "discount_from_voucher_shopee", "discount_from_voucher_seller",
             "ams_commission_fee", "bcrs_deposit")
PAYMENT_ZERO = (
    "buyer_service_fee", "buyer_tax_amount", "credit_card_promotion", "icms_tax_amount", "import_tax_amount",
    "initial_buyer_txn_fee", "insurance_premium", "iof_tax_amount", "seller_voucher", "shipping_fee_sst_amount",
    "shopee_voucher", "shopee_coins_redeemed", "buyer_paid_packaging_fee", "trade_in_bonus", "bulky_handling_fee",
    "shopeevip_subtotal", "discount_pix", "bcrs_deposit", "ads_voucher_discount",
)
# Amounts of order_income that no Instant Mart order carries: answered 0, as the platform answers a
# local shop's amounts that do not apply. Cross-border (SIP affiliate) amounts and the BR-only
# breakdowns (net fee lists, seller_product_rebate, kits) are left out, as "only display for" says.
INCOME_ZERO = (
    "bcrs_deposit", "voucher_from_external_party", "final_escrow_shipping_gst", "withholding_cit_tax", "fbs_fee",
    "ads_escrow_top_up_fee_or_technical_support_fee", "th_import_duty", "pix_discount",
    "prorated_pix_discount_offset_return_items",
)
# get_escrow_detail_batch's page names some of the same amounts differently; a batch entry carries both
BATCH_ALIASES = (
    ("shipping_fee_discount_from_pl", "shipping_fee_discount_from_3pl"), ("trade_in_bonus_seller", "trade_in_bonus_by_seller"),
)


def released_income(escrow: dict[str, Any]) -> dict[str, Any]:
    """An escrow's breakdown as it was released. Refunds after release are adjustments; escrows
    stored before that rule kept the released breakdown aside when they restated it."""
    income: dict[str, Any] = escrow.get("released_income") or escrow["income"]
    return income


def escrow_detail(escrow: dict[str, Any]) -> dict[str, Any]:
    """get_escrow_detail's response for one escrow (released or projected)."""
    income: dict[str, Any] = {name: number(value) for name, value in released_income(escrow).items()}
    adjustments = escrow.get("adjustments") or []
    adjusted = sum((Decimal(a["amount"]) for a in adjustments), Decimal(0))
    income.update({name: 0.0 for name in INCOME_ZERO})
    income.update(
        items=[_item(row) for row in escrow["items"]],
        seller_voucher_code=[],
        buyer_payment_method=escrow["payment_method"],
        instalment_plan="N/A",
        tenure_info_list={"payment_channel_name": escrow["payment_method"], "instalment_plan": ""},
        tax_registration_code="",
        order_chargeable_weight=escrow.get("chargeable_weight", 0),
        total_adjustment_amount=float(adjusted),
        escrow_amount_after_adjustment=float(Decimal(released_income(escrow)["escrow_amount"]) + adjusted),
    )
    if adjustments:
        income["order_adjustment"] = [{"amount": number(a["amount"]), "date": a["date"], "currency": a["currency"],
                                       "adjustment_reason": a["adjustment_reason"]} for a in adjustments]
    return {
        "order_sn": escrow["order_sn"],
        "buyer_user_name": escrow["buyer_user_name"],
        "return_order_sn_list": list(escrow.get("return_order_sn_list") or []),
        "order_income": income,
        "buyer_payment_info": _payment_info(escrow),
    }


def _item(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "item_id": row["item_id"], "item_name": row["item_name"], "item_sku": row["item_sku"],
        "model_id": row["model_id"], "model_name": row["model_name"], "model_sku": row["model_sku"],
        "original_price": number(row["original_price"]), "selling_price": number(row["selling_price"]),
        "discounted_price": number(row["discounted_price"]), "seller_discount": number(row["seller_discount"]),
        **{name: 0.0 for name in ITEM_ZERO},
        "activity_type": "", "activity_id": 0, "is_main_item": False,
        "quantity_purchased": row["quantity_purchased"], "is_b2c_shop_item": False,
        "line_item_id": int(row.get("line_item_id") or 0),
        "promotion_list": [dict(p) for p in row.get("promotion_list") or []],
    }


def _payment_info(escrow: dict[str, Any]) -> dict[str, Any]:
    income = released_income(escrow)
    # escrows stored before the checkout snapshot was kept answer what their breakdown says
    paid = escrow.get("checkout") or {"buyer_total_amount": income["buyer_total_amount"],
                                      "merchant_subtotal": income["order_discounted_price"], "shipping_fee": income["estimated_shipping_fee"]}
    return {
        "buyer_payment_method": escrow["payment_method"],
        "buyer_total_amount": number(paid["buyer_total_amount"]),
        "merchant_subtotal": number(paid["merchant_subtotal"]),
        "shipping_fee": number(paid["shipping_fee"]),
        "is_paid_by_credit_card": "credit card" in escrow["payment_method"].lower(),
        **{name: 0.0 for name in PAYMENT_ZERO},
    }


def batch_escrow_detail(escrow: dict[str, Any]) -> dict[str, Any]:
    """A get_escrow_detail_batch entry: get_escrow_detail's answer, plus the batch page's own names."""
    detail = escrow_detail(escrow)
    income = detail["order_income"]
    for alias, name in BATCH_ALIASES:
        income[alias] = income[name]
    income["refund_amount_to_buyer"] = -income["seller_return_refund"]
    income["rsf_seller_protection_fee_premium_amount"] = 0.0
    detail["buyer_payment_info"]["bcrs_discount"] = 0.0
    return detail


def escrow_list_entry(escrow: dict[str, Any]) -> dict[str, Any]:
    return {
        "order_sn": escrow["order_sn"],
        "payout_amount": number(escrow["income"]["escrow_amount"]),
        "escrow_release_time": escrow["release_time"],
    }


def wallet_transaction(doc: dict[str, Any]) -> dict[str, Any]:
    return {
        "transaction_id": doc["transaction_id"],
        "status": doc["status"],
        "transaction_type": doc["transaction_type"],
        "txn_title": doc.get("txn_title", ""),
        "amount": number(doc["amount"]),
        "current_balance": number(doc["current_balance"]),
        "create_time": doc["create_time"],
        "order_sn": doc["order_sn"],
        "refund_sn": doc["refund_sn"],
        "withdrawal_type": "MANUAL" if doc.get("withdrawal_id") else "",
        "transaction_fee": 0.0,
        "description": doc["description"],
        "buyer_name": doc["buyer_name"],
        "pay_order_list": [],
        "shop_name": doc["shop_name"],
        "withdrawal_id": doc.get("withdrawal_id", 0),
        "reason": doc["reason"],
        "root_withdrawal_id": doc.get("withdrawal_id", 0),
        "transaction_tab_type": doc["transaction_tab_type"],
        "money_flow": doc["money_flow"],
        # every transaction is an Outlet's; a Mart's listing gathers its Outlets'
        "outlet_shop_name": doc["shop_name"],
    }


def income_document(doc: dict[str, Any], link: str) -> dict[str, Any]:
    return {
        "id": doc["id"],
        "file_name": doc["file_name"],
        "status": doc["status"],
        "generated_time": doc["generated_time"],
        "file_link": link,
    }
