"""Fixtures of the report tests: a store of the seed articles (text only, no spaCy)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from detente.ingest import read_paths
from detente.ingest.records import Article
from detente.store import Store, open_store

REPO = Path(__file__).resolve().parents[2]
SEED_SCENARIO = REPO / "scenarios" / "ukraine-2025.yaml"


@pytest.fixture(scope="session")
def seed_store(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The five seed articles stored without extraction (sentences come from the regex split).

    Read-only for the tests that use it; built once per session.
    """
    url = f"sqlite:///{tmp_path_factory.mktemp('seedstore') / 'seeds.db'}"
    with open_store(url) as store:
        for item in read_paths([seeds_dir]):
            assert isinstance(item, Article), f"seed could not be read: {item}"
            store.add_document(item)
        yield store


@pytest.fixture(scope="session")
def seed_scenario_path() -> Path:
    """``scenarios/ukraine-2025.yaml`` in the repository."""
    return SEED_SCENARIO


# -- a small invented corpus (our own sentences) ------------------------------------------

EVIL_TITLE = '<script>alert("pwned")</script> Talks & <b>tensions</b>'
"""A headline with markup: the report must show it as text."""

TEXT_A = (
    "Envoys of Atlantis and Borduria met in Geneva on Monday.\n\n"
    "The Atlantian envoy said the border question must stay open for now. "
    "Borduria demanded that all sanctions be lifted before any deal."
)
TEXT_B = (
    "Cascadia offered to host a second round of talks.\n\n"
    "Officials in Borduria welcomed the offer but rejected outside monitors."
)


def _article(text: str, name: str, title: str) -> Article:
    import hashlib
    from datetime import date

    return Article(
        name=name,
        source=f"/invented/{name}",
        text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        title=title,
        outlet="Example Wire",
        author="A. Writer",
        published=date(2025, 3, 4),
        date_convention="iso",
        url="https://example.invalid/story",
    )


def _extraction(article: Article):
    from detente.evidence import Evidence
    from detente.extract.records import (
        ActorRecord,
        DocumentExtraction,
        EventRecord,
        MentionRecord,
        QuoteRecord,
        SentenceRecord,
    )
    from detente.store.locate import split_sentences

    text, doc = article.text, article.doc_id
    spans = split_sentences(text)

    def ev(words: str) -> Evidence:
        at = text.index(words)
        return Evidence(doc, at, at + len(words))

    actors = {
        "ATL": ActorRecord("ATL", "Atlantis", "country", "ATL"),
        "BOR": ActorRecord("BOR", "Borduria", "country", "BOR"),
        "CAS": ActorRecord("CAS", "Cascadia", "country", "CAS"),
    }
    present = [a for a in actors.values() if a.name in text]
    mentions = [MentionRecord(a.actor_id, ev(a.name), a.name) for a in present]
    events, quotes = [], []
    if "Geneva" in text:
        s0 = Evidence(doc, *spans[0])
        events.append(
            EventRecord("CONSULT", "ATL", "BOR", s0, date="2025-03-03", location="Geneva")
        )
        quotes.append(
            QuoteRecord(
                "ATL",
                ev("the border question must stay open"),
                "the border question must stay open",
                "say",
            )
        )
        events.append(EventRecord("REQUEST", "BOR", None, Evidence(doc, *spans[2])))
    else:
        events.append(EventRecord("COOPERATE", "CAS", None, Evidence(doc, *spans[0]), mode="offer"))
    return DocumentExtraction(
        doc_id=doc,
        sentences=[SentenceRecord(i, a, b) for i, (a, b) in enumerate(spans)],
        actors=present,
        mentions=mentions,
        events=events,
        quotes=quotes,
    )


@pytest.fixture
def small_store(db_url: str) -> Iterator[Store]:
    """A fresh store with two invented articles and hand-made extractions."""
    with open_store(db_url) as store:
        for text, name, title in (
            (TEXT_A, "geneva.txt", EVIL_TITLE),
            (TEXT_B, "second-round.txt", "A second round"),
        ):
            art = _article(text, name, title)
            assert store.add_document(art, _extraction(art))
        yield store


SMALL_SCENARIO = """\
name: Atlantis-Borduria talks
description: An invented test scenario <em>with markup</em>.
as_of: 2025-03-05
actors:
  - {id: atl, name: Atlantis, clout: 60, why: "larger economy"}
  - {id: bor, name: Borduria, clout: 40, why: "holds the border zone"}
  - {id: cas, name: Cascadia, clout: 10, why: "host"}
issues:
  - id: border
    name: Border line
    low: Atlantis keeps everything
    high: Borduria keeps everything
    marks: {50: "split down the middle"}
    status_quo: 50
  - id: sanctions
    name: Sanctions on Borduria
    scale: [0, 10]
    low: kept
    high: lifted
positions:
  - {actor: atl, issue: border, position: 20, salience: 0.8, position_sd: 5,
     evidence: [{doc: geneva.txt, quote: "border question must stay open"}], note: "wants time"}
  - {actor: bor, issue: border, position: 80, salience: 0.6, clout: 55,
     evidence: [{doc: geneva.txt, quote: "Envoys of Atlantis and Borduria"}], note: "inferred"}
  - {actor: cas, issue: border, position: 50, salience: 0.1, position_range: [40, 60],
     evidence: [{doc: second-round.txt, quote: "offered to host a second round"}]}
  - {actor: atl, issue: sanctions, position: 2, salience: 0.5,
     evidence: [{doc: geneva.txt, quote: "no such words in the text"}]}
  - {actor: bor, issue: sanctions, position: 10, salience: 0.9,
     evidence: [{doc: geneva.txt, quote: "demanded that all sanctions be lifted"}]}
whatifs:
  - {id: no-cas, name: Cascadia stays home, drop: [cas]}
  - {id: atl-softer, name: Atlantis softens, set: [{actor: atl, issue: border, position: 40}]}
"""


@pytest.fixture
def small_scenario(tmp_path: Path) -> Path:
    """A YAML scenario over the invented corpus; one locator deliberately does not resolve."""
    path = tmp_path / "small.yaml"
    path.write_text(SMALL_SCENARIO, encoding="utf-8")
    return path


@pytest.fixture
def evil_title() -> str:
    """The headline with markup that the invented corpus carries."""
    return EVIL_TITLE
