"""Instant Mart Emulator: a local, stateful Shopee Open Platform v2 for Mart and Outlet shops."""
from emulator.world import Emulator

__all__ = ["Emulator"]
__version__ = "0.1.0"
