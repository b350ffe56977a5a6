"""The finance audit over many long generated programs in the ID and TH worlds (``make fuzz``).

``FINANCE_EXAMPLES`` sets how many programs per world (2 in the ordinary suite, where
``tests/domains/test_finance_audit.py`` already runs short ones) and ``FINANCE_STEPS`` how long
they are; a failure prints the program, which ``Driver.run`` replays step by step.
"""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings

from tests.domains.finance_audit import Audit, driven
from tests.domains.finance_strategies import programs

EXAMPLES = int(os.environ.get("FINANCE_EXAMPLES", "2"))
STEPS = int(os.environ.get("FINANCE_STEPS", "200"))


@pytest.mark.parametrize("world", ["id", "th"])
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(program=programs(steps=STEPS))
def test_long_mixed_runs_reconcile(world, program):
    with driven(world, program) as driver:
        Audit(driver).run()
