"""The living forecast: each model's forecast of each issue over time, and its score.

Shows the newest track ``detente track`` stored for the app's scenario (the chart
is the report's, :func:`detente.report.charts.track.forecast_chart`), the sentences
that moved each run, and the backtest against the scenario's observed outcomes.
"""

from __future__ import annotations

from fastapi import APIRouter, Request

from detente.errors import NotFound
from detente.report.charts.track import track_charts
from detente.report.views.track import gather_track
from detente.web.deps import ScenarioDep, StoreDep, TemplatesDep
from detente.web.schemas import TrackOut, error_responses

router = APIRouter()


def _view(store, state):
    sf = state.file()
    view = gather_track(store, sf, {})
    if view is None:
        raise NotFound(
            f"no stored track of scenario {sf.scenario.name!r}; run `detente track --scenario "
            f"{state.path}` first"
        )
    return sf, view


def _payload(sf, view) -> dict:
    return {
        "track_id": view.track_id,
        "scenario": sf.scenario.name,
        "every": view.every,
        "seed": view.seed,
        "runs": [{"as_of": d, "n_documents": n, "n_stances": k} for d, n, k in view.runs],
        "issues": [
            {
                "id": i.id,
                "name": i.name,
                "status_quo": i.status_quo,
                "series": {m: [{"as_of": d, "outcome": v} for d, v in pts] for m, pts in i.series},
                "outcomes": [
                    {
                        "date": o.date,
                        "position": o.position,
                        "note": o.note,
                        "evidence": list(o.evidence),
                    }
                    for o in i.outcomes
                ],
                "moves": [
                    {
                        "as_of": m.as_of,
                        "actor": m.actor,
                        "position": m.position,
                        "doc": m.doc_name,
                        "sentence": m.sentence,
                    }
                    for m in i.moves
                ],
            }
            for i in view.issues
        ],
        "backtest": [
            {
                "model": name,
                "baseline": name in view.backtest.baselines,
                "mae": dict(zip(view.backtest.bands, maes, strict=True)),
                "n": dict(zip(view.backtest.bands, counts, strict=True)),
            }
            for name, maes, counts in view.backtest.rows
        ]
        if view.backtest
        else None,
    }


@router.get("/scenario/track", include_in_schema=False)
def track_page(request: Request, store: StoreDep, state: ScenarioDep, templates: TemplatesDep):
    """Each issue's forecasts over time with the articles that moved them, and the score."""
    sf, view = _view(store, state)
    return templates.TemplateResponse(
        request,
        "track.html",
        {"name": sf.scenario.name, "view": view, "charts": track_charts(view)},
    )


@router.get(
    "/api/v1/scenario/track",
    response_model=TrackOut,
    tags=["scenario"],
    responses=error_responses(404, 422),
)
def get_track(store: StoreDep, state: ScenarioDep):
    """The newest stored track of the scenario: forecasts per run, moves, backtest."""
    sf, view = _view(store, state)
    return _payload(sf, view)
