"""Non-API routes of the auth domain: the console's unsigned authorization link."""
from __future__ import annotations

from typing import Any

from emulator.domains.auth import pages


def routes() -> list[tuple[str, Any]]:
    return [(pages.CONSOLE_AUTH_PATH, pages.console_auth)]
