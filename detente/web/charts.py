"""A small inline-SVG bar chart of a dyad index (no JavaScript, no external assets)."""

from __future__ import annotations

from markupsafe import Markup, escape


def bar_chart(
    points: list[tuple[str, float]], *, title: str, width: int = 640, height: int = 200
) -> Markup:
    """Bars above (cooperation) or below (conflict) a zero line, one per period.

    Args:
        points: ``(label, value)`` pairs in display order.
        title: Accessible title of the chart.
        width: Width in pixels.
        height: Height in pixels.
    """
    if not points:
        return Markup("")
    pad, label_h = 30, 18
    top = max(0.0, *(v for _, v in points))
    bottom = min(0.0, *(v for _, v in points))
    span = (top - bottom) or 1.0
    inner_h = height - 2 * pad - label_h
    zero_y = pad + inner_h * top / span
    step = (width - 2 * pad) / len(points)
    bar_w = max(2.0, step * 0.7)
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{pad}" x2="{width - pad}" y1="{zero_y:.1f}" y2="{zero_y:.1f}" class="axis"/>',
    ]
    for k, (label, value) in enumerate(points):
        x = pad + k * step + (step - bar_w) / 2
        h = inner_h * abs(value) / span
        y = zero_y - h if value >= 0 else zero_y
        css = "bar-pos" if value >= 0 else "bar-neg"
        parts.append(
            f'<rect class="{css}" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}">'
            f"<title>{escape(label)}: {value:+.1f}</title></rect>"
        )
        parts.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{height - 6}" text-anchor="middle" class="lbl">'
            f"{escape(label)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
