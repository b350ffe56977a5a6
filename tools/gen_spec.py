"""Regenerate emulator/spec/apis.json from the captured API reference pages.

Keeps only interface facts (names, methods, paths, parameter names, types, required flags,
nesting, error codes and the platform's error strings). Descriptions are not copied.

Usage: python tools/gen_spec.py REFERENCE_API_DIR
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path


def _params(items: list[dict]) -> list[dict]:
    out = []
    for p in items:
        entry = {"name": p["name"], "type": p["type"], "required": bool(p.get("required"))}
        children = _params(p.get("children") or [])
        if children:
            entry["children"] = children
        out.append(entry)
    return out


_ENVELOPE_KEYS = {"error", "message", "request_id", "warning", "response"}


def _envelope(example: object) -> str:
    """'flat' when the page's example puts result fields beside error/message, not under response."""
    if isinstance(example, str):
        keys = set(re.findall(r'^\s*"(\w+)"\s*:', example, re.M)[:8])
    elif isinstance(example, dict):
        keys = set(example)
    else:
        return "nested"
    if "response" in keys or not keys - _ENVELOPE_KEYS:
        return "nested"
    return "flat"


def main(ref_dir: str) -> None:
    apis = {}
    for path in sorted(Path(ref_dir).glob("v2.*.json")):
        page = json.loads(path.read_text())
        examples = page.get("examples") or {}
        apis[page["name"]] = {
            "method": page["method"],
            "path": page["path"],
            "request": _params(page.get("request") or []),
            "envelope": _envelope(examples.get("response")),
            "errors": [[e["error"], e["message"]] for e in page.get("errors") or []],
        }
    target = Path(__file__).resolve().parent.parent / "emulator" / "spec" / "apis.json"
    target.write_text(json.dumps(apis, indent=1, ensure_ascii=False) + "\n")
    print(f"{len(apis)} APIs written to {target.name}")


if __name__ == "__main__":
    main(sys.argv[1])
