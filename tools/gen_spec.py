"""Regenerate the emulator's spec (emulator/spec/*.json) from the reference pack.

Keeps only interface facts: names, methods, paths, parameter and field names, types, required
and nullable flags, nesting, the request example as data, error codes and the platform's error
strings. Descriptions are not copied (a field's nullability is read from its description, and
only the flag is kept).

    apis.json           every API page: request tree, response tree, request example, errors
    catalogue.json      every v2 API the platform documents (name, method, path, api_type)
    common_errors.json  the platform-wide errors, each with a name to inject it by

Where a page's table and its own example disagree, READINGS below says which one the spec
follows (docs/decisions.md explains each); ``--report`` lists every disagreement found.

Usage: python tools/gen_spec.py REFERENCE_DIR [--report]
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

COMMON_PARAMS = frozenset({"partner_id", "timestamp", "sign", "access_token", "shop_id", "merchant_id"})
_ENVELOPE_KEYS = frozenset({"error", "message", "request_id", "warning", "response"})
# A description saying the value may be null ("This value is NULL when order is not paid yet");
# sentences about requests ("can not be null") or other fields ("vat_rate should be null") are not.
_NULLABLE = re.compile(r"\b(?:value (?:will be|is) null|is null when|0 or null|or null|will return null|- null)\b", re.I)

# Per-page readings where the table and the page's example disagree; docs/decisions.md has why.
# Elsewhere the table is the spec: the example illustrates it (fields only the example shows are
# not required of an answer, and the table's type wins).
#   envelope      the envelope the answers use
#   move          response fields the table nests one level too high: path -> new parent path
#   types         a field's type: path -> type (the example's, where the table's is a slip)
#   types_from    a subtree that is another page's object: path -> (api, path there)
#   add_request   request parameters the example sends and the table dropped: parent -> entries
READINGS: dict[str, dict[str, Any]] = {
    # table: result fields beside error/message; example (and every client): under "response"
    "v2.logistics.mass_ship_order": {"envelope": "nested", "wrap": True},
    # the table misspells the result object; the example and every client read "response"
    "v2.logistics.get_operating_hours": {"envelope": "nested", "rename": {"repsonse": "response"}},
    # one day of seven typed string; the other six (and the example) are boolean
    "v2.logistics.get_operating_hour_restrictions": {"types": {
        "response.shop_collection_operating_hour_restrictions.working_day_config.tuesday.operating_24_hour_toggle": "boolean",
    }},
    # the table lost an indentation level: the example answers these per item, as get_item_list's
    # items are, and ``need_tax_info`` / ``need_complaint_policy`` are per-item switches
    "v2.product.get_item_base_info": {"move": {
        f"response.{name}": "response.item_list"
        for name in ("complaint_policy", "tax_info", "description_info", "description_type", "stock_info_v2")
    }},
    # gtin_limit is one of the limits: the table outdents it beside "response", the others sit inside
    "v2.product.get_item_limit": {"move": {"gtin_limit": "response"}},
    # each batch entry's escrow_detail is get_escrow_detail's answer: where this page's table
    # types a field differently (buyer_payment_method float) or lacks one, that page wins
    "v2.payment.get_escrow_detail_batch": {"types_from": {
        "response.escrow_detail": ("v2.payment.get_escrow_detail", "response"),
    }},
    # a list in name and in the example
    "v2.payment.get_billing_transaction_info": {"types": {"response.transactions": "object[]"}},
    "v2.payment.get_payout_info": {"types": {"response.payout_list": "object[]"}},
    "v2.product.init_tier_variation": {"types": {"response.model.tier_index": "int32[]"}},
    "v2.product.get_size_chart_list": {"types": {
        "response.size_chart_list.size_chart_id": "int64", "response.total_count": "int32",
    }},
    "v2.product.publish_item_to_outlet_shop": {"types": {"publish_item.model": "object[]"}},
    # the example answers an empty object, as every update call without result fields does
    "v2.shop.update_profile": {"types": {"response": "object"}},
    # the 2026 table dropped logistic_info, the page's example still sends it and update_item
    # still changes channels on the platform (the Instant Mart guide's flow relies on it)
    "v2.product.update_item": {"add_request": {"": [
        {"name": "logistic_info", "type": "object[]", "required": False, "children": [
            {"name": "logistic_id", "type": "int32", "required": True},
            {"name": "enabled", "type": "boolean", "required": True},
            {"name": "shipping_fee", "type": "float", "required": False},
            {"name": "size_id", "type": "int32", "required": False},
            {"name": "is_free", "type": "boolean", "required": False},
        ]},
    ]}},
}


def _node(tree: list[dict[str, Any]], path: str) -> dict[str, Any]:
    node: dict[str, Any] = {"children": tree}
    for name in path.split(".") if path else []:
        node = next(f for f in node.get("children") or [] if f["name"] == name)
    return node


def apply_readings(name: str, request: list[dict[str, Any]], response: list[dict[str, Any]],
                   pages: dict[str, dict[str, Any]]) -> None:
    reading = READINGS.get(name, {})
    for wrong, right in reading.get("rename", {}).items():
        _node(response, wrong)["name"] = right
    if reading.get("wrap"):
        # the result fields the table puts beside error/message go under "response"
        inner = [f for f in response if f["name"] not in _ENVELOPE_KEYS]
        response[:] = [f for f in response if f["name"] in _ENVELOPE_KEYS] + [
            {"name": "response", "type": "object", "children": inner}]
    for path, parent in reading.get("move", {}).items():
        head, _, leaf = path.rpartition(".")
        source = _node(response, head)
        field = next(f for f in source["children"] if f["name"] == leaf)
        source["children"].remove(field)
        _node(response, parent).setdefault("children", []).append(field)
    for path, kind in reading.get("types", {}).items():
        tree = request if path.split(".")[0] in {f["name"] for f in request} else response
        _node(tree, path)["type"] = kind
    for path, (other, there) in reading.get("types_from", {}).items():
        _copy_types(_node(response, path), _node(_tree(pages[other]["response"], True), there))
    for parent, entries in reading.get("add_request", {}).items():
        _node(request, parent).setdefault("children", []).extend(entries)


def _copy_types(target: dict[str, Any], source: dict[str, Any]) -> None:
    theirs = {f["name"]: f for f in source.get("children") or []}
    for field in target.get("children") or []:
        match = theirs.get(field["name"])
        if match is None:
            continue
        if match["type"] != field["type"] and not (field.get("children") or match.get("children")):
            field["type"] = match["type"]
        _copy_types(field, match)
    # the other page's fields this page's table lacks belong to the same object
    mine = {f["name"] for f in target.get("children") or []}
    extra = [f for name, f in theirs.items() if name not in mine]
    if extra and target.get("children") is not None:
        target["children"].extend(extra)


# A request parameter's documented bounds, read from its description: the value of a number, the
# count of a list or of a comma-joined string, or (``max_length``) the length of a text.
_RANGE = re.compile(r"limit\s*\[\s*(\d+)\s*,\s*(\d+)\s*\]|between (\d+) and (\d+)", re.I)
_MAX = re.compile(r"\bmax(?:imum)?\s*(?:[:=]|is)?\s*(\d+)\b(?!\s*(?:MB|GB|KB|days?|hours?|total|characters))|\(<=\s*(\d+)\)"
                  r"|max count is (\d+)|at most (\d+)\b", re.I)
_MIN = re.compile(r"\bmin(?:imum)?\s*[:=]\s*(\d+)\b", re.I)
_LENGTH = re.compile(r"(?:no more than|less than) (\d+) characters", re.I)


def limits(param: dict[str, Any]) -> dict[str, int]:
    """``{"min", "max"}`` / ``{"max_length"}`` where the description states them plainly."""
    text = (param.get("description") or "").replace("\n", " ")
    kind = param["type"].strip()
    out: dict[str, int] = {}
    length = _LENGTH.search(text)
    if length and kind == "string":
        out["max_length"] = int(length.group(1)) - (1 if "less than" in length.group(0).lower() else 0)
        return out
    if kind in ("boolean", "bool", "file", "object"):
        return out
    found = _RANGE.search(text)
    if found:
        low, high = [int(g) for g in found.groups() if g is not None]
        return {"min": low, "max": high}
    high_match, low_match = _MAX.search(text), _MIN.search(text)
    if high_match:
        out["max"] = int(next(g for g in high_match.groups() if g is not None))
    if low_match:
        out["min"] = int(low_match.group(1))
    return out


def _tree(items: list[dict[str, Any]], response: bool) -> list[dict[str, Any]]:
    out = []
    for p in items:
        entry: dict[str, Any] = {"name": p["name"].strip(), "type": p["type"].strip()}
        if response:
            if p.get("required") is not None:
                entry["required"] = bool(p["required"])
            if _NULLABLE.search(p.get("description") or "") and not p.get("children"):
                entry["nullable"] = True
        else:
            entry["required"] = bool(p.get("required"))
            bounds = limits(p)
            if bounds:
                entry["limits"] = bounds
        children = _tree(p.get("children") or [], response)
        if children:
            entry["children"] = children
        out.append(entry)
    return out


def _parsed(example: Any) -> Any:
    if isinstance(example, str):
        try:
            return json.loads(example)
        except ValueError:
            return None
    return example


def _query_of(text: str) -> dict[str, Any] | None:
    match = re.search(r"https?://[^\s'\"]+", text or "")
    if match is None:
        return None
    pairs = parse_qsl(urlsplit(match.group(0)).query, keep_blank_values=True)
    return {k: v for k, v in pairs if not (k in COMMON_PARAMS and v in (k, ""))}


def request_example(examples: dict[str, Any]) -> dict[str, Any] | None:
    """The page's request example as data: a JSON body, or the query string's parameters."""
    kind = examples.get("request_kind")
    raw = examples.get("request")
    data = _parsed(raw)
    if kind == "query_string" and not isinstance(data, dict):
        data = _query_of(examples.get("request_curl") or "") or _query_of(raw if isinstance(raw, str) else "")
    if not isinstance(data, dict):
        return None
    data = {k: v for k, v in data.items() if k not in COMMON_PARAMS}
    return {"kind": kind, "data": data}


def _result_fields(tree: list[dict[str, Any]]) -> set[str]:
    return {f["name"] for f in tree} - _ENVELOPE_KEYS


def envelope(tree: list[dict[str, Any]], example: Any) -> str:
    """``flat`` when result fields sit beside error/message, in the table and in the example.

    A table without ``response`` whose example nests them (or has no example) is read as the
    example shows; a tree that is only a file (a download) is ``nested``, it has no envelope.
    """
    names = {f["name"] for f in tree}
    result = [f for f in tree if f["name"] not in _ENVELOPE_KEYS]
    if "response" in names or not result or all(f["type"] == "file" for f in result):
        return "nested"
    if isinstance(example, dict) and "response" in example:
        return "nested"
    if isinstance(example, str) and re.search(r'^\s*"response"\s*:', example, re.M):
        return "nested"
    return "flat"


def _shape(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return (_shape(value[0]) if value else "any") + "[]"
    if isinstance(value, dict):
        return "object"
    return "null"


_KIND = {"int": "number", "int32": "number", "int64": "number", "uint32": "number", "uint64": "number",
         "timestamp": "number", "float": "number", "double": "number", "string": "string",
         "boolean": "boolean", "bool": "boolean", "object": "object"}


def _compatible(declared: str, value: Any) -> bool:
    if value is None:
        return True
    base = declared[:-2] if declared.endswith("[]") else declared
    if declared.endswith("[]"):
        return isinstance(value, list) and all(_compatible(base, v) for v in value)
    kind = _KIND.get(base)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool) and (base in ("float", "double") or float(value).is_integer())
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "object":
        return isinstance(value, dict)
    return True


def _text_fits(declared: str, value: str) -> bool:
    """A query-string value: text that the declared type can be read from."""
    base = declared[:-2] if declared.endswith("[]") else declared
    parts = value.strip("[]").split(",") if declared.endswith("[]") else [value]
    kind = _KIND.get(base)
    if kind == "number":
        return all(re.fullmatch(r"-?\d+(\.\d+)?", p.strip()) for p in parts)
    if kind == "boolean":
        return all(p.lower() in ("true", "false") for p in parts)
    return kind != "object"


def disagreements(tree: list[dict[str, Any]], example: Any, path: str = "", as_text: bool = False) -> list[str]:
    """Where an example's fields are missing from the table, or of another type than it says."""
    if isinstance(example, list):
        return [d for item in example[:1] for d in disagreements(tree, item, path + "[0]", as_text)]
    if not isinstance(example, dict):
        return []
    by_name = {f["name"]: f for f in tree}
    found = []
    for key, value in example.items():
        where = f"{path}.{key}" if path else key
        field = by_name.get(key)
        if field is None:
            found.append(f"{where}: in the example ({_shape(value)}), not in the table")
            continue
        fits = _text_fits(field["type"], value) if as_text and isinstance(value, str) else _compatible(field["type"], value)
        if not fits:
            found.append(f"{where}: table {field['type']}, example {_shape(value)}")
        elif field.get("children") and isinstance(value, (dict, list)):
            found.extend(disagreements(field["children"], value, where, as_text))
    return found


