"""Public authorization APIs: token exchange, refresh, and the partner's shop list."""
from __future__ import annotations

from typing import Any

from emulator.context import RequestContext
from emulator.spec.requests import (
    V2PublicGetAccessTokenRequest,
    V2PublicGetMerchantsByPartnerRequest,
    V2PublicGetShopeeIpRangesRequest,
    V2PublicGetShopsByPartnerRequest,
    V2PublicGetTokenByResendCodeRequest,
    V2PublicRefreshAccessTokenRequest,
)
from emulator.domains.auth import errors as e
from emulator.errors import wrong_parameters
from emulator.registry import operation


@operation("v2.public.get_access_token", envelope="flat")
def get_access_token(ctx: RequestContext, req: V2PublicGetAccessTokenRequest) -> dict[str, Any]:
    """Exchange an authorization code for a token pair."""
    if req.partner_id != ctx.partner_id:
        raise e.InvalidPartnerId(e.PARTNER_MISMATCH)
    if req.shop_id is None and req.main_account_id is None:
        raise wrong_parameters("shop_id or main_account_id is required")
    return ctx.emulator.auth.exchange_code(ctx.partner_id, req.code, req.shop_id, req.main_account_id)


@operation("v2.public.refresh_access_token", envelope="flat")
def refresh_access_token(ctx: RequestContext, req: V2PublicRefreshAccessTokenRequest) -> dict[str, Any]:
    """Trade a refresh token (once) for a new token pair."""
    if req.partner_id != ctx.partner_id:
        raise e.InvalidPartnerId(e.PARTNER_MISMATCH)
    if req.shop_id is None and req.merchant_id is None:
        raise wrong_parameters("shop_id or merchant_id is required")
    return ctx.emulator.auth.refresh(ctx.partner_id, req.refresh_token, req.shop_id, req.merchant_id)


@operation("v2.public.get_shops_by_partner", envelope="flat")
def get_shops_by_partner(ctx: RequestContext, req: V2PublicGetShopsByPartnerRequest) -> dict[str, Any]:
    """Shops that have authorized this partner, paged."""
    page_size = req.page_size or 100
    page_no = req.page_no or 1
    if not 1 <= page_size <= 100:
        raise wrong_parameters("page_size should be between 1 and 100")
    if page_no < 1:
        raise wrong_parameters("page_no should be at least 1")
    shops = ctx.emulator.shops.authorized_shops(ctx.partner_id)
    start = (page_no - 1) * page_size
    page = shops[start : start + page_size]
    return {
        "authed_shop_list": [
            {
                "shop_id": s["shop_id"],
                "region": s["region"],
                "auth_time": s["auth_time"],
                "expire_time": s["expire_time"],
                # the table's name, and the example's (what clients written from it read)
                "sip_affi_shop_list": [],
                "sip_affi_shops": [],
            }
            for s in page
        ],
        "more": start + page_size < len(shops),
    }


@operation("v2.public.get_merchants_by_partner", envelope="flat")
def get_merchants_by_partner(ctx: RequestContext, req: V2PublicGetMerchantsByPartnerRequest) -> dict[str, Any]:
    """Instant Mart sellers are local shops, so no merchants are ever authorized."""
    return {"authed_merchant_list": [], "more": False}


@operation("v2.public.get_shopee_ip_ranges", envelope="flat")
def get_shopee_ip_ranges(ctx: RequestContext, req: V2PublicGetShopeeIpRangesRequest) -> dict[str, Any]:
    """Where pushes come from: the emulator pushes from loopback."""
    return {"ip_list": ["127.0.0.1/32"]}


@operation("v2.public.get_token_by_resend_code", envelope="flat")
def get_token_by_resend_code(ctx: RequestContext, req: V2PublicGetTokenByResendCodeRequest) -> dict[str, Any]:
    """Trade a resend code (made on the control plane, as the console's authorization page does)."""
    return ctx.emulator.auth.exchange_resend_code(ctx.partner_id, req.resend_code)
