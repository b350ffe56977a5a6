"""Push notifications: the outbox, delivery on the virtual clock, retries and lost pushes.

Events consumed from the bus (see ``codes.EVENT_CODES``):

    order.status_changed             code 3 order status push   (order_sn, old, new)
    order.tracking_number            code 4 trackingno push     (order_sn, package_number, tracking_number)
    order.shipping_document_status   code 15 shipping document status push (order_sn, package_number,
                                     status READY or FAILED)
    auth.authorized / auth.cancelled code 1 / code 2, partner-level (partner_id, shop_id_list, main_account_id)
    auth.expiring                    code 12, partner-level (partner_id, shop_id_list, expire_time)
    product.video_transcoded         code 11 video upload push  (video_upload_id, status, message, video_info)
    product.reserved_stock_changed   code 8 reserved stock change push (item_id, model_id, old, new, action):
                                     total_reserved_stock, a running promotion's reserve
    discount.item_promotion          code 7 item promotion push (see emulator.domains.discount.events)
    discount.promotion_update        code 9 promotion update push

A message is created only for a shop whose partner has a callback URL, has the code switched on,
has not blocked the shop, and is authorized by it. Its life:

    pending --job push.deliver--> ready --sent after the clock moves--> delivered
                                           \\-- failed: pending again at attempt + retry interval
                                           \\-- failed with no retries left: lost (served by
                                               get_lost_push_message until confirmed)
    dropped (a drop fault: never sent, never lost)

Domain code only appends to the outbox inside its transaction; the HTTP POST happens after the
clock moved and with the lock released (``Emulator.after_advance`` with a manual clock, a
delivery thread with the real-time clock), so a receiver may call the emulator back while it
answers.

Push Test Data (``enqueue_sample``) puts a sample push of a code in the same outbox, with no event
behind it: its body is made by the code's own builder from what the world has (``samples``).

Every attempt but a verification push counts towards the app's success rate (``rates``): under
70% with more than 600 attempts in 6 hours the app is in Warning, under 30% its subscription is
suspended. A suspended app gets no new pushes, and retries that fall due meanwhile are given up
(state ``suspended``: neither sent nor lost), until set_app_push_config subscribes it again.
Push Test Data and re-sends, which the developer asks for, still go out.

LIMITATIONS: no warning e-mails; set_app_push_config does not send a verification push (use
``POST /_emulator/push/test``); only the codes in ``codes.EVENT_CODES`` are ever produced.
"""
from __future__ import annotations

import asyncio
import json
import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Callable, NotRequired, TypedDict, cast

from emulator.clock import REALTIME, stopwatch
from emulator.domains.push import codes, delivery, samples
from emulator.domains.push.documents import Attempt, LostPush, PushMessage, ReadyPush
from emulator.domains.push.errors import DATA_NOT_EXIST, DataError
from emulator.domains.push.settings import CONFIGS, DROP, DUPLICATE, PushSettings
from emulator.domains.push.streams import Streams
from emulator.events import Event

if TYPE_CHECKING:
    from emulator.world import Emulator

log = logging.getLogger(__name__)

MESSAGES = "push_messages"
READY = "push_ready"
LOST = "push_lost"
DELIVER_JOB = "push.deliver"
class DeliverJob(TypedDict):
    """The payload of a push attempt falling due (``at``: the virtual time it was due; jobs
    written by older versions lack it)."""

    message_id: int
    at: NotRequired[int]

LOST_WINDOW_SECONDS = 3 * 86400
LOST_PAGE_SIZE = 100
MAX_OUTBOX = 20_000
TEST_WORKERS = 4
MAX_TESTS_WAITING = 64

PENDING, SENDING, DELIVERED, LOST_STATE, DROPPED, FAILED = "pending", "ready", "delivered", "lost", "dropped", "failed"
SUSPENDED_STATE = "suspended"

# An attempt's outcome and its latency in milliseconds (None when nothing was sent).
Timed = tuple[delivery.Outcome, float | None]


