"""When a coded event happened: from its own sentence, from what it refers back to, or the month.

Split from :mod:`detente.extract.components._event_setting` (one noun per
module): that module reads where and by what medium an event took place; this
one decides its date, in this order:

1. **A date expression of its own clause** (:func:`event_date`): among the date
   expressions of the sentence (``Doc._.dates``), the one attached to the trigger
   (or the verb carrying it) wins, and a relative clause telling when the event
   itself took place counts as attached ("the talks, *which began on Monday*,
   ..."); failing that, the one attached to the nearest clause that governs the
   trigger ("On Monday, X met Y and agreed to ...", "Moscow said on Friday it
   was ready to ...") or to an adjunct told at the same time ("*Speaking on
   Sunday*, Trump accused ...", "Trump, *speaking on Sunday*, accused ...").
   A date that modifies another participant ("accused X over *Sunday's*
   strike"), dates the start of a "since" phrase, or sits in a relative clause
   describing a participant ("Lavrov, who arrived on Monday, ...") belongs to
   that one. The governing clause's date does not reach an act placed before or
   after it ("*After* visiting X, Y said on Friday", "days *after* they
   quarrelled", "the talks *follow* meetings in Oslo"), one in the past perfect
   ("had met"), or a definite noun ("said on Friday that *the talks* had gone
   well": the talks were told before). Of two expressions that agree, the finer
   is kept ("on Friday morning, in their third call this year").
2. **A repeat** of the same act elsewhere in the article (merging, in
   :func:`~detente.extract.components.events.merge_events`).
3. **What it refers back to** (:func:`date_events`): a definite noun ("the
   summit", "the talks in Oslo", "last week's talks in Oslo") names a happening
   told before; it takes the date of the latest earlier dated happening of the
   same kind (same event type, a call not set against a meeting) that shares its
   place or its sides and conflicts with neither; a bare "the meeting" or "the
   call" takes the latest meeting or call. An act in a clause whose subject
   or setting is such a noun ("*The summit* ended as Paris urged Berlin to
   ...", "In *the call*, Xi invited Biden to ...") takes that noun's date.
4. **The narrative it continues**: told in the simple past, it takes the date of
   the nearest earlier dated event between the same two states within
   :data:`NARRATIVE_WINDOW` sentences, or of one of the same kind by the same
   actor there ("Macron phoned Xi on Monday. Macron also phoned Modi."); an
   agreement, concession or rejection (:data:`OUTCOME_TYPES`) takes the date of
   the latest earlier dated meeting of the same two states or at the same place
   (what the sides agreed is the meeting's outcome).
5. **The publication month** (Clarification 4 of the annotation guidelines: "if
   the text gives no day, use the month if the text or publication date fixes
   it"): an act reported as news with no date of its own lies in the article's
   news window (:func:`news_period`), which gives its month, or only its year
   when the window spans two months. Background is left undated: the past
   perfect ("had met"), the perfect progressive ("has been pushing"), and
   clauses framed as history ("previously", "since", "for years", "in recent
   years", "on previous occasions").

Every date keeps the words it was read from (:attr:`EventRecord.date_evidence`):
the expression of the event's own sentence, or of the happening it refers back
to; None for the publication month.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Protocol
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span, Token

from detente.evidence import Evidence
from detente.extract.components._event_index import DocIndex
from detente.extract.components._event_setting import (
    REMOTE_WORDS,
    event_place,
    governor,
    state_of_place,
)
from detente.extract.components._lexicon import doc_text
from detente.extract.components.date_expressions import scan, span_value
from detente.extract.components.doc_actors import parse_published
from detente.extract.event_lexicon import Lexicon
from detente.extract.records import EventRecord

VERB_POS = frozenset({"VERB", "AUX"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl"})
SEQUENCE_WORDS = frozenset(
    {"after", "before", "since", "until", "till", "following", "prior", "ahead", "pending"}
)
"""Words that put the act they introduce at another time than the clause they modify."""
SEQUENCE_VERBS = frozenset({"follow", "precede"})
"""Verbs whose object happened at another time than their clause ("the talks follow meetings")."""
MODIFIER_DEPS = frozenset({"poss", "compound", "nmod", "amod", "npadvmod"})
"""How a date modifies a noun ("Monday's talks", "the Feb. 18 meeting")."""
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "attr", "appos", "dative"})
"""Participants of a clause; a date modifying one of them is that participant's."""
OCCURRENCE_VERBS = frozenset(
    {
        "begin",
        "start",
        "open",
        "end",
        "conclude",
        "close",
        "last",
        "take",
        "hold",
        "happen",
        "occur",
        "resume",
        "convene",
        "unfold",
    }
)
"""Verbs that tell when an event itself took place ("the talks, *which began on Monday*")."""
SIMULTANEOUS_MARKS = frozenset({"while", "when", "as"})
"""Subordinators of a clause told at the time of the clause it modifies."""
SAME_TIME_PREPS = frozenset({"in", "at", "during", "amid", "throughout", "on"})
"""Prepositions whose object is the setting of the clause ("agreed during Monday's call"),
not its topic ("accused X over Monday's strike")."""
DEFINITE_WORDS = frozenset({"the", "this", "that", "these", "those"})
"""Determiners of a noun that refers to something already told."""
IN_PERSON_WORDS = frozenset({"meeting", "summit", "visit", "trip", "meet", "travel"})
"""Words for meetings held in person (never a phone call)."""
BACKGROUND_ADVERBS = frozenset(
    {
        "previously",
        "long",
        "historically",
        "repeatedly",
        "traditionally",
        "formerly",
        "since",
    }
)
"""Adverbs that frame a clause as history rather than news."""
PAST_MODIFIERS = frozenset({"previous", "past", "former", "prior"})
"""Modifiers of an event noun that set it in the past ("previous talks")."""
DURATION_UNITS = frozenset({"year", "decade", "century", "month"})
"""Plural time units that frame a clause as history ("for years", "in recent months")."""
BARE_REFERENCE_TYPES = frozenset({"CONSULT"})
"""Types a definite noun naming neither place nor sides may refer back by kind alone ("the
call", "the meeting"); "the war" or "the sanctions" name a standing state as often as one act."""
OUTCOME_TYPES = frozenset({"AGREE", "CONCEDE", "REJECT"})
"""Types that, told in the simple past after a dated meeting of the two states, are its outcome."""
NARRATIVE_WINDOW = 3
"""How many sentences back an undated event looks for the dated event it continues."""
NEWS_WINDOW_DAYS = 7
"""Days up to publication that an undated news report may speak of (those it names by weekday)."""


