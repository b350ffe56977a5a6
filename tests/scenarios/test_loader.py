"""Loading scenario files: every problem names the file and the key path."""
from __future__ import annotations

import pytest

from emulator.scenarios import ScenarioError, load_scenario
from emulator.scenarios.model import duration_seconds


def problems(scenario_of, text: str) -> str:
    with pytest.raises(ScenarioError) as caught:
        scenario_of(text)
    return str(caught.value)


def test_load_unknown_api_names_file_and_key_path(scenario_of):
    text = "steps:\n  - advance: 1h\n  - call: {api: v2.product.frobnicate, shop: mart}\n"
    assert problems(scenario_of, text) == "case.yaml: steps[1].call.api: unknown API v2.product.frobnicate"


def test_load_reports_every_problem_one_per_line(scenario_of):
    text = (
        "steps:\n"
        "  - advance: 2 weeks\n"
        "  - call: {api: v2.shop.get_shop_info, shop: \"outlet[x]\", bogus: 1}\n"
        "  - control: {path: /reset}\n"
    )
    assert problems(scenario_of, text).splitlines() == [
        "case.yaml: steps[0].advance: not a duration '2 weeks': write seconds, or e.g. 2h, 30m, 1d 6h, 90s",
        "case.yaml: steps[1].call.shop: unknown shop reference 'outlet[x]': use mart, mart[N], outlet[N], mart[N].outlet[M], a shop_id or ${name}",
        "case.yaml: steps[1].call.bogus: unknown key (expected one of: api, shop, body, params, files, access_token)",
        "case.yaml: steps[2].control: path must start with /_emulator/",
    ]


def test_load_step_needs_exactly_one_action(scenario_of):
    text = "steps:\n  - {advance: 60, call: {api: v2.shop.get_shop_info}}\n"
    assert problems(scenario_of, text) == "case.yaml: steps[0]: a step has exactly one of call, control, fault, advance, finish (found call, advance)"


def test_load_advance_takes_no_expect(scenario_of):
    assert problems(scenario_of, "steps:\n  - {advance: 60, expect: {error: ''}}\n") == "case.yaml: steps[0]: advance steps take no expect or save"


def test_load_unknown_top_level_key(scenario_of):
    assert problems(scenario_of, "stepz: []\n") == "case.yaml: stepz: unknown key: did you mean steps?"


def test_load_bad_matcher_argument_names_expectation(scenario_of):
    text = "steps:\n  - call: {api: v2.shop.get_shop_info, shop: mart}\n    expect: {response.item_list: {len: many}}\n"
    assert problems(scenario_of, text) == "case.yaml: steps[0].expect: response.item_list: len takes a whole number"


def test_load_bad_path_in_save(scenario_of):
    text = "steps:\n  - call: {api: v2.shop.get_shop_info, shop: mart}\n    save: {name: 'response..x'}\n"
    assert problems(scenario_of, text) == "case.yaml: steps[0].save: name: not a path 'response..x': write e.g. response.item_list[0].item_id"


def test_load_fault_effect_key_path(scenario_of):
    text = "faults:\n  - {operation: v2.shop.get_shop_info, effects: [pass, {error: x, status: 500}]}\n"
    assert problems(scenario_of, text) == "case.yaml: faults[0].effects[1]: unknown effect key 'status' (allowed: error, message, http_status)"


def test_load_fault_unknown_operation(scenario_of):
    assert problems(scenario_of, "faults: [{operation: v2.nope}]\n") == "case.yaml: faults[0].operation: unknown API v2.nope"


def test_load_invalid_yaml_names_line(scenario_of):
    text = "steps:\n  - call: {api: v2.shop.get_shop_info, shop: outlet[0]}\n"
    assert problems(scenario_of, text) == (
        "case.yaml: not valid YAML (line 2): expected ',' or '}', but got '['"
        ' (inside {...} quote what holds [ or ], e.g. shop: "outlet[0]", or write the mapping in block style)'
    )


def test_load_unknown_world(scenario_of):
    assert problems(scenario_of, "world: atlantis\n").startswith("case.yaml: world: world 'atlantis' not found")


def test_load_not_a_mapping(scenario_of):
    assert problems(scenario_of, "- advance: 1\n") == "case.yaml: a scenario is a mapping with name, world, seed, faults and steps"


def test_load_missing_file(tmp_path):
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path / "gone.yaml")
    assert str(caught.value) == "gone.yaml: cannot read: No such file or directory"


def test_load_name_defaults_to_file_stem(scenario_of):
    assert scenario_of("steps: []\n").name == "case"


def test_load_world_extends_a_named_world(scenario_of):
    scenario = scenario_of("world: {extends: th, marts: [{brand: Kluay, outlets: 1}]}\n")
    assert scenario.world["region"] == "TH" and scenario.world["marts"] == [{"brand": "Kluay", "outlets": 1}]


def test_load_world_file_relative_to_scenario(write_scenario):
    write_scenario("name: tiny\nregion: ID\ncurrency: IDR\nlocale: id_ID\npartner: {partner_id: 9}\nmarts: [{brand: Kecil, outlets: 2}]\n", "tiny.yaml")
    scenario = load_scenario(write_scenario("world: tiny.yaml\n", "uses_tiny.yaml"))
    assert scenario.world["name"] == "tiny"


@pytest.mark.parametrize(("text", "seconds"), [(7200, 7200), ("2h", 7200), ("1d 6h", 108000), ("30m", 1800), ("90s", 90), ("1.5h", 5400)])
def test_duration_seconds_forms(text, seconds):
    assert duration_seconds(text) == seconds
