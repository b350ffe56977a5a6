"""Beyond loopback the partner key and tokens are the world's own, never the seed's."""
from __future__ import annotations

import pytest

from emulator import cli
from emulator.world import RANDOM_KEYS, SEEDED_KEYS, Emulator
from tests.core.test_serve import Serve


def _secrets(emulator: Emulator) -> tuple[str, list[str]]:
    with emulator.transaction():
        tokens = [emulator.auth.ready_tokens(s["shop_id"])["access_token"] for s in emulator.shops.all_shops()]
    return emulator.auth.default_partner()["partner_key"], tokens


def test_random_keys_differ_from_the_seed_and_between_worlds():
    seeded, first, second = Emulator(), Emulator(keys=RANDOM_KEYS), Emulator(keys=RANDOM_KEYS)
    key, tokens = _secrets(seeded)
    assert _secrets(first)[0] not in (key, _secrets(second)[0])
    assert not set(_secrets(first)[1]) & set(tokens)
    assert (seeded.keys, first.keys) == (SEEDED_KEYS, RANDOM_KEYS)


def test_seeded_keys_stay_reproducible():
    assert _secrets(Emulator()) == _secrets(Emulator())


def test_random_keys_are_kept_in_the_data_file(tmp_path):
    data = str(tmp_path / "world.json")
    first = Emulator(data=data, keys=RANDOM_KEYS)
    before = _secrets(first)
    first.close()
    again = Emulator(data=data, keys=RANDOM_KEYS)
    assert _secrets(again) == before
    again.close()


def test_a_seeded_data_file_served_beyond_loopback_gets_fresh_keys(tmp_path):
    data = str(tmp_path / "world.json")
    seeded = Emulator(data=data)
    key, tokens = _secrets(seeded)
    seeded.close()
    public = Emulator(data=data, keys=RANDOM_KEYS)
    new_key, new_tokens = _secrets(public)
    assert new_key != key and not set(new_tokens) & set(tokens)
    assert public.auth.access_grant(tokens[0], public.auth.default_partner()["partner_id"]) is None
    public.close()


def test_banner_says_where_the_keys_came_from():
    assert "from the seed" in cli.keys_note(Emulator())
    assert "random for this world" in cli.keys_note(Emulator(keys=RANDOM_KEYS))
    assert "from --partner-key" in cli.keys_note(Emulator(), chosen_key=True)


@pytest.mark.slow
def test_serve_beyond_loopback_uses_random_keys():
    seeded_key = Emulator().auth.default_partner()["partner_key"]
    server = Serve("--host", "0.0.0.0", "--control-token", "t0ken")
    try:
        assert "random for this world" in server.banner
        creds = server.http.get("/_emulator/credentials", headers={"X-Emulator-Token": "t0ken"}).json()
        assert creds["partner_key"] != seeded_key
    finally:
        server.stop()


@pytest.mark.slow
def test_serve_with_partner_key_uses_it():
    server = Serve("--partner-key", "shpkmine")
    try:
        assert "partner_key  shpkmine  (from --partner-key" in server.banner
        assert server.http.get("/_emulator/credentials").json()["partner_key"] == "shpkmine"
    finally:
        server.stop()
