"""SVG chart of one issue's forecast over time: a line per model, outcomes and status quo.

Drawn with :mod:`detente.svg` (the time axis is the relations charts' one): x is the
run dates, y the issue's scale; each model's outcomes are a line, the observed
outcomes are diamonds, the status quo a dashed line. A run point's tooltip names the
sentences that entered that run (the articles that moved it) and links to their list
in the page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from detente import svg
from detente.report.views.track import TrackView
from detente.svg import LABEL_W, PAD_R, PLOT_H, WIDTH, TimeAxis

MODEL_COLOURS = ("#2f5d9e", "#c0661d", "#3c8f5a", "#7b4fa0", "#b0413e", "#5d6878", "#c9a227")
"""Line colour of each model, in the order given."""


def forecast_chart(
    *,
    title: str,
    low: float,
    high: float,
    status_quo: float | None,
    series: Sequence[tuple[str, Sequence[tuple[str, float]]]],
    outcomes: Sequence[tuple[str, float, str]] = (),
    moves: Mapping[str, tuple[str, str]] | None = None,
) -> str:
    """One issue's forecasts over time.

    Args:
        title: Accessible title.
        low: Scale low end.
        high: Scale high end.
        status_quo: Drawn as a dashed line when given.
        series: (model, ((ISO date, outcome), ...)) per model.
        outcomes: (ISO date, observed position, tooltip) per observed outcome.
        moves: ISO run date -> (in-page link, tooltip naming the sentences that entered).

    Raises:
        ValueError: no dated point at all.
    """
    moves = moves or {}
    dates = [d for _, pts in series for d, _ in pts] + [d for d, _, _ in outcomes]
    axis = TimeAxis(dates, cap_days=120, x0=LABEL_W, x1=WIDTH - PAD_R)
    top = 30
    span = high - low

    def y(v: float) -> float:
        v = min(max(v, low), high)
        return round(top + (high - v) / span * PLOT_H, 2)

    height = top + PLOT_H + 34
    parts = svg.svg_open(WIDTH, height, title)
    colours = {name: MODEL_COLOURS[k % len(MODEL_COLOURS)] for k, (name, _) in enumerate(series)}
    legend = [(colours[name], name) for name, _ in series]
    if outcomes:
        legend.append(("#1d2430", "observed"))
    parts += svg.legend(legend, 14)
    for k in range(5):
        v = low + span * k / 4
        parts.append(
            f'<line x1="{LABEL_W}" y1="{y(v)}" x2="{WIDTH - PAD_R}" y2="{y(v)}" class="grid"/>'
        )
        parts.append(svg.text(LABEL_W - 6, y(v) + 4, f"{v:g}", anchor="end", cls="tick"))
    if status_quo is not None and svg.finite(status_quo):
        parts.append(
            f'<g><line x1="{LABEL_W}" y1="{y(status_quo)}" x2="{WIDTH - PAD_R}" '
            f'y2="{y(status_quo)}" class="sq"/>{svg.title(f"status quo {status_quo:g}")}</g>'
        )
    parts += axis.draw(top + PLOT_H + 6)
    for name, pts in series:
        pts = [(d, v) for d, v in pts if svg.finite(v)]
        colour = colours[name]
        if len(pts) > 1:
            path = " ".join(
                f"{'M' if i == 0 else 'L'}{axis(d)} {y(v)}" for i, (d, v) in enumerate(pts)
            )
            parts.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for d, v in pts:
            href, moved = moves.get(d, (None, ""))
            tip = f"{name}, as of {d}: {v:.1f}" + (f"\n{moved}" if moved else "")
            mark = f'<circle cx="{axis(d)}" cy="{y(v)}" r="3.5" fill="{colour}" class="pt"/>'
            parts.append(svg.link(href, mark + svg.title(tip)))
    for d, v, tip in outcomes:
        x, yy = axis(d), y(v)
        parts.append(
            f'<g><path d="M{x} {yy - 7} L{x + 7} {yy} L{x} {yy + 7} L{x - 7} {yy} Z" '
            f'fill="#1d2430" class="pt"/>{svg.title(f"observed {d}: {v:g}. {tip}")}</g>'
        )
    parts.append("</svg>")
    return "".join(parts)


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
            line = (
                f"\u2022 {m.actor} at {m.position:g}: {m.doc_name}"
                if m.position is not None
                else f"\u2022 {m.actor}: {m.doc_name}"
            )
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
