"""Records of the report's "Forecast over time" section (the living forecast and its score)."""

from __future__ import annotations

from dataclasses import dataclass


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


__all__ = ["BacktestView", "TrackIssue", "TrackMove", "TrackOutcome", "TrackView"]
