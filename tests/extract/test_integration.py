"""End to end on an article written for this test (full pipeline, package dictionary)."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from detente.extract import Extractor
from detente.ingest.records import Article

TEXT = "\n".join(
    [
        "Envoys meet again in Istanbul",
        "By Jane Reporter",
        "Russian Foreign Minister Sergei Lavrov and Secretary of State Marco Rubio met in "
        "Istanbul on Monday, the State Department said.",
        "“We had a frank exchange,” Lavrov told reporters afterwards. “Nothing is agreed yet.”",
        "Ivan Petrov, the head of Russia's national rail company, said freight could resume "
        "“within weeks.”",
        "Ukraine's foreign minister rejected the idea. Volodymyr Zelenskyy said he would not "
        "accept it, calling the plan “a trap.”",
        "The so-called “reset” has stalled before. Moscow insists on sanctions relief.",
        "Photo: Anna Roe/Wire",
        "",
    ]
)


@pytest.fixture(scope="module")
def result(nlp):
    art = Article(
        "t.txt",
        "t.txt",
        TEXT,
        hashlib.sha256(TEXT.encode()).hexdigest(),
        published=date(2025, 3, 4),
    )
    return Extractor(nlp=nlp).extract(art)


def test_actors(result):
    by_id = {a.actor_id: a for a in result.actors}
    assert {
        "RUS",
        "UKR",
        "usa.state_dept",
        "person.lavrov_sergei",
        "person.rubio_marco",
        "person.zelensky_volodymyr",
        "person.adhoc.ivan_petrov",
    } <= set(by_id)
    petrov = by_id["person.adhoc.ivan_petrov"]
    assert (petrov.country, petrov.role) == ("RUS", "head of Russia's national rail company")
    names = {a.name for a in result.actors}
    assert not names & {"Jane Reporter", "Anna Roe", "Istanbul"}


def test_quotes(result):
    got = [(q.speaker_id, q.text.rstrip(".,")) for q in result.quotes]
    assert got == [
        ("person.lavrov_sergei", "We had a frank exchange"),
        ("person.lavrov_sergei", "Nothing is agreed yet"),
        ("person.adhoc.ivan_petrov", "within weeks"),
        ("person.zelensky_volodymyr", "a trap"),
    ]
    for q in result.quotes:
        assert TEXT[q.evidence.start : q.evidence.end] == q.text


def test_mentions_include_coreference(result):
    texts = {(m.text, m.actor_id) for m in result.mentions}
    assert ("Moscow", "RUS") in texts
    assert ("he", "person.zelensky_volodymyr") in texts
    assert any(a.startswith("person.") and t == "foreign minister" for t, a in texts)
