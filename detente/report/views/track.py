"""The report's "Forecast over time" part: the newest stored track of its scenario.

Reads only public APIs: ``Store.tracks()`` and its ``track_*`` frames on the store
side, the backtest on the bargaining side. Nothing is recomputed: the chart shows
what ``detente track`` stored, so every point traces to a run's inputs and the
model's parameters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from detente.bargain import ScenarioFile
from detente.bargain.analysis.backtest import BASELINES, backtest


@dataclass(frozen=True, slots=True)
class TrackMove:
    """A sentence whose stance entered a run: one of the articles that moved the forecast."""

    as_of: str
    """Run date (ISO)."""
    actor: str
    """Actor id the stance counts for."""
    position: float | None
    """The stance's point on the scale."""
    doc_name: str
    """Document name."""
    doc_anchor: str | None
    """HTML id of the document's text in the report (None when no longer stored)."""
    sentence: str | None
    """The sentence (None when the document is no longer stored)."""


@dataclass(frozen=True, slots=True)
class TrackOutcome:
    """An observed outcome drawn on the chart."""

    date: str
    """ISO date."""
    position: float
    """Where the issue stood."""
    note: str
    """The analyst's reading."""
    evidence: tuple[str, ...]
    """Locators as ``doc: words``."""


@dataclass(frozen=True, slots=True)
class TrackIssue:
    """One issue's forecasts over time."""

    id: str
    """Issue id."""
    name: str
    """Display name."""
    low: float
    """Scale low end."""
    high: float
    """Scale high end."""
    status_quo: float | None
    """Status quo, if given."""
    series: tuple[tuple[str, tuple[tuple[str, float], ...]], ...]
    """(model, ((run date, outcome), ...)) per model, in registry order."""
    outcomes: tuple[TrackOutcome, ...]
    """Observed outcomes of the issue."""
    moves: tuple[TrackMove, ...]
    """The sentences that entered each run, by date."""


@dataclass(frozen=True, slots=True)
class BacktestView:
    """The backtest table: mean absolute error per model (and baseline) and horizon band."""

    bands: tuple[str, ...]
    """Horizon bands with any error, then ``all``."""
    rows: tuple[tuple[str, tuple[float | None, ...], tuple[int, ...]], ...]
    """(model or baseline, MAE per band, count per band)."""
    baselines: tuple[str, ...]
    """Which rows are naive baselines."""


@dataclass(frozen=True, slots=True)
class TrackView:
    """The newest stored track of the report's scenario, with its backtest."""

    track_id: int
    """Stored track id."""
    created_at: str
    """When it was stored (UTC, ISO)."""
    every: str
    """Run period."""
    seed: int
    """Seed of the models that draw."""
    runs: tuple[tuple[str, int, int], ...]
    """(date, documents, stances) per run."""
    params: str
    """Drafting parameters and models, as stored (JSON)."""
    issues: tuple[TrackIssue, ...]
    """Per issue: series, outcomes and moves."""
    backtest: BacktestView | None
    """The score against the scenario's outcomes; None without outcomes."""


def _iso(value) -> str:
    return value.isoformat()[:10] if hasattr(value, "isoformat") else str(value)[:10]


def gather_track(store, sf: ScenarioFile, anchors: dict[str, str]) -> TrackView | None:
    """The newest track of ``sf``'s scenario with its backtest; None when never tracked.

    Args:
        store: An open store.
        sf: The report's scenario file (its issues and outcomes).
        anchors: Document content hash -> HTML id of its text in the report.
    """
    tracks = store.tracks(sf.scenario.name)
    if tracks.empty:
        return None
    head = tracks.iloc[0]
    track_id = int(head["track_id"])
    forecasts = store.track_forecasts(track_id)
    sources = store.track_sources(track_id)
    runs = store.track_runs(track_id)
    issues = []
    for issue in sf.scenario.issues:
        fc = forecasts.loc[(forecasts["issue"] == issue.id) & forecasts["outcome"].notna()]
        series = tuple(
            (model, tuple((_iso(r.as_of), float(r.outcome)) for r in rows.itertuples()))
            for model, rows in fc.groupby("model", sort=False)
        )
        moves = tuple(
            TrackMove(
                as_of=_iso(r.as_of),
                actor=r.actor,
                position=None if r.position is None or math.isnan(r.position) else r.position,
                doc_name=r.doc,
                doc_anchor=anchors.get(r.doc_id),
                sentence=r.sentence,
            )
            for r in sources.loc[sources["issue"] == issue.id].itertuples()
        )
        outcomes = tuple(
            TrackOutcome(
                o.date, o.position, o.note, tuple(f"{e.doc}: {e.quote}" for e in o.evidence)
            )
            for o in sf.outcomes
            if o.issue == issue.id
        )
        issues.append(
            TrackIssue(
                issue.id,
                issue.name,
                issue.low,
                issue.high,
                issue.status_quo,
                series,
                outcomes,
                moves,
            )
        )
    score = None
    if sf.outcomes:
        result = backtest(forecasts, sf.outcomes, {i.id: i.status_quo for i in sf.scenario.issues})
        bands = tuple(result.table.columns)
        score = BacktestView(
            bands=bands,
            rows=tuple(
                (
                    str(name),
                    tuple(None if math.isnan(v) else float(v) for v in result.table.loc[name]),
                    tuple(int(n) for n in result.counts.loc[name]),
                )
                for name in result.table.index
            ),
            baselines=BASELINES,
        )
    return TrackView(
        track_id=track_id,
        created_at=_iso(head["created_at"]),
        every=str(head["every"]),
        seed=int(head["seed"]),
        runs=tuple(
            (_iso(r.as_of), int(r.n_documents), int(r.n_stances)) for r in runs.itertuples()
        ),
        params=str(head["params"]),
        issues=tuple(issues),
        backtest=score,
    )
