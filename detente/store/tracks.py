"""Repository functions for the living forecast: ``detente track`` runs, read back as frames.

A *track* is one invocation of ``detente track`` over a scenario: one *run* per
date (the scenario drafted from the stances published up to that date and
forecast with each model), with the positions each run used (``inputs``), the
sentences that entered it since the run before (``sources``) and every model's
outcome per issue (``forecasts``, with the model's parameters as JSON). Runs are
written in one transaction; reading a track's frames never needs the bargaining
stage, so the report, the dashboard and ``detente backtest`` share them.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pandas as pd
from sqlalchemy import Select, func, insert, select
from sqlalchemy.orm import Session

from detente.store.queries import _frame, _Texts
from detente.store.tables import (
    DocumentRow,
    TrackForecastRow,
    TrackInputRow,
    TrackRow,
    TrackRunRow,
    TrackSourceRow,
)

TRACK_COLUMNS = [
    "track_id",
    "scenario",
    "path",
    "every",
    "seed",
    "params",
    "created_at",
    "n_runs",
    "first",
    "last",
]
FORECAST_COLUMNS = ["track_id", "as_of", "model", "issue", "outcome", "params", "error"]
INPUT_COLUMNS = [
    "track_id",
    "as_of",
    "actor",
    "issue",
    "position",
    "salience",
    "clout",
    "source",
    "n_stances",
]
SOURCE_COLUMNS = [
    "track_id",
    "as_of",
    "issue",
    "actor",
    "doc_id",
    "doc",
    "start",
    "end",
    "position",
    "sentence",
]
RUN_COLUMNS = ["track_id", "as_of", "n_documents", "n_stances"]


def write_track(s: Session, track) -> int:
    """Add a track and all its runs; return the track's id.

    ``track`` is a :class:`detente.bargain.track.Track` (read by attribute: ``scenario``,
    ``path``, ``every``, ``seed``, ``params``, ``runs``; each run ``as_of``,
    ``n_documents``, ``n_stances``, ``forecasts``, ``inputs``, ``sources``).
    """
    row = TrackRow(
        scenario=track.scenario,
        path=str(track.path),
        every=track.every,
        seed=int(track.seed),
        params=json.dumps(track.params, sort_keys=True, default=str),
        created_at=datetime.now(UTC),
    )
    s.add(row)
    s.flush()
    for run in track.runs:
        run_row = TrackRunRow(
            track_id=row.id,
            as_of=run.as_of if isinstance(run.as_of, date) else date.fromisoformat(run.as_of),
            n_documents=run.n_documents,
            n_stances=run.n_stances,
        )
        s.add(run_row)
        s.flush()
        tables = (
            (
                TrackForecastRow,
                [
                    {
                        "run_id": run_row.id,
                        "model": f.model,
                        "issue": f.issue,
                        "outcome": f.outcome,
                        "params": json.dumps(f.params, sort_keys=True, default=str),
                        "error": f.error,
                    }
                    for f in run.forecasts
                ],
            ),
            (
                TrackInputRow,
                [
                    {
                        "run_id": run_row.id,
                        "actor": i.actor,
                        "issue": i.issue,
                        "position": i.position,
                        "salience": i.salience,
                        "clout": i.clout,
                        "source": i.source,
                        "n_stances": i.n_stances,
                    }
                    for i in run.inputs
                ],
            ),
            (
                TrackSourceRow,
                [
                    {
                        "run_id": run_row.id,
                        "issue": x.issue,
                        "actor": x.actor,
                        "doc_id": x.doc_id,
                        "doc_name": x.doc_name,
                        "start": x.start,
                        "end": x.end,
                        "position": x.position,
                    }
                    for x in run.sources
                ],
            ),
        )
        for table, rows in tables:
            if rows:
                s.execute(insert(table), rows)
    return row.id


def tracks_frame(s: Session, scenario: str | None) -> pd.DataFrame:
    """Tracks, newest first; ``scenario`` keeps those of one scenario name."""
    runs = (
        select(
            TrackRunRow.track_id,
            func.count().label("n"),
            func.min(TrackRunRow.as_of).label("first"),
            func.max(TrackRunRow.as_of).label("last"),
        )
        .group_by(TrackRunRow.track_id)
        .subquery()
    )
    stmt = (
        select(
            TrackRow.id,
            TrackRow.scenario,
            TrackRow.path,
            TrackRow.every,
            TrackRow.seed,
            TrackRow.params,
            TrackRow.created_at,
            func.coalesce(runs.c.n, 0),
            runs.c.first,
            runs.c.last,
        )
        .outerjoin(runs, runs.c.track_id == TrackRow.id)
        .order_by(TrackRow.created_at.desc(), TrackRow.id.desc())
    )
    if scenario is not None:
        stmt = stmt.where(TrackRow.scenario == scenario)
    return _frame(s.execute(stmt).all(), TRACK_COLUMNS)


def _per_run(table, track_id: int, *columns) -> Select:
    """``track_id, as_of`` and ``columns`` of ``table``'s rows in the track's runs, by date."""
    runs = select(TrackRunRow.id).where(TrackRunRow.track_id == track_id)
    return (
        select(TrackRunRow.track_id, TrackRunRow.as_of, *columns)
        .join(TrackRunRow, TrackRunRow.id == table.run_id)
        .where(table.run_id.in_(runs))
        .order_by(TrackRunRow.as_of, table.id)
    )


def runs_frame(s: Session, track_id: int) -> pd.DataFrame:
    """The runs of one track by date."""
    stmt = (
        select(
            TrackRunRow.track_id, TrackRunRow.as_of, TrackRunRow.n_documents, TrackRunRow.n_stances
        )
        .where(TrackRunRow.track_id == track_id)
        .order_by(TrackRunRow.as_of, TrackRunRow.id)
    )
    return _frame(s.execute(stmt).all(), RUN_COLUMNS)


def forecasts_frame(s: Session, track_id: int) -> pd.DataFrame:
    """Every model's outcome per issue and run of one track (``params`` as a dict)."""
    f = TrackForecastRow
    stmt = _per_run(f, track_id, f.model, f.issue, f.outcome, f.params, f.error)
    frame = _frame(s.execute(stmt).all(), FORECAST_COLUMNS)
    frame["params"] = [json.loads(p) for p in frame["params"]]
    return frame


def inputs_frame(s: Session, track_id: int) -> pd.DataFrame:
    """The positions each run of one track used."""
    i = TrackInputRow
    stmt = _per_run(
        i, track_id, i.actor, i.issue, i.position, i.salience, i.clout, i.source, i.n_stances
    )
    return _frame(s.execute(stmt).all(), INPUT_COLUMNS)


def sources_frame(s: Session, track_id: int) -> pd.DataFrame:
    """The sentences that entered each run of one track, with their text when still stored."""
    x = TrackSourceRow
    stmt = _per_run(x, track_id, x.issue, x.actor, x.doc_id, x.doc_name, x.start, x.end, x.position)
    rows = s.execute(stmt).all()
    keys = {r.doc_id for r in rows}
    pks = (
        dict(
            s.execute(
                select(DocumentRow.doc_id, DocumentRow.id).where(DocumentRow.doc_id.in_(keys))
            ).all()
        )
        if keys
        else {}
    )
    texts = _Texts(s, pks.values())
    return _frame(
        [
            (*r, texts.text[pks[r.doc_id]][r.start : r.end] if r.doc_id in pks else None)
            for r in rows
        ],
        SOURCE_COLUMNS,
    )
