"""Mart and Outlet shops: who they are, how they relate, their profiles and authorization.

LIMITATIONS: shops are always NORMAL (never BANNED or FROZEN) unless the control plane says so;
no SIP, cross-border or direct-shop links.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from emulator.domains.auth.periods import DAY, DEFAULT_DAYS
from emulator.domains.shop import errors as e
from emulator.domains.shop import events
from emulator.domains.shop.warehouses import Warehouses, structure_type
from emulator.errors import SHOP_NOT_FOUND, ParamError

if TYPE_CHECKING:
    from faker import Faker

    from emulator.world import Emulator

SHOPS = "shops"
# what a shop the world or the control plane creates is authorized for: the page's preselected period
AUTHORIZATION_PERIOD = DEFAULT_DAYS * DAY
NAME_MIN, NAME_MAX = 1, 30
NAME_CHANGE_COOLDOWN = 30 * 24 * 3600
DESCRIPTION_MAX = 500
SHOPEE_IMAGE_HOSTS = ("cf.shopee.", "down-", "/media/")
WELCOME_ID = 1
WELCOME_TITLE = "Welcome to Shopee Instant Mart"
WELCOME_CONTENT = "{shop_name} is ready to sell on Shopee Instant Mart."
SELLER_CENTRE = {"ID": "seller.shopee.co.id", "TH": "seller.shopee.co.th"}


class ShopModel:
    """The shops of one emulator."""

    COLLECTION = SHOPS

    def __init__(self, emulator: "Emulator") -> None:
        from emulator.domains.shop.holiday import Holidays

        self.emulator = emulator
        self.store = emulator.store
        self.warehouses = Warehouses(emulator)
        self.holiday = Holidays(emulator)

    def find(self, shop_id: int | None) -> dict[str, Any] | None:
        return self.store.get(SHOPS, shop_id) if shop_id is not None else None

    def get(self, shop_id: int | None) -> dict[str, Any]:
        shop = self.find(shop_id)
        if shop is None:
            raise ParamError(SHOP_NOT_FOUND)
        return shop

    def all_shops(self) -> list[dict[str, Any]]:
        return list(self.store.collection(SHOPS).values())

    def marts(self) -> list[dict[str, Any]]:
        return [s for s in self.all_shops() if s["kind"] == "mart"]

    def outlets_of(self, mart_shop_id: int) -> list[dict[str, Any]]:
        mart = self.get(mart_shop_id)
        return [self.get(sid) for sid in mart.get("outlet_shop_ids", [])]

    def is_mart(self, shop_id: int) -> bool:
        return bool(self.get(shop_id)["kind"] == "mart")

    # -- authorization ------------------------------------------------------------------------
    def record_authorization(self, shop_id: int, auth_time: int, expire_time: int) -> None:
        shop = self.store.edit(SHOPS, shop_id)
        assert shop is not None
        shop["auth_time"] = auth_time
        shop["expire_time"] = expire_time

    def authorized(self, shop_id: int) -> bool:
        shop = self.find(shop_id)
        return bool(shop and shop.get("expire_time", 0) > self.emulator.clock.now())

    def authorized_shops(self, partner_id: int) -> list[dict[str, Any]]:
        now = self.emulator.clock.now()
        return sorted(
            (s for s in self.all_shops() if s["partner_id"] == partner_id and s.get("expire_time", 0) > now),
            key=lambda s: s["shop_id"],
        )

    # -- creation ------------------------------------------------------------------------------
    def create_mart(
        self,
        partner_id: int,
        brand: str | None = None,
        outlets: int = 1,
        main_account: bool = True,
    ) -> dict[str, Any]:
        """A Mart with ``outlets`` Outlets, authorized to the partner, as the console creates them."""
        partner = self.emulator.auth.partner(partner_id)
        if partner is None:
            raise ParamError(f"unknown partner_id {partner_id}")
        if not partner.get("sandbox_v2") or not partner.get("mart_outlet_whitelist"):
            raise ParamError(e.MART_OUTLET_NOT_WHITELISTED, error="error_permission")
        world = self.emulator.world
        fake = self._faker()
        brand = brand or fake.last_name()
        now = self.emulator.clock.now()
        mart = self._new_shop(partner_id, "mart", f"{brand} Mart Official", fake, now)
        for _ in range(outlets):
            outlet = self._new_shop(partner_id, "outlet", f"{brand} Mart - {fake.city()}", fake, now)
            outlet["mart_shop_id"] = mart["shop_id"]
            mart["outlet_shop_ids"].append(outlet["shop_id"])
        ids = [mart["shop_id"], *mart["outlet_shop_ids"]]
        grants: list[tuple[int | None, list[int]]] = [(None, [sid]) for sid in ids]
        if main_account:
            account = self.emulator.auth.add_main_account(partner_id, ids)
            for sid in ids:
                self.store.update(SHOPS, sid, {"main_account_id": account["main_account_id"]})
            grants = [(account["main_account_id"], ids)]
        for sid in ids:
            self.emulator.auth.ready_tokens(sid)
        # authorized as the page authorizes (push 1, and push 12 a week before expire_time), whether
        # the world file or the control plane makes the shops
        for main_account_id, shop_ids in grants:
            self.emulator.auth.authorizations.grant(partner_id, shop_ids, main_account_id, now + AUTHORIZATION_PERIOD)
        self.emulator.publish(events.CREATED, mart["shop_id"], outlet_shop_ids=mart["outlet_shop_ids"], region=world["region"])
        return mart

    def _faker(self) -> "Faker":
        from faker import Faker  # loads when a world first makes shops

        fake = Faker(self.emulator.world.get("locale", "en_US"))
        fake.seed_instance(self.emulator.rng("faker:shops").getrandbits(32))
        return fake

    def _new_shop(self, partner_id: int, kind: str, name: str, fake: "Faker", now: int) -> dict[str, Any]:
        world = self.emulator.world
        shop_id = self.emulator.ids.next("shop")
        doc = {
            "shop_id": shop_id,
            "partner_id": partner_id,
            "kind": kind,
            "shop_name": name[:NAME_MAX],
            "region": world["region"],
            "currency": world["currency"],
            "status": "NORMAL",
            "description": "",
            "shop_logo": "",
            "auth_time": now,
            "expire_time": now + AUTHORIZATION_PERIOD,
            "created_at": now,
            "name_changed_at": 0,
            "main_account_id": None,
            "mart_shop_id": None,
            "outlet_shop_ids": [],
            "address": self._address(fake) if kind == "outlet" else self._address(fake),
        }
        return self.store.put(SHOPS, shop_id, doc)

    def _address(self, fake: Faker) -> dict[str, Any]:
        latitude, longitude = fake.local_latlng(country_code=self.emulator.world["region"], coords_only=True) or (0, 0)
        return {
            "name": fake.name(),
            "phone": fake.phone_number(),
            "address": fake.street_address(),
            "city": fake.city(),
            "state": getattr(fake, "administrative_unit", fake.city)(),
            "zipcode": fake.postcode(),
            "region": self.emulator.world["region"],
            "latitude": float(latitude),
            "longitude": float(longitude),
        }

    def seed_world(self, world: dict[str, Any]) -> None:
        partner_id = int(world["partner"]["partner_id"])
        for mart in world["marts"]:
            self.create_mart(partner_id, mart.get("brand"), int(mart.get("outlets", 1)), bool(mart.get("main_account", True)))

    # -- API views -----------------------------------------------------------------------------
    def shop_info(self, shop_id: int) -> dict[str, Any]:
        shop = self.get(shop_id)
        info: dict[str, Any] = {
            "shop_name": shop["shop_name"],
            "region": shop["region"],
            "status": shop["status"],
            "sip_affi_shops": [],
            "is_cb": False,
            "is_sip": False,
            "is_upgraded_cbsc": False,
            "merchant_id": None,
            "shop_fulfillment_flag": "Others",
            "is_main_shop": False,
            "is_direct_shop": False,
            "linked_main_shop_id": 0,
            "linked_direct_shop_list": [],
            "is_one_awb": False,
            "is_mart_shop": shop["kind"] == "mart",
            "is_outlet_shop": shop["kind"] == "outlet",
            "auth_time": shop["auth_time"],
            "expire_time": shop["expire_time"],
        }
        if shop["kind"] == "mart":
            info["outlet_shop_info_list"] = [{"outlet_shop_id": sid} for sid in shop["outlet_shop_ids"]]
        else:
            info["mart_shop_id"] = shop["mart_shop_id"]
        info["mart_outlet_structure_type"] = structure_type(shop)
        return info

    def notification(self, shop_id: int, cursor: int | None) -> dict[str, Any]:
        """The newest Seller Center notification after ``cursor`` (the page answers one ``data``).

        The only one is the welcome every new shop gets, derived from the shop, so worlds and
        snapshots carry no notification state.
        """
        shop = self.get(shop_id)
        if cursor is not None and cursor >= WELCOME_ID:
            return {"cursor": cursor, "data": {}}
        domain = SELLER_CENTRE.get(shop["region"], "seller.shopee.co.id")
        welcome = {
            "create_time": shop["created_at"],
            "title": WELCOME_TITLE,
            "content": WELCOME_CONTENT.format(shop_name=shop["shop_name"]),
            "url": f"https://{domain}/",
        }
        return {"cursor": WELCOME_ID, "data": welcome}

    def profile(self, shop_id: int) -> dict[str, Any]:
        shop = self.get(shop_id)
        return {"shop_logo": shop["shop_logo"], "description": shop["description"], "shop_name": shop["shop_name"]}

    def update_profile(
        self, shop_id: int, shop_name: str | None, shop_logo: str | None, description: str | None
    ) -> dict[str, Any]:
        shop = self.get(shop_id)
        now = self.emulator.clock.now()
        if shop_name is not None and shop_name != shop["shop_name"]:
            if not NAME_MIN <= len(shop_name.strip()) <= NAME_MAX:
                raise e.ProfileCheckFailed(e.NAME_LENGTH.format(min=NAME_MIN, max=NAME_MAX))
            if shop["name_changed_at"] and now - shop["name_changed_at"] < NAME_CHANGE_COOLDOWN:
                raise e.ProfileCheckFailed(e.NAME_RECENTLY_CHANGED)
        if shop_logo is not None and shop_logo and not any(h in shop_logo for h in SHOPEE_IMAGE_HOSTS):
            raise e.ProfileCheckFailed(e.LOGO_NOT_SHOPEE)
        if description is not None and len(description) > DESCRIPTION_MAX:
            raise e.ProfileCheckFailed(e.DESCRIPTION_TOO_LONG)
        doc = self.store.edit(SHOPS, shop_id)
        assert doc is not None
        if shop_name is not None and shop_name != doc["shop_name"]:
            doc["shop_name"] = shop_name
            doc["name_changed_at"] = now
        if shop_logo is not None:
            doc["shop_logo"] = shop_logo
        if description is not None:
            doc["description"] = description
        self.emulator.publish(events.PROFILE_UPDATED, shop_id)
        return self.profile(shop_id)
