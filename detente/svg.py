"""Inline SVG as pure functions of numbers: no plotting library, no network, no state.

The drawing pieces the report's charts (:mod:`detente.report.charts`) and the
dashboard share: the report column's layout, escaped text and titles, links around
marks, legends, a time axis with cut gaps, a diverging colour scale, and the
dashboard's bar chart. Text is XML-escaped here, so a label can never inject markup;
every chart opens with an accessible ``<title>``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from xml.sax.saxutils import escape, quoteattr

WIDTH = 760
"""Chart width in px (the report's content column)."""
LABEL_W = 170
"""Left gutter for row labels."""
PAD_R = 24
"""Right padding."""
END_CHARS = 44
"""Characters of an end-of-scale label shown under the axis (the full text is in its tooltip)."""
HEAD_OVERHANG = 100
"""Extra width right of grids whose column labels are written at an angle."""


def finite(*values: float | None) -> bool:
    """Whether every value is a finite number (None is not)."""
    return all(v is not None and math.isfinite(v) for v in values)


def short(s: str, limit: int = END_CHARS) -> str:
    """``s`` cut to ``limit`` characters with an ellipsis, so the two end labels never meet."""
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "\u2026"


def text(x: float, y: float, s: str, *, anchor: str = "start", cls: str = "lbl") -> str:
    """A ``<text>`` at ``(x, y)`` with ``s`` escaped."""
    return f'<text x="{x}" y="{y}" text-anchor="{anchor}" class="{cls}">{escape(s)}</text>'


def title(s: str) -> str:
    """A ``<title>`` (the hover text of the mark it is in) with ``s`` escaped."""
    return f"<title>{escape(s)}</title>"


def svg_open(width: float, height: float, label: str) -> list[str]:
    """The opening tag of every report chart, with its accessible title."""
    return [
        f'<svg class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">',
        title(label),
    ]


PLOT_H = 220
"""Height of a time chart's plot area."""


def score_colour(value: float, span: float = 10.0) -> str:
    """Diverging colour of ``value`` in [-span, span]: red, grey at 0, green."""
    if not finite(value):
        return "#b8bec8"
    t = max(-1.0, min(1.0, value / span))
    grey, red, green = (184, 190, 200), (192, 69, 43), (47, 138, 78)
    end = green if t >= 0 else red
    rgb = [round(g + (e - g) * abs(t)) for g, e in zip(grey, end, strict=True)]
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def link(href: str | None, inner: str) -> str:
    """``inner`` wrapped in an in-page link when ``href`` (``#id``) is given."""
    return f"<a href={quoteattr(href)}>{inner}</a>" if href else f"<g>{inner}</g>"


class TimeAxis:
    """Dates onto x, with gaps longer than ``cap_days`` shortened and marked by a break.

    A news corpus has a dense month of talks and a few old dates cited in passing;
    a linear axis would squeeze the month to a sliver, an ordinal one would hide the
    gaps. Here every gap up to ``cap_days`` is to scale and longer ones count as
    ``cap_days`` with a break mark, so both the month's movement and the jumps show.
    """

    def __init__(self, dates: Sequence[str], *, cap_days: int, x0: float, x1: float) -> None:
        self.days = sorted({date.fromisoformat(d) for d in dates})
        if not self.days:
            raise ValueError("a time axis needs at least one date")
        units = [0.0]
        self.breaks: list[int] = []
        for k in range(1, len(self.days)):
            gap = (self.days[k] - self.days[k - 1]).days
            if gap > cap_days:
                self.breaks.append(k)
            units.append(units[-1] + min(gap, cap_days))
        total = units[-1]
        pad = 18.0
        if total == 0:
            self._x = {self.days[0]: round((x0 + x1) / 2, 2)}
        else:
            scale = (x1 - x0 - 2 * pad) / total
            self._x = {
                d: round(x0 + pad + u * scale, 2) for d, u in zip(self.days, units, strict=True)
            }
        self.x0, self.x1 = x0, x1

    def __call__(self, iso: str) -> float:
        """The x of an ISO date that was given to the axis."""
        return self._x[date.fromisoformat(iso)]

    def draw(self, y: float, *, min_gap: float = 74.0) -> list[str]:
        """Axis line, a tick and label per date (thinned to ``min_gap`` px), break marks."""
        parts = [f'<line x1="{self.x0}" y1="{y}" x2="{self.x1}" y2="{y}" class="axis"/>']
        last = -1e9
        for d in self.days:
            x = self._x[d]
            parts.append(f'<line x1="{x}" y1="{y}" x2="{x}" y2="{y + 4}" class="axis"/>')
            if x - last >= min_gap:
                parts.append(text(x, y + 16, d.isoformat(), anchor="middle", cls="tick"))
                last = x
        for k in self.breaks:
            a, b = self.days[k - 1], self.days[k]
            x = round((self._x[a] + self._x[b]) / 2, 2)
            parts.append(
                f'<g><path d="M{x - 4} {y + 5} L{x} {y - 5} M{x} {y + 5} L{x + 4} {y - 5}" '
                f'class="brk"/>{title(f"time cut: {(b - a).days} days between {a} and {b}")}</g>'
            )
        return parts


def y_axis(lo: float, hi: float, top: float, step: float) -> tuple:
    """Scale onto the plot's height, plus gridlines with labels every ``step``."""

    def y(v: float) -> float:
        v = min(max(v, lo), hi)
        return round(top + (hi - v) / (hi - lo) * PLOT_H, 2)

    parts = []
    v = lo
    while v <= hi + 1e-9:
        cls = "zero" if abs(v) < 1e-9 else "grid"
        parts.append(
            f'<line x1="{LABEL_W}" y1="{y(v)}" x2="{WIDTH - PAD_R}" y2="{y(v)}" class="{cls}"/>'
        )
        parts.append(text(LABEL_W - 6, y(v) + 4, f"{v:+g}" if v else "0", anchor="end", cls="tick"))
        v += step
    return y, parts


def legend(items: Sequence[tuple[str, str]], y: float) -> list[str]:
    """A row of colour swatches with their labels at height ``y``."""
    parts, x = [], LABEL_W
    for colour, label in items:
        parts.append(
            f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{colour}"/>'
            + text(x + 14, y, label, cls="tick")
        )
        x += 24 + 6.2 * len(label)
    return parts


def bar_chart(
    points: Sequence[tuple[str, float]], *, title: str, width: int = 640, height: int = 200
) -> str:
    """Bars above (cooperation) or below (conflict) a zero line, one per period.

    The dashboard's dyad chart; empty for no points.

    Args:
        points: ``(label, value)`` pairs in display order.
        title: Accessible title of the chart.
        width: Width in pixels.
        height: Height in pixels.
    """
    if not points:
        return ""
    pad, label_h = 30, 18
    top = max(0.0, *(v for _, v in points))
    bottom = min(0.0, *(v for _, v in points))
    span = (top - bottom) or 1.0
    inner_h = height - 2 * pad - label_h
    zero_y = pad + inner_h * top / span
    step = (width - 2 * pad) / len(points)
    bar_w = max(2.0, step * 0.7)
    parts = svg_open(width, height, title)
    parts.append(
        f'<line x1="{pad}" x2="{width - pad}" y1="{zero_y:.1f}" y2="{zero_y:.1f}" class="axis"/>'
    )
    for k, (label, value) in enumerate(points):
        x = pad + k * step + (step - bar_w) / 2
        h = inner_h * abs(value) / span
        y = zero_y - h if value >= 0 else zero_y
        css = "bar-pos" if value >= 0 else "bar-neg"
        parts.append(
            f'<rect class="{css}" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}">'
            f"<title>{escape(label)}: {value:+.1f}</title></rect>"
        )
        parts.append(text(round(x + bar_w / 2, 1), height - 6, label, anchor="middle"))
    parts.append("</svg>")
    return "".join(parts)
