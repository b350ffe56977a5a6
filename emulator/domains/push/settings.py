"""A partner's push settings (the console's Set Push page) and the push fault rules.

Both are documents in the store, so a snapshot, a restart or ``reset`` carries them like any
other state.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from emulator.domains.push import errors as e
from emulator.domains.push.codes import KNOWN_CODES
from emulator.domains.push.rates import NORMAL, SUSPEND_BELOW, SUSPENDED, WARNING, WARNING_BELOW, PushRates, Window
from emulator.errors import ParamError, wrong_parameters

if TYPE_CHECKING:
    from emulator.world import Emulator

CONFIGS = "push_configs"
FAULTS = "push_faults"
MAX_BLOCKED_SHOPS = 500
# after the first failed attempt, retry this many seconds after each failure; then the push is lost
RETRY_INTERVALS = (300, 1800, 10800)
ANY_CODE = "*"
PASS, DROP, DUPLICATE = "pass", "drop", "duplicate"


def default_config(partner_id: int) -> dict[str, Any]:
    return {"partner_id": partner_id, "callback_url": "", "on": [], "blocked_shop_ids": [], "live_push_status": "Normal"}


def valid_callback_url(url: str) -> bool:
    import httpx  # here, not at start-up: only a callback URL being set needs it

    try:
        parts = urlsplit(url)
        host, _ = parts.hostname, parts.port
        httpx.URL(url)
    except (ValueError, httpx.InvalidURL):
        return False
    return parts.scheme in ("http", "https") and bool(host) and not any(c.isspace() or ord(c) < 32 for c in url)


def _codes(name: str, codes: list[int] | None) -> set[int]:
    unknown = [c for c in codes or () if c not in KNOWN_CODES]
    if unknown:
        raise wrong_parameters(f"{name} contains unknown push code {unknown[0]}")
    return set(codes or ())


class PushSettings:
    """Per-partner push configuration and the per-code fault rules."""

    def __init__(self, emulator: "Emulator") -> None:
        self.emulator = emulator
        self.store = emulator.store
        self.rates = PushRates(emulator.store)

    def config(self, partner_id: int) -> dict[str, Any]:
        return self.store.get(CONFIGS, partner_id) or default_config(partner_id)

    def _editable(self, partner_id: int) -> dict[str, Any]:
        return self.store.edit(CONFIGS, partner_id) or self.store.put(CONFIGS, partner_id, default_config(partner_id))

    def set_app_push_config(
        self,
        partner_id: int,
        callback_url: str | None,
        turn_on: list[int] | None,
        turn_off: list[int] | None,
        blocked: list[int] | None,
    ) -> None:
        """set_app_push_config: the URL, codes switched on and off, and the blocked shops."""
        on, off = _codes("set_push_config_on", turn_on), _codes("set_push_config_off", turn_off)
        both = sorted(on & off)
        if both:
            raise wrong_parameters(f"push code {both[0]} is in both set_push_config_on and set_push_config_off")
        if callback_url is not None and not valid_callback_url(callback_url):
            raise ParamError(e.INVALID_CALLBACK_URL)
        if blocked is not None and len(blocked) > MAX_BLOCKED_SHOPS:
            raise wrong_parameters(f"blocked_shop_id_list should have at most {MAX_BLOCKED_SHOPS} shop ids")
        current_url = callback_url or self.config(partner_id)["callback_url"]
        if on and not current_url:
            raise ParamError(e.EMPTY_CALLBACK_URL)
        doc = self._editable(partner_id)
        if callback_url is not None or on:
            self._resubscribe(doc)
        if callback_url is not None:
            doc["callback_url"] = callback_url
        doc["on"] = sorted((set(doc["on"]) | on) - off)
        if blocked is not None:
            doc["blocked_shop_ids"] = sorted(set(blocked))

    def configure(self, partner_id: int, body: dict[str, Any]) -> dict[str, Any]:
        """The console shortcut: ``codes`` is the exact set switched on (``"all"`` for every code)."""
        doc = self._editable(partner_id)
        if "callback_url" in body or "codes" in body:
            self._resubscribe(doc)
        if "callback_url" in body:
            url = body["callback_url"]
            if not isinstance(url, str) or (url and not valid_callback_url(url)):
                raise ValueError("callback_url must be an http(s) URL, or empty to switch pushes off")
            doc["callback_url"] = url
        if "codes" in body:
            codes = list(KNOWN_CODES) if body["codes"] == "all" else body["codes"]
            if not isinstance(codes, list) or not all(isinstance(c, int) and c in KNOWN_CODES for c in codes):
                raise ValueError(f'codes must be "all" or a list of push codes from {list(KNOWN_CODES)}')
            doc["on"] = sorted(set(codes))
        if "blocked_shop_ids" in body:
            blocked = body["blocked_shop_ids"]
            if not isinstance(blocked, list) or not all(isinstance(s, int) and not isinstance(s, bool) for s in blocked):
                raise ValueError("blocked_shop_ids must be a list of shop ids")
            doc["blocked_shop_ids"] = sorted(set(blocked))
        if "retry_intervals" in body:
            doc["retry_intervals"] = _intervals(body["retry_intervals"])
        if doc["on"] and not doc["callback_url"]:
            raise ValueError("set a callback_url before switching push codes on")
        return doc

    def view(self, partner_id: int) -> dict[str, Any]:
        """get_app_push_config's response."""
        doc = self.config(partner_id)
        view: dict[str, Any] = {"callback_url": doc["callback_url"], "live_push_status": self.status(partner_id)}
        if "suspended_time" in doc:
            view["suspended_time"] = doc["suspended_time"]
        return {
            **view,
            "blocked_shop_id": list(doc["blocked_shop_ids"]),
            "push_config_on_list": list(doc["on"]),
            "push_config_off_list": [c for c in KNOWN_CODES if c not in doc["on"]],
        }

    # -- success rate, warning and suspension ---------------------------------------------------
    def status(self, partner_id: int) -> str:
        """Normal, Warning or Suspended, as get_app_push_config names them."""
        if self.suspended(partner_id):
            return SUSPENDED
        return WARNING if self.rates.window(partner_id, self.emulator.clock.now()).below(WARNING_BELOW) else NORMAL

    def suspended(self, partner_id: int) -> bool:
        doc = self.store.get(CONFIGS, partner_id)
        return bool(doc and "suspended_time" in doc)

    def window(self, partner_id: int) -> Window:
        return self.rates.window(partner_id, self.emulator.clock.now())

    def record_outcome(self, partner_id: int, at: int, delivered: bool) -> bool:
        """Count an attempt; suspend the subscription when the rate falls under the guide's 30%
        (answers whether this attempt suspended it)."""
        window = self.rates.record(partner_id, at, delivered)
        if not window.below(SUSPEND_BELOW) or self.suspended(partner_id):
            return False
        doc = self._editable(partner_id)
        doc["suspended_time"] = at
        doc["live_push_status"] = SUSPENDED
        return True

    def _resubscribe(self, doc: dict[str, Any]) -> None:
        # subscribing again ends a suspension, and the rate is counted from the new subscription only
        if "suspended_time" in doc:
            del doc["suspended_time"]
            doc["live_push_status"] = NORMAL
            self.rates.restart(doc["partner_id"])

    def retry_intervals(self, partner_id: int) -> list[int]:
        return list(self.config(partner_id).get("retry_intervals", RETRY_INTERVALS))

    def wants(self, partner_id: int, code: int, shop_id: int | None) -> bool:
        doc = self.store.get(CONFIGS, partner_id)
        return bool(
            doc and doc["callback_url"] and code in doc["on"] and "suspended_time" not in doc
            and (shop_id is None or shop_id not in doc["blocked_shop_ids"])
        )

    # -- faults --------------------------------------------------------------------------------
    def add_fault(self, code: int | None, effects: list[Any], repeat_last: bool) -> None:
        for effect in effects:
            check_effect(effect)
        key = ANY_CODE if code is None else str(code)
        self.store.put(FAULTS, key, {"code": code, "effects": list(effects), "repeat_last": repeat_last, "matched": 0})

    def clear_faults(self) -> None:
        for key in list(self.store.collection(FAULTS)):
            self.store.delete(FAULTS, key)

    def faults(self) -> list[dict[str, Any]]:
        return [dict(doc) for doc in self.store.collection(FAULTS).values()]

    def next_effect(self, code: int) -> Any:
        """The effect for the next message of ``code``: each rule's effects are used up in order."""
        key = str(code) if self.store.get(FAULTS, code) else ANY_CODE
        rule = self.store.edit(FAULTS, key)
        if rule is None:
            return PASS
        rule["matched"] += 1
        effects = rule["effects"]
        if not effects:
            return PASS
        if len(effects) == 1 and rule["repeat_last"]:
            return effects[0]
        return effects.pop(0)


def check_effect(effect: Any) -> None:
    if effect in (PASS, DROP, DUPLICATE):
        return
    delay = effect.get("delay") if isinstance(effect, dict) and len(effect) == 1 else None
    if isinstance(delay, bool) or not isinstance(delay, (int, float)) or not 0 <= delay <= 30 * 86400:
        raise ValueError('effects must be "pass", "drop", "duplicate" or {"delay": seconds (0 to 30 days)}')


def _intervals(value: Any) -> list[int]:
    if not isinstance(value, list) or len(value) > 20 or not all(
        isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 30 * 86400 for v in value
    ):
        raise ValueError("retry_intervals must be a list of at most 20 whole seconds (0 to 30 days)")
    return value
