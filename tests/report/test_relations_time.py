"""The report's relations part with dates of different precision, repeated reports and history.

Three invented articles: two tell of the same meeting, one dates a call only to the
month, and one recalls a Cold War episode between the United States and China.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

import pytest

from detente.evidence import Evidence
from detente.extract.records import ActorRecord, DocumentExtraction, EventRecord, SentenceRecord
from detente.ingest.records import Article
from detente.report import build_report, gather
from detente.store import open_store
from tests.report.test_build import parse

ACTORS = {
    "USA": ActorRecord("USA", "United States", "country", "USA"),
    "RUS": ActorRecord("RUS", "Russia", "country", "RUS"),
    "CHN": ActorRecord("CHN", "China", "country", "CHN"),
}
ARTICLES = [
    (
        "north.txt",
        date(2025, 2, 19),
        [
            (
                "Envoys of Washington and Moscow met in a northern capital on Tuesday.",
                "CONSULT",
                "USA",
                "RUS",
                "2025-02-18",
                False,
            ),
            (
                "Earlier in February the two presidents had spoken by phone.",
                "CONSULT",
                "USA",
                "RUS",
                "2025-02",
                False,
                "phone",
            ),
            (
                "During the Cold War an American envoy engaged Beijing against Moscow.",
                "CONSULT",
                "USA",
                "CHN",
                None,
                True,
            ),
        ],
    ),
    (
        "south.txt",
        date(2025, 2, 20),
        [
            (
                "The Tuesday meeting of the two delegations lasted five hours.",
                "CONSULT",
                "RUS",
                "USA",
                "2025-02-18",
                False,
            ),
            (
                "Moscow and Beijing held talks on energy on Thursday.",
                "CONSULT",
                "RUS",
                "CHN",
                "2025-02-20",
                False,
            ),
        ],
    ),
]


def _article(name: str, published: date, rows: list) -> tuple[Article, DocumentExtraction]:
    text = " ".join(r[0] for r in rows)
    art = Article(
        name,
        f"/invented/{name}",
        text,
        hashlib.sha256(text.encode()).hexdigest(),
        title=name,
        outlet="Example Wire",
        published=published,
    )
    sentences, events, at = [], [], 0
    for k, (sentence, etype, src, tgt, when, background, *mode) in enumerate(rows):
        sentences.append(SentenceRecord(k, at, at + len(sentence)))
        events.append(
            EventRecord(
                etype,
                src,
                tgt,
                Evidence(art.doc_id, at, at + len(sentence)),
                mode=mode[0] if mode else None,
                date=when,
                background=background,
            )
        )
        at += len(sentence) + 1
    used = sorted({x for r in rows for x in (r[2], r[3])})
    extraction = DocumentExtraction(
        art.doc_id, sentences=sentences, actors=[ACTORS[a] for a in used], events=events
    )
    return art, extraction


@pytest.fixture
def store(db_url):
    with open_store(db_url) as st:
        for name, published, rows in ARTICLES:
            assert st.add_document(*_article(name, published, rows))
        yield st


def test_month_dated_call_is_a_month_row_not_a_point_in_january(store):
    rel = gather(store, random_state=3, draws=0).relations
    (dyad,) = [d for d in rel.dyads if (d.a, d.b) == ("USA", "RUS")]
    points = dyad.series[0].points
    assert [(p.period, p.resolution, p.period_end) for p in points] == [
        ("2025-02-01", "month", "2025-02-28"),
        ("2025-02-17", "week", "2025-02-23"),
    ]
    assert all(p.period >= "2025-02-01" for p in points)
    assert [(p.period, p.n_events) for p in dyad.monthly.points] == [("2025-02-01", 2)]


def test_one_meeting_in_two_articles_counts_once_with_both_sources(store, tmp_path):
    rel = gather(store, random_state=3, draws=0).relations
    (dyad,) = [d for d in rel.dyads if (d.a, d.b) == ("USA", "RUS")]
    week = dyad.series[0].points[1]
    assert (week.n_events, week.n_reports, week.n_documents) == (1, 2, 2)
    (meeting,) = week.evidence
    assert meeting.n_documents == 2 and {r.doc_name for r in meeting.reports} == {
        "north.txt",
        "south.txt",
    }
    assert all(r.anchor for r in meeting.reports)  # each report links to its events row
    html = build_report(store, tmp_path, draws=0, random_state=3).read_text(encoding="utf-8")
    row = html.split(f'id="{week.anchor}"')[1].split("</tr>")[0]
    assert "reported by 2 article(s)" in row and row.count("<li>") == 1
    p = parse(html)
    assert not sorted({h for h in p.hrefs if h.startswith("#") and h[1:] not in set(p.ids)})
    assert len(p.ids) == len(set(p.ids))
    # the month row is drawn as a bar over February, linked to its evidence row
    block = html.split('id="dyad-usa-rus"')[1].split("</details>")[0]
    month = dyad.series[0].points[0]
    assert re.search(rf'<a href="#{month.anchor}"><line [^>]*class="span"', block)


def test_history_is_listed_but_not_counted(store, tmp_path):
    rel = gather(store, random_state=3, draws=0).relations
    assert rel.n_background == 1 and rel.n_happenings == 3 and rel.n_reports == 5
    assert rel.triangle.overall.label == "undetermined"  # no current USA-CHN event
    (china,) = [d for d in rel.dyads if {d.a, d.b} == {"RUS", "CHN"}]
    assert not china.background
    html = build_report(store, tmp_path, draws=0, random_state=3).read_text(encoding="utf-8")
    timeline = html.split('<section id="timeline">')[1].split("</section>")[0]
    assert "Background:</strong> 1 event(s)" in timeline
    events = html.split('<section id="events">')[1].split("</section>")[0]
    row = next(r for r in events.split("<tr") if "During the Cold War" in r)
    assert 'class="bg"' in row and "background" in row
    # the month-dated call says it is known only to the month
    row = next(r for r in events.split("<tr") if "Earlier in February" in r)
    assert "2025-02" in row and "month" in row
