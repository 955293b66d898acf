"""Resolve date expressions against the publication date: the ``detente_dates`` component.

Writes ``Doc._.dates`` = ``[(start_char, end_char, value, precision)]`` with
value ``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY`` and precision ``day`` / ``month``
/ ``year``. Rules (regular expressions over the text, so the component needs no
parse and works on a blank pipeline):

* Full dates: "February 18, 2025", "Feb. 18, 2025", "18 February 2025",
  "2025-02-18" -> day.
* Day and month without a year: "Feb. 23", "December 2", "Tuesday 19 February"
  -> day, in the year that puts the date closest to publication (a December
  date in a January article is last year's).
* Month and year: "February 2022", "in December 2021" -> month.
* A year after a preposition ("in 2014", "since 2014") -> year.
* Weekdays: "on Tuesday" / "Tuesday" -> the most recent such day on or before
  publication (news reports what happened), unless the clause is about the
  future ("will", "is set for", "next Tuesday") -> the next such day on or
  after publication; "last Wednesday" -> the most recent such day strictly
  before publication.
* Relative words: "today" -> publication day; "yesterday" -> the day before;
  "tomorrow" -> the day after; "this month" -> the publication month;
  "last month" -> the month before; "this year" / "last year" -> year.
* "last week" -> *month* precision: the month of the previous calendar week,
  taken as the month of its Thursday (the ISO 8601 rule for the month a week
  belongs to). A week is not a calendar unit of the output format, and month
  precision is what annotators use (the evaluation gold codes "last week" as
  ``YYYY-MM``). "next week" and "this week" likewise.

Without a publication date the article's "now" is first inferred from the
calendar events its relative phrases refer to ("talks in Riyadh on Tuesday";
:mod:`detente.extract.components.reference_time`); when that succeeds every
relative expression is read against each candidate day and keeps what the
readings agree on (:func:`agree`), and ``Doc._.reference`` records the days and
the phrases they rest on. Otherwise absolute expressions (full dates, month and
year, years) are resolved, and a day and month without a year ("December 2") takes
the year of the nearest full date ("February 18, 2025") written before it:
news narrates forward from the dates it states, so the last stated year is the
one in force. A month and year ("since February 2022") is no anchor: in news
it is mostly background history. The anchor's year is taken as is, not the
year closest to the anchor: with no publication date there is no "now" to
measure closeness from. Weekdays and relative words stay unresolved (a stated
date is not the day of writing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc

from detente.extract.calendar import Calendar
from detente.extract.components._lexicon import doc_text
from detente.extract.components.doc_actors import parse_published
from detente.extract.extensions import register_extensions

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_WD = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# Order matters: longer, more precise forms first; matched spans are not re-used.
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("mdy", re.compile(rf"(?:{_WD},?\s+)?\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")),
    ("dmy", re.compile(rf"(?:{_WD},?\s+)?\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b")),
    ("dm", re.compile(rf"(?:{_WD},?\s+)?\b{_DAY}\s+{_MONTH}\b(?!\s*,?\s*(?:19|20)\d\d)")),
    (
        "md",
        re.compile(
            rf"(?:{_WD},?\s+)?\b{_MONTH}\s+{_DAY}\b(?![\d,]*\s*(?:19|20)\d\d)"
            r"(?!\s*(?:%|percent|per cent))"
        ),
    ),
    ("my", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b")),
    ("rel_wd", re.compile(rf"\b(?P<rel>last|this|next|past|coming)\s+{_WD}\b", re.I)),
    ("wd", re.compile(rf"\b{_WD}\b")),
    ("rel", re.compile(r"\b(?P<rel>last|this|next|past)\s+(?P<unit>week|month|year)\b", re.I)),
    ("word", re.compile(r"\b(?P<word>today|yesterday|tomorrow)\b", re.I)),
    (
        "year",
        re.compile(
            rf"\b(?P<prep>in|since|by|until|till|from|of|during|before|after|early|late|mid)[\s-]+{_YEAR}\b(?![-–/]\d)",
            re.I,
        ),
    ),
]
_ANCHOR_KINDS = frozenset({"iso", "mdy", "dmy"})
RELATIVE_KINDS = frozenset({"dm", "md", "rel_wd", "wd", "rel", "word"})
"""Pattern kinds whose value depends on the article's "now"."""
_FUTURE = re.compile(
    r"\b(will|won['’]t|shall|is set (?:for|to)|are set (?:for|to)|scheduled|planned|plans? to|"
    r"is expected|are expected|to be held|going to|next|upcoming|coming)\b",
    re.I,
)


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _closest_year(month: int, day: int, on: date) -> date | None:
    best = None
    for year in (on.year - 1, on.year, on.year + 1):
        try:
            cand = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((cand - on).days) < abs((best - on).days):
            best = cand
    return best


