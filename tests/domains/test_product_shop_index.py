"""The item ids of each shop, kept by every write of the item collection: new items, deletes,
undone transactions, restored snapshots."""
from __future__ import annotations

from typing import Any

import pytest

from emulator.domains.product.stock import ITEMS
from emulator.world import Emulator
from tests.domains.product_support import add_item


def test_new_deleted_undone_and_restored_items(shopee: Emulator, shopee_client: Any, shopee_http: Any, mart_id: int) -> None:
    products = shopee.products
    before = products.item_ids_of_shop(mart_id)
    assert before == sorted(before)
    saved = shopee.snapshot()
    item_id = add_item(shopee_client, shopee_http, mart_id)["item_id"]
    assert products.item_ids_of_shop(mart_id) == sorted([*before, item_id])
    with pytest.raises(RuntimeError), shopee.transaction():
        shopee.store.delete(ITEMS, item_id)
        assert item_id not in products.item_ids_of_shop(mart_id)
        raise RuntimeError("refused")
    assert products.item_ids_of_shop(mart_id).count(item_id) == 1
    with shopee.transaction():  # an edit in place leaves the shop's list as it was
        edited = shopee.store.edit(ITEMS, item_id)
        assert edited is not None
        edited["item_status"] = "UNLIST"
    assert products.item_ids_of_shop(mart_id).count(item_id) == 1
    shopee.import_snapshot(saved)
    assert products.item_ids_of_shop(mart_id) == before
