"""Operations by API name (``v2.product.add_item``), found by scanning the domain handlers."""
from __future__ import annotations

import importlib
import pkgutil
from functools import cached_property, lru_cache
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from pydantic import AliasChoices, BaseModel

from emulator.numbers import Plan, compile_plan
from emulator.spec import ApiSpec, catalogue, joined_fields, list_fields, request_model

if TYPE_CHECKING:
    from emulator.context import RequestContext

PUBLIC = "public"
SHOP = "shop"
MERCHANT = "merchant"
SHOP_OR_MERCHANT = "shop_or_merchant"
# Partner-level APIs (the reference lists only partner_id, timestamp and sign) that published SDKs
# sign with a shop's token: either signature passes, so both kinds of integration work.
PARTNER_OR_SHOP = "partner_or_shop"
_PARTNER_LEVEL = ("v2.push.", "v2.media_space.upload_image", "v2.media.upload_image", "v2.payment.get_payment_method_list")

_MARK = "__shopee_operation__"
# A handler takes the call's context and its validated request model (the class
# emulator.spec.requests names for the API, or the one ``operation(request=...)`` gives) and
# returns plain data for the envelope.
Handler = Callable[["RequestContext", Any], Any]
H = TypeVar("H", bound=Handler)


@dataclass(frozen=True)
class OperationMeta:
    name: str
    auth: str | None
    request: type[BaseModel] | None
    method: str | None
    path: str | None
    envelope: str | None
    form: bool
    also_methods: tuple[str, ...] = ()


def operation(
    name: str,
    *,
    auth: str | None = None,
    request: type[BaseModel] | None = None,
    method: str | None = None,
    path: str | None = None,
    envelope: str | None = None,
    form: bool = False,
    also_methods: tuple[str, ...] = (),
) -> Callable[[H], H]:
    """Mark a handler as the implementation of API ``name``; it is only a marker.

    ``also_methods``: HTTP methods accepted besides the documented one, where published clients
    still use the one a page used before.
    """

    def mark(fn: H) -> H:
        meta = OperationMeta(name, auth, request, method, path, envelope, form, tuple(m.upper() for m in also_methods))
        setattr(fn, _MARK, meta)
        return fn

    return mark


@dataclass(frozen=True)
class Operation:
    """Everything the pipeline needs to run one API."""

    name: str
    method: str
    path: str
    auth: str
    envelope: str
    # Building the request model (pydantic) was most of a fresh process's first Emulator(): it
    # happens when the operation is first called or described, not at start-up.
    model_source: Callable[[], type[BaseModel]] = field(compare=False)
    handler: Handler | None
    form: bool = False
    spec: ApiSpec | None = field(default=None, compare=False)
    also_methods: tuple[str, ...] = ()

    @cached_property
    def request_model(self) -> type[BaseModel]:
        return self.model_source()

    @cached_property
    def list_params(self) -> frozenset[str]:
        # a query carries a list the page declares even where a handler's model takes Any
        return list_fields(self.request_model) | _declared_lists(self.spec)

    @cached_property
    def joined_params(self) -> frozenset[str]:
        return joined_fields(self.request_model)

    @cached_property
    def declared_params(self) -> frozenset[str]:
        """The top-level names the request model reads (field names and their aliases)."""
        names = set(self.request_model.model_fields)
        for info in self.request_model.model_fields.values():
            alias = info.validation_alias or info.alias
            choices = alias.choices if isinstance(alias, AliasChoices) else [alias]
            names.update(c for c in choices if isinstance(c, str))
        return frozenset(names)

    @cached_property
    def plan(self) -> Plan | None:
        """The compiled reading of the request model's parameters, when they are all plain
        (``emulator.numbers.Plan``); None sends every call through the general validation."""
        return None if self.form else compile_plan(self.request_model, self.list_params, self.joined_params)

    @cached_property
    def no_params(self) -> BaseModel:
        """The validated parameters of an operation that declares none: the same for every call."""
        return self.request_model.model_validate({})

    def accepts(self, method: str) -> bool:
        if method == "HEAD":
            method = "GET"
        return method == self.method or method in self.also_methods


USER = "user"
PRINCIPAL = "principal"
# The catalogue's api_type for APIs the emulator knows only by name.
_API_TYPES = {"Merchant": MERCHANT, "User": USER, "Principal": PRINCIPAL}


def default_auth(name: str, path: str, api_type: str | None = None) -> str:
    if name.startswith("v2.public.") or path.startswith("/api/v2/auth/"):
        return PUBLIC
    if name.startswith(_PARTNER_LEVEL):
        return PARTNER_OR_SHOP
    if api_type == "Public":
        return PUBLIC
    return _API_TYPES.get(api_type or "", SHOP)


def _build(spec: ApiSpec | None, meta: OperationMeta | None, handler: Handler | None) -> Operation:
    if meta is not None:
        name = meta.name
    elif spec is not None:
        name = spec.name
    else:
        raise ValueError("an operation is built from a spec, a marked handler or both")
    method = (meta and meta.method) or (spec.method if spec else "GET")
    path = (meta and meta.path) or (spec.path if spec else "/api/" + name.replace(".", "/"))

    def model() -> type[BaseModel]:
        return (meta and meta.request) or request_model(name)

    return Operation(
        name=name,
        method=method.upper(),
        path=path,
        auth=(meta and meta.auth) or default_auth(name, path, None if handler else (spec.api_type if spec else None)),
        envelope=(meta and meta.envelope) or (spec.envelope if spec else "nested"),
        model_source=model,
        handler=handler,
        form=bool(meta and meta.form),
        spec=spec,
        also_methods=meta.also_methods if meta else (),
    )


def _declared_lists(spec: ApiSpec | None) -> frozenset[str]:
    return frozenset(p["name"] for p in (spec.request if spec else ()) if p["type"].strip().endswith("[]"))


class Registry:
    """Operations keyed by name and by path; known-but-unbuilt APIs have no handler.

    A registry is immutable, so ``scan`` builds it once per process and every emulator shares it.
    """

    def __init__(self, operations: list[Operation]) -> None:
        self.by_name = {op.name: op for op in operations}
        self.by_path = {op.path: op for op in operations}

    @classmethod
    @lru_cache(maxsize=4)
    def scan(cls, package: str = "emulator.domains") -> "Registry":
        handlers: dict[str, tuple[OperationMeta, Handler]] = {}
        pkg = importlib.import_module(package)
        for info in pkgutil.walk_packages(pkg.__path__, prefix=package + "."):
            if not info.name.rsplit(".", 1)[-1].startswith("handlers"):
                continue
            module = importlib.import_module(info.name)
            for value in vars(module).values():
                meta = getattr(value, _MARK, None)
                if isinstance(meta, OperationMeta):
                    handlers[meta.name] = (meta, value)
        specs = catalogue()
        operations = [
            _build(specs.get(name), meta, fn) for name, (meta, fn) in handlers.items()
        ]
        operations += [_build(spec, None, None) for name, spec in specs.items() if name not in handlers]
        return cls(operations)

    def implemented(self) -> list[Operation]:
        return [op for op in self.by_name.values() if op.handler is not None]