def _clause(text: str, start: int, end: int) -> str:
    a = max(text.rfind(".", 0, start), text.rfind("\n", 0, start), text.rfind(",", 0, start)) + 1
    b_candidates = [i for i in (text.find(".", end), text.find("\n", end)) if i >= 0]
    b = min(b_candidates) if b_candidates else len(text)
    return text[a:b]


def _weekday(wd: str, on: date, rel: str | None, future: bool) -> date:
    target = WEEKDAYS[wd.lower()]
    back = (on.weekday() - target) % 7
    fwd = (target - on.weekday()) % 7
    rel = (rel or "").lower()
    if rel in ("last", "past"):
        return on - timedelta(days=back or 7)
    if rel in ("next", "coming"):
        return on + timedelta(days=fwd or 7)
    if rel == "this" or future:
        return on + timedelta(days=fwd) if future else on - timedelta(days=back)
    return on - timedelta(days=back)


def _resolve(kind: str, m: re.Match, text: str, on: date | None) -> tuple[str, str] | None:
    g = m.groupdict()
    if kind == "iso":
        try:
            return date(int(g["year"]), int(g["mnum"]), int(g["day"])).isoformat(), "day"
        except ValueError:
            return None
    if kind in ("mdy", "dmy"):
        try:
            return date(int(g["year"]), _month(g["month"]), int(g["day"])).isoformat(), "day"
        except ValueError:
            return None
    if kind == "my":
        return f"{int(g['year']):04d}-{_month(g['month']):02d}", "month"
    if kind == "year":
        return g["year"], "year"
    if on is None:
        return None
    if kind in ("dm", "md"):
        d = _closest_year(_month(g["month"]), int(g["day"]), on)
        return (d.isoformat(), "day") if d else None
    if kind in ("rel_wd", "wd"):
        future = bool(_FUTURE.search(_clause(text, m.start(), m.end())))
        return _weekday(g["weekday"], on, g.get("rel"), future).isoformat(), "day"
    if kind == "word":
        shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[g["word"].lower()]
        return (on + timedelta(days=shift)).isoformat(), "day"
    if kind == "rel":
        rel, unit = g["rel"].lower(), g["unit"].lower()
        step = {"last": -1, "past": -1, "this": 0, "next": 1}[rel]
        if unit == "week":  # the month of that calendar week's Thursday (ISO 8601's rule)
            d = on + timedelta(days=3 - on.weekday() + 7 * step)
            return f"{d.year:04d}-{d.month:02d}", "month"
        if unit == "month":
            y, mo = divmod(on.year * 12 + on.month - 1 + step, 12)
            return f"{y:04d}-{mo + 1:02d}", "month"
        return f"{on.year + step:04d}", "year"
    return None


@dataclass(frozen=True, slots=True)
class DateExpression:
    """A date expression found in the text, before it is resolved."""

    kind: str
    """Which pattern found it (``md``, ``wd``, ``rel`` ... ; see ``_PATTERNS``)."""
    match: re.Match
    """The regular-expression match (its groups name month, day, weekday ...)."""
    start: int
    """Character offset of its first character."""
    end: int
    """Character offset just past it."""

    @property
    def relative(self) -> bool:
        """True when its value depends on the article's "now" ("on Tuesday", "Feb. 23")."""
        return self.kind in RELATIVE_KINDS


def scan(text: str) -> list[DateExpression]:
    """Every date expression in ``text``, most precise forms first, spans never overlapping."""
    found: list[DateExpression] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if kind == "year":
                start = m.start("year")
            if any(x.start < end and start < x.end for x in found):
                continue
            found.append(DateExpression(kind, m, start, end))
    return sorted(found, key=lambda x: x.start)


