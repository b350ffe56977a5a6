"""Running scenarios through the signed HTTP pipeline: passing, failing and set-up paths."""
from __future__ import annotations

from pathlib import Path

import pytest

from emulator.scenarios import ScenarioError, ScenarioFailure, build_emulator, run_scenario
from tests.conftest import ok

DATA = Path(__file__).parent / "data"


def failure(scenario) -> ScenarioFailure:
    with pytest.raises(ScenarioFailure) as caught:
        run_scenario(scenario)
    return caught.value


def test_run_passes_and_keeps_saved_values(scenario_of):
    scenario = scenario_of(
        "seed: 3\nsteps:\n"
        "  - call: {api: v2.shop.get_shop_info, shop: \"outlet[1]\"}\n"
        "    save: {mart: mart_shop_id, name: shop_name}\n"
        "  - call: {api: v2.shop.get_shop_info, shop: \"${mart}\"}\n"
        "    expect: {\"outlet_shop_info_list[1].outlet_shop_id\": \"${outlet[1]}\", shop_name: {contains: Mart Official}}\n"
    )
    result = run_scenario(scenario)
    assert [s.index for s in result.steps] == [0, 1]
    assert " Mart - " in result.variables["name"] and isinstance(result.variables["mart"], int)


def test_run_failure_names_file_step_mismatch_and_answer(scenario_of):
    scenario = scenario_of(
        "steps:\n  - advance: 1h\n"
        "  - name: Mart info\n    call: {api: v2.shop.get_shop_info, shop: mart}\n"
        "    expect: {is_mart_shop: false, region: ID, outlet_shop_info_list: {len: 2}}\n"
    )
    failed = failure(scenario)
    text = str(failed)
    assert text.splitlines()[:3] == [
        "case.yaml: steps[1] (Mart info):",
        "  is_mart_shop: expected false, got true",
        "  outlet_shop_info_list: expected length 2, got length 5: " + text.splitlines()[2].split(": ", 2)[2],
    ]
    assert '"is_mart_shop": true' in text and failed.index == 1


def test_run_call_without_expect_must_succeed(scenario_of):
    scenario = scenario_of("steps:\n  - call: {api: v2.shop.get_shop_info, shop: mart, access_token: 0123456789abcdef0123456789abcdef}\n")
    assert failure(scenario).problems == ['error: expected "", got "error_auth"']


def test_run_control_error_status_fails_unless_expected(scenario_of):
    bad = scenario_of("steps:\n  - control: {path: /_emulator/clock/advance, body: {seconds: -1}}\n")
    assert failure(bad).problems == ["http_status: expected below 400, got 400"]
    expected = scenario_of(
        "steps:\n  - control: {path: /_emulator/clock/advance, body: {seconds: -1}}\n"
        "    expect: {http_status: 400, message: {contains: time only moves forward}}\n"
    )
    run_scenario(expected)


def test_run_unknown_variable_fails_clearly(scenario_of):
    scenario = scenario_of("steps:\n  - call: {api: v2.shop.get_shop_info, shop: \"${shop}\"}\n")
    assert failure(scenario).problems == ["unknown variable ${shop} (saved so far: none; built in: now, mart, outlet[N])"]


def test_run_outlet_beyond_the_world(scenario_of):
    scenario = scenario_of("world: th\nsteps:\n  - call: {api: v2.shop.get_shop_info, shop: \"outlet[3]\"}\n")
    assert failure(scenario).problems == ["outlet[3]: that Mart has 3 Outlet(s)"]


def test_run_unknown_literal_shop_needs_a_token(scenario_of):
    scenario = scenario_of("steps:\n  - call: {api: v2.shop.get_shop_info, shop: 99999}\n")
    assert failure(scenario).problems == ["shop 99999 is not in this world: give access_token to call it anyway"]
    answered = scenario_of(
        "steps:\n  - call: {api: v2.shop.get_shop_info, shop: 99999, access_token: 0123456789abcdef0123456789abcdef}\n"
        "    expect: {http_status: 403, error: error_auth}\n"
    )
    run_scenario(answered)


def test_run_save_of_missing_path_fails(scenario_of):
    scenario = scenario_of("steps:\n  - call: {api: v2.shop.get_shop_info, shop: mart}\n    save: {x: response.nothing}\n")
    assert failure(scenario).problems == ["save x: nothing at response.nothing"]


def test_run_advance_moves_the_virtual_clock(scenario_of):
    scenario = scenario_of(
        "steps:\n  - control: {method: GET, path: /_emulator/clock}\n    save: {start: now}\n"
        "  - advance: 1d 2h\n"
        "  - control: {method: get, path: /_emulator/clock}\n    expect: {now: {gte: 93600}}\n    save: {later: now}\n"
    )
    variables = run_scenario(scenario).variables
    assert variables["later"] - variables["start"] == 93600


