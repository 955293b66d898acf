"""Parse-shape helpers of the event coder: what a token's dependency arcs say.

Split from :mod:`detente.extract.components._event_args` (which assembles the
event's actor and recipient) to keep modules short: these functions read one
fact each off the parse (a count, a "both", a hyphenated pair, a subject the
parser hung on a headline line) and know nothing about actors.
"""

from __future__ import annotations

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


COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
"""Number words that count a plural nominal trigger ("three agreements")."""
MAX_COUNT = 6
"""Largest count taken literally; bigger numbers are summaries, coded as one event."""


def trigger_count(noun: Token) -> int:
    """How many acts a plural nominal trigger counts ("four key agreements" → 4), else 1."""
    if noun.tag_ not in ("NNS", "NNPS"):
        return 1
    for child in noun.children:
        if child.dep_ == "nummod":
            low = child.lower_
            n = COUNT_WORDS.get(low) or (int(low) if low.isdigit() else 1)
            return n if 1 < n <= MAX_COUNT else 1
    return 1


def acts_of(trigger: Token) -> list[str | None]:
    """One theme per distinct act an agreement, demand or rejection reports.

    The guidelines count one AGREE per distinct commitment the text lists
    (Clarification 5). A counted noun names that many ("three agreements": its
    count, two to six); a verb's content adds one act per coordinated verb
    when both verbs take an object of their own ("agreed to appoint teams and
    restore staffing", "agreed to work toward ending the war and improving
    ties"), while verbs sharing one object stay one act ("agreed to expand and
    diversify trade"); so does each of a list of nouns the verb takes as its
    object ("pledged fuel supplies and nuclear cooperation").
    """
    theme = theme_of(trigger)
    if trigger.pos_ in ("NOUN", "PROPN"):
        count = trigger_count(trigger)
        return [theme] if count == 1 else [f"{theme}#{k}" for k in range(count)]
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
    return [theme, *more, *listed][:MAX_COUNT]


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
    orphan = orphan_subject(trigger, sent)
    return orphan is not None and any(
        t.lower_ == "both" for t in orphan.subtree if sent.start <= t.i < sent.end
    )


def orphan_subject(verb: Token, sent: Span) -> Token | None:
    """The noun phrase that opens ``sent`` when the parser hung it on a line above.

    A headline without final punctuation is parsed as one sentence with the
    line under it, and the opening noun phrase of that line then often becomes
    an apposition of the headline's last noun, leaving the verb without a
    subject inside the segment ("Talks Ahead", blank line, "Both X and Y
    expressed ..."). When ``verb`` has no subject inside ``sent`` (a segment cut
    at a line break) and ``sent`` starts with a nominal whose head lies above
    the segment, that nominal is the subject.
    """
    if verb.pos_ not in ("VERB", "AUX") or any(
        c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") and sent.start <= c.i < sent.end
        for c in verb.children
    ):  # a subject above the line break is the headline's noun, not this verb's
        return None
    for tok in sent:
        if tok.i >= verb.i:
            break
        if tok.is_space or tok.is_punct:
            continue
        if tok.head.i < sent.start and tok.pos_ in ("NOUN", "PROPN", "PRON"):
            return tok
        if tok.head.i >= sent.start:
            continue
        return None
    return None


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


def is_group(head: Token) -> bool:
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
    "is_group",
    "orphan_subject",
    "theme_of",
    "trigger_count",
]
