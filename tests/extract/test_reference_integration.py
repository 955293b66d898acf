"""Undated articles through the full pipeline and the packaged calendar (texts written here)."""

from __future__ import annotations

import hashlib

import pytest

from detente.extract import Extractor
from detente.ingest.records import Article

pytestmark = pytest.mark.model


def extract(nlp, text: str):
    art = Article("t.txt", "t.txt", text, hashlib.sha256(text.encode()).hexdigest())
    return Extractor(nlp=nlp).extract(art)


def test_a_calendared_meeting_dates_the_article_and_its_events(nlp):
    result = extract(
        nlp,
        "Russian and Ukrainian delegations met in Istanbul on Friday for their first direct "
        "talks in three years. The two sides agreed to exchange a thousand prisoners each.",
    )
    ref = result.reference
    assert (ref.earliest, ref.latest) == ("2025-05-16", "2025-05-22")
    assert [c.event_id for c in ref.clues] == ["2025-05-16.russia-ukraine-direct-talks-in-istanbul"]
    assert result.sentences[0].start <= ref.clues[0].evidence.start
    assert {(e.type, e.date) for e in result.events} >= {("CONSULT", "2025-05-16")}


def test_an_uncalendared_meeting_leaves_the_article_undated(nlp):
    result = extract(
        nlp,
        "Negotiators from Russia and Ukraine met in Istanbul on Thursday for a fourth round "
        "of talks. Both delegations exchanged draft memoranda.",
    )
    assert result.reference is None
    assert all(e.date is None for e in result.events)
