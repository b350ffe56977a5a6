"""A smoke run of ``python -m bench``: it runs end to end and prints the whole table."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench.cases import NOT_IMPLEMENTED, implemented

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_quick_bench_prints_the_table(tmp_path):
    doc = tmp_path / "performance.md"
    doc.write_text("# Performance\n\nprose kept\n\n<!-- bench:begin -->\nold\n<!-- bench:end -->\n\nmore prose\n")
    # real-time: waits for the benchmark's own server subprocesses
    out = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--client", "python", "--markdown", str(doc)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    text = out.stdout
    assert "load client: python asyncio client" in text
    assert "cores" in text
    for row in ("floor: constant JSON", "v2.shop.get_shop_info", "fresh default world", "advance clock 30 days", "write with --data",
                "pytest run of one unrelated test", "instant-mart-emulator --help", "batch publish of 100 entries over 5 Outlets"):
        assert row in text, row
    assert "Traceback" not in text + out.stderr
    http_row = next(line for line in text.splitlines() if line.startswith("HTTP") and "v2.shop.get_shop_info" in line)
    assert "non-2xx" not in http_row
    assert "goals:" in text and "fresh default world < 20 ms" in text
    assert "pipeline steps, in-process" in text and "authenticate" in text
    assert "first Emulator() in a fresh process < 200 ms" in text
    assert "get_order_detail (50) ≥ 0.25× floor req/s" in text
    assert "the plugin adds < 0.1 s to an unrelated pytest run" in text and "instant-mart-emulator --help < 0.3 s" in text
    if not implemented("v2.product.get_item_base_info"):
        row = next(line for line in text.splitlines() if line.startswith("HTTP") and "get_item_base_info (1 item)" in line)
        assert row.rstrip().endswith(NOT_IMPLEMENTED)
    written = doc.read_text()
    assert written.startswith("# Performance\n\nprose kept") and written.rstrip().endswith("more prose")
    assert "| HTTP | floor: constant JSON" in written and "old" not in written
