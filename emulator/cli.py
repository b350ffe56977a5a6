"""``instant-mart-emulator``: serve a world, or script a running one through its control plane."""
from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import signal
import sys
import threading
from typing import TYPE_CHECKING, Any, Sequence
from urllib.parse import urlencode

from emulator import __version__
from emulator.durations import duration_seconds

# Each command imports what it needs when it runs: ``--help``, ``--version`` and a typo then answer
# at once instead of after loading the whole emulator (about a second of imports).
if TYPE_CHECKING:
    from emulator.world import Emulator

DEFAULT_URL = "http://127.0.0.1:8080"
URL_ENV = "INSTANT_MART_URL"
ACCESS_LOG = "emulator.access"


def keys_note(emulator: "Emulator", chosen_key: bool = False) -> str:
    """What the banner says about where the partner key and tokens came from."""
    from emulator.world import RANDOM_KEYS

    kept = f", kept in {emulator.store.path}" if emulator.store.path else ""
    if chosen_key:
        tokens = "tokens random" if emulator.keys == RANDOM_KEYS else "tokens from the seed"
        return f"(from --partner-key; {tokens}{kept})"
    if emulator.keys == RANDOM_KEYS:
        return f"(random for this world{kept}; tokens random too)"
    return "(from the seed: the same on every install with this world and seed; --random-keys for fresh ones)"


def banner(emulator: "Emulator", base_url: str, keys: str = "") -> str:
    from emulator import signing
    from emulator.http.auth_pages import AUTH_PATH

    partner = emulator.auth.default_partner()
    lines = [
        f"Instant Mart Emulator · world {emulator.world['name']} ({emulator.world['region']}) · seed {emulator.seed}",
        f"  base URL     {base_url}",
        f"  partner_id   {partner['partner_id']}",
        f"  partner_key  {partner['partner_key']}  {keys or keys_note(emulator)}",
    ]
    with emulator.transaction():
        for mart in emulator.shops.marts():
            token = emulator.auth.ready_tokens(mart["shop_id"])["access_token"]
            lines.append(f"  Mart   {mart['shop_id']}  access_token {token}  {mart['shop_name']}")
            for outlet in emulator.shops.outlets_of(mart["shop_id"]):
                token = emulator.auth.ready_tokens(outlet["shop_id"])["access_token"]
                lines.append(f"  Outlet {outlet['shop_id']}  access_token {token}  {outlet['shop_name']}")
    timestamp = emulator.clock.now()
    sign = signing.sign(partner["partner_key"], signing.base_string(partner["partner_id"], AUTH_PATH, timestamp))
    query = urlencode({"partner_id": partner["partner_id"], "timestamp": timestamp, "sign": sign, "redirect": f"{base_url}/_emulator/auth_done"})
    lines += [
        f"  authorize    {base_url}{AUTH_PATH}?{query}",
        "                (valid 5 minutes; GET /_emulator/auth_link makes a fresh one)",
        f"  console auth {base_url}/auth?"
        + urlencode({"auth_type": "seller", "partner_id": partner["partner_id"],
                     "redirect_uri": f"{base_url}/_emulator/auth_done", "response_type": "code"}),
        f"  console      {base_url}/console",
        f"  credentials  curl {base_url}/_emulator/credentials",
        f"  health       {base_url}/_emulator/health",
        f"  Postman      {base_url}/_emulator/postman.json",
        f"  API spec     {base_url}/openapi.json  (control plane: {base_url}/_emulator/openapi.json)",
    ]
    return "\n".join(lines)


def _ticker(emulator: "Emulator", stop: threading.Event) -> None:
    """Runs work that falls due on the real-time clock even when no request arrives."""
    while not stop.wait(1.0):
        try:
            with emulator.transaction():
                pass
        except Exception:  # a failing job must not stop the clock; it is logged where it failed
            logging.getLogger(__name__).exception("scheduled work failed")


