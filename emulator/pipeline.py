"""The one path every ``/api/v2/...`` call takes.

    resolve -> parse -> authenticate -> limits -> faults -> validate -> handle -> envelope

Each step takes the ``RequestContext`` and either fills it in or raises ``ShopeeError``; the
envelope step renders both outcomes. Handlers never check signatures or build envelopes.
Anything unexpected is logged and answered as the platform's ``error_server``.
"""
from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any, Callable

from pydantic import ValidationError
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from emulator import errors, params, signing
from emulator.context import RequestContext
from emulator.context import base_url as base_url  # where documents and the console read it
from emulator.render import dumps
from emulator.errors import AuthError, NotEmulatedError, NotFoundError, ParamError, ShopeeError, SignError
from emulator.store import JournalError
from emulator.http.responses import file_response
from emulator.results import FileAnswer, Warned
from emulator.domains.auth.callers import Caller
from emulator.registry import MERCHANT, PARTNER_OR_SHOP, PUBLIC, SHOP, SHOP_OR_MERCHANT

if TYPE_CHECKING:
    from emulator.world import Emulator

log = logging.getLogger(__name__)
# ``serve --access-log`` switches this on: one line per API call
access_log = logging.getLogger("emulator.access")

MAX_BODY_BYTES = 10 * 1024 * 1024
# set in scope["state"] by the server's body deadline (emulator.slow_clients) when it gave up
BODY_TIMED_OUT = "emulator.body_timed_out"


def resolve(ctx: RequestContext) -> None:
    op = ctx.emulator.registry.by_path.get(ctx.path.rstrip("/") or ctx.path)
    if op is None:
        raise NotFoundError(errors.UNKNOWN_PATH, error="error_param")
    if not op.accepts(ctx.method):
        raise ParamError(
            errors.WRONG_PARAMETERS.format(msg=f"{ctx.path} takes HTTP {op.method}, not {ctx.method}"),
            http_status=405,
        )
    ctx.op = op
    if op.handler is None:
        # answered before authentication: the signature of an API with no implementation (user
        # and principal APIs among them) proves nothing a client could act on
        raise NotEmulatedError(errors.NOT_EMULATED.format(api=op.name))


def _int_param(ctx: RequestContext, name: str, missing: str, spelled: str | None = None) -> int:
    """A common parameter as the gateway reads it: a whole number of 32 bits (a millisecond
    timestamp, the usual client slip, is past it), else the table's message naming it."""
    raw = ctx.common(name)
    if raw is None or raw == "":
        raise ParamError(missing)
    value = _plain_int(raw)
    if value is None or value > errors.UINT32_MAX:
        raise ParamError(errors.NOT_UINT32.format(name=spelled or name))
    return value


def _plain_int(raw: str) -> int | None:
    # plain ASCII digits only: int() would also take " 7", "1_0" and other scripts' digits
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 20:
        return None
    return int(raw)


def authenticate(ctx: RequestContext) -> None:
    assert ctx.op is not None
    if ctx.op.auth in _SHOP_CALLERS and _known_caller(ctx):
        return
    partner_id = _int_param(ctx, "partner_id", errors.NO_PARTNER_ID, "Partner_id")
    timestamp = _int_param(ctx, "timestamp", errors.NO_TIMESTAMP, "Timestamp")
    given_sign = ctx.common("sign")
    if not given_sign:
        raise ParamError(errors.NO_SIGN)
    partner = ctx.emulator.auth.partner(partner_id)
    if partner is None:
        raise ParamError(errors.INVALID_PARTNER_ID)
    ctx.partner = partner
    if not ctx.emulator.timestamp_acceptable(timestamp):
        # older than the window of either clock: expired; ahead of them: not a time to sign with
        raise ParamError(errors.EXPIRED_TIMESTAMP if ctx.emulator.timestamp_expired(timestamp) else errors.INVALID_TIMESTAMP)
    if ctx.op.auth == PUBLIC or (ctx.op.auth == PARTNER_OR_SHOP and not ctx.common("access_token")):
        base = signing.base_string(partner_id, ctx.op.path, timestamp)
        if not ctx.emulator.auth.callers.signed(partner["partner_key"], base, given_sign):
            raise _wrong_sign(ctx, base)
        return
    _authenticate_caller(ctx, partner, timestamp, given_sign)


