"""A signing client that calls the emulator exactly as a real integration calls Shopee."""
from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Callable

import httpx

from emulator import signing
from emulator.registry import MERCHANT, PARTNER_OR_SHOP, PUBLIC
from emulator.spec import catalogue

if TYPE_CHECKING:
    from emulator.world import Emulator


class ShopeeClient:
    """Signs and sends v2 calls by API name: ``client.call("v2.shop.get_shop_info", shop_id=...)``.

    With ``emulator`` given, it uses that emulator's ready tokens when no access_token is passed,
    and signs with the emulator's virtual time.
    """

    def __init__(
        self,
        http: httpx.Client,
        partner_id: int,
        partner_key: str,
        emulator: "Emulator | None" = None,
        now: Callable[[], int] | None = None,
    ) -> None:
        self.http = http
        self.partner_id = partner_id
        self.partner_key = partner_key
        self.emulator = emulator
        self._now = now or (emulator.clock.now if emulator else (lambda: int(time.time())))

    def _operation(self, api: str) -> tuple[str, str, str]:
        if self.emulator is not None and api in self.emulator.registry.by_name:
            op = self.emulator.registry.by_name[api]
            return op.method, op.path, op.auth
        known = catalogue()
        if api not in known:
            raise ValueError(_unknown_api(api, known))
        spec = known[api]
        auth = PUBLIC if api.startswith("v2.public.") else "shop"
        return spec.method, spec.path, auth

    def signed_query(
        self,
        api: str,
        shop_id: int | None = None,
        merchant_id: int | None = None,
        access_token: str | None = None,
        timestamp: int | None = None,
    ) -> tuple[str, str, dict[str, Any]]:
        method, path, query, _ = self.signed_parts(api, shop_id, merchant_id, access_token, timestamp)
        return method, path, query

    def signed_parts(
        self,
        api: str,
        shop_id: int | None = None,
        merchant_id: int | None = None,
        access_token: str | None = None,
        timestamp: int | None = None,
    ) -> tuple[str, str, dict[str, Any], str]:
        """Method, path, the signed common parameters, and the base string the sign covers."""
        method, path, auth = self._operation(api)
        ts = self._now() if timestamp is None else timestamp
        query: dict[str, Any] = {"partner_id": self.partner_id, "timestamp": ts}
        if auth == PUBLIC or (auth == PARTNER_OR_SHOP and shop_id is None and access_token is None):
            base = signing.base_string(self.partner_id, path, ts)
        else:
            identity = merchant_id if auth == MERCHANT or (merchant_id and not shop_id) else shop_id
            if access_token is None and self.emulator is not None and shop_id is not None:
                with self.emulator.transaction():
                    access_token = self.emulator.auth.ready_tokens(shop_id)["access_token"]
            query["access_token"] = access_token
            query["merchant_id" if identity == merchant_id and merchant_id else "shop_id"] = identity
            base = signing.base_string(self.partner_id, path, ts, access_token, identity)
        query["sign"] = signing.sign(self.partner_key, base)
        return method, path, query, base

    def call(self, api: str, shop_id: int | None = None, **kwargs: Any) -> dict[str, Any]:
        """Sign and send (see ``request``); returns the decoded envelope."""
        envelope: dict[str, Any] = self.request(api, shop_id, **kwargs).json()
        return envelope

    def request(
        self,
        api: str,
        shop_id: int | None = None,
        body: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
        merchant_id: int | None = None,
        access_token: str | None = None,
        timestamp: int | None = None,
    ) -> httpx.Response:
        method, path, query = self.signed_query(api, shop_id, merchant_id, access_token, timestamp)
        if method == "GET":
            query.update(params or body or {})
            return self.http.get(path, params=query)
        query.update(params or {})
        return self.http.post(path, params=query, json=body if body is not None else {})


def _unknown_api(api: str, known: dict[str, Any]) -> str:
    """Names are the documentation's (v2.public.refresh_access_token), which not every path spells:
    a name written after its path (v2.auth.access_token.get) is pointed to the right one."""
    as_path = "/api/" + api.strip("/").removeprefix("api/").replace(".", "/")
    named = next((name for name, spec in known.items() if spec.path in (api, as_path)), None)
    hint = f"; {known[named].path} is {named}" if named else "; names look like v2.shop.get_shop_info"
    return f"unknown API {api!r}{hint}"


def client_for(emulator: "Emulator", http: httpx.Client) -> ShopeeClient:
    partner = emulator.auth.default_partner()
    return ShopeeClient(http, partner["partner_id"], partner["partner_key"], emulator)
