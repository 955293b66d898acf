"""The forecast sections' template variables: issue charts, the position map, what-if charts."""

from __future__ import annotations

import math
from typing import Any

from detente.report.charts import forecast as charts
from detente.report.views.forecast import ScenarioView
from detente.report.views.report import ReportData


def has_scenario(data: ReportData) -> bool:
    """Whether the report forecasts a scenario (the scenario sections show)."""
    return data.scenario is not None


def has_whatifs(data: ReportData) -> bool:
    """Whether the scenario declares what-ifs."""
    return data.scenario is not None and bool(data.scenario.variants)


def issue_charts(data: ReportData) -> dict[str, Any]:
    """Template variables of the issues section: each issue's chart and the position map."""
    view = data.scenario
    assert view is not None  # guarded by applies
    names = {a.id: a.name for a in view.actors}
    out = {}
    for issue in view.issues:
        points = []
        for p in (p for p in view.positions if p.issue == issue.id):
            low = high = None
            if p.position_range is not None:
                low, high = p.position_range
            elif p.position_sd:
                low, high = p.position - p.position_sd, p.position + p.position_sd
            points.append(
                charts.ActorPoint(
                    label=names[p.actor],
                    position=p.position,
                    weight=p.clout * p.salience,
                    low=low,
                    high=high,
                    tooltip=f"salience {p.salience:g}, clout {p.clout:g}",
                )
            )
        outcomes = []
        for run in view.runs:
            if issue.id not in run.outcomes:
                continue
            band = run.band.get(issue.id)
            outcomes.append(
                charts.OutcomePoint(
                    label=run.model,
                    value=run.outcomes[issue.id],
                    low=band[0] if band else None,
                    high=band[2] if band else None,
                )
            )
        out[issue.id] = charts.issue_chart(
            title=f"{issue.name}: positions and forecasts",
            low=issue.low,
            high=issue.high,
            actors=points,
            outcomes=outcomes,
            status_quo=issue.status_quo,
            marks=issue.marks,
            low_label=issue.low_label,
            high_label=issue.high_label,
        )
    return {"issue_charts": out, "position_map": position_map_chart(view)}


def headline_run(view: ScenarioView):
    """The position map's forecast: ``compromise`` if it ran, else the first model that did."""
    ok = [r for r in view.runs if r.error is None]
    return next((r for r in ok if r.model == "compromise"), ok[0] if ok else None)


def position_map_chart(view: ScenarioView) -> str | None:
    """Position map of every actor on every issue with the headline forecast and its band."""
    if not view.issues or not view.actors:
        return None
    run = headline_run(view)
    issues = []
    for issue in view.issues:
        outcome = run.outcomes.get(issue.id) if run else None
        band = run.band.get(issue.id) if run else None
        others = tuple(
            r.outcomes[issue.id]
            for r in view.runs
            if r is not run and r.error is None and issue.id in r.outcomes
        )
        issues.append(
            charts.MapIssue(
                name=issue.name,
                low=issue.low,
                high=issue.high,
                outcome=outcome,
                band=(band[0], band[2]) if band else None,
                others=others,
            )
        )
    a_index = {a.id: i for i, a in enumerate(view.actors)}
    i_index = {i.id: j for j, i in enumerate(view.issues)}
    cells = {}
    for p in view.positions:
        low = high = None
        if p.position_range is not None:
            low, high = p.position_range
        elif p.position_sd:
            low, high = p.position - p.position_sd, p.position + p.position_sd
        cells[(a_index[p.actor], i_index[p.issue])] = charts.MapCell(
            p.position, p.salience, low, high
        )
    return charts.position_map(
        title="Position map: every actor on every issue, with the forecast",
        actors=[a.name for a in view.actors],
        issues=issues,
        cells=cells,
        model=run.model if run else None,
    )


def headline_model(view: ScenarioView) -> str | None:
    """The model whose what-if deltas are charted: ``compromise`` if it ran, else the first."""
    names = [t.model for t in view.whatifs if t.error is None]
    return "compromise" if "compromise" in names else (names[0] if names else None)


def whatif_charts(data: ReportData) -> dict[str, Any]:
    """Template variables of the what-ifs section: the headline model's change charts."""
    view = data.scenario
    assert view is not None  # guarded by applies
    model = headline_model(view)
    table = next((t for t in view.whatifs if t.model == model), None)
    out = {}
    if table is not None:
        span = max(i.high - i.low for i in view.issues)
        for v in view.variants:
            rows = [
                (i.name, table.outcomes.get(v.id, {}).get(i.id, math.nan) - table.baseline[i.id])
                for i in view.issues
            ]
            out[v.id] = charts.delta_chart(
                title=f"{v.name}: change from baseline", rows=rows, span=span
            )
    return {"delta_charts": out, "headline_model": model}
