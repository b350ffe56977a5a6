"""Operations by API name (``v2.product.add_item``), found by scanning the domain handlers."""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from pydantic import BaseModel

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
    request_model: type[BaseModel]
    list_params: frozenset[str]
    joined_params: frozenset[str]
    handler: Handler | None
    form: bool = False
    spec: ApiSpec | None = field(default=None, compare=False)
    also_methods: tuple[str, ...] = ()

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
    model = (meta and meta.request) or request_model(name)
    return Operation(
        name=name,
        method=method.upper(),
        path=path,
        auth=(meta and meta.auth) or default_auth(name, path, None if handler else (spec.api_type if spec else None)),
        envelope=(meta and meta.envelope) or (spec.envelope if spec else "nested"),
        request_model=model,
        # a query carries a list the page declares even where a handler's model takes Any
        list_params=list_fields(model) | _declared_lists(spec),
        joined_params=joined_fields(model),
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