def agree(values: Iterable[tuple[str, str] | None]) -> tuple[str, str] | None:
    """The one value all readings share, at the finest precision they agree on.

    Used when the article's "now" is only known to lie among a few days: an
    expression read against each of them keeps its day if every reading gives
    the same day, else its month, else its year, else nothing.
    """
    vals = list(values)
    if not vals or any(v is None for v in vals):
        return None
    if all(v == vals[0] for v in vals):
        return vals[0]
    for width, precision in ((7, "month"), (4, "year")):
        heads = {v[0][:width] for v in vals if len(v[0]) >= width}
        if len(heads) == 1 and all(len(v[0]) >= width for v in vals):
            return heads.pop(), precision
    return None


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
            :mod:`detente.extract.components.reference_time`); relative expressions are
            read against each and keep what every reading agrees on (:func:`agree`).
        expressions: ``scan(text)`` when the caller already has it.
    """
    out: list[tuple[int, int, str, str]] = []
    full: list[tuple[int, int]] = []  # (start, year) of full dates (day, month and year)
    yearless: list[re.Match] = []
    for x in scan(text) if expressions is None else expressions:
        if on is None and anchors and x.relative:
            resolved = agree(_resolve(x.kind, x.match, text, a) for a in anchors)
        else:
            resolved = _resolve(x.kind, x.match, text, on)
        if resolved is None:
            if on is None and not anchors and x.kind in ("dm", "md"):
                yearless.append(x.match)
            continue
        out.append((x.start, x.end, *resolved))
        if x.kind in _ANCHOR_KINDS:
            full.append((x.start, int(resolved[0][:4])))
    for m in yearless:
        resolved = _anchored(m, full)
        if resolved is not None:
            out.append((*m.span(), *resolved))
    return sorted(out)


def stated_day(x: DateExpression) -> date | None:
    """The day of a full date ("February 24, 2025"); None for anything less precise."""
    if x.kind not in _ANCHOR_KINDS:
        return None
    resolved = _resolve(x.kind, x.match, "", None)
    return date.fromisoformat(resolved[0]) if resolved else None


def is_future(x: DateExpression, text: str) -> bool:
    """True when the expression's clause speaks of the future ("is set for Wednesday")."""
    return bool(_FUTURE.search(_clause(text, x.start, x.end)))


def window(x: DateExpression, text: str, on: date) -> tuple[date, date] | None:
    """The days the expression denotes when "now" is ``on``: first and last day.

    Finer than the output value for weeks: "last week" is the calendar week
    (Monday to Sunday) before the one of ``on``, though it is written as a month.
    """
    if x.kind == "rel" and x.match["unit"].lower() == "week":
        step = {"last": -1, "past": -1, "this": 0, "next": 1}[x.match["rel"].lower()]
        first = on - timedelta(days=on.weekday() - 7 * step)
        return first, first + timedelta(days=6)
    resolved = _resolve(x.kind, x.match, text, on)
    if resolved is None:
        return None
    value, precision = resolved
    if precision == "day":
        day = date.fromisoformat(value)
        return day, day
    year = int(value[:4])
    if precision == "month":
        month = int(value[5:7])
        nxt = date(year + month // 12, month % 12 + 1, 1)
        return date(year, month, 1), nxt - timedelta(days=1)
    return date(year, 1, 1), date(year, 12, 31)


def _anchored(m: re.Match, anchors: list[tuple[int, int]]) -> tuple[str, str] | None:
    """A year-less day and month in the year of the nearest earlier full date, if any."""
    before = [(start, year) for start, year in anchors if start < m.start()]
    if not before:
        return None
    year = max(before)[1]
    try:
        return date(year, _month(m["month"]), int(m["day"])).isoformat(), "day"
    except ValueError:
        return None


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
            calendar (:mod:`~detente.extract.components.reference_time`) and resolve relative
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
        doc._.reference = None
        if on is None and self.infer_reference:
            # imported here: reference_time builds on this module's scan() and window()
            from detente.extract.components.reference_time import infer_reference

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


@Language.factory(
    "detente_dates",
    assigns=["doc._.dates", "doc._.reference"],
    default_config={"infer_reference": True, "calendar": None},
)
def make_date_resolver(
    nlp: Language, name: str, infer_reference: bool, calendar: str | None
) -> DateResolver:
    """Build a :class:`DateResolver` (spaCy factory)."""
    return DateResolver(name=name, infer_reference=infer_reference, calendar=calendar)
