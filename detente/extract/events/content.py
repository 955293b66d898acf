"""What a speech act is about, and whom its content names.

A threat, demand, offer or accusation often names the party it is aimed at only
inside what it says: "threatened to impose tariffs on X", "offered to host talks
between X and Y", "dropped its demand for compensation from X". This module reads
that content: it finds the recipients it names (:func:`content_recipients`), the
promise whose content is a concession (:func:`promised_concession`, a CONCEDE)
or force (:func:`vowed_force`, a THREATEN). It is kept apart from
:mod:`detente.extract.events.coder`, which decides per trigger which acts are
coded, because reading a content is a concept of its own, shared by plain and
refused acts.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from detente.extract.events.factuality import complement_clause
from detente.extract.events.index import DocIndex
from detente.extract.events.lexicon import Lexicon, TriggerRule
from detente.extract.events.speech import HOSTILE
from detente.extract.records import EventRecord
from detente.extract.word_lists import words

CONTENT_ACTS = frozenset({"THREATEN", "AGREE", "REJECT", "REQUEST", "SUPPORT", "ACCUSE", "CONCEDE"})
"""Speech acts whose recipient may be named only inside their content ("threatened to
impose tariffs on X", "offered to host talks between X and Y", "dropped its demand for
compensation from X")."""
CONTENT_DEPS = frozenset({"xcomp", "ccomp"})
"""Dependencies of a speech act's content clause."""


def promised_concession(token: Token, rule: TriggerRule, matched: dict) -> bool:
    """Whether a promise or offer has a concession as its content (then it is a CONCEDE).

    "X promised to lift sanctions on Y", "X offered to ease its demands", "X offered
    concessions to Y": the guidelines code a promised easing of sanctions as a verbal
    concession.
    """
    if rule.type != "AGREE" or token.pos_ not in ("VERB", "AUX"):
        return False
    content = [c for c in token.children if c.dep_ in ("xcomp", "ccomp", "dobj", "obj")]
    return any(
        (m := matched.get(t.i)) is not None and m.type == "CONCEDE"
        for c in content
        for t in [c, *c.conjuncts]
    )


VOWING_VERBS = frozenset({"vow", "pledge", "promise", "swear"})
"""Verbs of promising whose content may be force: then the promise is a threat."""


def vowed_force(token: Token, rule: TriggerRule, matched: dict) -> str | None:
    """The THREATEN mode of a vow whose content is force ("vowed to strike X"), else None.

    A party's stated future force is a threat (PLOVER; :data:`.speech.HOSTILE`), also
    when a verb of promising states it.
    """
    if rule.type != "AGREE" or token.lemma_.lower() not in VOWING_VERBS:
        return None
    for c in token.children:
        if c.dep_ != "xcomp":
            continue
        for t in [c, *c.conjuncts]:
            m = matched.get(t.i)
            if m is not None and m.type in HOSTILE and m.type != "MOBILIZE":
                return HOSTILE[m.type]  # (troops pledged may be help to an ally)
    return None


def content_recipients(
    trigger: Token,
    rule: TriggerRule,
    items: list[tuple[EventRecord, str | None]],
    sent,
    index: DocIndex,
    lexicon: Lexicon,
) -> list[tuple[EventRecord, str | None]]:
    """Speech acts without a recipient take the actors their content names.

    "X threatened to impose tariffs on Y" threatens Y; "X offered to host talks
    between Y and Z" is an offer to Y and to Z; "X opened an investigation into
    Y" accuses Y; "X rejected the plan put forward by Y" rejects Y's plan; a
    threat or accusation spelled out by a participle of saying ("..., warning
    that Y would pay") is aimed at whom that clause names
    (:func:`_elaborations`). Only
    actors of another state than the speaker's count (the speaker's own side is
    who acts in the content), and nothing inside a quotation.
    """
    if _party_to_peace(trigger, rule):
        items = [(replace(e, type="AGREE", mode=None), theme) for e, theme in items]
    if rule.type not in CONTENT_ACTS or not items or any(e.target_id for e, _ in items):
        return items
    heads = _contents(trigger)
    if rule.type in ELABORATED_ACTS:
        heads += _elaborations(trigger)
    found = [
        (_prep_depth(tok, c), a)
        for c in heads
        # a clause, or an object naming the act itself ("an investigation into X"), is
        # what the act is about; another object is the thing acted on
        for tok in _content_words(
            c,
            CONTENT_PREPS
            if complement_clause(c) or rule.type in lexicon.noun_types(c)
            else OBJECT_PREPS,
        )
        if sent.start <= tok.i < sent.end and not index.in_quote(tok)
        for a in index.token_actors.get(tok.i, ())
    ]
    out = []
    for event, theme in items:
        own = index.country(event.source_id)
        # "would not put up with X's stance on the war with Y": X, the nearer, is
        # addressed; Y only describes what X's stance is about
        foreign = [(d, a) for d, a in found if index.country(a) != own]
        nearest = min((d for d, _ in foreign), default=0)
        named = [a for d, a in foreign if d == nearest]
        others = dict.fromkeys(index.country(a) or a for a in named if index.country(a) != own)
        # one recipient per state: the most specific actor of it named first
        targets = [next(a for a in named if (index.country(a) or a) == side) for side in others]
        out += [(replace(event, target_id=t), theme) for t in targets] or [(event, theme)]
    return out


def _prep_depth(tok: Token, head: Token) -> int:
    """How many prepositional phrases ``tok`` is nested in below ``head``."""
    depth, cur = 0, tok
    while cur.i != head.i and cur.head.i != cur.i:
        depth += cur.dep_ == "prep"
        cur = cur.head
    return depth


PEACE_WORDS = frozenset({"ceasefire", "truce", "peace", "armistice", "cease-fire"})
"""Nouns of an end to fighting: a party's call for one with its enemy is an offer (AGREE in
the guidelines), a third party's call for one a request."""


def _party_to_peace(trigger: Token, rule: TriggerRule) -> bool:
    """Whether a demand asks for a ceasefire or peace *with* someone.

    "X called for a truce with Y" makes X a party to it, so the call is an offer, not a
    request.
    """
    if rule.type != "REQUEST":
        return False
    peace = [c for c in _contents(trigger) if c.lemma_.lower() in PEACE_WORDS]
    return any(
        p.dep_ == "prep" and p.lower_ == "with" for h in [trigger, *peace] for p in h.children
    ) and bool(peace)


CONTENT_PREPS = frozenset(
    "with on against to toward towards upon between for of into at from by".split()
)
"""Prepositions whose phrase is part of what an act is about ("tariffs *on* X"); the others
("due to", "after", "despite") give its reasons and circumstances."""
OBJECT_PREPS = frozenset("with between from to for of by".split())
"""The same in an object: whose it is, who is party to it ("the deal *between* X and Y",
"a visit *by* X");
not what it concerns ("welcomed sanctions *on* X" is not aimed at X)."""
SKIPPED_DEPS = frozenset({"advcl", "mark", "punct", "relcl", "parataxis", "npadvmod"})
"""Dependencies of conditions, reasons and asides inside a content clause."""


def _contents(trigger: Token) -> list[Token]:
    """Heads of what a speech act is about: its content clauses, and what it leaves.

    "rejected *the plan put forward by X*", "issued *an appeal to X*": the object;
    "walked away *from the talks with X*", "pulled out *of the negotiations with X*":
    the *from* / *of* phrase of the verb or of its particle names what is rejected.
    """
    out = [c for c in trigger.children if c.dep_ in ("dobj", "obj") or complement_clause(c)]
    out += [  # "did not agree *to a truce* sought by X", "called *for talks* with X"
        g
        for p in trigger.children
        if p.dep_ == "prep" and p.lower_ in ("to", "on", "in", "for")
        for g in p.children
        if g.dep_ in ("pobj", "pcomp")  # "committed *to funding* X's schools"
    ]
    holders = [trigger] + [c for c in trigger.children if c.dep_ in ("prt", "advmod", "prep")]
    out += [
        c
        for h in holders
        for c in h.children
        if c.dep_ == "prep" and c.lower_ in ("from", "of") and h.i != c.i
    ]
    return out


ELABORATED_ACTS = frozenset({"THREATEN", "ACCUSE"})
"""Speech acts that a participle of saying spells out; after a rejection or a demand it
gives reasons ("rejected the plan, saying it favoured X" does not reject X)."""


def _elaborations(trigger: Token) -> list[Token]:
    """Content clauses of a participle of saying that spells the act out.

    "X stepped up *its threats*, warning that Y would pay", "X lashed out,
    saying that Y had lied": the participle's clause says what the threat or
    accusation is, so the actors it names are whom it is aimed at. The
    participle hangs on the trigger or, for a nominal trigger, on its verb.
    """
    verbs = [trigger] + ([trigger.head] if trigger.dep_ in ("dobj", "obj") else [])
    saying = words("reporting_verbs")
    return [
        c
        for v in verbs
        for p in v.children
        if p.dep_ == "advcl" and p.tag_ == "VBG" and p.lemma_.lower() in saying
        for c in p.children
        if c.dep_ == "ccomp"
    ]


def _content_words(head: Token, preps: frozenset[str]) -> list[Token]:
    """The words of a content, without its adjuncts of reason, time or condition.

    ``preps``: the prepositions whose phrases belong to it.
    """
    out, stack = [], [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack += [
            c
            for c in tok.children
            if c.dep_ not in SKIPPED_DEPS and not (c.dep_ == "prep" and c.lower_ not in preps)
        ]
    return sorted(out, key=lambda t: t.i)


__all__ = [
    "CONTENT_ACTS",
    "CONTENT_DEPS",
    "VOWING_VERBS",
    "content_recipients",
    "promised_concession",
    "vowed_force",
]
