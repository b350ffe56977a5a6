"""What a request carries of the application: the one emulator it serves."""
from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request

if TYPE_CHECKING:
    from emulator.world import Emulator


def emulator_of(request: Request) -> "Emulator":
    emulator: "Emulator" = request.app.state.emulator
    return emulator
