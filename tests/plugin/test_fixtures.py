"""The pytest plugin, checked the way a user meets it: a fresh test file in a fresh project."""
from __future__ import annotations

import pytest

from tests.conftest import IN_PROCESS


def run(pytester: pytest.Pytester, source: str, *args: str) -> pytest.RunResult:
    pytester.makepyfile(test_user=source)
    # -W error: the fixtures must leave no unclosed client or socket behind in a strict project
    return pytester.runpytest("-p", "no:cacheprovider", "--strict-markers", "-W", "error", *IN_PROCESS, *args)


def test_shopee_fixtures_in_fresh_test_file(pytester):
    result = run(
        pytester,
        """
        def test_call(shopee, shopee_http, shopee_client):
            mart = shopee.shops.marts()[0]["shop_id"]
            info = shopee_client.call("v2.shop.get_shop_info", shop_id=mart)
            assert len(info["outlet_shop_info_list"]) == 5
            assert shopee_http.get("/_emulator/clock").json()["now"] == shopee.clock.now()
        """,
    )
    result.assert_outcomes(passed=1)


def test_shopee_world_marker_picks_world(pytester):
    result = run(
        pytester,
        """
        import pytest

        @pytest.mark.shopee_world("th")
        def test_thai(shopee, shopee_client):
            mart = shopee.shops.marts()[0]["shop_id"]
            info = shopee_client.call("v2.shop.get_shop_info", shop_id=mart)
            assert info["region"] == "TH"
            assert len(info["outlet_shop_info_list"]) == 3

        @pytest.mark.shopee_world("th", seed=5)
        def test_seeded(shopee):
            assert shopee.seed == 5
        """,
    )
    result.assert_outcomes(passed=2)


def test_shopee_fixture_fresh_per_test(pytester):
    result = run(
        pytester,
        """
        def test_first(shopee):
            shopee.advance(3600)
            with shopee.transaction():
                shopee.shops.update_profile(shopee.shops.marts()[0]["shop_id"], "Changed", None, None)

        def test_second(shopee):
            assert shopee.clock.now() == 1767578400
            assert shopee.shops.marts()[0]["shop_name"] == "Segar Mart Official"
        """,
    )
    result.assert_outcomes(passed=2)


def test_shopee_seed_fixture_can_be_overridden(pytester):
    result = run(
        pytester,
        """
        import pytest

        @pytest.fixture
        def shopee_seed():
            return 99

        def test_seed(shopee):
            assert shopee.seed == 99
        """,
    )
    result.assert_outcomes(passed=1)


def test_shopee_server_answers_real_http(pytester):
    result = run(
        pytester,
        """
        import httpx

        def test_live(shopee_server):
            assert shopee_server.url.startswith("http://127.0.0.1:")
            clock = httpx.get(shopee_server.url + "/_emulator/clock").json()
            assert clock["now"] == shopee_server.emulator.clock.now()
            mart = shopee_server.emulator.shops.marts()[0]["shop_id"]
            info = shopee_server.client().call("v2.shop.get_shop_info", shop_id=mart)
            assert info["error"] == "" and info["is_mart_shop"] is True

        def test_nothing_left_open():
            import gc
            gc.collect()  # a socket the server fixture left open would warn here, an error under -W error
        """,
    )
    result.assert_outcomes(passed=2)


def test_shopee_world_marker_registered(pytester):
    pytester.makepyfile(test_user="def test_nothing():\n    pass\n")
    result = pytester.runpytest("--markers")
    result.stdout.fnmatch_lines(["*shopee_world(name_or_dict, seed=None)*"])
