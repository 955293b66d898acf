"""The report's sections: a registry in display order, and the built-in ones.

A section is a template under ``detente/report/templates/sections/`` plus two
functions of the :class:`~detente.report.views.report.ReportData`: whether it
shows, and the extra template variables it needs (its charts). The built-in
sections' functions live beside this registry by concept (:mod:`.forecast`,
:mod:`.relations`, :mod:`.track`); an add-on registers its own with
:func:`register_section`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from detente.report.sections import forecast as fc
from detente.report.sections import relations as rel
from detente.report.sections import track
from detente.report.views.report import ReportData


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


for _section in (
    Section("overview", "Overview", "sections/overview.html.j2"),
    Section("forecast", "Forecast", "sections/forecast.html.j2", fc.has_scenario),
    Section("issues", "Issues", "sections/issues.html.j2", fc.has_scenario, fc.issue_charts),
    Section("whatifs", "What-ifs", "sections/whatifs.html.j2", fc.has_whatifs, fc.whatif_charts),
    Section(
        "tracking",
        "Forecast over time",
        "sections/tracking.html.j2",
        track.has_track,
        track.context,
    ),
    Section("inputs", "Scenario inputs", "sections/inputs.html.j2", fc.has_scenario),
    Section("evidence", "Evidence", "sections/evidence.html.j2", fc.has_scenario),
    Section("models", "Model parameters", "sections/models.html.j2", fc.has_scenario),
    Section(
        "timeline", "Event timeline", "sections/timeline.html.j2", context=rel.timeline_context
    ),
    Section(
        "dyads", "Relationship index", "sections/dyads.html.j2", rel.has_relations, rel.dyad_context
    ),
    Section(
        "network",
        "Actor network",
        "sections/network.html.j2",
        rel.has_relations,
        rel.network_context,
    ),
    Section("channels", "Channels", "sections/channels.html.j2", rel.has_relations),
    Section(
        "triangle",
        "Strategic triangle",
        "sections/triangle.html.j2",
        rel.has_relations,
        rel.triangle_context,
    ),
    Section(
        "framing",
        "Source framing",
        "sections/framing.html.j2",
        rel.has_relations,
        rel.framing_context,
    ),
    Section("documents", "Documents", "sections/documents.html.j2"),
    Section("actors", "Actors", "sections/actors.html.j2"),
    Section("events", "Events", "sections/events.html.j2"),
    Section("quotes", "Quotes", "sections/quotes.html.j2"),
    Section("texts", "Document texts", "sections/texts.html.j2"),
):
    register_section(_section)
del _section

__all__ = ["SECTIONS", "Section", "register_section"]
