from dataclasses import dataclass

import pytest

from detente.errors import NotFound
from detente.store import ResolvedLocator, open_store
from detente.store.locate import find, normalise, split_sentences
from tests.store.conftest import TEXT, make_article

try:
    from detente.bargain.scenario import Locator
except ImportError:  # the bargain stage is being rebuilt; resolve() only needs .doc and .quote

    @dataclass(frozen=True)
    class Locator:
        doc: str
        quote: str


@pytest.fixture
def store(db_url, article, extraction):
    with open_store(db_url) as st:
        st.add_document(article, extraction)
        yield st


def test_resolve_by_name_returns_the_full_sentence(store, article):
    loc = Locator("vienna.txt", "reopen the embassies")
    got = store.resolve(loc)
    assert isinstance(got, ResolvedLocator)
    assert got.locator == loc and got.doc_id == article.doc_id and got.doc_name == "vienna.txt"
    assert got.sentence == "“We agreed to reopen the embassies,” said Anna Berg after the talks."
    assert got.evidence.slice(TEXT) == got.sentence


def test_resolve_normalises_case_whitespace_and_quote_marks(store, article):
    got = store.resolve(Locator(article.doc_id, '"we   AGREED to\nreopen'))
    assert got.sentence.startswith("“We agreed")
    got = store.resolve(Locator(article.doc_id[:12], "BORDURIA rejected"))
    assert got.sentence == "Borduria rejected a ceasefire proposal."


def test_resolve_spanning_two_sentences_returns_both(store):
    got = store.resolve(Locator("vienna.txt", "after the talks. Borduria rejected"))
    assert (
        got.sentence == "“We agreed to reopen the embassies,” said Anna Berg after the talks. "
        "Borduria rejected a ceasefire proposal."
    )


def test_resolve_without_stored_sentences_uses_a_regex_split(db_url):
    text = "Mr. Berg met the U.S. envoy on Monday. They spoke of “grain corridors”. Talks end."
    art = make_article(text, name="plain.txt")
    with open_store(db_url) as st:
        st.add_document(art)
        assert (
            st.resolve(Locator("plain.txt", "the u.s. envoy")).sentence
            == "Mr. Berg met the U.S. envoy on Monday."
        )
        assert (
            st.resolve(Locator("plain.txt", '"grain corridors"')).sentence
            == "They spoke of “grain corridors”."
        )


def test_resolve_failures_are_one_line_not_found(store):
    with pytest.raises(NotFound, match="'nope.txt' is not in the store"):
        store.resolve(Locator("nope.txt", "anything"))
    with pytest.raises(NotFound, match=r"vienna.txt: no sentence contains 'ministers of Narnia'"):
        store.resolve(Locator("vienna.txt", "ministers   of Narnia"))
    with pytest.raises(NotFound, match="no words"):
        store.resolve(Locator("vienna.txt", "  "))


def test_normalise_keeps_offsets():
    folded, offsets = normalise("A  “Quote”\n—here")
    assert folded == 'a "quote" -here'
    assert len(offsets) == len(folded)
    assert offsets[2] == 3
    assert find("x  ‘Yes’ — said", "'yes' - SAID") == (3, 15)
    assert find("abc", "zzz") is None


def test_split_sentences_respects_abbreviations_and_paragraphs():
    text = "Gen. Lee and Dr. Sun met J. Doe. It went well!\n\nHeading\n\n“Fine.” Done."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Gen. Lee and Dr. Sun met J. Doe.",
        "It went well!",
        "Heading",
        "“Fine.”",
        "Done.",
    ]


def test_evidence_sentences_are_trimmed_of_paragraph_breaks(db_url):
    from detente.evidence import Evidence
    from detente.extract.records import DocumentExtraction, QuoteRecord, SentenceRecord

    text = "Heading line\n\n“We agree,” she said.\n\nNext paragraph."
    art = make_article(text, name="trim.txt")
    q = text.index("We agree,")
    ext = DocumentExtraction(
        art.doc_id,
        sentences=[
            SentenceRecord(0, 0, text.index("Next")),
            SentenceRecord(1, text.index("Next"), len(text)),
        ],
        quotes=[QuoteRecord(None, Evidence(art.doc_id, q, q + 9), "We agree,")],
    )
    with open_store(db_url) as st:
        st.add_document(art, ext)
        assert st.quotes().iloc[0]["sentence"] == "Heading line\n\n“We agree,” she said."
        got = st.resolve(Locator("trim.txt", "next paragraph"))
        assert got.sentence == "Next paragraph." and got.evidence.slice(text) == got.sentence
