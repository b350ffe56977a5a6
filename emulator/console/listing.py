"""What the Outlet pages share: choosing the Outlet, and paging a newest-first list by cursor."""
from __future__ import annotations

from typing import Any

from starlette.requests import Request

from emulator.console.plumbing import ConsoleError
from emulator.console.render import esc


def outlets(emulator: Any) -> list[dict[str, Any]]:
    return [o for mart in emulator.shops.marts() for o in emulator.shops.outlets_of(mart["shop_id"])]


def chosen_outlet(request: Request, choices: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The Outlet of ``?shop_id=``, or the first one."""
    raw = request.query_params.get("shop_id", "")
    if not raw:
        return choices[0] if choices else None
    for outlet in choices:
        if str(outlet["shop_id"]) == raw:
            return outlet
    raise ConsoleError(f"shop {raw} is not an Outlet of this world", status=404)


def picker(path: str, choices: list[dict[str, Any]], chosen: dict[str, Any]) -> str:
    options = "".join(
        f'<option value="{o["shop_id"]}"{" selected" if o is chosen else ""}>{esc(o["shop_id"])} · {esc(o["shop_name"])}</option>'
        for o in choices
    )
    return (
        f'<section id="outlet"><form method="get" action="{path}" class="row"><label>Outlet '
        f'<select name="shop_id" onchange="this.form.submit()">{options}</select></label>'
        '<button type="submit" class="plain">Show</button></form></section>'
    )


def cursor(raw: str, what: str) -> tuple[int, str] | None:
    """``time:key`` of the last row of the previous page (the "Older" link), or None for the first page."""
    time, _, key = raw.partition(":")
    if not raw:
        return None
    if not (time.isascii() and time.isdigit()) or not key:
        raise ConsoleError(f"that page of {what} does not exist")
    return int(time), key