# -- 1. the date expression of the event's clause ---------------------------------------------


def event_date(index: DocIndex, trigger: Token, anchor: Token) -> str | None:
    """The date of the expression that belongs to the trigger's clause (rule 1 above)."""
    found = date_expression(index, trigger, anchor)
    return found[1] if found else None


def date_expression(index: DocIndex, trigger: Token, anchor: Token) -> tuple[Span, str] | None:
    """The date expression that dates the trigger, with its value (rule 1 of the module)."""
    own = _own(trigger, anchor)
    clauses = {} if _definite_noun(trigger) else _governing(trigger, anchor, own)
    scored: list[tuple[tuple[int, int, int], Span, str]] = []
    for span, value in _doc_dates(index).resolved.get(_sentence_start(index, trigger.i), ()):
        rank = _rank(span, own, clauses)
        if rank is not None:
            scored.append((rank, span, value))
    if not scored:
        return None
    scored.sort(key=lambda s: s[0])
    _first, span, value = scored[0]
    finer = [s for s in scored if len(s[2]) > len(value) and s[2].startswith(value)]
    if finer:
        _first, span, value = max(finer, key=lambda s: (len(s[2]), [-r for r in s[0]]))
    return span, value


def _rank(span: Span, own: set[int], clauses: dict[int, int]) -> tuple[int, int, int] | None:
    """How close a date expression is to the event, or None when it is not the event's.

    ``(0, 0, steps)`` for the event's own clause; ``(1, distance, steps)`` for a
    governing clause, or for an adjunct told at the same time as the event's
    clause or a governing one ("*Speaking on Sunday*, Trump accused ...").
    """
    attached = _attachment(span, own)
    if attached is None:
        return None
    tok, steps = attached
    if tok.i in own:
        return 0, 0, steps
    if tok.i in clauses:
        return 1, clauses[tok.i], steps
    if _tells_occurrence(tok, own):
        return 0, 1, steps
    head = _simultaneous_with(tok)
    if head is not None:
        if head.i in own:
            return 1, 1, steps
        if head.i in clauses:
            return 1, clauses[head.i] + 1, steps
    return None


