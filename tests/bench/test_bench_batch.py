"""The batch-task bench applies every entry it starts, so its figure measures real publishing."""
from __future__ import annotations

from bench import batch


def test_the_bench_publishes_every_entry_over_the_five_outlets():
    found = batch.run(12)
    assert (found["entries"], found["tasks"], found["applied"], found["failed"]) == (12, 1, 12, 0)
    assert found["peak_mb"] > 0 and found["kept_kb"] > 0
