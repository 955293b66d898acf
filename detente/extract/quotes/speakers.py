"""Who a reporting clause names as the speaker of a quotation (for :mod:`.attribution`).

The quote attributor finds a reporting verb for each quotation; this module
reads the speaker off that verb's clause: its subject (mapped to an actor
through ``Doc._.mentions``), the subject a subjectless participle inherits, the
object of "quoted X as saying", the name of "according to", and the rules that
recognise an unnamed source ("a senior official", "sources") as nobody.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from detente.extract.quotes.spans import QuoteSpan
from detente.extract.word_lists import person_nouns, words

SUBJECT_DEPS = ("nsubj", "nsubjpass")
"""Dependencies of a clause's subject."""


class QuoteContext:
    """Per-document lookup tables."""

    def __init__(self, doc: Doc, spans: list[QuoteSpan]) -> None:
        self.doc = doc
        self.spans = spans
        self.by_char: dict[int, str] = {}
        self.mentions = list(doc._.mentions)
        for a, b, actor in self.mentions:
            for c in range(a, b):
                self.by_char[c] = actor
        self.has_parse = doc.has_annotation("DEP")
        self.has_sents = doc.has_annotation("SENT_START")

    def quoted(self, pos: int) -> bool:
        """True when character ``pos`` lies inside a quotation's marks."""
        return any(q.open <= pos < q.close for q in self.spans)

    def is_person(self, actor: str) -> bool:
        """True when ``actor`` is a person of this document."""
        return (self.doc._.actor_info.get(actor) or {}).get("type") == "person"

    def actor_at(self, tok: Token) -> str | None:
        """Actor of the mention covering ``tok``, if any."""
        return self.by_char.get(tok.idx) or self.by_char.get(tok.idx + len(tok) - 1)

    def paragraph_bounds(self, q: QuoteSpan) -> tuple[int, int]:
        """Start and end offsets of the paragraph the quotation opens in."""
        return q.par_start, max(q.par_end, q.close)


ANONYMOUS = "<anonymous>"
"""Speaker marker: the attribution names someone who is no identifiable actor."""
_INDEFINITE = frozenset(
    {"a", "an", "another", "one", "some", "several", "two", "three", "many", "few", "other"}
)
_CONTROL_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "prep", "npadvmod", "acl"})


def unnamed(tok: Token) -> bool:
    """True for a common noun naming people without naming them: "a US official", "sources".

    Indefinite ("an official", "two diplomats") or a bare plural ("officials said"):
    the guidelines leave such quotes out. A definite one ("the Kremlin aide") points to
    someone the text identifies.
    """
    if tok.pos_ != "NOUN" or tok.lower_ not in person_nouns():
        return False
    dets = [c for c in tok.children if c.dep_ in ("det", "nummod", "poss")]
    if any(c.lower_ in _INDEFINITE or c.dep_ == "nummod" for c in dets):
        return True
    return not dets and tok.tag_ == "NNS"


def subject_speaker(ctx: QuoteContext, subj: Token) -> str | None:
    """Speaker a subject phrase names, :data:`ANONYMOUS` for an unnamed person, else None.

    The actor of the head, or a person named in apposition to it ("Putin's envoy
    Jane Roe said"). An indefinite person ("a senior official", "officials")
    is nobody, even when a modifier names a state. Otherwise the nearest actor
    among the phrase's modifiers before its head ("a Kremlin statement", "the
    Russian presidential aide") or, for a thing said, in its *from* / *by*
    complement ("a statement from the Kremlin"); a singular person noun with none ("the official,
    who asked not to be named,") is nobody too; any other phrase without an actor
    ("the two sides", "both delegations") names no speaker (None), so another verb
    may.
    """
    actor = ctx.actor_at(subj)
    if actor is not None and not unnamed(subj):
        return actor
    for appos in subj.children:  # "Biden's envoy Jane Roe said": the name in apposition
        if appos.dep_ == "appos" and (named := ctx.actor_at(appos)) and ctx.is_person(named):
            return named
    if unnamed(subj):
        return ANONYMOUS
    for t in reversed(ctx.doc[subj.left_edge.i : subj.i]):
        if not ctx.quoted(t.idx) and (actor := ctx.actor_at(t)):
            return actor
    for prep in subj.children:  # "a statement from the Kremlin said"
        if subj.lower_ in person_nouns():
            break  # "the head of the delegation": a person, not the body after "of"
        if prep.dep_ == "prep" and prep.lower_ in ("from", "by"):
            for t in prep.subtree:
                if not ctx.quoted(t.idx) and (actor := ctx.actor_at(t)):
                    return actor
    if subj.lower_ in person_nouns() and subj.tag_ == "NN":
        return ANONYMOUS  # "the official, who asked not to be named, said"
    return None  # "the two sides", "both delegations": no speaker here


