"""The calls the benchmark makes, prepared the same way over HTTP and in-process.

Endpoints are looked up in the registry by API name, never hard-coded, and a case whose APIs
have no handler yet is reported as ``n/a: not implemented yet``. What a case needs beyond the
default world (50 Outlet items, stock for thousands of orders, 100 orders) is made through the
public API and the control plane first, as a partner's test setup would.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any, Callable

import httpx

from bench.load import Load
from emulator import signing
from emulator.registry import PUBLIC, Registry

NOT_IMPLEMENTED = "n/a: not implemented yet"
ORDERS_CONTROL = "/_emulator/orders"
FIFTEEN_DAYS = 15 * 24 * 3600
# what an ERP's order sync asks get_order_detail for: lines, address, package, money
DETAIL_FIELDS = "buyer_username,recipient_address,item_list,package_list,pay_time,total_amount,payment_method,shipping_carrier"
MAX_STOCK = 999_999  # the region's stock limit: room for every order a run makes
BENCH_ITEM_CATEGORY = 100021  # Dairy & Eggs > Milk, with its mandatory shelf-life attribute
BENCH_ITEM_ATTRIBUTES = [{"attribute_id": 200012, "attribute_value_list": [{"value_id": 2001203}]}]


class NotAvailable(Exception):
    """The case cannot run against this build; the message says why."""


def registry() -> Registry:
    return Registry.scan()


def implemented(*apis: str) -> bool:
    by_name = registry().by_name
    return all(api in by_name and by_name[api].handler is not None for api in apis)


def require(*apis: str) -> None:
    if not implemented(*apis):
        raise NotAvailable(NOT_IMPLEMENTED)


class Env:
    """Signs and sends calls like a partner's code, over any httpx.Client (a socket or in-process)."""

    def __init__(self, http: httpx.Client) -> None:
        self.http = http
        creds = http.get("/_emulator/credentials").json()
        self.partner_id = int(creds["partner_id"])
        self.partner_key = str(creds["partner_key"])
        self.tokens = {int(s["shop_id"]): s["access_token"] for s in creds["shops"]}
        self.mart = next(int(s["shop_id"]) for s in creds["shops"] if s["kind"] == "mart")
        self.outlet = next(int(s["shop_id"]) for s in creds["shops"] if s["kind"] == "outlet")
        self._item_ids: list[int] | None = None
        self._order_lines: list[dict[str, int]] | None = None
        self._image_ids: list[str] | None = None
        self._orders_made = 0
        self._order_counts: dict[int, int] = {}

    # -- building and sending ------------------------------------------------------------------
    def signed(self, api: str, shop_id: int | None = None, params: dict[str, Any] | None = None, body: Any = None) -> Load:
        op = registry().by_name[api]
        timestamp = int(time.time())  # the wall clock: accepted by the realtime and manual worlds alike
        query: dict[str, Any] = {"partner_id": self.partner_id, "timestamp": timestamp}
        if op.auth == PUBLIC:
            base = signing.base_string(self.partner_id, op.path, timestamp)
        else:
            shop = self.outlet if shop_id is None else shop_id
            token = self.tokens[shop]
            query.update(access_token=token, shop_id=shop)
            base = signing.base_string(self.partner_id, op.path, timestamp, token, shop)
        query["sign"] = signing.sign(self.partner_key, base)
        if op.method == "GET":
            query.update(params or {})
            return Load("GET", op.path, query)
        return Load(op.method, op.path, query, json.dumps(body if body is not None else {}).encode())

    def send(self, load: Load) -> httpx.Response:
        headers = dict(load.headers or {})
        if load.body is not None:
            headers.setdefault("Content-Type", "application/json")
        return self.http.request(load.method, load.path, params=load.query, content=load.body, headers=headers)

    def call(self, api: str, shop_id: int | None = None, params: dict[str, Any] | None = None, body: Any = None) -> dict[str, Any]:
        return ok(self.send(self.signed(api, shop_id, params, body)), api)

    def now(self) -> int:
        return int(self.http.get("/_emulator/clock").json()["now"])

    # -- the world's data, found through the API -----------------------------------------------
    def _list_items(self, shop: int) -> list[int]:
        found: list[int] = []
        offset = 0
        while len(found) < 100:
            page = self.call("v2.product.get_item_list", shop, {"offset": offset, "page_size": 100, "item_status": "NORMAL"}).get("response") or {}
            found += [int(i["item_id"]) for i in page.get("item") or []]
            if not page.get("has_next_page"):
                break
            offset = int(page.get("next_offset") or offset + 100)
        return found

    def item_ids(self, count: int) -> list[int]:
        """``count`` items of the Outlet; missing ones are added on the Mart and published to it."""
        require("v2.product.get_item_list")
        if self._item_ids is None:
            self._item_ids = self._list_items(self.outlet)
        if len(self._item_ids) < count:
            require("v2.product.add_item", "v2.product.publish_item_to_outlet_shop")
            self._item_ids += [self.publish_new_item(n) for n in range(len(self._item_ids), count)]
        return self._item_ids[:count]

    def publish_new_item(self, n: int) -> int:
        """A plain Mart item (its image borrowed from a seeded one) published to the Outlet."""
        if self._image_ids is None:
            template = self.call("v2.product.get_item_base_info", self.mart, {"item_id_list": str(self._list_items(self.mart)[0])})
            self._image_ids = template["response"]["item_list"][0]["image"]["image_id_list"]
        image_ids = self._image_ids
        item = self.call("v2.product.add_item", self.mart, body={
            "item_name": f"Susu Segar Benchmark {n:03d} 1 L", "description": "Susu sapi segar pasteurisasi untuk benchmark.",
            "original_price": 24900, "weight": 1.05, "category_id": BENCH_ITEM_CATEGORY, "attribute_list": BENCH_ITEM_ATTRIBUTES,
            "image": {"image_id_list": image_ids}, "logistic_info": [{"logistic_id": 8000, "enabled": True}],
            "dimension": {"package_length": 8, "package_width": 8, "package_height": 22}, "item_sku": f"BENCH-{n:03d}",
            "condition": "NEW", "seller_stock": [{"stock": 0}],
        })["response"]
        published = self.call("v2.product.publish_item_to_outlet_shop", self.mart, body={
            "mart_item_id": item["item_id"], "outlet_shop_id": self.outlet,
            "publish_item": {"model": [{"relate_mart_model_id": 0, "original_price": 25900, "seller_stock": [{"stock": 12}]}],
                             "logistic_info": [{"logistic_id": 8000, "enabled": True}]},
        })["response"]
        return int(published["item_id"])

    def model_ids(self, item_id: int) -> list[int]:
        """The item's Outlet models; an item without variations has the one model 0."""
        models = (self.call("v2.product.get_model_list", self.outlet, {"item_id": item_id}).get("response") or {}).get("model") or []
        return [int(m["model_id"]) for m in models] or [0]

    def order_lines(self) -> list[dict[str, int]]:
        """Every Outlet model but the first item's (the stock-update case writes that one), each
        stocked to the limit once, so that no run of orders can exhaust it."""
        if self._order_lines is None:
            require("v2.product.get_item_list", "v2.product.get_model_list", "v2.product.update_stock")
            items = self._list_items(self.outlet)
            lines = []
            for item_id in [i for i in items if i != self.item_ids(1)[0]] or items:
                models = self.model_ids(item_id)
                self.call("v2.product.update_stock", self.outlet, body={
                    "item_id": item_id, "stock_list": [{"model_id": m, "seller_stock": [{"stock": MAX_STOCK}]} for m in models]})
                lines += [{"item_id": item_id, "model_id": m, "quantity": 1} for m in models]
            self._order_lines = lines
        return self._order_lines

    def order_body(self, shop_id: int | None = None) -> dict[str, Any]:
        """A one-line test order, the lines taken in turn."""
        lines = self.order_lines()
        self._orders_made += 1
        return {"shop_id": self.outlet if shop_id is None else shop_id, "items": [lines[self._orders_made % len(lines)]]}

    def create_order(self, shop_id: int | None = None) -> httpx.Response:
        shop = self.outlet if shop_id is None else shop_id
        answer = self.http.post(ORDERS_CONTROL, json=self.order_body(shop))
        if answer.status_code < 400 and shop in self._order_counts:
            self._order_counts[shop] += 1
        return answer

    def ensure_orders(self, count: int, shop_id: int | None = None) -> None:
        """At least ``count`` orders in the outlet, made through the control plane."""
        shop = self.outlet if shop_id is None else shop_id
        have = self._order_counts.get(shop)
        if have is None:
            have = self._order_counts[shop] = self.order_count(shop)
        for _ in range(count - have):
            answer = self.create_order(shop)
            if answer.status_code >= 400:
                raise NotAvailable(f"n/a: POST {ORDERS_CONTROL} answered {answer.status_code}: {answer.text[:120]}")

    def order_count(self, shop_id: int | None = None) -> int:
        total, cursor, seen = 0, "", set()
        while True:
            page = self.call("v2.order.get_order_list", shop_id, self.order_window(cursor)).get("response") or {}
            total += len(page.get("order_list") or [])
            cursor = str(page.get("next_cursor") or "")
            if not page.get("more") or not cursor or cursor in seen:
                return total
            seen.add(cursor)

    def order_window(self, cursor: str = "", page_size: int = 100) -> dict[str, Any]:
        now = self.now()
        params: dict[str, Any] = {"time_range_field": "create_time", "time_from": now - FIFTEEN_DAYS + 1, "time_to": now + 1, "page_size": page_size}
        if cursor:
            params["cursor"] = cursor
        return params

    def list_load(self) -> Load:
        """The newest page of 100 of the last 15 days, with each order's status."""
        return self.signed("v2.order.get_order_list", self.outlet, {**self.order_window(page_size=100), "response_optional_fields": "order_status"})

    def detail_load(self) -> Load:
        """The 50 newest orders with the field groups an order sync asks for."""
        return self.signed("v2.order.get_order_detail", self.outlet, {"order_sn_list": ",".join(self.order_sns(50)), "response_optional_fields": DETAIL_FIELDS})

    def order_sns(self, count: int) -> list[str]:
        page = self.call("v2.order.get_order_list", None, self.order_window(page_size=100)).get("response") or {}
        sns = [o["order_sn"] for o in page.get("order_list") or []]
        if len(sns) < count:
            raise NotAvailable(f"n/a: {len(sns)} orders listed, the case needs {count}")
        return sns[:count]


