"""Partners, authorization codes, access and refresh tokens, on the virtual clock.

LIMITATIONS: one partner app per world (more can be added through the control plane); no
merchant-level (cross-border) accounts, so main accounts carry an empty merchant list.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from emulator.domains.auth import errors as e
from emulator.domains.auth.authorizations import Authorizations
from emulator.domains.auth.callers import Callers
from emulator.domains.auth.periods import DAY, DEFAULT_DAYS
from emulator.domains.shop.models import SHOPS

if TYPE_CHECKING:
    from emulator.world import Emulator

PARTNERS = "partners"
ACCOUNTS = "main_accounts"
CODES = "auth_codes"
ACCESS = "access_tokens"
REFRESH = "refresh_tokens"

CODE_TTL = 10 * 60
ACCESS_TTL = 4 * 3600
REFRESH_TTL = 30 * 24 * 3600
OLD_ACCESS_GRACE = 5 * 60  # a refreshed pair's old access_token still works this long (the auth guide)
AUTHORIZATION_TTL = DEFAULT_DAYS * DAY


class AuthModel:
    """The authorization rules of one emulator."""

    def __init__(self, emulator: "Emulator") -> None:
        self.emulator = emulator
        self.store = emulator.store
        self.authorizations = Authorizations(emulator)
        # what a signed shop call depends on: its partner, its token's grant, its shop
        self.callers = Callers(self.store, (PARTNERS, ACCESS, SHOPS))

    def rebuild(self) -> None:
        """A whole new state was loaded: no caller found before may still hold."""
        self.callers.clear()

    @property
    def now(self) -> int:
        return self.emulator.clock.now()

    # -- partners and accounts -----------------------------------------------------------------
    def partner(self, partner_id: int) -> dict[str, Any] | None:
        return self.store.get(PARTNERS, partner_id)

    def default_partner(self) -> dict[str, Any]:
        return next(iter(self.store.collection(PARTNERS).values()))

    def add_partner(self, partner_id: int, name: str, **flags: Any) -> dict[str, Any]:
        key = "shpk" + f"{self.emulator.rng('partner_key').getrandbits(256):064x}"
        doc = {"partner_id": partner_id, "partner_key": key, "name": name, **flags}
        return self.store.put(PARTNERS, partner_id, doc)

    def set_partner_key(self, partner_id: int, key: str) -> None:
        doc = self.store.edit(PARTNERS, partner_id)
        assert doc is not None
        doc["partner_key"] = key

    def rotate_secrets(self) -> None:
        """New partner keys and no token issued so far: what a world's seed made anyone can compute.

        Shops stay authorized; the control plane and the banner hand out fresh pairs on demand.
        """
        for partner_id in list(self.store.collection(PARTNERS)):
            self.set_partner_key(int(partner_id), "shpk" + f"{self.emulator.rng('partner_key').getrandbits(256):064x}")
        for collection in (CODES, ACCESS, REFRESH):
            for key in list(self.store.collection(collection)):
                self.store.delete(collection, key)
        for shop_id, shop in list(self.store.collection(self.emulator.shops.COLLECTION).items()):
            if shop.get("ready_tokens"):
                self.store.put(self.emulator.shops.COLLECTION, shop_id, {k: v for k, v in shop.items() if k != "ready_tokens"})

    def set_flags(self, partner_id: int, **flags: Any) -> dict[str, Any]:
        doc = self.store.edit(PARTNERS, partner_id)
        assert doc is not None
        doc.update(flags)
        return doc

    def add_main_account(self, partner_id: int, shop_ids: list[int]) -> dict[str, Any]:
        account_id = self.emulator.ids.next("main_account")
        doc = {"main_account_id": account_id, "partner_id": partner_id, "shop_ids": shop_ids, "merchant_ids": []}
        return self.store.put(ACCOUNTS, account_id, doc)

    def main_account(self, main_account_id: int) -> dict[str, Any] | None:
        return self.store.get(ACCOUNTS, main_account_id)

    def main_accounts(self) -> list[dict[str, Any]]:
        return list(self.store.collection(ACCOUNTS).values())

    # -- codes -------------------------------------------------------------------------------
    def issue_code(
        self, partner_id: int, shop_id: int | None = None, main_account_id: int | None = None,
        expire_time: int | None = None,
    ) -> str:
        """What the authorization page hands to the redirect URL once a tester confirms, authorizing
        the shop (or the main account's shops) until ``expire_time`` (default: the longest period)."""
        code = self.emulator.hex_token()
        self.store.put(
            CODES,
            code,
            {
                "partner_id": partner_id,
                "shop_id": shop_id,
                "main_account_id": main_account_id,
                "expires_at": self.now + CODE_TTL,
                "used": False,
            },
        )
        account = self.store.get(ACCOUNTS, main_account_id) if main_account_id is not None else None
        shop_ids = [shop_id] if shop_id else list(account["shop_ids"]) if account else []
        expires = self.now + AUTHORIZATION_TTL if expire_time is None else expire_time
        self.authorizations.grant(partner_id, list(shop_ids), main_account_id, expires)
        return code

    def exchange_code(
        self, partner_id: int, code: str, shop_id: int | None, main_account_id: int | None
    ) -> dict[str, Any]:
        grant = self.store.get(CODES, code)
        if grant is None or grant["used"] or grant["expires_at"] < self.now:
            raise e.InvalidCode(e.INVALID_CODE)
        if grant["partner_id"] != partner_id:
            raise e.InvalidPartnerId(e.PARTNER_MISMATCH)
        if shop_id is not None and grant["shop_id"] != shop_id:
            raise e.InvalidShopId(e.CODE_SHOP_MISMATCH)
        if main_account_id is not None and grant["main_account_id"] != main_account_id:
            raise e.InvalidMainAccountId(e.CODE_MAIN_ACCOUNT_MISMATCH)
        self.store.update(CODES, code, {"used": True})
        if grant["shop_id"] is not None:
            pair = _granted(self.issue_tokens(partner_id, [grant["shop_id"]], []), [grant["shop_id"]], [])
            return {**pair, "shop_id": grant["shop_id"]} if shop_id is None else pair
        account = self.store.get(ACCOUNTS, grant["main_account_id"])
        assert account is not None
        pair = self.issue_tokens(partner_id, account["shop_ids"], account["merchant_ids"])
        return _granted(pair, account["shop_ids"], account["merchant_ids"])

    def issue_resend_code(self, partner_id: int, shop_id: int) -> str:
        """What the console's authorization management page hands a seller who lost their tokens."""
        code = "resend" + self.emulator.hex_token()
        self.store.put(CODES, code, {"partner_id": partner_id, "shop_id": shop_id, "main_account_id": None,
                                     "expires_at": self.now + CODE_TTL, "used": False, "resend": True})
        return code

    def exchange_resend_code(self, partner_id: int, code: str) -> dict[str, Any]:
        grant = self.store.get(CODES, code)
        if grant is None or not grant.get("resend") or grant["used"] or grant["expires_at"] < self.now:
            raise e.InvalidCode(e.INVALID_CODE)
        if grant["partner_id"] != partner_id:
            raise e.InvalidPartnerId(e.PARTNER_MISMATCH)
        self.store.update(CODES, code, {"used": True})
        return _granted(self.issue_tokens(partner_id, [grant["shop_id"]], []), [grant["shop_id"]], [])

    def cancel_authorization(
        self, partner_id: int, shop_id: int | None = None, main_account_id: int | None = None
    ) -> list[int]:
        """The seller separates the app from a shop or from every shop of a main account (the cancel
        page, Seller Centre); answers the shops whose authorization ended. ValueError names a wrong choice."""
        if (shop_id is None) == (main_account_id is None):
            raise ValueError("Choose either a shop_id or a main_account_id.")
        if shop_id is not None:
            shop = self.emulator.shops.find(shop_id)
            if shop is None or shop["partner_id"] != partner_id:
                raise ValueError(f"shop {shop_id} is not a shop of partner {partner_id}")
            return self.authorizations.cancel(partner_id, [shop_id])
        assert main_account_id is not None  # exactly one of the two was given
        account = self.main_account(main_account_id)
        if account is None or account["partner_id"] != partner_id:
            raise ValueError(f"main account {main_account_id} is not an account of partner {partner_id}")
        return self.authorizations.cancel(partner_id, list(account["shop_ids"]), main_account_id)

    # -- tokens ------------------------------------------------------------------------------
    def issue_tokens(self, partner_id: int, shop_ids: list[int], merchant_ids: list[int]) -> dict[str, Any]:
        access = self.emulator.hex_token()
        refresh = self.emulator.hex_token()
        now = self.now
        self.store.put(
            ACCESS,
            access,
            {"partner_id": partner_id, "shop_ids": shop_ids, "merchant_ids": merchant_ids, "expires_at": now + ACCESS_TTL},
        )
        self.store.put(
            REFRESH,
            refresh,
            {
                "partner_id": partner_id,
                "shop_ids": shop_ids,
                "merchant_ids": merchant_ids,
                "expires_at": now + REFRESH_TTL,
                "used": False,
                "access_token": access,  # cut short to the grace period when this pair is refreshed
            },
        )
        return {"access_token": access, "refresh_token": refresh, "expire_in": ACCESS_TTL}

    def access_grant(self, token: str, partner_id: int) -> dict[str, Any] | None:
        grant = self.store.get(ACCESS, token)
        if grant is None or grant["partner_id"] != partner_id or grant["expires_at"] <= self.now:
            return None
        return grant

    def token_expired(self, token: str, partner_id: int) -> bool:
        grant = self.store.get(ACCESS, token)
        return grant is not None and grant["partner_id"] == partner_id and grant["expires_at"] <= self.now

    def refresh(
        self, partner_id: int, refresh_token: str, shop_id: int | None, merchant_id: int | None
    ) -> dict[str, Any]:
        grant = self.store.get(REFRESH, refresh_token)
        if grant is None or grant["used"] or grant["partner_id"] != partner_id:
            raise e.InvalidRefreshToken(e.INVALID_REFRESH_TOKEN)
        if grant["expires_at"] <= self.now:
            raise e.RefreshTokenExpired(e.REFRESH_TOKEN_EXPIRED)
        if shop_id is not None and shop_id not in grant["shop_ids"]:
            raise e.ShopRefreshMismatch(e.REFRESH_SHOP_MISMATCH)
        if merchant_id is not None and merchant_id not in grant["merchant_ids"]:
            raise e.MerchantRefreshMismatch(e.REFRESH_MERCHANT_MISMATCH)
        if shop_id is not None and self.authorizations.cancelled(shop_id):
            raise e.ShopNoLinked(e.SHOP_NO_LINKED)
        if shop_id is not None and not self.emulator.shops.authorized(shop_id):
            raise e.ShopAccessExpired(e.SHOP_ACCESS_EXPIRED)
        # a main account's first pair covers several shops and merchants, and each of them trades it
        # once for a pair of its own; the shared pair is spent when the last of them has
        identity_key = f"shop:{shop_id}" if shop_id is not None else f"merchant:{merchant_id}"
        used_by = list(grant.get("used_by", []))
        if identity_key in used_by:
            raise e.InvalidRefreshToken(e.INVALID_REFRESH_TOKEN)
        used_by.append(identity_key)
        spent = len(used_by) >= len(grant["shop_ids"]) + len(grant["merchant_ids"])
        self.store.update(REFRESH, refresh_token, {"used": spent, "used_by": used_by})
        old = self.store.get(ACCESS, str(grant.get("access_token", "")))
        if spent and old is not None and old["expires_at"] > self.now + OLD_ACCESS_GRACE:
            self.store.update(ACCESS, grant["access_token"], {"expires_at": self.now + OLD_ACCESS_GRACE})
        shops = [shop_id] if shop_id is not None else []
        merchants = [merchant_id] if merchant_id is not None else []
        pair = self.issue_tokens(partner_id, shops, merchants)
        identity = {"shop_id": shop_id} if shop_id is not None else {"merchant_id": merchant_id}
        return {"partner_id": partner_id, **pair, **identity}

    def ready_tokens(self, shop_id: int) -> dict[str, Any]:
        """A valid token pair for a shop, issuing a fresh one when the last has expired or been refreshed."""
        shop = self.emulator.shops.get(shop_id)
        current = shop.get("ready_tokens") or {}
        grant = self.store.get(ACCESS, current.get("access_token", ""))
        refresh = self.store.get(REFRESH, current.get("refresh_token", ""))
        # a client may have traded the refresh token already; hand out a pair that still refreshes
        if grant is not None and grant["expires_at"] > self.now and refresh is not None and not refresh["used"]:
            return current
        pair = self.issue_tokens(shop["partner_id"], [shop_id], [])
        self.store.update(self.emulator.shops.COLLECTION, shop_id, {"ready_tokens": pair})
        return pair

    def seed_world(self, world: dict[str, Any]) -> None:
        spec = world["partner"]
        self.add_partner(
            int(spec["partner_id"]),
            spec.get("name", "Test App"),
            sandbox_v2=bool(spec.get("sandbox_v2", True)),
            mart_outlet_whitelist=bool(spec.get("mart_outlet_whitelist", True)),
        )


def _granted(pair: dict[str, Any], shop_ids: list[int], merchant_ids: list[int]) -> dict[str, Any]:
    """A token pair with every id list the page documents: what this authorization covers
    (suppliers, users and principals are not emulated, so theirs are empty)."""
    return {**pair, "shop_id_list": list(shop_ids), "merchant_id_list": list(merchant_ids),
            "supplier_id_list": [], "user_id_list": [], "principal_id_list": []}
