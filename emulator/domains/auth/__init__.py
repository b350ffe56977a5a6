"""Authorization: partners, the authorization page, codes and tokens."""
from emulator.domains.auth.models import AuthModel


def install(emulator) -> None:  # type: ignore[no-untyped-def]
    emulator.auth = AuthModel(emulator)