def subjects_of(ctx: QuoteContext, node: Token) -> list[Token]:
    """Subjects of ``node``, nearest first; a fronted name the parser left as a modifier too.

    "Beijing, however, has hit back": the small model often parses such a
    subject as ``npadvmod``; a name before the verb in that slot is its subject.
    """
    found = [c for c in node.children if c.dep_ in SUBJECT_DEPS and not ctx.quoted(c.idx)]
    if not found:
        found = [
            c
            for c in node.children
            if c.dep_ == "npadvmod" and c.i < node.i and c.pos_ == "PROPN" and ctx.actor_at(c)
        ]
    return sorted(found, key=lambda c: abs(c.i - node.i))


def clause_speaker(ctx: QuoteContext, subjects: list[Token]) -> str | None:
    """Speaker of a clause with these subjects: a named head first, then one inside a phrase.

    "Calling X's friendship with Y "...", Zelenskyy said": when the parser gives
    "said" two subjects, the one that is itself a name wins over a phrase that
    merely contains one.
    """
    said = [subject_speaker(ctx, subj) for subj in subjects]
    direct = [x for subj, x in zip(subjects, said, strict=True) if ctx.actor_at(subj) == x]
    for x in (*direct, *said):
        if x not in (None, ANONYMOUS):
            return x
    return ANONYMOUS if ANONYMOUS in said else None


def speaker_of(ctx: QuoteContext, verb: Token, inverted: bool) -> str | None:
    """Speaker named by the clause of reporting verb ``verb``.

    Returns the actor id, :data:`ANONYMOUS` when the clause names an unnamed or
    unknown speaker ("the official, who spoke on condition of anonymity, said";
    "one diplomat told the paper ..."), or None when it names none at all.

    * The subject of ``verb``.
    * A subjectless participle or infinitive takes the subject of the clause it
      hangs from ("..., accusing X of ..." -> who imposed; "after calling X 'Y',
      Z has ..." -> Z; "..., writing: '...'" -> who posted), climbing through
      adverbial clauses, conjuncts and prepositions. Through a complement
      clause it climbs only to another reporting verb ("said an accord could be
      reached, telling reporters ...").
    * "X quoted Y as saying": Y.
    * With no parse to climb: a name right before the verb ("Trump posted").
    * Inversion ('"...," said John Herbst') only where ``inverted`` allows it
      (:func:`_inverted`).
    """
    node, hops, through_complement = verb, 0, False
    reporting = words("reporting_verbs")
    while hops < 6:
        if node.lemma_.lower() in ("quote", "cite"):
            for obj in node.children:
                if obj.dep_ == "dobj":
                    return subject_speaker(ctx, obj)
        subjects = subjects_of(ctx, node) if node.pos_ in ("VERB", "AUX", "") else []
        if through_complement and node.lemma_.lower() not in reporting:
            subjects = []  # climbing through "that an accord could be drafted" to "said"
        if hops and _reported(node, reporting):
            subjects = []  # "X noted that Y had not moved, saying ...": X says, not Y
        speaker = clause_speaker(ctx, subjects)
        if speaker is not None and speaker != ANONYMOUS:
            return speaker
        if speaker == ANONYMOUS:
            return ANONYMOUS  # the speaker is someone the text does not name
        if subjects and (hops == 0 or node.lemma_.lower() in reporting):
            return None  # "both delegations agreed to ...": no speaker; another verb may say
        # a climbed-to clause whose subject names no actor ("a deal could be reached"): on
        if node.dep_ == "acl" and (actor := ctx.actor_at(node.head)):
            return actor  # "Trump posted ..." misparsed as a reduced relative clause
        if node.head is node:
            break
        if node.dep_ == "ccomp":
            through_complement = True
        elif node.dep_ not in _CONTROL_DEPS:
            break
        node, hops = node.head, hops + 1
    doc = ctx.doc
    speaker = _shared_subject(ctx, verb) or _logophoric(ctx, verb)
    if speaker is not None:
        return speaker
    for t in reversed(doc[max(0, verb.i - 4) : verb.i]):  # "Trump posted", or no parse
        if t.is_punct or t.is_space or ctx.quoted(t.idx):
            break
        if actor := ctx.actor_at(t):
            return actor
    if inverted:
        for t in doc[verb.i + 1 : min(len(doc), verb.i + 7)]:  # '"...," said John Herbst'
            if (t.is_punct and t.text not in ("’s", "'s")) or t.is_space or t.is_sent_start:
                break
            if actor := ctx.actor_at(t):
                return actor
            if t.pos_ in ("VERB", "AUX", "SCONJ") or t.lower_ == "that":
                break
    return None


