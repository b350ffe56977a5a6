"""The generated request classes (emulator/spec/requests.pyi) say what the runtime models take."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from emulator.spec import requests

ROOT = Path(__file__).resolve().parents[2]
STUB = ROOT / "emulator" / "spec" / "requests.pyi"


def test_generated_request_classes_are_up_to_date() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "gen_requests.py"), "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def _declared() -> dict[str, dict[str, bool]]:
    """Class name -> field name -> required, as the stub declares them."""
    classes: dict[str, dict[str, bool]] = {}
    for node in ast.parse(STUB.read_text("utf-8")).body:
        if isinstance(node, ast.ClassDef):
            classes[node.name] = {
                stmt.target.id: stmt.value is None
                for stmt in node.body
                if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)
            }
    return classes


DECLARED = _declared()


def test_stub_declares_every_documented_api() -> None:
    assert "V2ShopUpdateProfileRequest" in DECLARED
    assert DECLARED["V2ShopUpdateProfileRequest"] == {"shop_name": False, "shop_logo": False, "description": False}


@pytest.mark.parametrize("name", sorted(DECLARED))
def test_stub_matches_the_model_the_registry_validates_with(name: str) -> None:
    model = getattr(requests, name)
    assert model.__name__ == name
    assert {field: info.is_required() for field, info in model.model_fields.items()} == DECLARED[name]


def test_unknown_class_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no request model"):
        requests.V2NoSuchThingRequest  # noqa: B018
