"""The console's Platform Partner section: each shop's authorization of the app, and Seller
Centre's "Separate" button, which cancels it (push 2 follows; the shop's tokens stop working)."""
from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from emulator.console.plumbing import invoke, page, whole
from emulator.console.render import button_form, esc, see_other, table, when
from emulator.http.control import auth as auth_control

PATH = "/console/authorizations/cancel"


def section(emulator: Any) -> str:
    """Called with the store's lock held (the overview's transaction)."""
    rows = [
        [
            esc(a["shop_id"]),
            f'<span class="status {"on" if a["state"] == "authorized" else "off"}">{esc(a["state"])}</span>',
            esc(when(emulator, a["auth_time"])),
            esc(when(emulator, a["expire_time"])),
            button_form(PATH, "Separate", css="danger", confirm=f"Cancel the authorization of shop {a['shop_id']}?",
                        shop_id=a["shop_id"]) if a["state"] == "authorized" else "",
        ]
        for a in auth_control.authorization_states(emulator)
    ]
    return (
        '<section id="platform-partner"><h2>Platform Partner</h2>'
        + table(["shop_id", "authorization", "auth_time", "expire_time", ""], rows, table_id="authorizations")
        + '<p class="muted">Separate is the seller cancelling the app in Seller Centre: push 2 is sent and the '
        "shop's tokens answer shop_no_linked until it authorizes again.</p></section>"
    )


@page
async def cancel(request: Request) -> Response:
    form = await request.form()
    shop_id = whole(form, "shop_id", "shop_id", low=1)
    answer = await invoke(request, auth_control.cancel, {"shop_id": shop_id})
    return see_other("/console", notice=f"Authorization of shop {', '.join(map(str, answer['cancelled_shop_ids']))} cancelled.")