def ok(response: httpx.Response, what: str) -> dict[str, Any]:
    """The envelope of a successful call, or NotAvailable naming what went wrong."""
    try:
        payload = response.json()
    except ValueError:
        raise NotAvailable(f"failed: {what} answered HTTP {response.status_code} without JSON") from None
    if response.status_code >= 400 or (isinstance(payload, dict) and payload.get("error")):
        raise NotAvailable(f"failed: {what} answered HTTP {response.status_code} {payload.get('error')}: {payload.get('message')}")
    return payload


@dataclass(frozen=True)
class Case:
    label: str
    apis: tuple[str, ...]
    prepare: Callable[[Env], Load]
    light: bool = False  # a light signed call
    write: bool = False
    floor_goal: float | None = None  # the share of the floor's requests/s the case must reach

    def load(self, env: Env) -> Load:
        """The prepared request, checked once to succeed."""
        require(*self.apis)
        load = self.prepare(env)
        ok(env.send(load), self.label)
        return load


def _shop_info(env: Env) -> Load:
    return env.signed("v2.shop.get_shop_info", env.outlet)


def _item_base_info(count: int) -> Callable[[Env], Load]:
    def prepare(env: Env) -> Load:
        return env.signed("v2.product.get_item_base_info", env.outlet, {"item_id_list": ",".join(map(str, env.item_ids(count)))})

    return prepare