def _tells_occurrence(verb: Token, own: set[int]) -> bool:
    """A relative clause of the event noun's phrase telling when it took place.

    "The talks (between X and Y), *which began on Monday*, ...": the clause may
    hang from a word inside the noun's phrase, but no other verb stands between.
    """
    if verb.dep_ not in ("relcl", "acl") or verb.lemma_.lower() not in OCCURRENCE_VERBS:
        return False
    cur = verb.head
    for _ in range(6):
        if cur.i in own:
            return cur.pos_ in ("NOUN", "PROPN")
        if cur.pos_ in VERB_POS or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _simultaneous_with(verb: Token) -> Token | None:
    """The clause an adjunct is told at the same time as, if it is one.

    An adverbial clause ("*while visiting X*, ...", "*speaking on Sunday*, ...")
    goes with its head; a participle on the subject ("Trump, *speaking on
    Sunday*, accused ...") with the subject's verb. Not a purpose ("to meet him
    on Tuesday"), an act before ("having met") or one placed by "after".
    """
    if verb.dep_ not in ("advcl", "acl") or _sequence_edge(verb):
        return None
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"to", "having"}:
        return None
    head = verb.head
    if head.pos_ in ("NOUN", "PROPN", "PRON"):
        if verb.tag_ != "VBG" or head.dep_ not in ("nsubj", "nsubjpass"):
            return None
        return head.head
    if verb.dep_ == "acl":
        return None
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    if marks & SIMULTANEOUS_MARKS or (not marks and verb.tag_ in ("VBG", "VBN")):
        return head
    return None


@dataclass(frozen=True, slots=True)
class _DocDates:
    """Per document: each token's sentence, and the date expressions of each sentence."""

    starts: list[int]
    """Token index -> index of the first token of its sentence."""
    resolved: dict[int, list[tuple[Span, str]]]
    """Sentence start -> the resolved expressions (``Doc._.dates``) in it, with their values."""
    unresolved: dict[int, list[Span]]
    """Sentence start -> the expressions in it the date layer could not resolve."""


_DOC_DATES: WeakKeyDictionary[DocIndex, _DocDates] = WeakKeyDictionary()


def _doc_dates(index: DocIndex) -> _DocDates:
    """The :class:`_DocDates` of a document, computed once."""
    found = _DOC_DATES.get(index)
    if found is None:
        doc = index.doc
        starts = [0] * len(doc)
        for sent in doc.sents:
            starts[sent.start : sent.end] = [sent.start] * len(sent)
        resolved: dict[int, list[tuple[Span, str]]] = {}
        for span, value in index.dates:
            resolved.setdefault(starts[span.start], []).append((span, value))
        taken = {span.start for span, _value in index.dates}
        unresolved: dict[int, list[Span]] = {}
        for x in scan(doc_text(doc)):
            span = doc.char_span(x.start, x.end, alignment_mode="expand")
            if span is not None and span.start not in taken:
                unresolved.setdefault(starts[span.start], []).append(span)
        found = _DOC_DATES[index] = _DocDates(starts, resolved, unresolved)
    return found


def _sentence_start(index: DocIndex, i: int) -> int:
    return _doc_dates(index).starts[i]


def _same_sentence(index: DocIndex, i: int, j: int) -> bool:
    starts = _doc_dates(index).starts
    return starts[i] == starts[j]


def _unresolved_cue(index: DocIndex, tok: Token) -> bool:
    """Whether the event's clause has a date the date layer could not resolve.

    ("Three days later" after a year.) The text says when, so no other rule may
    say it instead.
    """
    own = _own(tok, tok)
    clauses = {} if _definite_noun(tok) else _governing(tok, tok, own)
    spans = _doc_dates(index).unresolved.get(_sentence_start(index, tok.i), ())
    return any(_rank(span, own, clauses) is not None for span in spans)


def _own(trigger: Token, anchor: Token) -> set[int]:
    """The trigger, the verb carrying it, and the verb a nominal trigger hangs from."""
    own = {trigger.i, anchor.i}
    if trigger.pos_ not in VERB_POS:
        verb = governor(trigger)
        if not _crosses_sequence(trigger, verb):
            own.add(verb.i)
    return own


