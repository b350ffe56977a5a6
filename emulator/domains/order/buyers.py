"""The buyers of a world: a fixed pool of Faker profiles per (locale, region, seed).

Faker costs about a millisecond per profile, which dominated order creation; real shops see the
same buyers again anyway. The pool is immutable (read-only mappings) and shared by every emulator
of the same world and seed, so drawing a buyer is a seeded choice plus a copy of its two dicts: the
strings stay shared, which keeps 100,000 orders about 1 KB each lighter than parsed copies.
"""
from __future__ import annotations

import random
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:
    from faker import Faker

POOL_SIZE = 96


@lru_cache(maxsize=8)
def buyer_pool(locale: str, region: str, seed: int) -> tuple[Mapping[str, Any], ...]:
    from faker import Faker  # loads when a world first needs buyers

    fake = Faker(locale)
    fake.seed_instance(seed)
    ids = random.Random(f"{seed}:buyer_ids")
    return tuple(_frozen(_profile(fake, region, ids)) for _ in range(POOL_SIZE))


def _frozen(profile: dict[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType({**profile, "recipient_address": MappingProxyType(profile["recipient_address"])})


def _profile(fake: "Faker", region: str, ids: random.Random) -> dict[str, Any]:
    street, city, zipcode = fake.street_address(), fake.city(), fake.postcode()
    state = getattr(fake, "administrative_unit", fake.city)()
    district = fake.city_suffix() if hasattr(fake, "city_suffix") else ""
    return {
        "buyer_user_id": ids.randint(100_000_000, 1_999_999_999),
        "buyer_username": fake.user_name()[:20],
        "recipient_address": {
            "name": fake.name(),
            "phone": fake.phone_number(),
            "town": "",
            "district": district,
            "city": city,
            "state": state,
            "region": region,
            "zipcode": zipcode,
            "full_address": f"{street}, {city}, {state}, {region}, {zipcode}",
        },
    }


def draw_buyer(locale: str, region: str, seed: int, rng: random.Random) -> dict[str, Any]:
    profile = rng.choice(buyer_pool(locale, region, seed))
    return {**profile, "recipient_address": dict(profile["recipient_address"])}
