"""Long articles in parts, and a run that one bad article cannot stop.

The articles are written for these tests: each paragraph names its actors in full,
so a paragraph read alone says what it says inside the article.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date

import pytest
import spacy
from spacy.language import Language

from detente.evidence import Evidence
from detente.extract import ComponentError, DocumentExtraction, Extractor
from detente.extract.parts import merge_parts, merge_references, split_text
from detente.extract.records import (
    ActorRecord,
    EventRecord,
    MentionRecord,
    ReferenceClue,
    ReferenceRecord,
    SentenceRecord,
)
from detente.ingest.records import Article

PARAGRAPHS = [
    "Secretary of State Marco Rubio met Russian Foreign Minister Sergei Lavrov in Geneva "
    "on Tuesday. “We had a useful exchange,” Rubio said after the meeting.",
    "Ukrainian President Volodymyr Zelensky rejected the proposal on Wednesday. He said "
    "Kyiv would not give up any territory.",
    "China and Russia signed a trade agreement in Beijing on Thursday.",
    "The European Union imposed new sanctions on Russia on Friday.",
    "Turkish President Recep Tayyip Erdogan offered to host a new round of talks in Istanbul.",
    "NATO Secretary General Mark Rutte warned Russia against any new offensive.",
]


def article(text: str, name: str = "long.txt") -> Article:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Article(name, name, text, digest, published=date(2025, 3, 3))


# -- splitting --------------------------------------------------------------------------------


def test_split_prefers_paragraph_then_line_then_sentence_then_space():
    text = "A" * 30 + "\n\n" + "B" * 30 + "\n" + "C" * 10 + ". Next " + "D" * 20
    spans = split_text(text, 40)
    assert spans[0] == (0, 32)  # after the blank line
    assert [text[a:b] for a, b in spans][1] == "B" * 30 + "\n"  # after the line break
    assert "".join(text[a:b] for a, b in spans) == text
    assert all(b - a <= 40 for a, b in spans)
    words = "alpha beta gamma delta epsilon zeta eta theta"
    assert [words[a:b] for a, b in split_text(words, 12)][:2] == ["alpha beta ", "gamma delta "]
    assert split_text("x" * 25, 10) == [(0, 10), (10, 20), (20, 25)]  # no space: hard cut
    assert split_text("short", 10) == [(0, 5)]
    with pytest.raises(ValueError):
        split_text("x", 0)


def test_split_sentence_end_when_no_line_break():
    text = "One sentence here. Another one follows. And a third one ends it."
    spans = split_text(text, 45)
    assert text[spans[0][0] : spans[0][1]] == "One sentence here. Another one follows. "


# -- merging ----------------------------------------------------------------------------------


def test_merge_shifts_spans_renumbers_sentences_and_merges_actors():
    doc = "d" * 64
    first = DocumentExtraction(
        doc_id=doc,
        sentences=[SentenceRecord(0, 0, 10)],
        actors=[ActorRecord("ATL", "Atlantis", "country", "ATL")],
        mentions=[MentionRecord("ATL", Evidence(doc, 0, 8), "Atlantis")],
    )
    second = DocumentExtraction(
        doc_id=doc,
        sentences=[SentenceRecord(0, 0, 12), SentenceRecord(1, 13, 20)],
        actors=[
            ActorRecord("person.x", "X", "person", "ATL", "Envoy"),
            ActorRecord("ATL", "Atlantis", "country", "ATL"),
        ],
        events=[EventRecord("CONSULT", "person.x", "ATL", Evidence(doc, 0, 12))],
    )
    merged = merge_parts(doc, [(0, first), (100, second)])
    assert [(s.index, s.start, s.end) for s in merged.sentences] == [
        (0, 0, 10),
        (1, 100, 112),
        (2, 113, 120),
    ]
    assert [a.actor_id for a in merged.actors] == ["ATL", "person.x"]
    assert merged.events[0].evidence == Evidence(doc, 100, 112)
    assert merged.mentions[0].evidence == Evidence(doc, 0, 8)
    assert merge_parts(doc, [(0, first)]) is first


def test_merged_reference_keeps_the_days_every_part_allows():
    doc = "d" * 64
    clue = ReferenceClue("e1", "Talks", "2030-03-05", Evidence(doc, 0, 7))
    a = ReferenceRecord("2030-03-05", "2030-03-11", 7, (clue,))
    b = ReferenceRecord("2030-03-08", "2030-03-20", 13, (clue,))
    merged = merge_references([a, b])
    assert (merged.earliest, merged.latest, merged.days, len(merged.clues)) == (
        "2030-03-08",
        "2030-03-11",
        4,
        2,
    )
    apart = ReferenceRecord("2030-04-01", "2030-04-02", 2, ())
    assert merge_references([a, apart]) == a
    assert merge_references([]) is None


# -- the real pipeline ------------------------------------------------------------------------


def _facts(ex: DocumentExtraction) -> dict:
    return {
        name: getattr(ex, name)
        for name in ("sentences", "actors", "mentions", "events", "quotes", "stances")
    }


@pytest.mark.model
def test_a_long_article_in_parts_has_the_facts_and_spans_of_the_whole(nlp):
    text = "\n\n".join(PARAGRAPHS)
    art = article(text)
    whole = Extractor(nlp=nlp).extract(art)
    split = Extractor(nlp=nlp, max_part_chars=170)
    assert len(split_text(text, 170)) >= 4
    parted = split.extract(art)
    assert _facts(parted) == _facts(whole)
    assert whole.events and whole.quotes and len(whole.actors) >= 8
    for m in parted.mentions:
        assert text[m.evidence.start : m.evidence.end] == m.text


@pytest.mark.model
def test_each_part_alone_gives_the_facts_the_long_article_has_there(nlp):
    text = "\n\n".join(PARAGRAPHS)
    long = Extractor(nlp=nlp, max_part_chars=170).extract(article(text))
    for a, b in split_text(text, 170):
        alone = Extractor(nlp=nlp).extract(article(text[a:b], "part.txt"))

        def inside(records, a=a, b=b):
            return [
                (r.type if hasattr(r, "type") else "", r.evidence.start - a, r.evidence.end - a)
                for r in records
                if a <= r.evidence.start < b
            ]

        def own(records):
            return [
                (r.type if hasattr(r, "type") else "", r.evidence.start, r.evidence.end)
                for r in records
            ]

        for name in ("mentions", "events", "quotes"):
            assert inside(getattr(long, name)) == own(getattr(alone, name)), (name, a)


@pytest.mark.model
def test_text_beyond_the_models_length_limit_is_extracted_not_refused(nlp):
    text = "\n\n".join(PARAGRAPHS * 6)
    saved = nlp.max_length
    nlp.max_length = len(text) // 3  # the same cut the 1,000,000-character limit forces
    try:
        with pytest.raises(ValueError, match="E088"):
            nlp(text)
        result = Extractor(nlp=nlp).extract(article(text))
        many = list(
            Extractor(nlp=nlp).extract_many([article("Rubio met Lavrov.", "s.txt"), article(text)])
        )
    finally:
        nlp.max_length = saved
    assert [type(r) for _, r in many] == [DocumentExtraction, DocumentExtraction]
    assert _facts(many[1][1]) == _facts(result)
    late = [m for m in result.mentions if m.evidence.start > 2 * len(text) // 3]
    assert late and all(text[m.evidence.start : m.evidence.end] == m.text for m in late)
    assert result.sentences[-1].end == len(text)


# -- one bad article never stops the run ------------------------------------------------------


class _Breaker:
    """A component whose batch method fails on a marked text (like a compiled component
    without an error handler: the failure leaves ``nlp.pipe`` altogether)."""

    def __call__(self, doc):
        if "BREAK" in doc.text:
            raise RuntimeError("broken on purpose")
        return doc

    def pipe(self, docs, batch_size=None):
        for doc in docs:
            yield self(doc)


@Language.factory("test_breaker")
def _make_breaker(nlp, name):
    return _Breaker()


def _breaking_pipeline(max_length: int | None = None) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("test_breaker")
    if max_length:
        nlp.max_length = max_length
    return nlp


def test_an_error_that_breaks_the_stream_fails_only_its_article():
    texts = ["Calm one.", "Calm two.", "This will BREAK.", "Calm three.", "Calm four.", "Five."]
    arts = [article(t, f"{k}.txt") for k, t in enumerate(texts)]
    results = list(Extractor(nlp=_breaking_pipeline(), batch_size=2).extract_many(iter(arts)))
    assert [a.name for a, _ in results] == [a.name for a in arts]
    kinds = [type(r).__name__ for _, r in results]
    assert kinds == ["DocumentExtraction"] * 2 + ["ComponentError"] + ["DocumentExtraction"] * 3
    assert "broken on purpose" in str(results[2][1])


def test_every_article_breaking_the_stream_still_ends_the_run():
    arts = [article(f"BREAK number {k}.", f"{k}.txt") for k in range(5)]
    results = list(Extractor(nlp=_breaking_pipeline(), batch_size=2).extract_many(arts))
    assert len(results) == 5 and all(isinstance(r, ComponentError) for _, r in results)


def test_long_articles_keep_their_place_in_the_stream():
    long = " ".join(f"Word{k}." for k in range(400))
    arts = [article("Short one.", "a.txt"), article(long), article("Short two.", "b.txt")]
    results = list(Extractor(nlp=_breaking_pipeline(max_length=500)).extract_many(arts))
    assert [a.name for a, _ in results] == ["a.txt", "long.txt", "b.txt"]
    ex = results[1][1]
    assert isinstance(ex, DocumentExtraction) and len(ex.sentences) >= 5
    assert ex.sentences[-1].end == len(long)
    assert dataclasses.asdict(ex.sentences[0])["start"] == 0
