"""``PushSink``: a partner's push receiver in a test, with no network.

It plugs into an emulator as an ``httpx.MockTransport``, records every push it receives, and
answers as scripted: by default 200 with an empty body (what the platform wants); ``respond``
queues other answers (a status, ``(status, body)``, or ``"timeout"``), one per push received.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx

from emulator.domains.push import delivery

if TYPE_CHECKING:
    from emulator.world import Emulator

SINK_URL = "https://push-sink.test/shopee/push"


@dataclass(frozen=True)
class ReceivedPush:
    """One POST the sink received, as the partner's server would see it."""

    url: str
    authorization: str
    body: str
    answered: int | None

    @property
    def json(self) -> dict[str, Any]:
        body: dict[str, Any] = json.loads(self.body)
        return body

    @property
    def code(self) -> int:
        return int(self.json["code"])


class PushSink:
    """Records pushes sent to ``url``; see the module docstring."""

    def __init__(self, url: str = SINK_URL) -> None:
        self.url = url
        self.received: list[ReceivedPush] = []
        self._answers: list[Any] = []

    def install(self, emulator: "Emulator", codes: list[int] | str = "all") -> "PushSink":
        """Point the default partner's callback URL here and switch ``codes`` on."""
        emulator.pushes.use_transport(httpx.MockTransport(self._handle))
        partner_id = emulator.auth.default_partner()["partner_id"]
        with emulator.transaction():
            emulator.pushes.settings.configure(partner_id, {"callback_url": self.url, "codes": codes})
        return self

    def respond(self, *answers: Any) -> None:
        """Answer the next pushes with these, in order: ``500``, ``(200, "ok")``, ``"timeout"``."""
        self._answers.extend(answers)

    def of_code(self, code: int) -> list[ReceivedPush]:
        return [p for p in self.received if p.code == code]

    def verifies(self, push: ReceivedPush, partner_key: str) -> bool:
        return delivery.verify(partner_key, push.url, push.body, push.authorization)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        answer = self._answers.pop(0) if self._answers else 200
        status, content = (answer if isinstance(answer, tuple) else (answer, ""))
        body = request.content.decode()
        self.received.append(
            ReceivedPush(str(request.url), request.headers.get("authorization", ""), body, None if answer == "timeout" else status)
        )
        if answer == "timeout":
            raise httpx.ReadTimeout("the receiver did not answer in time", request=request)
        return httpx.Response(int(status), content=str(content).encode())
