"""Request models where the reference's declarations are wrong (update_item's image ids are
strings, not objects) or missing (tier_variation on the variation APIs, the Instant Mart APIs)."""
from __future__ import annotations

from typing import Any, Optional

from emulator.spec import RequestModel


class Image(RequestModel):
    image_id_list: list[str]
    image_ratio: Optional[str] = None


class Dimension(RequestModel):
    package_height: int
    package_length: int
    package_width: int


class Logistic(RequestModel):
    logistic_id: int
    enabled: bool
    shipping_fee: Optional[float] = None
    size_id: Optional[int] = None
    is_free: Optional[bool] = None


class AttributeValue(RequestModel):
    value_id: int
    original_value_name: Optional[str] = None
    value_unit: Optional[str] = None


class Attribute(RequestModel):
    attribute_id: int
    attribute_value_list: Optional[list[AttributeValue]] = None


class PreOrder(RequestModel):
    is_pre_order: bool
    days_to_ship: Optional[int] = None


class Wholesale(RequestModel):
    min_count: int
    max_count: int
    unit_price: float


class Brand(RequestModel):
    brand_id: Optional[int] = None
    original_brand_name: Optional[str] = None


class SellerStock(RequestModel):
    location_id: Optional[str] = None
    stock: int


class DescriptionImage(RequestModel):
    image_id: Optional[str] = None


class DescriptionField(RequestModel):
    field_type: str
    text: Optional[str] = None
    image_info: Optional[DescriptionImage] = None


class ExtendedDescription(RequestModel):
    field_list: list[DescriptionField]


class DescriptionInfo(RequestModel):
    extended_description: Optional[ExtendedDescription] = None


class MaxPurchaseLimit(RequestModel):
    purchase_limit: Optional[int] = None


class PurchaseLimit(RequestModel):
    min_purchase_limit: Optional[int] = None
    max_purchase_limit: Optional[MaxPurchaseLimit] = None


class SizeChartInfo(RequestModel):
    size_chart: Optional[str] = None
    size_chart_id: Optional[int] = None


class _ItemFields(RequestModel):
    item_status: Optional[str] = None
    dimension: Optional[Dimension] = None
    attribute_list: Optional[list[Attribute]] = None
    pre_order: Optional[PreOrder] = None
    item_sku: Optional[str] = None
    condition: Optional[str] = None
    wholesale: Optional[list[Wholesale]] = None
    video_upload_id: Optional[list[str]] = None
    brand: Optional[Brand] = None
    item_dangerous: Optional[int] = None
    description_info: Optional[DescriptionInfo] = None
    description_type: Optional[str] = None
    gtin_code: Optional[str] = None
    size_chart_info: Optional[SizeChartInfo] = None


class AddItemRequest(_ItemFields):
    original_price: float
    description: str
    weight: float
    item_name: str
    logistic_info: list[Logistic]
    category_id: int
    image: Image
    seller_stock: Optional[list[SellerStock]] = None


class UpdateItemRequest(_ItemFields):
    item_id: int
    item_name: Optional[str] = None
    description: Optional[str] = None
    weight: Optional[float] = None
    logistic_info: Optional[list[Logistic]] = None
    category_id: Optional[int] = None
    image: Optional[Image] = None
    purchase_limit_info: Optional[PurchaseLimit] = None


class OptionImage(RequestModel):
    image_id: Optional[str] = None


class Option(RequestModel):
    option: str
    image: Optional[OptionImage] = None


class Tier(RequestModel):
    name: str
    option_list: list[Option]


class StandardOption(RequestModel):
    variation_option_id: int
    variation_option_name: Optional[str] = None
    image_id: Optional[str] = None


class StandardTier(RequestModel):
    variation_id: int
    variation_name: Optional[str] = None
    variation_group_id: Optional[int] = None
    variation_option_list: list[StandardOption]


class NewModel(RequestModel):
    tier_index: list[int]
    original_price: float
    model_sku: Optional[str] = None
    seller_stock: list[SellerStock]
    gtin_code: Optional[str] = None
    weight: Optional[float] = None
    dimension: Optional[Dimension] = None
    pre_order: Optional[PreOrder] = None


class InitTierVariationRequest(RequestModel):
    item_id: int
    tier_variation: Optional[list[Tier]] = None
    standardise_tier_variation: Optional[list[StandardTier]] = None
    model: list[NewModel]


class ModelPlace(RequestModel):
    model_id: int
    tier_index: list[int]


class UpdateTierVariationRequest(RequestModel):
    item_id: int
    tier_variation: Optional[list[Tier]] = None
    standardise_tier_variation: Optional[list[StandardTier]] = None
    model_list: Optional[list[ModelPlace]] = None


class PublishModel(RequestModel):
    relate_mart_model_id: Optional[int] = None
    original_price: Optional[float] = None
    seller_stock: Optional[list[SellerStock]] = None
    pre_order: Optional[PreOrder] = None


class PublishItem(RequestModel):
    model: list[PublishModel]
    logistic_info: Optional[list[Logistic]] = None


class PublishItemToOutletShopRequest(RequestModel):
    mart_item_id: int
    outlet_shop_id: int
    publish_item: PublishItem


class GetMartItemMappingByIdRequest(RequestModel):
    mart_item_id: int
    outlet_shop_id_list: Optional[list[int]] = None


def tiers_of(req: Any) -> list[dict[str, Any]]:
    """tier_variation as given, or made from standardise_tier_variation (names and images)."""
    if req.tier_variation is not None:
        return [t.model_dump(exclude_none=True) for t in req.tier_variation]
    return [
        {"name": t.variation_name or "", "option_list": [
            {"option": o.variation_option_name or "", **({"image": {"image_id": o.image_id}} if o.image_id else {})}
            for o in t.variation_option_list
        ]}
        for t in req.standardise_tier_variation or []
    ]