class PushModel:
    """The push outbox of one emulator; see the module docstring."""

    def __init__(self, emulator: "Emulator") -> None:
        self.emulator = emulator
        self.store = emulator.store
        self.settings = PushSettings(emulator)
        self.sender: delivery.Sender = delivery.HttpxSender()
        self.streams = Streams(self._take_ready, self._deliver_one, on_idle=self._kick)
        self._streams_of: dict[int, tuple[Any, ...]] = {}  # parsing bodies once, not per round
        self._tests = ThreadPoolExecutor(TEST_WORKERS, thread_name_prefix="push-test")
        self._tests_waiting = threading.BoundedSemaphore(MAX_TESTS_WAITING)
        self._wake = threading.Event()
        self._worker: threading.Thread | None = None
        self._stopped = False
        for name in codes.EVENT_CODES:
            emulator.bus.subscribe(name, self._on_event)
        for name in codes.PARTNER_EVENT_CODES:
            emulator.bus.subscribe(name, self._on_partner_event)
        emulator.scheduler.handle(DELIVER_JOB, self._make_ready)
        emulator.after_advance.append(self._after_advance)

    def rebuild(self) -> None:
        """After state is loaded: pushes a stopped server had ready still have to go out."""
        if self.store.count(READY):
            self._kick()

    def use_transport(self, transport: Any) -> None:
        """Send pushes through an httpx transport (MockTransport, an in-process ASGI app)."""
        self._close_sender()
        self.sender = delivery.HttpxSender(transport=transport)

    def _close_sender(self) -> None:
        close = getattr(self.sender, "close", None)
        if close is not None:
            close()

    # -- from events to messages ---------------------------------------------------------------
    def _on_event(self, event: Event) -> None:
        if not self.store.count(CONFIGS):
            return  # no app has set up pushes: the common case while a world seeds its history
        # a scenario or test may publish outside any request; the write still needs a transaction
        with self.emulator.transaction():
            self._message_for(event)

    def _message_for(self, event: Event) -> None:
        code, build = codes.EVENT_CODES[event.name]
        shop = self.emulator.shops.find(event.shop_id)
        if shop is None or not self.emulator.shops.authorized(shop["shop_id"]):
            return
        if not self.settings.wants(shop["partner_id"], code, shop["shop_id"]):
            return
        text = codes.body_text(code, shop["shop_id"], event.timestamp, build(event))
        self.enqueue(shop["partner_id"], shop["shop_id"], code, text)

    def _on_partner_event(self, event: Event) -> None:
        if not self.store.count(CONFIGS):
            return
        code, build = codes.PARTNER_EVENT_CODES[event.name]
        partner_id = int(event.data["partner_id"])
        with self.emulator.transaction():
            if self.settings.wants(partner_id, code, None):
                self.enqueue(partner_id, None, code, codes.body_text(code, None, event.timestamp, build(event)))

    def enqueue(self, partner_id: int, shop_id: int | None, code: int, text: str, url: str | None = None) -> PushMessage:
        """Append a message to the outbox and schedule its first attempt (faults permitting);
        ``url``: sent there rather than to the app's callback URL."""
        effect = self.settings.next_effect(code)
        message_id = self.emulator.ids.next("push_message")
        doc: PushMessage = {
            "message_id": message_id,
            "partner_id": partner_id,
            "shop_id": shop_id,
            "code": code,
            "body": text,
            "created": self.emulator.clock.now(),
            "state": DROPPED if effect == DROP else PENDING,
            "fault": effect,
            "duplicate": effect == DUPLICATE,
            "attempts": [],
        }
        if url:
            doc["callback_url"] = url
        self.store.put(MESSAGES, message_id, doc)
        self._prune()
        self._kick()
        if effect != DROP:
            delay = effect["delay"] if isinstance(effect, dict) else 0
            self._schedule(message_id, int(self.emulator.clock.now() + delay))
        return doc

    def _schedule(self, message_id: int, at: int) -> None:
        # ``at`` rides along: a retry that fell due inside a long clock jump is made after the
        # jump, and is stamped with the virtual time it was due, not the time it went out
        payload: DeliverJob = {"message_id": message_id, "at": at}
        self.emulator.scheduler.at(at, DELIVER_JOB, payload)

    def _message(self, message_id: int) -> PushMessage | None:
        return cast("PushMessage | None", self.store.get(MESSAGES, message_id))

    def _edit_message(self, message_id: int) -> PushMessage | None:
        return cast("PushMessage | None", self.store.edit(MESSAGES, message_id))

    def _make_ready(self, payload: DeliverJob) -> None:
        doc = self._edit_message(payload["message_id"])
        if doc is None or doc["state"] != PENDING:
            return
        if self._held_by_suspension(doc):
            doc["state"] = SUSPENDED_STATE
            return
        doc["state"] = SENDING
        at = int(payload.get("at", self.emulator.clock.now()))
        self.store.put(READY, doc["message_id"], {"message_id": doc["message_id"], "time": at})
        self._kick()

    def _prune(self) -> None:
        # The outbox keeps the newest MAX_OUTBOX messages; the oldest finished ones make room
        # (a lost push stays servable: its copy in LOST lives until it is confirmed).
        messages = self.store.collection(MESSAGES)
        while len(messages) > MAX_OUTBOX:
            oldest = next(iter(messages.values()))
            if oldest["state"] in (PENDING, SENDING):
                return
            self.store.delete(MESSAGES, oldest["message_id"])

    # -- sending, outside the lock ---------------------------------------------------------------
    def _after_advance(self) -> None:
        if self.emulator.clock.mode == REALTIME:
            self._kick()
        elif _on_event_loop():
            # blocking here would stall the server the receiver may be calling back
            threading.Thread(target=self.deliver_ready, name="push-delivery", daemon=True).start()
        else:
            self.deliver_ready()

    def deliver_ready(self) -> int:
        """Send every ready message, record the outcomes, and repeat for retries now due."""
        return self.streams.drain()

    def _take_ready(self, select: Callable[[int, Any], bool]) -> list[ReadyPush]:
        """The ready messages ``select`` wants, oldest first, with what sending needs."""
        with self.emulator.transaction():  # also runs retries that fell due meanwhile
            batch = []
            for ready in sorted(self.store.collection(READY).values(), key=lambda r: (r["time"], r["message_id"])):
                message_id = ready["message_id"]
                known = self._streams_of.get(message_id)
                if known is not None and not select(message_id, known):
                    continue  # most of a round: messages of running streams, decided without a lookup
                doc = self._message(message_id)
                partner = self.emulator.auth.partner(doc["partner_id"]) if doc else None
                if doc is None or partner is None:
                    self.store.delete(READY, message_id)
                    continue
                url = doc.get("callback_url") or self.settings.config(doc["partner_id"])["callback_url"]
                stream = known or self._stream(url, doc)
                if known is not None or select(message_id, stream):
                    batch.append(ReadyPush(message_id=message_id, time=ready["time"], url=url, key=partner["partner_key"],
                                           body=doc["body"], duplicate=doc["duplicate"], stream=stream))
            return batch

    def _hold_ready(self, partner_id: int) -> None:
        """The subscription was just suspended: what waits to be sent to the app stays unsent."""
        for ready in list(self.store.collection(READY).values()):
            doc = self._message(ready["message_id"])
            if doc is not None and doc["partner_id"] == partner_id and self._held_by_suspension(doc):
                self.store.delete(READY, doc["message_id"])
                held = self._edit_message(doc["message_id"])
                assert held is not None
                held["state"] = SUSPENDED_STATE

    def _held_by_suspension(self, doc: PushMessage) -> bool:
        # the app's news is not sent while it is suspended; what the developer asked for is
        asked = doc.get("test_data") or "resent_from" in doc or doc["code"] == codes.VERIFY
        return not asked and self.settings.suspended(doc["partner_id"])

    def _stream(self, url: str | None, doc: PushMessage) -> tuple[Any, ...]:
        """Receiver first (``Streams`` bounds each receiver's share), then the order the push is about.

        Remembered per message: the stream only groups and orders sends (each send reads the
        callback URL afresh), so a URL changed meanwhile cannot send a push to the old one.
        """
        if len(self._streams_of) > MAX_OUTBOX:
            self._streams_of.clear()
        stream = self._streams_of[doc["message_id"]] = _stream(url, doc)
        return stream

    def _deliver_one(self, item: ReadyPush) -> None:
        results = self._attempt(item)
        with self.emulator.transaction():
            self._record(item, results)

    def _attempt(self, item: ReadyPush) -> list[Timed]:
        url = item["url"]
        if not url:
            return [(delivery.Outcome(delivery.CONNECTION_ERROR, detail="the app has no callback_url"), None)]
        first = self._timed_send(item, url)
        if first[0].delivered and item["duplicate"]:
            return [first, self._timed_send(item, url)]
        return [first]

    def _timed_send(self, item: ReadyPush, url: str) -> Timed:
        """One POST and how long the receiver took, in wall-clock milliseconds (the outbox shows it)."""
        elapsed = stopwatch()
        outcome = delivery.send(self.sender, url, item["key"], item["body"])
        return outcome, round(elapsed() * 1000, 1)

    def _record(self, item: ReadyPush, results: list[Timed]) -> None:
        self.store.delete(READY, item["message_id"])
        doc = self._edit_message(item["message_id"])
        if doc is None:
            return
        # the header the receiver got, so the outbox shows what to check a receiver's verification against
        authorization = delivery.signature(item["key"], item["url"], item["body"]) if item["url"] else ""
        for n, (outcome, latency_ms) in enumerate(results):
            if doc["code"] != codes.VERIFY and self.settings.record_outcome(doc["partner_id"], item["time"], outcome.delivered):
                self._hold_ready(doc["partner_id"])
            attempt: Attempt = {
                "time": item["time"], "url": item["url"], "result": outcome.result, "http_status": outcome.http_status,
                "latency_ms": latency_ms, "authorization": authorization,
            }
            if outcome.detail:
                attempt["detail"] = outcome.detail
            if n:
                attempt["duplicate"] = True
            doc["attempts"].append(attempt)
        if results[0][0].delivered:
            doc["state"] = DELIVERED
            doc["duplicate"] = False
            return
        self._failed(doc, item["time"])

    def _failed(self, doc: PushMessage, at: int) -> None:
        if doc["code"] == codes.VERIFY:
            doc["state"] = FAILED
            return
        failures = sum(1 for a in doc["attempts"] if a["result"] != delivery.DELIVERED and not a.get("duplicate"))
        intervals = self.settings.retry_intervals(doc["partner_id"])
        if failures <= len(intervals):
            doc["state"] = PENDING
            self._schedule(doc["message_id"], at + intervals[failures - 1])
            return
        doc["state"] = LOST_STATE
        doc["lost_at"] = at
        lost = LostPush(message_id=doc["message_id"], partner_id=doc["partner_id"], shop_id=doc["shop_id"],
                        code=doc["code"], timestamp=at, data=doc["body"])
        self.store.put(LOST, doc["message_id"], lost)

    # -- the real-time delivery thread -----------------------------------------------------------
    def _kick(self) -> None:
        """With the real-time clock, make sure the delivery thread runs and looks now."""
        if self.emulator.clock.mode != REALTIME or self._stopped:
            return
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._work, name="push-delivery", daemon=True)
            self._worker.start()
        self._wake.set()

    def stop(self) -> None:
        """End the real-time delivery thread (pushes still ready stay in the outbox)."""
        self._stopped = True
        self._wake.set()
        if self._worker is not None and self._worker is not threading.current_thread():
            self._worker.join(10)

    def shutdown(self) -> None:
        """Stop sending and let go of the threads and connections (the emulator is closing)."""
        self.stop()
        self.streams.close()
        self._tests.shutdown(wait=False, cancel_futures=True)
        self._close_sender()

    def _work(self) -> None:
        # each round also runs due jobs (``deliver_ready`` opens a transaction), so pushes go out
        # within about a second even when no request and no ticker moves the scheduler
        while not self._stopped:
            self._wake.wait(1.0)
            self._wake.clear()
            if self._stopped:
                return
            try:
                self.streams.dispatch()  # never waits for a stream: a hanging receiver holds only its own
            except Exception:  # a store error must not end deliveries for good
                log.exception("push delivery failed")

    # -- the verification push -----------------------------------------------------------------
    def submit_test(self, partner_id: int, url: str | None = None) -> "Future[dict[str, Any]]":
        """``send_test`` on the push tests' own few threads; ``TestsBusy`` when too many wait.

        The server's shared thread pool is never used, so however many Verify calls hang on a
        slow receiver, clock and API calls find a thread.
        """
        if not self._tests_waiting.acquire(blocking=False):
            raise TestsBusy(f"more than {MAX_TESTS_WAITING} verification pushes are waiting; try again shortly")
        future = self._tests.submit(self.send_test, partner_id, url)
        future.add_done_callback(lambda _: self._tests_waiting.release())
        return future

    def send_test(self, partner_id: int, url: str | None = None) -> dict[str, Any]:
        """The console's Verify: one code-0 push, sent now, never retried. Call outside the lock."""
        with self.emulator.transaction():
            now = self.emulator.clock.now()
            message_id = self.emulator.ids.next("push_message")
            text = codes.body_text(codes.VERIFY, None, now, {})
            self.store.put(MESSAGES, message_id, PushMessage(
                message_id=message_id, partner_id=partner_id, shop_id=None, code=codes.VERIFY, body=text,
                created=now, state=SENDING, fault="pass", duplicate=False, attempts=[],
            ))
            target = url or self.settings.config(partner_id)["callback_url"]
            partner = self.emulator.auth.partner(partner_id)
            assert partner is not None, "verification pushes go to a known partner's app"
            key = partner["partner_key"]
            item = ReadyPush(message_id=message_id, time=now, url=target, key=key, body=text, duplicate=False, stream=())
        results = self._attempt(item)
        with self.emulator.transaction():
            self._record(item, results)
        return self.view(self.store.get(MESSAGES, message_id) or {})

    # -- Push Test Data ----------------------------------------------------------------------------
    def enqueue_sample(
        self, partner_id: int, code: int, shops: list[dict[str, Any]] | None = None, url: str | None = None, base_url: str = ""
    ) -> PushMessage:
        """The sandbox's Push Test Data: a sample push of ``code`` (see ``samples``) about the first
        of ``shops`` the world has news of (default: the partner's), queued like any push, so faults,
        retries and lost pushes apply; sent whatever codes the app has on and shops it blocked,
        since the developer asked for it."""
        sampler = samples.Samples(self.emulator, base_url)
        shop_id, text = sampler.body(code, shops or sampler.shops_for(partner_id, code))
        doc = self.enqueue(partner_id, shop_id, code, text, url)
        edited = self._edit_message(doc["message_id"])
        assert edited is not None
        edited["test_data"] = True
        return edited

    # -- re-sending ------------------------------------------------------------------------------
    def resend(self, message_id: int) -> dict[str, Any]:
        """Queue a copy of a push (same code, shop, body and URL) as a new message with its own
        attempts, retries and fault effect; the copy names the original in ``resent_from``."""
        original = self.store.get(MESSAGES, message_id)
        if original is None or original["code"] == codes.VERIFY:
            raise DataError(DATA_NOT_EXIST)
        copy = self.enqueue(original["partner_id"], original["shop_id"], original["code"], original["body"],
                            original.get("callback_url"))
        edited = self.store.edit(MESSAGES, copy["message_id"])
        assert edited is not None
        edited["resent_from"] = message_id
        if original.get("test_data"):
            edited["test_data"] = True
        return edited

    # -- lost pushes ----------------------------------------------------------------------------
    def _lost_of(self, partner_id: int) -> list[dict[str, Any]]:
        since = self.emulator.clock.now() - LOST_WINDOW_SECONDS
        found = (d for d in self.store.collection(LOST).values() if d["partner_id"] == partner_id and d["timestamp"] >= since)
        return sorted(found, key=lambda d: d["message_id"])

    def lost_page(self, partner_id: int) -> dict[str, Any]:
        """get_lost_push_message: the earliest 100 lost and unconfirmed messages of the last 3 days."""
        lost = self._lost_of(partner_id)
        page = lost[:LOST_PAGE_SIZE]
        entries = []
        for doc in page:
            entry: dict[str, Any] = {} if doc["shop_id"] is None or doc["code"] in codes.PARTNER_LEVEL else {"shop_id": doc["shop_id"]}
            entries.append({**entry, "code": doc["code"], "timestamp": doc["timestamp"], "data": doc["data"]})
        return {
            "push_message_list": entries,
            "has_next_page": len(lost) > LOST_PAGE_SIZE,
            "last_message_id": page[-1]["message_id"] if page else 0,
        }

    def confirm_consumed(self, partner_id: int, last_message_id: int) -> None:
        """Confirm every lost message up to and including ``last_message_id``."""
        doc = self.store.get(LOST, last_message_id) or self.store.get(MESSAGES, last_message_id)
        if doc is None or doc["partner_id"] != partner_id or doc.get("state", LOST_STATE) != LOST_STATE:
            raise DataError(DATA_NOT_EXIST)
        for lost in [d for d in self.store.collection(LOST).values() if d["partner_id"] == partner_id]:
            if lost["message_id"] <= last_message_id:
                self.store.delete(LOST, lost["message_id"])
                message = self.store.edit(MESSAGES, lost["message_id"])
                if message is not None:
                    message["consumed"] = True

    # -- the outbox as the control plane shows it ------------------------------------------------
    def messages(
        self, limit: int, code: int | None = None, shop_id: int | None = None, state: str | None = None, before: int | None = None
    ) -> list[dict[str, Any]]:
        """Newest first; ``before`` (a message_id) pages on from the last message of a page."""
        found = []
        for doc in reversed(self.store.collection(MESSAGES).values()):
            if before is not None and doc["message_id"] >= before:
                continue
            if (code is None or doc["code"] == code) and (shop_id is None or doc["shop_id"] == shop_id) and (
                state is None or doc["state"] == state
            ):
                found.append(self.view(doc))
                if len(found) >= limit:
                    break
        return found

    @staticmethod
    def view(doc: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in doc.items() if k != "duplicate"}


class TestsBusy(Exception):
    """Too many verification pushes are waiting for a thread."""


def _stream(url: str | None, doc: PushMessage) -> tuple[Any, ...]:
    if doc["shop_id"] is None:
        return (url, None, doc["message_id"])  # a verification push stands alone
    data = json.loads(doc["body"]).get("data")
    order_sn = data.get("ordersn") if isinstance(data, dict) else None
    return (url, doc["shop_id"], order_sn)


def _on_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True
