"""Conformance cases: the logistics APIs (v2.logistics.*)."""
from __future__ import annotations

from tests.conformance.cases import Call, Cases, World  # noqa: F401  (the format cases use)

CASES = Cases()
# APIs of this domain with no case yet; each case added removes its API from here.
PENDING: dict[str, str] = {
    "v2.logistics.batch_ship_order": "no case yet",
    "v2.logistics.create_shipping_document": "no case yet",
    "v2.logistics.delete_special_operating_hour": "no case yet",
    "v2.logistics.download_shipping_document": "no case yet",
    "v2.logistics.get_address_list": "no case yet",
    "v2.logistics.get_channel_list": "no case yet",
    "v2.logistics.get_mart_packaging_info": "no case yet",
    "v2.logistics.get_mass_shipping_parameter": "no case yet",
    "v2.logistics.get_mass_tracking_number": "no case yet",
    "v2.logistics.get_operating_hour_restrictions": "no case yet",
    "v2.logistics.get_operating_hours": "no case yet",
    "v2.logistics.get_shipping_document_data_info": "no case yet",
    "v2.logistics.get_shipping_document_parameter": "no case yet",
    "v2.logistics.get_shipping_document_result": "no case yet",
    "v2.logistics.get_shipping_parameter": "no case yet",
    "v2.logistics.get_tracking_info": "no case yet",
    "v2.logistics.get_tracking_number": "no case yet",
    "v2.logistics.mass_ship_order": "no case yet",
    "v2.logistics.set_mart_packaging_info": "no case yet",
    "v2.logistics.ship_order": "no case yet",
    "v2.logistics.update_channel": "no case yet",
    "v2.logistics.update_operating_hours": "no case yet",
    "v2.logistics.update_shipping_order": "no case yet",
}
