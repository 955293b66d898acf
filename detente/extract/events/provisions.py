"""The listed provisions of an agreement told earlier: one AGREE per commitment.

"X agreed a plan for Y. The plan includes A, B and C": the guidelines count one
AGREE per distinct commitment the text lists (Clarification 5), so a plan, deal
or package that the article has already coded as agreed, and that a later
sentence spells out as a list of measures ("includes", "provides for",
"envisages"), commits its parties to each measure. The agreement itself stands
for the first measure; each further one is an AGREE of the same parties with the
measure's head word as its theme, so repeats of one measure still merge and
distinct measures do not (:func:`~detente.extract.events.merging.merge_events`).

Only a definite reference to an agreement coded before counts ("the plan",
"this deal"): a list of topics discussed, of attendees or of priorities is not
the content of any commitment.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from detente.evidence import Evidence
from detente.extract.events.factuality import obstacles

if TYPE_CHECKING:
    from detente.extract.events.merging import Coded

AGREEMENT_NOUNS = frozenset(
    {"plan", "deal", "agreement", "accord", "package", "pact", "roadmap", "framework"}
    | {"programme", "program", "memorandum", "arrangement", "proposal", "offer", "pledge"}
)
"""Nouns of an agreed or offered set of measures."""
LISTING_VERBS = frozenset({"include", "envisage", "envision", "comprise", "contain"})
"""Verbs whose object lists what an agreement holds."""
LISTING_PREP_VERBS = {"provide": "for", "call": "for", "consist": "of"}
"""Verbs that list an agreement's measures in a prepositional phrase ("provides *for* X")."""
DEFINITE = frozenset({"the", "this", "that", "its", "their"})
"""Determiners of a noun that refers back to an agreement already told."""


def listed_provisions(sent: Span, s_i: int, coded: list[Coded]) -> list[Coded]:
    """AGREE items for the measures a sentence lists as an earlier agreement's content.

    ``coded``: the items coded from the sentences before ``sent`` (the antecedent must
    be among them).
    """
    out = []
    for verb in sent:
        found = _listed_part(verb)
        if found is None or obstacles(verb):
            continue
        noun, listed = found
        antecedent = next(
            (
                c
                for c in reversed(coded)
                if c.sentence < s_i
                and c.event.type == "AGREE"
                and noun.lemma_.lower() in (c.theme, c.lemma)
            ),
            None,
        )
        if antecedent is None:
            continue
        evidence = Evidence(antecedent.event.evidence.doc_id, sent.start_char, sent.end_char)
        for theme in measures(listed, sent)[1:]:
            event = replace(antecedent.event, evidence=evidence, trigger=verb.text)
            out.append(
                replace(
                    antecedent,
                    sentence=s_i,
                    event=event,
                    theme=theme,
                    past=False,
                    token=verb.i,
                    lemma=verb.lemma_.lower(),
                )
            )
    return out


def _listed_part(verb: Token) -> tuple[Token, Token] | None:
    """(the agreement noun, the first word of what ``verb`` lists), or None.

    Only when the verb's one subject is a definite agreement noun ("the plan").
    """
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if verb.pos_ != "VERB" or len(subjects) != 1:
        return None
    noun = subjects[0]
    if noun.lemma_.lower() not in AGREEMENT_NOUNS or not any(
        c.lower_ in DEFINITE for c in noun.children if c.dep_ in ("det", "poss")
    ):
        return None
    lemma = verb.lemma_.lower()
    if lemma in LISTING_VERBS:
        listed = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    else:
        prep = LISTING_PREP_VERBS.get(lemma)
        listed = next(
            (
                g
                for p in verb.children
                if p.dep_ == "prep" and p.lower_ == prep
                for g in p.children
                if g.dep_ in ("pobj", "pcomp")
            ),
            None,
        )
    return None if listed is None else (noun, listed)


def measures(first: Token, sent: Span) -> list[str]:
    """Head lemmas of the items of a list that starts at ``first``'s phrase.

    The list runs from the phrase's first word to the end of its clause (the words
    the clause's verb governs; a trailing "X said" is outside). Commas and
    semicolons separate the items, and so does a coordinator that joins items of
    the list itself (its head is the first item or one coordinated with it) or
    follows the list's last comma: "A, B and C" is three items with or without a
    comma before "and", while an "and" inside an item ("sanctions on X and Y")
    does not split it.
    """
    clause = first.head if first.dep_ != "pobj" else first.head.head
    words = [t for t in clause.subtree if t.i >= first.left_edge.i and sent.start <= t.i < sent.end]
    gap = next((k for k in range(1, len(words)) if words[k].i != words[k - 1].i + 1), None)
    words = words[:gap]  # the list is one unbroken run of words
    level = {first.i}
    for t in words:  # the list's items: the first and every word coordinated with one
        if t.dep_ == "conj" and t.head.i in level:
            level.add(t.i)
    last_comma = max((t.i for t in words if t.text in (",", ";")), default=len(sent.doc))
    items: list[list[Token]] = [[]]
    for t in words:
        if t.text in (",", ";") or (t.dep_ == "cc" and (t.head.i in level or t.i > last_comma)):
            items.append([])
        elif not (t.dep_ == "cc" and not items[-1]) and t.dep_ != "punct":
            items[-1].append(t)
    return [_head(item).lemma_.lower() for item in items if any(_content(t) for t in item)]


def _content(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN", "VERB")


def _head(item: list[Token]) -> Token:
    """The word of an item that the others hang on (its head inside the item)."""
    inside = {t.i for t in item}
    return next((t for t in item if t.head.i not in inside and _content(t)), item[0])


__all__ = ["AGREEMENT_NOUNS", "listed_provisions", "measures"]
