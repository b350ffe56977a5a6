"""Returns across reset and snapshot import: the index is rebuilt and deadline jobs still fire."""
from __future__ import annotations

from tests.conftest import ok
from tests.domains.return_helpers import DAY, new_return, return_detail


def _listed(shopee_client, shop_id):
    answer = ok(shopee_client.call("v2.returns.get_return_list", shop_id=shop_id, params={"page_no": 0, "page_size": 100}))
    return [r["return_sn"] for r in answer["return"]]


def test_reset_forgets_returns(shopee, shopee_http, shopee_client, outlet_id):
    new_return(shopee, shopee_http, outlet_id)
    assert shopee_http.post("/_emulator/reset").status_code == 200
    assert _listed(shopee_client, outlet_id) == []
    assert shopee_http.get("/_emulator/world").json()["counts"]["returns"] == 0


def test_snapshot_import_keeps_returns_and_their_deadlines(shopee, shopee_http, shopee_client, outlet_id):
    _, return_sn = new_return(shopee, shopee_http, outlet_id, solution="REFUND")
    state = shopee_http.get("/_emulator/snapshot").json()
    shopee_http.post("/_emulator/reset")
    assert shopee_http.post("/_emulator/snapshot", json=state).status_code == 200
    assert _listed(shopee_client, outlet_id) == [return_sn]
    shopee.advance(3 * DAY)
    assert return_detail(shopee_client, outlet_id, return_sn)["status"] == "ACCEPTED"


def test_returns_are_the_same_for_a_seed(shopee_http):
    from emulator.world import Emulator

    def run(seed):
        emulator = Emulator(seed=seed)
        try:
            outlet = emulator.shops.marts()[0]["outlet_shop_ids"][0]
            item = next(d for d in emulator.store.collection("items").values() if d["kind"] == "outlet" and d["shop_id"] == outlet)
            order = emulator.orders.create(outlet, [{"item_id": item["item_id"], "model_id": item["models"][0]["model_id"]}], paid=True)
            for action in ("ship", "pickup", "deliver"):
                emulator.orders.act(order["order_sn"], action)
            return emulator.returns.request(order["order_sn"])["return_sn"]
        finally:
            emulator.close()

    assert run(11) == run(11)
