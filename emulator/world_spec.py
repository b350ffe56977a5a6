"""What a world file may hold (``WorldSpec``): its keys, their types and their ranges, checked as
the world is loaded, so that a mistake in a file is a line naming the key rather than a traceback
from the middle of seeding."""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

MAX_OUTLETS = 50  # as many as the console and the control plane create under one Mart
Seconds = Annotated[float, Field(ge=0, allow_inf_nan=False)]
RegionCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
WholeId = Annotated[int, Field(gt=0, lt=2**63)]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PartnerSpec(_Section):
    partner_id: WholeId
    name: str | None = None
    sandbox_v2: bool = True
    mart_outlet_whitelist: bool = True


class MartSpec(_Section):
    brand: str | None = None
    outlets: Annotated[int, Field(ge=0, le=MAX_OUTLETS)] = 1
    main_account: bool = True


class OutletChannelsSpec(_Section):
    whitelist: list[WholeId] | None = None
    enabled: list[WholeId] | None = None


class ChannelsSpec(OutletChannelsSpec):
    # by an Outlet's position under its Mart, from 1: its own whitelist and enabled channels
    outlets: dict[Annotated[int, Field(ge=1, le=MAX_OUTLETS)], OutletChannelsSpec] | None = None


class OrdersSpec(_Section):
    history: bool = True
    shipping_document_delay: Seconds | None = None


class ProductsSpec(_Section):
    batch_task_delay: Seconds | None = None
    video_transcode_delay: Seconds | None = None


class PaymentSpec(_Section):
    withdrawal_seconds: Seconds | None = None
    report_delay: Seconds | None = None


class RidersSpec(_Section):
    allocate_seconds: Seconds | None = None


class PauseSpec(_Section):
    daily_quota_seconds: Seconds | None = None


Price = Annotated[Decimal, Field(gt=0, allow_inf_nan=False)]
ByRegion = dict[RegionCode, Price]
Channel = Annotated[int, Field(ge=0, le=255)]


class VariationSpec(_Section):
    name: str
    name_th: str | None = None
    options: Annotated[list[str], Field(min_length=1)]
    price_step: dict[RegionCode, Annotated[Decimal, Field(ge=0, allow_inf_nan=False)]]


class CatalogueItemSpec(_Section):
    """One item every Mart starts with (``emulator/data/catalogue/seed_items.yaml`` has the shape)."""

    name: str
    name_th: str | None = None
    sku: str
    weight: Annotated[float, Field(gt=0, allow_inf_nan=False)]
    price: ByRegion
    stock: Annotated[int, Field(ge=0)]
    category_id: WholeId
    brand: dict[RegionCode, Annotated[int, Field(ge=0)]] | None = None
    attributes: dict[WholeId, WholeId] | None = None
    colour: tuple[Channel, Channel, Channel] | None = None
    variation: VariationSpec | None = None


class DiscountSpec(_Section):
    """A discount every Mart's Outlet at position ``outlet`` runs on its ``item``-th item."""

    name: str | None = None
    outlet: int = -1  # from 1, or from the end when negative
    item: Annotated[int, Field(ge=1)] = 1
    percent_off: Annotated[Decimal, Field(gt=0, lt=100, allow_inf_nan=False)] = Decimal(10)
    starts_in_hours: Annotated[float, Field(allow_inf_nan=False, ge=-24 * 365, le=24 * 365)] = 48
    hours: Annotated[float, Field(gt=0, le=24 * 180, allow_inf_nan=False)] = 72
    purchase_limit: Annotated[int, Field(ge=0)] = 0


class WorldSpec(_Section):
    name: Annotated[str, Field(min_length=1)]
    region: RegionCode
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    locale: Annotated[str, Field(min_length=2)]
    timezone: str = "UTC"
    start_time: Annotated[int, Field(ge=0, lt=2**32)] | None = None
    seed: int | None = None
    partner: PartnerSpec
    marts: Annotated[list[MartSpec], Field(min_length=1)]
    channels: ChannelsSpec | None = None
    orders: OrdersSpec | None = None
    products: ProductsSpec | None = None
    payment: PaymentSpec | None = None
    riders: RidersSpec | None = None
    pause: PauseSpec | None = None
    media_budget_mb: Annotated[int, Field(ge=0)] | None = None
    catalogue_items: list[CatalogueItemSpec] | None = None
    discounts: list[DiscountSpec] | None = None

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (KeyError, ValueError, OSError):  # not found is a KeyError; a path-like name a ValueError
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @model_validator(mode="after")
    def _shops_need_the_whitelist(self) -> WorldSpec:
        if not (self.partner.sandbox_v2 and self.partner.mart_outlet_whitelist):
            # as on the platform: Mart and Outlet shops exist for an app with both switches on
            raise ValueError("a world's Mart and Outlet shops need partner.sandbox_v2 and partner.mart_outlet_whitelist true")
        for index, item in enumerate(self.catalogue_items or ()):
            if self.region not in item.price:
                raise ValueError(f"catalogue_items[{index}].price has no price for the world's region {self.region}")
            if item.variation is not None and self.region not in item.variation.price_step:
                raise ValueError(f"catalogue_items[{index}].variation.price_step has no step for the world's region {self.region}")
        return self