def _exit_cleanly(signum: int, frame: Any) -> None:
    raise SystemExit(0)


def _access_log() -> None:
    """One line per API call on stdout: the pipeline logs each to ``emulator.access``."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger(ACCESS_LOG)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def _partner_key(text: str) -> str:
    if not text or not text.isascii() or not text.isprintable() or " " in text:
        raise argparse.ArgumentTypeError("a partner key is printable ASCII without spaces")
    return text


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from emulator.app import create_app
    from emulator.clock import REALTIME
    from emulator.server import uvicorn_config
    from emulator.world import Emulator
    from emulator.snapshots import SnapshotError
    from emulator.worlds import WorldError

    from emulator.edge import is_loopback
    from emulator.world import RANDOM_KEYS, SEEDED_KEYS

    loopback = is_loopback(args.host)
    if not loopback and not args.control_token:
        print("refusing to bind beyond loopback without --control-token (the control plane can reset the world)", file=sys.stderr)
        return 2
    # beyond loopback anyone who has run the emulator could compute the seed's keys
    keys = RANDOM_KEYS if args.random_keys or not loopback else SEEDED_KEYS
    try:
        emulator = Emulator(args.world, seed=args.seed, clock_mode=REALTIME, data=args.data, fsync=args.fsync, keys=keys)
        if args.media_budget is not None:
            emulator.products.media.budget = args.media_budget * 2**20
        if args.partner_key:
            with emulator.transaction():
                emulator.auth.set_partner_key(emulator.auth.default_partner()["partner_id"], args.partner_key)
    except (WorldError, SnapshotError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a full disk or a read-only data directory: one line, not a traceback
        print(f"error: cannot use the data file {args.data}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    base_url = f"http://{args.host}:{args.port}"
    print(banner(emulator, base_url, keys_note(emulator, bool(args.partner_key))), flush=True)
    if args.access_log:
        _access_log()
    stop = threading.Event()
    ticker = threading.Thread(target=_ticker, args=(emulator, stop), daemon=True)
    ticker.start()
    # uvicorn shuts down gracefully on SIGTERM and SIGINT, then raises the signal again; the default
    # actions would kill the process before the data file is compacted below (SIGTERM) or print a
    # KeyboardInterrupt traceback at the user's Ctrl-C (SIGINT).
    signal.signal(signal.SIGTERM, _exit_cleanly)
    signal.signal(signal.SIGINT, _exit_cleanly)
    try:
        app = create_app(emulator, args.control_token, args.allow_path or ())
        # The world as loaded, the catalogue and the modules live as long as the server: moved
        # out of the collector's sight, the collections that writes set off scan only new objects.
        gc.freeze()
        uvicorn.Server(uvicorn_config(app, args.host, args.port, args.allowed_host)).run()
    finally:
        stop.set()
        emulator.close()
    return 0


def _control(args: argparse.Namespace, method: str, path: str, body: Any = None) -> Any:
    import httpx

    headers = {"X-Emulator-Token": args.control_token} if args.control_token else {}
    try:
        response = httpx.request(method, args.url.rstrip("/") + path, json=body, headers=headers, timeout=60)
    except httpx.HTTPError as exc:
        raise SystemExit(f"cannot reach the emulator at {args.url}: {exc}") from None
    payload = response.json()
    if response.status_code >= 400:
        raise SystemExit(f"{payload.get('error')}: {payload.get('message')}")
    return payload


def snapshot(args: argparse.Namespace) -> int:
    if args.action == "export":
        from emulator import render

        text = render.text(_control(args, "GET", "/_emulator/snapshot"))
        if args.file in (None, "-"):
            print(text)
        else:
            with open(args.file, "w", encoding="utf-8") as fh:
                fh.write(text)
        return 0
    source = sys.stdin if args.file in (None, "-") else open(args.file, encoding="utf-8")  # noqa: SIM115 - closed by the with below, as stdin is
    with source:
        state = json.load(source)
    print(json.dumps(_control(args, "POST", "/_emulator/snapshot", state), indent=2))
    return 0


def control_call(args: argparse.Namespace) -> int:
    """Generic access to any control endpoint: ``control POST /clock/advance '{"seconds": 60}'``."""
    body = json.loads(args.body) if args.body else None
    path = args.path if args.path.startswith("/_emulator") else "/_emulator" + ("" if args.path.startswith("/") else "/") + args.path
    print(json.dumps(_control(args, args.method.upper(), path, body), indent=2))
    return 0


def clock(args: argparse.Namespace) -> int:
    if args.advance is not None:
        result = _control(args, "POST", "/_emulator/clock/advance", {"seconds": args.advance})
    else:
        result = _control(args, "GET", "/_emulator/clock")
    print(json.dumps(result, indent=2))
    return 0


def _duration(text: str) -> float:
    try:
        return duration_seconds(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _item_spec(text: str) -> dict[str, int]:
    """``ITEM_ID[:MODEL_ID[:QUANTITY]]``, as ``orders create --item`` takes it."""
    parts = text.split(":")
    if not 1 <= len(parts) <= 3 or not all(p.isascii() and p.isdigit() for p in parts):
        raise argparse.ArgumentTypeError(f"{text!r} is not ITEM_ID[:MODEL_ID[:QUANTITY]]")
    values = [int(p) for p in parts] + [0, 1][len(parts) - 1 :]
    return {"item_id": values[0], "model_id": values[1], "quantity": values[2]}


def orders(args: argparse.Namespace) -> int:
    """The console's Test Order page: create an order, drive it as buyer or courier, show it."""
    if args.action == "create":
        body: dict[str, Any] = {"shop_id": args.shop_id, "items": args.item, "cod": args.cod, "paid": args.paid}
        if args.self_collection:
            body["self_collection"] = True
        if args.collection_pin is not None:
            body["collection_pin"] = args.collection_pin
        if args.channel is not None:
            body["logistics_channel_id"] = args.channel
        result = _control(args, "POST", "/_emulator/orders", body)
    elif args.action == "act":
        options: dict[str, Any] = {}
        if args.reason is not None:
            options["reason"] = args.reason
        if args.final:
            options["final"] = True
        result = _control(args, "POST", f"/_emulator/orders/{args.order_sn}/{args.order_action}", options)
    else:
        result = _control(args, "GET", f"/_emulator/orders/{args.order_sn}")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


