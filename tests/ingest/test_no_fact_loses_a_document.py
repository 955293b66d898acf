"""Ingesting: one inconsistent fact is dropped with a warning in the report; its article is stored.

The extractor is a stand-in that returns a hand-made extraction, one of whose
events names a recipient missing from the document's actors (as a place turned
into a recipient once did), so the test pins the ingest path, not the NLP.
"""

from __future__ import annotations

from detente.api import ingest_paths
from detente.evidence import Evidence
from detente.extract.records import (
    ActorRecord,
    DocumentExtraction,
    EventRecord,
    MentionRecord,
    SentenceRecord,
)
from detente.store import open_store

TEXT = "Envoys of Atlantis and Borduria met in Lisbon on Monday. Borduria shelled a border post."


class OneBadFact:
    """Extracts every article the same way: two events, the second naming an unknown actor."""

    def extract_many(self, articles):
        for article in articles:
            doc, text = article.doc_id, article.text
            first = text.index("Borduria shelled")
            s0, s1 = (0, first - 1), (first, len(text))
            yield (
                article,
                DocumentExtraction(
                    doc_id=doc,
                    sentences=[SentenceRecord(0, *s0), SentenceRecord(1, *s1)],
                    actors=[
                        ActorRecord("ATL", "Atlantis", "country", "ATL"),
                        ActorRecord("BOR", "Borduria", "country", "BOR"),
                    ],
                    mentions=[
                        MentionRecord("ATL", Evidence(doc, 10, 18), "Atlantis"),
                        MentionRecord("BOR", Evidence(doc, 23, 31), "Borduria"),
                    ],
                    events=[
                        EventRecord("CONSULT", "ATL", "BOR", Evidence(doc, *s0), trigger="met"),
                        EventRecord("ASSAULT", "BOR", "PRT", Evidence(doc, *s1), trigger="shelled"),
                    ],
                ),
            )


def test_an_event_naming_an_absent_actor_is_dropped_and_the_article_stored(tmp_path, db_url):
    path = tmp_path / "lisbon.txt"
    path.write_text(TEXT, encoding="utf-8")
    with open_store(db_url) as store:
        report = ingest_paths([path], store=store, extractor=OneBadFact())
        assert report.failures == []
        assert report.stored == ["lisbon.txt"]
        (warning,) = report.warnings
        assert warning.path.endswith("lisbon.txt")
        assert warning.message.startswith("dropped ASSAULT event")
        assert "'PRT' is not among the document's actors" in warning.message
        assert list(store.documents()["name"]) == ["lisbon.txt"]
        assert list(store.events()["type"]) == ["CONSULT"]
        assert "PRT" not in set(store.actors()["actor_id"])
