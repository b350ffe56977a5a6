"""The typed boundary: domain models declared on ``Emulator``, handlers typed with their request models."""
from __future__ import annotations

import inspect
import pkgutil
import typing

import emulator.domains
from emulator.domains import DOMAINS
from emulator.registry import Registry
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


def test_every_handler_is_typed_with_the_context_and_the_model_it_is_called_with() -> None:
    # Annotations are read as written (modules use postponed evaluation): ``req`` must name the
    # very model the registry validates with, so the type checker sees the fields a call carries.
    untyped = []
    for op in Registry.scan().implemented():
        annotations = dict(inspect.signature(op.handler, eval_str=False).parameters.items())
        ctx, req = (str(p.annotation).strip("'\"") for p in annotations.values())
        if ctx != "RequestContext" or req != op.request_model.__name__:
            untyped.append(f"{op.name}: ({ctx}, {req}) instead of (RequestContext, {op.request_model.__name__})")
    assert not untyped, "\n".join(untyped)
