"""Context tests on entity spans: names, credits, headings, places and actors.

Each predicate is one rule of :mod:`.resolver`, kept here so the
resolver reads as the decision list its docstring describes.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from detente.extract.word_lists import doc_text, words

_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")


def clean_name(span: Span) -> tuple[int, int, str]:
    """Drop a leading article, honorifics, titles and a trailing possessive from an entity."""
    toks = list(span)
    honorifics, titles = words("honorifics"), words("title_words")
    while toks and (toks[0].lower_ == "the" or toks[0].lower_.strip(".") in honorifics):
        toks = toks[1:]
    if span.label_ == "PERSON":
        while len(toks) > 1 and toks[0].lower_.strip(".") in titles:
            toks = toks[1:]
    while toks and (toks[-1].text in ("’s", "'s", "’", "'") or toks[-1].is_punct):
        toks = toks[:-1]
    if not toks:
        return span.start_char, span.end_char, span.text
    a, b = toks[0].idx, toks[-1].idx + len(toks[-1])
    text = _POSSESSIVE.sub("", doc_text(span.doc)[a:b])
    return a, b, text


def is_credit(span: Span) -> bool:
    """By-lines, photo credits ("Name/Agency") and contributor lines."""
    doc = span.doc
    if "/" in span.text:
        return True
    if span.end < len(doc) and doc[span.end].text.startswith("/"):
        return True
    if span.start > 0 and doc[span.start - 1].text.endswith("/"):
        return True
    line_start = doc_text(doc).rfind("\n", 0, span.start_char) + 1
    line = doc_text(doc)[line_start : span.start_char].lower().lstrip(" *_")
    return any(line.startswith(marker) for marker in words("credit_line_starts"))


def locative(span: Span) -> bool:
    """True when the entity is the object of a locative preposition ("in Riyadh")."""
    head = span.root.head
    return span.root.dep_ == "pobj" and head.lower_ in words("locative_preps")


_ARGUMENT_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "poss", "agent", "dative", "iobj", "pobj", ""}
)


def argument(span: Span) -> bool:
    """True when a place name fills an argument slot.

    Subject, object, possessor, non-locative prepositional object, or the origin of
    a noun ("a message from the Kremlin"): there a seat of government stands for its
    state.
    """
    root = span.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    if root.dep_ == "pobj":
        prep = root.head
        if prep.lower_ in ("from", "by") and prep.head.pos_ in ("NOUN", "PROPN"):
            return True  # "a statement from the Kremlin": who it comes from, not a place
        return prep.lower_ not in words("locative_preps")
    return root.dep_ in _ARGUMENT_DEPS


_GENERIC_ORG_WORDS = frozenset(
    {
        "state",
        "department",
        "ministry",
        "office",
        "house",
        "council",
        "committee",
        "government",
        "administration",
        "of",
        "the",
        "and",
        "foundation",
        "institute",
        "university",
        "center",
        "centre",
        "agency",
        "fund",
        "group",
        "party",
        "union",
        "organization",
        "organisation",
        "alliance",
        "army",
        "navy",
        "command",
        "forces",
        "force",
        "military",
        "bloc",
        "coalition",
        "delegation",
        "embassy",
    }
)


def in_heading(span: Span) -> bool:
    """True inside a heading or a metadata label line ("Focus Keywords: ...").

    A heading is a short line without sentence-final punctuation; a label is a name
    opening its line before a colon. Unknown names there are layout, not actors.
    """
    text = doc_text(span.doc)
    a = text.rfind("\n", 0, span.start_char) + 1
    b = text.find("\n", span.end_char)
    line = text[a : len(text) if b < 0 else b].strip()
    if text[span.end_char : span.end_char + 1] == ":" and not text[a : span.start_char].strip():
        return True
    return len(line.split()) <= 12 and not line.endswith((".", "?", "!", "”", '"', "’", ")"))


def namelike(text: str) -> bool:
    """False for an "organisation" made only of title and generic words.

    The model tags "State" in "Secretary of State" as ORG inside job titles.
    """
    titles = words("title_words")
    return any(
        w.lower() not in titles and w.lower() not in _GENERIC_ORG_WORDS
        for w in re.findall(r"[\w.]+", text)
    )


def media_name(text: str) -> bool:
    """True for a name shaped like a news outlet's ("ABC News", "The Daily Planet Times").

    News media cited as sources are not actors (guidelines, Clarification 2); the
    dictionary lists the common ones (``kind: media``) and this catches the rest by
    the word that ends the name.
    """
    last = re.findall(r"[\w.]+", text)[-1:] or [""]
    return last[0].lower() in words("media_name_ends")


def acts(span: Span) -> bool:
    """True when the entity is the subject of a verb other than "be"."""
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ != "be"
