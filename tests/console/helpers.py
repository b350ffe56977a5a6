"""Reading the console's pages in tests: the flash messages and the form fields it renders."""
from __future__ import annotations

import html
import re
from typing import Any

import httpx


def message(page: httpx.Response, kind: str) -> str | None:
    """The text of the page's ``notice`` or ``error`` box, unescaped."""
    found = re.search(rf'id="{kind}"[^>]*>([^<]*)<', page.text)
    return html.unescape(found.group(1)) if found else None


def post(http: httpx.Client, path: str, data: dict[str, Any]) -> httpx.Response:
    """POST a form as the browser does, check the redirect (PRG) and return the page it lands on."""
    sent = http.post(path, data=data)
    assert sent.status_code == 303, sent.text
    landed = http.get(sent.headers["location"])
    assert landed.status_code == 200, landed.text
    return landed


def quantity_fields(page: httpx.Response) -> list[tuple[int, int]]:
    """(item_id, model_id) of every quantity box of the Test Order form."""
    return [(int(i), int(m)) for i, m in re.findall(r'name="qty:(\d+):(\d+)"', page.text)]