def _orders_parser(commands: Any, remote: Any) -> None:
    cmd = commands.add_parser("orders", help="create test orders and move them as a buyer or courier would")
    actions = cmd.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="place a test order on an Outlet")
    create.add_argument("--shop-id", type=int, required=True)
    create.add_argument("--item", type=_item_spec, action="append", required=True, metavar="ITEM_ID[:MODEL_ID[:QTY]]")
    create.add_argument("--cod", action="store_true", help="cash on delivery (starts READY_TO_SHIP)")
    create.add_argument("--paid", action="store_true", help="pay at once instead of starting UNPAID")
    create.add_argument("--self-collection", action="store_true",
                        help="the buyer collects it at the Outlet (update_self_collection_order_logistics)")
    create.add_argument("--collection-pin", metavar="DIGITS", help="the PIN order_collected must then give")
    create.add_argument("--channel", type=int, default=None, help="an enabled Instant logistics_channel_id")
    act = actions.add_parser("act", help="pay, ship, pickup, fail_pickup, deliver, fail_delivery, lose, confirm_receipt, buyer_cancel")
    act.add_argument("order_sn")
    act.add_argument("order_action", metavar="ACTION")
    act.add_argument("--reason", default=None, help="buyer_cancel: the buyer's reason")
    act.add_argument("--final", action="store_true", help="fail_pickup: cancel instead of asking for a retry")
    show = actions.add_parser("show", help="the order as the emulator holds it")
    show.add_argument("order_sn")
    for sub in (create, act, show):
        remote(sub)
    cmd.set_defaults(func=orders)


