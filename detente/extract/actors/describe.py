"""Role and country of a person from the words around the name.

News style gives a person's role in three places, and each rule below reads
one of them (all three use the parse only lightly, so they hold up on the
small English model):

* a title chunk before the name: "Kremlin economic aide Ivan Petrov",
  "Russian Foreign Minister Sergei Lavrov" (a leading demonym is the country,
  not part of the role);
* an apposition after the name: "Anna Sokolova, the head of Russia's
  state export bank,"; "Jane Roe, editor of a Berlin policy journal";
* a fronted apposition before the name: "The head of the bank, Anna Sokolova,".

The country comes from the first state, demonym or national body inside the
role ("Russia's", "Kremlin", "State Department"), or from a possessor person
("Trump's Arctic envoy").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from detente.extract.word_lists import doc_text, words

#: Finite verbs and clause openers end an apposition.
_CLAUSE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_STOP_WORDS = frozenset(
    {"who", "which", "that", "whose", "whom", "and", "but", "while", "said", "says"}
)
_BEFORE_STOP_PREPS = frozenset(
    {
        "with",
        "by",
        "from",
        "to",
        "for",
        "about",
        "after",
        "before",
        "during",
        "between",
        "among",
        "like",
        "as",
        "than",
        "on",
        "under",
        "over",
    }
)
_MAX_ROLE_TOKENS = 20

CountryOf = Callable[[Token], "str | None"]
"""Maps a token to the ISO3 country it names or belongs to (via the actor dictionary), or None."""


@dataclass(frozen=True, slots=True)
class Description:
    """What the context says about one named person."""

    role: str | None
    """Role words as written, without a leading country word ("Foreign Minister")."""
    country: str | None
    """ISO3 country found in the role words, or None."""
    start: int
    """Offset of the first role character (or of the name when no role)."""
    end: int
    """Offset one past the last role character."""


def _is_titleish(tok: Token) -> bool:
    return tok.lower_.strip(".") in words("title_words") or (tok.pos_ == "NOUN" and tok.is_lower)


def _chunk_role(tokens: list[Token], country_of: CountryOf) -> tuple[str | None, str | None]:
    """Role text and country of a title chunk; leading country words and honorifics are dropped."""
    country = None
    for tok in tokens:
        country = country or country_of(tok)
    honorifics = words("honorifics")
    while tokens and (
        tokens[0].lower_.strip(".") in honorifics
        or tokens[0].is_punct
        or tokens[0].pos_ in ("DET", "PART")
        or (tokens[0].ent_type_ in ("NORP", "GPE") and country_of(tokens[0]))
    ):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_.strip(".") in honorifics):
        tokens = tokens[:-1]
    if not tokens or not any(_is_titleish(t) for t in tokens):
        return None, country
    doc = tokens[0].doc
    text = doc_text(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
    return text, country


def _title_before(span: Span) -> list[Token]:
    """Contiguous title words right before the name ("State Department spokesperson")."""
    doc, out = span.doc, []
    i = span.start - 1
    sent_start = span.sent.start if doc.has_annotation("SENT_START") else 0
    while i >= sent_start:
        tok = doc[i]
        if tok.ent_type_ == "PERSON" or tok.is_space or "\n" in tok.text_with_ws[:-1]:
            break
        if tok.lower_ == "of" and out and i - 1 >= sent_start and _is_titleish(doc[i - 1]):
            out.insert(0, tok)
            i -= 1
            continue
        if (
            tok.pos_ in ("PROPN", "NOUN", "ADJ")
            or tok.ent_type_ in ("NORP", "GPE", "ORG")
            or (
                tok.is_title
                and not tok.is_sent_start
                and tok.pos_ not in ("DET", "ADP", "VERB", "AUX", "PRON")
            )
        ):
            if tok.text in ("’s", "'s"):
                break
            out.insert(0, tok)
            i -= 1
            continue
        break
    return out


def _apposition_after(span: Span) -> list[Token]:
    """Words of an apposition after the name: ", [the] head of the fund,"."""
    doc = span.doc
    i = span.end
    if i >= len(doc) or doc[i].text != ",":
        return []
    i += 1
    out: list[Token] = []
    end = span.sent.end if doc.has_annotation("SENT_START") else len(doc)
    while i < end and len(out) < _MAX_ROLE_TOKENS:
        tok = doc[i]
        if tok.text in {",", ".", ";", ":", "(", ")", "“", "”", '"', "—", "–"} or "\n" in tok.text:
            break
        if tok.lower_ in _STOP_WORDS or tok.tag_ in _CLAUSE_TAGS or tok.pos_ == "AUX":
            return []
        out.append(tok)
        i += 1
    if out and out[0].pos_ == "VERB":
        return []
    return out


def _apposition_before(span: Span) -> list[Token]:
    """A fronted apposition: "The head of the bank, Anna Sokolova".

    The name must end the clause or be framed by commas.
    """
    doc = span.doc
    i = span.start - 1
    if i < 0 or doc[i].text != ",":
        return []
    if (
        span.end < len(doc)
        and doc[span.end].text not in {",", ".", ";"}
        and doc[span.end].pos_ not in ("VERB", "AUX")
    ):
        return []
    sent_start = span.sent.start if doc.has_annotation("SENT_START") else 0
    out: list[Token] = []
    i -= 1
    while i >= sent_start and len(out) < _MAX_ROLE_TOKENS:
        tok = doc[i]
        if tok.is_punct and tok.text not in ("’s", "'s", "-"):
            break
        if tok.pos_ in ("VERB", "AUX", "SCONJ") or tok.lower_ in _BEFORE_STOP_PREPS:
            break
        if "\n" in tok.text_with_ws and i < span.start - 2:
            break
        out.insert(0, tok)
        i -= 1
    return out


def describe(
    span: Span, country_of: CountryOf, possessor_country: CountryOf | None = None
) -> Description:
    """Role and country of the person named by ``span``, read from its context.

    Args:
        span: The name (a PERSON entity).
        country_of: Maps a token to the country it names (demonym, state, national body).
        possessor_country: Maps a token to the country of a person it names, for
            "Trump's Arctic envoy John Doe".
    """
    for chunk in (_apposition_after(span), _title_before(span), _apposition_before(span)):
        if not chunk:
            continue
        role, country = _chunk_role(chunk, country_of)
        if role is None:
            continue
        if country is None and possessor_country is not None:
            first = chunk[0].i
            if first >= 2 and span.doc[first - 1].text in ("’s", "'s"):
                country = possessor_country(span.doc[first - 2])
        last = chunk[-1]
        return Description(role, country, chunk[0].idx, last.idx + len(last))
    return Description(None, None, span.start_char, span.end_char)