def _update_stock(env: Env) -> Load:
    item_id = env.item_ids(1)[0]
    models = (env.call("v2.product.get_model_list", env.outlet, {"item_id": item_id}).get("response") or {}).get("model") or []
    stock: dict[str, Any] = {"seller_stock": [{"stock": 100}]}
    if models:
        stock["model_id"] = int(models[0]["model_id"])
    else:
        stock["model_id"] = 0
    return env.signed("v2.product.update_stock", env.outlet, body={"item_id": item_id, "stock_list": [stock]})


def _order_list(env: Env) -> Load:
    env.ensure_orders(100)
    return env.list_load()


def _order_detail(env: Env) -> Load:
    env.ensure_orders(100)
    return env.detail_load()


def _create_order(env: Env) -> Load:
    probe = env.create_order()
    if probe.status_code in (404, 405):
        raise NotAvailable(NOT_IMPLEMENTED)
    return Load("POST", ORDERS_CONTROL, {}, json.dumps(env.order_body()).encode())


CASES: tuple[Case, ...] = (
    Case("v2.shop.get_shop_info", ("v2.shop.get_shop_info",), _shop_info, light=True, floor_goal=0.8),
    Case("v2.product.get_item_base_info (1 item)", ("v2.product.get_item_base_info", "v2.product.get_item_list"), _item_base_info(1), light=True, floor_goal=0.8),
    Case("v2.product.get_item_base_info (50 items)", ("v2.product.get_item_base_info", "v2.product.get_item_list"), _item_base_info(50)),
    Case("v2.product.update_stock (1 model)", ("v2.product.update_stock", "v2.product.get_item_list", "v2.product.get_model_list"), _update_stock, light=True, write=True, floor_goal=0.8),
    Case("v2.order.get_order_list (page 100)", ("v2.order.get_order_list",), _order_list, floor_goal=0.6),
    Case("v2.order.get_order_detail (50)", ("v2.order.get_order_detail", "v2.order.get_order_list"), _order_detail, floor_goal=0.25),
    Case("POST /_emulator/orders (create)", ("v2.order.get_order_list", "v2.product.update_stock"), _create_order, write=True),
)