def _scenario_parser(commands: Any, remote: Any) -> None:
    sub = commands.add_parser("scenario", help="run or check scenario files, or load one into a running emulator")
    sub.add_argument("action", choices=["run", "check", "load"])
    sub.add_argument("files", nargs="+", metavar="FILE")
    sub.add_argument("-v", "--verbose", action="store_true", help="show what each step answered")
    sub.add_argument("--steps", action="store_true", help="load: also run the scenario's steps on the server")
    sub.add_argument("--debug", action="store_true", help="run/check: show the traceback when the emulator itself fails")
    remote(sub)
    sub.set_defaults(func=scenario)


def scenario(args: argparse.Namespace) -> int:
    from emulator.scenarios import cli as scenario_cli

    if args.action == "check":
        return scenario_cli.check(args.files, sys.stdout, args.debug)
    if args.action == "run":
        return scenario_cli.run(args.files, sys.stdout, args.verbose, args.debug)
    if len(args.files) != 1:
        print("error: scenario load takes one FILE", file=sys.stderr)
        return 2
    return scenario_cli.load(args, _control, sys.stdout)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="instant-mart-emulator", description=__doc__)
    root.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = root.add_subparsers(dest="command", required=True)

    run = commands.add_parser("serve", help="serve a world over HTTP")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8080)
    run.add_argument("--world", default="id", help="a world shipped with the package (id, th), or a YAML file")
    run.add_argument("--seed", type=int, default=None)
    run.add_argument("--data", default=None, help="keep state in this file across restarts")
    run.add_argument("--fsync", action="store_true", help="fsync every write (survives power loss, slower)")
    run.add_argument("--control-token", default=None, help="required for /_emulator/* when bound beyond loopback")
    run.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                     help="a further Host name to answer to (repeatable; '*' for any); loopback names and --host always are")
    run.add_argument("--random-keys", action="store_true",
                     help="random partner key and tokens (the default beyond loopback), kept in --data")
    run.add_argument("--partner-key", type=_partner_key, default=None, help="use this partner key")
    run.add_argument("--media-budget", type=int, default=None, metavar="MB",
                     help="total size of uploaded images a world keeps (default 100, or the world file's media_budget_mb)")
    run.add_argument("--allow-path", action="append", metavar="DIR",
                     help="a directory beyond the working one whose scenario files POST /_emulator/scenario may read (repeatable)")
    run.add_argument("--access-log", action="store_true", help="print one line per API call (method, API, shop, error, ms)")
    run.set_defaults(func=serve)

    def remote(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--url", default=os.environ.get(URL_ENV) or DEFAULT_URL,
                         help=f"the running emulator (default: ${URL_ENV}, else {DEFAULT_URL})")
        sub.add_argument("--control-token", default=None)

    snap = commands.add_parser("snapshot", help="export or import a running emulator's whole state")
    snap.add_argument("action", choices=["export", "import"])
    snap.add_argument("file", nargs="?", default=None)
    remote(snap)
    snap.set_defaults(func=snapshot)

    clk = commands.add_parser("clock", help="show or advance a running emulator's clock")
    clk.add_argument("--advance", type=_duration, default=None, metavar="DURATION", help="seconds, or e.g. 30m, 1h, 2d, 1d 6h")
    remote(clk)
    clk.set_defaults(func=clock)

    ctl = commands.add_parser("control", help="call any /_emulator endpoint of a running emulator")
    ctl.add_argument("method", choices=["GET", "POST", "DELETE", "get", "post", "delete"])
    ctl.add_argument("path")
    ctl.add_argument("body", nargs="?", default=None)
    remote(ctl)
    ctl.set_defaults(func=control_call)
    _orders_parser(commands, remote)
    _scenario_parser(commands, remote)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
