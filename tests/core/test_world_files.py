"""World files: the examples in fixtures/ build as they say, and a mistake in a file is one line
naming the key, never a traceback from seeding."""
from __future__ import annotations

from pathlib import Path

import pytest

from emulator.world import Emulator
from emulator.worlds import WorldError, load_world

FIXTURE_WORLDS = sorted((Path(__file__).resolve().parents[2] / "fixtures" / "worlds").glob("*.yaml"))
ITEM = {"name": "Pisang 1 kg", "sku": "MY-1", "weight": 1.0, "price": {"ID": 28500}, "stock": 5, "category_id": 100011,
        "attributes": {200010: 2001001, 200011: 2001101}}
BASE = {"name": "w", "region": "ID", "currency": "IDR", "locale": "id_ID", "partner": {"partner_id": 5}, "marts": [{"outlets": 1}]}


@pytest.fixture
def world_of():
    made: list[Emulator] = []

    def build(path: Path) -> Emulator:
        made.append(Emulator(str(path)))
        return made[-1]

    yield build
    for emulator in made:
        emulator.close()


def test_there_are_example_worlds():
    assert len(FIXTURE_WORLDS) >= 2


@pytest.mark.parametrize("path", FIXTURE_WORLDS, ids=lambda p: p.stem)
def test_an_example_world_has_the_shops_and_history_it_declares(world_of, path):
    spec = load_world(str(path))
    emulator = world_of(path)
    marts = emulator.shops.marts()
    assert [len(emulator.shops.outlets_of(m["shop_id"])) for m in marts] == [m.get("outlets", 1) for m in spec["marts"]]
    assert emulator.auth.default_partner()["partner_id"] == spec["partner"]["partner_id"]
    outlets = [o["shop_id"] for m in marts for o in emulator.shops.outlets_of(m["shop_id"])]
    orders = sum(emulator.orders.index.count(shop) for shop in outlets)
    assert (orders == 0) == (spec.get("orders", {}).get("history") is False)


def test_two_retailers_enables_only_the_channels_it_names(world_of):
    emulator = world_of(next(p for p in FIXTURE_WORLDS if p.stem == "two_retailers"))
    outlet = emulator.shops.outlets_of(emulator.shops.marts()[0]["shop_id"])[0]["shop_id"]
    assert sorted(emulator.logistics.enabled_channel_ids(outlet)) == [80012, 80019]


@pytest.mark.parametrize(("change", "message"), [
    ({"marts": [{"outlets": "many"}]}, "inline world: marts[0].outlets: Input should be a valid integer, unable to parse string as an integer"),
    ({"marts": [{"outlets": 51}]}, "inline world: marts[0].outlets: Input should be less than or equal to 50"),
    ({"marts": []}, "inline world: marts: List should have at least 1 item after validation, not 0"),
    ({"martz": 1}, "inline world: martz: unknown key"),
    ({"timezone": "Mars/Olympus"}, "inline world: timezone: unknown time zone 'Mars/Olympus'"),
    ({"region": "XX"}, "inline world: region: no catalogue for region 'XX' (known regions: ID, TH)"),
    ({"partner": {"partner_id": 5, "mart_outlet_whitelist": False}},
     "inline world: a world's Mart and Outlet shops need partner.sandbox_v2 and partner.mart_outlet_whitelist true"),
    ({"riders": {"allocate_seconds": -1}}, "inline world: riders.allocate_seconds: Input should be greater than or equal to 0"),
    ({"catalogue_items": [{**ITEM, "price": {"TH": 59}}]}, "inline world: catalogue_items[0].price has no price for the world's region ID"),
    ({"catalogue_items": [{**ITEM, "colour": [300, 0, 0]}]}, "inline world: catalogue_items[0].colour[0]: Input should be less than or equal to 255"),
    ({"catalogue_items": [{**ITEM, "category_id": 1}]}, "world w: catalogue item MY-1: Invalid category."),
    ({"discounts": [{"percent_off": 120}]}, "inline world: discounts[0].percent_off: Input should be less than 100"),
    ({"channels": {"outlets": {1: {"enabled": ["gosend"]}}}},
     "inline world: channels.outlets[1].enabled[0]: Input should be a valid integer, unable to parse string as an integer"),
])
def test_a_wrong_world_is_refused_naming_the_key(change, message):
    with pytest.raises(WorldError) as caught:
        Emulator({**BASE, **change})
    assert str(caught.value) == message


def test_serve_names_the_key_of_a_wrong_world_file(tmp_path, capsys):
    from emulator.cli import main

    path = tmp_path / "mine.yaml"
    path.write_text("name: mine\nregion: ID\ncurrency: IDR\nlocale: id_ID\npartner: {partner_id: 5}\nmarts: [{outlets: many}]\n")
    assert main(["serve", "--port", "1", "--world", str(path)]) == 2
    assert capsys.readouterr().err == (
        "error: mine.yaml: marts[0].outlets: Input should be a valid integer, unable to parse string as an integer\n"
    )


def test_a_world_of_its_own_few_items_seeds_them_and_the_history_they_can_stock():
    emulator = Emulator({**BASE, "catalogue_items": [{**ITEM, "stock": 3}], "discounts": []})
    try:
        mart = emulator.shops.marts()[0]["shop_id"]
        outlet = emulator.shops.outlets_of(mart)[0]["shop_id"]
        assert [i["item_sku"] for i in emulator.products.items_of_shop(mart)] == ["MY-1"]
        [model] = emulator.products.items_of_shop(outlet)[0]["models"]
        # the orders that fitted were seeded, and they hold no more than the Outlet had
        assert emulator.orders.index.count(outlet) > 0
        assert 0 <= model["reserved"] <= model["stock"] <= 3
    finally:
        emulator.close()


def test_world_file_nested_too_deeply_is_a_world_error(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("shops: " + "[" * 5000, "utf-8")
    with pytest.raises(WorldError, match="deep.yaml: (nested too deeply|not valid YAML)"):
        load_world(str(path))


def test_a_world_path_that_cannot_be_read_as_text_is_a_world_error(tmp_path):
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"name: \xff\n")
    with pytest.raises(WorldError, match=r"^folder\.yaml: cannot read: Is a directory$"):
        load_world(str(folder))
    with pytest.raises(WorldError, match=r"^binary\.yaml: not UTF-8 text \(byte 0xff at offset 6\)$"):
        load_world(str(binary))
