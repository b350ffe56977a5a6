"""Logistics: Instant channels, operating hours, packaging, addresses, shipping documents."""
from emulator.domains.logistics.models import LogisticsModel


def install(emulator) -> None:  # type: ignore[no-untyped-def]
    emulator.logistics = LogisticsModel(emulator)