def _crosses_sequence(low: Token, high: Token) -> bool:
    """Whether the path from ``low`` up to ``high`` passes an "after" / "before" phrase."""
    cur = low
    while cur.i != high.i and cur.head.i != cur.i:
        if _sequence_edge(cur):
            return True
        cur = cur.head
    return False


def _sequence_edge(tok: Token) -> bool:
    """Whether ``tok`` heads an act placed before or after the clause above it."""
    if tok.dep_ == "prep" and tok.lower_ in SEQUENCE_WORDS:
        return True
    if tok.dep_ in ("pobj", "pcomp") and tok.head.lower_ in SEQUENCE_WORDS:
        return True
    return any(c.dep_ == "mark" and c.lower_ in SEQUENCE_WORDS for c in tok.children)


def _set_within(relcl: Token) -> bool:
    """Whether a relative clause takes place within its noun ("in which", "where", "when")."""
    for c in relcl.children:
        if c.dep_ == "advmod" and c.lower_ in ("where", "when", "whereupon"):
            return True
        if c.dep_ == "prep" and c.lower_ in SAME_TIME_PREPS:
            if any(g.lower_ in ("which", "whom") for g in c.children):
                return True
    return False


def _past_perfect(tok: Token) -> bool:
    return tok.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in tok.children
    )


def _governing(trigger: Token, anchor: Token, own: set[int]) -> dict[int, int]:
    """Verbs of the clauses that govern the event's, with their distance; none past a boundary.

    A boundary is a relative clause (it describes a participant) unless it is
    set within the noun ("a call *in which* they agreed", "talks on Friday,
    *where* both sides pledged"), an act placed before or after the clause
    above ("after meeting X", "the talks follow meetings in Geneva"), or the
    past perfect.
    """
    base = next(
        (t for t in (anchor, trigger, governor(trigger)) if t.i in own and t.pos_ in VERB_POS),
        trigger,
    )
    if base.lemma_.lower() in SEQUENCE_VERBS and base.i != trigger.i:
        return {}
    ranks: dict[int, int] = {}
    cur, depth = base, 0
    while cur.head.i != cur.i:
        describes = cur.dep_ == "acl" or (cur.dep_ == "relcl" and not _set_within(cur))
        if describes or _sequence_edge(cur) or _past_perfect(cur):
            break
        cur, depth = cur.head, depth + 1
        if cur.pos_ in VERB_POS and cur.i not in own:
            ranks.setdefault(cur.i, depth)
    return ranks


def _attachment(span: Span, own: set[int]) -> tuple[Token, int] | None:
    """Where the date expression attaches: an own token or the first verb above it.

    None when it modifies a participant that is not the event ("Sunday's vote",
    "accused X over Monday's strike"), or dates the start or end point of an
    "after" / "since" phrase.
    """
    cur = span.root
    steps = 0
    while True:
        if cur.i in own:
            return cur, steps
        if cur.dep_ == "prep" and cur.lower_ in SEQUENCE_WORDS:
            return None  # "since the invasion in 2022", "after talks on Friday": another time
        head = cur.head
        if head.i == cur.i:
            return cur, steps
        if (
            head.i not in own
            and head.pos_ in ("NOUN", "PROPN")
            and cur.dep_ in MODIFIER_DEPS
            and (
                head.dep_ in ARGUMENT_DEPS
                or (head.dep_ == "pobj" and head.head.lower_ not in SAME_TIME_PREPS)
            )
        ):
            return None  # "Sunday's vote", "accused X over Monday's strike"
        cur, steps = head, steps + 1
        if cur.i not in own and cur.pos_ in VERB_POS and not _participle(cur):
            return cur, steps


def _participle(tok: Token) -> bool:
    """An adjectival verb a date may pass ("proposals, submitted in May, ...")."""
    return tok.dep_ == "amod" or (tok.dep_ == "acl" and tok.tag_ == "VBN")


