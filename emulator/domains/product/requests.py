"""Request models where the reference's declarations are wrong (update_item's image ids are
strings, not objects) or missing (tier_variation on the variation APIs, the Instant Mart APIs)."""
from __future__ import annotations

from typing import Any, Optional

from pydantic import AliasChoices, Field, field_validator

from emulator.domains.product.errors import wrong
from emulator.spec import RequestModel


class ItemImage(RequestModel):
    image_id_list: list[str]
    image_ratio: Optional[str] = None


class ItemDimension(RequestModel):
    package_height: int
    package_length: int
    package_width: int


class ItemLogistic(RequestModel):
    logistic_id: int
    enabled: bool
    shipping_fee: Optional[float] = None
    size_id: Optional[int] = None
    is_free: Optional[bool] = None


class ItemAttributeValue(RequestModel):
    value_id: int
    original_value_name: Optional[str] = None
    value_unit: Optional[str] = None


class ItemAttribute(RequestModel):
    attribute_id: int
    attribute_value_list: Optional[list[ItemAttributeValue]] = None


class ItemPreOrder(RequestModel):
    is_pre_order: bool
    days_to_ship: Optional[int] = None


class UpdateItemPreOrder(ItemPreOrder):
    # update_item's page makes days_to_ship required, unlike add_item's
    days_to_ship: int


class ItemPromotionImages(RequestModel):
    image_id_list: Optional[list[str]] = None


class ItemWholesale(RequestModel):
    min_count: int
    max_count: int
    unit_price: float


class ItemBrand(RequestModel):
    brand_id: Optional[int] = None
    original_brand_name: Optional[str] = None


class ItemSellerStock(RequestModel):
    location_id: Optional[str] = None
    stock: int


class ItemDescriptionImage(RequestModel):
    image_id: Optional[str] = None


class ItemDescriptionField(RequestModel):
    field_type: str
    text: Optional[str] = None
    image_info: Optional[ItemDescriptionImage] = None


class ItemExtendedDescription(RequestModel):
    field_list: list[ItemDescriptionField]


class ItemDescriptionInfo(RequestModel):
    extended_description: Optional[ItemExtendedDescription] = None


class ItemMaxPurchaseLimit(RequestModel):
    purchase_limit: Optional[int] = None


class ItemPurchaseLimit(RequestModel):
    min_purchase_limit: Optional[int] = None
    max_purchase_limit: Optional[ItemMaxPurchaseLimit] = None


class ItemSizeChartInfo(RequestModel):
    size_chart: Optional[str] = None
    size_chart_id: Optional[int] = None


class _ItemFields(RequestModel):
    item_status: Optional[str] = None
    dimension: Optional[ItemDimension] = None
    attribute_list: Optional[list[ItemAttribute]] = None
    pre_order: Optional[ItemPreOrder] = None
    item_sku: Optional[str] = None
    condition: Optional[str] = None
    wholesale: Optional[list[ItemWholesale]] = None
    video_upload_id: Optional[list[str]] = None
    brand: Optional[ItemBrand] = None
    item_dangerous: Optional[int] = None
    description_info: Optional[ItemDescriptionInfo] = None
    description_type: Optional[str] = None
    gtin_code: Optional[str] = None
    size_chart_info: Optional[ItemSizeChartInfo] = None
    medicine_id: Optional[int] = None
    promotion_images: Optional[ItemPromotionImages] = None
    scheduled_publish_time: Optional[int] = None


class AddItemRequest(_ItemFields):
    original_price: float
    description: str
    weight: float
    item_name: str
    logistic_info: list[ItemLogistic]
    category_id: int
    image: ItemImage
    seller_stock: Optional[list[ItemSellerStock]] = None
    purchase_limit_info: Optional[ItemPurchaseLimit] = None


class UpdateItemRequest(_ItemFields):
    item_id: int
    item_name: Optional[str] = None
    description: Optional[str] = None
    weight: Optional[float] = None
    logistic_info: Optional[list[ItemLogistic]] = None
    category_id: Optional[int] = None
    image: Optional[ItemImage] = None
    purchase_limit_info: Optional[ItemPurchaseLimit] = None
    pre_order: Optional[UpdateItemPreOrder] = None

    @field_validator("wholesale", "video_upload_id", mode="before")
    @classmethod
    def _empty_string_deletes(cls, value: Any) -> Any:
        # the base-info guide deletes wholesale and video_upload_id with the empty string, as item_sku
        return [] if value == "" else value