def _authenticate_caller(ctx: RequestContext, partner: dict[str, Any], timestamp: int, given_sign: str) -> None:
    assert ctx.op is not None
    token = ctx.common("access_token")
    if not token:
        raise ParamError(errors.NO_ACCESS_TOKEN)
    identity_name = _identity_name(ctx)
    identity = _int_param(ctx, identity_name, f"There is no {identity_name} in query.")
    base = signing.base_string(partner["partner_id"], ctx.op.path, timestamp, token, identity)
    callers = ctx.emulator.auth.callers
    if not callers.signed(partner["partner_key"], base, given_sign):
        raise _wrong_sign(ctx, base)
    grant = ctx.emulator.auth.access_grant(token, partner["partner_id"])
    if grant is None:
        if ctx.emulator.auth.token_expired(token, partner["partner_id"]):
            # the platform's own spelling; published clients refresh when they see it
            raise AuthError(errors.EXPIRED_ACCESS_TOKEN, error=errors.EXPIRED_ACCESS_TOKEN_ERROR)
        raise AuthError(errors.INVALID_ACCESS_TOKEN)
    ctx.access_token = token
    if identity_name == "shop_id":
        shop = ctx.emulator.shops.find(identity)
        if identity not in grant["shop_ids"] or shop is None:
            raise AuthError(errors.INVALID_PARTNER_OR_SHOP)
        if shop.get("expire_time", 0) <= ctx.emulator.clock.now():
            # the seller cancelled the authorization or it expired (shops.authorized, read from the shop
            # already at hand): the token names a shop no longer linked
            raise AuthError(errors.SHOP_NO_LINKED, error=errors.SHOP_NO_LINKED_ERROR)
        ctx.shop_id = identity
        raw_partner, raw_shop = ctx.common("partner_id"), ctx.common("shop_id")
        if raw_partner is not None and raw_shop is not None:
            callers.remember(raw_partner, token, raw_shop, Caller(
                partner, partner["partner_id"], identity, grant["expires_at"], shop.get("expire_time", 0),
            ))
    else:
        if identity not in grant["merchant_ids"]:
            raise AuthError(errors.INVALID_PARTNER_OR_SHOP)
        ctx.merchant_id = identity


# Operations whose callers are shops when they name one: ``_identity_name`` answers shop_id
# for each of these once the call carries a shop_id and an access token.
_SHOP_CALLERS = frozenset({SHOP, SHOP_OR_MERCHANT, PARTNER_OR_SHOP})


def _known_caller(ctx: RequestContext) -> bool:
    """The full path's success, for a caller it has already let in (``Callers``): the same
    timestamp window, clock and signature checks on every call, from the documents' figures it
    kept. False means "take the full path", which then raises whatever is wrong."""
    query = ctx.query
    if not isinstance(query, params.ParsedQuery):
        return False
    # from the query alone: a caller whose common parameters travel in the body takes the full path
    last = query.last
    raw_partner, token, raw_shop = last.get("partner_id"), last.get("access_token"), last.get("shop_id")
    raw_timestamp, given_sign = last.get("timestamp"), last.get("sign")
    if raw_partner is None or not token or raw_shop is None or not raw_timestamp or not given_sign:
        return False
    emulator = ctx.emulator
    callers = emulator.auth.callers
    caller = callers.get(raw_partner, token, raw_shop)
    if caller is None:
        return False
    timestamp = _plain_int(raw_timestamp)
    if timestamp is None:
        return False
    now = emulator.clock.now()
    if caller.token_expires <= now or caller.shop_expires <= now or not emulator.timestamp_acceptable(timestamp):
        return False
    assert ctx.op is not None
    partner = caller.partner
    base = signing.base_string(caller.partner_id, ctx.op.path, timestamp, token, caller.shop_id)
    if not callers.signed(partner["partner_key"], base, given_sign):
        return False
    ctx.partner = partner
    ctx.access_token = token
    ctx.shop_id = caller.shop_id
    return True


