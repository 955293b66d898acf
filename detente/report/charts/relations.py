"""Charts of the relations part: event timeline, dyad index, network, triangle, tone.

Each returns one ``<svg>`` string with its text XML-escaped, a ``<title>`` on every
mark, and ``<a href="#...">`` around marks that have evidence in the page. Colours:
PLOVER quads use fixed hues; scores and tones use one diverging scale (red =
conflict / negative, grey = neutral, green = cooperation / positive).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from detente import svg
from detente.svg import HEAD_OVERHANG, LABEL_W, PAD_R, PLOT_H, WIDTH, TimeAxis, score_colour

QUAD_COLOURS = {
    "verbal_cooperation": "#6fb27f",
    "material_cooperation": "#1d6b3a",
    "verbal_conflict": "#e39a4a",
    "material_conflict": "#a3361f",
}
"""Fill of each PLOVER quad."""
QUAD_LABELS = {
    "verbal_cooperation": "verbal cooperation",
    "material_cooperation": "material cooperation",
    "verbal_conflict": "verbal conflict",
    "material_conflict": "material conflict",
}
"""Legend label of each quad."""
KIND_COLOURS = {"state": "#2f5d9e", "organization": "#7b4fa0", "other": "#8a94a3"}
"""Fill of network nodes by kind."""
SIGN_COLOURS = {1: "#2f8a4e", -1: "#c0452b", 0: "#b8bec8"}
"""Stroke of a triangle side by sign."""
SERIES_STYLES = (
    ("#2f5d9e", 2.5, ""),
    ("#c0661d", 1.5, "5 3"),
    ("#7b4fa0", 1.5, "2 3"),
)
"""(colour, width, dash) of the undirected series and the two directions."""
GAP_CAP_DAYS = {"D": 3, "W": 14, "M": 62}
"""Longest gap (days) drawn to scale per period length; longer gaps are cut and marked."""
TIP_SENTENCES = 6
"""Evidence sentences quoted in a point's tooltip (the full list is linked)."""


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    """One dated event on the timeline."""

    date: str
    """ISO date the event is filed under."""
    score: float
    """PLOVER score (-10 .. +10)."""
    quad: str | None
    """PLOVER quad, for the colour."""
    href: str | None
    """In-page link to the event's evidence (``#event-3``)."""
    tooltip: str
    """Hover text (who did what, the sentence)."""
    until: str | None = None
    """Last day it may have happened, for an event dated only to a month or year (drawn
    as a bar over that span rather than a dot on its first day)."""


def _span_mark(x0: float, x1: float, y: float, colour: str, r: float) -> str:
    """A bar from ``x0`` to ``x1`` with a dot in its middle: a happening known to a span."""
    mid = round((x0 + x1) / 2, 2)
    return (
        f'<line x1="{x0}" y1="{y}" x2="{x1}" y2="{y}" stroke="{colour}" stroke-width="5" '
        f'stroke-opacity="0.45" stroke-linecap="round" class="span"/>'
        f'<circle cx="{mid}" cy="{y}" r="{r:.2f}" fill="{colour}" class="pt"/>'
    )


def timeline_chart(*, title: str, points: Sequence[TimelinePoint], freq: str = "D") -> str:
    """Events by date (x) and PLOVER score (y), coloured by quad; each links to its evidence.

    Events on the same day with the same score are spread sideways so none hides another.

    Raises:
        ValueError: no points (the caller shows a sentence instead).
    """
    axis = TimeAxis(
        [d for p in points for d in (p.date, p.until) if d],
        cap_days=GAP_CAP_DAYS[freq],
        x0=LABEL_W,
        x1=WIDTH - PAD_R,
    )
    top = 28
    y, grid = svg.y_axis(-10, 10, top, 5)
    height = top + PLOT_H + 30
    parts = svg.svg_open(WIDTH, height, title)
    parts += svg.legend([(QUAD_COLOURS[q], QUAD_LABELS[q]) for q in QUAD_COLOURS], 14)
    parts += grid
    parts += axis.draw(top + PLOT_H + 6)
    stacks: dict[tuple[str, str, float], list[TimelinePoint]] = {}
    for p in points:
        stacks.setdefault((p.date, p.until or "", round(p.score, 2)), []).append(p)
    for (day, until, score), group in sorted(stacks.items()):
        for k, p in enumerate(group):
            x = round(axis(day) + (k - (len(group) - 1) / 2) * 7, 2)
            fill = QUAD_COLOURS.get(p.quad or "", "#8a94a3")
            if until:
                dy = round(y(score) + k * 6, 2)
                mark = _span_mark(axis(day), axis(until), dy, fill, 4.0)
            else:
                mark = f'<circle cx="{x}" cy="{y(score)}" r="5" fill="{fill}" class="ev"/>'
            parts.append(svg.link(p.href, mark + svg.title(p.tooltip)))
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class IndexPoint:
    """One period of a dyad index series."""

    date: str
    """ISO start of the period."""
    value: float
    """Index value (sum of the period's scores)."""
    n: int
    """Events in the period (the marker's area)."""
    href: str | None
    """In-page link to the period's evidence list."""
    tooltip: str
    """Hover text: numbers and the first sentences."""
    until: str | None = None
    """Last day of a coarser row (a month row in a weekly series): drawn as a bar over
    the span, not joined to the line of the series' own periods."""