class TierOptionImage(RequestModel):
    image_id: Optional[str] = None


class TierOption(RequestModel):
    option: str
    image: Optional[TierOptionImage] = None


class TierVariationParam(RequestModel):
    name: str
    option_list: list[TierOption]


class StandardTierOption(RequestModel):
    # optional on the page: a custom option has a name and no id
    variation_option_id: Optional[int] = None
    variation_option_name: Optional[str] = None
    image_id: Optional[str] = None


class StandardTierVariation(RequestModel):
    variation_id: int
    variation_name: Optional[str] = None
    variation_group_id: Optional[int] = None
    variation_option_list: list[StandardTierOption]


class NewModelParam(RequestModel):
    tier_index: list[int]
    original_price: float
    model_sku: Optional[str] = None
    seller_stock: list[ItemSellerStock]
    gtin_code: Optional[str] = None
    weight: Optional[float] = None
    dimension: Optional[ItemDimension] = None
    pre_order: Optional[ItemPreOrder] = None


class InitTierVariationRequest(RequestModel):
    item_id: int
    tier_variation: Optional[list[TierVariationParam]] = None
    standardise_tier_variation: Optional[list[StandardTierVariation]] = None
    model: list[NewModelParam]


class ModelPlacement(RequestModel):
    model_id: int
    tier_index: list[int]


class UpdateTierVariationRequest(RequestModel):
    item_id: int
    tier_variation: Optional[list[TierVariationParam]] = None
    standardise_tier_variation: Optional[list[StandardTierVariation]] = None
    model_list: Optional[list[ModelPlacement]] = None


class PublishLogistic(ItemLogistic):
    # the page's request example names the channel ``channel_id``; its table says ``logistic_id``
    logistic_id: int = Field(validation_alias=AliasChoices("logistic_id", "channel_id"))


class PublishModelParam(RequestModel):
    relate_mart_model_id: int
    model_status: Optional[str] = None
    original_price: Optional[float] = None
    seller_stock: Optional[list[ItemSellerStock]] = None
    # the page's request example sends the pre-order block as ``dts``
    pre_order: Optional[ItemPreOrder] = Field(default=None, validation_alias=AliasChoices("pre_order", "dts"))


class PublishPurchaseLimit(RequestModel):
    min_purchase_limit: int
    max_purchase_limit: ItemMaxPurchaseLimit


class PublishItemParam(RequestModel):
    outlet_item_id: Optional[int] = None
    model: Optional[list[PublishModelParam]] = None
    logistic_info: Optional[list[PublishLogistic]] = None
    purchase_limit_info: Optional[PublishPurchaseLimit] = None

    @field_validator("model", mode="before")
    @classmethod
    def _one_model(cls, value: Any) -> Any:
        # the page types ``model`` as an object; a single model object is taken as a list of one
        return [value] if isinstance(value, dict) else value


class PublishItemToOutletShopRequest(RequestModel):
    mart_item_id: int
    outlet_shop_id: int
    publish_item: PublishItemParam


class GetMartItemMappingByIdRequest(RequestModel):
    mart_item_id: int
    outlet_shop_id_list: Optional[list[int]] = None


def tiers_of(req: InitTierVariationRequest | UpdateTierVariationRequest) -> list[dict[str, Any]]:
    """tier_variation as given, or made from standardise_tier_variation (names and images); both
    empty (or one empty and the other left out) is no tier at all."""
    if req.tier_variation is None and req.standardise_tier_variation is None:
        raise wrong("tier_variation or standardise_tier_variation is required")
    if req.tier_variation:
        return [t.model_dump(exclude_none=True) for t in req.tier_variation]
    return [
        {"name": t.variation_name or "", "option_list": [
            {"option": o.variation_option_name or "", **({"image": {"image_id": o.image_id}} if o.image_id else {})}
            for o in t.variation_option_list
        ]}
        for t in req.standardise_tier_variation or []
    ]


class BatchPublishEntry(RequestModel):
    mart_item_id: int
    outlet_shop_id: int
    publish_item: PublishItemParam


class BatchPublishItemToOutletShopRequest(RequestModel):
    item_list: list[BatchPublishEntry]
