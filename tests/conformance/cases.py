"""The case format: a state setup and a call per implemented API, collected from ``cases_*.py``.

A domain module declares::

    CASES = Cases()
    PENDING: dict[str, str] = {}          # API -> why it has no case yet (must shrink to empty)

    @CASES.case("v2.shop.get_shop_info", optional={"sip_affi_shops": "SIP primary shops only"})
    def mart_shop_info(world: World) -> Call:
        return Call(shop_id=world.mart_id)

The function puts the world in the state where the page's fields apply and returns the call;
the suite (test_conformance.py) sends it, walks the answer against the page's response tree and
checks the request side from the page's request tree. See README.md here.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Callable, Mapping

import httpx

from emulator.client import ShopeeClient
from emulator.world import Emulator


@dataclass
class World:
    """One fresh emulator per case, with its in-process HTTP client and signing client."""

    emulator: Emulator
    http: httpx.Client
    client: ShopeeClient

    @property
    def mart_id(self) -> int:
        return int(self.emulator.shops.marts()[0]["shop_id"])

    @property
    def outlet_ids(self) -> list[int]:
        return [int(o["shop_id"]) for o in self.emulator.shops.outlets_of(self.mart_id)]

    @property
    def outlet_id(self) -> int:
        return self.outlet_ids[0]

    @property
    def partner_id(self) -> int:
        return int(self.emulator.auth.default_partner()["partner_id"])

    def ok(self, api: str, shop_id: int | None = None, **params: Any) -> Any:
        """Call an API while setting up, and return its result (asserting success)."""
        answer = send(self, api, Call(shop_id=shop_id, params=params)).json()
        assert answer.get("error") == "", (api, answer)
        return answer.get("response", answer)


@dataclass(frozen=True)
class Call:
    """One signed call: query parameters for GET, a JSON body for POST, or a multipart form."""

    shop_id: int | None = None  # None: signed at partner level (public and partner APIs)
    params: Mapping[str, Any] = field(default_factory=dict)
    merchant_id: int | None = None
    files: Any = None  # multipart upload, as httpx takes it: [("image", (name, bytes, type))]


Setup = Callable[[World], Call]


@dataclass(frozen=True)
class Case:
    """An API called in a state where its documented fields apply.

    ``optional`` / ``nullable``: response paths (``response.x[].y``) the answer may leave out or
    answer null, each with why; ``lenient``: request parameters whose wrong type the API does not
    refuse, with why; ``no_fill``: parameters the request check must not add (``why``);
    ``values``: values for parameters the request check adds, where a type sample would be
    refused by the rules (an enum, an id that must exist).
    """

    api: str
    name: str
    setup: Setup
    optional: Mapping[str, str] = field(default_factory=dict)
    nullable: Mapping[str, str] = field(default_factory=dict)
    lenient: Mapping[str, str] = field(default_factory=dict)
    no_fill: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, Any] = field(default_factory=dict)
    # False where a call cannot be repeated (a one-time code): the request checks need repeats
    repeatable: bool = True
    # (error, message) an API answers in every state an Instant Mart shop can be in, where its page
    # documents that refusal (a cross-border-only API called by a local shop): the answer must be it
    refusal: tuple[str, str] | None = None

    @property
    def id(self) -> str:
        return f"{self.api}:{self.name}"


class Cases:
    """The cases of one domain module."""

    def __init__(self) -> None:
        self.items: list[Case] = []

    def case(self, api: str, **options: Any) -> Callable[[Setup], Setup]:
        def register(setup: Setup) -> Setup:
            self.items.append(Case(api=api, name=setup.__name__, setup=setup, **options))
            return setup

        return register


def domain_modules() -> list[ModuleType]:
    package = importlib.import_module(__package__)
    return [
        importlib.import_module(f"{__package__}.{info.name}")
        for info in pkgutil.iter_modules(package.__path__)
        if info.name.startswith("cases_")
    ]


def all_cases() -> list[Case]:
    return [case for module in domain_modules() for case in module.CASES.items]


def pending() -> dict[str, str]:
    """APIs with no case yet, over every domain module (the final suite empties them)."""
    out: dict[str, str] = {}
    for module in domain_modules():
        out.update(getattr(module, "PENDING", {}))
    return out


def send(world: World, api: str, call: Call) -> httpx.Response:
    """Sign and send ``call`` the way an integration does."""
    method, path, query = world.client.signed_query(api, call.shop_id, call.merchant_id)
    if call.files is not None:
        return world.http.post(path, params=query, data=dict(call.params), files=call.files)
    if method in ("GET", "HEAD"):
        return world.http.get(path, params={**query, **_query_values(call.params)})
    return world.http.post(path, params=query, json=dict(call.params))


def _query_values(params: Mapping[str, Any]) -> dict[str, Any]:
    """Query text as clients send it: booleans as true/false, lists as repeated keys."""
    out: dict[str, Any] = {}
    for key, value in params.items():
        if isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, list):
            out[key] = [("true" if v else "false") if isinstance(v, bool) else v for v in value]
        else:
            out[key] = value
    return out
