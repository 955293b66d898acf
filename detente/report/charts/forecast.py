"""The forecast's charts: one chart per issue, the what-if deltas, the position map.

Each builder returns one ``<svg>`` element as a string, ready to be inlined in the
report (which must stay a single self-contained file); every mark carries a
``<title>`` so hovering shows the exact number and where it comes from.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from detente import svg
from detente.svg import HEAD_OVERHANG, LABEL_W, PAD_R, WIDTH

ROW_H = 22
"""Height of one actor or model row."""
AXIS_H = 46
"""Height of the scale axis under the rows."""
MAX_R = 10.0
"""Radius of the heaviest actor's marker."""
LABEL_CHARS = 26
"""Characters of a row label that fit the gutter (the full label is in the row's tooltip)."""
MIN_R = 2.5
"""Radius of a weightless actor's marker (still visible)."""


@dataclass(frozen=True, slots=True)
class ActorPoint:
    """An actor's position on an issue."""

    label: str
    """Row label (actor name)."""
    position: float
    """Position on the issue's scale."""
    weight: float
    """Clout x salience; the marker's area is proportional to it."""
    low: float | None = None
    """Lower end of the position's uncertainty (e.g. position - sd, or a range); None if fixed."""
    high: float | None = None
    """Upper end of the position's uncertainty; None if fixed."""
    tooltip: str = ""
    """Extra hover text (salience, clout)."""


@dataclass(frozen=True, slots=True)
class OutcomePoint:
    """A model's forecast on an issue."""

    label: str
    """Row label (model name)."""
    value: float
    """Forecast outcome."""
    low: float | None = None
    """5 % point of the Monte Carlo outcomes; None without draws."""
    high: float | None = None
    """95 % point of the Monte Carlo outcomes; None without draws."""


def _num(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".") if math.isfinite(v) else "n/a"


class _Scale:
    """Maps an issue's [low, high] onto the plot's x range, clipping to it."""

    def __init__(self, low: float, high: float) -> None:
        if not (svg.finite(low, high) and high > low):
            raise ValueError(f"bad scale [{low}, {high}]")
        self.low, self.high = low, high
        self.x0, self.x1 = LABEL_W, WIDTH - PAD_R

    def __call__(self, v: float) -> float:
        v = min(max(v, self.low), self.high)
        return round(self.x0 + (v - self.low) / (self.high - self.low) * (self.x1 - self.x0), 2)


def _row_label(y: float, label: str, *, cls: str = "lbl") -> str:
    """A row's label, right-aligned in the gutter and shortened to fit it."""
    return svg.text(LABEL_W - 8, y + 4, svg.short(label, LABEL_CHARS), anchor="end", cls=cls)


def _axis(scale: _Scale, y: float, marks: Sequence[tuple[float, str]]) -> list[str]:
    parts = [f'<line x1="{scale.x0}" y1="{y}" x2="{scale.x1}" y2="{y}" class="axis"/>']
    ticks = [(scale.low, ""), *[(v, t) for v, t in marks if scale.low < v < scale.high]]
    ticks.append((scale.high, ""))
    for v, meaning in ticks:
        x = scale(v)
        tip = svg.title(f"{_num(v)}: {meaning}") if meaning else ""
        parts.append(
            f'<g><line x1="{x}" y1="{y}" x2="{x}" y2="{y + 5}" class="axis"/>'
            f"{svg.text(x, y + 17, _num(v), anchor='middle', cls='tick')}{tip}</g>"
        )
    return parts


