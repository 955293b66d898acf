"""The Doc/Span extension contract: idempotent, fresh containers per Doc, DocBin round-trip."""

from __future__ import annotations

from spacy.tokens import Doc, DocBin, Span

from detente.evidence import Evidence
from detente.extract.extensions import (
    DOC_ATTRS,
    get_list,
    record_from_dict,
    record_to_dict,
    records_from_dicts,
    register_extensions,
)
from detente.extract.records import QuoteRecord


def test_register_is_idempotent(clean_extensions):
    register_extensions()
    register_extensions()
    for attr in DOC_ATTRS:
        assert Doc.has_extension(attr)
    assert Span.has_extension("actor_id")


def test_containers_are_fresh_per_doc(blank):
    a, b = blank("one two"), blank("three")
    a._.mentions.append((0, 3, "USA"))
    assert b._.mentions == []
    assert a._.mentions == [(0, 3, "USA")]
    assert a._.actor_info == {} and a._.doc_id is None and a._.published is None


def test_docbin_round_trip_keeps_plain_values(blank):
    doc = blank("Putin met Trump.")
    doc._.doc_id = "abc"
    doc._.published = "2025-02-18"
    doc._.mentions = [(0, 5, "person.putin_vladimir"), (10, 15, "person.trump_donald")]
    doc._.actor_info = {
        "USA": {"name": "United States", "type": "country", "country": "USA", "role": None}
    }
    doc._.dates = [(0, 5, "2025-02-18", "day")]
    quote = QuoteRecord("USA", Evidence("abc", 1, 4), "uti", "say")
    doc._.quotes = [record_to_dict(quote)]
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    back = next(DocBin(store_user_data=True).from_bytes(data).get_docs(blank.vocab))
    assert back._.doc_id == "abc" and back._.published == "2025-02-18"
    assert get_list(back, "mentions") == doc._.mentions
    assert back._.actor_info == doc._.actor_info
    assert records_from_dicts(QuoteRecord, back._.quotes) == [quote]


def test_record_dict_round_trip():
    quote = QuoteRecord("person.x", Evidence("d", 2, 9), "words", None)
    assert record_from_dict(QuoteRecord, record_to_dict(quote)) == quote
    assert records_from_dicts(QuoteRecord, None) == []
