"""Render a :class:`~detente.report.views.report.ReportData` to one self-contained HTML page.

Jinja2 with autoescape on: article titles, quotes and sentences are third-party text
and may contain markup, which must show as text. The only markup inserted unescaped is
the SVG from `detente.report.charts` (which escapes its own labels) and the
package's stylesheet. No external resource is referenced: no CDN, no fonts, no images.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from detente.report.sections import SECTIONS, Section
from detente.report.views.report import ReportData


def fmt_num(value: Any, digits: int = 1) -> str:
    """A number for display: fixed decimals, ``n/a`` for missing or non-finite values."""
    if value is None:
        return "n/a"
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if not math.isfinite(v):
        return "n/a"
    return f"{v:.{digits}f}"


def fmt_param(value: Any) -> str:
    """A model parameter as written in Python (``None``, ``'quadratic'``, ``0.1``)."""
    return repr(value)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment over the package's templates (built on first use)."""
    env = Environment(
        loader=PackageLoader("detente.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["num"] = fmt_num
    env.filters["param"] = fmt_param
    return env


def render(data: ReportData, sections: Iterable[Section] | None = None) -> str:
    """The report as an HTML string.

    Args:
        data: What to show.
        sections: Sections in order; the registered ones (:data:`SECTIONS`) by default.
            Each is shown only when its ``applies(data)`` holds.
    """
    chosen = [s for s in (SECTIONS.values() if sections is None else sections) if s.applies(data)]
    contexts = {}
    for s in chosen:
        ctx = s.context(data)
        contexts[s.id] = {k: _svg(v) for k, v in ctx.items()}
    return (
        environment()
        .get_template("report.html.j2")
        .render(data=data, sections=chosen, contexts=contexts)
    )


def _svg(value: Any) -> Any:
    """Chart strings (also in dicts and lists) become Markup: their builders escaped the text."""
    if isinstance(value, str) and value.startswith("<svg"):
        return Markup(value)
    if isinstance(value, dict):
        return {k: _svg(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_svg(v) for v in value]
    return value
