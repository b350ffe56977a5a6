"""No input to a return API, on a real return in any state, answers a server error."""
from __future__ import annotations

from tests.conftest import ok, signed_query
from tests.domains.return_helpers import DAY, dispute, new_return

BAD_VALUES = [None, -1, 0, 2**62, 2**63 - 1, -(2**63), 2**70, "x", "", [], {"a": 1}, "é" * 3, 1e308, "NaN", "inf", 0.001, [{"url": 1}], [{"module_index": "x"}]]


def test_every_return_api_refuses_malformed_parameters_without_server_error(shopee, shopee_http, shopee_client, outlet_id):
    _, requested = new_return(shopee, shopee_http, outlet_id)
    _, disputed = new_return(shopee, shopee_http, outlet_id)
    ok(dispute(shopee_client, outlet_id, disputed, 2))
    _, refunded = new_return(shopee, shopee_http, outlet_id, solution="REFUND")
    shopee.advance(3 * DAY)
    operations = [op for op in shopee.registry.implemented() if op.name.startswith("v2.returns.")]
    assert len(operations) >= 14
    for op in operations:
        for return_sn in (requested, disputed, refunded):
            for field in [f for f in op.request_model.model_fields if f != "return_sn"]:
                for value in BAD_VALUES:
                    query = signed_query(shopee, op.path, shop_id=outlet_id)
                    if op.method == "GET":
                        response = shopee_http.get(op.path, params={**query, "return_sn": return_sn, field: str(value)})
                    else:
                        body = {"return_sn": return_sn, "email": "ops@outlet.test", field: value}
                        response = shopee_http.post(op.path, params=query, json=body)
                    assert response.status_code < 500, (op.name, field, value, response.text)