@dataclass(frozen=True, slots=True)
class IndexSeries:
    """A line of the index chart."""

    label: str
    """Legend label."""
    points: tuple[IndexPoint, ...]
    """Points in time order."""


def index_chart(*, title: str, series: Sequence[IndexSeries], freq: str = "W") -> str:
    """Dyad index over time: first series bold (undirected), the others thin (directions).

    The y axis is symmetric around 0 (cooperation up, conflict down) and rounded up to
    a multiple of 5; marker area grows with the number of events in the period. A row
    coarser than the series' period (events known only to the month) is a bar over its
    span, apart from the line.

    Raises:
        ValueError: no dated point in any series.
    """
    dates = [d for s in series for p in s.points for d in (p.date, p.until) if d]
    axis = TimeAxis(dates, cap_days=GAP_CAP_DAYS[freq], x0=LABEL_W, x1=WIDTH - PAD_R)
    peak = max((abs(p.value) for s in series for p in s.points if svg.finite(p.value)), default=0)
    hi = max(5.0, 5.0 * math.ceil(peak / 5.0))
    top = 28
    y, grid = svg.y_axis(-hi, hi, top, hi / 2)
    height = top + PLOT_H + 30
    n_max = max((p.n for s in series for p in s.points), default=1) or 1
    parts = svg.svg_open(WIDTH, height, title)
    styles = [SERIES_STYLES[min(k, len(SERIES_STYLES) - 1)] for k in range(len(series))]
    parts += svg.legend([(c, s.label) for (c, _, _), s in zip(styles, series, strict=True)], 14)
    parts += grid
    parts += axis.draw(top + PLOT_H + 6)
    for k in reversed(range(len(series))):  # bold series drawn last, on top
        s, (colour, width, dash) = series[k], styles[k]
        spans = [p for p in s.points if svg.finite(p.value) and p.until]
        pts = [p for p in s.points if svg.finite(p.value) and not p.until]
        for p in spans:
            r = (3.0 + 5.0 * math.sqrt(p.n / n_max)) if k == 0 else 3.0
            mark = _span_mark(axis(p.date), axis(p.until), y(p.value), colour, r)
            parts.append(svg.link(p.href, mark + svg.title(p.tooltip)))
        if len(pts) > 1:
            d = " ".join(
                f"{'M' if i == 0 else 'L'}{axis(p.date)} {y(p.value)}" for i, p in enumerate(pts)
            )
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(
                f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{width}"{dash_attr}/>'
            )
        for p in pts:
            r = (3.0 + 5.0 * math.sqrt(p.n / n_max)) if k == 0 else 3.0
            mark = (
                f'<circle cx="{axis(p.date)}" cy="{y(p.value)}" r="{r:.2f}" fill="{colour}" '
                'class="pt"/>'
            )
            parts.append(svg.link(p.href, mark + svg.title(p.tooltip)))
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class GraphNode:
    """A node of the network chart."""

    id: str
    """Node id."""
    label: str
    """Display name."""
    kind: str
    """``state``, ``organization`` or ``other`` (the fill)."""
    weight: float
    """Events on its edges (the area)."""
    x: float
    """Layout x in [0, 1]."""
    y: float
    """Layout y in [0, 1]."""


@dataclass(frozen=True, slots=True)
class GraphEdge:
    """An edge of the network chart."""

    a: str
    """One end's node id."""
    b: str
    """Other end's node id."""
    n: int
    """Events (the width)."""
    score: float
    """Mean score (the colour)."""
    tooltip: str
    """Hover text."""


