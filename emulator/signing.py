"""The platform's request signature: HMAC-SHA256 over partner_id, path, timestamp and the
caller's identity (access_token + shop_id or merchant_id), keyed by the partner key, as hex."""
from __future__ import annotations

import hashlib
import hmac


def base_string(
    partner_id: int | str,
    path: str,
    timestamp: int | str,
    access_token: str | None = None,
    identity: int | str | None = None,
) -> str:
    """``identity`` is the shop_id for shop APIs and the merchant_id for merchant APIs."""
    text = f"{partner_id}{path}{timestamp}"
    if access_token is not None:
        text += f"{access_token}{identity if identity is not None else ''}"
    return text


def sign(partner_key: str, base: str) -> str:
    # the one-shot digest runs in OpenSSL alone, several times faster than hmac.new(...).hexdigest()
    return hmac.digest(partner_key.encode(), base.encode(), hashlib.sha256).hex()


def matches(partner_key: str, base: str, given: str) -> bool:
    # as bytes: compare_digest refuses str with non-ASCII characters, and a sign is user input
    return hmac.compare_digest(sign(partner_key, base).encode(), given.lower().encode("utf-8", "replace"))
