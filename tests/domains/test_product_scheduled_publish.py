"""scheduled_publish_time lists an UNLIST item when the virtual clock reaches it, and only then."""
from __future__ import annotations

import logging
from typing import Any


from emulator.domains.product import events
from emulator.domains.product.schedule import JOB
from tests.conftest import ok
from tests.domains.product_support import add_item, publish_body

HOUR, DAY = 3600, 86400


def _ahead(shopee: Any, seconds: int) -> int:
    """A whole minute ``seconds`` (or a little more) after the virtual now."""
    at = shopee.clock.now() + seconds
    return at + (-at % 60)


def base_info(client: Any, shop_id: int, item_id: int) -> dict[str, Any]:
    return ok(client.call("v2.product.get_item_base_info", shop_id=shop_id, params={"item_id_list": [item_id]}))["item_list"][0]


def shown(client: Any, shop_id: int, item_id: int) -> tuple[str, int]:
    info = base_info(client, shop_id, item_id)
    return info["item_status"], info["scheduled_publish_time"]


def update(client: Any, shop_id: int, item_id: int, **fields: Any) -> dict[str, Any]:
    return ok(client.call("v2.product.update_item", shop_id=shop_id, body={"item_id": item_id, **fields}))


def scheduled_item(shopee: Any, client: Any, http: Any, mart_id: int, ahead: int = 2 * HOUR) -> tuple[int, int]:
    when = _ahead(shopee, ahead)
    item = add_item(client, http, mart_id, item_status="UNLIST", scheduled_publish_time=when)
    return item["item_id"], when


def test_the_item_is_listed_exactly_at_its_time(shopee, shopee_client, shopee_http, mart_id):
    item_id, when = scheduled_item(shopee, shopee_client, shopee_http, mart_id)
    shopee.set_time(when - 1)
    assert shown(shopee_client, mart_id, item_id) == ("UNLIST", when)
    seen = len(shopee.bus.recent)
    shopee.set_time(when)
    info = base_info(shopee_client, mart_id, item_id)
    # listed, and the schedule that has happened is no longer shown
    assert (info["item_status"], info["scheduled_publish_time"], info["update_time"]) == ("NORMAL", 0, when)
    listed = ok(shopee_client.call("v2.product.get_item_list", shop_id=mart_id,
                                   params={"offset": 0, "page_size": 100, "item_status": ["NORMAL"], "update_time_from": when}))
    assert item_id in [i["item_id"] for i in listed["item"]]
    told = [ev for ev in list(shopee.bus.recent)[seen:] if ev.name == events.ITEM_UPDATED and ev.data["item_id"] == item_id]
    assert [(ev.shop_id, ev.timestamp, ev.data["fields"]) for ev in told] == [(mart_id, when, ["item_status", "scheduled_publish_time"])]


def test_a_clock_jump_lists_each_item_at_its_own_time(shopee, shopee_client, shopee_http, mart_id):
    scheduled = [scheduled_item(shopee, shopee_client, shopee_http, mart_id, ahead) for ahead in (2 * HOUR, 10 * DAY, 89 * DAY)]
    shopee.advance(90 * DAY)
    for item_id, when in scheduled:
        info = base_info(shopee_client, mart_id, item_id)
        assert (info["item_status"], info["update_time"]) == ("NORMAL", when)


def test_unlisting_a_listed_item_does_not_bring_its_old_schedule_back(shopee, shopee_client, shopee_http, mart_id):
    item_id, when = scheduled_item(shopee, shopee_client, shopee_http, mart_id)
    shopee.set_time(when)
    update(shopee_client, mart_id, item_id, item_status="UNLIST")
    assert shown(shopee_client, mart_id, item_id) == ("UNLIST", 0)


def test_a_new_time_replaces_the_old_one(shopee, shopee_client, shopee_http, mart_id):
    item_id, first = scheduled_item(shopee, shopee_client, shopee_http, mart_id)
    later = first + DAY
    update(shopee_client, mart_id, item_id, scheduled_publish_time=later)
    shopee.set_time(first)
    assert shown(shopee_client, mart_id, item_id) == ("UNLIST", later)
    shopee.set_time(later)
    assert shown(shopee_client, mart_id, item_id) == ("NORMAL", 0)


def test_an_earlier_time_lists_it_then_and_the_old_time_changes_nothing(shopee, shopee_client, shopee_http, mart_id):
    item_id, first = scheduled_item(shopee, shopee_client, shopee_http, mart_id, ahead=2 * DAY)
    sooner = _ahead(shopee, 2 * HOUR)
    update(shopee_client, mart_id, item_id, item_status="UNLIST", scheduled_publish_time=sooner)
    shopee.set_time(sooner)
    assert shown(shopee_client, mart_id, item_id) == ("NORMAL", 0)
    shopee.set_time(first)
    assert base_info(shopee_client, mart_id, item_id)["update_time"] == sooner


def test_a_cleared_time_never_lists_the_item(shopee, shopee_client, shopee_http, mart_id):
    item_id, when = scheduled_item(shopee, shopee_client, shopee_http, mart_id)
    update(shopee_client, mart_id, item_id, scheduled_publish_time=0)
    shopee.set_time(when + HOUR)
    assert shown(shopee_client, mart_id, item_id) == ("UNLIST", 0)