def _reported(node: Token, reporting: frozenset[str]) -> bool:
    """True when ``node`` is a non-reporting verb in the complement of a reporting verb.

    A participle that the parser hangs on such a clause ("X noted that Y had not
    moved closer, saying ...") belongs to the reporting clause: its speaker is X.
    """
    return (
        node.lemma_.lower() not in reporting
        and node.dep_ == "ccomp"
        and node.head.lemma_.lower() in reporting
    )


def _shared_subject(ctx: QuoteContext, verb: Token) -> str | None:
    """Subject a conjoined reporting verb shares with the reporting verb before it.

    "X told reporters that ..., but added that Y "...": the small model often
    hangs "added" on the wrong clause; coordination shares the subject of the
    nearest earlier reporting verb of the sentence that has one.
    """
    if verb.dep_ != "conj" or not ctx.has_sents:
        return None
    reporting = words("reporting_verbs")
    for t in reversed(ctx.doc[verb.sent.start : verb.i]):
        if t.lemma_.lower() in reporting and t.pos_ == "VERB" and not ctx.quoted(t.idx):
            speaker = clause_speaker(ctx, subjects_of(ctx, t))
            if speaker is not None:
                return None if speaker == ANONYMOUS else speaker
    return None


def _logophoric(ctx: QuoteContext, verb: Token) -> str | None:
    """The person a pronoun subject of the reported clause stands for.

    "... and to insist that he "never insults anybody"": when the parse gives
    the reporting verb no subject to find, a pronoun subject of its complement
    clause is the speaker reporting on himself (resolved by coreference).
    """
    for comp in verb.children:
        if comp.dep_ != "ccomp":
            continue
        for subj in comp.children:
            if subj.dep_ in SUBJECT_DEPS and subj.pos_ == "PRON" and (a := ctx.actor_at(subj)):
                return a
    return None


def according_to(ctx: QuoteContext, start: int, end: int) -> str | None:
    """The actor an "according to X" within ``start:end`` names as the quote's source."""
    doc = ctx.doc
    for t in doc[start:end]:
        if t.lower_ == "according" and t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "to":
            for u in doc[t.i + 2 : min(len(doc), t.i + 8)]:
                if u.is_punct and u.text not in ("’s", "'s"):
                    break
                if unnamed(u):
                    return ANONYMOUS
                if actor := ctx.actor_at(u):
                    return actor
    return None
