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


def test_live_server_holds_its_port_from_the_moment_it_is_made():
    """Under pytest -n another worker's server must not be handed the same free port before this
    one binds it: the port is bound when the server is made, not looked up and let go."""
    import socket

    import httpx

    from emulator.server import LiveServer
    from emulator.world import Emulator

    emulator = Emulator()
    server = LiveServer(emulator)
    with socket.socket() as other, pytest.raises(OSError):
        other.bind(("127.0.0.1", server.port))
    with server:
        assert httpx.get(server.url + "/_emulator/health").json()["status"] == "ok"
    emulator.close()


def test_signing_client_names_an_unknown_api_and_the_name_of_its_path(shopee_client):
    with pytest.raises(ValueError) as caught:
        shopee_client.call("v2.auth.access_token.get", body={})
    assert str(caught.value) == (
        "unknown API 'v2.auth.access_token.get'; /api/v2/auth/access_token/get is v2.public.refresh_access_token"
    )
    with pytest.raises(ValueError, match="names look like v2.shop.get_shop_info"):
        shopee_client.call("v2.shop.frobnicate")


def test_world_marker_file_is_found_beside_the_test_from_any_folder(pytester):
    pytester.makeini("[pytest]\n")
    worlds = pytester.mkdir("integration") / "worlds"  # not "tests": this suite's own package is imported
    worlds.mkdir()
    worlds.joinpath("one_outlet.yaml").write_text(
        "name: one_outlet\nregion: ID\ncurrency: IDR\nlocale: id_ID\npartner: {partner_id: 9}\nmarts: [{brand: Kecil, outlets: 1}]\n"
    )
    pytester.path.joinpath("integration", "test_small_world.py").write_text(
        "import pytest\n\n"
        "@pytest.mark.shopee_world('worlds/one_outlet.yaml')\n"
        "def test_small(shopee):\n    assert len(shopee.shops.marts()[0]['outlet_shop_ids']) == 1\n\n"
        "@pytest.mark.shopee_world('worlds/absent.yaml')\n"
        "def test_absent(shopee):\n    pass\n"
    )
    result = pytester.runpytest("-p", "no:cacheprovider", *IN_PROCESS)  # started from the project's root
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["shopee_world: world 'worlds/absent.yaml' not found (known worlds: *)"])
    assert "Traceback" not in result.stdout.str() and "During handling" not in result.stdout.str()