def _wrong_sign(ctx: RequestContext, base: str) -> SignError:
    # the calls log shows the base string the sign should cover (never the key): the usual fault
    ctx.extra["expected_base_string"] = base
    return SignError(errors.WRONG_SIGN)


def _identity_name(ctx: RequestContext) -> str:
    assert ctx.op is not None
    if ctx.op.auth == MERCHANT:
        return "merchant_id"
    if ctx.op.auth == SHOP_OR_MERCHANT and ctx.common("shop_id") is None and ctx.common("merchant_id"):
        return "merchant_id"
    return "shop_id"


def apply_limits(ctx: RequestContext) -> None:
    ctx.emulator.limits.apply(ctx)


def apply_faults(ctx: RequestContext) -> None:
    ctx.emulator.faults.apply(ctx)


def validate(ctx: RequestContext) -> None:
    """Only what the operation declares is read: the models ignore everything else, so neither
    its text nor its numbers are checked, and an operation without parameters validates once."""
    op = ctx.op
    assert op is not None
    declared = op.declared_params
    if not declared:
        ctx.params = op.no_params
        return
    query = ctx.query
    if ctx.method in ("GET", "HEAD") and isinstance(query, params.ParsedQuery) and query.undecodable:
        name = query.undecodable_param(declared)
        if name is not None:
            raise errors.wrong_parameters(f"{name} is not UTF-8 text once percent-decoded")
    plan = op.plan
    if plan is not None:
        if ctx.method in ("GET", "HEAD"):
            query = ctx.query
            found = plan.from_query(query.last, query.plain) if isinstance(query, params.ParsedQuery) and query.simple else None
            if found is not None:
                try:
                    ctx.params = plan.build(found)
                    return
                except ValidationError:  # not expected of values the plan read; the general path words it
                    pass
        elif not plan.reads_text or params.plain_body(ctx.body):
            model = plan.from_body(ctx.extra.get("body_params") or {})
            if model is not None:
                ctx.params = model
                return
    plain = False
    if op.form:
        raw = {k: v for k, v in (ctx.form or {}).items() if k in declared}
    elif ctx.method in ("GET", "HEAD"):
        raw = params.from_query(ctx.query, op.list_params, op.joined_params, declared)
        plain = getattr(ctx.query, "plain", False)
    else:
        body = ctx.extra.get("body_params") or {}
        raw = {k: v for k, v in body.items() if k in declared}
        plain = params.plain_body(ctx.body)
    ctx.params = params.validate(op.request_model, raw, plain)


def handle(ctx: RequestContext) -> None:
    assert ctx.op is not None and ctx.op.handler is not None
    emulator = ctx.emulator
    with emulator.transaction():
        ctx.result = ctx.op.handler(ctx, ctx.params)




def render(ctx: RequestContext, error: ShopeeError | None = None) -> Answer:
    """The platform's envelope around a result or an error."""
    if error is not None:
        payload: dict[str, Any] = {"request_id": ctx.request_id, "error": error.error, "message": error.message}
        if error.response is not None:
            payload["response"] = error.response
        return Reply(dumps(payload), error.http_status)
    result = ctx.result
    if isinstance(result, FileAnswer):
        return file_response(result)  # a file download (airway bills) answers the file itself, without the envelope
    payload = {"request_id": ctx.request_id, "error": "", "message": ""}
    if ctx.op is not None and ctx.op.envelope == "flat":
        payload.update(result or {})
    elif result is not None:
        if isinstance(result, Warned):
            payload["warning"] = result.warning
            result = result.response
        payload["response"] = result
    return Reply(dumps(payload))


# Kept for callers of the earlier name: the one renderer is emulator.render.
encode = dumps

_JSON = (b"content-type", b"application/json")
_CLOSE = (b"connection", b"close")


