"""``RequestContext``: what one API call knows about itself on its way through the pipeline.

It lives beside the core modules, not in the pipeline, so that handlers can name it as the type
of their first parameter without the domains importing the HTTP layer.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel
from starlette.datastructures import URL

if TYPE_CHECKING:
    from emulator.registry import Operation
    from emulator.world import Emulator


class Query(Protocol):
    """A parsed query string: what the pipeline reads of Starlette's ``QueryParams``."""

    def get(self, key: str, /) -> str | None: ...

    def multi_items(self) -> list[tuple[str, str]]: ...


@dataclass
class RequestContext:
    """What one call knows about itself as it moves through the pipeline."""

    emulator: Emulator
    path: str
    method: str
    query: Query
    body: bytes
    request_id: str
    # a multipart form: field name -> a value, or a list of them (uploaded files are dicts)
    form: dict[str, Any] | None = None
    op: Operation | None = None
    partner: dict[str, Any] | None = None
    shop_id: int | None = None
    merchant_id: int | None = None
    access_token: str | None = None
    params: BaseModel | None = None
    result: Any = None
    extra: dict[str, Any] = field(default_factory=dict)
    scope: Any = None  # the ASGI scope of the HTTP request, when the call came as one

    @property
    def now(self) -> int:
        return self.emulator.clock.now()

    @property
    def partner_id(self) -> int:
        assert self.partner is not None
        return int(self.partner["partner_id"])

    @property
    def signed_shop_id(self) -> int:
        """The shop the call was signed for: always there in a shop API's handler."""
        assert self.shop_id is not None, "only shop APIs have a calling shop"
        return self.shop_id

    @property
    def base_url(self) -> str:
        """Where the emulator's served files (media, documents) are reachable for this caller."""
        found = self.extra.get("base_url")
        if found is None:
            found = self.extra["base_url"] = base_url(self.scope) if self.scope is not None else ""
        return str(found)

    @property
    def client_ip(self) -> str:
        """The caller's address, as the source_ip_undeclared common error names it."""
        client = self.scope.get("client") if self.scope is not None else None
        return str(client[0]) if client else "127.0.0.1"

    @property
    def shop(self) -> dict[str, Any]:
        """The calling shop's document (shop APIs only)."""
        return self.emulator.shops.get(self.signed_shop_id)

    def common(self, name: str) -> str | None:
        """A common parameter from the query, or from a JSON body where some clients put it."""
        value = self.query.get(name)
        if value is None and self.extra.get("body_params"):
            body_value = self.extra["body_params"].get(name)
            value = None if body_value is None else str(body_value)
        return value


def base_url(scope: Any) -> str:
    """``str(request.base_url)`` without its trailing slash, remembered per scheme, server, Host
    header and root path (all it depends on): Starlette builds two URL objects for it, a sixth of
    a light call's time in the app."""
    host = None
    for key, value in scope["headers"]:
        if key == b"host":
            host = value
            break
    server = scope.get("server")
    root = scope.get("app_root_path", scope.get("root_path", ""))
    return _base_url(scope.get("scheme", "http"), tuple(server) if server is not None else None, host, root)


@lru_cache(maxsize=64)
def _base_url(scheme: str, server: tuple[str, int] | None, host: bytes | None, root: str) -> str:
    scope = {
        "type": "http", "scheme": scheme, "server": server, "path": root if root.endswith("/") else root + "/",
        "root_path": root, "query_string": b"", "headers": [] if host is None else [(b"host", host)],
    }
    return str(URL(scope=scope)).rstrip("/")
