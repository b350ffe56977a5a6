"""``python -m bench``: every figure of docs/performance.md, measured in one run.

    python -m bench                      full run (several minutes), prints the table
    python -m bench --markdown FILE      also rewrites the results block of FILE
    python -m bench --quick              a smoke run: a few hundred requests, tiny sizes
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Sequence
from typing import Any

import httpx

from bench import load as loadmod
from bench import startup, stubbing
from bench.steps import STEP_NAMES, step_costs
from bench.cases import CASES, Env, NotAvailable
from bench.inproc import asgi_direct, fresh_world, in_process_env, time_calls
from bench.servers import emulator_server, floor_server
from emulator.world import Emulator

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
PUSH_GOAL_S = 2.0  # 1,000 pushes to a local receiver
FAST_JUMP_S = 2.0  # a 30-day jump over 100k orders' own jobs (issue 12): a CI suite barely waits for it
PLUGIN_GOAL_S = 0.1  # what installing the package may add to a pytest run that never uses it
HELP_GOAL_S = 0.3  # instant-mart-emulator --help, start to exit
STUB_GOAL = 1.5  # the fixtures' signed call against a respx-mocked httpx call
FIRST_WORLD_GOAL_MS = 200  # the first Emulator() of a fresh process


@dataclass
class Row:
    section: str
    case: str
    rps: float | None = None
    p50: float | None = None
    p99: float | None = None
    ratio: float | None = None
    other: str = ""


@dataclass
class Goal:
    text: str
    status: str  # "met", "NOT met", "n/a"
    detail: str = ""


@dataclass
class Report:
    header: list[str]
    rows: list[Row] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    steps: list[tuple[str, dict[str, float]]] = field(default_factory=list)  # per-step µs per case


@dataclass(frozen=True)
class Sizes:
    rounds: int
    seconds: float
    connections: int
    max_requests: int | None
    inproc_calls: int
    fresh_runs: int
    scheduler_jobs: int
    write_sizes: tuple[int, int]
    write_calls: int
    order_sizes: tuple[int, ...]
    order_calls: int
    startup_rounds: int
    stub_calls: int = 2000
    pushes: int = 1000
    hang_orders: int = 100
    restart_mb: int = 1024


FULL = Sizes(3, 3, 8, None, 500, 50, 100_000, (1_000, 10_000), 300, (1_000, 10_000, 100_000), 50, 9)
QUICK = Sizes(1, 1, 4, 200, 30, 5, 2_000, (100, 1_000), 20, (100, 300), 5, 1, stub_calls=100, pushes=100, hang_orders=10, restart_mb=20)


def _fmt(value: float | None, digits: int = 2) -> str:
    if value is None:
        return ""
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


# -- sections ----------------------------------------------------------------------------------
def http_section(report: Report, settings: loadmod.LoadSettings, rounds: int) -> None:
    """Each case runs ``rounds`` times, each right after two runs of the floor, and reports medians:
    the ratio of each run to the floor runs just before it cancels most of the drift of a shared
    machine. The first floor run is ``GET /``; the second sends the floor the case's own request
    (method, query, body), so ``× floor`` leaves out what uvicorn costs any app for a longer URL or
    a body, and ``× GET /`` keeps it in."""
    with floor_server() as floor, emulator_server() as server, httpx.Client(base_url=server.url, timeout=60) as http:
        env = Env(http)
        prepared: dict[str, loadmod.Load | str] = {}
        for case in CASES:
            try:
                prepared[case.label] = case.load(env)
            except NotAvailable as exc:
                prepared[case.label] = str(exc)
            except Exception as exc:  # an API answering in an unexpected shape: report, go on
                prepared[case.label] = f"failed: {type(exc).__name__}: {exc}"[:200]
        floor_load = loadmod.Load("GET", "/", {})
        floor_runs: list[loadmod.LoadResult] = []
        runs: dict[str, list[tuple[loadmod.LoadResult, float]]] = {label: [] for label, p in prepared.items() if not isinstance(p, str)}
        bare: dict[str, list[float]] = {label: [] for label in runs}
        cpu: dict[str, list[float]] = {FLOOR_LABEL: []}
        same_cpu: dict[str, list[float]] = {label: [] for label in runs}
        for _ in range(rounds):
            for label in list(runs):
                load: loadmod.Load = prepared[label]  # type: ignore[assignment]
                before = _cpu_run(floor, floor_load, settings, cpu[FLOOR_LABEL])
                floor_runs.append(before)
                same = _cpu_run(floor, load, settings, same_cpu[label])
                try:
                    result = _cpu_run(server, load, settings, cpu.setdefault(label, []))
                except RuntimeError as exc:  # a load run that broke: report it, measure the rest
                    prepared[label] = f"failed: {exc}"[:200]
                    del runs[label]
                    continue
                runs[label].append((result, result.rps / same.rps if same.rps else 0.0))
                bare[label].append(result.rps / before.rps if before.rps else 0.0)
        if not floor_runs:
            floor_runs.append(loadmod.run(floor.url, floor_load, settings))
        rss = server.rss_mb()
    report.rows.append(_median_row(FLOOR_LABEL, [(r, 1.0) for r in floor_runs], cpu[FLOOR_LABEL]))
    for case in CASES:
        found = prepared[case.label]
        if isinstance(found, str):
            report.rows.append(Row("HTTP", case.label, other=found))
        else:
            row = _median_row(case.label, runs[case.label], cpu.get(case.label, []))
            row.other += f"; × GET / {statistics.median(bare[case.label]):.2f}"
            if same_cpu[case.label]:
                row.other += f"; floor on this request {statistics.median(same_cpu[case.label]):,.0f} µs"
            report.rows.append(row)
    report.rows.append(Row("HTTP", "serve process RSS after the run", other=f"{_fmt(rss)} MB" if rss else "n/a"))
    for case in CASES:
        if case.floor_goal is None:
            continue
        row = next(r for r in report.rows if r.section == "HTTP" and r.case == case.label)
        text = f"{'light signed call ' if case.light else ''}{case.label} ≥ {case.floor_goal:g}× floor req/s"
        if row.ratio is None:
            report.goals.append(Goal(text, "n/a", row.other))
        else:
            against_bare = statistics.median(bare[case.label])
            report.goals.append(Goal(text, "met" if row.ratio >= case.floor_goal else "NOT met",
                                     f"{row.ratio:.2f}× ({against_bare:.2f}× GET /)"))


FLOOR_LABEL = "floor: constant JSON (Starlette, same uvicorn_config)"


def _cpu_run(server: Any, load: loadmod.Load, settings: loadmod.LoadSettings, cpu: list[float]) -> loadmod.LoadResult:
    """One load run, noting the server's CPU µs per request: steadier than requests/s on a
    machine others are using, since waiting for a core costs no CPU."""
    started = server.cpu_s()
    result = loadmod.run(server.url, load, settings)
    ended = server.cpu_s()
    if started is not None and ended is not None and result.requests:
        cpu.append((ended - started) * 1e6 / result.requests)
    return result


def _median_row(label: str, runs: list[tuple[loadmod.LoadResult, float]], cpu: Sequence[float] = ()) -> Row:
    results = [r for r, _ in runs]
    bad = sum(r.bad for r in results)
    note = f"median of {len(runs)} runs" + (f"; {bad} non-2xx/errors" if bad else "")
    if cpu:
        note += f"; server CPU {statistics.median(cpu):,.0f} µs/request"
    return Row(
        "HTTP", label,
        statistics.median(r.rps for r in results), statistics.median(r.p50_ms for r in results),
        statistics.median(r.p99_ms for r in results), statistics.median(q for _, q in runs), note,
    )


def _bad(result: loadmod.LoadResult) -> str:
    return f"{result.bad} non-2xx/errors" if result.bad else ""


def inproc_section(report: Report, sizes: Sizes) -> None:
    """Calls through the in-process client and the ASGI app alone, the per-step pipeline costs
    of each API case (``bench.steps``), the stubbing comparison and fresh processes."""
    for case in CASES:
        try:
            emulator = Emulator()
            with in_process_env(emulator) as env:
                prepared = case.load(env)
                p50, p99, per_s = time_calls(env, prepared, sizes.inproc_calls)
            app_p50, app_p99 = asgi_direct(emulator, prepared, sizes.inproc_calls)
            if prepared.path.startswith("/api/"):  # the control plane takes no pipeline
                report.steps.append((case.label, step_costs(emulator, prepared, sizes.inproc_calls)))
        except NotAvailable as exc:
            report.rows.append(Row("in-process", case.label, other=str(exc)))
            continue
        except Exception as exc:  # an API answering in an unexpected shape: report, go on
            report.rows.append(Row("in-process", case.label, other=f"failed: {type(exc).__name__}: {exc}"[:200]))
            continue
        report.rows.append(Row("in-process", case.label, per_s, p50, p99, other=f"httpx client, {sizes.inproc_calls} sequential calls"))
        report.rows.append(Row("in-process", f"{case.label}, ASGI app alone", p50=app_p50, p99=app_p99, other="the emulator's own cost, no client"))
    first, median = fresh_world(sizes.fresh_runs)
    report.rows.append(Row("in-process", "fresh default world Emulator()", other=f"median {median:.2f} ms of {sizes.fresh_runs} (first in process {first:.0f} ms)"))
    report.goals.append(Goal("fresh default world < 20 ms", "met" if median < 20 else "NOT met", f"{median:.2f} ms"))
    _stub_rows(report, sizes)
    _first_world_rows(report, sizes)


def _stub_rows(report: Report, sizes: Sizes) -> None:
    goal = f"in-process signed {stubbing.API} ≤ {STUB_GOAL:g}× a respx-mocked httpx call"
    try:
        found = stubbing.compare(sizes.stub_calls)
    except ImportError:
        report.rows.append(Row("in-process", "respx-mocked httpx call", other="n/a: respx is not installed (the test extras have it)"))
        report.goals.append(Goal(goal, "n/a", "respx is not installed"))
        return
    report.rows.append(Row("in-process", f"{stubbing.API} through the fixtures' signing client", p50=found["ours_us"] / 1000,
                           other=f"shopee_client.call: sign, in-process transport, app, JSON; {sizes.stub_calls} calls in blocks alternating with the next row"))
    report.rows.append(Row("in-process", "the same request, respx-mocked httpx call", p50=found["respx_us"] / 1000,
                           other="httpx.Client.get answered by respx with the emulator's bytes, JSON decoded"))
    report.goals.append(Goal(goal, "met" if found["ratio"] <= STUB_GOAL else "NOT met", f"{found['ratio']:.2f}×"))


def _first_world_rows(report: Report, sizes: Sizes) -> None:
    rounds = sizes.startup_rounds
    try:
        cached = startup.first_world(rounds)
        built = startup.first_world(rounds, world_cache=False)
    except (subprocess.SubprocessError, OSError, ValueError) as exc:  # reported; the table still prints
        report.rows.append(Row("in-process", "first Emulator() in a fresh process", other=f"failed: {exc}"[-300:]))
        return
    report.rows.append(Row("in-process", "first Emulator() in a fresh process", p50=cached.first_s * 1000,
                           other=f"median of {rounds} processes, world from the on-disk cache; importing emulator.world first took {cached.import_s * 1000:.0f} ms"))
    report.rows.append(Row("in-process", "first Emulator() in a fresh process, world cache off", p50=built.first_s * 1000,
                           other="INSTANT_MART_WORLD_CACHE=off: the world is built (faker, catalogue, order history)"))
    ms = cached.first_s * 1000
    report.goals.append(Goal(f"first Emulator() in a fresh process < {FIRST_WORLD_GOAL_MS} ms", "met" if ms < FIRST_WORLD_GOAL_MS else "NOT met",
                             f"{ms:.0f} ms ({built.first_s * 1000:.0f} ms building the world)"))


def _scaling(section: str, *args: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-m", "bench.scaling", section, *args], capture_output=True, text=True, timeout=3600)
    if out.returncode != 0:
        raise RuntimeError(f"bench.scaling {section} failed: {out.stderr[-1500:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def scaling_section(report: Report, sizes: Sizes) -> None:
    try:
        _scaling_rows(report, sizes)
    except RuntimeError as exc:  # a part that broke is reported; the table still prints
        report.rows.append(Row("scaling", "scaling run", other=f"failed: {exc}"[-300:]))


def _scaling_rows(report: Report, sizes: Sizes) -> None:
    sched = _scaling("scheduler", "--sizes", str(sizes.scheduler_jobs))
    report.rows.append(
        Row("scaling", f"advance clock 30 days over {sched['jobs']:,} due no-op jobs (the scheduler alone)",
            other=f"{sched['advance_ms']:,.0f} ms ({sched['us_per_job']:.1f} µs/job; scheduling them {sched['schedule_ms']:,.0f} ms)")
    )
    small, large = sizes.write_sizes
    writes = _scaling("writes", "--sizes", f"{small},{large}", "--calls", str(sizes.write_calls))
    by_size = {r["size"]: r["us_per_write"] for r in writes["results"]}
    for size, us in by_size.items():
        report.rows.append(Row("scaling", f"write with --data at {size:,} existing {writes['kind']}", other=f"{us:,.0f} µs/write (median)"))
    growth = by_size[large] / by_size[small]
    report.goals.append(Goal(f"write with --data costs the same at {large:,} as at {small:,}", "met" if growth <= 1.3 else "NOT met", f"{growth:.2f}× ({writes['kind']})"))
    orders = _scaling("orders", "--sizes", ",".join(map(str, sizes.order_sizes)), "--calls", str(sizes.order_calls))
    if "na" in orders:
        for label in ("v2.order.get_order_list (page 100)", "v2.order.get_order_detail (50)"):
            report.rows.append(Row("scaling", f"{label} at {'/'.join(f'{s:,}' for s in sizes.order_sizes)} orders", other=orders["na"]))
        report.rows.append(Row("scaling", f"process RSS at {sizes.order_sizes[-1]:,} orders", other=orders["na"]))
        report.goals.append(Goal("list/detail at 100k orders within 2× of 1k", "n/a", orders["na"]))
        report.goals.append(Goal("100k orders < 500 MB RSS", "n/a", orders["na"]))
        return
    results = orders["results"]
    for r in results:
        report.rows.append(Row("scaling", f"v2.order.get_order_list (page 100) at {r['size']:,} orders", p50=r["list_ms"]))
        report.rows.append(Row("scaling", f"v2.order.get_order_detail (50) at {r['size']:,} orders", p50=r["detail_ms"]))
    last = results[-1]
    report.rows.append(Row("scaling", f"process RSS at {last['size']:,} orders", other=f"{_fmt(last['rss_mb'])} MB (seeding took {last['seed_s']:.0f} s)"))
    jump = orders["advance"]
    report.rows.append(
        Row("scaling", f"advance clock 30 days over {last['size']:,} orders ({jump['ran']:,} due jobs: payment windows close)",
            other=f"{jump['ms']:,.0f} ms ({jump['us_per_job']:.1f} µs/job: cancel, release stock, publish, re-index)")
    )
    report.goals.append(Goal(
        f"advance 30 days over {jump['ran']:,} due jobs is fast (< {FAST_JUMP_S:.0f} s; scheduler alone < 1 s)",
        "met" if jump["ms"] < FAST_JUMP_S * 1000 and sched["advance_ms"] < 1000 else "NOT met",
        f"{jump['ms'] / 1000:.1f} s with real order jobs; {sched['advance_ms']:,.0f} ms for {sched['jobs']:,} no-op jobs",
    ))
    first = results[0]
    worst = max(last["list_ms"] / first["list_ms"], last["detail_ms"] / first["detail_ms"])
    report.goals.append(Goal(f"list/detail at {last['size']:,} orders within 2× of {first['size']:,}", "met" if worst <= 2 else "NOT met", f"worst {worst:.2f}×"))
    if last["rss_mb"] is not None:
        report.goals.append(Goal(f"{last['size']:,} orders < 500 MB RSS", "met" if last["rss_mb"] < 500 else "NOT met", f"{last['rss_mb']:.0f} MB"))


def jump_section(report: Report, sizes: Sizes) -> None:
    """A 30-day clock jump over a world of unpaid orders, in passes and job by job."""
    try:
        found = _scaling("jump", "--sizes", str(sizes.order_sizes[-1]))
    except RuntimeError as exc:
        report.rows.append(Row("jump", "clock jump run", other=f"failed: {exc}"[-300:]))
        return
    if "na" in found:
        report.rows.append(Row("jump", "advance clock 30 days over a world of orders", other=found["na"]))
        return
    batched, single = found["batched"], found["single"]
    label = f"advance clock 30 days over {found['size']:,} unpaid orders ({batched['ran']:,} due jobs)"
    report.rows.append(Row("jump", f"{label}, due jobs of one kind in one pass",
                           other=f"{batched['ms']:,.0f} ms ({batched['us_per_job']:.1f} µs/job; seeding took {found['seed_s']:.0f} s)"))
    report.rows.append(Row("jump", f"{label}, one job at a time (passes off)",
                           other=f"{single['ms']:,.0f} ms ({single['us_per_job']:.1f} µs/job); "
                                 f"{'the same world' if found['same_world'] else 'a DIFFERENT world'} as in passes"))
    report.goals.append(Goal(
        f"advance 30 days over {batched['ran']:,} due jobs < {FAST_JUMP_S:g} s, the same world as job by job",
        "met" if batched["ms"] < FAST_JUMP_S * 1000 and found["same_world"] else "NOT met",
        f"{batched['ms'] / 1000:.2f} s ({batched['us_per_job']:.1f} µs/job)",
    ))


def _pushes_json(*args: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-m", "bench.pushes", *args], capture_output=True, text=True, timeout=3600)
    if out.returncode != 0:
        raise RuntimeError(f"bench.pushes {args[0]} failed: {out.stderr[-1500:]}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def pushes_section(report: Report, sizes: Sizes, settings: loadmod.LoadSettings) -> None:
    """Push throughput, the API while a receiver hangs, and restart after a long journal."""
    from bench import pushes

    try:
        speed = _pushes_json("throughput", "--pushes", str(sizes.pushes))
        report.rows.append(Row("pushes", f"{speed['pushes']:,} order pushes to a local receiver (one clock advance)",
                               rps=speed["pushes"] / speed["seconds"],
                               other=f"{speed['seconds']:.2f} s wall, {speed['cpu_s']:.2f} s CPU, {speed['delivered']:,} delivered"))
        met = speed["seconds"] < PUSH_GOAL_S * speed["pushes"] / 1000 and speed["delivered"] == speed["pushes"]
        report.goals.append(Goal(f"{speed['pushes']:,} pushes delivered in < {PUSH_GOAL_S * speed['pushes'] / 1000:g} s",
                                 "met" if met else "NOT met", f"{speed['seconds']:.2f} s"))
        hang = pushes.hang_p99(settings, sizes.hang_orders)
        report.rows.append(Row("pushes", "v2.shop.get_shop_info, no receiver configured", hang["calm_rps"], p99=hang["calm_p99"]))
        report.rows.append(Row("pushes", "v2.shop.get_shop_info while every push hangs at its receiver", hang["hung_rps"],
                               p99=hang["hung_p99"], other=f"{hang['waiting']} pushes waiting on the receiver; RSS {_fmt(hang['rss_mb'])} MB"))
        ratio = hang["hung_p99"] / hang["calm_p99"] if hang["calm_p99"] else 0.0
        report.goals.append(Goal("API p99 unchanged while a receiver hangs (within 1.5×)", "met" if ratio <= 1.5 else "NOT met",
                                 f"{hang['calm_p99']:.2f} → {hang['hung_p99']:.2f} ms ({ratio:.2f}×)"))
        journal = _pushes_json("restart", "--megabytes", str(sizes.restart_mb))
        report.rows.append(Row("durability", f"restart with --data after {journal['megabytes']:,} MB of journaled writes",
                               other=f"{journal['restart_s']:.2f} s (state file {journal['file_mb']:.0f} MB, journal left {journal['journal_mb']:.0f} MB, "
                                     f"{journal['compactions']} compactions while writing; peak RSS {journal['peak_rss_mb']:.0f} MB)"))
    except (RuntimeError, OSError) as exc:  # a part that broke is reported; the table still prints
        report.rows.append(Row("pushes", "push and durability run", other=f"failed: {exc}"[-300:]))


def catalogue_section(report: Report, sizes: Sizes) -> None:
    """A 1,000-entry batch publish over five Outlets, applied by one clock advance."""
    from bench import batch

    entries = 1000 if sizes is FULL else 100
    found = batch.run(entries)
    report.rows.append(Row("catalogue", f"batch publish of {found['entries']:,} entries over 5 Outlets ({found['tasks']} tasks), applied on the clock",
                           rps=found["entries"] / found["seconds"],
                           other=f"{found['seconds']:.2f} s wall, {found['cpu_s']:.2f} s CPU, {found['applied']:,} applied; "
                                 f"peak {found['peak_mb']:.1f} MB allocated, {found['kept_kb']:.0f} KB kept in the store"))


def startup_section(report: Report, sizes: Sizes) -> None:
    rounds = sizes.startup_rounds
    try:
        plugin = startup.plugin_cost(rounds)
        faker = startup.plugin_cost(rounds, "faker")
        cli_help = startup.help_startup(rounds)
    except (subprocess.SubprocessError, OSError) as exc:  # reported; the table still prints
        report.rows.append(Row("start-up", "start-up run", other=f"failed: {exc}"[-300:]))
        return
    report.rows.append(Row("start-up", "pytest run of one unrelated test, plugin installed", other=f"{plugin.measured_s:.3f} s (median of {rounds})"))
    report.rows.append(Row("start-up", f"same run with -p no:{startup.PLUGIN}", other=f"{plugin.baseline_s:.3f} s"))
    report.rows.append(Row("start-up", "faker's own pytest plugin (a dependency), same run", other=f"{faker.added_s:+.3f} s"))
    report.rows.append(Row("start-up", "instant-mart-emulator --help", other=f"{cli_help.measured_s:.3f} s (median of {rounds})"))
    report.rows.append(Row("start-up", "python -c pass (interpreter start-up)", other=f"{cli_help.baseline_s:.3f} s"))
    report.goals.append(Goal(
        f"the plugin adds < {PLUGIN_GOAL_S} s to an unrelated pytest run", "met" if plugin.added_s < PLUGIN_GOAL_S else "NOT met",
        f"{plugin.added_s:+.3f} s (median of per-pair differences)",
    ))
    report.goals.append(Goal(
        f"instant-mart-emulator --help < {HELP_GOAL_S} s", "met" if cli_help.measured_s < HELP_GOAL_S else "NOT met",
        f"{cli_help.measured_s:.3f} s; {cli_help.added_s:+.3f} s over python -c pass",
    ))


# -- output ------------------------------------------------------------------------------------
COLUMNS = ("section", "case", "req/s", "p50 ms", "p99 ms", "× floor", "other / note")


def _cells(row: Row) -> list[str]:
    return [row.section, row.case, _fmt(row.rps, 0), _fmt(row.p50, 3), _fmt(row.p99, 3), f"{row.ratio:.2f}" if row.ratio is not None else "", row.other]


def text_table(report: Report) -> str:
    rows = [list(COLUMNS), *(_cells(r) for r in report.rows)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS))]
    lines = list(report.header) + [""]
    for index, cells in enumerate(rows):
        lines.append("  ".join(c.rjust(w) if 2 <= i <= 5 else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    if report.steps:
        lines += ["", STEPS_TITLE, ""]
        table = [["case", *STEP_COLUMNS], *(_step_cells(label, costs) for label, costs in report.steps)]
        widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
        for index, cells in enumerate(table):
            lines.append("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip())
            if index == 0:
                lines.append("  ".join("-" * w for w in widths))
    lines += ["", "goals:"]
    lines += [f"  [{g.status}] {g.text}: {g.detail}" for g in report.goals]
    return "\n".join(lines)


STEPS_TITLE = (
    "pipeline steps, in-process, median µs per call (app: the whole ASGI call; steps: their sum;"
    " calls: Python function calls per ASGI call)"
)
STEP_COLUMNS = (*STEP_NAMES, "steps", "app", "calls")


def _step_cells(label: str, costs: dict[str, float]) -> list[str]:
    return [label, *(f"{costs[name]:.1f}" for name in STEP_COLUMNS)]


def markdown(report: Report) -> str:
    lines = [f"{h}  " for h in report.header] + [""]
    lines.append("| " + " | ".join(COLUMNS) + " |")
    lines.append("|" + "|".join("---:" if 2 <= i <= 5 else "---" for i in range(len(COLUMNS))) + "|")
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in _cells(r)) + " |" for r in report.rows]
    if report.steps:
        lines += ["", f"{STEPS_TITLE}:", "", "| case | " + " | ".join(STEP_COLUMNS) + " |", "|---|" + "---:|" * len(STEP_COLUMNS)]
        lines += ["| " + " | ".join(_step_cells(label, costs)) + " |" for label, costs in report.steps]
    lines += ["", "| goal | status | measured |", "|---|---|---|"]
    lines += [f"| {g.text} | {g.status} | {g.detail} |" for g in report.goals]
    return "\n".join(lines)


def write_markdown(path: Path, report: Report) -> None:
    text = path.read_text("utf-8") if path.exists() else f"# Performance\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text or END not in text:
        text += f"\n{BEGIN}\n{END}\n"
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    path.write_text(f"{head}{BEGIN}\n{markdown(report)}\n{END}{tail}", "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smoke run: a few hundred requests, tiny sizes")
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto", help="load client (auto: wrk when installed)")
    parser.add_argument("--seconds", type=float, default=None, help="seconds of load per HTTP case")
    parser.add_argument("--connections", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=None, help="runs of each HTTP case, each after a floor run")
    parser.add_argument("--only", default="http,inproc,scaling,jump,startup,pushes,catalogue", help="comma-separated sections to run")
    parser.add_argument("--markdown", type=Path, default=None, help="rewrite the results block of this file")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    client = loadmod.choose_client(args.client)
    settings = loadmod.LoadSettings(
        client, args.seconds or sizes.seconds, args.connections or sizes.connections, sizes.max_requests if client == "python" else None
    )
    sections = set(args.only.split(","))
    header = [
        f"Instant Mart Emulator benchmark · {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC{' · quick smoke run' if args.quick else ''}",
        f"machine: {os.cpu_count()} cores · Python {platform.python_version()} · {platform.system()} {platform.machine()}"
        f" · load average at start {os.getloadavg()[0]:.2f}",
        f"load client: {settings.describe()}",
        "server: one uvicorn process per server (emulator.server.uvicorn_config), default world; p50/p99 over HTTP are per request under load, in-process per sequential call",
    ]
    report = Report(header)
    if "http" in sections:
        http_section(report, settings, args.rounds or sizes.rounds)
    if "inproc" in sections:
        inproc_section(report, sizes)
    if "scaling" in sections:
        scaling_section(report, sizes)
    if "jump" in sections:
        jump_section(report, sizes)
    if "startup" in sections:
        startup_section(report, sizes)
    if "pushes" in sections:
        pushes_section(report, sizes, settings)
    if "catalogue" in sections:
        catalogue_section(report, sizes)
    print(text_table(report), flush=True)
    if args.markdown:
        write_markdown(args.markdown, report)
        print(f"\nwrote {args.markdown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