class Reply:
    """An envelope ready to send: its status and JSON bytes, sent as two ASGI messages with the
    headers Starlette's ``Response`` would give (content-length, content-type) and nothing built
    per header."""

    __slots__ = ("status_code", "body", "close")

    def __init__(self, body: bytes, status_code: int = 200, close: bool = False) -> None:
        self.body = body
        self.status_code = status_code
        self.close = close  # answered without reading the rest of the request: end the connection

    def raw_headers(self) -> list[tuple[bytes, bytes]]:
        headers = [(b"content-length", b"%d" % len(self.body)), _JSON]
        if self.close:
            headers.append(_CLOSE)
        return headers

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers()})
        await send({"type": "http.response.body", "body": self.body})

    def response(self) -> Response:
        """The same answer as a Starlette ``Response``, for callers that hold one (the console)."""
        response = Response(self.body, status_code=self.status_code, media_type="application/json")
        if self.close:
            response.headers["connection"] = "close"
        return response


# what the pipeline answers: an envelope, or a Starlette response (a file, a bare 400)
Answer = Reply | Response


def body_not_received(request: Request, answer: Callable[[ShopeeError], Response]) -> Response:
    """A body that ended in a disconnect: the client left (nobody to answer, nothing to log), or
    the server's body deadline gave up on it (answered 408, and the connection closed)."""
    if not _timed_out(request.scope):
        return _left(request.scope)
    response = answer(_late_body())
    response.headers["connection"] = "close"
    return response


def _timed_out(scope: Any) -> bool:
    return bool(scope.get("state", {}).get(BODY_TIMED_OUT))


def _left(scope: Any) -> Response:
    log.debug("client disconnected before sending the whole body of %s", scope.get("path"))
    return Response(status_code=400)


def _late_body() -> ParamError:
    return ParamError(errors.WRONG_PARAMETERS.format(msg="the request body did not arrive in time"), http_status=408)


def _too_large(limit: int) -> ParamError:
    return ParamError(errors.WRONG_PARAMETERS.format(msg=f"request body is larger than {limit} bytes"), http_status=413)


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The whole body, refusing before it is read when it is declared or turns out larger than
    ``limit``; so memory per request stays bounded even for chunked uploads."""
    headers = request.headers
    declared = headers.get("content-length")
    if declared is None and "transfer-encoding" not in headers and request.method in ("GET", "HEAD"):
        return b""  # no body to wait for: the common case of a signed GET
    if declared and declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    body = b"".join(chunks)
    request._body = body  # Starlette's form parser reads this instead of the spent stream
    return body


async def _read(ctx: RequestContext, scope: Any, receive: Any) -> None:
    declared, chunked, content_type = _body_headers(scope["headers"])
    if declared is None and not chunked and ctx.method in ("GET", "HEAD"):
        return  # no body to wait for, the common signed GET: no header object built either
    ctx.body = await _receive_body(receive, declared)
    if content_type.startswith(b"multipart/form-data"):
        request = Request(scope, receive)
        request._body = ctx.body  # Starlette's form parser reads this instead of the spent stream
        ctx.form = await _read_form(request)


async def _receive_body(receive: Any, declared: bytes | None, limit: int = MAX_BODY_BYTES) -> bytes:
    """``read_body`` straight from the ASGI ``receive``: the same limits, the same
    ``ClientDisconnect``, without a Request object around it."""
    if declared and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks = []
    size = 0
    while True:
        message = await receive()
        kind = message["type"]
        if kind == "http.request":
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise _too_large(limit)
            chunks.append(chunk)
            if not message.get("more_body", False):
                return chunks[0] if len(chunks) == 1 else b"".join(chunks)
        elif kind == "http.disconnect":
            raise ClientDisconnect()


def _body_headers(headers: list[tuple[bytes, bytes]]) -> tuple[bytes | None, bool, bytes]:
    """Content-Length, whether Transfer-Encoding is present, and Content-Type, from the raw
    header list in one pass (ASGI servers send names in lower case)."""
    declared: bytes | None = None
    chunked = False
    content_type = b""
    for key, value in headers:
        if key == b"content-length":
            declared = value
        elif key == b"transfer-encoding":
            chunked = True
        elif key == b"content-type":
            content_type = value
    return declared, chunked, content_type


def parse(ctx: RequestContext) -> None:
    """POST bodies are JSON objects; common parameters may also travel in them."""
    assert ctx.op is not None
    if ctx.method == "POST" and not ctx.op.form:
        ctx.extra["body_params"] = params.from_json_body(ctx.body)


async def _read_form(request: Request) -> dict[str, Any]:
    try:
        form = await request.form(max_files=16, max_fields=64, max_part_size=MAX_BODY_BYTES)
    except (MultiPartException, HTTPException) as exc:  # the parser's limits and syntax errors, which say what broke
        said = exc.message if isinstance(exc, MultiPartException) else exc.detail
        raise ParamError(errors.WRONG_PARAMETERS.format(msg=f"malformed multipart form: {str(said).rstrip('.')}")) from None
    except Exception:  # anything else the parser raises: answer as a bad request, not a 500
        raise ParamError(errors.WRONG_PARAMETERS.format(msg="malformed multipart form")) from None
    fields: dict[str, Any] = {}
    try:
        for key, value in form.multi_items():
            if isinstance(value, UploadFile):
                fields.setdefault(key, []).append(
                    {"filename": value.filename, "content_type": value.content_type, "data": await value.read()}
                )
            else:
                fields.setdefault(key, []).append(value)
    finally:
        await form.close()  # uploaded files spool to temporary files that must not leak
    return {k: (v if len(v) > 1 or k.endswith("_list") or k == "image" else v[0]) for k, v in fields.items()}


STEPS: tuple[Callable[[RequestContext], None], ...] = (
    resolve, parse, authenticate, apply_limits, apply_faults, validate, handle,
)


def context(emulator: Emulator, scope: Any) -> RequestContext:
    """A call's context from its ASGI scope, before anything is read or checked."""
    return RequestContext(
        emulator=emulator,
        path=scope["path"],
        method=scope["method"],
        query=params.parse_query(scope["query_string"]),
        body=b"",
        request_id=emulator.new_request_id(),
        scope=scope,  # the base URL and the client's address are read from it when asked for
    )


