"""A living forecast: the scenario drafted and forecast as of each date the corpus covers.

Decide and KTAB forecast once from inputs typed by hand; here the inputs follow the
news. For each period end (week, month or quarter) from the first dated article to
the last, the scenario is drafted from the stances published up to that day
(:func:`detente.bargain.draft.draft_scenario`; where no stance speaks yet, the
scenario file's own entry is kept, marked ``prior``) and every model forecasts it.
Each run keeps the positions it used, the sentences that entered it since the run
before (the articles that moved it) and each model's outcome with its parameters,
so the forecast can be charted over time and scored against what happened
(:mod:`detente.bargain.analysis.backtest`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from detente.bargain.base import seeded_params
from detente.bargain.capabilities import CapabilityTable
from detente.bargain.draft import DraftParams, document_days, draft_scenario
from detente.bargain.forecast import forecast
from detente.bargain.scenario import Scenario
from detente.errors import DetenteError, InputError, ScenarioError
from detente.issues import IssueSet
from detente.randomness import RandomStateLike, seed_of

PERIODS = {"week": "W-SUN", "month": "ME", "quarter": "QE"}
"""``--every`` choices and the pandas period ends they stand for."""


@dataclass(frozen=True, slots=True)
class TrackForecast:
    """One model's outcome on one issue in one run."""

    model: str
    """Registered model name."""
    issue: str
    """Issue id."""
    outcome: float | None
    """The forecast; None when the model failed."""
    params: dict[str, Any]
    """``model.get_params()`` (with the seed of a model that draws)."""
    error: str | None = None
    """Why the model failed, if it did."""


@dataclass(frozen=True, slots=True)
class TrackInput:
    """One actor's position on one issue as a run used it."""

    actor: str
    """Actor id."""
    issue: str
    """Issue id."""
    position: float
    """Position."""
    salience: float
    """Salience."""
    clout: float
    """Clout."""
    source: str
    """``draft`` (from stances up to the run's date) or ``prior`` (the scenario file's)."""
    n_stances: int
    """Stances behind a drafted position."""


@dataclass(frozen=True, slots=True)
class TrackSource:
    """A sentence whose stance entered a run: published since the run before."""

    issue: str
    """Issue id."""
    actor: str
    """Actor id the stance counts for."""
    doc_id: str
    """Document content hash."""
    doc_name: str
    """Document name."""
    start: int
    """Sentence start offset."""
    end: int
    """Sentence end offset."""
    position: float | None
    """The stance's point on the scale."""


@dataclass(frozen=True)
class TrackRun:
    """The scenario as of one date."""

    as_of: date
    """Stances published up to this day were used."""
    n_documents: int
    """Dated documents up to this day."""
    n_stances: int
    """Stances used."""
    forecasts: tuple[TrackForecast, ...]
    """Every model's outcome per issue."""
    inputs: tuple[TrackInput, ...]
    """The positions used."""
    sources: tuple[TrackSource, ...]
    """The sentences that entered since the run before."""


@dataclass(frozen=True)
class Track:
    """A scenario forecast as of each period end."""

    scenario: str
    """Scenario name."""
    path: str
    """Scenario file."""
    every: str
    """``week``, ``month`` or ``quarter``."""
    seed: int
    """Seed of every model that draws random numbers."""
    params: dict[str, Any]
    """Drafting parameters, models and whether the prior was used."""
    runs: tuple[TrackRun, ...]
    """Runs by date."""


def as_of_dates(days: Iterable[date], every: str) -> list[date]:
    """Period ends from the first day's period to the last day's, inclusive.

    Raises:
        InputError: ``every`` is not one of :data:`PERIODS`.
    """
    if every not in PERIODS:
        raise InputError("--every", f"unknown period {every!r}; use {', '.join(PERIODS)}")
    days = sorted(days)
    if not days:
        return []
    step = {
        "week": pd.DateOffset(weeks=1),
        "month": pd.DateOffset(months=1),
        "quarter": pd.DateOffset(months=3),
    }[every]
    out: list[date] = []
    for end in pd.date_range(
        pd.Timestamp(days[0]), pd.Timestamp(days[-1]) + step, freq=PERIODS[every]
    ):
        out.append(end.date())
        if out[-1] >= days[-1]:
            break
    return out


def forecast_all(
    scenario: Scenario, models: Sequence[str], random_state: RandomStateLike = None
) -> list[TrackForecast]:
    """Point forecasts of every model (a failing model becomes error rows, one per issue).

    Every model that draws random numbers gets the same seed, that of ``random_state``.
    """
    seed = seed_of(random_state)
    out = []
    for name in models:
        params = seeded_params(name, seed)
        try:
            fc = forecast(scenario, name, **params)
        except DetenteError as exc:
            why = exc.one_line()
            out += [TrackForecast(name, i, None, params, why) for i in scenario.issue_ids]
            continue
        out += [
            TrackForecast(name, str(r.issue), float(r.outcome), dict(fc.params))
            for r in fc.outcomes.itertuples(index=False)
        ]
    return out


def track_scenario(
    stances: pd.DataFrame,
    documents: pd.DataFrame,
    issues: IssueSet,
    *,
    models: Sequence[str],
    random_state: RandomStateLike = None,
    every: str = "month",
    prior: Scenario | None = None,
    texts: Mapping[str, str] | None = None,
    capabilities: CapabilityTable | None = None,
    params: DraftParams | None = None,
    name: str = "",
    path: str = "",
) -> Track:
    """Draft and forecast as of each period end the corpus covers (see the module docstring).

    A date on which nothing can be drafted (no prior and no stance yet) has no run.

    Raises:
        InputError: ``every`` is unknown, or no document is dated.
    """
    params = params or DraftParams()
    seed = seed_of(random_state)
    days = document_days(documents)
    dates = as_of_dates(days.values(), every)
    if not dates:
        raise InputError("store", "no dated document: nothing to track")
    runs = []
    previous: date | None = None
    for as_of in dates:
        try:
            draft = draft_scenario(
                stances,
                documents,
                issues,
                as_of=as_of,
                texts=texts,
                prior=prior,
                capabilities=capabilities,
                params=params,
                name=name or None,
            )
        except ScenarioError:
            previous = as_of
            continue
        clout = {a.id: a.clout for a in draft.scenario.actors}
        runs.append(
            TrackRun(
                as_of=as_of,
                n_documents=draft.n_documents,
                n_stances=len(draft.stances),
                forecasts=tuple(forecast_all(draft.scenario, models, seed)),
                inputs=tuple(
                    TrackInput(
                        e.actor,
                        e.issue,
                        e.position,
                        e.salience,
                        clout[e.actor],
                        e.source,
                        e.n_stances,
                    )
                    for e in draft.entries
                ),
                sources=tuple(
                    TrackSource(s.issue, s.actor, s.doc_id, s.doc, s.start, s.end, s.position)
                    for s in draft.stances
                    if previous is None or s.day > previous
                ),
            )
        )
        previous = as_of
    return Track(
        scenario=name or issues.name,
        path=path,
        every=every,
        seed=seed,
        params={"draft": params.as_dict(), "models": list(models), "prior": prior is not None},
        runs=tuple(runs),
    )


__all__ = [
    "PERIODS",
    "Track",
    "TrackForecast",
    "TrackInput",
    "TrackRun",
    "TrackSource",
    "as_of_dates",
    "forecast_all",
    "track_scenario",
]
