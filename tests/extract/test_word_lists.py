"""The shared word lists and the per-Doc text the components read."""

from __future__ import annotations

from spacy.tokens import DocBin

from detente.extract import word_lists
from detente.extract.word_lists import TEXT_KEY, doc_text, words


def test_doc_text_is_kept_with_each_doc(blank):
    first = blank("The envoys met in Vienna.")
    second = blank("A second text, longer than the first one.")
    assert doc_text(first) == first.text and doc_text(second) == second.text
    # each Doc keeps its own text: reading one never replaces the other's
    assert doc_text(first) == "The envoys met in Vienna."
    assert first.user_data[TEXT_KEY] == first.text
    assert second.user_data[TEXT_KEY] == second.text
    # no module-level slot holds a Doc
    assert not any(
        isinstance(v, list) and any(x is first or x is second for x in v)
        for v in vars(word_lists).values()
    )


def test_the_kept_text_is_plain_user_data(blank):
    doc = blank("Talks resumed on Friday.")
    doc_text(doc)
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (back,) = DocBin(store_user_data=True).from_bytes(data).get_docs(blank.vocab)
    assert back.user_data[TEXT_KEY] == doc_text(back) == "Talks resumed on Friday."


def test_word_lists_are_frozen_sets():
    verbs = words("reporting_verbs")
    assert isinstance(verbs, frozenset) and "say" in verbs
