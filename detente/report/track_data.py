"""Gather the "Forecast over time" section: the newest stored track of the report's scenario.

Reads only public APIs: ``Store.tracks()`` and its ``track_*`` frames on the store
side, :func:`detente.bargain.backtest.backtest` on the bargaining side. Nothing is
recomputed: the chart shows what ``detente track`` stored, so every point traces
to a run's inputs and the model's parameters.
"""

from __future__ import annotations

import math
from typing import Any

from detente.bargain.analysis.backtest import BASELINES, backtest
from detente.bargain.io import ScenarioFile
from detente.report.track_charts import forecast_chart
from detente.report.track_records import (
    BacktestView,
    TrackIssue,
    TrackMove,
    TrackOutcome,
    TrackView,
)


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
            TrackOutcome(o.date, o.position, o.note,
                         tuple(f"{e.doc}: {e.quote}" for e in o.evidence))
            for o in sf.outcomes
            if o.issue == issue.id
        )  # fmt: skip
        issues.append(
            TrackIssue(issue.id, issue.name, issue.low, issue.high, issue.status_quo, series,
                       outcomes, moves)
        )  # fmt: skip
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
            ),  # fmt: skip
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


def has_track(data) -> bool:
    """Whether the report has a stored track of its scenario."""
    return getattr(data, "tracking", None) is not None


def track_context(data) -> dict[str, Any]:
    """Template variables of the report section: the chart of each issue."""
    return {"track_charts": track_charts(data.tracking)}


def track_charts(t: TrackView) -> dict[str, str | None]:
    """The forecast-over-time chart of each issue (None for an issue never forecast)."""
    charts: dict[str, str | None] = {}
    for i in t.issues:
        if not i.series and not i.outcomes:
            charts[i.id] = None
            continue
        moves: dict[str, tuple[str, str]] = {}
        for k, m in enumerate(i.moves, start=1):
            href, lines = moves.get(m.as_of, (f"#track-{i.id}-{m.as_of}-{k}", ""))
            line = f"\u2022 {m.actor} at {m.position:g}: {m.doc_name}" if m.position is not None \
                else f"\u2022 {m.actor}: {m.doc_name}"  # fmt: skip
            moves[m.as_of] = (href, f"{lines}\n{line}" if lines else f"entered:\n{line}")
        charts[i.id] = forecast_chart(
            title=f"{i.name}: forecast over time",
            low=i.low,
            high=i.high,
            status_quo=i.status_quo,
            series=i.series,
            outcomes=[(o.date, o.position, o.note) for o in i.outcomes],
            moves=moves,
        )
    return charts


__all__ = ["gather_track", "has_track", "track_charts", "track_context"]