def _definite_noun(tok: Token) -> bool:
    """A noun that refers to something told before ("the talks", "Monday's call")."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(
        (c.dep_ == "det" and c.lower_ in DEFINITE_WORDS) or c.dep_ == "poss" for c in tok.children
    )


# -- 3.-5. what the event refers back to, the narrative, the publication month ---------------


class CodedEvent(Protocol):
    """What :func:`date_events` reads of a coded event (:class:`~.events.Coded`)."""

    sentence: int
    event: EventRecord
    token: int | None
    past: bool


@dataclass(frozen=True, slots=True)
class Happening:
    """A meeting, call or other act the text names, with what tells it apart from others."""

    token: int
    """Index of the word naming it."""
    type: str
    """PLOVER type it would be coded as."""
    remote: bool | None
    """True for a phone or video call, False for a meeting in person, None when unsaid."""
    place: str | None
    """Where it took place, as written."""
    sides: frozenset[str]
    """States taking part (empty when the phrase names none)."""
    date: str | None
    """Its date as read from its own clause."""
    evidence: tuple[int, int] | None
    """Character span of the date expression."""


def date_events(
    merged: Sequence[CodedEvent],
    coded: Sequence[CodedEvent],
    index: DocIndex,
    lexicon: Lexicon,
    *,
    publication_month: bool = True,
) -> list[EventRecord]:
    """Date the merged events by rules 3 to 5 of the module docstring; keep date evidence.

    Args:
        merged: One item per real-world event, in text order (repeats merged).
        coded: Every coded item before merging (each is a happening told in the text).
        index: The document's lookups.
        lexicon: Tells which nouns name events ("talks", "call").
        publication_month: Whether rule 5 applies.
    """
    doc = index.doc
    happenings = _happenings(coded, index, lexicon)
    known = _refer_back(happenings, doc)
    month = news_period(doc) if publication_month else None
    done: list[tuple[CodedEvent, EventRecord]] = []
    for item in merged:
        ev = item.event
        span = _expression_span(index, ev.date, item.token) if ev.date else None
        tok = doc[item.token] if item.token is not None else None
        if tok is not None and not _day(ev.date) and not _unresolved_cue(index, tok):
            ev, span = _inherit(item, ev, span, tok, known, happenings, done, index, month)
        if span is not None and ev.date:
            ev = replace(ev, date_evidence=Evidence(ev.evidence.doc_id, *span))
        done.append((item, ev))
    return [ev for _item, ev in done]


def _inherit(
    item: CodedEvent,
    ev: EventRecord,
    span: tuple[int, int] | None,
    tok: Token,
    known: dict[int, tuple[str, tuple[int, int] | None]],
    happenings: list[Happening],
    done: list[tuple[CodedEvent, EventRecord]],
    index: DocIndex,
    month: str | None,
) -> tuple[EventRecord, tuple[int, int] | None]:
    """Rules 3 to 5 for an event without a day: what it refers back to, the narrative, the month.

    Background (:func:`_background`) takes nothing from the clause or narrative around it.
    """
    background = _background(tok)
    sources = [known.get(tok.i, (None, None))]
    if not background:
        sources.append(_framing(tok, known, happenings, index))
    for value, where in sources:
        if value and _finer_and_compatible(value, ev.date):
            ev, span = replace(ev, date=value), where
    if ev.date is None and not background and ev.target_id is not None and item.past:
        prev = _continued(item, ev, done, index)
        if prev is not None:
            ev, span = replace(ev, date=prev.date), _span_of(prev)
    if ev.date is None and month and not background:
        ev = replace(ev, date=month)
    return ev, span


def _day(value: str | None) -> bool:
    return bool(value) and len(value) == 10


def _finer_and_compatible(value: str, current: str | None) -> bool:
    """Whether ``value`` says more than ``current`` without contradicting it."""
    if not current:
        return True
    return len(value) > len(current) and value.startswith(current)


def _span_of(event: EventRecord) -> tuple[int, int] | None:
    ev = event.date_evidence
    return (ev.start, ev.end) if ev is not None else None


def _expression_span(index: DocIndex, value: str, token: int | None) -> tuple[int, int] | None:
    """The date expression a value was read from: the one nearest the event's word."""
    spans = [span for span, v in index.dates if v == value]
    if not spans:
        return None
    if token is not None:
        spans.sort(key=lambda s: min(abs(s.start - token), abs(s.end - 1 - token)))
    return spans[0].start_char, spans[0].end_char


def _remote(tok: Token, mode: str | None = None) -> bool | None:
    """Whether the happening was held at a distance (a call), in person, or unsaid."""
    if mode == "phone":
        return True
    words = {tok.lemma_.lower(), tok.lower_} | {
        c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod")
    }
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "over", "via"):
            words |= {g.lemma_.lower() for g in prep.children}
    if words & REMOTE_WORDS:
        return True
    if mode == "visit" or words & IN_PERSON_WORDS:
        return False
    return None


