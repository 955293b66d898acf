"""When a coded event happened, as the rest of the article tells.

After the coder has read each event's own clause (:mod:`detente.extract.events.dates`), an
event still without a day is dated from the article around it, in this order:

1. **A repeat** of the same act elsewhere in the article (merging, in
   :func:`~detente.extract.events.merging.merge_events`).
2. **What it refers back to** (:func:`date_events`): a definite noun ("the
   summit", "the talks in Oslo", "last week's talks in Oslo") names a happening
   told before; it takes the date of the latest earlier dated happening of the
   same kind (same event type, a call not set against a meeting) that shares its
   place or its sides and conflicts with neither; a bare "the meeting" or "the
   call" takes the latest meeting or call. An act in a clause whose subject
   or setting is such a noun ("*The summit* ended as Paris urged Berlin to
   ...", "In *the call*, Xi invited Biden to ...") takes that noun's date.
3. **The narrative it continues**: told in the simple past, it takes the date of
   the nearest earlier dated event between the same two states within
   :data:`NARRATIVE_WINDOW` sentences, or of one of the same kind by the same
   actor there ("Macron phoned Xi on Monday. Macron also phoned Modi."); an
   agreement, concession or rejection (:data:`OUTCOME_TYPES`) takes the date of
   the latest earlier dated meeting of the same two states or at the same place
   (what the sides agreed is the meeting's outcome).
4. **The publication month** (Clarification 4 of the annotation guidelines: "if
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

from spacy.tokens import Doc, Token

from detente.evidence import Evidence
from detente.extract.events.dates import (
    SAME_TIME_PREPS,
    SUBJECT_DEPS,
    VERB_POS,
    crosses_sequence,
    date_expression,
    definite_noun,
    governing_clauses,
    own_tokens,
    past_perfect,
    same_sentence,
    unresolved_cue,
)
from detente.extract.events.index import DocIndex
from detente.extract.events.lexicon import Lexicon
from detente.extract.events.setting import (
    REMOTE_WORDS,
    event_place,
    governor,
    state_of_place,
)
from detente.extract.extensions import parse_published
from detente.extract.records import EventRecord
from detente.extract.temporal.expressions import span_value

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
    """Date the merged events by rules 2 to 4 of the module docstring; keep date evidence.

    Args:
        merged: One item per real-world event, in text order (repeats merged).
        coded: Every coded item before merging (each is a happening told in the text).
        index: The document's lookups.
        lexicon: Tells which nouns name events ("talks", "call").
        publication_month: Whether rule 4 applies.
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
        if tok is not None and not _day(ev.date) and not unresolved_cue(index, tok):
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
    """Rules 2 to 4 for an event without a day: what it refers back to, the narrative, the month.

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
    """Whether a date value names a day (``YYYY-MM-DD``)."""
    return bool(value) and len(value) == 10


def _finer_and_compatible(value: str, current: str | None) -> bool:
    """Whether ``value`` says more than ``current`` without contradicting it."""
    if not current:
        return True
    return len(value) > len(current) and value.startswith(current)


def _span_of(event: EventRecord) -> tuple[int, int] | None:
    """The character span of an event's date evidence, if any."""
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
        types = lexicon.noun_types(tok)
        if not types:
            continue
        found = date_expression(index, tok, tok)
        if found is None and not definite_noun(tok):
            continue  # neither dated nor referring back: nothing refers to it, it to nothing
        for type_ in sorted(types):
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
    """Date of every happening word, after definite nouns took their antecedent's (rule 2)."""
    known: dict[int, tuple[str, tuple[int, int] | None]] = {}
    for k, h in enumerate(happenings):
        current = known.get(h.token, (h.date, h.evidence))
        if not _day(current[0]) and definite_noun(doc[h.token]):
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
    """The date of a definite happening noun of a clause that governs the event (rule 2).

    "*The summit* ended as Paris urged Berlin to ...": the urging is dated by
    the summit.
    """
    doc = index.doc
    own = own_tokens(tok, tok)
    clauses = governing_clauses(tok, tok, own)
    best: tuple[int, str, tuple[int, int] | None] | None = None
    for h in happenings:
        noun = doc[h.token]
        if h.token == tok.i or h.token not in known or not same_sentence(index, noun.i, tok.i):
            continue
        if not definite_noun(noun):
            continue
        verb = governor(noun)
        if verb.i == noun.i or crosses_sequence(noun, verb) or not _clause_part(noun, verb):
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
    """The earlier dated event an undated one told in the simple past continues (rule 3)."""
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
    """Whether the event is told as history rather than news (rule 4 leaves it undated)."""
    if any(c.dep_ == "amod" and c.lower_ in PAST_MODIFIERS for c in tok.children):
        return True  # "previous talks"
    for cur in _clause_tokens(tok):
        if past_perfect(cur):
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
    return False


def _clause_tokens(tok: Token):
    """``tok`` and its heads up to the first verb with a subject of its own (its clause)."""
    cur = tok
    for _ in range(12):
        yield cur
        if cur.pos_ in VERB_POS and any(c.dep_ in SUBJECT_DEPS for c in cur.children):
            return
        if cur.head.i == cur.i:
            return
        cur = cur.head


def earlier_occasion(tok: Token) -> bool:
    """Whether the clause of an event says it was an earlier occasion than the news.

    "had met X on three *previous* occasions", "*previously* signed", "*previous*
    talks": such an act is another happening than one the article reports as
    news, even between the same sides (a past perfect alone is not enough: news
    often retells the reported act so, "X had warned on Monday that ...").
    """
    if any(c.dep_ == "amod" and c.lower_ in PAST_MODIFIERS for c in tok.children):
        return True
    for cur in _clause_tokens(tok):
        for c in cur.children:
            if c.dep_ == "advmod" and c.lower_ == "previously":
                return True
            if c.dep_ == "prep" and any(
                g.dep_ == "pobj" and any(m.lower_ in PAST_MODIFIERS for m in g.children)
                for g in c.children
            ):
                return True  # "on previous occasions", "at past summits"
    return False


def _duration(tok: Token) -> bool:
    """Plural years, decades, months: a stretch of time, not a point ("for years")."""
    return tok.tag_ == "NNS" and tok.lemma_.lower() in DURATION_UNITS
