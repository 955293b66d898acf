"""Resolve date expressions against the publication date (the ``detente_dates`` component).

The factory is registered in :mod:`detente.extract.components.dates`.

Writes ``Doc._.dates`` = ``[(start_char, end_char, value, precision)]`` with
value ``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY`` and precision ``day`` / ``month``
/ ``year``. The expressions and what each denotes are in
:mod:`detente.extract.temporal.expressions` (regular expressions over
the text, so the component needs no parse and works on a blank pipeline):

* absolute expressions ("February 18, 2025", "February 2022", "in 2014") keep
  their own value;
* relative ones ("on Tuesday", "Feb. 12", "earlier this month", "last week",
  "in mid-March", "three days ago") are read against the publication date; a
  day and month without a year ("Feb. 12") takes the year that puts it closest
  to publication (a December date in a January article is last year's);
* anaphoric ones ("the day before", "two days later", "the following week")
  count from the latest date the text has stated before them (a full date, or
  a relative one already resolved) when that is a day; otherwise they stay
  unresolved. This is the reading of narrative time used by temporal taggers
  such as HeidelTime (Strötgen & Gertz, 2013): "now"-relative phrases against
  the document's creation time, anaphoric ones against the last date mentioned.

Which way a relative expression points ("on Friday" before or after now) follows
the tense of the clause it hangs from, read from the parse when the Doc has one
(:func:`clause_future`), else from the words around it.

The text comes first. Without a publication date, a day and month without a
year ("December 2") takes the year of the nearest full date ("February 18,
2025") written before it: news narrates forward from the dates it states, so
the last stated year is the one in force (a month and year such as "since
February 2022" is no anchor: in news it is mostly background history). Only
what the text cannot say comes from the calendar: the article's "now" is
inferred from the calendar events its relative phrases refer to ("talks in
Riyadh on Tuesday"; :mod:`detente.extract.temporal.reference_time`), every
relative expression is read against each candidate day and keeps what the
readings agree on (:func:`~.expressions.agree`), and ``Doc._.reference``
records the days and the phrases they rest on. With neither, relative
expressions stay unresolved (a stated date is not the day of writing).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Token

from detente.extract.extensions import parse_published, register_extensions
from detente.extract.temporal.calendar import Calendar
from detente.extract.temporal.expressions import (
    FULL_DATE_KINDS,
    DateExpression,
    agree,
    counted_from,
    in_year,
    resolve,
    scan,
    span_value,
)
from detente.extract.temporal.reference_time import infer_reference
from detente.extract.word_lists import doc_text


def find_dates(
    text: str,
    on: date | None,
    anchors: Sequence[date] = (),
    expressions: Sequence[DateExpression] | None = None,
) -> list[tuple[int, int, str, str]]:
    """Every resolvable date expression in ``text`` as ``(start, end, value, precision)``.

    Args:
        text: The document text.
        on: The publication date, or None.
        anchors: When ``on`` is None, the days the article's "now" may be (inferred by
            :mod:`detente.extract.temporal.reference_time`); relative expressions are
            read against each and keep what every reading agrees on (:func:`agree`).
        expressions: ``scan(text)`` when the caller already has it.
    """
    out: list[tuple[int, int, str, str]] = []
    full_years: list[int] = []  # years of the full dates stated so far, in text order
    for x in sorted(scan(text) if expressions is None else expressions, key=lambda e: e.start):
        if x.anaphoric:
            resolved = _counted(x, out)
        elif on is None and x.kind in ("dm", "md") and full_years:
            resolved = in_year(x, full_years[-1])  # the text's own year first
        elif on is None and anchors and x.relative:
            resolved = agree(resolve(x, text, a) for a in anchors)
        else:
            resolved = resolve(x, text, on)
        if resolved is None:
            continue
        out.append((x.start, x.end, *resolved))
        if x.kind in FULL_DATE_KINDS:
            full_years.append(int(resolved[0][:4]))
    return out


def _counted(x: DateExpression, before: list[tuple[int, int, str, str]]) -> tuple[str, str] | None:
    """An anaphoric expression counted from the latest date resolved before it, if a day.

    The latest date is where the narrative stands; when it is only a month ("in
    late September ... The day before"), there is no day to count from.
    """
    if not before or before[-1][3] != "day":
        return None
    span = counted_from(x, date.fromisoformat(before[-1][2]))
    return span_value(*span) if span else None


FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "wo"})
"""Auxiliaries of a verb that has not happened yet ("will meet")."""
FUTURE_GOVERNORS = frozenset(
    {"expect", "plan", "schedule", "set", "due", "go", "intend", "prepare", "hope", "agree"}
)
"""Words whose complement lies ahead ("is expected to meet on Friday", "is set for Monday")."""
FUTURE_MODIFIERS = frozenset(
    {"upcoming", "planned", "scheduled", "next", "proposed", "expected", "coming", "future"}
)
"""Modifiers of a noun that has not happened yet ("the upcoming talks on Friday")."""


def clause_future(doc: Doc, x: DateExpression) -> bool | None:
    """Whether the clause the expression belongs to speaks of the future, read from the parse.

    The clause is the verb the expression hangs from: it is future when it has
    a future auxiliary ("will meet"), is a word of scheduling in the passive
    ("is scheduled for", "are due on"), is the complement of one ("is expected
    to meet", "agreed to meet") or an infinitive describing a noun ("talks to be
    held on Friday"), or when a noun on the way is marked as ahead ("the
    upcoming talks"). An infinitive of purpose is not ("travelled to Riyadh to
    meet him on Tuesday"). None when the expression hangs from no verb.
    """
    span = doc.char_span(x.start, x.end, alignment_mode="expand")
    if span is None:
        return None
    cur: Token = span.root
    for _ in range(10):
        if cur.pos_ in ("VERB", "AUX") and cur.i not in range(span.start, span.end):
            break
        if any(c.dep_ == "amod" and c.lower_ in FUTURE_MODIFIERS for c in cur.children):
            return True
        if setting_noun(cur):
            return False  # "agreed to reopen it in a call on Wednesday": the call is told as held
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    else:
        return None
    children = list(cur.children)
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUXILIARIES for c in children):
        return True
    if cur.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children):
        return True  # "talks to be held on Friday"
    scheduling = [cur] if cur.tag_ in ("VBN", "JJ") else []
    scheduling += [c for c in children if c.dep_ in ("acomp", "attr", "oprd")]
    if any(t.lemma_.lower() in FUTURE_GOVERNORS - {"agree"} for t in scheduling):
        return True  # "is scheduled for Monday", "talks are due on Friday"
    return cur.dep_ in ("xcomp", "acomp") and cur.head.lemma_.lower() in FUTURE_GOVERNORS


SETTING_NOUNS = frozenset(
    {"call", "conversation", "meeting", "talk", "talks", "summit", "session", "videoconference"}
)
"""Meetings in the course of which something is said or agreed ("in a call on Wednesday")."""
SETTING_PREPS = frozenset({"in", "during", "at"})


def setting_noun(tok: Token) -> bool:
    """A meeting named as the setting of its clause's act ("agreed ... *in a call* on Monday")."""
    return (
        tok.pos_ == "NOUN"
        and (tok.lemma_.lower() in SETTING_NOUNS or tok.lower_ in SETTING_NOUNS)
        and tok.dep_ == "pobj"
        and tok.head.lower_ in SETTING_PREPS
    )


MAX_REFERENCE_DAYS = 400
"""An inferred "now" spread over more days than this resolves nothing; it is dropped."""


def _mentions(doc: Doc) -> list[tuple[int, int, tuple[str, ...]]]:
    info = doc._.actor_info or {}
    out = []
    for start, end, actor in doc._.mentions or ():
        country = (info.get(actor) or {}).get("country")
        out.append((start, end, (actor, country) if country else (actor,)))
    return out


def reference_dict(reference) -> dict:
    """The plain-value form of an inferred reference kept on ``Doc._.reference``."""
    return {
        "earliest": reference.days[0].isoformat(),
        "latest": reference.days[-1].isoformat(),
        "days": len(reference.days),
        "clues": [
            {
                "start": c.start,
                "end": c.end,
                "event": c.event.id,
                "title": c.event.title,
                "date": c.event.first.isoformat(),
            }
            for c in reference.clues
        ],
    }


class DateResolver:
    """Spacy component writing ``Doc._.dates`` (see the module docstring for the rules).

    Args:
        name: Component name.
        infer_reference: For a Doc without a publication date, infer its "now" from the
            calendar (:mod:`~detente.extract.temporal.reference_time`) and resolve relative
            expressions against it; also writes ``Doc._.reference``.
        calendar: Path of a calendar file; the packaged calendar when None.
    """

    def __init__(
        self,
        *,
        name: str = "detente_dates",
        infer_reference: bool = True,
        calendar: str | None = None,
    ) -> None:
        self.name = name
        self.infer_reference = infer_reference
        self.calendar_path = calendar
        self._calendar = None
        register_extensions()

    @property
    def calendar(self):
        """The calendar used for reference-time inference (loaded on first use)."""
        if self._calendar is None:
            self._calendar = Calendar.load(self.calendar_path)
        return self._calendar

    def __call__(self, doc: Doc) -> Doc:
        """Write ``doc._.dates`` (and ``doc._.reference`` for an undated Doc)."""
        text = doc_text(doc)
        on = parse_published(doc._.published)
        anchors: tuple[date, ...] = ()
        expressions = scan(text)
        if doc.has_annotation("DEP"):
            expressions = [replace(x, future=clause_future(doc, x)) for x in expressions]
        doc._.reference = None
        if on is None and self.infer_reference:
            if doc.has_annotation("SENT_START"):
                sentences = [(s.start_char, s.end_char) for s in doc.sents]
            else:
                sentences = [(0, len(text))]
            reference = infer_reference(text, expressions, sentences, _mentions(doc), self.calendar)
            if reference is not None and len(reference.days) <= MAX_REFERENCE_DAYS:
                anchors = reference.days
                doc._.reference = reference_dict(reference)
        doc._.dates = find_dates(text, on, anchors, expressions)
        return doc


