"""Builders of invented articles and extractions for the store tests."""

from __future__ import annotations

import hashlib

import pytest

from detente.evidence import Evidence
from detente.extract.records import (
    ActorRecord,
    DocumentExtraction,
    EventRecord,
    MentionRecord,
    QuoteRecord,
    SentenceRecord,
    StanceRecord,
)
from detente.ingest.records import Article

TEXT = (
    "Foreign ministers of Atlantis and Borduria met in Vienna on Tuesday.\n\n"
    "“We agreed to reopen the embassies,” said Anna Berg after the talks. "
    "Borduria rejected a ceasefire proposal."
)


def make_article(text: str = TEXT, name: str = "vienna.txt") -> Article:
    return Article(
        name=name,
        source=f"/data/{name}",
        text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        title="Ministers meet",
        outlet="Example Wire",
    )


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def make_extraction(article: Article, *, role: str = "Foreign Minister") -> DocumentExtraction:
    text, doc = article.text, article.doc_id

    def ev(words: str) -> Evidence:
        return Evidence(doc, *span(text, words))

    s0 = span(text, "Foreign ministers of Atlantis and Borduria met in Vienna on Tuesday.")
    s1 = span(text, "“We agreed to reopen the embassies,” said Anna Berg after the talks.")
    s2 = span(text, "Borduria rejected a ceasefire proposal.")
    return DocumentExtraction(
        doc_id=doc,
        sentences=[SentenceRecord(i, a, b) for i, (a, b) in enumerate((s0, s1, s2))],
        actors=[
            ActorRecord("ATL", "Atlantis", "country", "ATL"),
            ActorRecord("BOR", "Borduria", "country", "BOR"),
            ActorRecord("person.berg_anna", "Anna Berg", "person", "ATL", role),
        ],
        mentions=[
            MentionRecord("ATL", ev("Atlantis"), "Atlantis"),
            MentionRecord(
                "BOR", Evidence(doc, text.index("Borduria"), text.index("Borduria") + 8), "Borduria"
            ),
            MentionRecord("person.berg_anna", ev("Anna Berg"), "Anna Berg"),
            MentionRecord("BOR", Evidence(doc, s2[0], s2[0] + 8), "Borduria"),
        ],
        events=[
            EventRecord(
                "CONSULT",
                "ATL",
                "BOR",
                Evidence(doc, *s0),
                mode="visit",
                date="2025-03-04",
                location="Vienna",
                trigger="met",
            ),
            EventRecord("REJECT", "BOR", None, Evidence(doc, *s2), trigger="rejected"),
        ],
        quotes=[
            QuoteRecord(
                "person.berg_anna",
                ev("We agreed to reopen the embassies,"),
                "We agreed to reopen the embassies,",
                "say",
            )
        ],
        stances=[StanceRecord("BOR", "ceasefire", -1, Evidence(doc, *s2), "reject")],
    )


@pytest.fixture
def article() -> Article:
    return make_article()


@pytest.fixture
def extraction(article) -> DocumentExtraction:
    return make_extraction(article)