def _phrase_states(index: DocIndex, tok: Token) -> frozenset[str]:
    """States named inside a noun phrase ("U.S.-Russian talks", "talks between X and Y")."""
    states = set()
    for t in tok.subtree:
        for actor in index.token_actors.get(t.i, []):
            states.add(index.country(actor))
    return frozenset(s for s in states if s)


def _happenings(coded: Sequence[CodedEvent], index: DocIndex, lexicon: Lexicon) -> list[Happening]:
    """Every happening the text names: the coded events and every other event noun."""
    doc = index.doc
    out: list[Happening] = []
    seen: set[int] = set()
    for item in coded:
        if item.token is None:
            continue
        ev, tok = item.event, doc[item.token]
        seen.add(tok.i)
        sides = {index.country(ev.source_id), index.country(ev.target_id)} - {None}
        span = _expression_span(index, ev.date, tok.i) if ev.date else None
        out.append(
            Happening(
                tok.i, ev.type, _remote(tok, ev.mode), ev.location, frozenset(sides), ev.date, span
            )
        )
    for tok in doc:
        if tok.i in seen or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        for type_ in sorted(lexicon.noun_types(tok)):
            found = date_expression(index, tok, tok)
            place = event_place(index, lexicon, tok, tok, type_)
            out.append(
                Happening(
                    tok.i,
                    type_,
                    _remote(tok),
                    place.text if place is not None else None,
                    _phrase_states(index, tok),
                    found[1] if found else None,
                    (found[0].start_char, found[0].end_char) if found else None,
                )
            )
    return sorted(out, key=lambda h: h.token)


def _refer_back(
    happenings: list[Happening], doc: Doc
) -> dict[int, tuple[str, tuple[int, int] | None]]:
    """Date of every happening word, after definite nouns took their antecedent's (rule 3)."""
    known: dict[int, tuple[str, tuple[int, int] | None]] = {}
    for k, h in enumerate(happenings):
        current = known.get(h.token, (h.date, h.evidence))
        if not _day(current[0]) and _definite_noun(doc[h.token]):
            ante = _antecedent(h, happenings[:k], known, current[0])
            if ante is not None:
                current = ante
        if current[0]:
            known[h.token] = current
    return known


def _antecedent(
    h: Happening,
    earlier: Sequence[Happening],
    known: dict[int, tuple[str, tuple[int, int] | None]],
    current: str | None,
) -> tuple[str, tuple[int, int] | None] | None:
    """The latest earlier dated happening of the same kind that ``h`` can refer back to."""
    for prev in reversed(earlier):
        if prev.token == h.token or prev.type != h.type:
            continue
        value = known.get(prev.token, (prev.date, prev.evidence))
        if not value[0] or not _finer_and_compatible(value[0], current):
            continue
        if None not in (h.remote, prev.remote) and h.remote != prev.remote:
            continue  # a call is not a meeting
        if h.place and prev.remote:
            continue  # a call has no place
        place_match = _same_place(h.place, prev.place)
        if h.place and prev.place and not place_match:
            continue
        if h.sides and prev.sides and not h.sides <= prev.sides:
            continue
        bare = not (h.place or h.sides) and h.type in BARE_REFERENCE_TYPES
        if place_match or (h.sides and h.sides <= prev.sides) or bare:
            return value
    return None


def _same_place(a: str | None, b: str | None) -> bool:
    """Whether two place names name the same place or places of one state."""
    if not a or not b:
        return False
    if a.lower().removeprefix("the ") == b.lower().removeprefix("the "):
        return True
    state = state_of_place(a)
    return state is not None and state == state_of_place(b)


def _framing(
    tok: Token,
    known: dict[int, tuple[str, tuple[int, int] | None]],
    happenings: list[Happening],
    index: DocIndex,
) -> tuple[str, tuple[int, int] | None] | tuple[None, None]:
    """The date of a definite happening noun of a clause that governs the event (rule 3).

    "*The summit* ended as Paris urged Berlin to ...": the urging is dated by
    the summit.
    """
    doc = index.doc
    own = _own(tok, tok)
    clauses = _governing(tok, tok, own)
    best: tuple[int, str, tuple[int, int] | None] | None = None
    for h in happenings:
        noun = doc[h.token]
        if h.token == tok.i or h.token not in known or not _same_sentence(index, noun.i, tok.i):
            continue
        if not _definite_noun(noun):
            continue
        verb = governor(noun)
        if verb.i == noun.i or _crosses_sequence(noun, verb) or not _clause_part(noun, verb):
            continue
        rank = 0 if verb.i in own else clauses.get(verb.i)
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, *known[h.token])
    return (best[1], best[2]) if best else (None, None)


