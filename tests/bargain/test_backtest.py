"""Keeping score: errors, horizons and baselines worked out by hand."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from detente.bargain.analysis.backtest import backtest, horizon_of
from detente.bargain.scenario import Locator, ObservedOutcome

LOC = (Locator("d.txt", "a few words"),)


def _forecasts():
    rows = [
        # run 1: Jan 31 (the outcome on Mar 15 is 43 days later: band 1-3 months)
        (date(2025, 1, 31), "good", "t", 40.0),
        (date(2025, 1, 31), "bad", "t", 90.0),
        # run 2: Mar 1 (14 days before: up to 1 month)
        (date(2025, 3, 1), "good", "t", 44.0),
        (date(2025, 3, 1), "bad", "t", 80.0),
        # run 3: Apr 30 (after the outcome: not scored against it)
        (date(2025, 4, 30), "good", "t", 0.0),
        (date(2025, 4, 30), "bad", "t", 0.0),
    ]
    return pd.DataFrame(rows, columns=["as_of", "model", "issue", "outcome"])


def test_errors_by_model_horizon_and_baseline():
    outcomes = [
        ObservedOutcome("t", "2025-02-10", 30.0, LOC),
        ObservedOutcome("t", "2025-03-15", 42.0, LOC),
    ]
    result = backtest(_forecasts(), outcomes, {"t": 50.0})
    table, counts = result.table, result.counts
    # Feb 10 outcome: only run 1 (10 days before) -> good |40-30| = 10, bad 60
    # Mar 15 outcome: run 1 (43 days) good 2, bad 48; run 2 (14 days) good 2, bad 38
    assert table.loc["good", "up to 1 month"] == pytest.approx((10 + 2) / 2)
    assert table.loc["good", "1-3 months"] == pytest.approx(2)
    assert table.loc["bad", "all"] == pytest.approx((60 + 48 + 38) / 3)
    assert counts.loc["good", "all"] == 3
    # status quo 50: |50-30| = 20, then 8 and 8
    assert table.loc["status quo", "all"] == pytest.approx((20 + 8 + 8) / 3)
    # last observed: none by Jan 31 (status quo 50, twice: 20 and 8); by Mar 1 the Feb 10
    # outcome (30): |30 - 42| = 12
    assert table.loc["last observed", "all"] == pytest.approx((20 + 8 + 12) / 3)
    assert list(table.index) == ["good", "bad", "status quo", "last observed"]
    assert list(table.columns) == ["up to 1 month", "1-3 months", "all"]
    assert result.by_issue.loc["good", "t"] == pytest.approx(14 / 3)
    assert set(result.errors["horizon_days"]) == {10, 43, 14}


def test_no_status_quo_no_baseline_and_horizon_bands():
    result = backtest(_forecasts(), [ObservedOutcome("t", "2025-03-15", 42.0, LOC)], {"t": None})
    assert list(result.table.index) == ["good", "bad"]
    assert horizon_of(0) is None and horizon_of(31) == "up to 1 month"
    assert horizon_of(92) == "1-3 months" and horizon_of(400) == "over 6 months"
