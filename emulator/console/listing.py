"""What the Outlet pages share: choosing the Outlet, and paging a newest-first list by cursor."""
from __future__ import annotations

from typing import Any, Callable

from starlette.requests import Request
from starlette.responses import Response

from emulator.http.state import emulator_of
from emulator.console.plumbing import ConsoleError
from emulator.console.render import esc, layout


def outlets(emulator: Any) -> list[dict[str, Any]]:
    return [o for mart in emulator.shops.marts() for o in emulator.shops.outlets_of(mart["shop_id"])]


def chosen_outlet(request: Request, choices: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The Outlet of ``?shop_id=``, or the first one."""
    return chosen_shop(request.query_params.get("shop_id", ""), choices, "an Outlet")


def chosen_shop(raw: str, choices: list[dict[str, Any]], what: str) -> dict[str, Any] | None:
    """The shop whose id is ``raw`` among ``choices``, or the first one when none is asked for."""
    if not raw:
        return choices[0] if choices else None
    for shop in choices:
        if str(shop["shop_id"]) == raw:
            return shop
    raise ConsoleError(f"shop {raw} is not {what} of this world", status=404)


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


def outlet_page(
    request: Request,
    path: str,
    title: str,
    statuses: tuple[str, ...],
    body_of: Callable[[Any, dict[str, Any], str | None, str], str],
) -> Response:
    """A page about one chosen Outlet, filtered by status: ``body_of(emulator, outlet, status, after)``."""
    emulator = emulator_of(request)
    q = request.query_params
    choices = outlets(emulator)
    outlet = chosen_outlet(request, choices)
    if outlet is None:
        body = '<p class="muted">This world has no Outlet yet: create a Mart with Outlets on the overview.</p>'
        return layout(emulator, path, title, body, notice=q.get("notice", ""), error=q.get("error", ""))
    status = q.get("status") or None
    if status is not None and status not in statuses:
        raise ConsoleError(f"status must be one of {', '.join(statuses)}")
    with emulator.transaction():  # the store's lock: a consistent view while the server runs jobs
        body = picker(path, choices, outlet) + body_of(emulator, outlet, status, q.get("after", ""))
    return layout(emulator, path, title, body, notice=q.get("notice", ""), error=q.get("error", ""))