def _clause_part(noun: Token, verb: Token) -> bool:
    """Whether the noun sets the verb's scene, not its topic ("criticised the talks").

    The scene is the verb's subject ("the summit ended as ...") or its setting
    ("in the call, ...").
    """
    if noun.dep_ in ("nsubj", "nsubjpass"):
        return noun.head.i == verb.i
    return (
        noun.dep_ == "pobj" and noun.head.head.i == verb.i and noun.head.lower_ in SAME_TIME_PREPS
    )


def _continued(
    item: CodedEvent,
    ev: EventRecord,
    done: list[tuple[CodedEvent, EventRecord]],
    index: DocIndex,
) -> EventRecord | None:
    """The earlier dated event an undated one told in the simple past continues (rule 4)."""
    pair = frozenset((index.country(ev.source_id), index.country(ev.target_id)))
    remote = _remote(index.doc[item.token], ev.mode) if item.token is not None else None
    for prev_item, prev in reversed(done):
        if not prev.date or prev.target_id is None or prev_item.sentence >= item.sentence:
            continue  # within one sentence, its structure has decided
        if prev.type == ev.type == "CONSULT" and prev_item.token is not None:
            other = _remote(index.doc[prev_item.token], prev.mode)
            if None not in (remote, other) and remote != other:
                continue  # a call and a meeting are two happenings
        near = item.sentence - prev_item.sentence <= NARRATIVE_WINDOW
        prev_pair = frozenset((index.country(prev.source_id), index.country(prev.target_id)))
        same_pair = prev_pair == pair
        outcome = prev.type == "CONSULT" and ev.type in OUTCOME_TYPES
        same_kind = prev.type == ev.type and prev.mode == ev.mode and prev.source_id == ev.source_id
        if (near and (same_pair or same_kind)) or (
            outcome and (same_pair or _same_place(ev.location, prev.location))
        ):
            return prev
    return None


def news_period(doc: Doc) -> str | None:
    """The month (else the year) that holds the article's news window.

    The window is the publication day and the :data:`NEWS_WINDOW_DAYS` - 1 days
    before it (for an undated article, around every day its "now" may be): the
    days a report calls "on Tuesday". An undated act reported as news lies in
    it, so its month is fixed only when the whole window lies in one month; an
    article of 3 March may report a call of 27 February, and then only the year
    is sure.
    """
    on: date | None = parse_published(doc._.published)
    reference = doc._.reference
    if on is not None:
        first, last = on, on
    elif reference:
        first = date.fromisoformat(reference["earliest"])
        last = date.fromisoformat(reference["latest"])
    else:
        return None
    found = span_value(first - timedelta(days=NEWS_WINDOW_DAYS - 1), last)
    return found[0] if found else None


def _background(tok: Token) -> bool:
    """Whether the event is told as history rather than news (rule 5 leaves it undated)."""
    if any(c.dep_ == "amod" and c.lower_ in PAST_MODIFIERS for c in tok.children):
        return True  # "previous talks"
    cur = tok
    for _ in range(12):
        if _past_perfect(cur):
            return True
        aux = {c.lower_ for c in cur.children if c.dep_ == "aux"}
        if cur.tag_ == "VBG" and "been" in aux:
            return True  # "has been pushing"
        for c in cur.children:
            low = c.lower_
            if c.dep_ in ("advmod", "mark", "prep") and low in BACKGROUND_ADVERBS:
                return True
            if c.dep_ == "npadvmod" and _duration(c):
                return True  # "three years into the war"
            if c.dep_ == "prep" and any(g.dep_ == "pobj" and _duration(g) for g in c.children):
                return True  # "for years", "in recent months", "over the years"
        if cur.pos_ in VERB_POS and any(c.dep_ in SUBJECT_DEPS for c in cur.children):
            break
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return False


def _duration(tok: Token) -> bool:
    return tok.tag_ == "NNS" and tok.lemma_.lower() in DURATION_UNITS