def build_api(page: dict[str, Any], pages: dict[str, dict[str, Any]]) -> tuple[dict[str, Any], list[str]]:
    """One page's spec entry, and the disagreements between its table and example that remain."""
    examples = page.get("examples") or {}
    reading = READINGS.get(page["name"], {})
    response = _tree(page.get("response") or [], response=True)
    request = _tree(page.get("request") or [], response=False)
    apply_readings(page["name"], request, response, pages)
    req_example = request_example(examples)
    api: dict[str, Any] = {
        "method": page["method"].upper(),
        "path": page["path"],
        "request": request,
        "response": response,
        "request_example": req_example,
        "envelope": reading.get("envelope") or envelope(response, examples.get("response")),
        "errors": [[e["error"], e["message"]] for e in page.get("errors") or []],
    }
    as_text = (req_example or {}).get("kind") == "query_string"
    found = [f"request {d}" for d in disagreements(request, (req_example or {}).get("data"), as_text=as_text)]
    found += [
        f"response {d}" for d in disagreements(response, _parsed(examples.get("response")))
        if d.split(":")[0].rsplit(".", 1)[-1] not in _ENVELOPE_KEYS - {"response"}
    ]
    return api, found


# Names for the platform's common errors that share an error code: the code plus what went wrong.
_COMMON_NAMES = {
    "partner_id is invalid": "error_auth.partner_id_invalid",
    "The App is deleted, and you'll be unable to make any API call.": "error_auth.app_deleted",
    "No permission to current api.": "error_auth.no_permission",
    "Invalid access_token.": "error_auth.invalid_access_token",
    "Invalid partner_id or shopid.": "error_auth.invalid_partner_or_shop",
    "System error, please try again later.": "error_auth.system_error",
    "There is no partner_id in query.": "error_param.no_partner_id",
    "Invalid partner_id.": "error_param.invalid_partner_id",
    "no timestamp": "error_param.no_timestamp",
    "Invalid timestamp": "error_param.invalid_timestamp",
    "There is no sign in query.": "error_param.no_sign",
    "Permission denied. This API is currently offline or the request path is incorrect.": "error_param.api_offline",
    "Partner_id is invalid, should be an integer between 0 and 4294967295.": "error_param.partner_id_out_of_range",
    "no timestamp.": "error_param.no_timestamp_gateway",
    "Timestamp is invalid, should be an integer between 0 and 4294967295.": "error_param.timestamp_out_of_range",
    "Timestamp is expired.": "error_param.timestamp_expired",
    "There is no access_token in query.": "error_param.no_access_token",
    "There is no shop_id in query.": "error_param.no_shop_id",
    "shop_id is invalid, should be an integer between 0 and 4294967295.": "error_param.shop_id_out_of_range",
    "There is no merchant_id in query.": "error_param.no_merchant_id",
    "merchant_id is invalid, should be an integer between 0 and 4294967295.": "error_param.merchant_id_out_of_range",
    "There is no user_id in query.": "error_param.no_user_id",
    "user_id is invalid, should be an integer between 0 and 4294967295.": "error_param.user_id_out_of_range",
}
# The HTTP status per error code (the pages give none): 403 for signature, app and
# permission problems and 429 for limits; parameter errors keep the emulator's gateway status
# (200, as the missing-parameter answers have always been). docs/decisions.md records it.
_STATUS = {"error_param": 200, "error_sign": 403, "error_limit": 429, "error_rate_limit": 429}


