"""Instant Mart Emulator: a local, stateful Shopee Open Platform v2 for Mart and Outlet shops."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from emulator.world import Emulator

__all__ = ["Emulator", "__version__"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The package is imported by its pytest plugin in every pytest run of an environment that has
    # it installed; the emulator itself (starlette, pydantic, the domains) loads on first use only.
    if name == "Emulator":
        from emulator.world import Emulator

        return Emulator
    raise AttributeError(f"module 'emulator' has no attribute {name!r}")
