"""/_emulator/postman.json: a Postman collection v2.1 of every API, whose pre-request script signs
exactly as the emulator's own client does (run in node with Postman's ``pm`` and ``CryptoJS`` shimmed)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from emulator.app import create_app
from emulator.asgi import in_process_client

SCHEMA = json.loads((Path(__file__).parent / "data" / "postman-collection-v2.1.0.schema.json").read_text("utf-8"))
NODE = shutil.which("node")

# Postman's sandbox, reduced to what the collection's script uses: variables resolve local first,
# then the collection's; CryptoJS.HmacSHA256 is node's HMAC.
SANDBOX = r"""
const crypto = require("crypto");
const input = JSON.parse(process.argv[1]);
Date.now = () => input.now * 1000;
const local = {};
const collection = Object.fromEntries(input.variables.map((v) => [v.key, v.value]));
const get = (k) => (k in local ? local[k] : collection[k]);
const pm = {
  variables: { get, set: (k, v) => { local[k] = v; }, replaceIn: (s) => s.replace(/{{(\w+)}}/g, (_, k) => get(k)) },
  collectionVariables: { get: (k) => collection[k] },
  request: { url: {
    getPath: () => "/" + input.url.path.join("/"),
    query: { toObject: (excludeDisabled) => Object.fromEntries(
      input.url.query.filter((q) => !(excludeDisabled && q.disabled)).map((q) => [q.key, q.value])) },
  } },
};
const CryptoJS = {
  HmacSHA256: (message, key) => ({ toString: () => crypto.createHmac("sha256", key).update(message).digest("hex") }),
  enc: { Hex: "hex" },
};
new Function("pm", "CryptoJS", input.script)(pm, CryptoJS);
console.log(JSON.stringify(local));
"""


@pytest.fixture
def collection(shopee_http) -> dict[str, Any]:
    answer = shopee_http.get("/_emulator/postman.json")
    assert answer.status_code == 200
    return answer.json()


def requests_of(collection: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["name"]: item for folder in collection["item"] for item in folder["item"]}


def run_pre_request(collection: dict[str, Any], item: dict[str, Any], now: int) -> dict[str, str]:
    script = "\n".join(collection["event"][0]["script"]["exec"])
    payload = json.dumps({"script": script, "variables": collection["variable"], "url": item["request"]["url"], "now": now})
    done = subprocess.run([NODE, "-e", SANDBOX, payload], capture_output=True, text=True, timeout=60, check=True)
    return dict(json.loads(done.stdout))


def resolved_query(collection: dict[str, Any], item: dict[str, Any], local: dict[str, str]) -> dict[str, str]:
    values = {**{v["key"]: v["value"] for v in collection["variable"]}, **local}
    return {q["key"]: re.sub(r"{{(\w+)}}", lambda m: values[m.group(1)], q["value"] or "")
            for q in item["request"]["url"]["query"] if not q.get("disabled")}


def test_collection_validates_against_the_v2_1_schema(collection):
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    errors = sorted(jsonschema.Draft7Validator(SCHEMA).iter_errors(collection), key=str)
    assert not errors, errors[0]


def test_schema_check_can_fail(collection):
    broken = {**collection, "info": {"name": "no schema field"}}
    assert not jsonschema.Draft7Validator(SCHEMA).is_valid(broken)


def test_collection_holds_every_emulated_api_once(shopee, collection):
    names = [item["name"] for folder in collection["item"] for item in folder["item"]]
    assert sorted(names) == sorted(op.name for op in shopee.registry.implemented())
    for folder in collection["item"]:
        assert all(item["name"].split(".")[1] == folder["name"] for item in folder["item"])


def test_variables_are_this_emulators_partner_and_an_outlet(shopee, shopee_http, collection):
    variables = {v["key"]: v["value"] for v in collection["variable"]}
    creds = shopee_http.get("/_emulator/credentials").json()
    assert (variables["partner_id"], variables["partner_key"]) == (str(creds["partner_id"]), creds["partner_key"])
    outlet = next(s for s in creds["shops"] if s["shop_id"] == int(variables["shop_id"]))
    assert outlet["kind"] == "outlet" and variables["access_token"] == outlet["access_token"]
    assert variables["base_url"] == str(shopee_http.base_url).rstrip("/")


def test_query_values_come_from_the_reference_example(collection):
    query = {q["key"]: q for q in requests_of(collection)["v2.order.get_order_list"]["request"]["url"]["query"]}
    assert query["time_range_field"]["value"] == "create_time" and not query["time_range_field"].get("disabled")
    assert [k for k in query][:4] == ["partner_id", "timestamp", "access_token", "shop_id"]


def test_collection_needs_the_control_token_beyond_loopback(shopee):
    with in_process_client(create_app(shopee, control_token="secret")) as http:
        assert http.get("/_emulator/postman.json").status_code == 403
        assert http.get("/_emulator/postman.json", headers={"X-Emulator-Token": "secret"}).status_code == 200


needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed: the pre-request script cannot run")


@needs_node
@pytest.mark.parametrize("api", ["v2.shop.get_shop_info", "v2.public.get_shopee_ip_ranges", "v2.push.get_app_push_config"])
def test_pre_request_script_signs_as_the_emulators_client(shopee, shopee_client, collection, api):
    item = requests_of(collection)[api]
    now = shopee.clock.now()
    local = run_pre_request(collection, item, now)
    assert local["timestamp"] == str(now)
    query = resolved_query(collection, item, local)
    shop_id = int(query["shop_id"]) if "shop_id" in query else None
    _, _, expected = shopee_client.signed_query(api, shop_id, access_token=query.get("access_token"), timestamp=now)
    assert local["sign"] == expected["sign"]


@needs_node
def test_signed_request_from_the_collection_is_accepted(shopee, shopee_http, collection):
    item = requests_of(collection)["v2.logistics.get_channel_list"]
    local = run_pre_request(collection, item, shopee.clock.now())
    answer = shopee_http.get("/" + "/".join(item["request"]["url"]["path"]), params=resolved_query(collection, item, local))
    assert answer.json()["error"] == "", answer.json()
    assert answer.json()["response"]["logistics_channel_list"]


@needs_node
def test_a_spoiled_key_is_refused(shopee, shopee_http, collection):
    item = requests_of(collection)["v2.shop.get_shop_info"]
    spoiled = {**collection, "variable": [{**v, "value": "wrong"} if v["key"] == "partner_key" else v for v in collection["variable"]]}
    local = run_pre_request(spoiled, item, shopee.clock.now())
    answer = shopee_http.get("/api/v2/shop/get_shop_info", params=resolved_query(collection, item, local))
    assert answer.json()["error"] == "error_sign"
