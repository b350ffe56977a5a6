"""Push notifications (webhooks): signed callbacks, retries on the virtual clock, lost pushes."""
from emulator.domains.push.models import PushModel


def install(emulator) -> None:  # type: ignore[no-untyped-def]
    emulator.pushes = PushModel(emulator)
