"""Rendering from a hand-built ReportData, the section registry and the number filters."""

from __future__ import annotations

import math

import pytest

from detente.report import SECTIONS, Section, render
from detente.report.html import fmt_num
from detente.report.views.corpus import Corpus, DocumentInfo
from detente.report.views.forecast import (
    ActorInput,
    EvidenceItem,
    IssueInput,
    ModelRun,
    PositionInput,
    ScenarioView,
)
from detente.report.views.report import ReportData


def _doc(title: str = "Plain title") -> DocumentInfo:
    return DocumentInfo(
        doc_id="ab" * 32,
        name="a.txt",
        anchor="doc-abababababababab",
        title=title,
        outlet=None,
        author=None,
        published=None,
        date_convention=None,
        url=None,
        n_chars=12,
        n_sentences=1,
        n_actors=0,
        n_events=0,
        n_quotes=0,
        text="Some <i>text</i>.",
    )


def _data(scenario: ScenarioView | None = None, title: str = "Plain title") -> ReportData:
    corpus = Corpus("sqlite://", (_doc(title),), (), (), ())
    return ReportData(title="R", seed=3, draws=10, corpus=corpus, scenario=scenario)


def _view(run: ModelRun) -> ScenarioView:
    return ScenarioView(
        name="S",
        description="",
        path="s.yaml",
        as_of=None,
        actors=(ActorInput("a", "Alpha", 10, "why"), ActorInput("b", "Beta", 5, "why")),
        issues=(IssueInput("x", "Issue X", 0, 100, "lo", "hi", (), None),),
        positions=(
            PositionInput("a", "x", 10, None, None, 0.5, None, 10, False, ("ev-1",), ""),
            PositionInput("b", "x", 90, 4.0, None, 0.5, 0.1, 5, False, (), "no evidence"),
        ),
        evidence=(
            EvidenceItem("ev-1", "a.txt", "Some", "Some text.", "doc-abababababababab", None, None),
        ),
        runs=(run,),
        variants=(),
        whatifs=(),
    )


def test_hand_built_data_renders_and_escapes_document_text():
    html = render(_data(title="<script>x()</script>"))
    assert "&lt;script&gt;x()&lt;/script&gt;" in html
    assert "<script" not in html
    assert "Some &lt;i&gt;text&lt;/i&gt;." in html


def test_model_error_and_missing_band_render():
    ok = ModelRun(
        "compromise", {"weight": "w"}, None, {"x": 42.31}, 10, 3, {"x": (40.0, 42.0, 44.5)}
    )
    html = render(_data(_view(ok)))
    assert '<a href="#model-compromise">42.3</a>' in html
    assert "40.0&ndash;44.5" in html
    assert "whatifs" not in {s.id for s in SECTIONS.values() if s.applies(_data(_view(ok)))}
    bad = ModelRun("nash", {}, None, {}, 0, None, {}, error="nash: no status quo on issue 'x'")
    html = render(_data(_view(bad)))
    assert "nash could not forecast this scenario: nash: no status quo on issue &#39;x&#39;" in html
    assert "failed" in html


def test_scenario_sections_need_a_scenario():
    shown = [s.id for s in SECTIONS.values() if s.applies(_data())]
    assert "forecast" not in shown and "issues" not in shown and "documents" in shown


def test_registry_accepts_new_sections(monkeypatch):
    monkeypatch.setattr("detente.report.sections.SECTIONS", dict(SECTIONS))
    from detente.report import sections as mod

    extra = Section(
        "timeline",
        "Event timeline",
        "sections/overview.html.j2",
        context=lambda data: {"marker": 1},
    )
    mod.register_section(extra, before="documents")
    order = list(mod.SECTIONS)
    assert order.index("timeline") == order.index("documents") - 1
    html = render(_data(), sections=mod.SECTIONS.values())
    assert '<section id="timeline">' in html and '<a href="#timeline">Event timeline</a>' in html
    with pytest.raises(KeyError, match="no section 'nope'"):
        mod.register_section(extra, before="nope")


def test_register_section_replaces_by_id(monkeypatch):
    monkeypatch.setattr("detente.report.sections.SECTIONS", {})
    from detente.report import sections as mod

    mod.register_section(Section("a", "A", "t"))
    mod.register_section(Section("b", "B", "t"))
    mod.register_section(Section("a", "A2", "t"))
    assert [(k, s.title) for k, s in mod.SECTIONS.items()] == [("b", "B"), ("a", "A2")]


@pytest.mark.parametrize(
    "value, digits, shown",
    [
        (None, 1, "n/a"),
        (math.nan, 1, "n/a"),
        (math.inf, 1, "n/a"),
        (3.14159, 2, "3.14"),
        (7, 0, "7"),
        ("x", 1, "x"),
    ],
)
def test_fmt_num(value, digits, shown):
    assert fmt_num(value, digits) == shown