def issue_chart(
    *,
    title: str,
    low: float,
    high: float,
    actors: Sequence[ActorPoint],
    outcomes: Sequence[OutcomePoint] = (),
    status_quo: float | None = None,
    marks: Sequence[tuple[float, str]] = (),
    low_label: str = "",
    high_label: str = "",
) -> str:
    """Chart of one issue: actors' positions, then each model's outcome and band.

    Actors are circles whose area is proportional to clout x salience, with whiskers
    for their uncertainty; models are diamonds with their 5-95 % Monte Carlo band.

    Args:
        title: Accessible title of the chart.
        low: Lower end of the issue scale.
        high: Upper end of the issue scale.
        actors: One row each; non-finite positions are left out.
        outcomes: One row each; non-finite values are left out.
        status_quo: Drawn as a dashed vertical line when given.
        marks: (value, meaning) ticks on the axis.
        low_label: Meaning of the lower end, shown under the axis.
        high_label: Meaning of the upper end, shown under the axis.

    Returns:
        An ``<svg>`` element as a string.

    Raises:
        ValueError: the scale is empty or not finite.
    """
    scale = _Scale(low, high)
    actors = [a for a in actors if svg.finite(a.position, a.weight)]
    outcomes = [o for o in outcomes if svg.finite(o.value)]
    n_rows = len(actors) + len(outcomes) + (1 if actors and outcomes else 0)
    top = 8
    axis_y = top + n_rows * ROW_H + 6
    height = axis_y + AXIS_H
    w_max = max((a.weight for a in actors), default=0.0)
    parts = svg.svg_open(WIDTH, height, title)
    for k in range(n_rows):
        if k % 2 == 0:
            parts.append(
                f'<rect x="0" y="{top + k * ROW_H}" width="{WIDTH}" height="{ROW_H}" class="band"/>'
            )
    if status_quo is not None and svg.finite(status_quo):
        x = scale(status_quo)
        parts.append(
            f'<g><line x1="{x}" y1="{top}" x2="{x}" y2="{axis_y}" class="sq"/>'
            f"{svg.title(f'status quo {_num(status_quo)}')}</g>"
        )
    for k, a in enumerate(actors):
        y = top + k * ROW_H + ROW_H / 2
        r = MIN_R + (MAX_R - MIN_R) * (math.sqrt(a.weight / w_max) if w_max > 0 else 0.0)
        tip = f"{a.label}: position {_num(a.position)}"
        whisker = ""
        if svg.finite(a.low, a.high):
            tip += f" (uncertainty {_num(a.low)} to {_num(a.high)})"
            x0, x1 = scale(a.low), scale(a.high)
            whisker = f'<line x1="{x0}" y1="{y}" x2="{x1}" y2="{y}" class="whisker"/>'
        if a.tooltip:
            tip += f"; {a.tooltip}"
        parts.append(
            f"<g>{_row_label(y, a.label)}{whisker}"
            f'<circle cx="{scale(a.position)}" cy="{y}" r="{r:.2f}" class="actor"/>'
            f"{svg.title(tip)}</g>"
        )
    first = len(actors) + (1 if actors and outcomes else 0)
    for k, o in enumerate(outcomes):
        y = top + (first + k) * ROW_H + ROW_H / 2
        x = scale(o.value)
        tip = f"{o.label}: outcome {_num(o.value)}"
        bar = ""
        if svg.finite(o.low, o.high):
            tip += f" (5-95 % band {_num(o.low)} to {_num(o.high)})"
            x0, x1 = scale(o.low), scale(o.high)
            bar = (
                f'<rect x="{x0}" y="{y - 5}" width="{max(x1 - x0, 1.0):.2f}" height="10" '
                'class="mc"/>'
            )
        d = f"M{x} {y - 7} L{x + 7} {y} L{x} {y + 7} L{x - 7} {y} Z"
        parts.append(
            f"<g>{_row_label(y, o.label, cls='lbl model')}{bar}"
            f'<path d="{d}" class="outcome"/>{svg.title(tip)}</g>'
        )
    parts += _axis(scale, axis_y, marks)
    low_end = f"{_num(low)}: {low_label}"
    if low_label:
        parts.append(
            f"<g>{svg.text(scale.x0, axis_y + 36, svg.short(low_end), cls='end')}"
            f"{svg.title(low_label)}</g>"
        )
    if high_label:
        short = svg.short(f"{_num(high)}: {high_label}")
        parts.append(
            f"<g>{svg.text(scale.x1, axis_y + 36, short, anchor='end', cls='end')}"
            f"{svg.title(high_label)}</g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def delta_chart(*, title: str, rows: Sequence[tuple[str, float]], span: float) -> str:
    """Horizontal bars of what-if deltas around zero (variant minus baseline).

    Args:
        title: Accessible title.
        rows: (label, delta) pairs; non-finite deltas are drawn as "n/a".
        span: The largest |delta| the axis shows (e.g. the issue scale's width); must be > 0.

    Returns:
        An ``<svg>`` element as a string.
    """
    if not (svg.finite(span) and span > 0):
        raise ValueError(f"span must be a positive number, got {span}")
    mid = (LABEL_W + WIDTH - PAD_R) / 2
    half = (WIDTH - PAD_R - LABEL_W) / 2 - 40
    height = 8 + len(rows) * ROW_H + 8
    parts = [
        *svg.svg_open(WIDTH, height, title),
        f'<line x1="{mid}" y1="4" x2="{mid}" y2="{height - 4}" class="axis"/>',
    ]
    for k, (label, delta) in enumerate(rows):
        y = 8 + k * ROW_H + ROW_H / 2
        if not svg.finite(delta):
            parts.append(
                f"<g>{_row_label(y, label)}{svg.text(mid + 6, y + 4, 'n/a', cls='tick')}"
                f"{svg.title(f'{label}: n/a')}</g>"
            )
            continue
        w = min(abs(delta), span) / span * half
        x = mid if delta >= 0 else mid - w
        cls = "up" if delta > 0 else "down" if delta < 0 else "flat"
        tx, anchor = (mid + w + 4, "start") if delta >= 0 else (mid - w - 4, "end")
        parts.append(
            f"<g>{_row_label(y, label)}"
            f'<rect x="{x:.2f}" y="{y - 6}" width="{max(w, 0.5):.2f}" height="12" class="{cls}"/>'
            f"{svg.text(round(tx, 2), y + 4, f'{delta:+.1f}', anchor=anchor, cls='tick')}"
            f"{svg.title(f'{label}: {delta:+.2f}')}</g>"
        )
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class MapCell:
    """One actor's stance on one issue in the position map."""

    position: float
    """Position on the issue's scale."""
    salience: float
    """Salience in [0, 1] (the marker's size)."""
    low: float | None = None
    """Lower end of the position's uncertainty, if any."""
    high: float | None = None
    """Upper end of the position's uncertainty, if any."""


@dataclass(frozen=True, slots=True)
class MapIssue:
    """A column of the position map: an issue and the headline forecast on it."""

    name: str
    """Issue name."""
    low: float
    """Lower end of the scale."""
    high: float
    """Upper end of the scale."""
    outcome: float | None
    """Headline model's forecast, if any."""
    band: tuple[float, float] | None
    """Its 5-95 % Monte Carlo band, if any."""
    others: tuple[float, ...] = ()
    """Other models' forecasts (drawn as small ticks in the bottom row)."""


def position_map(
    *,
    title: str,
    actors: Sequence[str],
    issues: Sequence[MapIssue],
    cells: dict[tuple[int, int], MapCell],
    model: str | None,
) -> str:
    """Every actor on every issue at once: rows actors, columns issues, each cell a mini scale.

    In a cell the dot is the actor's position (area proportional to salience, whisker its
    uncertainty); the shaded strip and line are the headline model's 5-95 % band and
    forecast, so the eye reads who sits near the expected outcome on which issue. The
    bottom row repeats the forecast and marks the other models' forecasts.
    """
    col_w = (WIDTH - LABEL_W - PAD_R) / max(len(issues), 1)
    row_h, head = 24, 84
    n_rows = len(actors) + 1
    height = head + n_rows * row_h + 10
    width = WIDTH + HEAD_OVERHANG
    parts = svg.svg_open(width, height, title)

    def sx(j: int, v: float) -> float:
        iss = issues[j]
        t = (min(max(v, iss.low), iss.high) - iss.low) / (iss.high - iss.low)
        return round(LABEL_W + j * col_w + 6 + t * (col_w - 12), 2)

    for j, iss in enumerate(issues):
        x = round(LABEL_W + (j + 0.5) * col_w, 2)
        parts.append(
            f'<g><text x="{x}" y="{head - 8}" transform="rotate(-35 {x} {head - 8})" '
            f'class="lbl">{escape(svg.short(iss.name, 20))}</text>'
            f"{svg.title(f'{iss.name}: scale {_num(iss.low)} to {_num(iss.high)}')}</g>"
        )
        x0 = round(LABEL_W + j * col_w + 2, 2)
        parts.append(
            f'<rect x="{x0}" y="{head}" width="{col_w - 4:.2f}" height="{n_rows * row_h}" '
            'class="col"/>'
        )
        if iss.band is not None and svg.finite(*iss.band):
            b0, b1 = sx(j, iss.band[0]), sx(j, iss.band[1])
            parts.append(
                f'<rect x="{b0}" y="{head}" width="{max(b1 - b0, 1.0):.2f}" '
                f'height="{n_rows * row_h}" class="mc"/>'
            )
        if iss.outcome is not None and svg.finite(iss.outcome):
            xo = sx(j, iss.outcome)
            parts.append(
                f'<line x1="{xo}" y1="{head}" x2="{xo}" y2="{head + n_rows * row_h}" class="fc"/>'
            )
    for i, actor in enumerate(actors):
        y = head + i * row_h + row_h / 2
        parts.append(svg.text(LABEL_W - 8, y + 4, svg.short(actor, 26), anchor="end"))
        for j, iss in enumerate(issues):
            c = cells.get((i, j))
            if c is None or not svg.finite(c.position):
                continue
            whisker, tip = "", f"{actor} on {iss.name}: position {_num(c.position)}"
            if svg.finite(c.low, c.high):
                whisker = (
                    f'<line x1="{sx(j, c.low)}" y1="{y}" x2="{sx(j, c.high)}" y2="{y}" '
                    'class="whisker"/>'
                )
                tip += f" ({_num(c.low)} to {_num(c.high)})"
            tip += f", salience {c.salience:.2f}"
            if iss.outcome is not None and svg.finite(iss.outcome):
                tip += f"; {model} forecast {_num(iss.outcome)}"
            r = 2.0 + 5.0 * math.sqrt(max(min(c.salience, 1.0), 0.0))
            parts.append(
                f'<g>{whisker}<circle cx="{sx(j, c.position)}" cy="{y}" r="{r:.2f}" class="actor"/>'
                f"{svg.title(tip)}</g>"
            )
    y = head + len(actors) * row_h + row_h / 2
    parts.append(
        svg.text(
            LABEL_W - 8,
            y + 4,
            f"forecasts ({model})" if model else "forecasts",
            anchor="end",
            cls="lbl model",
        )
    )
    for j, iss in enumerate(issues):
        for v in iss.others:
            if svg.finite(v):
                parts.append(
                    f'<line x1="{sx(j, v)}" y1="{y - 6}" x2="{sx(j, v)}" y2="{y + 6}" '
                    'class="other"/>'
                )
        if iss.outcome is not None and svg.finite(iss.outcome):
            x = sx(j, iss.outcome)
            tip = f"{iss.name}: {model} {_num(iss.outcome)}"
            if iss.band is not None and svg.finite(*iss.band):
                tip += f" (5-95 % band {_num(iss.band[0])} to {_num(iss.band[1])})"
            if iss.others:
                tip += "; other models " + ", ".join(_num(v) for v in iss.others)
            d = f"M{x} {y - 6} L{x + 6} {y} L{x} {y + 6} L{x - 6} {y} Z"
            parts.append(f'<g><path d="{d}" class="outcome"/>{svg.title(tip)}</g>')
    parts.append("</svg>")
    return "".join(parts)