def test_listing_by_hand_in_update_item_ends_the_schedule(shopee, shopee_client, shopee_http, mart_id):
    item_id, when = scheduled_item(shopee, shopee_client, shopee_http, mart_id)
    update(shopee_client, mart_id, item_id, item_status="NORMAL")
    assert shown(shopee_client, mart_id, item_id) == ("NORMAL", 0)
    update(shopee_client, mart_id, item_id, item_status="UNLIST")
    shopee.set_time(when + HOUR)
    assert shown(shopee_client, mart_id, item_id) == ("UNLIST", 0)


def test_resending_unlist_keeps_the_schedule(shopee, shopee_client, shopee_http, mart_id):
    item_id, when = scheduled_item(shopee, shopee_client, shopee_http, mart_id)
    update(shopee_client, mart_id, item_id, item_status="UNLIST")  # a client sending back the item as it read it
    ok(shopee_client.call("v2.product.unlist_item", shop_id=mart_id, body={"item_list": [{"item_id": item_id, "unlist": True}]}))
    assert shown(shopee_client, mart_id, item_id) == ("UNLIST", when)
    shopee.set_time(when)
    assert shown(shopee_client, mart_id, item_id) == ("NORMAL", 0)


def test_listing_by_hand_in_unlist_item_ends_the_schedule(shopee, shopee_client, shopee_http, mart_id):
    item_id, when = scheduled_item(shopee, shopee_client, shopee_http, mart_id)
    for unlist in (False, True):
        ok(shopee_client.call("v2.product.unlist_item", shop_id=mart_id, body={"item_list": [{"item_id": item_id, "unlist": unlist}]}))
    shopee.set_time(when + HOUR)
    assert shown(shopee_client, mart_id, item_id) == ("UNLIST", 0)


def test_each_side_keeps_its_own_schedule_and_status(shopee, shopee_client, shopee_http, mart_id, outlet_id):
    mart_item, when = scheduled_item(shopee, shopee_client, shopee_http, mart_id)
    copy = ok(shopee_client.call("v2.product.publish_item_to_outlet_shop", shop_id=mart_id, body=publish_body(mart_item, outlet_id, [0])))["item_id"]
    outlet_when = when + DAY
    update(shopee_client, outlet_id, copy, item_status="UNLIST", scheduled_publish_time=outlet_when)
    shopee.set_time(when)
    assert shown(shopee_client, mart_id, mart_item) == ("NORMAL", 0)
    assert shown(shopee_client, outlet_id, copy) == ("UNLIST", outlet_when)
    shopee.set_time(outlet_when)
    assert shown(shopee_client, outlet_id, copy) == ("NORMAL", 0)


def test_a_deleted_item_leaves_a_job_that_does_nothing(shopee, shopee_client, shopee_http, mart_id, caplog):
    item_id, when = scheduled_item(shopee, shopee_client, shopee_http, mart_id)
    ok(shopee_client.call("v2.product.delete_item", shop_id=mart_id, body={"item_id": item_id}))
    with caplog.at_level(logging.ERROR):
        assert shopee.set_time(when) >= 1
    assert not [r for r in caplog.records if "failed and is dropped" in r.getMessage()]
    assert shopee.products.find(item_id)["item_status"] == "SELLER_DELETE"
    assert shopee.scheduler.pending(JOB) == 0


def test_a_reset_world_drops_the_schedule(shopee, shopee_client, shopee_http, mart_id, caplog):
    item_id, when = scheduled_item(shopee, shopee_client, shopee_http, mart_id)
    assert shopee.scheduler.pending(JOB) == 1
    shopee.reset()
    assert shopee.scheduler.pending(JOB) == 0
    with caplog.at_level(logging.ERROR):
        shopee.set_time(when)
    assert not [r for r in caplog.records if "failed and is dropped" in r.getMessage()]
    assert shopee.products.find(item_id) is None


def test_a_schedule_survives_a_restart_with_a_data_file(tmp_path):
    from emulator.domains.product import items
    from emulator.world import Emulator
    from tests.domains.product_support import item_body

    path = str(tmp_path / "state.json")
    first = Emulator(data=path)
    mart_id = first.shops.marts()[0]["shop_id"]
    when = _ahead(first, 3 * HOUR)
    with first.transaction():
        doc = items.add_item(first.products, mart_id, item_body(_seeded_images(first, mart_id), item_status="UNLIST", scheduled_publish_time=when))
    second = Emulator(data=path)  # no close: as after a kill
    assert second.scheduler.pending(JOB) == 1
    second.set_time(when - 1)
    assert second.products.find(doc["item_id"])["item_status"] == "UNLIST"
    second.set_time(when)
    assert (second.products.find(doc["item_id"])["item_status"], second.products.find(doc["item_id"])["update_time"]) == ("NORMAL", when)
    first.close()
    second.close()


def _seeded_images(emulator: Any, mart_id: int) -> list[str]:
    """Image ids a seeded item of the Mart already uses: issued, so add_item takes them."""
    seeded = next(d for d in emulator.products.items_of_shop(mart_id) if (d.get("image") or {}).get("image_id_list"))
    return list(seeded["image"]["image_id_list"][:1])


def test_a_schedule_travels_in_a_snapshot(shopee, shopee_client, shopee_http, mart_id):
    item_id, when = scheduled_item(shopee, shopee_client, shopee_http, mart_id)
    state = shopee.snapshot()
    shopee.set_time(when)
    assert shown(shopee_client, mart_id, item_id) == ("NORMAL", 0)
    shopee.import_snapshot(state)  # back before the time, with the job pending again
    assert shown(shopee_client, mart_id, item_id) == ("UNLIST", when)
    shopee.set_time(when)
    assert shown(shopee_client, mart_id, item_id) == ("NORMAL", 0)
