"""Keeping score: each model's earlier forecasts against the outcomes observed later.

Nothing in KTAB, Decide or the expected-utility tools checks a model against what
happened. A scenario may record observed outcomes (``outcomes:``: an issue, a date,
the point on the scale where the issue then stood, and the evidence); ``detente
track`` stores each model's forecast as of earlier dates. For every outcome and
every run dated *before* it, the absolute error of each model is kept with its
*horizon* (days from the run to the outcome), and the mean absolute error is
reported per model and per horizon band beside two naive baselines that any model
should beat to earn trust:

* **status quo**: the issue's status quo from the scenario file (nothing moves);
* **last observed**: the latest outcome of the issue recorded on or before the run's
  date (a random walk), else the status quo.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from detente.bargain.scenario import ObservedOutcome

HORIZONS: tuple[tuple[int, int | None, str], ...] = (
    (1, 31, "up to 1 month"),
    (32, 92, "1-3 months"),
    (93, 183, "3-6 months"),
    (184, None, "over 6 months"),
)
"""Horizon bands in days (inclusive), with their labels."""
BASELINES = ("status quo", "last observed")
"""Names of the naive baselines in the tables."""
ERROR_COLUMNS = [
    "model",
    "issue",
    "outcome_date",
    "as_of",
    "horizon_days",
    "horizon",
    "forecast",
    "observed",
    "error",
]


@dataclass(frozen=True)
class Backtest:
    """Errors of every model and baseline against every observed outcome."""

    errors: pd.DataFrame
    """One row per (model or baseline, outcome, earlier run): ``ERROR_COLUMNS``."""
    table: pd.DataFrame
    """Mean absolute error: one row per model then the baselines, one column per horizon
    band with any error, and ``all``."""
    counts: pd.DataFrame
    """How many errors each cell of ``table`` averages."""
    by_issue: pd.DataFrame
    """Mean absolute error per model (rows) and issue (columns), all horizons."""


def horizon_of(days: int) -> str | None:
    """The label of the band ``days`` falls in (None for 0 or fewer)."""
    for low, high, label in HORIZONS:
        if days >= low and (high is None or days <= high):
            return label
    return None


def backtest(
    forecasts: pd.DataFrame,
    outcomes: Sequence[ObservedOutcome],
    status_quo: Mapping[str, float | None],
) -> Backtest:
    """Score stored forecasts against observed outcomes (see the module docstring).

    Args:
        forecasts: ``Store.track_forecasts()``: ``as_of``, ``model``, ``issue``, ``outcome``.
        outcomes: The scenario's observed outcomes.
        status_quo: Issue id -> status quo (None when the scenario gives none: no
            baseline for that issue).
    """
    fc = forecasts.dropna(subset=["outcome"]).copy()
    fc["as_of"] = [_date(d) for d in fc["as_of"]]
    models = list(dict.fromkeys(fc["model"]))
    runs = sorted(set(fc["as_of"]))
    rows = []
    for o in outcomes:
        when = _date(o.date)
        earlier = [o2 for o2 in outcomes if o2.issue == o.issue]
        for as_of in (r for r in runs if r < when):
            days = (when - as_of).days
            band = horizon_of(days)
            sel = fc.loc[(fc["as_of"] == as_of) & (fc["issue"] == o.issue)]
            for r in sel.itertuples(index=False):
                rows.append((r.model, o.issue, when, as_of, days, band, r.outcome, o.position))
            sq = status_quo.get(o.issue)
            seen = [x for x in earlier if _date(x.date) <= as_of]
            last = max(seen, key=lambda x: _date(x.date)).position if seen else sq
            for name, value in zip(BASELINES, (sq, last), strict=True):
                if value is not None:
                    rows.append((name, o.issue, when, as_of, days, band, value, o.position))
    errors = pd.DataFrame(rows, columns=ERROR_COLUMNS[:-1])
    errors["error"] = (errors["forecast"] - errors["observed"]).abs()
    order = models + [b for b in BASELINES if b in set(errors["model"])]
    bands = [label for _, _, label in HORIZONS if label in set(errors["horizon"])]
    table = pd.DataFrame(index=order, columns=[*bands, "all"], dtype=float)
    counts = pd.DataFrame(0, index=order, columns=[*bands, "all"], dtype=int)
    for name in order:
        mine = errors.loc[errors["model"] == name]
        for band in bands:
            cell = mine.loc[mine["horizon"] == band, "error"]
            table.loc[name, band] = cell.mean() if len(cell) else np.nan
            counts.loc[name, band] = len(cell)
        table.loc[name, "all"] = mine["error"].mean() if len(mine) else np.nan
        counts.loc[name, "all"] = len(mine)
    by_issue = (
        errors.pivot_table(index="model", columns="issue", values="error", aggfunc="mean").reindex(
            order
        )
        if len(errors)
        else pd.DataFrame(index=order)
    )
    return Backtest(errors=errors, table=table, counts=counts, by_issue=by_issue)


def _date(value) -> date:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


__all__ = ["BASELINES", "HORIZONS", "Backtest", "backtest", "horizon_of"]
