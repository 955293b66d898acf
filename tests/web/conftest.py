"""A temporary store with a few invented articles, and a tiny scenario, for the web tests.

The sentences are written for these tests; the title of one article carries a
``<script>`` tag so the pages' escaping is checked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from detente.evidence import Evidence
from detente.extract.records import (
    ActorRecord,
    DocumentExtraction,
    EventRecord,
    MentionRecord,
    QuoteRecord,
    SentenceRecord,
)
from detente.ingest.records import Article

EVIL_TITLE = '<script>alert("x")</script> Envoys meet'

ACTORS = {
    "USA": ActorRecord("USA", "United States", "country", "USA"),
    "RUS": ActorRecord("RUS", "Russia", "country", "RUS"),
    "CHN": ActorRecord("CHN", "China", "country", "CHN"),
    "person.doe_jane": ActorRecord("person.doe_jane", "Jane Doe", "person", "USA", "Envoy"),
    "person.ivanov_ivan": ActorRecord(
        "person.ivanov_ivan", "Ivan Ivanov", "person", "RUS", "Envoy"
    ),
}

# (sentence, mentions [(words, actor)], events [(type, mode, src, tgt, date, trigger)],
#  quote (words, speaker))
ARTICLES = [
    (
        "envoys.txt",
        EVIL_TITLE,
        "Example Wire",
        dt.date(2025, 2, 18),
        [
            (
                "Jane Doe met Ivan Ivanov in Geneva for four hours of talks.",
                [("Jane Doe", "person.doe_jane"), ("Ivan Ivanov", "person.ivanov_ivan")],
                [
                    (
                        "CONSULT",
                        "visit",
                        "person.doe_jane",
                        "person.ivanov_ivan",
                        "2025-02-18",
                        "met",
                    )
                ],
                None,
            ),
            (
                "“The talks were constructive and useful,” Jane Doe said.",
                [("Jane Doe", "person.doe_jane")],
                [],
                ("The talks were constructive and useful,", "person.doe_jane"),
            ),
            (
                "The United States and Russia agreed to restore staff at their embassies.",
                [("United States", "USA"), ("Russia", "RUS")],
                [("AGREE", None, "USA", "RUS", None, "agreed")],
                None,
            ),
        ],
    ),
    (
        "pressure.txt",
        "Sanctions & <b>pressure</b>",
        "Other Daily",
        dt.date(2025, 3, 4),
        [
            (
                "The United States imposed new sanctions on Russia over the attacks.",
                [("United States", "USA"), ("Russia", "RUS")],
                [("SANCTION", None, "USA", "RUS", None, "imposed")],
                None,
            ),
            (
                "Russia and China held talks on trade.",
                [("Russia", "RUS"), ("China", "CHN")],
                [("CONSULT", None, "RUS", "CHN", None, "talks")],
                None,
            ),
            (
                "The United States accused China of hostile moves.",
                [("United States", "USA"), ("China", "CHN")],
                [("ACCUSE", None, "USA", "CHN", None, "accused")],
                None,
            ),
        ],
    ),
]


def build_article(name, title, outlet, published, sentences) -> tuple[Article, DocumentExtraction]:
    text = " ".join(s[0] for s in sentences)
    doc_id = hashlib.sha256(text.encode()).hexdigest()
    article = Article(
        name=name,
        source=f"/tmp/{name}",
        text=text,
        content_hash=doc_id,
        title=title,
        published=published,
        outlet=outlet,
    )
    ex = DocumentExtraction(doc_id=doc_id)
    used: set[str] = set()
    offset = 0
    for k, (sentence, mentions, events, quote) in enumerate(sentences):
        start, end = offset, offset + len(sentence)
        ex.sentences.append(SentenceRecord(k, start, end))
        for words, actor in mentions:
            a = start + sentence.index(words)
            ex.mentions.append(MentionRecord(actor, Evidence(doc_id, a, a + len(words)), words))
            used.add(actor)
        for etype, mode, src, tgt, date, trigger in events:
            ex.events.append(
                EventRecord(
                    etype,
                    src,
                    tgt,
                    Evidence(doc_id, start, end),
                    mode=mode,
                    date=date,
                    trigger=trigger,
                )
            )
            used.update({src, tgt})
        if quote:
            words, speaker = quote
            a = start + sentence.index(words)
            ex.quotes.append(
                QuoteRecord(speaker, Evidence(doc_id, a, a + len(words)), words, "say")
            )
        offset = end + 1
    ex.actors = [ACTORS[a] for a in sorted(used)]
    return article, ex


def fill(store) -> None:
    for spec in ARTICLES:
        store.add_document(*build_article(*spec))


SCENARIO = """\
name: Test talks <i>2025</i>
description: Two issues, four actors, written for the web tests.
actors:
  - {id: usa, name: United States, clout: 100}
  - {id: rus, name: Russia, clout: 80}
  - {id: chn, name: China, clout: 30}
  - {id: eu, name: European Union, clout: 40}
issues:
  - {id: sanctions, name: Sanctions relief, low: kept, high: lifted}
  - {id: embassies, name: Embassy staffing, low: frozen, high: full}
positions:
  - {actor: usa, issue: sanctions, position: 40, salience: 0.6,
     evidence: [{doc: pressure.txt, quote: imposed new sanctions}]}
  - {actor: rus, issue: sanctions, position: 100, salience: 0.9,
     evidence: [{doc: pressure.txt, quote: imposed new sanctions}]}
  - {actor: chn, issue: sanctions, position: 90, salience: 0.3,
     evidence: [{doc: pressure.txt, quote: imposed new sanctions}]}
  - {actor: eu, issue: sanctions, position: 10, salience: 0.8,
     evidence: [{doc: pressure.txt, quote: imposed new sanctions}]}
  - {actor: usa, issue: embassies, position: 70, salience: 0.5,
     evidence: [{doc: envoys.txt, quote: restore staff at their embassies}]}
  - {actor: rus, issue: embassies, position: 90, salience: 0.6,
     evidence: [{doc: envoys.txt, quote: restore staff at their embassies}]}
  - {actor: eu, issue: embassies, position: 30, salience: 0.2,
     evidence: [{doc: envoys.txt, quote: restore staff at their embassies}]}
whatifs:
  - id: no-eu
    name: Europe leaves the table
    drop: [eu]
"""


@pytest.fixture
def scenario_path(tmp_path: Path) -> Path:
    path = tmp_path / "test.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def web_db_url(request) -> str:
    """Every dashboard test runs on a SQLite file and on PostgreSQL (the run's server)."""
    return request.getfixturevalue("db_url" if request.param == "sqlite" else "pg_url")


@pytest.fixture
def filled_store(web_db_url):
    from detente.store import open_store

    with open_store(web_db_url) as store:
        fill(store)
        yield store


@pytest.fixture
def client(filled_store, scenario_path):
    from fastapi.testclient import TestClient

    from detente.web import create_app

    with TestClient(create_app(filled_store, scenario_path=scenario_path)) as c:
        yield c