async def serve(emulator: Emulator, scope: Any, receive: Any, send: Any) -> None:
    """An ``/api/v2/...`` call as a plain ASGI exchange: no Request object, no routing."""
    answer = await run(emulator, scope, receive)
    await answer(scope, receive, send)


async def endpoint(request: Request) -> Response:
    """The same call as a Starlette endpoint (the console's API tool calls it in-process)."""
    answer = await run(request.app.state.emulator, request.scope, request.receive)
    return answer.response() if isinstance(answer, Reply) else answer


async def run(emulator: Emulator, scope: Any, receive: Any) -> Answer:
    """Every step of one call, its answer recorded in the calls log and the access log."""
    ctx = context(emulator, scope)
    started = time.perf_counter()  # the wall time the call took, for the access log only
    error = ""
    answer: Answer
    try:
        await _read(ctx, scope, receive)
        for step in STEPS:
            step(ctx)
        answer = render(ctx)
    except ShopeeError as exc:
        error = exc.error
        answer = render(ctx, exc)
    except ClientDisconnect:  # the client left, or the server's body deadline gave up on it
        if not _timed_out(scope):
            return _left(scope)  # nobody to answer, nothing to log
        late = render(ctx, _late_body())
        if isinstance(late, Reply):
            late.close = True  # the rest of the body may still be on its way
        return late
    except JournalError as exc:  # nothing was changed: the write was undone before anyone saw it
        log.error("%s refused: %s", ctx.path, exc)
        answer = render(ctx, ShopeeError(errors.SERVER_ERROR, error="error_server", http_status=500))
    except Exception:
        log.exception("unexpected failure in %s", ctx.path)
        error = "error_server"
        answer = render(ctx, ShopeeError(errors.SERVER_ERROR, error="error_server", http_status=500))
    emulator.record_call(ctx, answer)
    if access_log.isEnabledFor(logging.INFO):
        _log_access(ctx, answer.status_code, error, started)
    return answer


def _log_access(ctx: RequestContext, status: int, error: str, started: float) -> None:
    """``GET v2.shop.get_shop_info shop=600001 200 ok 1.2 ms`` (or the error code instead of ok)."""
    api = ctx.op.name if ctx.op is not None else ctx.path
    shop = f"shop={ctx.shop_id}" if ctx.shop_id is not None else "shop=-"
    millis = (time.perf_counter() - started) * 1000
    access_log.info("%s %s %s %d %s %.1f ms", ctx.method, api, shop, status, error or "ok", millis)
