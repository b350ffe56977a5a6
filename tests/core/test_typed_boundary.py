"""The typed boundary: every domain package has its model declared on ``Emulator``."""
from __future__ import annotations

import pkgutil
import typing

import emulator.domains
from emulator.domains import DOMAINS
from emulator.world import Emulator


def test_every_domain_package_has_a_declared_model(shopee: Emulator) -> None:
    packages = {info.name for info in pkgutil.iter_modules(emulator.domains.__path__) if info.ispkg}
    assert set(DOMAINS) == packages
    declared = typing.get_type_hints(Emulator)
    built = {type(model).__module__.split(".")[2]: model for model in shopee._domains}
    # a package without a built model would serve no state; one built but not declared is untyped
    assert set(built) == packages
    for model in built.values():
        attrs = [name for name, value in vars(shopee).items() if value is model]
        assert attrs and declared[attrs[0]] is type(model), f"{type(model).__name__} is not declared on Emulator"
    # built in DOMAINS order: a domain seeds on top of what the earlier ones seeded
    assert list(built) == list(DOMAINS)
