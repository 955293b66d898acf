"""Relations sections end to end over a temporary store of invented articles."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from detente.errors import InputError
from detente.report import build_report, gather
from tests.report.test_build import assert_self_contained, parse

RELATION_SECTIONS = ("timeline", "dyads", "network", "channels", "triangle", "framing")


def _section(html: str, sid: str) -> str:
    return html.split(f'<section id="{sid}">')[1].split("</section>")[0]


def _svgs(fragment: str) -> list[ET.Element]:
    found = re.findall(r"<svg\b.*?</svg>", fragment, flags=re.S)
    return [ET.fromstring(s) for s in found]  # raises ParseError on malformed markup


@pytest.fixture
def rel_report(relations_store, tmp_path):
    path = build_report(relations_store, tmp_path / "out", draws=0, random_state=11)
    return path.read_text(encoding="utf-8")


def test_relation_sections_render_with_valid_svg(rel_report):
    p = parse(rel_report)
    assert set(RELATION_SECTIONS) <= set(p.ids)
    for sid in RELATION_SECTIONS:
        assert f'<a href="#{sid}">' in rel_report, f"{sid} missing from the navigation"
    counts = {sid: len(_svgs(_section(rel_report, sid))) for sid in RELATION_SECTIONS}
    # one timeline; one weekly index chart and its month view per dyad (3); one network; the
    # triangle over the whole corpus plus its two periods; one tone heat map; the channel
    # table is a table
    assert counts == {
        "timeline": 1,
        "dyads": 6,
        "network": 1,
        "channels": 0,
        "triangle": 3,
        "framing": 1,
    }
    assert_self_contained(rel_report)


def test_every_evidence_link_resolves_within_the_document(rel_report):
    p = parse(rel_report)
    ids = set(p.ids)
    assert len(ids) == len(p.ids), "duplicate ids"
    internal = [h for h in p.hrefs if h.startswith("#")]
    assert not sorted({h for h in internal if h[1:] not in ids})
    # the SVG marks are links too: every event is reachable from the timeline
    timeline_links = set(re.findall(r'href="#(event-\d+)"', _section(rel_report, "timeline")))
    assert timeline_links == {f"event-{k}" for k in range(1, 10)}


def test_timeline_links_each_dot_to_its_event_row(rel_report):
    timeline = _section(rel_report, "timeline")
    (svg,) = _svgs(timeline)
    dots = svg.findall(".//a")
    assert len(dots) == 7  # nine events, two of them undated
    assert "Undated:</strong> 2 event(s)" in timeline
    events = _section(rel_report, "events")
    row = events.split('id="event-7"')[1].split("</tr>")[0]
    assert "SANCTION" in row and "Washington slapped new tariffs on steel from China." in row
    assert "-6.0" in row


def test_us_russia_index_comes_first_rises_across_february_with_evidence(relations_store):
    data = gather(relations_store, random_state=11, draws=0)
    first = data.relations.dyads[0]
    assert (first.a, first.b) == ("USA", "RUS")
    undirected = first.series[0]
    assert [p.period for p in undirected.points] == ["2025-02-03", "2025-02-10", "2025-02-17"]
    sums = [p.score_sum for p in undirected.points]
    assert sums == sorted(sums) and sums[0] < 0 < sums[-1]
    for p in undirected.points:
        assert len(p.evidence) == p.n_events and all(e.sentence and e.anchor for e in p.evidence)
    assert undirected.undated is not None and undirected.undated.n_events == 1
    assert [s.label for s in first.series] == [
        "USA \u2013 RUS",
        "USA \u2192 RUS",
        "RUS \u2192 USA",
    ]
    # a person's call counts for their state
    week2 = undirected.points[1]
    assert {(e.type, e.source) for e in week2.evidence} == {("CONSULT", "USA"), ("AGREE", "USA")}


def test_dyad_points_link_to_rows_that_quote_the_evidence(rel_report):
    dyads = _section(rel_report, "dyads")
    assert dyads.index("United States &ndash; Russia") < dyads.index("China &ndash; Russia")
    chart = _svgs(dyads.split('id="dyad-usa-rus"')[1])[0]
    hrefs = [a.get("href") for a in chart.findall(".//a")]
    assert "#dyad-usa-rus-2025-02-17" in hrefs
    row = dyads.split('id="dyad-usa-rus-2025-02-17"')[1].split("</tr>")[0]
    assert "Moscow consented to resume direct flights between the two countries." in row
    assert "Delegations from Washington and Moscow met in a desert city" in row
    tips = [
        a.find("title").text
        for a in chart.findall(".//a")
        if a.get("href") == "#dyad-usa-rus-2025-02-17"
    ]
    # the undirected point and both directions' points of that week link to the same row
    assert len(tips) == 3
    main = next(t for t in tips if t.startswith("USA \u2013 RUS"))
    assert "index +5 from 2 event(s)" in main and "resume direct flights" in main
    undated = dyads.split('id="dyad-usa-rus-undated"')[1].split("</tr>")[0]
    assert "hotline" in undated


def test_network_channels_triangle_and_framing_content(rel_report):
    net = _section(rel_report, "network")
    (svg,) = _svgs(net)
    labels = {t.text for t in svg.iter("text")}
    assert {"United States", "Russia", "China", "NATO"} <= labels
    assert "President Alpha" not in labels  # a person rolls up to the state
    assert "seed 11" in net
    channels = _section(rel_report, "channels")
    assert "Diplomatic presence and embassies" in channels
    assert 'class="st-thawing"' in channels
    cell = channels.split('id="chan-usa-rus-transport_post-2025-02-17"')[1].split("</li>")[0]
    assert "resume direct flights" in cell
    triangle = _section(rel_report, "triangle")
    row = triangle.split("<td>2025-02-01</td>")[1].split("</tr>")[0]
    assert "romantic triangle" in row
    assert row.count("<td>wing</td>") == 2 and row.count("<td>pivot</td>") == 1
    framing = _section(rel_report, "framing")
    assert "Harbour Post" in framing and "Valley Times" in framing
    assert "President Alpha" in framing.split("Whose voices")[1]


def test_same_inputs_same_bytes(relations_store, tmp_path, rel_report):
    again = build_report(relations_store, tmp_path / "again", draws=0, random_state=11)
    assert again.read_text(encoding="utf-8") == rel_report


def test_daily_and_monthly_periods(relations_store):
    daily = gather(relations_store, random_state=1, draws=0, freq="D").relations.dyads[0]
    assert [p.period for p in daily.series[0].points] == ["2025-02-04", "2025-02-12", "2025-02-18"]
    monthly = gather(relations_store, random_state=1, draws=0, freq="M").relations.dyads[0]
    assert [p.period for p in monthly.series[0].points] == ["2025-02-01"]
    with pytest.raises(InputError, match="freq"):
        gather(relations_store, random_state=1, draws=0, freq="Y")


def test_event_outside_plover_is_shown_unscored_not_fatal(db_url, tmp_path):
    from detente.store import open_store
    from tests.report.conftest import REL_ARTICLES, _rel_article, _rel_extraction

    spec = dict(REL_ARTICLES[1])
    spec["events"] = [*spec["events"], (2, "GRUMBLE", None, "RUS", "USA", "2025-02-12")]
    with open_store(db_url) as store:
        art = _rel_article(spec)
        store.add_document(art, _rel_extraction(art, spec))
        data = gather(store, random_state=1, draws=0)
        html = build_report(store, tmp_path, draws=0, random_state=1).read_text(encoding="utf-8")
    assert data.relations.unscored == 1
    bad = [e for e in data.corpus.events if e.type == "GRUMBLE"]
    assert bad and bad[0].score is None
    assert data.relations.dyads[0].n_events == 2  # the two PLOVER events only
    assert "1 event(s) have a type outside PLOVER" in _section(html, "timeline")
    parse(html)


def test_empty_store_shows_the_sections_without_charts(db_url, tmp_path):
    from detente.store import open_store

    with open_store(db_url) as store:
        html = build_report(store, tmp_path, random_state=1).read_text(encoding="utf-8")
    p = parse(html)
    assert set(RELATION_SECTIONS) <= set(p.ids)
    for sid in RELATION_SECTIONS:
        assert not _svgs(_section(html, sid)), sid
    assert "No events between two states or organisations." in _section(html, "dyads")


def test_point_tooltip_quotes_the_first_sentences_and_counts_the_rest():
    from detente.report.charts.relations import TIP_SENTENCES
    from detente.report.sections.relations import _point_tip
    from detente.report.views.dyads import DyadPoint, EventRef

    refs = tuple(
        EventRef(f"event-{k}", "a.txt", "doc-a", "AGREE", None, 2.5, "USA", "RUS", f"Line {k}.")
        for k in range(TIP_SENTENCES + 3)
    )
    point = DyadPoint("p", "2025-02-10", len(refs), 22.5, 2.5, len(refs), 0, refs)
    tip = _point_tip("USA \u2013 RUS", point, "W")
    assert tip.startswith("USA \u2013 RUS, week of 2025-02-10: index +22.5 from 9 event(s)")
    assert f"Line {TIP_SENTENCES - 1}." in tip and f"Line {TIP_SENTENCES}." not in tip
    assert tip.endswith("and 3 more (click for all)")