def test_run_fault_step_error_then_pass(scenario_of):
    scenario = scenario_of(
        "steps:\n"
        "  - fault: {operation: v2.shop.get_shop_info, shop: mart, error: error_server, message: busy, times: 2}\n"
        "  - call: {api: v2.shop.get_shop_info, shop: \"outlet[0]\"}\n"
        "  - call: {api: v2.shop.get_shop_info, shop: mart}\n    expect: {error: error_server, message: busy}\n"
        "  - call: {api: v2.shop.get_shop_info, shop: mart}\n    expect: {error: error_server}\n"
        "  - call: {api: v2.shop.get_shop_info, shop: mart}\n"
    )
    assert len(run_scenario(scenario).steps) == 5


def test_build_emulator_applies_set_up_faults():
    from emulator.scenarios import load_scenario

    emulator = build_emulator(load_scenario(DATA / "setup_faults.yaml"))
    try:
        assert emulator.world["region"] == "TH" and emulator.seed == 5
        assert [rule.operation for rule in emulator.faults.rules] == ["v2.shop.get_shop_info"]
    finally:
        emulator.close()


@pytest.mark.shopee_scenario("data/setup_faults.yaml")
def test_marker_loads_world_and_faults(shopee, shopee_client, outlet_ids):
    assert shopee.world["name"] == "th" and shopee.seed == 5
    first = shopee_client.call("v2.shop.get_shop_info", shop_id=outlet_ids[1])
    assert (first["error"], first["message"]) == ("error_server", "System error. Please try again later.")
    ok(shopee_client.call("v2.shop.get_shop_info", shop_id=outlet_ids[1]))


@pytest.mark.shopee_scenario("channel_toggle_fault", run_steps=True)
def test_marker_run_steps_leaves_the_scenario_state(shopee, outlet_id, shopee_scenario_result):
    assert shopee.logistics.enabled_channel_ids(outlet_id) == [80012]
    assert len(shopee_scenario_result.steps) == 8


@pytest.mark.shopee_scenario("product_publish", run_steps=True)
def test_marker_result_holds_saved_values(shopee_client, outlet_id, shopee_scenario_result):
    item = shopee_scenario_result.variables["outlet_item"]
    info = ok(shopee_client.call("v2.product.get_item_base_info", shop_id=outlet_id, params={"item_id_list": [item]}))
    assert info["item_list"][0]["stock_info_v2"]["seller_stock"][0]["stock"] == 30


def test_run_world_file_with_a_wrong_value_names_the_key(scenario_of):
    from emulator.scenarios import ScenarioError

    with pytest.raises(ScenarioError) as caught:
        scenario_of("world: {extends: id, marts: [{brand: X, outlets: many}]}\n")
    assert str(caught.value) == (
        "case.yaml: world: inline world: marts[0].outlets: Input should be a valid integer, unable to parse string as an integer"
    )



def test_run_finish_waits_for_the_batch_tasks_and_nothing_when_none_waits(scenario_of):
    scenario = scenario_of(
        "steps:\n"
        "  - control: {method: POST, path: /_emulator/product/batch_tasks, body: {delay_seconds: 600}}\n"
        "  - call: {api: v2.product.batch_update_outlet_price, shop: mart, body: {item_list: "
        "[{outlet_shop_id: '${outlet[0]}', item_id: 1, price_list: [{model_id: 0, original_price: 30000}]}]}}\n"
        "    save: {task: response.task_id}\n"
        "  - finish: batch_tasks\n"
        "  - finish: video_uploads\n"
        "  - call: {api: v2.product.get_batch_task_result, shop: mart, params: {task_type: 1, task_id: '${task}'}}\n"
        "    expect: {response.publish_status: 2}\n"
    )
    emulator = build_emulator(scenario)
    start = emulator.clock.now()
    steps = run_scenario(scenario, emulator).steps
    assert [s.summary for s in steps[2:4]] == [f"clock {start + 600}, 1 job(s) ran", f"clock {start + 600}, 0 job(s) ran"]


def test_finish_names_what_it_waits_for(scenario_of):
    with pytest.raises(ScenarioError, match="finish waits for one of batch_tasks, video_uploads"):
        scenario_of("steps:\n  - finish: orders\n")


@pytest.mark.shopee_scenario("product_publish", run_steps=True)
def test_marker_result_holds_each_steps_answer(shopee_scenario_result):
    steps = shopee_scenario_result.steps
    publish = next(s for s in steps if s.label.startswith("publish"))
    assert publish.http_status == 200
    assert publish.answer["response"]["item_id"] == shopee_scenario_result.variables["outlet_item"]
    assert steps[-1].answer["error"] == "error_param"  # a refusal the scenario expected is kept as answered
