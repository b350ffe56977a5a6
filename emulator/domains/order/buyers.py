"""The buyers of a world: a fixed pool of Faker profiles per (locale, region, seed).

Faker costs about a millisecond per profile, which dominated order creation; real shops see the
same buyers again anyway. The pool is immutable (JSON text) and shared by every emulator of the
same world and seed, so drawing a buyer is a seeded choice plus a copy.
"""
from __future__ import annotations

import json
import random
from functools import lru_cache
from typing import Any

from faker import Faker

POOL_SIZE = 96


@lru_cache(maxsize=8)
def buyer_pool(locale: str, region: str, seed: int) -> tuple[str, ...]:
    fake = Faker(locale)
    fake.seed_instance(seed)
    ids = random.Random(f"{seed}:buyer_ids")
    return tuple(json.dumps(_profile(fake, region, ids)) for _ in range(POOL_SIZE))


def _profile(fake: Faker, region: str, ids: random.Random) -> dict[str, Any]:
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
    profile: dict[str, Any] = json.loads(rng.choice(buyer_pool(locale, region, seed)))
    return profile
