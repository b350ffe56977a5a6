"""Conformance cases: the product APIs (v2.product.*)."""
from __future__ import annotations

from tests.conformance.cases import Call, Cases, World  # noqa: F401  (the format cases use)

CASES = Cases()
# APIs of this domain with no case yet; each case added removes its API from here.
PENDING: dict[str, str] = {
    "v2.product.add_item": "no case yet",
    "v2.product.add_model": "no case yet",
    "v2.product.category_recommend": "no case yet",
    "v2.product.delete_item": "no case yet",
    "v2.product.delete_model": "no case yet",
    "v2.product.get_attribute_tree": "no case yet",
    "v2.product.get_brand_list": "no case yet",
    "v2.product.get_category": "no case yet",
    "v2.product.get_item_base_info": "no case yet",
    "v2.product.get_item_extra_info": "no case yet",
    "v2.product.get_item_limit": "no case yet",
    "v2.product.get_item_list": "no case yet",
    "v2.product.get_main_item_list": "no case yet",
    "v2.product.get_mart_item_mapping_by_id": "no case yet",
    "v2.product.get_model_list": "no case yet",
    "v2.product.get_recommend_attribute": "no case yet",
    "v2.product.get_variations": "no case yet",
    "v2.product.get_weight_recommendation": "no case yet",
    "v2.product.init_tier_variation": "no case yet",
    "v2.product.publish_item_to_outlet_shop": "no case yet",
    "v2.product.search_item": "no case yet",
    "v2.product.unlist_item": "no case yet",
    "v2.product.update_item": "no case yet",
    "v2.product.update_model": "no case yet",
    "v2.product.update_price": "no case yet",
    "v2.product.update_stock": "no case yet",
    "v2.product.update_tier_variation": "no case yet",
}
