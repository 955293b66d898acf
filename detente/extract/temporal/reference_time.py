"""The "now" of an article that states no publication date, inferred from what it reports.

Why: "on Tuesday", "last week" and "Feb. 23" mean nothing without the day the
article was written, and many texts (syndicated copy, blog reposts, PDFs) carry
no date line. Temporal taggers need that *document creation time*; when it is
missing they fall back on the latest date mentioned, which is only a lower
bound. detente instead ties relative phrases to events of known date in its
calendar (:mod:`detente.extract.temporal.calendar`): "US and Russian delegations talked in
Riyadh on Tuesday" can only be the US–Russia talks of Tuesday 18 February 2025,
so the article was written between that Tuesday and the next Monday.

Rules, for each relative date expression (:data:`~.expressions.RELATIVE_KINDS`):

* Its sentence must name a *kind* of event near it: the cue word of each kind
  (``meeting``: "talks", "met" ...; ``call``: "phone" ...) closest to the
  expression picks the kind (ties keep both).
* A calendar event of that kind is a candidate when the sentence names one of
  its places as a place ("in Riyadh", "at the Kremlin", not "the Kremlin
  said") or enough of its parties (two, or all
  of a one-party event such as an election), counted over the actors
  mentioned in the sentence and their countries. Only the best candidates
  (a place counts as two parties) are kept, *before* looking at dates: when
  "Russia and Ukraine met in Istanbul on Thursday" fits no Russia–Ukraine
  round in Istanbul, it refers to one the calendar lacks, not to a US–Russia
  meeting there that happened on a Thursday.
* A match allows every "now" for which the expression denotes a span touching
  the event's days (:func:`~.expressions.window`), with the event before "now" when
  the clause reports the past and after it when the clause speaks of the
  future ("are expected to ... after the elections on Feb. 23").

Each expression with at least one match is one *constraint*: the union of the
days its matches allow. A copyright line ("©2025") is one more, the days of
that year. The inferred "now" is the set of days that satisfy the most
constraints (a maximum-consistency vote, so one wrong match is outvoted rather
than fatal); when the winning days fall apart into separate stretches (two
Tuesdays with talks in the same city, a call "yesterday" that could be any of
several), nothing is inferred. The full dates the article states are hard bounds: a date told
in the past ("signed on April 1, 2030") puts "now" on or after it, one in a
future clause on or before it; when they rule out every matched day, the
phrases must refer to events the calendar does not hold (a later round of
talks in the same city), and nothing is inferred. The clues kept as evidence
are the matches that allow one of the chosen days. Without any calendar match
nothing is inferred, and the date layer keeps relative expressions unresolved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import numpy as np

from detente.extract.temporal.calendar import Calendar, CalendarEvent
from detente.extract.temporal.expressions import (
    DateExpression,
    is_future,
    reach,
    stated_day,
    window,
)

_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|\bcopyright\b)\s*(?:(?:19|20)\d\d\s*[-–]\s*)?((?:19|20)\d\d)\b", re.I
)


@dataclass(frozen=True, slots=True)
class Clue:
    """A date expression matched to a calendar event."""

    start: int
    """Character offset of the expression ("on Tuesday")."""
    end: int
    """Character offset just past it."""
    event: CalendarEvent
    """The calendar event it was matched to."""


@dataclass(frozen=True, slots=True)
class Reference:
    """The inferred "now" of an article."""

    days: tuple[date, ...]
    """Every day the article may have been written, in order."""
    clues: tuple[Clue, ...]
    """The matches that support those days."""


@lru_cache(maxsize=512)
def _place_pattern(place: str) -> re.Pattern[str]:
    """The place named *as a place*, after a locative preposition.

    A few words may stand between ("in the Saudi capital Riyadh", "at the Kremlin"); a
    seat of power standing for its government ("the Kremlin said") is not a place.
    """
    return re.compile(
        rf"\b(?:in|at|to|near|outside|from|inside)\s+(?:[\w'’.-]+\s+){{0,3}}?"
        rf"{re.escape(place)}(?!\w)",
        re.I,
    )


def _sentence(sentences: Sequence[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    for start, end in sentences:
        if start <= pos < end:
            return start, end
    return None


def _nearest_kinds(calendar: Calendar, text: str, x: DateExpression) -> set[str]:
    """Kinds whose cue word lies closest to the expression within its sentence."""
    best: dict[str, int] = {}
    for kind in calendar.cues:
        for m in calendar.cue_pattern(kind).finditer(text):
            gap = max(m.start() - x.end, x.start - m.end(), 0)
            best[kind] = min(best.get(kind, gap), gap)
    if not best:
        return set()
    closest = min(best.values())
    return {k for k, v in best.items() if v == closest}


def _allowed(x: DateExpression, text: str, event: CalendarEvent, future: bool) -> set[date]:
    """The "now" days for which ``x`` denotes a span that touches ``event``."""
    days = reach(x)
    out = set()
    day = event.first - timedelta(days=days)
    stop = event.last + timedelta(days=days)
    while day <= stop:
        if (event.last >= day) if future else (event.first <= day):
            span = window(x, text, day)
            if span and span[0] <= event.last and event.first <= span[1]:
                out.add(day)
        day += timedelta(days=1)
    return out


def infer_reference(
    text: str,
    expressions: Iterable[DateExpression],
    sentences: Sequence[tuple[int, int]],
    mentions: Iterable[tuple[int, int, Iterable[str]]],
    calendar: Calendar,
) -> Reference | None:
    """Infer the article's "now" (see the module docstring for the rules).

    Args:
        text: The document text.
        expressions: Its date expressions (:func:`~.expressions.scan`); only relative
            ones are used.
        sentences: Sentence spans ``(start, end)``.
        mentions: Actor mentions ``(start, end, ids)``, ``ids`` being the actor's id and
            its country.
        calendar: The dated events to match against.

    Returns:
        The days and their clues, or None when no expression matches the calendar.
    """
    mentions = list(mentions)
    expressions = list(expressions)
    stated = [(x, day) for x in expressions if (day := stated_day(x)) is not None]
    constraints: list[tuple[DateExpression, list[tuple[CalendarEvent, set[date]]]]] = []
    for x in expressions:
        if not x.relative:
            continue
        sent = _sentence(sentences, x.start)
        if sent is None:
            continue
        s_text = text[sent[0] : sent[1]]
        local = DateExpression(x.kind, x.match, x.start - sent[0], x.end - sent[0])
        kinds = _nearest_kinds(calendar, s_text, local)
        if not kinds:
            continue
        present = {i for a, b, ids in mentions if sent[0] <= a and b <= sent[1] for i in ids}
        future = is_future(x, text)
        scored = []
        for event in calendar.events:
            if event.kind not in kinds:
                continue
            place = any(_place_pattern(p).search(s_text) for p in event.places)
            parties = len(event.parties & present)
            if place or parties >= min(2, len(event.parties)):
                scored.append((2 * place + parties, event))
        if not scored:
            continue
        top = max(score for score, _ in scored)
        matches = [
            (event, days)
            for score, event in scored
            if score == top and (days := _allowed(x, text, event, future))
        ]
        if matches:
            constraints.append((x, matches))
    if not constraints:
        return None
    unions = [set().union(*(days for _, days in matches)) for _, matches in constraints]
    domain = np.array(sorted(set().union(*unions)), dtype="datetime64[D]")
    votes = np.zeros(len(domain), dtype=int)
    for days in unions:
        votes += np.isin(domain, np.array(sorted(days), dtype="datetime64[D]"))
    years = domain.astype("datetime64[Y]").astype(int) + 1970
    for m in _COPYRIGHT.finditer(text):
        votes += years == int(m[1])
    for x, day in stated:
        bound = np.datetime64(day, "D")
        votes[(domain > bound) if is_future(x, text) else (domain < bound)] = -1
    if votes.max() < 1:
        return None  # the article's own dates rule out every match: another, uncalendared event
    best = domain[votes == votes.max()]
    if len(best) > 1 and (np.diff(best).astype(int) > 1).any():
        return None  # separate stretches of time fit equally well: the phrases are ambiguous
    chosen = {d.item() for d in best}
    clues = tuple(
        Clue(x.start, x.end, event)
        for x, matches in constraints
        for event, days in matches
        if days & chosen
    )
    return Reference(tuple(sorted(chosen)), clues)
