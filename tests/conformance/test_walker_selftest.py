"""The suite's own check: the walker fails, naming the path, for a field removed, renamed,
retyped or nulled — on an answer made from every page's tree, and on a real answer."""
from __future__ import annotations

import copy
from typing import Any

import pytest

from emulator.spec import catalogue
from tests.conformance.cases import Call, World, send
from tests.conformance.walker import walk

_SAMPLES = {"string": "text", "boolean": True, "bool": True, "float": 1.5, "double": 1.5}


def perfect(tree: list[dict[str, Any]]) -> dict[str, Any]:
    """An answer with every documented field, each of its documented type."""
    out: dict[str, Any] = {}
    for spec in tree:
        kind = spec["type"].strip()
        base = kind[:-2] if kind.endswith("[]") else kind
        if base == "object":
            value: Any = perfect(spec.get("children") or [])
        else:
            value = _SAMPLES.get(base, 7)
        out[spec["name"]] = [value] if kind.endswith("[]") else value
    return out


def deepest_leaf(tree: list[dict[str, Any]], path: tuple[Any, ...] = ()) -> tuple[tuple[Any, ...], dict[str, Any]] | None:
    """The deepest scalar field: the hardest place for a walker to look."""
    best = None
    for spec in tree:
        kind = spec["type"].strip()
        here = path + (spec["name"],) + ((0,) if kind.endswith("[]") else ())
        children = spec.get("children") or []
        found = deepest_leaf(children, here) if children else (None if kind.endswith("[]") or kind in ("file", "object") else (here, spec))
        if found and (best is None or len(found[0]) > len(best[0])):
            best = found
    return best


def _text(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _parent(answer: dict[str, Any], path: tuple[Any, ...]) -> Any:
    node: Any = answer
    for part in path[:-1]:
        node = node[part]
    return node


WALKABLE = sorted(name for name, spec in catalogue().items() if spec.documented and deepest_leaf(spec.result_tree()))


@pytest.mark.parametrize("api", WALKABLE)
def test_walker_names_the_path_of_each_kind_of_divergence(api: str) -> None:
    tree = catalogue()[api].result_tree()
    answer = perfect(tree)
    assert walk(tree, answer).problems == []
    leaf = deepest_leaf(tree)
    assert leaf is not None
    path, spec = leaf
    where, name = _text(path), path[-1]

    removed = copy.deepcopy(answer)
    del _parent(removed, path)[name]
    assert walk(tree, removed).problems == [f"{where}: missing"]

    renamed = copy.deepcopy(answer)
    parent = _parent(renamed, path)
    parent[name + "s"] = parent.pop(name)  # a spelling slip, the way renames happen
    assert walk(tree, renamed).problems[0] == f"{where}: missing (answered {name}s: renamed?)"

    retyped = copy.deepcopy(answer)
    wrong: Any = {"an": "object"}
    _parent(retyped, path)[name] = wrong
    assert walk(tree, retyped).problems == [f"{where}: expected {spec['type']}, got dict ({wrong!r})"]

    nulled = copy.deepcopy(answer)
    _parent(nulled, path)[name] = None
    expected = [] if spec.get("nullable") else [f"{where}: null where a value is documented"]
    assert walk(tree, nulled).problems == expected


def test_a_list_item_that_is_not_an_object_is_named() -> None:
    tree = catalogue()["v2.order.get_order_list"].result_tree()
    answer = perfect(tree)
    answer["response"]["order_list"] = ["not an order"]
    assert walk(tree, answer).problems == ["response.order_list[0]: expected object, got str ('not an order')"]


def test_optional_and_nullable_paths_are_tolerated_only_where_listed() -> None:
    tree = catalogue()["v2.order.get_order_list"].result_tree()
    answer = perfect(tree)
    del answer["response"]["order_list"][0]["order_status"]
    answer["response"]["next_cursor"] = None
    answer["response"]["an_emulator_extra"] = None  # undocumented fields are not walked
    assert sorted(walk(tree, answer).problems) == [
        "response.next_cursor: null where a value is documented",
        "response.order_list[0].order_status: missing",
    ]
    tolerated = walk(tree, answer, optional={"response.order_list[].order_status"}, nullable={"response.next_cursor"})
    assert tolerated.problems == []


def test_a_real_answer_is_walked_and_its_divergences_named(shopee: Any, shopee_http: Any, shopee_client: Any) -> None:
    world = World(shopee, shopee_http, shopee_client)
    answer = send(world, "v2.public.get_shopee_ip_ranges", Call()).json()
    tree = catalogue()["v2.public.get_shopee_ip_ranges"].result_tree()
    assert walk(tree, answer).problems == []
    field = next(f["name"] for f in tree)
    broken = {k: v for k, v in answer.items() if k != field}
    assert walk(tree, broken).problems == [f"{field}: missing"]
    assert walk(tree, {**answer, field: None}).problems == [f"{field}: null where a value is documented"]
    assert walk(tree, {**answer, field: 5}).problems[0].startswith(f"{field}: expected ")


def test_request_checks_send_each_documented_bound_and_wrong_type() -> None:
    from tests.conformance.requests import at_limits, is_validation_failure, wrong_types

    tree = list(catalogue()["v2.order.get_order_list"].request)
    bounds = dict(at_limits(tree, {"page_size": 20, "time_range_field": "create_time"}))
    assert bounds == {"page_size=100 (max)": {"page_size": 100, "time_range_field": "create_time"},
                      "page_size=1 (min)": {"page_size": 1, "time_range_field": "create_time"}}
    detail = list(catalogue()["v2.order.get_order_detail"].request)
    joined = dict(at_limits(detail, {"order_sn_list": "A"}))["order_sn_list=50 (max)"]["order_sn_list"]
    assert joined.split(",") == ["A"] * 50
    wrong = dict(wrong_types(tree, {"page_size": 20, "time_range_field": "create_time"}, in_query=True))
    assert wrong == {"page_size": {"page_size": "not-a-number", "time_range_field": "create_time"}}
    assert is_validation_failure({"error": "error_param", "message": "Wrong parameters, detail: page_size should be an integer."})
    assert not is_validation_failure({"error": "error_param", "message": "Wrong parameters, detail: the order is not found."})
