"""The finance audit (``finance_audit``) over generated mixed flows, in the ID and TH worlds: every
escrow follows the reference's formula to the cent, wallets, escrow lists, income overview, income
detail and income documents agree with the escrows, and the Mart's views are its Outlets' sums.
``tests/fuzz/test_finance_fuzz.py`` runs the same audit over many more and longer programs."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from tests.domains.finance_audit import Audit, driven
from tests.domains.finance_strategies import SCRIPT, programs


@pytest.mark.parametrize("world", ["id", "th"])
def test_a_scripted_run_reconciles(world):
    with driven(world, SCRIPT, strict=True) as driver:
        Audit(driver).run()
        # the script reaches every flow the audit is about
        for move in ("partial cancel", "lose", "fail delivery", "collected", "judged for buyer", "judged for seller",
                     "compensation judged for seller", "seller offers", "return confirmed", "discount", "document"):
            assert driver.moves[move], (move, driver.moves)


@pytest.mark.parametrize("world", ["id", "th"])
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(program=programs(steps=60))
def test_generated_runs_reconcile(world, program):
    with driven(world, program) as driver:
        Audit(driver).run()
