"""Fault rules: make chosen calls fail on purpose, the thing the real sandbox cannot do.

A rule matches on operation name (or ``*``), optionally shop_id, and the call number of that
match, and carries a list of effects consumed one per matching call ("error twice, then pass"),
in the manner of respx's ``side_effect`` lists. Scenario files will add rules through the same
object; the pipeline consults it after authentication, before validation.

An effect is ``pass``, ``{"error", "message", "http_status"}``, or ``{"common_error": name}``:
one of the platform's common errors by name (``GET /_emulator/common_errors`` lists them),
answered with its exact message and status (``http_status`` may override the status).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from emulator.errors import ShopeeError
from emulator.spec import common_errors

if TYPE_CHECKING:
    from emulator.context import RequestContext

PASS = "pass"
# An injected fault stands for the platform failing, so an effect that names no status answers as
# the platform's server errors do. One default for the control plane, scenarios and the console.
DEFAULT_ERROR = "error_server"
DEFAULT_MESSAGE = "Something wrong. Please try later."
DEFAULT_HTTP_STATUS = 500

COMMON_ERROR = "common_error"
# effects one rule may hold: every surface that adds rules (control plane, console, scenarios) stops here
MAX_FAULT_EFFECTS = 1000


def named_effect(name: Any, http_status: Any = None) -> dict[str, Any]:
    """The error effect of the common error ``name``; ValueError naming the choices if unknown."""
    known = common_errors()
    if not isinstance(name, str) or name not in known:
        raise ValueError(f"unknown common error {name!r}: one of {', '.join(known)}")
    entry = known[name]
    return {"error": entry.error, "message": entry.message,
            "http_status": entry.http_status if http_status is None else http_status}


def expand(effect: Any) -> Any:
    """An effect with a ``common_error`` name turned into the error it names."""
    if isinstance(effect, dict) and COMMON_ERROR in effect:
        return named_effect(effect[COMMON_ERROR], effect.get("http_status"))
    return effect


@dataclass
class FaultRule:
    """Effects for matching calls: each effect is ``pass`` or an error dict."""

    operation: str
    effects: list[Any]
    shop_id: int | None = None
    repeat_last: bool = False
    rule_id: int = 0
    seen: int = field(default=0)

    def matches(self, op_name: str, shop_id: int | None) -> bool:
        if self.operation not in ("*", op_name):
            return False
        return self.shop_id is None or self.shop_id == shop_id

    def next_effect(self) -> Any:
        self.seen += 1
        if self.effects:
            return self.effects.pop(0) if (len(self.effects) > 1 or not self.repeat_last) else self.effects[0]
        return PASS

    def describe(self) -> dict[str, Any]:
        return {
            "id": self.rule_id,
            "operation": self.operation,
            "shop_id": self.shop_id,
            "remaining": list(self.effects),
            "repeat_last": self.repeat_last,
            "matched": self.seen,
        }


class Faults:
    """The fault rules of one emulator."""

    def __init__(self) -> None:
        self.rules: list[FaultRule] = []
        self._next_id = 0

    def add(self, operation: str, effects: list[Any], shop_id: int | None = None, repeat_last: bool = False) -> FaultRule:
        self._next_id += 1
        rule = FaultRule(operation, [expand(e) for e in effects], shop_id, repeat_last, self._next_id)
        self.rules.append(rule)
        return rule

    def clear(self) -> None:
        self.rules.clear()

    def apply(self, ctx: "RequestContext") -> None:
        if not self.rules or ctx.op is None:
            return
        for rule in self.rules:
            if rule.matches(ctx.op.name, ctx.shop_id):
                effect = rule.next_effect()
                if not rule.effects and not rule.repeat_last:
                    self.rules.remove(rule)
                if effect != PASS:
                    message = effect.get("message", DEFAULT_MESSAGE)
                    raise ShopeeError(
                        message.replace("{ip}", ctx.client_ip),
                        error=effect.get("error", DEFAULT_ERROR),
                        http_status=int(effect.get("http_status", DEFAULT_HTTP_STATUS)),
                    )
                return
