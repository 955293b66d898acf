"""The relations sections' template variables: timeline, dyad index, network, triangle, framing."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from detente import svg
from detente.report.charts import relations as rc
from detente.report.views.dyads import DyadPoint, EventRef
from detente.report.views.report import ReportData

FREQ_WORDS = {"D": "day", "W": "week", "M": "month"}
"""Period names shown beside the charts."""


def has_relations(data: ReportData) -> bool:
    """Whether the relations part was gathered."""
    return data.relations is not None


def _sentence_lines(evidence: tuple[EventRef, ...]) -> str:
    lines = [
        f"\u2022 {e.type}{'/' + e.mode if e.mode else ''} ({e.score:+g}"
        f"{f', {e.n_documents} sources' if e.n_documents > 1 else ''}): "
        f"{svg.short(e.sentence, 140)}"
        for e in evidence[: rc.TIP_SENTENCES]
    ]
    if len(evidence) > rc.TIP_SENTENCES:
        lines.append(f"\u2026 and {len(evidence) - rc.TIP_SENTENCES} more (click for all)")
    return "\n".join(lines)


def period_words(p: DyadPoint, freq: str) -> str:
    """How a point's period reads.

    "week of 2025-02-17", or "month of 2025-02-01 (dated only to the month)".
    """
    res = p.resolution or FREQ_WORDS[freq]
    note = f" (dated only to the {res})" if res != FREQ_WORDS[freq] else ""
    return f"{res} of {p.period}{note}"


def _point_tip(label: str, p: DyadPoint, freq: str) -> str:
    head = (
        f"{label}, {period_words(p, freq)}: index {p.score_sum:+g} from {p.n_events} "
        f"event(s), mean {p.score_mean:+.2f}"
    )
    if p.n_reports > p.n_events:
        head += f"; {p.n_reports} reports in {p.n_documents} article(s)"
    return head + "\n" + _sentence_lines(p.evidence)


def _span_end(precision: str | None, when: str) -> str | None:
    """Last day of the month or year an event dated only to it may have happened."""
    if precision not in ("month", "year"):
        return None
    start = date.fromisoformat(when)
    if precision == "year":
        return date(start.year, 12, 31).isoformat()
    return date(
        start.year, start.month, calendar.monthrange(start.year, start.month)[1]
    ).isoformat()


def timeline_context(data: ReportData) -> dict[str, Any]:
    """The event timeline: one mark per happening told as news; the rest listed by the template.

    Reports of one happening (one event cluster) are one mark, linked to its first
    report; a happening dated only to a month or year is a bar over that span.
    """
    events = data.corpus.events
    shown = [
        e for e in events if e.when and e.score is not None and e.cluster_first and not e.background
    ]
    points = [
        rc.TimelinePoint(
            date=e.when,
            until=_span_end(e.date_precision, e.when),
            score=e.score,
            quad=e.quad,
            href=f"#{e.anchor}" if e.anchor else None,
            tooltip=(
                f"{_when_words(e)}: {e.source or '?'} {e.type}{' / ' + e.mode if e.mode else ''} "
                f"{e.target or ''} (score {e.score:+g}, {e.doc_name}"
                f"{_sources_words(e.cluster_documents)})\n{svg.short(e.evidence, 200)}"
            ),
        )
        for e in shown
    ]
    chart = rc.timeline_chart(title="Events by date and score", points=points) if points else None
    return {
        "timeline_chart": chart,
        "n_timeline": len(points),
        "undated_events": [
            e
            for e in events
            if not e.when and e.score is not None and e.cluster_first and not e.background
        ],
        "background_events": [e for e in events if e.background and e.score is not None],
        "repeated_reports": sum(
            1 for e in events if e.score is not None and not e.cluster_first and not e.background
        ),
        "unscored_events": [e for e in events if e.score is None],
    }


def _sources_words(n: int) -> str:
    return f"; reported by {n} articles" if n > 1 else ""


def _when_words(e) -> str:
    if e.date_precision in ("month", "year"):
        return f"{e.when[:7] if e.date_precision == 'month' else e.when[:4]} ({e.date_precision})"
    return f"{e.when}{' (publication date)' if e.dated_by == 'published' else ''}"


def _index_points(s, by_period: dict, rel_freq: str) -> tuple:
    return tuple(
        rc.IndexPoint(
            date=p.period,
            until=p.period_end
            if p.resolution in ("month", "year") and p.resolution != FREQ_WORDS[rel_freq]
            else None,
            value=p.score_sum,
            n=p.n_events,
            href=f"#{by_period.get((p.period, p.resolution), p.anchor)}",
            tooltip=_point_tip(s.label, p, rel_freq),
        )
        for p in s.points
        if p.period is not None
    )


def dyad_context(data: ReportData) -> dict[str, Any]:
    """One index chart per charted dyad (the undirected series and each direction).

    With its month view when the index is finer than a month.
    """
    rel = data.relations
    assert rel is not None  # guarded by applies
    charts, monthly = {}, {}
    for d in rel.dyads:
        by_period = {(p.period, p.resolution): p.anchor for p in d.series[0].points}
        series = [rc.IndexSeries(s.label, _index_points(s, by_period, rel.freq)) for s in d.series]
        if any(s.points for s in series):
            charts[d.id] = rc.index_chart(
                title=f"{d.a_name} \u2013 {d.b_name}: index per {FREQ_WORDS[rel.freq]}",
                series=series,
                freq=rel.freq,
            )
        m = d.monthly
        if m is not None and m.points:
            own = {(p.period, p.resolution): p.anchor for p in m.points}
            monthly[d.id] = rc.index_chart(
                title=f"{d.a_name} \u2013 {d.b_name}: index per month",
                series=[rc.IndexSeries(m.label, _index_points(m, own, "M"))],
                freq="M",
            )
    return {"dyad_charts": charts, "month_charts": monthly, "freq_word": FREQ_WORDS[rel.freq]}


def network_context(data: ReportData) -> dict[str, Any]:
    """The actor network chart."""
    rel = data.relations
    assert rel is not None  # guarded by applies
    net = rel.network
    if not net.nodes:
        return {"network_chart": None}
    names = {n.id: n.label for n in net.nodes}
    chart = rc.network_chart(
        title="Actor network: events between states and organisations",
        nodes=[rc.GraphNode(n.id, n.label, n.kind, n.n_events, n.x, n.y) for n in net.nodes],
        edges=[
            rc.GraphEdge(
                e.a,
                e.b,
                e.n_events,
                e.score_mean,
                f"{names[e.a]} \u2013 {names[e.b]}: {e.n_events} event(s), "
                f"mean score {e.score_mean:+.2f}, sum {e.score_sum:+g}",
            )
            for e in net.edges
        ],
    )
    return {"network_chart": chart}


def triangle_context(data: ReportData) -> dict[str, Any]:
    """Small-multiple triangles: the whole corpus first, then each period."""
    rel = data.relations
    assert rel is not None  # guarded by applies
    t = rel.triangle
    if t is None:
        return {"triangle_charts": []}
    charts = []
    for p in (t.overall, *t.periods):
        charts.append(
            rc.triangle_chart(
                title=f"Strategic triangle, {p.period}: {p.label}",
                names=t.states,
                signs=p.signs,
                carried=p.carried,
                roles=p.roles,
                caption=f"{p.period}: {p.label}",
            )
        )
    return {"triangle_charts": charts}


def framing_context(data: ReportData) -> dict[str, Any]:
    """Heat map of tone per outlet (rows) toward the most mentioned actors (columns)."""
    rel = data.relations
    assert rel is not None  # guarded by applies
    f = rel.framing
    if not f.tone:
        return {"tone_chart": None}
    outlets = [o for o in f.outlets if any(c.outlet == o for c in f.tone)]
    col = {a: j for j, (a, _) in enumerate(f.actors)}
    row = {o: i for i, o in enumerate(outlets)}
    cells = {
        (row[c.outlet], col[c.actor_id]): (
            c.tone_mean,
            f"{c.outlet} on {c.name}: mean tone {c.tone_mean:+.2f} over {c.n_sentences} "
            f"sentence(s), {c.n_positive} positive, {c.n_negative} negative",
        )
        for c in f.tone
    }
    chart = rc.heatmap_chart(
        title="Tone of each outlet toward each actor",
        rows=outlets,
        columns=[name for _, name in f.actors],
        cells=cells,
        span=0.5,
    )
    return {"tone_chart": chart}
