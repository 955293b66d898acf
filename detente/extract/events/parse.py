"""Parse-shape helpers of the event coder: what a token's dependency arcs say.

These functions read one
fact each off the parse (what an act is about, how many acts a list names, a
"both", a hyphenated pair, a finite verb the parser read as a modifier) and
know nothing about actors.
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Span, Token

GROUP_PRONOUNS = frozenset({"they", "we", "both", "their", "our"})
"""Pronouns that refer to the parties already under discussion."""
GROUP_NOUNS = frozenset(
    {"side", "party", "country", "nation", "delegation", "team", "leader", "government"}
)
"""Plural nominals that, with "two"/"both"/"each" or as "the sides", name the parties at hand."""


def theme_of(trigger: Token) -> str | None:
    """Head lemma of what a speech act is about: its complement clause or object."""
    for child in trigger.children:
        if child.dep_ in ("xcomp", "ccomp", "acl", "dobj", "obj"):
            return child.lemma_.lower()
    for child in trigger.children:  # "committed to ..." / "interest in ..."
        if child.dep_ == "prep":
            for g in child.children:
                if g.dep_ in ("pobj", "pcomp"):
                    return g.lemma_.lower()
    # a bare noun ("four agreements") is its own theme, so it does not swallow other acts
    return trigger.lemma_.lower() if trigger.pos_ in ("NOUN", "PROPN") else None


MAX_ACTS = 6
"""Most acts one trigger is read as listing."""


def acts_of(trigger: Token) -> list[str | None]:
    """One theme per distinct act an agreement, demand or rejection reports.

    The guidelines count one AGREE per distinct commitment the text lists
    (Clarification 5). A verb's content adds one act per coordinated verb
    when both verbs take an object of their own ("agreed to appoint teams and
    restore staffing", "agreed to work toward ending the war and improving
    ties"), while verbs sharing one object stay one act ("agreed to expand and
    diversify trade"); so does each of a list of nouns the verb takes as its
    object ("pledged fuel supplies and nuclear cooperation").
    """
    theme = theme_of(trigger)
    if trigger.pos_ in ("NOUN", "PROPN"):
        return [theme]
    more = [
        tok.lemma_.lower()
        for content in trigger.children
        if content.dep_ in ("xcomp", "ccomp")
        for tok in content.subtree
        if tok.dep_ == "conj"
        and tok.pos_ == "VERB"
        and tok.head.pos_ == "VERB"
        and _has_object(tok)
        and _has_object(tok.head)
    ]
    # "pledged fuel supplies and nuclear cooperation", "agreed on a truce and a swap"
    listed = [
        item.lemma_.lower()
        for obj in _objects(trigger)
        for item in obj.conjuncts
        if item.pos_ in ("NOUN", "PROPN") and item.i > obj.i
    ]
    return [theme, *more, *listed][:MAX_ACTS]


def _objects(verb: Token) -> list[Token]:
    """The verb's direct object, or the object of its first preposition ("agreed *on* X")."""
    direct = [c for c in verb.children if c.dep_ in ("dobj", "obj") and c.pos_ == "NOUN"]
    if direct:
        return direct[:1]
    return [
        g
        for p in verb.children
        if p.dep_ == "prep" and p.lower_ in ("on", "to")
        for g in p.children
        if g.dep_ == "pobj" and g.pos_ == "NOUN"
    ][:1]


def _has_object(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "obj") for c in verb.children)


def hyphen_pair(noun: Token) -> bool:
    """Whether the noun carries a hyphenated pair of names as modifier ("Russia-Ukraine war")."""
    return any(
        child.dep_ in ("compound", "amod", "nmod")
        and any(t.tag_ == "HYPH" or t.text in ("-", "–") for t in child.subtree)
        for child in noun.children
    )


def both_said(trigger: Token, sent: Span) -> bool:
    """Whether the trigger's subject says "both" ("both countries", "Both X and Y")."""
    for child in trigger.children:
        if child.dep_ in ("nsubj", "nsubjpass") and sent.start <= child.i < sent.end:
            return any(t.lower_ == "both" for t in child.subtree if sent.start <= t.i < sent.end)
    return False


def finite_modifier(verb: Token) -> tuple[Token | None, Token] | None:
    """(subject, object) of a finite verb the parser hung on its object as a modifier.

    The small English model sometimes reads "X hosted Y" as a noun phrase, a
    past-tense verb attached as ``amod`` of its object, with its subject as a
    modifier of the verb. A finite tag or a subject says it is a finite verb:
    its head is then its object and a nominal before it its subject.
    """
    if verb.dep_ != "amod" or not (
        verb.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ == "nsubj" for c in verb.children)
    ):
        return None
    subject = next(
        (c for c in verb.children if c.i < verb.i and c.dep_ in ("nsubj", "npadvmod", "compound")),
        None,
    )
    return subject, verb.head


def prep_objects(head: Token, preps: Collection[str]) -> list[Token]:
    """The objects of ``head``'s prepositions that are among ``preps``, in text order.

    ``prep_objects(talks, {"with"})`` on "talks *with X*" gives [X].
    """
    return [
        g
        for p in head.children
        if p.dep_ == "prep" and p.lower_ in preps
        for g in p.children
        if g.dep_ == "pobj"
    ]


def to_infinitive(verb: Token) -> bool:
    """Whether a verb carries the infinitive marker *to* ("to expel", "to destroy")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def infinitival_modifier(verb: Token) -> bool:
    """Whether ``verb`` is an infinitive modifying a noun ("an attack *to destroy* X").

    The parser labels it ``acl`` or, as often, ``relcl``; it has no subject of its own.
    """
    return (
        verb.dep_ in ("acl", "relcl")
        and to_infinitive(verb)
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    )


def perfect_having(verb: Token) -> Token | None:
    """The "having" of a perfect participle clause headed by ``verb`` ("..., having rejected Y").

    The parser often misreads "having" before a past participle as the verb's clausal
    subject or a preposition, and the clause as a complement: the clause has no subject
    of its own (it takes that of the clause it hangs from), and a date on "having" is
    its own ("having last month rejected").
    """
    if verb.tag_ not in ("VBD", "VBN"):
        return None
    return next(
        (
            c
            for c in verb.children
            if c.lower_ == "having"
            and c.i < verb.i
            and not any(g.dep_ in ("dobj", "obj", "ccomp", "xcomp") for g in c.children)
        ),
        None,
    )


def is_group(head: Token) -> bool:
    """Whether a word names the parties at hand.

    A group pronoun ("they", "both"), a plural nominal with "two"/"both"/"each" ("the two
    leaders"), or "the sides"/"the parties".
    """
    low = head.lower_
    if low in GROUP_PRONOUNS:
        return True
    if head.lemma_.lower() not in GROUP_NOUNS:
        return False
    numbered = any(c.lower_ in ("two", "both", "each") for c in head.children)
    return numbered or (
        low in ("sides", "parties") and any(c.lower_ == "the" for c in head.children)
    )


__all__ = [
    "acts_of",
    "finite_modifier",
    "both_said",
    "hyphen_pair",
    "infinitival_modifier",
    "is_group",
    "perfect_having",
    "prep_objects",
    "theme_of",
    "to_infinitive",
]
