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
            EventRecord(
                "CONSULT",
                "ATL",
                "BOR",
                s0,
                date="2025-03-03",
                location="Geneva",
                date_evidence=ev("on Monday"),
            )
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


# -- an invented corpus for the relations sections (our own sentences) --------------------

REL_ACTORS = {
    "USA": ("United States", "country", "USA"),
    "RUS": ("Russia", "country", "RUS"),
    "CHN": ("China", "country", "CHN"),
    "person.alpha": ("President Alpha", "person", "USA"),
    "org.nato": ("NATO", "organization", None),
}
"""Actors of the relations corpus: three states, a person of one of them, an organisation."""

REL_ARTICLES = [
    {
        "name": "a-feb05.txt",
        "outlet": "Harbour Post",
        "published": "2025-02-05",
        "text": (
            "Washington and Moscow traded sharp words over the embassy quarrel. "
            "The Russian side turned down an American idea for a prisoner exchange."
        ),
        "events": [(1, "REJECT", None, "RUS", "USA", "2025-02-04")],
        "mentions": [("USA", "Washington"), ("RUS", "Moscow"), ("RUS", "Russian")],
        "quotes": [],
    },
    {
        "name": "b-feb12.txt",
        "outlet": "Harbour Post",
        "published": "2025-02-12",
        "text": (
            "President Alpha and the Russian leader talked by phone for ninety minutes. "
            "Both leaders consented to restore embassy staffing in their capitals. "
            "President Alpha said the call was warm and useful."
        ),
        "events": [
            (0, "CONSULT", "phone", "person.alpha", "RUS", "2025-02-12"),
            (1, "AGREE", None, "USA", "RUS", "2025-02-12"),
        ],
        "mentions": [("person.alpha", "President Alpha"), ("RUS", "Russian")],
        "quotes": [("person.alpha", "the call was warm and useful", "say")],
    },
    {
        "name": "c-feb19.txt",
        "outlet": "Valley Times",
        "published": "2025-02-19",
        "text": (
            "Delegations from Washington and Moscow met in a desert city to map out a settlement. "
            "Moscow consented to resume direct flights between the two countries. "
            "Beijing hailed the meeting and promised backing to Moscow. "
            "Washington slapped new tariffs on steel from China."
        ),
        "events": [
            (0, "CONSULT", None, "USA", "RUS", "2025-02-18"),
            (1, "AGREE", None, "RUS", "USA", "2025-02-18"),
            (2, "SUPPORT", None, "CHN", "RUS", None),
            (3, "SANCTION", None, "USA", "CHN", None),
        ],
        "mentions": [
            ("USA", "Washington"),
            ("RUS", "Moscow"),
            ("CHN", "Beijing"),
            ("CHN", "China"),
        ],
        "quotes": [],
    },
    {
        "name": "d-undated.txt",
        "outlet": None,
        "published": None,
        "text": (
            "A NATO spokesman urged Russia to pull its troops back. "
            "The two governments had long ago consented to keep a hotline open with Washington."
        ),
        "events": [
            (0, "REQUEST", None, "org.nato", "RUS", None),
            (1, "AGREE", None, "RUS", "USA", None),
        ],
        "mentions": [("org.nato", "NATO"), ("RUS", "Russia"), ("USA", "Washington")],
        "quotes": [],
    },
]
"""Four invented articles: US-Russia relations warming across February 2025, one undated."""


def _rel_article(spec: dict) -> Article:
    import hashlib
    from datetime import date

    text = spec["text"]
    return Article(
        name=spec["name"],
        source=f"/invented/{spec['name']}",
        text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        title=f"Story {spec['name']}",
        outlet=spec["outlet"],
        published=date.fromisoformat(spec["published"]) if spec["published"] else None,
        date_convention="iso" if spec["published"] else None,
    )


def _rel_extraction(article: Article, spec: dict):
    import re

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
    used = {a for a, _ in spec["mentions"]} | {x for e in spec["events"] for x in (e[3], e[4]) if x}
    actors = [ActorRecord(a, *REL_ACTORS[a]) for a in sorted(used)]
    mentions = [
        MentionRecord(a, Evidence(doc, m.start(), m.end()), word)
        for a, word in spec["mentions"]
        for m in re.finditer(re.escape(word), text)
    ]
    events = [
        EventRecord(t, src, tgt, Evidence(doc, *spans[i]), mode=mode, date=when)
        for i, t, mode, src, tgt, when in spec["events"]
    ]
    quotes = []
    for speaker, words, cue in spec["quotes"]:
        at = text.index(words)
        quotes.append(QuoteRecord(speaker, Evidence(doc, at, at + len(words)), words, cue))
    return DocumentExtraction(
        doc_id=doc,
        sentences=[SentenceRecord(i, a, b) for i, (a, b) in enumerate(spans)],
        actors=actors,
        mentions=mentions,
        events=events,
        quotes=quotes,
    )


@pytest.fixture
def relations_store(db_url: str) -> Iterator[Store]:
    """A fresh store of the four invented relations articles with hand-made extractions."""
    with open_store(db_url) as store:
        for spec in REL_ARTICLES:
            art = _rel_article(spec)
            assert store.add_document(art, _rel_extraction(art, spec))
        yield store
