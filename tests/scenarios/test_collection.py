"""The pytest plugin collects scenario files as test items where a project opts in (pytester)."""
from __future__ import annotations

GOOD = "name: Mart answers\nsteps:\n  - call: {api: v2.shop.get_shop_info, shop: mart}\n"
BAD = "steps:\n  - call: {api: v2.shop.get_shop_info, shop: mart}\n    expect: {is_mart_shop: false}\n"
NOT_YAML = "users: [1, 2\n  - this: is: not yaml\n"


def project(pytester, ini: str, files: dict[str, str]) -> None:
    """A user's project: its ini file's [pytest] lines and files by relative path."""
    pytester.makeini("[pytest]\n" + ini)
    for name, text in files.items():
        pytester.path.joinpath(name).parent.mkdir(parents=True, exist_ok=True)
        pytester.path.joinpath(name).write_text(text)


def test_scenarios_folder_is_not_collected_unless_opted_in(pytester):
    project(pytester, "", {"scenarios/load_test.yaml": NOT_YAML, "scenarios/bad.yaml": BAD,
                           "test_plain.py": "def test_plain():\n    pass\n"})
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_opted_in_glob_collects_only_its_matches(pytester):
    project(pytester, "shopee_scenarios = checks/*_flow.yaml\n", {"checks/mart_flow.yaml": GOOD, "checks/notes.yaml": NOT_YAML})
    result = pytester.runpytest("-p", "no:cacheprovider", "-v")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["checks/mart_flow.yaml::Mart answers PASSED*"])


def test_command_line_option_opts_a_folder_in(pytester):
    project(pytester, "", {"flows/good.yaml": GOOD})
    result = pytester.runpytest("-p", "no:cacheprovider", "--shopee-scenarios", "flows")
    result.assert_outcomes(passed=1)


def test_opted_in_folder_is_collected_one_item_per_file(pytester):
    pytester.makeini("[pytest]\nshopee_scenarios = scenarios\n")
    pytester.mkdir("scenarios")
    pytester.path.joinpath("scenarios", "good.yaml").write_text(GOOD)
    pytester.path.joinpath("scenarios", "bad.yaml").write_text(BAD)
    pytester.mkdir("scenarios/worlds")
    pytester.path.joinpath("scenarios", "worlds", "w.yaml").write_text("name: not a scenario\n")
    pytester.path.joinpath("elsewhere.yaml").write_text(BAD)
    result = pytester.runpytest("-p", "no:cacheprovider", "-v")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines([
        "scenarios/bad.yaml::bad FAILED*",
        "scenarios/good.yaml::Mart answers PASSED*",
        "bad.yaml: steps[0] (call v2.shop.get_shop_info @mart):",
        "  is_mart_shop: expected false, got true",
    ])


def test_scenario_named_on_the_command_line_is_collected(pytester):
    pytester.makeini("[pytest]\n")
    pytester.path.joinpath("one_off.yaml").write_text(GOOD)
    result = pytester.runpytest("-p", "no:cacheprovider", "one_off.yaml")
    result.assert_outcomes(passed=1)


def test_invalid_scenario_file_is_a_failing_item_naming_the_key(pytester):
    pytester.makeini("[pytest]\nshopee_scenarios = scenarios\n")
    pytester.mkdir("scenarios")
    pytester.path.joinpath("scenarios", "typo.yaml").write_text("steps:\n  - cal: {api: v2.shop.get_shop_info}\n")
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["typo.yaml: steps[0].cal: unknown key: did you mean call?"])


def test_marker_loads_scenario_beside_the_test(pytester):
    pytester.makeini("[pytest]\n")
    pytester.path.joinpath("setup.yaml").write_text(
        "world: th\nseed: 9\nfaults: [{operation: v2.shop.get_shop_info, shop: mart, error: error_server}]\n"
    )
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.shopee_scenario("setup")
        def test_it(shopee, shopee_client):
            mart = shopee.shops.marts()[0]["shop_id"]
            assert shopee.world["name"] == "th" and shopee.seed == 9
            assert shopee_client.call("v2.shop.get_shop_info", shop_id=mart)["error"] == "error_server"
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "test_marker_loads_scenario_beside_the_test.py")
    result.assert_outcomes(passed=1)


def test_marker_scenario_whose_step_fails_reports_the_step_and_its_diff_not_the_runner(pytester):
    pytester.makeini("[pytest]\n")
    pytester.path.joinpath("setup.yaml").write_text(
        "steps:\n  - call: {api: v2.shop.get_shop_info, shop: mart}\n    expect:\n      outlet_shop_info_list[0]: {outlet_shop_id: 1}\n"
    )
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.shopee_scenario("setup", run_steps=True)
        def test_it(shopee_scenario_result):
            pass

        @pytest.mark.shopee_scenario("missing")
        def test_missing(shopee):
            pass
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(errors=2)
    result.stdout.fnmatch_lines([
        "setup.yaml: steps[0] (call v2.shop.get_shop_info @mart):",
        '  outlet_shop_info_list?0?: expected {"outlet_shop_id": 1}, got {"outlet_shop_id": *}',
        "    .outlet_shop_id: expected 1, got *",
    ])
    result.stdout.fnmatch_lines(["missing: no such scenario (looked beside the test, in the rootdir and in scenarios/)"])
    out = result.stdout.str()
    assert "scenarios/runner.py" not in out and "def _step" not in out and "During handling" not in out
