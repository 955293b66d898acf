"""One inconsistent fact is repaired or dropped alone; the document and its other facts stay."""

import dataclasses

import pandas as pd
import pytest

from detente.evidence import Evidence
from detente.extract.records import (
    ActorRecord,
    EventRecord,
    MentionRecord,
    QuoteRecord,
    SentenceRecord,
    StanceRecord,
)
from detente.store import open_store


@pytest.fixture
def store(db_url):
    with open_store(db_url) as st:
        yield st


def _store(store, article, extraction):
    notes: list[str] = []
    assert store.add_document(article, extraction, on_warning=notes.append)
    return notes


def test_event_naming_an_actor_missing_from_the_document_is_dropped_alone(
    store, article, extraction
):
    # The case that lost a whole article: an event whose target is a state that is
    # not among the document's actors (a place turned into a recipient).
    s2 = extraction.events[1].evidence
    bad = dataclasses.replace(
        extraction,
        events=[*extraction.events, EventRecord("ASSAULT", "BOR", "NLD", s2, trigger="struck")],
    )
    notes = _store(store, article, bad)
    assert notes == [
        f"dropped ASSAULT event at [{s2.start}, {s2.end}): "
        "target 'NLD' is not among the document's actors"
    ]
    assert list(store.documents()["name"]) == ["vienna.txt"]
    assert sorted(store.events()["type"]) == ["CONSULT", "REJECT"]
    assert len(store.quotes()) == 1 and len(store.stances()) == 1 and len(store.mentions()) == 4
    assert "NLD" not in set(store.actors()["actor_id"])


def test_an_actor_the_store_already_knows_is_resolved_not_dropped(store, article, extraction):
    from detente.extract.records import DocumentExtraction
    from tests.store.conftest import make_article

    store.add_document(article, extraction)
    other = make_article("Atlantis and Borduria met again.", name="again.txt")
    ex = DocumentExtraction(
        doc_id=other.doc_id,
        sentences=[SentenceRecord(0, 0, len(other.text))],
        mentions=[MentionRecord("ATL", Evidence(other.doc_id, 0, 8), "Atlantis")],
        events=[EventRecord("CONSULT", "ATL", "BOR", Evidence(other.doc_id, 0, len(other.text)))],
    )
    assert _store(store, other, ex) == []
    events = store.events(other.doc_id)
    assert (events.iloc[0]["source_id"], events.iloc[0]["target_id"]) == ("ATL", "BOR")


def test_quote_of_an_unknown_speaker_keeps_its_words_without_a_speaker(store, article, extraction):
    q = extraction.quotes[0]
    bad = dataclasses.replace(extraction, quotes=[dataclasses.replace(q, speaker_id="ghost")])
    notes = _store(store, article, bad)
    assert notes == [
        f"quote at [{q.evidence.start}, {q.evidence.end}): cleared speaker 'ghost', "
        "not among the document's actors"
    ]
    quotes = store.quotes()
    assert len(quotes) == 1 and quotes.iloc[0]["speaker_id"] is None
    assert quotes.iloc[0]["text"] == q.text


def test_spans_outside_the_text_or_of_another_document_are_dropped(store, article, extraction):
    n = len(article.text)
    bad = dataclasses.replace(
        extraction,
        sentences=[*extraction.sentences, SentenceRecord(3, 10, 5), SentenceRecord(0, 0, 4)],
        mentions=[
            *extraction.mentions,
            MentionRecord("ATL", Evidence(article.doc_id, n - 2, n + 5), "x"),
            MentionRecord("ATL", Evidence("f" * 64, 0, 8), "Atlantis"),
        ],
        stances=[
            *extraction.stances,
            StanceRecord("BOR", "ceasefire", 2, extraction.stances[0].evidence, "reject"),
        ],
    )
    notes = _store(store, article, bad)
    assert notes == [
        f"dropped sentence 3 at [10, 5): span [10, 5) is outside the text ({n} characters)",
        "dropped sentence 0 at [0, 4): index 0 is not a new integer",
        f"dropped mention at [{n - 2}, {n + 5}): span [{n - 2}, {n + 5}) is outside the text "
        f"({n} characters)",
        "dropped mention at [0, 8): evidence points to document ffffffffffff",
        f"dropped stance at [{extraction.stances[0].evidence.start}, "
        f"{extraction.stances[0].evidence.end}): direction 2",
    ]
    assert len(store.sentences()) == 3 and len(store.mentions()) == 4
    assert len(store.stances()) == 1 and len(store.events()) == 2


def test_fields_too_long_for_their_column_are_cleared_or_the_fact_dropped(
    store, article, extraction
):
    e0, e1 = extraction.events
    bad = dataclasses.replace(
        extraction,
        actors=[
            *extraction.actors,
            ActorRecord("", "Nobody", "person"),
            ActorRecord("org.long", "x" * 300, "organization", "TOOLONGCODE", "r" * 300),
        ],
        events=[
            dataclasses.replace(e0, location="L" * 300, date="2025-03-04T10:00:00Z"),
            dataclasses.replace(e1, type="X" * 40),
        ],
        quotes=[dataclasses.replace(extraction.quotes[0], cue=["say"])],
    )
    notes = _store(store, article, bad)
    assert "dropped actor '': not a usable actor id" in notes
    assert (
        "actor 'org.long': name 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
        "xxxx' replaced by its id" in notes
    )
    assert any(n.startswith("actor 'org.long': cleared country 'TOOLONGCODE'") for n in notes)
    assert any(n.startswith("CONSULT event at [") and "cleared date" in n for n in notes)
    assert any(n.startswith("CONSULT event at [") and "cleared location" in n for n in notes)
    assert any(n.startswith("dropped XXXX") and n.endswith("is invalid") for n in notes)
    assert any("cleared cue ['say']" in n for n in notes)
    events = store.events()
    assert len(events) == 1 and events.iloc[0]["date"] is None
    assert events.iloc[0]["location"] is None and events.iloc[0]["trigger"] == "met"
    actors = store.actors().set_index("actor_id")
    assert actors.loc["org.long", "name"] == "org.long"
    assert pd.isna(actors.loc["org.long", "country"])


def test_re_extraction_repairs_the_same_way(store, article, extraction):
    store.add_document(article, extraction)
    bad = dataclasses.replace(
        extraction, quotes=[dataclasses.replace(extraction.quotes[0], speaker_id="nobody")]
    )
    notes: list[str] = []
    store.set_extraction(article.doc_id, bad, on_warning=notes.append)
    assert len(notes) == 1 and "cleared speaker 'nobody'" in notes[0]
    assert len(store.events()) == 2 and store.quotes().iloc[0]["speaker_id"] is None


def test_without_a_callback_problems_are_logged(store, article, extraction, caplog):
    bad = dataclasses.replace(
        extraction, quotes=[QuoteRecord("ghost", extraction.quotes[0].evidence, "w")]
    )
    with caplog.at_level("WARNING"):
        assert store.add_document(article, bad)
    assert "/data/vienna.txt: quote at" in caplog.text and "ghost" in caplog.text
