"""The report's sections, looked up in a registry so new ones plug in without editing the renderer.

A section is a template plus a predicate saying whether it applies to a given report
(the forecast sections need a scenario) and an optional function computing extra
template variables (the chart SVGs). Built-ins register through the same
:func:`register_section` call an add-on uses (datasette's ``DEFAULT_PLUGINS`` idea), so
the relations sections (event timeline, dyad index chart, network, channels,
triangle, framing; their charts in :mod:`detente.report.relation_sections`) are one
template and one ``register_section`` each.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from detente.report import charts, track_data
from detente.report import relation_sections as rel
from detente.report.records import ReportData, ScenarioView


def _always(data: ReportData) -> bool:
    return True


def _no_context(data: ReportData) -> dict[str, Any]:
    return {}


@dataclass(frozen=True, slots=True)
class Section:
    """One section of the report."""

    id: str
    """HTML id and registry key."""
    title: str
    """Heading and navigation label."""
    template: str
    """Template path under ``detente/report/templates``."""
    applies: Callable[[ReportData], bool] = _always
    """Whether the section is shown for this report."""
    context: Callable[[ReportData], dict[str, Any]] = field(default=_no_context)
    """Extra template variables, computed only when the section is shown."""


SECTIONS: dict[str, Section] = {}
"""Registered sections in display order."""


def register_section(section: Section, *, before: str | None = None) -> Section:
    """Add (or replace) a section; ``before`` puts it ahead of an existing one, else last."""
    SECTIONS.pop(section.id, None)
    if before is None:
        SECTIONS[section.id] = section
        return section
    if before not in SECTIONS:
        raise KeyError(f"no section {before!r}; sections are {', '.join(SECTIONS)}")
    items = list(SECTIONS.items())
    at = [k for k, _ in items].index(before)
    items.insert(at, (section.id, section))
    SECTIONS.clear()
    SECTIONS.update(items)
    return section


def _has_scenario(data: ReportData) -> bool:
    return data.scenario is not None


def _has_whatifs(data: ReportData) -> bool:
    return data.scenario is not None and bool(data.scenario.variants)


def _issue_charts(data: ReportData) -> dict[str, Any]:
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


def _whatif_charts(data: ReportData) -> dict[str, Any]:
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


for _section in (
    Section("overview", "Overview", "sections/overview.html.j2"),
    Section("forecast", "Forecast", "sections/forecast.html.j2", _has_scenario),
    Section("issues", "Issues", "sections/issues.html.j2", _has_scenario, _issue_charts),
    Section("whatifs", "What-ifs", "sections/whatifs.html.j2", _has_whatifs, _whatif_charts),
    Section(
        "tracking",
        "Forecast over time",
        "sections/tracking.html.j2",
        track_data.has_track,
        track_data.track_context,
    ),  # fmt: skip
    Section("inputs", "Scenario inputs", "sections/inputs.html.j2", _has_scenario),
    Section("evidence", "Evidence", "sections/evidence.html.j2", _has_scenario),
    Section("models", "Model parameters", "sections/models.html.j2", _has_scenario),
    Section(
        "timeline", "Event timeline", "sections/timeline.html.j2", context=rel.timeline_context
    ),
    Section(
        "dyads",
        "Relationship index",
        "sections/dyads.html.j2",
        rel.has_relations,
        rel.dyad_context,
    ),  # fmt: skip
    Section(
        "network",
        "Actor network",
        "sections/network.html.j2",
        rel.has_relations,
        rel.network_context,
    ),  # fmt: skip
    Section("channels", "Channels", "sections/channels.html.j2", rel.has_relations),
    Section(
        "triangle",
        "Strategic triangle",
        "sections/triangle.html.j2",
        rel.has_relations,
        rel.triangle_context,
    ),  # fmt: skip
    Section(
        "framing",
        "Source framing",
        "sections/framing.html.j2",
        rel.has_relations,
        rel.framing_context,
    ),  # fmt: skip
    Section("documents", "Documents", "sections/documents.html.j2"),
    Section("actors", "Actors", "sections/actors.html.j2"),
    Section("events", "Events", "sections/events.html.j2"),
    Section("quotes", "Quotes", "sections/quotes.html.j2"),
    Section("texts", "Document texts", "sections/texts.html.j2"),
):
    register_section(_section)
del _section
