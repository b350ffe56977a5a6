"""Media and journal within bounds: a total image budget per world, and compaction as the journal grows."""
from __future__ import annotations

from pathlib import Path

from emulator.domains.product.media import solid_png
from emulator.world import Emulator
from emulator.worlds import load_world

LARGE = solid_png((1, 2, 3)) + b"\0" * (3 * 2**20)  # a PNG signature and 3 MB


def _upload(client, http, shop_id, data: bytes) -> dict:
    _, path, query = client.signed_query("v2.media_space.upload_image", shop_id)
    return http.post(path, params=query, files=[("image", ("big.png", data, "image/png"))]).json()


def test_upload_past_the_media_budget_is_refused(shopee, shopee_client, shopee_http, mart_id):
    shopee.products.media.budget = 10 * 2**20
    answers = [_upload(shopee_client, shopee_http, mart_id, LARGE) for _ in range(4)]
    assert [a["error"] for a in answers] == ["", "", "", "error_param"]
    assert answers[3]["message"] == "Parameter is not match the constraints, the images stored exceed the media budget of 10 MB."
    assert shopee.products.media.stored_bytes() <= 10 * 2**20


def test_media_budget_comes_from_the_world_file():
    assert Emulator({**load_world("id"), "media_budget_mb": 7}).products.media.budget == 7 * 2**20


def test_journal_is_compacted_when_it_grows(tmp_path: Path):
    emulator = Emulator(data=str(tmp_path / "world.json"))
    emulator.store.compact_after = 256 * 1024
    before = emulator.store.compactions
    for n in range(200):
        with emulator.transaction():
            emulator.store.put("notes", str(n % 5), {"text": "x" * 20_000})
    journal = tmp_path / "world.json.journal"
    assert emulator.store.compactions > before
    assert journal.stat().st_size <= max(256 * 1024, (tmp_path / "world.json").stat().st_size) + 30_000
    emulator.store.abandon()
    restarted = Emulator(data=str(tmp_path / "world.json"))
    assert restarted.store.get("notes", "4") == {"text": "x" * 20_000}
    restarted.close()