def common_errors(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    codes = [e["error"] for e in entries]
    out = []
    for entry in entries:
        code, message = entry["error"], entry["message"]
        if message.startswith("App developer"):
            name = "error_auth.app_restricted"
        else:
            name = code if codes.count(code) == 1 else _COMMON_NAMES[message]
        out.append({"name": name, "error": code, "message": message, "http_status": _STATUS.get(code, 403)})
    names = [e["name"] for e in out]
    assert len(set(names)) == len(names), "common error names must be unique"
    return out


def main(ref: str, report: bool = False) -> None:
    root = Path(ref)
    api_dir = root / "api" if (root / "api").is_dir() else root
    root = api_dir.parent
    pages = {p["name"]: p for p in (json.loads(f.read_text()) for f in sorted(api_dir.glob("v2.*.json")))}
    apis: dict[str, Any] = {}
    problems: dict[str, list[str]] = {}
    for name, page in pages.items():
        apis[name], found = build_api(page, pages)
        if found:
            problems[name] = found
    target = Path(__file__).resolve().parent.parent / "emulator" / "spec"
    _write(target / "apis.json", apis)
    catalogue = json.loads((root / "catalogue.json").read_text())
    _write(target / "catalogue.json", [
        {"name": c["name"], "method": c["method"].upper(), "path": c["path"], "api_type": c.get("api_type")}
        for c in sorted(catalogue, key=lambda c: c["name"])
    ])
    _write(target / "common_errors.json", common_errors(json.loads((root / "common-errors.json").read_text())))
    print(f"{len(apis)} API pages, {len(catalogue)} catalogue APIs written to {target.name}/")
    if report:
        for name, found in problems.items():
            print(name)
            for line in found:
                print("   ", line)


def _write(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], "--report" in sys.argv[2:])
