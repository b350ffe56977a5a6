"""Shop callers already authenticated once, and signatures already verified.

A signed shop call looks up its partner, its access token's grant and its shop: three store
reads and the checks between them, for an answer that changes only when one of those documents
does. ``Callers`` keeps the answer per (partner_id, access_token, shop_id) as the query spelled
them, with the two expiry times it depends on, so each call still compares them with the
virtual clock. Any write to partners, access tokens or shops (a put, a delete, a committed edit
or a rollback: the store's watchers hear them all) forgets every entry, and a reload of the
whole state does too (``clear``, from the auth domain's ``rebuild``). Only successes are kept:
a call that would fail takes the full path, which raises exactly the error it raised before.

The HMAC of a base string is a pure function of the partner key, the base string and the sign;
a client making many calls within one second signs the same base string each time, so the
verified triples are kept too (never a failed one).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from emulator import signing

if TYPE_CHECKING:
    from emulator.store import Doc, Store

LIMIT = 4096  # entries of each kind; past it the cache starts again empty


class Caller(NamedTuple):
    """A shop caller as the full path found it: valid while both expiry times lie ahead."""

    partner: dict[str, Any]
    partner_id: int
    shop_id: int
    token_expires: int
    shop_expires: int


class Callers:
    """See the module docstring."""

    def __init__(self, store: Store, collections: tuple[str, ...]) -> None:
        self.store = store
        self._known: dict[tuple[str, str, str], Caller] = {}
        self._signed: set[tuple[str, str, str]] = set()
        for collection in collections:
            store.watch(collection, self._changed, reads_old=False)

    def _changed(self, key: str, old: Doc | None, new: Doc | None) -> None:
        self._known.clear()

    def get(self, partner_id: str, token: str, shop_id: str) -> Caller | None:
        return self._known.get((partner_id, token, shop_id))

    def remember(self, partner_id: str, token: str, shop_id: str, caller: Caller) -> None:
        # inside a transaction that has written, in-place edits reach watchers only at commit
        if self.store.changing:
            return
        if len(self._known) >= LIMIT:
            self._known.clear()
        self._known[(partner_id, token, shop_id)] = caller

    def signed(self, partner_key: str, base: str, given: str) -> bool:
        """``signing.matches``, remembering the triples that matched."""
        triple = (partner_key, base, given)
        if triple in self._signed:
            return True
        if not signing.matches(partner_key, base, given):
            return False
        if len(self._signed) >= LIMIT:
            self._signed.clear()
        self._signed.add(triple)
        return True

    def clear(self) -> None:
        self._known.clear()
        self._signed.clear()

    def __len__(self) -> int:
        return len(self._known)