def network_chart(*, title: str, nodes: Sequence[GraphNode], edges: Sequence[GraphEdge]) -> str:
    """Nodes at their layout positions, edges weighted by events and coloured by mean score."""
    height, margin = 480, 56
    w_max = max((n.weight for n in nodes), default=1.0) or 1.0
    e_max = max((e.n for e in edges), default=1) or 1
    at = {
        n.id: (
            round(margin + 40 + n.x * (WIDTH - 2 * margin - 80), 2),
            round(margin + n.y * (height - 2 * margin), 2),
        )
        for n in nodes
    }
    parts = svg.svg_open(WIDTH, height, title)
    parts += svg.legend(
        [
            (KIND_COLOURS["state"], "state"),
            (KIND_COLOURS["organization"], "organisation"),
            (KIND_COLOURS["other"], "other"),
            (score_colour(4), "cooperative edge"),
            (score_colour(-4), "conflictual edge"),
        ],
        16,
    )
    for e in edges:
        if e.a not in at or e.b not in at:
            continue
        (x1, y1), (x2, y2) = at[e.a], at[e.b]
        width = 1.0 + 7.0 * math.sqrt(e.n / e_max)
        parts.append(
            f'<g><line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{score_colour(e.score, 5)}" '
            f'stroke-width="{width:.2f}" stroke-linecap="round" class="edge"/>'
            f"{svg.title(e.tooltip)}</g>"
        )
    for n in nodes:
        x, y = at[n.id]
        r = 5.0 + 13.0 * math.sqrt(max(n.weight, 0.0) / w_max)
        fill = KIND_COLOURS.get(n.kind, KIND_COLOURS["other"])
        short_label = svg.short(n.label, 24)
        parts.append(
            f'<g><circle cx="{x}" cy="{y}" r="{r:.2f}" fill="{fill}" class="node"/>'
            f"{svg.text(x, round(y + r + 12, 2), short_label, anchor='middle', cls='lbl')}"
            f"{svg.title(f'{n.label} ({n.id}): {n.weight:g} events')}</g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def triangle_chart(
    *,
    title: str,
    names: Sequence[str],
    signs: Sequence[int],
    carried: Sequence[bool],
    roles: Sequence[str | None],
    caption: str,
) -> str:
    """A small triangle of three states: sides coloured by sign, vertices labelled with roles.

    Args:
        title: Accessible title.
        names: The three states' short names.
        signs: Sign of the sides (0-1, 0-2, 1-2): +1 amicable, -1 hostile, 0 unknown.
        carried: Whether each side's sign was carried from an earlier period (dashed).
        roles: Each state's role, or None.
        caption: Line under the triangle (period and type).
    """
    w, h = 230, 222
    pts = [(115.0, 46.0), (38.0, 150.0), (192.0, 150.0)]
    parts = svg.svg_open(w, h, title)
    for (i, j), sign, was_carried in zip(((0, 1), (0, 2), (1, 2)), signs, carried, strict=True):
        (x1, y1), (x2, y2) = pts[i], pts[j]
        dash = ' stroke-dasharray="5 4"' if was_carried or sign == 0 else ""
        what = {1: "amicable", -1: "hostile", 0: "no events"}[int(sign)]
        tip = f"{names[i]}\u2013{names[j]}: {what}{' (carried forward)' if was_carried else ''}"
        parts.append(
            f'<g><line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{SIGN_COLOURS[int(sign)]}" '
            f'stroke-width="4"{dash}/>{svg.title(tip)}</g>'
        )
    for (x, y), name, role in zip(pts, names, roles, strict=True):
        name_y, role_y = (y - 28, y - 14) if y < 100 else (y + 22, y + 35)
        parts.append(
            f'<g><circle cx="{x}" cy="{y}" r="8" fill="{KIND_COLOURS["state"]}"/>'
            f"{svg.text(x, name_y, name, anchor='middle', cls='lbl')}"
            + (svg.text(x, role_y, role, anchor="middle", cls="tick") if role else "")
            + svg.title(f"{name}: {role or 'no role'}")
            + "</g>"
        )
    parts.append(svg.text(w / 2, h - 6, svg.short(caption, 36), anchor="middle", cls="lbl"))
    parts.append("</svg>")
    return "".join(parts)


def heatmap_chart(
    *,
    title: str,
    rows: Sequence[str],
    columns: Sequence[str],
    cells: dict[tuple[int, int], tuple[float, str]],
    span: float = 1.0,
) -> str:
    """A grid of coloured cells (value in [-span, span]) with the value written in each.

    Args:
        title: Accessible title.
        rows: Row labels.
        columns: Column labels (written at an angle above the grid).
        cells: (row, column) -> (value, tooltip); missing cells stay blank.
        span: The value at which the colour saturates.
    """
    cell_w = max(30.0, min(64.0, (WIDTH - LABEL_W - PAD_R) / max(len(columns), 1)))
    cell_h, head = 24, 96
    width = round(LABEL_W + cell_w * len(columns) + PAD_R + HEAD_OVERHANG, 2)
    height = head + cell_h * len(rows) + 8
    parts = svg.svg_open(width, height, title)
    for j, col in enumerate(columns):
        x = round(LABEL_W + (j + 0.5) * cell_w, 2)
        parts.append(
            f'<g><text x="{x}" y="{head - 6}" transform="rotate(-40 {x} {head - 6})" '
            f'class="lbl">{escape(svg.short(col, 16))}</text>'
            f"{svg.title(col)}</g>"
        )
    for i, row in enumerate(rows):
        y = head + i * cell_h
        parts.append(svg.text(LABEL_W - 8, y + cell_h / 2 + 4, svg.short(row, 26), anchor="end"))
        for j in range(len(columns)):
            if (i, j) not in cells:
                continue
            value, tip = cells[(i, j)]
            x = round(LABEL_W + j * cell_w, 2)
            fill = score_colour(value, span)
            parts.append(
                f'<g><rect x="{x}" y="{y}" width="{cell_w - 2:.2f}" height="{cell_h - 2}" '
                f'fill="{fill}"/>'
                + svg.text(
                    round(x + cell_w / 2 - 1, 2),
                    y + cell_h / 2 + 3,
                    f"{value:+.2f}",
                    anchor="middle",
                    cls="cell",
                )
                + f"{svg.title(tip)}</g>"
            )
    parts.append("</svg>")
    return "".join(parts)
