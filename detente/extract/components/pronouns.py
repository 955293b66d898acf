"""Pronoun resolution for actor mentions (part of the rule-based coreference).

Pronouns outside quotations are resolved by salience -- recency and
grammatical role -- after Lappin & Leass 1994 ("An algorithm for pronominal
anaphora resolution", Computational Linguistics 20(4)):

* "he"/"his"/"him": the earlier person in the nearest sentence, subject before
  possessor before object, then the most recent; an object pronoun is never
  the subject of its own clause ("Trump phoned him", binding principle B);
* a possessive inside a phrase fronted before the main clause ("During his
  visit ..., Trump said") is that clause's subject (cataphora), unless a person
  is named before it in the sentence;
* a subject "it" is the state or organisation that is the nearest earlier
  subject ("The U.S. said it would ..."); it is left alone when that subject is
  no actor, a relative pronoun, or when "it" is expletive ("it is unclear").

Pronouns inside quotations are the quoted speaker's voice and are left alone.
"""

from __future__ import annotations

from spacy.tokens import Token

from detente.extract.components._lexicon import words
from detente.extract.components.coref import (
    SENTENCE_WINDOW,
    in_quote,
    persons_before,
    sentence_index,
)

_PRONOUN_DEPS = frozenset({"nsubj", "nsubjpass", "poss", ""})
_OBJECT_DEPS = frozenset({"dobj", "dative", "pobj"})
_EXPLETIVE_HEADS = frozenset({"be", "seem", "appear", "remain", "take", "matter", "happen"})


def _salience(tok: Token) -> int:
    """Grammatical-role weight of a mention's head (after Lappin & Leass 1994).

    Subject > possessor > direct object > anything else; a conjunct ranks as
    the phrase it is coordinated with.
    """
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return {"nsubj": 3, "nsubjpass": 3, "poss": 2, "dobj": 1, "dative": 1}.get(tok.dep_, 0)


def _clause_subjects(tok: Token) -> set[int]:
    """Tokens of the subject of the verb governing ``tok`` (an object cannot be bound by it)."""
    verb = tok.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    out: set[int] = set()
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            out.update(t.i for t in child.subtree)
    return out


def _cataphor(state, tok: Token) -> str | None:
    """A possessive in a fronted phrase points forward to the main clause's subject.

    "During his visit to X, Trump said ...": the pronoun sits in a phrase
    attached to the root verb left of its subject, so it is the subject.
    """
    root = tok.sent.root
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or tok.i > subjects[0].i:
        return None
    earlier = persons_before(state, tok.idx)
    if earlier and earlier[0][0] >= tok.sent.start_char:
        return None  # "After Putin's speech, his aide ...": a person before it in the sentence
    branch = tok
    while branch.head.i != root.i and branch.head.i != branch.i:
        branch = branch.head
    if branch.head.i != root.i or branch.dep_ not in ("prep", "advcl", "npadvmod", "advmod"):
        return None
    actor = state.actor_of(subjects[0])
    info = state.info.get(actor or "") or {}
    return actor if info.get("type") == "person" else None


def _antecedent(state, tok: Token, sent_of: list[int] | None) -> str | None:
    """Most salient earlier person: nearest sentence first, then subject, then recency."""
    doc = state.doc
    bound = _clause_subjects(tok) if tok.dep_ in _OBJECT_DEPS else set()
    best = None
    for a, b, actor in persons_before(state, tok.idx, outside_quotes=True):
        ant = doc.char_span(a, b, alignment_mode="expand")
        if ant is None or any(t.i in bound for t in ant):
            continue
        if sent_of is not None:
            distance = sent_of[tok.i] - sent_of[ant.start]
            if distance > SENTENCE_WINDOW - 1:
                break
        else:
            if tok.idx - a > 400:
                break
            distance = 0
        key = (distance, -_salience(ant.root), -a)
        if best is None or key < best[0]:
            best = (key, actor)
    return best[1] if best else None


def _state_antecedent(state, tok: Token) -> str | None:
    """Referent of a subject "it": the state or organisation that is the nearest earlier subject.

    Only when that subject phrase is itself a non-person mention, so "it" after
    "the agreement was signed" (no actor) stays unresolved; expletive "it is",
    "it seems" are skipped.
    """
    if tok.head.lemma_ in _EXPLETIVE_HEADS:
        return None
    sent = tok.sent
    lo = sent.start
    if lo > 0:
        lo = state.doc[lo - 1].sent.start
    for j in range(tok.i - 1, lo - 1, -1):
        cand = state.doc[j]
        if cand.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if cand.tag_ in ("WDT", "WP"):
            return None  # "which"/"that": the referent is the noun the clause modifies
        if cand.head.dep_ == "relcl":
            continue  # a relative clause's subject is not the topic ("the deal Russia signed")
        actor = state.actor_of(cand)
        info = state.info.get(actor or "") or {}
        if actor is None or info.get("type") == "person" or in_quote(state, cand.idx):
            return None
        return actor
    return None


def resolve_pronouns(state) -> None:
    """Resolve third-person pronouns outside quotations to an earlier (or fronted) actor.

    "he"/"his"/"him": a possessive in a fronted phrase is the main clause's
    subject (:func:`_cataphor`); otherwise the most salient person in the
    nearest sentence (:func:`_antecedent`), an object pronoun never being its
    own clause's subject ("Trump phoned him"). "it" as a subject: the state or
    organisation that is the nearest earlier subject (:func:`_state_antecedent`).
    """
    doc = state.doc
    pronouns = words("person_pronouns")
    sent_of = sentence_index(doc)
    for tok in doc:
        if tok.i in state.token_actor or in_quote(state, tok.idx):
            continue
        if tok.lower_ == "it" and tok.dep_ in ("nsubj", "nsubjpass") and sent_of is not None:
            actor = _state_antecedent(state, tok)
        elif tok.lower_ in pronouns and (tok.dep_ in _PRONOUN_DEPS or tok.dep_ in _OBJECT_DEPS):
            actor = None
            if tok.dep_ == "poss" and sent_of is not None:
                actor = _cataphor(state, tok)
            if actor is None:
                actor = _antecedent(state, tok, sent_of)
        else:
            continue
        if actor is not None:
            state.add(tok.idx, tok.idx + len(tok), actor, None)
