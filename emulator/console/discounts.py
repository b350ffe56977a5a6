"""The Items page's Discounts section: an Outlet's discounts with their status on the clock, period,
and each model's promotion price; and the price a model sells at now."""
from __future__ import annotations

from typing import Any

from emulator.console.render import amount, copyable, esc, table, when


def price(emulator: Any, doc: dict[str, Any], model: dict[str, Any], currency: str) -> str:
    """A model's price cell: the promotion price while a discount runs, the list price struck beside it."""
    running = emulator.products.promotions.current(int(doc["item_id"]), int(model["model_id"]))
    if running is None:
        return amount(model["current_price"], currency)
    return (f'{amount(running[1], currency)} <s class="muted">{amount(model["original_price"], currency)}</s>'
            f' <span class="muted">discount {esc(running[0])}</span>')


def section(emulator: Any, shop: dict[str, Any]) -> str:
    discounts = emulator.discounts
    rows = [_row(emulator, doc, shop["currency"]) for doc in reversed(discounts.of_shop(shop["shop_id"]))]
    return (
        f'<section id="discounts"><h2>Discounts of {esc(shop["shop_name"])} <span class="muted">({len(rows)})</span></h2>'
        '<p class="muted">Create and change them with v2.discount.*; the status follows the clock.</p>'
        + table(["Discount ID", "name", "status", "period", "models: item · model · promotion price · purchase limit"], rows,
                table_id="discount-list", empty="This Outlet has no discounts.")
        + "</section>"
    )


def _row(emulator: Any, doc: dict[str, Any], currency: str) -> list[str]:
    lines = "".join(
        f'<tr><td>{copyable(item_id, nowrap=True)}</td><td>{copyable(model["model_id"], nowrap=True)}</td>'
        f'<td>{amount(model["promotion_price"], currency)}</td>'
        f'<td>{esc(doc["items"][str(item_id)]["purchase_limit"] or "no limit")}</td></tr>'
        for item_id, model in emulator.discounts.models(doc)
    )
    return [
        copyable(doc["discount_id"], nowrap=True),
        esc(doc["discount_name"]),
        esc(emulator.discounts.status(doc)),
        f'{when(emulator, doc["start_time"])} → {when(emulator, doc["end_time"])}',
        f'<table class="models"><tbody>{lines}</tbody></table>' if lines else '<span class="muted">no items yet</span>',
    ]
